// Differential run tests: every fixtures/run/NAME.py is compiled (verifier
// after each pass, debug runtime), run under Node's WASI and under wasmtime,
// and must reproduce CPython's recorded stdout, stderr (tracebacks included)
// and exit code exactly, and leave no live heap objects at exit. A fixture is
// compiled as `NAME.py`, the path CPython was given when its output was
// recorded, so tracebacks name the same file; the modules it imports (from
// package directories under fixtures/run) have absolute paths, and the
// fixtures directory is stripped from both outputs as update-fixtures.mjs
// strips it from CPython's.
// The fixtures are split into shards (test/run-fixtures-N.test.ts), one per
// test file, so Jest compiles them on every core. FIXTURES=REGEX in the
// environment limits both shards to the matching names (all are compiled
// before any test runs, so Jest's -t alone does not save that time).

import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import {
  ROOT, compileFixture, fixtureNames, freshRunDir, readOptional, runUnderNode, scratchDir, splitLeakReport, stdinFile,
  type RunOutcome,
} from './programs.js';

const FIXTURES = join(ROOT, 'fixtures', 'run');
export const SHARDS = 2;

export function defineRunFixtureTests(shard: number): void {
  const only = process.env.FIXTURES === undefined ? null : new RegExp(process.env.FIXTURES);
  const names = fixtureNames('run').filter((name, i) => i % SHARDS === shard && (only === null || only.test(name)));
  if (names.length === 0) {
    test.skip(`no fixture in shard ${shard} matches FIXTURES`, () => undefined);
    return;
  }
  const dir = scratchDir(`run${shard}`);
  const wasmPaths = new Map<string, string>();
  const compileErrors = new Map<string, Error>();
  let wasmtimeResults: Map<string, RunOutcome> | 'unavailable' = 'unavailable';

  interface Expected { stdout: string; exitCode: number; stderr: string }

  function expected(name: string): Expected {
    return {
      stdout: readFileSync(join(FIXTURES, `${name}.stdout`), 'utf8'),
      exitCode: Number((readOptional(join(FIXTURES, `${name}.exitcode`)) ?? '0').trim()),
      stderr: readOptional(join(FIXTURES, `${name}.stderr`)) ?? '',
    };
  }

  function checkOutcome(name: string, outcome: RunOutcome): void {
    const want = expected(name);
    // Imported modules' paths are absolute, as CPython's; the recorded outputs have the fixtures directory stripped.
    const strip = (text: string): string => text.split(FIXTURES + sep).join('');
    const { stderr, live } = splitLeakReport(strip(outcome.stderr));
    expect(strip(outcome.stdout)).toBe(want.stdout);
    expect({ exitCode: outcome.exitCode, stderr }).toEqual({ exitCode: want.exitCode, stderr: want.stderr });
    expect(live).toBe(0);
  }

  beforeAll(async () => {
    for (const name of names) {
      try {
        const wasm = await compileFixture(join(FIXTURES, `${name}.py`), { file: `${name}.py` });
        const path = join(dir, `${name}.wasm`);
        writeFileSync(path, wasm);
        wasmPaths.set(name, path);
      } catch (err) {
        compileErrors.set(name, err as Error);
      }
    }
    const manifest = [...wasmPaths].map(([name, wasm]) => ({
      wasm, argv: [`${name}.py`], stdout: join(dir, `${name}.wt.stdout`), stderr: join(dir, `${name}.wt.stderr`),
      stdin: stdinFile(join(FIXTURES, `${name}.py`)), cwd: freshRunDir(dir, `${name}.wt`),
    }));
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
    const batch = spawnSync('python3', [join(ROOT, 'test', 'support', 'wasmtime_batch.py'), join(dir, 'manifest.json')], { encoding: 'utf8', maxBuffer: 1 << 26 });
    if (batch.status === 3) {
      console.warn('SKIPPED wasmtime runs: the Python package `wasmtime` is not installed (pip install wasmtime)');
      return;
    }
    if (batch.status !== 0) throw new Error(`wasmtime batch failed: ${batch.stderr}`);
    const codes = JSON.parse(batch.stdout) as Record<string, number | { trap: string }>;
    wasmtimeResults = new Map(manifest.map((m) => {
      const name = m.argv[0].slice(0, -3);
      const code = codes[m.wasm];
      const stderr = readFileSync(m.stderr, 'utf8') + (typeof code === 'object' ? `trap: ${code.trap}\n` : '');
      return [name, { stdout: readFileSync(m.stdout, 'utf8'), stderr, exitCode: typeof code === 'number' ? code : 134 }];
    }));
  });

  if (shard === 0) {
    test('there are at least 40 run fixtures', () => {
      expect(fixtureNames('run').length).toBeGreaterThanOrEqual(40);
    });
  }

  describe.each(names)('%s', (name) => {
    test('compiles', () => {
      const err = compileErrors.get(name);
      if (err !== undefined) throw err;
    });

    test('matches CPython under Node WASI', async () => {
      const path = wasmPaths.get(name);
      if (path === undefined) throw compileErrors.get(name)!;
      checkOutcome(name, await runUnderNode(new Uint8Array(readFileSync(path)), name, dir, stdinFile(join(FIXTURES, `${name}.py`))));
    });

    test('matches CPython under wasmtime', () => {
      if (wasmtimeResults === 'unavailable') return; // reported once in beforeAll
      const outcome = wasmtimeResults.get(name);
      if (outcome === undefined) throw compileErrors.get(name)!;
      checkOutcome(name, outcome);
    });
  });
}
