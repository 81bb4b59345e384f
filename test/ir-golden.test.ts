// Golden IR: fixtures/ir/NAME.py prints its IR as irbuild leaves it and after
// the whole pass pipeline into NAME.ir (regenerate with UPDATE_GOLDEN=1).
// The dumps pin lowering, SSA construction and refcount insertion.

import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { compile } from '../compiler/index.js';
import { expectGolden } from './support/golden.js';
import { ROOT, fixtureNames } from './support/programs.js';

const DIR = join(ROOT, 'fixtures', 'ir');

test.each(fixtureNames('ir'))('%s', async (name) => {
  const path = join(DIR, `${name}.py`);
  const source = readFileSync(path, 'utf8');
  const file = relative(ROOT, path);
  const built = await compile(source, { file, irBeforePasses: true, verifyEach: true });
  const optimized = await compile(source, { file, irOnly: true, verifyEach: true });
  expect(built.diagnostics).toEqual([]);
  expect(optimized.diagnostics).toEqual([]);
  const text = `;; after irbuild\n${built.ir}\n;; after the pass pipeline\n${optimized.ir}`;
  expectGolden(join(DIR, `${name}.ir`), text);
  // Printing is deterministic: the same source prints the same bytes.
  const again = await compile(source, { file, irOnly: true });
  expect(again.ir).toBe(optimized.ir);
});
