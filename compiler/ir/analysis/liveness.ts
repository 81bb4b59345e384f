// Value liveness by backward dataflow over blocks. A block's parameters are
// defined at its top; edge arguments are uses at the end of the predecessor.
// The result of a `check`ed op is treated as defined on the ok edge only, so
// it is never live into the error block.

import type { BlockId, IrFunction, ValueId } from '../function.js';
import { liveBlocks, successors, terminatorUses } from '../function.js';
import { reversePostorder } from './cfg.js';

export interface Liveness {
  liveIn: Map<BlockId, Set<ValueId>>;
  liveOut: Map<BlockId, Set<ValueId>>;
}

export function computeLiveness(fn: IrFunction): Liveness {
  const liveIn = new Map<BlockId, Set<ValueId>>();
  const liveOut = new Map<BlockId, Set<ValueId>>();
  const uses = new Map<BlockId, Set<ValueId>>();
  const defs = new Map<BlockId, Set<ValueId>>();
  for (const b of liveBlocks(fn)) {
    const use = new Set<ValueId>();
    const def = new Set<ValueId>(b.params);
    for (const inst of b.insts) {
      for (const a of inst.args) if (!def.has(a)) use.add(a);
      if (inst.result !== null) def.add(inst.result);
    }
    for (const a of terminatorUses(b.term)) if (!def.has(a)) use.add(a);
    uses.set(b.id, use);
    defs.set(b.id, def);
    liveIn.set(b.id, new Set());
    liveOut.set(b.id, new Set());
  }
  const order = reversePostorder(fn).reverse();
  for (let changed = true; changed;) {
    changed = false;
    for (const id of order) {
      const b = fn.blocks[id];
      const out = new Set<ValueId>();
      for (const s of successors(b.term)) for (const v of liveIn.get(s)!) out.add(v);
      const inSet = new Set(uses.get(id)!);
      for (const v of out) if (!defs.get(id)!.has(v)) inSet.add(v);
      if (out.size !== liveOut.get(id)!.size || inSet.size !== liveIn.get(id)!.size) changed = true;
      liveOut.set(id, out);
      liveIn.set(id, inSet);
    }
  }
  return { liveIn, liveOut };
}
