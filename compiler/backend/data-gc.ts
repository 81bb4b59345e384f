// Drops the runtime's static data that no function left in the program can
// read. Binaryen removes unreachable functions but must keep every data
// segment, so without this every program would carry the runtime's error
// messages, Unicode tables and libm tables. The runtime build records, from
// the linker's relocations, which data symbols each function and each data
// symbol refers to (runtime/*.datamap.json); here the functions that survive
// dead-function removal are the roots, and only the data they reach is kept.
// Invariant: the map describes exactly the runtime binary it sits beside
// (the runtime build writes both, and its --check compares both).

import type { DataSegment } from './binaryen.js';

export interface RuntimeDataMap {
  /** Function count of the runtime module, imports included. */
  functions: number;
  /** Address ranges [start, end) of the data symbols. */
  chunks: [number, number][];
  /** Function index → chunk ids it refers to. */
  functionUses: Record<string, number[]>;
  /** Chunk id → chunk ids its bytes point to. */
  chunkUses: Record<string, number[]>;
}

/** Chunks reachable from the given live runtime function indexes. */
export function liveChunks(map: RuntimeDataMap, liveFunctions: Iterable<number>): Set<number> {
  const live = new Set<number>();
  const work: number[] = [];
  const reach = (chunk: number): void => {
    if (!live.has(chunk)) { live.add(chunk); work.push(chunk); }
  };
  for (const f of liveFunctions) for (const c of map.functionUses[String(f)] ?? []) reach(c);
  while (work.length > 0) for (const c of map.chunkUses[String(work.pop()!)] ?? []) reach(c);
  return live;
}

/** The parts of the runtime's segments covered by live chunks, one segment per contiguous run. */
export function keepLiveData(segments: DataSegment[], map: RuntimeDataMap, live: Set<number>): DataSegment[] {
  const ranges = [...live].map((c) => map.chunks[c]).sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [start, end] of ranges) {
    const last = merged[merged.length - 1];
    if (last !== undefined && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  const out: DataSegment[] = [];
  for (const segment of segments) {
    const segStart = segment.offset;
    const segEnd = segStart + segment.data.length;
    for (const [start, end] of merged) {
      const from = Math.max(start, segStart);
      const to = Math.min(end, segEnd);
      if (from < to) out.push({ offset: from, data: segment.data.slice(from - segStart, to - segStart) });
    }
  }
  return out;
}
