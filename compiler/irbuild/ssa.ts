// On-the-fly SSA construction with block parameters, after Braun et al.,
// "Simple and Efficient Construction of Static Single Assignment Form"
// (CC 2013). Variables are Python locals plus hidden temporaries whose names
// start with '.', which no Python identifier can. Invariant: a block is
// sealed only once all its predecessors exist and are terminated; edge
// arguments for a parameter are appended when the parameter gets its operands.

import type { BlockId, IrFunction, ValueId } from '../ir/function.js';
import { ValueReplacements, edgesTo, liveBlocks, newValue } from '../ir/function.js';
import { predecessors, reversePostorder } from '../ir/analysis/cfg.js';
import { T, joinTypes, type IrType } from '../ir/types.js';

export class SsaBuilder {
  private readonly currentDef = new Map<BlockId, Map<string, ValueId>>();
  private readonly sealed = new Set<BlockId>();
  private readonly incomplete = new Map<BlockId, Map<string, ValueId>>();
  private readonly preds = new Map<BlockId, BlockId[]>();
  private readonly undefs = new Map<string, ValueId>();
  private readonly undefValues = new Set<ValueId>();
  /** Parameters this builder created for variables (as opposed to explicit ones). */
  private readonly variableParams = new Set<ValueId>();

  constructor(private readonly fn: IrFunction) {}

  /** Records that `from` now ends with an edge (or two) to `to`. */
  addPredecessor(to: BlockId, from: BlockId): void {
    if (this.sealed.has(to)) throw new Error(`edge into sealed block ^${to}`);
    const list = this.preds.get(to) ?? [];
    list.push(from);
    this.preds.set(to, list);
  }

  write(name: string, block: BlockId, value: ValueId): void {
    let defs = this.currentDef.get(block);
    if (defs === undefined) { defs = new Map(); this.currentDef.set(block, defs); }
    defs.set(name, value);
  }

  read(name: string, block: BlockId): ValueId {
    const local = this.currentDef.get(block)?.get(name);
    return local ?? this.readRecursive(name, block);
  }

  private readRecursive(name: string, block: BlockId): ValueId {
    let value: ValueId;
    const preds = this.preds.get(block) ?? [];
    if (!this.sealed.has(block)) {
      value = this.newParam(block, name);
      let pending = this.incomplete.get(block);
      if (pending === undefined) { pending = new Map(); this.incomplete.set(block, pending); }
      pending.set(name, value);
    } else if (preds.length === 0) {
      value = this.undefFor(name);
    } else if (preds.length === 1) {
      value = this.read(name, preds[0]);
    } else {
      value = this.newParam(block, name);
      this.write(name, block, value);
      this.addParamOperands(name, block);
    }
    this.write(name, block, value);
    return value;
  }

  private newParam(block: BlockId, name: string): ValueId {
    const v = newValue(this.fn, T.dyn, name);
    this.fn.blocks[block].params.push(v);
    this.variableParams.add(v);
    return v;
  }

  private addParamOperands(name: string, block: BlockId): void {
    for (const pred of this.preds.get(block) ?? []) {
      const arg = this.read(name, pred);
      for (const edge of edgesTo(this.fn.blocks[pred].term, block)) edge.args.push(arg);
    }
  }

  /** Whether `v` is one of the entry block's `undef`s. */
  isUndef(v: ValueId): boolean { return this.undefValues.has(v); }

  /** The entry block's `undef` for a variable read before any assignment on some path. */
  private undefFor(name: string): ValueId {
    let v = this.undefs.get(name);
    if (v === undefined) {
      v = newValue(this.fn, T.dyn, name);
      this.fn.blocks[0].insts.unshift({ op: 'undef', result: v, args: [] });
      this.undefs.set(name, v);
      this.undefValues.add(v);
    }
    return v;
  }

  seal(block: BlockId): void {
    if (this.sealed.has(block)) return;
    this.sealed.add(block);
    const pending = this.incomplete.get(block);
    if (pending === undefined) return;
    this.incomplete.delete(block);
    // Edges into this block carry explicit arguments first; variable operands follow in creation order.
    for (const name of pending.keys()) this.addParamOperands(name, block);
  }

  /**
   * Removes parameters whose incoming values are all one value (or the
   * parameter itself), then gives the remaining variable parameters the join
   * of their incoming types. Replacements are applied to the whole function.
   */
  finish(): void {
    if (this.incomplete.size > 0) throw new Error('finish() with unsealed blocks');
    const fn = this.fn;
    // Code after return/break/continue was lowered into blocks nothing reaches; their
    // edges would feed `undef` into real joins, so drop them before judging parameters.
    const reachable = new Set(reversePostorder(fn));
    for (const b of liveBlocks(fn)) if (!reachable.has(b.id)) delete (fn.blocks as (typeof b | undefined)[])[b.id];
    const replaced = new ValueReplacements();
    const resolve = (v: ValueId): ValueId => replaced.resolve(v);
    for (let changed = true; changed;) {
      changed = false;
      const preds = predecessors(fn);
      for (const block of liveBlocks(fn)) {
        for (let k = block.params.length - 1; k >= 0; k--) {
          const param = block.params[k];
          if (!this.variableParams.has(param)) continue;
          const incoming = new Set<ValueId>();
          for (const p of preds.get(block.id) ?? []) {
            for (const e of edgesTo(fn.blocks[p].term, block.id)) incoming.add(resolve(e.args[k]));
          }
          incoming.delete(param);
          if (incoming.size !== 1) continue;
          replaced.replace(param, [...incoming][0]);
          block.params.splice(k, 1);
          for (const p of preds.get(block.id) ?? []) {
            for (const e of edgesTo(fn.blocks[p].term, block.id)) e.args.splice(k, 1);
          }
          changed = true;
        }
      }
    }
    replaced.applyTo(fn);
    this.inferParamTypes();
  }

  /** Variable parameters get the join of what flows into them, iterated to a fixed point. */
  private inferParamTypes(): void {
    const fn = this.fn;
    const known = new Map<ValueId, IrType>();
    const typeOf = (v: ValueId): IrType | undefined => (this.variableParams.has(v) ? known.get(v) : fn.values[v].type);
    const preds = predecessors(fn);
    for (let changed = true; changed;) {
      changed = false;
      for (const block of liveBlocks(fn)) {
        block.params.forEach((param, k) => {
          if (!this.variableParams.has(param)) return;
          let t: IrType | undefined;
          for (const p of preds.get(block.id) ?? []) {
            for (const e of edgesTo(fn.blocks[p].term, block.id)) {
              const incoming = typeOf(e.args[k]);
              if (incoming !== undefined) t = t === undefined ? incoming : joinTypes(t, incoming);
            }
          }
          if (t !== undefined && (known.get(param) === undefined || known.get(param) !== t)) {
            const before = known.get(param);
            const next = before === undefined ? t : joinTypes(before, t);
            if (before === undefined || before.kind !== next.kind) { known.set(param, next); changed = true; }
          }
        });
      }
    }
    for (const [param, t] of known) fn.values[param] = { ...fn.values[param], type: t };
  }
}
