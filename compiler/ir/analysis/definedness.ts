// Which values may be a null box at run time: `undef` (an unassigned
// local), results of ops whose row says `mayBeNull` (an exhausted iterator's
// next item), and every block parameter such a value can flow into. Used to
// keep UnboundLocalError checks only where they can fire, and to pick the
// null-tolerant refcount ops.

import type { IrFunction, ValueId } from '../function.js';
import { liveBlocks, successorEdges } from '../function.js';
import { opRow } from '../ops.js';

/**
 * `unassigned` counts only `undef` (what an UnboundLocalError check cares
 * about: a null from an exhausted iterator never reaches a variable); `any`
 * adds every op that may yield null (what refcounting must tolerate).
 */
export function maybeNullValues(fn: IrFunction, sources: 'unassigned' | 'any'): Set<ValueId> {
  const maybe = new Set<ValueId>();
  for (const b of liveBlocks(fn)) {
    for (const i of b.insts) {
      if (i.result === null) continue;
      if (i.op === 'undef' || (sources === 'any' && opRow(i.op).mayBeNull)) maybe.add(i.result);
    }
  }
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
