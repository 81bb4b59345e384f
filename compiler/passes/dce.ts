// Dead-code elimination: drops blocks unreachable from the entry and pure
// instructions whose results nobody reads, to a fixed point. Ops that can
// raise or have effects stay even when their result is unused.

import { reversePostorder } from '../ir/analysis/cfg.js';
import type { IrFunction, IrModule, ValueId } from '../ir/function.js';
import { liveBlocks, renumberBlocks, terminatorUses } from '../ir/function.js';
import { opRow } from '../ir/ops.js';

export function run(module: IrModule): void {
  for (const fn of module.functions) eliminateDeadCode(fn);
}

function eliminateDeadCode(fn: IrFunction): void {
  const reachable = new Set(reversePostorder(fn));
  fn.blocks = fn.blocks.map((b) => (b !== undefined && reachable.has(b.id) ? b : undefined)) as typeof fn.blocks;
  renumberBlocks(fn);
  for (let changed = true; changed;) {
    changed = false;
    const used = new Set<ValueId>();
    for (const b of liveBlocks(fn)) {
      for (const i of b.insts) for (const a of i.args) used.add(a);
      for (const a of terminatorUses(b.term)) used.add(a);
    }
    for (const b of liveBlocks(fn)) {
      const kept = b.insts.filter((i) => !(i.result !== null && opRow(i.op).pure && !used.has(i.result)));
      if (kept.length !== b.insts.length) { b.insts = kept; changed = true; }
    }
  }
}
