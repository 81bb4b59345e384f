// The IR's data: modules, functions, blocks with parameters (SSA without phi
// nodes), instructions and terminators. Plain objects, no behaviour, so that
// passes, the printer, the parser and the verifier all read the same shape.
// Invariants (checked by verify.ts): blocks[0] is the entry and has no
// parameters; every value is defined once and dominates its uses; every op
// that can raise is immediately checked by its block's `check` terminator.

import type { SourcePos, SourceRange } from '../diagnostics.js';
import type { OpName } from './ops.js';
import type { IrType } from './types.js';

export type ValueId = number;
export type BlockId = number;

/** Immediate operand: an int or float literal, a string, or a symbol name (global, function, builtin). */
export type Imm = bigint | number | string;

export interface ValueInfo { type: IrType; hint?: string }

export interface Inst {
  op: OpName;
  result: ValueId | null;
  args: ValueId[];
  imm?: Imm;
}

export interface Edge { block: BlockId; args: ValueId[] }

/**
 * Where an exception leaving a `check` is reported in a traceback: the source
 * range CPython 3.11 gives the failing instruction, and for a binary operator
 * or a subscript the positions its caret line is anchored on (the end of the
 * left operand and the start of the right one; the end of the subscripted
 * value and the end of the index).
 */
export interface ErrorSite {
  range: SourceRange;
  anchor?: { kind: 'binary' | 'subscript'; left: SourcePos; right: SourcePos };
}

export type Terminator =
  | { kind: 'jump'; target: Edge }
  | { kind: 'branch'; cond: ValueId; then: Edge; else: Edge }
  /**
   * Continues to `ok` unless the op that defined `value` raised, else to `err`. `ok` has no other predecessor.
   * Taking `err` adds a traceback entry at `site`; a null site adds none (a re-raise, a failed depth check).
   */
  | { kind: 'check'; value: ValueId; ok: BlockId; err: BlockId; site: ErrorSite | null }
  | { kind: 'return'; value: ValueId }
  /**
   * A generator's `yield value`: suspend, handing `value` (stolen) to the caller; execution
   * continues at `resume` when the generator is resumed. Only irbuild makes these, only in a
   * generator's resume function; the generators pass turns them into saves and returns.
   */
  | { kind: 'yield'; value: ValueId; resume: BlockId }
  /** Returns to the caller with the pending exception. */
  | { kind: 'raise' }
  | { kind: 'unreachable' };

export interface Block {
  id: BlockId;
  params: ValueId[];
  insts: Inst[];
  term: Terminator;
}

/**
 * A Python function's calling signature, as the runtime binds arguments to
 * it: positional parameters (the first `posonly` of them positional-only),
 * then keyword-only ones, then `*args`, then `**kwargs`; `defaults` is how
 * many trailing positional parameters have defaults.
 */
export interface Signature { argcount: number; posonly: number; kwonly: number; varargs: boolean; varkw: boolean; defaults: number }

export interface IrFunction {
  name: string;
  /**
   * The function object (a null box for the module body's function, which has none)
   * followed by one value per declared parameter, in `paramNames` order.
   */
  params: ValueId[];
  /** Indexed by ValueId. */
  values: ValueInfo[];
  /** Indexed by BlockId; a deleted block leaves a hole (undefined), compacted by renumberBlocks. */
  blocks: Block[];
  /** `__name__`, and the frame name tracebacks print (`<module>`, `<lambda>`, `<listcomp>`). */
  pyName: string;
  qualname: string;
  paramNames: string[];
  signature: Signature;
  docstring: string | null;
  /**
   * Set on a generator's resume function (parameters: function object, generator, sent
   * value): `slots` is the number of generator slots its suspended state needs, decided by
   * the generators pass (the declared parameters take the first ones).
   */
  generator?: { slots: number };
  /** The index in `IrModule.modules` of the Python module that defines it (absent: the entry's). */
  module?: number;
}

/** A global slot: `name` is the Python name, qualified `MODULE:name` outside the entry module. */
export interface IrGlobal { name: string; slot: number }

/**
 * One of the program's Python modules. The entry is modules[0] (`__main__`);
 * the others are imported with `import_module #index`.
 */
export interface IrSourceModule {
  name: string;
  /** `__file__`: the absolute path (the entry's is not used). */
  file: string;
  isPackage: boolean;
  /** The IR function running its top-level code. */
  body: string;
  /** Its globals' IR names, in slot order: the cells the module object reads and writes by name. */
  globals: string[];
  /** Its package's index, or null for a top-level module. */
  parent: number | null;
  /** The submodules of a package that the program contains. */
  children: number[];
}

export interface IrModule {
  functions: IrFunction[];
  globals: IrGlobal[];
  /** The function holding the module body. */
  entry: string;
  /** The program's modules; absent for a one-module program built without the loader. */
  modules?: IrSourceModule[];
}

/** The Python name of a global slot: its IR name without the module qualifier. */
export function globalPyName(irName: string): string { return irName.slice(irName.lastIndexOf(':') + 1); }

export function liveBlocks(fn: IrFunction): Block[] {
  return fn.blocks.filter((b): b is Block => b !== undefined);
}

export function successorEdges(term: Terminator): { block: BlockId; args: ValueId[] }[] {
  switch (term.kind) {
    case 'jump': return [term.target];
    case 'branch': return [term.then, term.else];
    case 'check': return [{ block: term.ok, args: [] }, { block: term.err, args: [] }];
    case 'yield': return [{ block: term.resume, args: [] }];
    case 'return': case 'raise': case 'unreachable': return [];
  }
}

export function successors(term: Terminator): BlockId[] {
  return successorEdges(term).map((e) => e.block);
}

/** Values a terminator reads, edge arguments included. */
export function terminatorUses(term: Terminator): ValueId[] {
  switch (term.kind) {
    case 'jump': return [...term.target.args];
    case 'branch': return [term.cond, ...term.then.args, ...term.else.args];
    case 'check': return [term.value];
    case 'return': case 'yield': return [term.value];
    case 'raise': case 'unreachable': return [];
  }
}

/** Rewrites every value a terminator reads through `map`. */
export function mapTerminatorUses(term: Terminator, map: (v: ValueId) => ValueId): Terminator {
  const edge = (e: Edge): Edge => ({ block: e.block, args: e.args.map(map) });
  switch (term.kind) {
    case 'jump': return { kind: 'jump', target: edge(term.target) };
    case 'branch': return { kind: 'branch', cond: map(term.cond), then: edge(term.then), else: edge(term.else) };
    case 'check': return { ...term, value: map(term.value) };
    case 'return': return { kind: 'return', value: map(term.value) };
    case 'yield': return { ...term, value: map(term.value) };
    case 'raise': case 'unreachable': return term;
  }
}

/** Edges of `term` that lead to `target` (a branch may have two). */
export function edgesTo(term: Terminator, target: BlockId): Edge[] {
  switch (term.kind) {
    case 'jump': return term.target.block === target ? [term.target] : [];
    case 'branch': return [term.then, term.else].filter((e) => e.block === target);
    default: return [];
  }
}

/** Retargets edges to `from` so that they lead to `to`, keeping their arguments. */
export function retarget(term: Terminator, from: BlockId, to: BlockId): void {
  switch (term.kind) {
    case 'jump': if (term.target.block === from) term.target.block = to; break;
    case 'branch':
      if (term.then.block === from) term.then.block = to;
      if (term.else.block === from) term.else.block = to;
      break;
    case 'check':
      if (term.ok === from) term.ok = to;
      if (term.err === from) term.err = to;
      break;
    case 'yield': if (term.resume === from) term.resume = to; break;
    case 'return': case 'raise': case 'unreachable': break;
  }
}

/** The instruction defining each instruction result (parameters have none). */
export function definingInsts(fn: IrFunction): Map<ValueId, Inst> {
  const defs = new Map<ValueId, Inst>();
  for (const b of liveBlocks(fn)) for (const i of b.insts) if (i.result !== null) defs.set(i.result, i);
  return defs;
}

export function newValue(fn: IrFunction, type: IrType, hint?: string): ValueId {
  fn.values.push(hint === undefined ? { type } : { type, hint });
  return fn.values.length - 1;
}

export function newBlock(fn: IrFunction): Block {
  const block: Block = { id: fn.blocks.length, params: [], insts: [], term: { kind: 'unreachable' } };
  fn.blocks.push(block);
  return block;
}

/**
 * Replacements of values by other values, collected while a pass rewrites
 * the IR (a removed block parameter, a merged block's parameters) and applied
 * to every use at the end. Chains resolve to their final value.
 */
export class ValueReplacements {
  private readonly map = new Map<ValueId, ValueId>();

  replace(from: ValueId, to: ValueId): void { this.map.set(from, to); }

  resolve(v: ValueId): ValueId {
    while (this.map.has(v)) v = this.map.get(v)!;
    return v;
  }

  applyTo(fn: IrFunction): void {
    const resolve = (v: ValueId): ValueId => this.resolve(v);
    for (const block of liveBlocks(fn)) {
      for (const inst of block.insts) inst.args = inst.args.map(resolve);
      block.term = mapTerminatorUses(block.term, resolve);
    }
  }
}

/** Compacts block ids after deletions, keeping the relative order, so printing stays deterministic. */
export function renumberBlocks(fn: IrFunction): void {
  const live = liveBlocks(fn);
  const map = new Map<BlockId, BlockId>(live.map((b, i) => [b.id, i]));
  const m = (id: BlockId): BlockId => map.get(id)!;
  for (const b of live) {
    b.id = m(b.id);
    const t = b.term;
    switch (t.kind) {
      case 'jump': t.target.block = m(t.target.block); break;
      case 'branch': t.then.block = m(t.then.block); t.else.block = m(t.else.block); break;
      case 'check': t.ok = m(t.ok); t.err = m(t.err); break;
      case 'yield': t.resume = m(t.resume); break;
      case 'return': case 'raise': case 'unreachable': break;
    }
  }
  fn.blocks = live;
}
