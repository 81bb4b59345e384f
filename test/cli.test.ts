// The `taipan` command line, driven as a user would through the built
// dist/cli/taipan.js (npm ci builds it): help and version, located compile
// errors with exit code 2, output that imports only WASI, the size of hello,
// exit codes passed through, `run FILE.wasm` without the compiler, and
// `-I DIR` import roots.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, scratchDir } from './support/programs.js';

const CLI = join(ROOT, 'dist', 'cli', 'taipan.js');
const dir = scratchDir('cli');

function taipan(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error('dist/cli/taipan.js is missing: run `npm run build` (npm ci does it)');
});

test('--help lists the commands and --version prints the package version', () => {
  const help = taipan('--help');
  expect(help.status).toBe(0);
  expect(help.stdout).toMatch(/taipan build <file>/);
  expect(help.stdout).toMatch(/taipan run <file>/);
  const version = taipan('--version');
  expect(version.stdout.trim()).toBe((JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version);
});

test('the package bin is executable, so `npx taipan` can run it', () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> };
  expect(join(ROOT, pkg.bin.taipan)).toBe(CLI);
  expect(statSync(CLI).mode & 0o111).not.toBe(0);
  expect(readFileSync(CLI, 'utf8').startsWith('#!/usr/bin/env node')).toBe(true);
});

test('run compiles in memory and passes stdout through', () => {
  const r = taipan('run', 'fixtures/run/hello.py');
  expect(r).toEqual({ status: 0, stdout: 'Hello, world!\n', stderr: '' });
});

test('an unsupported construct is a located diagnostic with exit code 2', () => {
  const r = taipan('build', 'fixtures/errors/unsupported_super_with_varargs.py', '-o', join(dir, 'never.wasm'));
  expect(r.status).toBe(2);
  expect(r.stderr).toMatch(/^fixtures\/errors\/unsupported_super_with_varargs\.py:8:16: error: unsupported construct: super\(\) in a function/);
  expect(existsSync(join(dir, 'never.wasm'))).toBe(false);
});

test('-I DIR adds a directory searched for imported modules, after the entry file\'s', () => {
  const lib = join(dir, 'lib');
  mkdirSync(join(lib, 'pkg'), { recursive: true });
  writeFileSync(join(lib, 'pkg', '__init__.py'), 'NAME = "from lib"\n');
  writeFileSync(join(lib, 'greet.py'), 'from pkg import NAME\ndef hello():\n    return "hello " + NAME\n');
  const src = join(dir, 'uses_lib.py');
  writeFileSync(src, 'import greet\nprint(greet.hello())\n');
  const missing = taipan('run', src);
  expect(missing.status).toBe(2);
  expect(missing.stderr).toContain(`1:8: error: no module named 'greet' (searched: ${dir}) [import]`);
  expect(taipan('run', '-I', lib, src)).toEqual({ status: 0, stdout: 'hello from lib\n', stderr: '' });
  const out = join(dir, 'uses_lib.wasm');
  expect(taipan('build', src, '-I', join(dir, 'nowhere'), '-I', lib, '-o', out).status).toBe(0);
  expect(taipan('run', out)).toEqual({ status: 0, stdout: 'hello from lib\n', stderr: '' });
});

test('a missing file is a clear error, not a stack trace', () => {
  const r = taipan('build', 'no/such/file.py');
  expect(r.status).toBe(2);
  expect(r.stderr).toBe('taipan: cannot read no/such/file.py: ENOENT\n');
});

test('an uncaught exception exits 1 with the exception on stderr', () => {
  const src = join(dir, 'boom.py');
  writeFileSync(src, 'print("before")\nprint(1 // 0)\n');
  const r = taipan('run', src);
  expect(r.status).toBe(1);
  expect(r.stdout).toBe('before\n');
  expect(r.stderr).toMatch(/ZeroDivisionError: integer division or modulo by zero\n$/);
});

test('a built module imports only wasi_snapshot_preview1 and exports _start and memory', async () => {
  const out = join(dir, 'hello.wasm');
  expect(taipan('build', 'fixtures/run/hello.py', '-O2', '-o', out).status).toBe(0);
  const module = await WebAssembly.compile(readFileSync(out));
  const imports = WebAssembly.Module.imports(module);
  expect(imports.length).toBeGreaterThan(0);
  for (const i of imports) expect(i.module).toBe('wasi_snapshot_preview1');
  expect(WebAssembly.Module.exports(module).map((e) => e.name).sort()).toEqual(['_start', 'memory']);
  expect(readFileSync(out).length).toBeLessThanOrEqual(16 * 1024);
  const r = taipan('run', out);
  expect(r).toEqual({ status: 0, stdout: 'Hello, world!\n', stderr: '' });
});

test('every optimisation level builds a working module', () => {
  for (const level of ['-O0', '-O1', '-O2', '-O3']) {
    const out = join(dir, `hello${level}.wasm`);
    expect(taipan('build', 'fixtures/run/hello.py', level, '-o', out).status).toBe(0);
    expect(taipan('run', out).stdout).toBe('Hello, world!\n');
  }
});

test('--emit ir and --emit wat write text', () => {
  const ir = join(dir, 'hello.ir');
  const wat = join(dir, 'hello.wat');
  expect(taipan('build', 'fixtures/run/hello.py', '--emit', 'ir', '-o', ir).status).toBe(0);
  expect(readFileSync(ir, 'utf8')).toMatch(/function &__main__\(%0: obj\)/);
  expect(taipan('build', 'fixtures/run/hello.py', '--emit', 'wat', '-o', wat).status).toBe(0);
  expect(readFileSync(wat, 'utf8')).toMatch(/\(export "_start"/);
});

test('--stats reports the module size and its traceback table', () => {
  const out = join(dir, 'call_chain.wasm');
  const result = taipan('build', 'fixtures/run/tb_call_chain.py', '--stats', '-o', out);
  expect(result.status).toBe(0);
  const m = /: (\d+) bytes; traceback table: (\d+) sites, (\d+) bytes/.exec(result.stderr);
  expect(m).not.toBeNull();
  expect(Number(m![1])).toBe(readFileSync(out).length);
  expect(Number(m![2])).toBeGreaterThan(0);
  expect(Number(m![3])).toBeGreaterThan(0);
});

test('running a .wasm does not load the compiler', () => {
  // cli/run.ts is the whole of that path; it must reach nothing but Node built-ins.
  const source = readFileSync(join(ROOT, 'cli', 'run.ts'), 'utf8');
  const imports = [...source.matchAll(/(?:from|import\()\s*'([^']+)'/g)].map((m) => m[1]);
  expect(imports.every((i) => i.startsWith('node:'))).toBe(true);
});
