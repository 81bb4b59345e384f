// CFG simplification: merges a block into its predecessor when that
// predecessor ends in a plain jump to it and nothing else reaches it
// (binding its parameters to the jump's arguments). This undoes the block
// splitting that lowering and bound-check elision leave behind.

import { predecessors } from '../ir/analysis/cfg.js';
import type { IrFunction, IrModule } from '../ir/function.js';
import { ValueReplacements, liveBlocks, renumberBlocks } from '../ir/function.js';

export function run(module: IrModule): void {
  for (const fn of module.functions) mergeStraightLineBlocks(fn);
}

function mergeStraightLineBlocks(fn: IrFunction): void {
  const replaced = new ValueReplacements();
  for (let changed = true; changed;) {
    changed = false;
    const preds = predecessors(fn);
    for (const block of liveBlocks(fn)) {
      const t = block.term;
      if (t.kind !== 'jump') continue;
      const target = fn.blocks[t.target.block];
      if (target === undefined || target.id === 0 || target.id === block.id) continue;
      if ((preds.get(target.id) ?? []).length !== 1) continue;
      target.params.forEach((p, k) => replaced.replace(p, t.target.args[k]));
      block.insts.push(...target.insts);
      block.term = target.term;
      delete (fn.blocks as (typeof block | undefined)[])[target.id];
      changed = true;
      break; // predecessor lists are stale now
    }
  }
  replaced.applyTo(fn);
  renumberBlocks(fn);
}
