// Which values may be an unassigned local at run time: the results of
// `undef` and every block parameter such a value can flow into. Used to keep
// UnboundLocalError checks only where they can fire, and to pick the
// null-tolerant refcount ops.

import type { IrFunction, ValueId } from '../function.js';
import { liveBlocks, successorEdges } from '../function.js';

export function maybeUndefValues(fn: IrFunction): Set<ValueId> {
  const maybe = new Set<ValueId>();
  for (const b of liveBlocks(fn)) for (const i of b.insts) if (i.op === 'undef' && i.result !== null) maybe.add(i.result);
  for (let changed = true; changed;) {
    changed = false;
    for (const b of liveBlocks(fn)) {
      for (const e of successorEdges(b.term)) {
        e.args.forEach((a, k) => {
          const p = fn.blocks[e.block].params[k];
          if (maybe.has(a) && !maybe.has(p)) { maybe.add(p); changed = true; }
        });
      }
    }
  }
  return maybe;
}
