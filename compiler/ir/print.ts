// Deterministic text form of the IR, used for golden tests, `--emit ir` and
// debugging. The same module always prints the same bytes: values and blocks
// print by number, never by object identity or insertion into a Map.

import type { SourceRange } from '../diagnostics.js';
import type { Block, Edge, Imm, Inst, IrFunction, IrModule, Terminator } from './function.js';
import { liveBlocks } from './function.js';
import { opRow } from './ops.js';
import { typeToString } from './types.js';

export function printModule(module: IrModule): string {
  const lines: string[] = [];
  for (const g of module.globals) lines.push(`global $${g.name} #${g.slot}`);
  if (module.globals.length > 0) lines.push('');
  // A one-module program prints no module table (its golden dumps predate modules).
  const imported = module.modules?.slice(1) ?? [];
  imported.forEach((m, i) => lines.push(`module #${i + 1} ${JSON.stringify(m.name)} &${m.body}${m.isPackage ? ' package' : ''}`));
  if (imported.length > 0) lines.push('');
  lines.push(`entry &${module.entry}`, '');
  for (const fn of module.functions) lines.push(printFunction(fn));
  return lines.join('\n');
}

export function printFunction(fn: IrFunction): string {
  const v = (id: number): string => `%${id}`;
  const typed = (id: number): string => `${v(id)}: ${typeToString(fn.values[id].type)}`;
  const params = fn.params.map(typed).join(', ');
  const names = fn.paramNames.map((n) => JSON.stringify(n)).join(', ');
  const out = [`function &${fn.name}(${params}) py ${JSON.stringify(fn.pyName)} [${names}] {`];
  for (const block of liveBlocks(fn)) out.push(...printBlock(fn, block, typed));
  out.push('}', '');
  return out.join('\n');
}

function printBlock(fn: IrFunction, block: Block, typed: (id: number) => string): string[] {
  const header = block.params.length > 0 ? `^${block.id}(${block.params.map(typed).join(', ')}):` : `^${block.id}:`;
  return [header, ...block.insts.map((i) => '  ' + printInst(fn, i)), '  ' + printTerminator(block.term)];
}

export function printImm(inst: Inst): string {
  const imm = inst.imm as Imm;
  switch (opRow(inst.op).imm) {
    case 'none': return '';
    case 'int': return String(imm);
    case 'float': return Object.is(imm, -0) ? '-0.0' : Number.isInteger(imm) ? `${imm}.0` : String(imm);
    case 'str': case 'name': return JSON.stringify(imm);
    case 'global': return `$${imm}`;
    case 'func': return `&${imm}`;
    case 'builtin': return `builtin.${imm}`;
    case 'small': return `#${imm}`;
  }
}

function printInst(fn: IrFunction, inst: Inst): string {
  const parts: string[] = [inst.op];
  const imm = printImm(inst);
  if (imm !== '') parts.push(imm);
  const args = inst.args.map((a) => `%${a}`).join(', ');
  if (args !== '') parts.push(args);
  const body = parts.join(' ');
  return inst.result === null ? body : `%${inst.result}: ${typeToString(fn.values[inst.result].type)} = ${body}`;
}

function printEdge(e: Edge): string {
  return e.args.length === 0 ? `^${e.block}` : `^${e.block}(${e.args.map((a) => `%${a}`).join(', ')})`;
}

function printRange(r: SourceRange): string {
  return `${r.start.line}:${r.start.col}-${r.end.line}:${r.end.col}`;
}

export function printTerminator(t: Terminator): string {
  switch (t.kind) {
    case 'jump': return `jump ${printEdge(t.target)}`;
    case 'branch': return `branch %${t.cond}, ${printEdge(t.then)}, ${printEdge(t.else)}`;
    case 'check': return `check %${t.value}, ^${t.ok}, ^${t.err}${t.site === null ? '' : ' @' + printRange(t.site.range)}`;
    case 'return': return `return %${t.value}`;
    case 'yield': return `yield %${t.value}, ^${t.resume}`;
    case 'raise': return 'raise';
    case 'unreachable': return 'unreachable';
  }
}
