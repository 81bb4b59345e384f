// Control-flow facts derived from terminators: predecessors and a reverse
// postorder. Recomputed on demand; passes never cache them across edits.

import type { BlockId, IrFunction } from '../function.js';
import { liveBlocks, successors } from '../function.js';

export function predecessors(fn: IrFunction): Map<BlockId, BlockId[]> {
  const preds = new Map<BlockId, BlockId[]>();
  for (const b of liveBlocks(fn)) preds.set(b.id, []);
  for (const b of liveBlocks(fn)) {
    for (const s of successors(b.term)) preds.get(s)?.push(b.id);
  }
  return preds;
}

/** Blocks reachable from the entry, in reverse postorder. */
export function reversePostorder(fn: IrFunction): BlockId[] {
  const seen = new Set<BlockId>();
  const post: BlockId[] = [];
  // Iterative DFS so deep CFGs cannot overflow the JS stack.
  const stack: { id: BlockId; next: number }[] = [{ id: 0, next: 0 }];
  seen.add(0);
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    const succs = successors(fn.blocks[top.id].term);
    if (top.next < succs.length) {
      const s = succs[top.next++];
      if (!seen.has(s)) { seen.add(s); stack.push({ id: s, next: 0 }); }
    } else {
      post.push(top.id);
      stack.pop();
    }
  }
  return post.reverse();
}
