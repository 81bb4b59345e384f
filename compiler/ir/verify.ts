// The IR verifier. Runs after every pass in tests and under --verify-each.
// It checks: terminators and their targets; single definitions; dominance of
// every use; operand counts, immediates and representations against the op
// table; edge arguments against block parameters; that every op which can
// raise is checked by its block's `check` terminator with only non-raising
// ops between; that a `check`'s ok block has no other predecessor; and that
// a `yield` appears only in a generator's resume function, with a resume
// block of its own.
// It returns messages rather than throwing so a test can show them all.

import { dominatorTree } from './analysis/dominators.js';
import { predecessors } from './analysis/cfg.js';
import type { BlockId, Edge, IrFunction, IrModule, ValueId } from './function.js';
import { liveBlocks, successors, terminatorUses } from './function.js';
import { opRow } from './ops.js';
import { isBoxed, sameType, typeToString } from './types.js';

export function verifyModule(module: IrModule): string[] {
  const errors: string[] = [];
  const names = new Set(module.functions.map((f) => f.name));
  if (!names.has(module.entry)) errors.push(`entry function &${module.entry} is missing`);
  for (const fn of module.functions) {
    for (const e of verifyFunction(fn, names)) errors.push(`&${fn.name}: ${e}`);
  }
  return errors;
}

export function verifyFunction(fn: IrFunction, functionNames: ReadonlySet<string>): string[] {
  const errors: string[] = [];
  const blocks = liveBlocks(fn);
  const blockIds = new Set(blocks.map((b) => b.id));
  if (!blockIds.has(0)) return ['no entry block'];
  if (fn.blocks[0].params.length > 0) errors.push('entry block has parameters');

  // Where each value is defined: block and position (-1 for parameters).
  const defSite = new Map<ValueId, { block: BlockId; index: number }>();
  const define = (v: ValueId, block: BlockId, index: number): void => {
    if (fn.values[v] === undefined) errors.push(`%${v} has no type entry`);
    if (defSite.has(v)) errors.push(`%${v} is defined twice`);
    defSite.set(v, { block, index });
  };
  for (const p of fn.params) define(p, 0, -1);
  for (const b of blocks) {
    for (const p of b.params) define(p, b.id, -1);
    b.insts.forEach((inst, i) => { if (inst.result !== null) define(inst.result, b.id, i); });
  }

  for (const b of blocks) {
    for (const s of successors(b.term)) {
      if (!blockIds.has(s)) errors.push(`^${b.id} branches to missing block ^${s}`);
    }
  }
  if (errors.length > 0) return errors;

  const dom = dominatorTree(fn);
  const preds = predecessors(fn);
  const available = (v: ValueId, block: BlockId, index: number): boolean => {
    const site = defSite.get(v);
    if (site === undefined) return false;
    if (site.block === block) return site.index < index;
    return dom.dominates(site.block, block);
  };
  const typeOf = (v: ValueId): string => (fn.values[v] ? typeToString(fn.values[v].type) : '?');

  for (const b of blocks) {
    if (!dom.reachable.has(b.id)) continue;
    const where = (i: number | string): string => `^${b.id}[${i}]`;
    let pendingRaise: ValueId | null = null;
    b.insts.forEach((inst, i) => {
      const row = opRow(inst.op);
      if (row === undefined) { errors.push(`${where(i)} unknown op ${inst.op}`); return; }
      if (row.arity >= 0 && inst.args.length !== row.arity) {
        errors.push(`${where(i)} ${inst.op} takes ${row.arity} operands, has ${inst.args.length}`);
      }
      if ((row.imm === 'none') !== (inst.imm === undefined)) errors.push(`${where(i)} ${inst.op} immediate mismatch`);
      if ((row.result === null) !== (inst.result === null)) errors.push(`${where(i)} ${inst.op} result mismatch`);
      inst.args.forEach((a, k) => {
        if (!available(a, b.id, i)) errors.push(`${where(i)} ${inst.op} uses %${a}, which does not dominate it`);
        const t = fn.values[a]?.type;
        const want = row.operandReprAt?.(inst.imm, k) ?? (row.operandRepr === 'i32' ? 'i32' : 'box');
        if (t !== undefined && (want === 'i32' ? t.repr !== 'i32' : !isBoxed(t))) {
          errors.push(`${where(i)} ${inst.op} operand %${a} has type ${typeOf(a)}`);
        }
      });
      row.operandKinds?.forEach((kind, k) => {
        const t = fn.values[inst.args[k]]?.type;
        if (kind !== null && t !== undefined && t.kind !== kind) {
          errors.push(`${where(i)} ${inst.op} needs operand ${k} proven ${kind}, but %${inst.args[k]} is ${typeOf(inst.args[k])}`);
        }
      });
      if (inst.result !== null && row.result !== null) {
        const expected = row.result(inst.args.map((a) => fn.values[a].type), inst.imm);
        const actual = fn.values[inst.result].type;
        const anyBoxed = row.anyBoxedResult === true && isBoxed(actual);
        if (!anyBoxed && !sameType(expected, actual) && !(isBoxed(actual) && actual.kind === 'dyn' && isBoxed(expected))) {
          errors.push(`${where(i)} ${inst.op} result %${inst.result} is ${typeOf(inst.result)}, expected ${typeToString(expected)}`);
        }
      }
      if (inst.op === 'call_direct' && !functionNames.has(String(inst.imm))) {
        errors.push(`${where(i)} call_direct to unknown function &${String(inst.imm)}`);
      }
      if (pendingRaise !== null && row.raises !== 'never') {
        errors.push(`${where(i)} ${inst.op} can raise while %${pendingRaise} is still unchecked`);
      }
      if (row.raises !== 'never') {
        if (inst.result === null) errors.push(`${where(i)} raising op ${inst.op} has no result to check`);
        else pendingRaise = inst.result;
      }
    });

    const t = b.term;
    const end = b.insts.length;
    for (const a of terminatorUses(t)) {
      if (!available(a, b.id, end)) errors.push(`${where('term')} uses %${a}, which does not dominate it`);
    }
    if (pendingRaise !== null && (t.kind !== 'check' || t.value !== pendingRaise)) {
      errors.push(`${where('term')} raising result %${pendingRaise} is not checked by the terminator`);
    }
    if (t.kind === 'check') {
      if (pendingRaise !== t.value) errors.push(`${where('term')} check of %${t.value}, which no raising op in this block defines`);
      if ((preds.get(t.ok) ?? []).length !== 1) errors.push(`${where('term')} check's ok block ^${t.ok} has other predecessors`);
    }
    if (t.kind === 'branch' && fn.values[t.cond]?.type.repr !== 'i32') {
      errors.push(`${where('term')} branch condition %${t.cond} has type ${typeOf(t.cond)}, expected i32`);
    }
    if ((t.kind === 'return' || t.kind === 'yield') && !isBoxed(fn.values[t.value].type)) {
      errors.push(`${where('term')} ${t.kind}s unboxed %${t.value}`);
    }
    if (t.kind === 'yield') {
      if (fn.generator === undefined) errors.push(`${where('term')} yield outside a generator's resume function`);
      if ((preds.get(t.resume) ?? []).length !== 1 || fn.blocks[t.resume].params.length > 0) {
        errors.push(`${where('term')} yield's resume block ^${t.resume} must have no other predecessor and no parameters`);
      }
    }
    const edges: Edge[] = t.kind === 'jump' ? [t.target] : t.kind === 'branch' ? [t.then, t.else] : [];
    for (const e of edges) {
      const target = fn.blocks[e.block];
      if (e.args.length !== target.params.length) {
        errors.push(`${where('term')} passes ${e.args.length} arguments to ^${e.block}, which has ${target.params.length} parameters`);
        continue;
      }
      e.args.forEach((a, k) => {
        const want = fn.values[target.params[k]].type;
        const have = fn.values[a].type;
        if (!sameType(want, have) && !(isBoxed(want) && want.kind === 'dyn' && isBoxed(have))) {
          errors.push(`${where('term')} argument %${a}: ${typeOf(a)} does not fit parameter %${target.params[k]}: ${typeToString(want)}`);
        }
      });
    }
    if (t.kind === 'check' && (fn.blocks[t.ok].params.length > 0 || fn.blocks[t.err].params.length > 0)) {
      errors.push(`${where('term')} check targets must not have parameters`);
    }
  }
  return errors;
}
