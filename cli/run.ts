// Runs a built .wasm under Node's WASI. Deliberately imports nothing from the
// compiler, so `taipan run app.wasm` starts without loading binaryen or
// tree-sitter. The program's stdout, stderr and exit code pass through.

import { readFileSync, writeSync } from 'node:fs';

// Node 20 flags WASI as experimental on every construction; that notice must
// not be mixed into the program's own stderr.
const emitWarning = process.emitWarning.bind(process);
process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
  const text = typeof warning === 'string' ? warning : warning.message;
  if (/WASI/.test(text)) return;
  (emitWarning as (w: string | Error, ...r: unknown[]) => void)(warning, ...rest);
}) as typeof process.emitWarning;

/** File descriptors to give the program as its stdin, stdout and stderr (default: this process's). */
export interface Stdio { stdin?: number; stdout?: number; stderr?: number }

/** The host environment, without the variable this runner uses for itself. */
function programEnvironment(): Record<string, string> {
  const env = { ...process.env } as Record<string, string>;
  delete env[PROGRAM_NAME_VARIABLE];
  return env;
}

/**
 * Runs a module under Node's WASI. `currentDir` is the host directory the
 * program sees as its current directory (the preopen named ".", which
 * open() and os resolve relative paths against).
 */
export async function runWasm(bytes: Uint8Array, programName: string, args: readonly string[], stdio: Stdio = {}, currentDir = process.cwd()): Promise<number> {
  const { WASI } = await import('node:wasi');
  const wasi = new WASI({
    version: 'preview1',
    args: [programName, ...args],
    env: programEnvironment(),
    preopens: { '.': currentDir },
    returnOnExit: true,
    ...stdio,
  });
  const module = await WebAssembly.compile(bytes as Uint8Array<ArrayBuffer>);
  const instance = await WebAssembly.instantiate(module, wasi.getImportObject() as WebAssembly.Imports);
  try {
    return wasi.start(instance);
  } catch (err) {
    // A trap is a runtime bug, never a Python-level failure; say so plainly.
    const message = `taipan: the program trapped: ${err instanceof Error ? err.message : String(err)}\n`;
    if (stdio.stderr !== undefined) writeSync(stdio.stderr, message); else process.stderr.write(message);
    return 134;
  }
}

/**
 * `taipan run app.py` compiles to a temporary module and runs it in a child
 * process; this variable carries the source path there so the program's
 * sys.argv[0] is what the user typed, as under CPython.
 */
export const PROGRAM_NAME_VARIABLE = 'TAIPAN_PROGRAM_NAME';

export async function runWasmFile(path: string, args: readonly string[]): Promise<number> {
  return runWasm(new Uint8Array(readFileSync(path)), process.env[PROGRAM_NAME_VARIABLE] ?? path, args);
}
