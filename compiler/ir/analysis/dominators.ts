// Immediate dominators by the Cooper-Harvey-Kennedy iterative algorithm
// ("A Simple, Fast Dominance Algorithm"), over reachable blocks only.

import type { BlockId, IrFunction } from '../function.js';
import { predecessors, reversePostorder } from './cfg.js';

export interface DominatorTree {
  idom: Map<BlockId, BlockId>;
  dominates(a: BlockId, b: BlockId): boolean;
  reachable: Set<BlockId>;
}

export function dominatorTree(fn: IrFunction): DominatorTree {
  const rpo = reversePostorder(fn);
  const order = new Map(rpo.map((b, i) => [b, i]));
  const preds = predecessors(fn);
  const idom = new Map<BlockId, BlockId>([[0, 0]]);
  const intersect = (a: BlockId, b: BlockId): BlockId => {
    while (a !== b) {
      while (order.get(a)! > order.get(b)!) a = idom.get(a)!;
      while (order.get(b)! > order.get(a)!) b = idom.get(b)!;
    }
    return a;
  };
  for (let changed = true; changed;) {
    changed = false;
    for (const b of rpo.slice(1)) {
      let next: BlockId | undefined;
      for (const p of preds.get(b) ?? []) {
        if (!idom.has(p)) continue;
        next = next === undefined ? p : intersect(p, next);
      }
      if (next !== undefined && idom.get(b) !== next) { idom.set(b, next); changed = true; }
    }
  }
  const dominates = (a: BlockId, b: BlockId): boolean => {
    for (let x = b; ; x = idom.get(x)!) {
      if (x === a) return true;
      if (x === 0 || !idom.has(x)) return false;
    }
  };
  return { idom, dominates, reachable: new Set(rpo) };
}
