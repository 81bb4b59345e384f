// The compiler's one entry point: source text in, wasm (and optionally WAT
// or IR text) plus diagnostics out. The CLI, the tests and future bundler
// plugins all call compile(); this is the only place the stages are wired.

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RuntimeDataMap } from './backend/data-gc.js';
import { emitModule, type EmitStats } from './backend/emit-module.js';
import type { Diagnostic } from './diagnostics.js';
import { loadProgram, MAIN_MODULE } from './frontend/modules.js';
import { analyzeScopes } from './frontend/scopes.js';
import { printModule } from './ir/print.js';
import { buildProgram } from './irbuild/module.js';
import { runPipeline } from './passes/pipeline.js';

export interface CompileOptions {
  /** The path shown in diagnostics and tracebacks. */
  file: string;
  /** Where the entry file really is (imports are resolved from its directory); defaults to `file`. */
  path?: string;
  /** Extra directories searched for imported modules after the entry's (`-I DIR`). */
  roots?: string[];
  optLevel?: number;
  /** Link the debug runtime, which reports live objects at exit. */
  debugRuntime?: boolean;
  verifyEach?: boolean;
  emitWat?: boolean;
  /** Keep function names in the output (larger; for reading WAT and profiles). */
  keepNames?: boolean;
  /** Stop after the passes and return the IR text without emitting wasm. */
  irOnly?: boolean;
  /** Stop before the passes (IR straight from irbuild). */
  irBeforePasses?: boolean;
}

export interface CompileResult {
  diagnostics: Diagnostic[];
  wasm?: Uint8Array;
  wat?: string;
  ir?: string;
  stats?: EmitStats;
  /** Each file's source by the path diagnostics name it with, for rendering them. */
  sources: Record<string, string>;
}

/** The package root: the nearest ancestor of this file holding package.json (works from sources and from dist/). */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    try {
      readFileSync(join(dir, 'package.json'));
      return dir;
    } catch {
      const parent = dirname(dir);
      if (parent === dir) throw new Error('cannot find the taipan package root');
      dir = parent;
    }
  }
}

export interface RuntimeFiles { wasm: Uint8Array; dataMap: RuntimeDataMap }

const runtimeCache = new Map<boolean, RuntimeFiles>();

/** The committed runtime module and its data map (see backend/data-gc.ts). */
export function runtimeFiles(debug: boolean): RuntimeFiles {
  let files = runtimeCache.get(debug);
  if (files === undefined) {
    const base = join(packageRoot(), 'runtime', debug ? 'runtime-debug' : 'runtime');
    files = {
      wasm: new Uint8Array(readFileSync(`${base}.wasm`)),
      dataMap: JSON.parse(readFileSync(`${base}.datamap.json`, 'utf8')) as RuntimeDataMap,
    };
    runtimeCache.set(debug, files);
  }
  return files;
}

export async function compile(source: string, options: CompileOptions): Promise<CompileResult> {
  const program = await loadProgram({ source, file: options.file, path: options.path ?? options.file }, options.roots ?? [], join(packageRoot(), 'runtime', 'lib'));
  const sources = Object.fromEntries(program.modules.map((m) => [m.file, m.source]));
  const collected = (): Diagnostic[] => program.modules.flatMap((m) => m.diags.items);
  if (collected().length > 0) return { diagnostics: collected(), sources };
  const scopes = program.modules.map((m) => analyzeScopes(m.ast, m.diags, m.name !== MAIN_MODULE, (s) => program.starNames(m, s)));
  if (collected().length > 0) return { diagnostics: collected(), sources };
  const ir = buildProgram(program, scopes);
  if (collected().length > 0) return { diagnostics: collected(), sources };
  if (options.irBeforePasses) return { diagnostics: [], ir: printModule(ir), sources };

  const optLevel = options.optLevel ?? 2;
  runPipeline(ir, { optLevel, verifyEach: options.verifyEach ?? false });
  if (options.irOnly) return { diagnostics: [], ir: printModule(ir), sources };

  const runtime = runtimeFiles(options.debugRuntime ?? false);
  const { wasm, wat, stats } = emitModule(ir, {
    sources: program.modules.map((m) => ({ source: m.source, file: m.tracebackFile })),
    runtimeWasm: runtime.wasm,
    runtimeDataMap: runtime.dataMap,
    optLevel,
    emitText: options.emitWat ?? false,
    keepNames: options.keepNames ?? false,
  });
  return { diagnostics: [], wasm, wat, stats, sources };
}
