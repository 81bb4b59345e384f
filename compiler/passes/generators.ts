// Turns a generator's resume function into a state machine. Each `yield v`
// (resume point k) becomes: save every value live into its resume block
// into the generator's slots, set the state to k, leave, return v. The
// entry, after the depth check, dispatches on the state: 0 goes to the
// start of the body, k to a block that reloads the saved values and jumps
// to resume point k. Values defined by argument-free constant ops are
// recomputed there instead of saved. The reloaded values are new
// definitions of the saved ones, so every use reached through a resume
// point is rewritten to the definition that reaches it, adding block
// parameters where definitions meet (SSA reconstruction over one variable
// at a time). Runs before refcounting: a save steals its value and a load
// makes an owned one, so the refcount pass balances them like any op.

import { computeLiveness } from '../ir/analysis/liveness.js';
import { predecessors } from '../ir/analysis/cfg.js';
import type { Block, BlockId, Inst, IrFunction, IrModule, ValueId } from '../ir/function.js';
import { definingInsts, edgesTo, liveBlocks, newBlock, newValue } from '../ir/function.js';
import { opRow } from '../ir/ops.js';
import { T, isBoxed } from '../ir/types.js';

export function run(module: IrModule): void {
  for (const fn of module.functions) if (fn.generator !== undefined) lowerResumeFunction(fn);
}

function lowerResumeFunction(fn: IrFunction): void {
  const generator = fn.params[1];
  const entry = fn.blocks[0];
  if (entry.term.kind !== 'check') throw new Error(`&${fn.name}: a resume function starts with its depth check`);
  const start = entry.term.ok;
  const yields = liveBlocks(fn).filter((b) => b.term.kind === 'yield');
  const { liveIn } = computeLiveness(fn);
  const defs = definingInsts(fn);
  const params = new Set(fn.params);
  const slots = new Map<ValueId, number>();
  let nextSlot = fn.generator!.slots;
  const redefinitions = new Map<ValueId, Map<BlockId, ValueId>>();
  const resumeTargets: BlockId[] = [start];

  yields.forEach((block, index) => {
    const state = index + 1;
    const term = block.term as Extract<Block['term'], { kind: 'yield' }>;
    const reload = newBlock(fn);
    const live = [...liveIn.get(term.resume)!].filter((v) => !params.has(v)).sort((a, b) => a - b);
    for (const v of live) {
      const type = fn.values[v].type;
      const def = defs.get(v);
      const copy = newValue(fn, type, fn.values[v].hint);
      if (def !== undefined && def.args.length === 0 && opRow(def.op).pure && opRow(def.op).ownership !== 'new') {
        reload.insts.push({ ...def, result: copy });
      } else {
        let slot = slots.get(v);
        if (slot === undefined) { slot = nextSlot++; slots.set(v, slot); }
        if (isBoxed(type)) {
          block.insts.push({ op: 'gen_save', result: null, args: [generator, v], imm: slot });
          reload.insts.push({ op: 'gen_load', result: copy, args: [generator], imm: slot });
        } else if (type.repr === 'i32') {
          block.insts.push({ op: 'gen_save_i32', result: null, args: [generator, v], imm: slot });
          reload.insts.push({ op: 'gen_load_i32', result: copy, args: [generator], imm: slot });
        } else {
          throw new Error(`&${fn.name}: cannot keep a ${type.repr} value across a yield`);
        }
      }
      let byBlock = redefinitions.get(v);
      if (byBlock === undefined) { byBlock = new Map(); redefinitions.set(v, byBlock); }
      byBlock.set(reload.id, copy);
    }
    block.insts.push({ op: 'gen_set_state', result: null, args: [generator], imm: state });
    block.insts.push({ op: 'leave', result: null, args: [] });
    block.term = { kind: 'return', value: term.value };
    reload.term = { kind: 'jump', target: { block: term.resume, args: [] } };
    resumeTargets.push(reload.id);
  });

  entry.term.ok = buildDispatch(fn, generator, resumeTargets).id;
  fn.generator = { slots: nextSlot };
  for (const [v, byBlock] of redefinitions) reconstructSsa(fn, v, byBlock);
}

/** A chain of state tests: state k continues at targets[k]. */
function buildDispatch(fn: IrFunction, generator: ValueId, targets: BlockId[]): Block {
  const first = newBlock(fn);
  let current = first;
  targets.forEach((target, state) => {
    if (state === targets.length - 1) {
      current.term = { kind: 'jump', target: { block: target, args: [] } };
      return;
    }
    const isState = newValue(fn, T.i32);
    current.insts.push({ op: 'gen_state_is', result: isState, args: [generator], imm: state });
    const next = newBlock(fn);
    current.term = { kind: 'branch', cond: isState, then: { block: target, args: [] }, else: { block: next.id, args: [] } };
    current = next;
  });
  return first;
}

/**
 * `v` now has further definitions at the ends of the blocks in `redefined`.
 * Rewrites each use of `v` to the definition reaching it: a block that
 * defines it uses its own definition, a block with one predecessor inherits
 * the predecessor's, and a join gets a block parameter fed by each edge.
 */
function reconstructSsa(fn: IrFunction, v: ValueId, redefined: Map<BlockId, ValueId>): void {
  const preds = predecessors(fn);
  const originalBlock = liveBlocks(fn).find((b) => b.params.includes(v) || b.insts.some((i) => i.result === v))!.id;
  const atEnd = new Map(redefined);
  atEnd.set(originalBlock, v);
  const atEntry = new Map<BlockId, ValueId>();
  const readEnd = (b: BlockId): ValueId => atEnd.get(b) ?? readEntry(b);
  const readEntry = (b: BlockId): ValueId => {
    const known = atEntry.get(b);
    if (known !== undefined) return known;
    const from = preds.get(b) ?? [];
    if (from.length === 1) {
      const value = readEnd(from[0]);
      atEntry.set(b, value);
      return value;
    }
    const param = newValue(fn, fn.values[v].type, fn.values[v].hint);
    fn.blocks[b].params.push(param);
    atEntry.set(b, param);
    for (const p of from) {
      const edges = edgesTo(fn.blocks[p].term, b);
      if (edges.length === 0) throw new Error(`&${fn.name}: cannot pass a reloaded value along the edge ^${p} -> ^${b}`);
      const arg = readEnd(p);
      for (const e of edges) e.args.push(arg);
    }
    return param;
  };
  const rewrite = (b: BlockId) => (a: ValueId): ValueId => (a === v ? readEntry(b) : a);
  for (const block of liveBlocks(fn)) {
    if (block.id === originalBlock || redefined.has(block.id)) continue;
    const use = rewrite(block.id);
    block.insts = block.insts.map((inst): Inst => (inst.args.includes(v) ? { ...inst, args: inst.args.map(use) } : inst));
    const t = block.term;
    switch (t.kind) {
      case 'jump': t.target.args = t.target.args.map(use); break;
      case 'branch': t.cond = use(t.cond); t.then.args = t.then.args.map(use); t.else.args = t.else.args.map(use); break;
      case 'check': t.value = use(t.value); break;
      case 'return': t.value = use(t.value); break;
      case 'yield': case 'raise': case 'unreachable': break;
    }
  }
}
