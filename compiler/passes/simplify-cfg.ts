// CFG simplification: merges a block into its predecessor when that
// predecessor ends in a plain jump to it and nothing else reaches it
// (binding its parameters to the jump's arguments). This undoes the block
// splitting that lowering and bound-check elision leave behind.

import { predecessors } from '../ir/analysis/cfg.js';
import type { IrFunction, IrModule, ValueId } from '../ir/function.js';
import { liveBlocks, mapTerminatorUses, renumberBlocks } from '../ir/function.js';

export function run(module: IrModule): void {
  for (const fn of module.functions) mergeStraightLineBlocks(fn);
}

function mergeStraightLineBlocks(fn: IrFunction): void {
  const replaced = new Map<ValueId, ValueId>();
  const resolve = (v: ValueId): ValueId => {
    while (replaced.has(v)) v = replaced.get(v)!;
    return v;
  };
  for (let changed = true; changed;) {
    changed = false;
    const preds = predecessors(fn);
    for (const block of liveBlocks(fn)) {
      const t = block.term;
      if (t.kind !== 'jump') continue;
      const target = fn.blocks[t.target.block];
      if (target === undefined || target.id === 0 || target.id === block.id) continue;
      if ((preds.get(target.id) ?? []).length !== 1) continue;
      target.params.forEach((p, k) => replaced.set(p, t.target.args[k]));
      block.insts.push(...target.insts);
      block.term = target.term;
      delete (fn.blocks as (typeof block | undefined)[])[target.id];
      changed = true;
      break; // predecessor lists are stale now
    }
  }
  for (const block of liveBlocks(fn)) {
    for (const inst of block.insts) inst.args = inst.args.map(resolve);
    block.term = mapTerminatorUses(block.term, resolve);
  }
  renumberBlocks(fn);
}
