// Golden files: compared exactly, and rewritten (never hand-edited) when the
// suite runs with UPDATE_GOLDEN=1, so the change shows up as a reviewable diff.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';

export const UPDATING = process.env.UPDATE_GOLDEN === '1';

export function expectGolden(path: string, actual: string): void {
  if (UPDATING) {
    writeFileSync(path, actual);
    return;
  }
  if (!existsSync(path)) throw new Error(`missing golden file ${path}; run UPDATE_GOLDEN=1 npm test and review the diff`);
  expect(actual).toBe(readFileSync(path, 'utf8'));
}
