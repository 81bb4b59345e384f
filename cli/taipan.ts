#!/usr/bin/env node
// The `taipan` command line: `build` compiles a Python file to .wasm (or WAT
// or IR text), `run` compiles in memory and runs, or runs a built .wasm
// without loading the compiler. Compile errors print as
// `file:line:col: error: ...` with the source line and exit 2.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { PROGRAM_NAME_VARIABLE, runWasmFile } from './run.js';

const EXIT_COMPILE_ERROR = 2;
const EXIT_INTERNAL_ERROR = 70;

function version(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const candidate of [join(here, '..', 'package.json'), join(here, '..', '..', 'package.json')]) {
    try { return (JSON.parse(readFileSync(candidate, 'utf8')) as { version: string }).version; } catch { /* try the next */ }
  }
  return 'unknown';
}

interface BuildFlags { file: string; optLevel: number; debugRuntime: boolean; verifyEach: boolean; keepNames?: boolean; roots: string[] }

/** The `-I DIR` roots, in order (yargs gives one string, or an array when repeated). */
function rootsOf(argv: { I?: string | string[] }): string[] {
  return argv.I === undefined ? [] : ([] as string[]).concat(argv.I);
}

/** Compiles a file, printing diagnostics; returns the wasm bytes or an exit code. */
async function compileFile(flags: BuildFlags & { emit?: string }): Promise<{ wasm?: Uint8Array; text?: string; stats?: { tracebackSites: number; tracebackTableBytes: number } } | number> {
  let source: string;
  try {
    source = readFileSync(flags.file, 'utf8');
  } catch (err) {
    process.stderr.write(`taipan: cannot read ${flags.file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}\n`);
    return EXIT_COMPILE_ERROR;
  }
  const { renderDiagnostic } = await import('../compiler/diagnostics.js');
  try {
    // Binaryen and tree-sitter are large wasm modules that run once per command;
    // V8's optimising tier would spend longer compiling them than it saves. The
    // program's own module is compiled afterwards, with the default tiering.
    const result = await withBaselineWasm(async () => (await import('../compiler/index.js')).compile(source, {
      file: flags.file, roots: flags.roots, optLevel: flags.optLevel, debugRuntime: flags.debugRuntime, verifyEach: flags.verifyEach,
      emitWat: flags.emit === 'wat', irOnly: flags.emit === 'ir', keepNames: flags.keepNames,
    }));
    if (result.diagnostics.length > 0) {
      for (const d of result.diagnostics) process.stderr.write(renderDiagnostic(d, result.sources[d.file]) + '\n');
      return EXIT_COMPILE_ERROR;
    }
    if (flags.emit === 'ir') return { text: result.ir };
    if (flags.emit === 'wat') return { text: result.wat };
    return { wasm: result.wasm, stats: result.stats };
  } catch (err) {
    process.stderr.write(`${flags.file}: internal compiler error: ${err instanceof Error ? err.message : String(err)}\n`);
    if (process.env.TAIPAN_DEBUG && err instanceof Error) process.stderr.write(`${err.stack}\n`);
    return EXIT_INTERNAL_ERROR;
  }
}

/**
 * Runs a just-compiled module in a child Node process: this process has
 * switched V8 to its baseline wasm compiler for the compiler's sake, and the
 * program deserves the optimising tier. stdio and the exit code pass through.
 */
function runInFreshProcess(wasm: Uint8Array, programName: string, args: string[]): number {
  const dir = mkdtempSync(join(tmpdir(), 'taipan-run-'));
  const path = join(dir, `${basename(programName).replace(/\.py$/, '')}.wasm`);
  try {
    writeFileSync(path, wasm);
    const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), 'run', path, '--', ...args], {
      stdio: 'inherit', env: { ...process.env, [PROGRAM_NAME_VARIABLE]: programName },
    });
    if (child.error) throw child.error;
    return child.status ?? 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs `load` with V8's baseline wasm compiler only, restoring the default tiering afterwards. */
async function withBaselineWasm<T>(load: () => Promise<T>): Promise<T> {
  setFlagsFromString('--liftoff-only');
  try {
    return await load();
  } finally {
    setFlagsFromString('--no-liftoff-only');
  }
}

function optLevelOf(argv: { O?: number }): number {
  const level = argv.O ?? 2;
  if (![0, 1, 2, 3].includes(level)) throw new Error(`-O${level}: use -O0, -O1, -O2 or -O3`);
  return level;
}

/**
 * `taipan run APP.wasm [--] [ARGS...]` skips option parsing altogether: loading
 * yargs alone would double the start-up time of running a built module.
 */
function builtModuleRun(argv: string[]): { file: string; args: string[] } | null {
  if (argv[0] !== 'run' || argv[1] === undefined || !argv[1].endsWith('.wasm')) return null;
  const rest = argv.slice(2);
  if (rest[0] === '--') return { file: argv[1], args: rest.slice(1) };
  return rest.some((a) => a.startsWith('-')) ? null : { file: argv[1], args: rest };
}

async function main(): Promise<number> {
  const fast = builtModuleRun(process.argv.slice(2));
  if (fast !== null) return runWasmFile(fast.file, fast.args);
  const { default: yargs } = await import('yargs');
  const { hideBin } = await import('yargs/helpers');
  let exitCode = 0;
  await yargs(hideBin(process.argv))
    .scriptName('taipan')
    .usage('$0 <command> [options]\n\nCompile Python 3 to standalone WebAssembly (WASI).')
    .command('build <file>', 'compile a Python file to .wasm (or WAT, or IR text)', (y) => y
      .positional('file', { type: 'string', demandOption: true, describe: 'the Python source file' })
      .option('o', { alias: 'output', type: 'string', describe: 'output path (default: FILE with .wasm, .wat or .ir)' })
      .option('keep-names', { type: 'boolean', default: false, describe: 'keep function names in the module (for reading WAT)' })
      .option('emit', { choices: ['wasm', 'wat', 'ir'] as const, default: 'wasm' as const, describe: 'what to write' })
      .option('stats', { type: 'boolean', default: false, describe: 'report the module size and its traceback table' }),
    async (argv) => {
      const result = await compileFile({
        file: argv.file, emit: argv.emit, optLevel: optLevelOf(argv as { O?: number }),
        debugRuntime: argv['debug-runtime'] as boolean, verifyEach: argv['verify-each'] as boolean,
        keepNames: argv['keep-names'], roots: rootsOf(argv as { I?: string | string[] }),
      });
      if (typeof result === 'number') { exitCode = result; return; }
      const out = argv.o ?? argv.file.replace(/\.py$/, '') + '.' + argv.emit;
      writeFileSync(out, result.wasm ?? result.text ?? '');
      if (argv.stats && result.wasm !== undefined && result.stats !== undefined) {
        process.stderr.write(`${out}: ${result.wasm.length} bytes; traceback table: ${result.stats.tracebackSites} sites, ${result.stats.tracebackTableBytes} bytes\n`);
      }
    })
    .command('run <file> [args..]', 'compile and run a .py file, or run a built .wasm, under Node\'s WASI', (y) => y
      .positional('file', { type: 'string', demandOption: true, describe: 'a .py source or a built .wasm' })
      .positional('args', { type: 'string', array: true, describe: 'arguments for the program (after --)' }),
    async (argv) => {
      const args = ((argv['--'] as string[] | undefined) ?? []).concat((argv.args as string[] | undefined) ?? []);
      if (argv.file.endsWith('.wasm')) { exitCode = await runWasmFile(argv.file, args); return; }
      const result = await compileFile({
        file: argv.file, optLevel: optLevelOf(argv as { O?: number }),
        debugRuntime: argv['debug-runtime'] as boolean, verifyEach: argv['verify-each'] as boolean, roots: rootsOf(argv as { I?: string | string[] }),
      });
      if (typeof result === 'number') { exitCode = result; return; }
      exitCode = runInFreshProcess(result.wasm!, argv.file, args);
    })
    .option('O', { type: 'number', describe: 'optimisation level 0-3 (-O0 .. -O3, default 2)' })
    .option('debug-runtime', { type: 'boolean', default: false, describe: 'link the debug runtime (reports live objects at exit)' })
    .option('verify-each', { type: 'boolean', default: false, describe: 'run the IR verifier after every pass' })
    .option('I', { type: 'string', describe: 'also look for imported modules in DIR (repeatable; after the entry file\'s directory)' })
    .parserConfiguration({ 'populate--': true })
    .demandCommand(1, 'name a command: build or run')
    .strict()
    .version(version())
    .help()
    .fail((msg, err, y) => {
      if (err) throw err;
      process.stderr.write(`${y.help()}\n\n${msg}\n`);
      exitCode = EXIT_COMPILE_ERROR;
    })
    .parseAsync();
  return exitCode;
}

main().then((code) => process.exit(code), (err: unknown) => {
  process.stderr.write(`taipan: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(EXIT_COMPILE_ERROR);
});
