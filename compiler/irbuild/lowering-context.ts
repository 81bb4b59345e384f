// Per-function lowering state shared by statements.ts and expressions.ts:
// the function under construction, the current block, the SSA builder, the
// loop stack, and helpers that append instructions. Every op that can raise
// is emitted through emitChecked, which ends the block with a `check` to the
// function's error exit; that is how exceptions propagate without wasm EH.

import type { DiagnosticBag, SourceRange } from '../diagnostics.js';
import type { FunctionScope, ProgramScopes } from '../frontend/scopes.js';
import type { Block, BlockId, Edge, Imm, IrFunction, Terminator, ValueId } from '../ir/function.js';
import { newBlock, newValue } from '../ir/function.js';
import { opRow, type OpName } from '../ir/ops.js';
import { T } from '../ir/types.js';
import { SsaBuilder } from './ssa.js';

export interface LoopTargets { breakTo: BlockId; continueTo: BlockId }

export class LoweringContext {
  readonly ssa: SsaBuilder;
  current: Block;
  readonly loops: LoopTargets[] = [];
  /** Where a raised exception leaves the function: `leave`, then `raise`. */
  readonly errorExit: Block;
  private tempCounter = 0;

  constructor(
    readonly fn: IrFunction,
    readonly scope: FunctionScope | null,
    readonly program: ProgramScopes,
    readonly diags: DiagnosticBag,
    /** IR function names by the `def` they came from. */
    readonly functionNames: Map<object, string>,
  ) {
    this.ssa = new SsaBuilder(fn);
    this.current = newBlock(fn);
    this.ssa.seal(this.current.id);
    this.errorExit = newBlock(fn);
    this.errorExit.insts.push({ op: 'leave', result: null, args: [] });
    this.errorExit.term = { kind: 'raise' };
  }

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
    this.current.term = { kind: 'check', value: result, ok: ok.id, err: this.errorExit.id };
    this.ssa.addPredecessor(ok.id, this.current.id);
    this.ssa.addPredecessor(this.errorExit.id, this.current.id);
    this.ssa.seal(ok.id);
    this.current = ok;
    return result;
  }

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

  error(code: 'unsupported' | 'invalid', message: string, range: SourceRange): void {
    this.diags.error(code, message, range);
  }

  get isModule(): boolean { return this.scope === null; }

  valueType(v: ValueId) { return this.fn.values[v]?.type ?? T.dyn; }
}
