// Inserts explicit incref/decref, late, after every other pass.
// Ownership model (as mypyc's): an op's result is an owned reference when its
// table row says `new`; block parameters own what flows into them; function
// parameters and immortal constants are borrowed. An owned value is released
// where it dies: after its last use in a block, at the head of a successor
// it is not live into, or right after its definition if never used. Stealing
// uses (return, edge arguments, store_global) take the reference when this
// is the value's last use and otherwise get an incref. A value produced by an
// op that can raise exists only on the `check`'s ok edge, so it is never
// released on the error edge. Values that may be a null box (an unassigned
// local, an exhausted iterator's item) use the null-tolerant xincref/xdecref.

import { maybeNullValues } from '../ir/analysis/definedness.js';
import { computeLiveness } from '../ir/analysis/liveness.js';
import { predecessors } from '../ir/analysis/cfg.js';
import type { Block, BlockId, Inst, IrFunction, IrModule, ValueId } from '../ir/function.js';
import { definingInsts, liveBlocks, newBlock, retarget, successors } from '../ir/function.js';
import { opRow } from '../ir/ops.js';
import { isBoxed } from '../ir/types.js';

export function run(module: IrModule): void {
  for (const fn of module.functions) insertRefcounts(fn);
}

function insertRefcounts(fn: IrFunction): void {
  splitBranchEdgesWithArguments(fn);
  const { liveIn, liveOut } = computeLiveness(fn);
  const owned = ownedValues(fn);
  const maybeNull = maybeNullValues(fn, 'any');
  const incref = (v: ValueId): Inst => ({ op: maybeNull.has(v) ? 'xincref' : 'incref', result: null, args: [v] });
  const decref = (v: ValueId): Inst => ({ op: maybeNull.has(v) ? 'xdecref' : 'decref', result: null, args: [v] });
  const defs = definingInsts(fn);
  const isImmortal = (v: ValueId): boolean => {
    const def = defs.get(v);
    return def !== undefined && opRow(def.op).ownership === 'immortal';
  };
  const needsIncrefToSteal = (v: ValueId): boolean => isBoxed(fn.values[v].type) && !isImmortal(v);

  /** Releases that belong on the edge from a block to one successor, applied after all blocks are scanned. */
  const edgeReleases: { from: BlockId; to: BlockId; values: ValueId[] }[] = [];

  for (const block of liveBlocks(fn)) {
    const live = new Set(liveOut.get(block.id)!);
    const term = block.term;
    if (term.kind === 'yield') throw new Error(`&${fn.name}: yield survived to refcounting; the generators pass must run first`);
    const checked = term.kind === 'check' ? term.value : null;
    const beforeTerm: Inst[] = [];

    // Terminator: stealing uses first.
    const stolen = term.kind === 'jump' ? term.target.args : term.kind === 'return' ? [term.value] : [];
    const consumed = new Set<ValueId>();
    for (const v of stolen) {
      if (owned.has(v) && !live.has(v) && !consumed.has(v)) consumed.add(v);
      else if (needsIncrefToSteal(v)) beforeTerm.push(incref(v));
    }
    for (const v of stolen) live.add(v);
    if (term.kind === 'branch') live.add(term.cond);
    if (checked !== null) live.add(checked);

    const reversed: Inst[] = [...beforeTerm.reverse()];
    for (let i = block.insts.length - 1; i >= 0; i--) {
      const inst = block.insts[i];
      const row = opRow(inst.op);
      const after: Inst[] = [];
      const before: Inst[] = [];
      if (inst.result !== null) {
        if (owned.has(inst.result) && !live.has(inst.result) && inst.result !== checked) after.push(decref(inst.result));
        live.delete(inst.result);
      }
      const stealsHere = new Set<ValueId>();
      inst.args.forEach((a, k) => {
        if (!row.steals?.includes(k)) return;
        if (owned.has(a) && !live.has(a) && !stealsHere.has(a)) stealsHere.add(a);
        else if (needsIncrefToSteal(a)) before.push(incref(a));
      });
      for (const a of new Set(inst.args)) {
        if (owned.has(a) && !live.has(a) && !stealsHere.has(a)) after.push(decref(a));
        live.add(a);
      }
      reversed.push(...after.reverse(), inst, ...before.reverse());
    }
    const head: Inst[] = block.params.filter((p) => owned.has(p) && !live.has(p)).map(decref);
    block.insts = [...head, ...reversed.reverse()];

    // Values that die on an edge: live out of this block but not into that successor.
    for (const succ of new Set(successors(term))) {
      const into = liveIn.get(succ)!;
      const dying = [...liveOut.get(block.id)!].filter((v) => owned.has(v) && !into.has(v) && v !== checked);
      if (term.kind === 'check' && succ === term.ok && checked !== null && owned.has(checked) && !into.has(checked)) dying.push(checked);
      if (dying.length > 0) edgeReleases.push({ from: block.id, to: succ, values: dying.sort((a, b) => b - a) });
    }
  }

  const preds = predecessors(fn);
  const shared: { from: BlockId; to: BlockId; values: ValueId[] }[] = [];
  for (const release of edgeReleases) {
    if ((preds.get(release.to) ?? []).length === 1) fn.blocks[release.to].insts.unshift(...release.values.map(decref));
    else shared.push(release);
  }
  insertSharedReleases(fn, shared, decref);
}

/**
 * Edges into a block with several predecessors (a function's error exit
 * above all) release their dying values in blocks of their own, newest value
 * first. Those blocks are shared: edges to one target whose release lists end
 * alike run the common tail in one chain, so a function with many exits pays
 * one decref per value and exit shape, not one per exit and value. A chain
 * link begins wherever an edge enters or two lists diverge.
 */
function insertSharedReleases(fn: IrFunction, edges: { from: BlockId; to: BlockId; values: ValueId[] }[],
  decref: (v: ValueId) => Inst): void {
  const key = (to: BlockId, tail: readonly ValueId[]): string => `${to}:${tail.join(',')}`;
  // Each tail's distinct preceding values; an edge's whole list counts as a link start too.
  const precededBy = new Map<string, Set<ValueId | 'edge'>>();
  for (const { to, values } of edges) {
    for (let k = 0; k < values.length; k++) {
      const tail = key(to, values.slice(k));
      if (!precededBy.has(tail)) precededBy.set(tail, new Set());
      precededBy.get(tail)!.add(k === 0 ? 'edge' : values[k - 1]);
    }
  }
  const linkStarts = new Map<string, BlockId>();
  const chain = (to: BlockId, values: readonly ValueId[]): BlockId => {
    if (values.length === 0) return to;
    const start = key(to, values);
    const known = linkStarts.get(start);
    if (known !== undefined) return known;
    let end = 1;
    while (end < values.length && precededBy.get(key(to, values.slice(end)))!.size < 2) end++;
    const link = newBlock(fn);
    link.insts = values.slice(0, end).map(decref);
    link.term = { kind: 'jump', target: { block: chain(to, values.slice(end)), args: [] } };
    linkStarts.set(start, link.id);
    return link.id;
  };
  for (const { from, to, values } of edges) retarget(fn.blocks[from].term, to, chain(to, values));
}

function ownedValues(fn: IrFunction): Set<ValueId> {
  const owned = new Set<ValueId>();
  for (const b of liveBlocks(fn)) {
    if (b.id !== 0) for (const p of b.params) if (isBoxed(fn.values[p].type)) owned.add(p);
    for (const i of b.insts) {
      if (i.result !== null && opRow(i.op).ownership === 'new' && isBoxed(fn.values[i.result].type)) owned.add(i.result);
    }
  }
  return owned;
}

/** Gives each branch edge that passes arguments a block of its own, so that every stealing edge is a lone jump. */
function splitBranchEdgesWithArguments(fn: IrFunction): void {
  for (const block of liveBlocks(fn)) {
    const t = block.term;
    if (t.kind !== 'branch') continue;
    for (const edge of [t.then, t.else]) {
      if (edge.args.length === 0) continue;
      const split: Block = newBlock(fn);
      split.term = { kind: 'jump', target: { block: edge.block, args: edge.args } };
      edge.block = split.id;
      edge.args = [];
    }
  }
}
