// The benchmark report (`npm run bench`). Owns: compiling every
// bench/programs/*.py at -O2, checking its output matches CPython's, timing
// CPython against Taipan alternately (child processes for both, plus an
// in-process runWasm number without Node's start-up), printing the medians
// and ratios as a table, reporting hello.wasm's size against its budget, and
// the size each standard-library module adds to a program that imports it.
// It is a report, not a test: mismatches are printed loudly, but it exits 0
// unless something crashes.
//
// Usage: npm run bench -- [--runs N] [program-name-filter ...]

import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { runWasm } from '../cli/run.js';
import { renderDiagnostic } from '../compiler/diagnostics.js';
import { compile, packageRoot } from '../compiler/index.js';
import { BUILTIN_MODULES } from '../compiler/ir/builtins.js';

const DEFAULT_RUNS = 5;
const HELLO_SIZE_BUDGET_BYTES = 16384;
const OPT_LEVEL = 2;

/** A bad command line: reported as one line, not a stack trace. */
class UsageError extends Error {}

interface BenchOptions {
  runs: number;
  nameFilters: string[];
}

interface ProgramResult {
  name: string;
  status: string;
  wasmBytes?: number;
  tracebackTableBytes?: number;
  cpythonMedianMs?: number;
  taipanProcessMedianMs?: number;
  taipanInProcessMedianMs?: number;
}

interface CapturedRun {
  stdout: string;
  stderr: string;
  exitCode: number;
}

function parseArgs(argv: readonly string[]): BenchOptions {
  const options: BenchOptions = { runs: DEFAULT_RUNS, nameFilters: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--runs' || arg.startsWith('--runs=')) {
      const text = arg === '--runs' ? argv[++i] : arg.slice('--runs='.length);
      const runs = Number(text);
      if (!Number.isInteger(runs) || runs < 1) throw new UsageError(`--runs needs a positive integer, got ${String(text)}`);
      options.runs = runs;
    } else if (arg.startsWith('--')) {
      throw new UsageError(`unknown option ${arg} (usage: bench [--runs N] [program-name-filter ...])`);
    } else {
      options.nameFilters.push(arg);
    }
  }
  return options;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function elapsedMs(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function runChild(command: string, args: readonly string[]): CapturedRun {
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw result.error;
  return { stdout: result.stdout, stderr: result.stderr, exitCode: result.status ?? 128 };
}

/** Runs the wasm in this process with stdout and stderr sent to temp files, returning what it wrote. */
async function runWasmInProcess(wasm: Uint8Array, programName: string, scratchDir: string): Promise<CapturedRun & { ms: number }> {
  const stdoutPath = join(scratchDir, 'inprocess.stdout');
  const stderrPath = join(scratchDir, 'inprocess.stderr');
  const stdoutFd = openSync(stdoutPath, 'w');
  const stderrFd = openSync(stderrPath, 'w');
  let exitCode: number;
  let ms: number;
  try {
    const start = process.hrtime.bigint();
    exitCode = await runWasm(wasm, programName, [], { stdout: stdoutFd, stderr: stderrFd });
    ms = elapsedMs(start);
  } finally {
    closeSync(stdoutFd);
    closeSync(stderrFd);
  }
  return { stdout: readFileSync(stdoutPath, 'utf8'), stderr: readFileSync(stderrPath, 'utf8'), exitCode, ms };
}

/** A short description of where two outputs first differ. */
function describeFirstDifference(expected: string, actual: string): string {
  const expectedLines = expected.split('\n');
  const actualLines = actual.split('\n');
  for (let i = 0; i < Math.max(expectedLines.length, actualLines.length); i++) {
    if (expectedLines[i] !== actualLines[i]) {
      return `line ${i + 1}: CPython ${JSON.stringify(expectedLines[i] ?? '<end of output>')}, Taipan ${JSON.stringify(actualLines[i] ?? '<end of output>')}`;
    }
  }
  return 'outputs differ';
}

function describeRunFailure(who: string, run: CapturedRun): string {
  const firstStderrLine = run.stderr.trim().split('\n').slice(-1)[0] ?? '';
  return `${who} exited ${run.exitCode}${firstStderrLine ? `: ${firstStderrLine}` : ''}`;
}

async function benchProgram(path: string, options: BenchOptions, taipanCli: string, scratchDir: string): Promise<ProgramResult> {
  const name = basename(path, '.py');
  const displayPath = `bench/programs/${basename(path)}`;
  const source = readFileSync(path, 'utf8');
  console.log(`\n${name}`);

  let compiled;
  try {
    compiled = await compile(source, { file: displayPath, optLevel: OPT_LEVEL });
  } catch (err) {
    // An internal compiler error in one program should not hide the others' numbers.
    console.log(`  *** COMPILER CRASHED: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    return { name, status: 'COMPILER CRASHED' };
  }
  if (compiled.diagnostics.length > 0 || !compiled.wasm) {
    for (const d of compiled.diagnostics) console.log(renderDiagnostic(d, source));
    console.log('  COMPILE FAILED');
    return { name, status: 'COMPILE FAILED' };
  }
  const wasm = compiled.wasm;
  const tracebackTableBytes = compiled.stats?.tracebackTableBytes;
  const wasmPath = join(scratchDir, `${name}.wasm`);
  writeFileSync(wasmPath, wasm);

  // Correctness first: one CPython run and one in-process Taipan run.
  const expected = runChild('python3', [path]);
  const actual = await runWasmInProcess(wasm, displayPath, scratchDir);
  const problems: string[] = [];
  if (expected.exitCode !== 0) problems.push(describeRunFailure('CPython', expected));
  if (actual.exitCode !== 0) problems.push(describeRunFailure('Taipan', actual));
  if (expected.stdout !== actual.stdout) problems.push(`stdout MISMATCH at ${describeFirstDifference(expected.stdout, actual.stdout)}`);
  let status = problems.length === 0 ? 'ok' : expected.stdout !== actual.stdout ? 'MISMATCH' : 'FAILED';
  for (const problem of problems) console.log(`  *** ${problem}`);
  if (problems.length === 0) console.log(`  output matches CPython (${expected.stdout.split('\n').length - 1} lines)`);

  // Timing: CPython and Taipan alternate so drift in machine load hits both alike.
  const cpythonMs: number[] = [];
  const taipanProcessMs: number[] = [];
  const taipanInProcessMs: number[] = [];
  for (let run = 1; run <= options.runs; run++) {
    let start = process.hrtime.bigint();
    runChild('python3', [path]);
    cpythonMs.push(elapsedMs(start));

    start = process.hrtime.bigint();
    const childRun = runChild(process.execPath, ['--no-warnings', taipanCli, 'run', wasmPath]);
    taipanProcessMs.push(elapsedMs(start));
    if (status === 'ok' && (childRun.stdout !== expected.stdout || childRun.exitCode !== 0)) {
      status = 'MISMATCH';
      console.log(`  *** taipan run (child process) MISMATCH on run ${run}: ${childRun.exitCode !== 0 ? describeRunFailure('Taipan', childRun) : describeFirstDifference(expected.stdout, childRun.stdout)}`);
    }

    taipanInProcessMs.push((await runWasmInProcess(wasm, displayPath, scratchDir)).ms);
    process.stdout.write(`  run ${run}/${options.runs}: CPython ${formatMs(cpythonMs.at(-1)!)}, Taipan ${formatMs(taipanProcessMs.at(-1)!)} (in-process ${formatMs(taipanInProcessMs.at(-1)!)})\n`);
  }

  return {
    name,
    status,
    wasmBytes: wasm.length,
    tracebackTableBytes,
    cpythonMedianMs: median(cpythonMs),
    taipanProcessMedianMs: median(taipanProcessMs),
    taipanInProcessMedianMs: median(taipanInProcessMs),
  };
}

function formatMs(ms: number): string {
  return `${ms.toFixed(1)} ms`;
}

function formatRatio(numerator: number | undefined, denominator: number | undefined): string {
  if (numerator === undefined || denominator === undefined || denominator === 0) return '-';
  return `${(numerator / denominator).toFixed(2)}x`;
}

function printTable(results: readonly ProgramResult[], runs: number): void {
  const header = ['program', 'status', 'wasm bytes', 'tb table', 'CPython', 'Taipan', 'CPy/Taipan', 'Taipan in-proc', 'CPy/in-proc'];
  const rows = results.map((r) => [
    r.name,
    r.status,
    r.wasmBytes === undefined ? '-' : String(r.wasmBytes),
    r.tracebackTableBytes === undefined ? '-' : String(r.tracebackTableBytes),
    r.cpythonMedianMs === undefined ? '-' : formatMs(r.cpythonMedianMs),
    r.taipanProcessMedianMs === undefined ? '-' : formatMs(r.taipanProcessMedianMs),
    formatRatio(r.cpythonMedianMs, r.taipanProcessMedianMs),
    r.taipanInProcessMedianMs === undefined ? '-' : formatMs(r.taipanInProcessMedianMs),
    formatRatio(r.cpythonMedianMs, r.taipanInProcessMedianMs),
  ]);
  const widths = header.map((h, column) => Math.max(h.length, ...rows.map((row) => row[column]!.length)));
  const leftAligned = new Set([0, 1]);
  const formatRow = (cells: readonly string[]) =>
    cells.map((cell, column) => (leftAligned.has(column) ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  ');
  console.log(`\nMedian of ${runs} alternating run(s) each, -O${OPT_LEVEL}. Ratio = CPython time / Taipan time (>1 means Taipan is faster).`);
  console.log('CPython and Taipan are both timed as child processes (start-up included); "in-proc" is runWasm in this process (wasm compile + run, no Node start-up).\n');
  console.log(formatRow(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(formatRow(row));
  const troubled = results.filter((r) => r.status !== 'ok');
  if (troubled.length > 0) {
    console.log(`\n*** ${troubled.length} program(s) NOT ok: ${troubled.map((r) => `${r.name} (${r.status})`).join(', ')}`);
  }
}

async function reportHelloSize(root: string): Promise<void> {
  const helloPath = join(root, 'fixtures', 'run', 'hello.py');
  const source = readFileSync(helloPath, 'utf8');
  const compiled = await compile(source, { file: 'fixtures/run/hello.py', optLevel: OPT_LEVEL });
  if (compiled.diagnostics.length > 0 || !compiled.wasm) {
    for (const d of compiled.diagnostics) console.log(renderDiagnostic(d, source));
    console.log('\nhello.wasm: COMPILE FAILED');
    return;
  }
  const size = compiled.wasm.length;
  const verdict = size <= HELLO_SIZE_BUDGET_BYTES ? 'within' : 'OVER';
  console.log(`\nhello.wasm (-O${OPT_LEVEL}): ${size} bytes, ${verdict} the ${HELLO_SIZE_BUDGET_BYTES}-byte budget`);
}

/** A program's -O2 wasm size, or null (with its diagnostics printed) when it does not compile. */
async function compiledSize(source: string, file: string): Promise<number | null> {
  const compiled = await compile(source, { file, optLevel: OPT_LEVEL });
  if (compiled.diagnostics.length > 0 || !compiled.wasm) {
    for (const d of compiled.diagnostics) console.log(renderDiagnostic(d, compiled.sources[d.file] ?? source));
    return null;
  }
  return compiled.wasm.length;
}

/**
 * What `import NAME` costs, for every module the runtime implements and
 * every module in runtime/lib/ (a module is linked only into programs that
 * import it, with what it imports). Two columns: the whole program, and the
 * bytes over a program importing only `sys`, which already links the
 * dynamic runtime core (attribute lookup, method dispatch) that any
 * imported module needs, so the second is the module's own weight.
 */
async function reportModuleSizes(root: string): Promise<void> {
  const lib = join(root, 'runtime', 'lib');
  const written = readdirSync(lib, { withFileTypes: true })
    .filter((e) => (e.isFile() && e.name.endsWith('.py')) || (e.isDirectory() && existsSync(join(lib, e.name, '__init__.py'))))
    .map((e) => e.name.replace(/\.py$/, ''))
    .filter((name) => !name.startsWith('_'));
  const empty = await compiledSize('pass\n', 'empty.py');
  const core = await compiledSize('import sys\n', 'import_sys.py');
  if (empty === null || core === null) return;
  console.log(`\nStandard-library module sizes (-O${OPT_LEVEL}; an empty program is ${empty} bytes, one importing sys ${core}):`);
  const rows = [...BUILTIN_MODULES.map((name) => ({ name, kind: 'C' })), ...written.map((name) => ({ name, kind: 'Python' }))]
    .sort((a, b) => a.name.localeCompare(b.name));
  const nameWidth = Math.max('module'.length, ...rows.map((r) => r.name.length)) + 2;
  console.log(`${'module'.padEnd(nameWidth)}${'written in'.padEnd(12)}${'program bytes'.padStart(14)}${'over sys'.padStart(10)}`);
  for (const { name, kind } of rows) {
    const alone = await compiledSize(`import ${name}\n`, `import_${name}.py`);
    const withSys = await compiledSize(`import sys\nimport ${name}\n`, `import_sys_${name}.py`);
    const shown = alone === null || withSys === null ? 'COMPILE FAILED'.padStart(24) : `${String(alone).padStart(14)}${`+${withSys - core}`.padStart(10)}`;
    console.log(`${name.padEnd(nameWidth)}${kind.padEnd(12)}${shown}`);
  }
}

async function main(): Promise<void> {
  let options: BenchOptions;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    console.error(`bench: ${err.message}`);
    process.exitCode = 2;
    return;
  }
  const root = packageRoot();
  const programsDir = join(root, 'bench', 'programs');
  const taipanCli = join(root, 'dist', 'cli', 'taipan.js');
  const programPaths = readdirSync(programsDir)
    .filter((f) => f.endsWith('.py'))
    .sort()
    .filter((f) => options.nameFilters.length === 0 || options.nameFilters.some((filter) => f.includes(filter)))
    .map((f) => join(programsDir, f));
  if (programPaths.length === 0) console.log(`no bench programs match ${options.nameFilters.join(', ')}`);

  const pythonVersion = runChild('python3', ['--version']);
  console.log(`Taipan benchmark: ${pythonVersion.stdout.trim() || pythonVersion.stderr.trim()} vs Taipan on Node ${process.version}, ${options.runs} run(s) each`);

  const scratchDir = mkdtempSync(join(tmpdir(), 'taipan-bench-'));
  try {
    const results: ProgramResult[] = [];
    for (const path of programPaths) results.push(await benchProgram(path, options, taipanCli, scratchDir));
    if (results.length > 0) printTable(results, options.runs);
    await reportHelloSize(root);
    await reportModuleSizes(root);
  } finally {
    rmSync(scratchDir, { recursive: true, force: true });
  }
}

await main();
