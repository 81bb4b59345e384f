// Per-function lowering state shared by statements.ts and expressions.ts:
// the function under construction, the current block, the SSA builder, the
// loop stack, the unwind stack of enclosing try constructs, and helpers that
// append instructions. Every op that can raise is emitted through
// emitChecked, which ends the block with a `check` to the innermost landing
// pad (or the function's error exit); that is how exceptions propagate
// without wasm EH. The check carries the current error site, the source
// range a traceback shows for it.

import type { DiagnosticBag, SourceRange } from '../diagnostics.js';
import type { Program, SourceModule } from '../frontend/modules.js';
import type { FunctionScope, ProgramScopes, ScopeNode } from '../frontend/scopes.js';
import type { Block, BlockId, Edge, ErrorSite, Imm, IrFunction, Terminator, ValueId } from '../ir/function.js';
import { newBlock, newValue } from '../ir/function.js';
import { opRow, type OpName } from '../ir/ops.js';
import { T } from '../ir/types.js';
import { SsaBuilder } from './ssa.js';

/** The Python module a function belongs to, and the program it is part of (imports are resolved against it). */
export interface ModuleUnit {
  source: SourceModule;
  program: Program;
  /** What its functions' and globals' IR names start with: '' for the entry module, `NAME:` for the others. */
  prefix: string;
  /** The IR function running its top-level code. */
  body: string;
}

/** `unwindDepth` is the unwind stack's depth at the loop, so `break` runs the cleanups pushed inside it. */
export interface LoopTargets { breakTo: BlockId; continueTo: BlockId; unwindDepth: number }

/**
 * A try construct enclosing the code being lowered: raising ops inside go to
 * its landing pad, and leaving it early (return, break, continue) runs its
 * cleanup first (a finally body, restoring the handled exception).
 */
export interface UnwindEntry { landingPad: Block; cleanup: (() => void) | null }

export class LoweringContext {
  readonly ssa: SsaBuilder;
  current: Block;
  readonly loops: LoopTargets[] = [];
  unwind: UnwindEntry[] = [];
  /** The error site of the code being lowered: what a `check` emitted now reports. */
  site: ErrorSite | null = null;
  /** The function's own function object (its first parameter): closure cells and defaults come from it. */
  functionObject: ValueId = -1;
  /** The cells of the scope's captured variables, by cell index, created on entry. */
  cells: ValueId[] = [];
  /** Iterators of the `for` loops being lowered, innermost last: a `return` inside keeps them alive to the end. */
  readonly heldIterators: ValueId[] = [];
  /** In a generator's resume function: the generator, and the value sent in (null when throw() resumed it). */
  generator: ValueId = -1;
  sent: ValueId = -1;
  /** Where a raised exception leaves the function: `leave`, then `raise`. */
  readonly errorExit: Block;
  private tempCounter = 0;

  constructor(
    readonly fn: IrFunction,
    readonly scope: FunctionScope | null,
    readonly program: ProgramScopes,
    readonly diags: DiagnosticBag,
    /** IR function names by the def, lambda or comprehension they came from. */
    readonly functionNames: Map<ScopeNode, string>,
    /** The Python module being lowered. */
    readonly unit: ModuleUnit,
  ) {
    this.ssa = new SsaBuilder(fn);
    this.current = newBlock(fn);
    this.ssa.seal(this.current.id);
    this.errorExit = newBlock(fn);
    this.errorExit.insts.push({ op: 'leave', result: null, args: [] });
    this.errorExit.term = { kind: 'raise' };
  }

  /** The IR name of this module's global `name` (the immediate of the global ops). */
  globalId(name: string): string { return this.unit.prefix + name; }

  /** A name for a hidden SSA variable, unique within the function. */
  temp(purpose: string): string { return `.${purpose}${this.tempCounter++}`; }

  /** Appends an op that cannot raise. */
  emit(op: OpName, args: ValueId[], imm?: Imm): ValueId {
    const row = opRow(op);
    if (row.raises !== 'never') throw new Error(`${op} can raise; use emitChecked`);
    const type = row.result!(args.map((a) => this.fn.values[a].type), imm);
    const result = newValue(this.fn, type);
    this.current.insts.push(imm === undefined ? { op, result, args } : { op, result, args, imm });
    return result;
  }

  /** Appends an op without a result. */
  emitEffect(op: OpName, args: ValueId[], imm?: Imm): void {
    this.current.insts.push(imm === undefined ? { op, result: null, args } : { op, result: null, args, imm });
  }

  /** Appends an op that can raise and continues in a fresh block reached only when it did not. */
  emitChecked(op: OpName, args: ValueId[], imm?: Imm): ValueId {
    const row = opRow(op);
    const type = row.result!(args.map((a) => this.fn.values[a].type), imm);
    const result = newValue(this.fn, type);
    this.current.insts.push(imm === undefined ? { op, result, args } : { op, result, args, imm });
    const ok = newBlock(this.fn);
    const err = this.errorEdgeTarget();
    this.current.term = { kind: 'check', value: result, ok: ok.id, err: err.id, site: this.site };
    this.ssa.addPredecessor(ok.id, this.current.id);
    this.ssa.addPredecessor(err.id, this.current.id);
    if (err !== this.errorExit) this.ssa.seal(err.id);
    this.ssa.seal(ok.id);
    this.current = ok;
    return result;
  }

  /** Where an exception raised now goes: the innermost landing pad, else the function's error exit. */
  errorTarget(): Block {
    return this.unwind.length > 0 ? this.unwind[this.unwind.length - 1].landingPad : this.errorExit;
  }

  /**
   * The block a check's error edge goes to. A landing pad may need block
   * parameters (locals assigned in the try body are read in the handler),
   * which a check edge cannot pass, so each check gets its own block that
   * jumps there with the arguments; the function's error exit reads no
   * locals and is reached directly.
   */
  private errorEdgeTarget(): Block {
    const target = this.errorTarget();
    if (target === this.errorExit) return target;
    const trampoline = newBlock(this.fn);
    trampoline.term = { kind: 'jump', target: { block: target.id, args: [] } };
    this.ssa.addPredecessor(target.id, trampoline.id);
    return trampoline;
  }

  /** Lowers `body` with `site` as the error site, restoring the outer one after. */
  atSite<T>(site: ErrorSite | null, body: () => T): T {
    const outer = this.site;
    this.site = site;
    try { return body(); } finally { this.site = outer; }
  }

  /**
   * Emits the cleanups of the unwind entries above `depth`, innermost first,
   * as control leaves them early; each cleanup's own errors go to the
   * landing pads outside it.
   */
  unwindTo(depth: number): void {
    const saved = this.unwind;
    for (let i = saved.length - 1; i >= depth; i--) {
      this.unwind = saved.slice(0, i);
      saved[i].cleanup?.();
    }
    this.unwind = saved;
  }

  /**
   * Before leaving the function: keep what the frame holds (its variables'
   * current values, its cells, its loops' iterators) alive up to here, so
   * that they are released as the frame ends, as in CPython, rather than
   * after their last use.
   */
  keepFrameAlive(): void {
    const held: ValueId[] = [];
    for (const name of this.scope?.locals ?? []) {
      const value = this.ssa.read(name, this.current.id);
      if (!this.isUndef(value)) held.push(value);
    }
    held.push(...this.cells, ...this.heldIterators);
    if (held.length > 0) this.emitEffect('keep_alive', held);
  }

  /** Whether `v` is the entry's `undef` (a variable unassigned on every path). */
  isUndef(v: ValueId): boolean { return this.ssa.isUndef(v); }

  /** Ends the current block with a jump; further code goes to an unreachable block until `startBlock`. */
  jump(target: Block, args: ValueId[] = []): void {
    const edge: Edge = { block: target.id, args };
    this.current.term = { kind: 'jump', target: edge };
    this.ssa.addPredecessor(target.id, this.current.id);
    this.current = this.detachedBlock();
  }

  branch(cond: ValueId, then: Block, otherwise: Block): void {
    this.current.term = { kind: 'branch', cond, then: { block: then.id, args: [] }, else: { block: otherwise.id, args: [] } };
    this.ssa.addPredecessor(then.id, this.current.id);
    this.ssa.addPredecessor(otherwise.id, this.current.id);
    this.current = this.detachedBlock();
  }

  /** Ends the current block with an exit (return, raise); later code lands in an unreachable block. */
  terminate(term: Terminator): void {
    this.current.term = term;
    this.current = this.detachedBlock();
  }

  /** A block no edge reaches, for code after `return`, `break` or `continue`; DCE drops it. */
  private detachedBlock(): Block {
    const block = newBlock(this.fn);
    this.ssa.seal(block.id);
    return block;
  }

  newBlock(): Block { return newBlock(this.fn); }

  startBlock(block: Block): void { this.current = block; }

  constNone(): ValueId { return this.emit('const_none', []); }

  error(code: 'unsupported' | 'invalid' | 'import' | 'internal', message: string, range: SourceRange): void {
    this.diags.error(code, message, range);
  }

  get isModule(): boolean { return this.scope === null; }

  valueType(v: ValueId) { return this.fn.values[v]?.type ?? T.dyn; }
}
