// Programs that must not compile: each fixtures/errors/NAME.py has the exact
// rendered diagnostics in NAME.expected (regenerate with UPDATE_GOLDEN=1).
// Every one must fail with located diagnostics and never an exception from
// the compiler itself.

import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { compile } from '../compiler/index.js';
import { renderDiagnostic } from '../compiler/diagnostics.js';
import { expectGolden } from './support/golden.js';
import { ROOT, fixtureNames } from './support/programs.js';

const DIR = join(ROOT, 'fixtures', 'errors');

test.each(fixtureNames('errors'))('%s', async (name) => {
  const path = join(DIR, `${name}.py`);
  const source = readFileSync(path, 'utf8');
  const file = relative(ROOT, path);
  const result = await compile(source, { file, verifyEach: true });
  expect(result.wasm).toBeUndefined();
  expect(result.diagnostics.length).toBeGreaterThan(0);
  for (const d of result.diagnostics) expect(d.range.start.line).toBeGreaterThan(0);
  expectGolden(join(DIR, `${name}.expected`), result.diagnostics.map((d) => renderDiagnostic(d, result.sources[d.file])).join('\n') + '\n');
});
