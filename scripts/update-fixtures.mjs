#!/usr/bin/env node
// Regenerate expected outputs for fixtures/run/*.py by running them under CPython.
//
// Usage: node scripts/update-fixtures.mjs [NAME ...]
//   NAME may be given as `foo`, `foo.py` or `fixtures/run/foo.py`.
//   With no arguments, every fixtures/run/*.py is processed.
//
// For each program NAME.py (run as fixtures/run/NAME.py with PYTHONHASHSEED=0,
// its current directory a fresh empty temporary one, as the test runner gives
// each run of Taipan's build, so programs that write files start clean):
//   NAME.stdout    always written with the captured stdout
//   NAME.exitcode  written ("<code>\n") only if the exit code is non-zero, else removed
//   NAME.stderr    written only if stderr is non-empty, else removed
//
// CPython prints absolute script paths in tracebacks (and a module's __file__
// and repr are absolute); the absolute fixtures/run directory prefix is
// stripped from stdout and stderr so expected files do not depend on where
// the repository is checked out (the test runner strips it from Taipan's
// output the same way). Importable modules of multi-file fixtures live in
// package directories under fixtures/run (only fixtures/run/*.py are run as
// programs; a plain module there is a program too). PYTHONIOENCODING=utf-8 makes the output
// encoding independent of the caller's locale.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const runDir = join(root, 'fixtures', 'run');
const python = process.env.PYTHON || 'python3';

function toName(arg) {
  let name = basename(arg);
  if (name.endsWith('.py')) name = name.slice(0, -3);
  return name;
}

let names;
if (process.argv.length > 2) {
  names = process.argv.slice(2).map(toName);
} else {
  names = readdirSync(runDir)
    .filter((f) => f.endsWith('.py'))
    .map((f) => f.slice(0, -3))
    .sort();
}

function writeOrRemove(path, content) {
  if (content.length > 0) {
    writeFileSync(path, content);
  } else if (existsSync(path)) {
    rmSync(path);
  }
}

let failures = 0;
for (const name of names) {
  const src = join(runDir, `${name}.py`);
  if (!existsSync(src)) {
    console.error(`error: ${src} does not exist`);
    failures++;
    continue;
  }
  const env = { ...process.env, PYTHONHASHSEED: '0', PYTHONIOENCODING: 'utf-8' };
  // A program reads NAME.stdin as its standard input when that file exists, else nothing.
  const stdinPath = join(runDir, `${name}.stdin`);
  const cwd = mkdtempSync(join(tmpdir(), 'taipan-fixture-'));
  const res = spawnSync(python, [src], {
    cwd,
    env,
    input: existsSync(stdinPath) ? readFileSync(stdinPath) : '',
    maxBuffer: 64 * 1024 * 1024,
  });
  rmSync(cwd, { recursive: true, force: true });
  if (res.error) {
    console.error(`error: failed to run ${python} on ${name}.py: ${res.error.message}`);
    failures++;
    continue;
  }
  if (res.status === null) {
    console.error(`error: ${name}.py was killed by signal ${res.signal}`);
    failures++;
    continue;
  }
  writeFileSync(join(runDir, `${name}.stdout`), res.stdout.toString('utf8').split(runDir + sep).join(''));
  writeOrRemove(join(runDir, `${name}.exitcode`), res.status !== 0 ? `${res.status}\n` : '');
  const stderr = res.stderr.toString('utf8').split(runDir + sep).join('');
  writeOrRemove(join(runDir, `${name}.stderr`), stderr);
  const note = res.status !== 0 ? ` (exit ${res.status})` : '';
  console.log(`${name}${note}`);
}

if (failures > 0) {
  console.error(`${failures} fixture(s) failed`);
  process.exit(1);
}
