// Helpers shared by the test suites: locating fixtures, compiling them with
// the verifier on, running a module under Node's WASI with captured output,
// and splitting the debug runtime's live-object report off stderr.

import { closeSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runWasm } from '../../cli/run.js';
import { compile, packageRoot, type CompileOptions } from '../../compiler/index.js';
import { renderDiagnostic } from '../../compiler/diagnostics.js';

export const ROOT = packageRoot();

export function fixtureNames(folder: string, ext = '.py'): string[] {
  return readdirSync(join(ROOT, 'fixtures', folder)).filter((f) => f.endsWith(ext)).map((f) => f.slice(0, -ext.length)).sort();
}

export function readOptional(path: string): string | undefined {
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}

/** Compiles a fixture; any diagnostic fails loudly with its rendered text. */
export async function compileFixture(path: string, options: Partial<CompileOptions> = {}): Promise<Uint8Array> {
  const source = readFileSync(path, 'utf8');
  const result = await compile(source, { file: path, path, verifyEach: true, debugRuntime: true, ...options });
  if (result.diagnostics.length > 0) {
    throw new Error(result.diagnostics.map((d) => renderDiagnostic(d, result.sources[d.file])).join('\n'));
  }
  return result.wasm!;
}

export interface RunOutcome { stdout: string; stderr: string; exitCode: number }

export function scratchDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `taipan-${prefix}-`));
}

/** The file a fixture reads as stdin: NAME.stdin beside it, else an empty input. */
export function stdinFile(fixturePath: string): string {
  const path = fixturePath.replace(/\.py$/, '.stdin');
  return existsSync(path) ? path : '/dev/null';
}

/**
 * A fresh empty directory under `dir` for one run of a program to use as
 * its current directory, so programs that write files never see another
 * run's (CPython's outputs are recorded the same way, see update-fixtures.mjs).
 */
export function freshRunDir(dir: string, label: string): string {
  return mkdtempSync(join(dir, `${label}.cwd-`));
}

export async function runUnderNode(wasm: Uint8Array, name: string, dir: string, stdinPath = '/dev/null'): Promise<RunOutcome> {
  const stdoutPath = join(dir, `${name}.node.stdout`);
  const stderrPath = join(dir, `${name}.node.stderr`);
  const stdout = openSync(stdoutPath, 'w');
  const stderr = openSync(stderrPath, 'w');
  const stdin = openSync(stdinPath, 'r');
  let exitCode: number;
  try {
    exitCode = await runWasm(wasm, `${name}.py`, [], { stdin, stdout, stderr }, freshRunDir(dir, `${name}.node`));
  } finally {
    closeSync(stdout);
    closeSync(stderr);
    closeSync(stdin);
  }
  return { stdout: readFileSync(stdoutPath, 'utf8'), stderr: readFileSync(stderrPath, 'utf8'), exitCode };
}

const LEAK_LINE = /^taipan-debug: live-objects (\d+)\n/m;

/** Splits the debug runtime's report off stderr; returns the live count (or null when absent). */
export function splitLeakReport(stderr: string): { stderr: string; live: number | null } {
  const m = LEAK_LINE.exec(stderr);
  if (m === null) return { stderr, live: null };
  return { stderr: stderr.replace(LEAK_LINE, ''), live: Number(m[1]) };
}

