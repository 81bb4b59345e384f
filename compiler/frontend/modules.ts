// The module loader: starting from the entry file, finds every module the
// program imports (statically: an import anywhere, inside functions and
// if-blocks too, counts), parses each one once, and returns them all, so
// the whole program compiles into one wasm module with no import machinery
// at run time. Resolution follows CPython's path-based finder for regular
// packages: the entry file's directory, then each extra root (`-I DIR`); a
// directory with `__init__.py` is a package and wins over a `NAME.py` beside
// it; submodules are looked up in their package's directory only. The
// standard library's Python modules (runtime/lib/) come last, as CPython's
// stdlib follows sys.path[0] and PYTHONPATH, so a program's own `random.py`
// shadows ours; only the modules a program imports are compiled into it.
// Modules the runtime implements (sys, math) are never looked up on disk. A
// module that cannot be found is an `import` diagnostic at the importing
// statement.

import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { DiagnosticBag, type SourceRange } from '../diagnostics.js';
import { BUILTIN_MODULES } from '../ir/builtins.js';
import type { Module, Stmt } from './ast.js';
import { moduleFromTree } from './from-tree.js';
import { mangleModule } from './mangle.js';
import { parsePython } from './parse.js';
import { exportedNames } from './scopes.js';
import { CPYTHON_STDLIB_MODULES } from './stdlib-names.js';

/** The module name of the program's entry file, as CPython names the script. */
export const MAIN_MODULE = '__main__';

export interface SourceModule {
  /** Position in `Program.modules`; the entry is 0. */
  index: number;
  /** The dotted name (`__name__`); `__main__` for the entry. */
  name: string;
  /** The path diagnostics show: as given for the entry; for an imported module relative to the working directory when it is inside it. */
  file: string;
  /** `__file__`: the absolute path. */
  absoluteFile: string;
  /** The path tracebacks show: as given for the entry, absolute for imported modules (as CPython's absolute sys.path[0] makes them). */
  tracebackFile: string;
  source: string;
  ast: Module;
  /** A package (its file is `__init__.py`): its submodules live in its directory. */
  isPackage: boolean;
  diags: DiagnosticBag;
}

export interface Program {
  modules: SourceModule[];
  byName: Map<string, SourceModule>;
  /** Where top-level modules are looked up, in order (the standard library's directory last). */
  searchPaths: string[];
  /** What `from m import *` takes from m (memoized; see scopes.ts exportedNames). */
  exports(module: SourceModule): ModuleExports;
  /** The names a star import in `importer` binds (empty, with a diagnostic, when its module is the runtime's). */
  starNames(importer: SourceModule, s: Extract<Stmt, { kind: 'import_from' }>): readonly string[];
}

export interface ModuleExports { names: string[]; fromAll: boolean }

export interface EntryFile { source: string; file: string; path: string }

/** A statically resolved import target: one of the program's modules, or a module the runtime implements. */
export type ImportTarget = { kind: 'source'; module: SourceModule } | { kind: 'builtin'; name: string };

export function isRuntimeModule(name: string): boolean { return BUILTIN_MODULES.includes(name); }

/**
 * The absolute module name a `from` import names: `level` leading dots
 * count up from the importing module's package. Null (with the reason)
 * when the importer has no package or the dots climb above the top.
 */
export function resolveRelative(importer: SourceModule, level: number, module: string | null): { name: string } | { error: string } {
  if (level === 0) return { name: module! };
  const pkg = importer.isPackage ? importer.name : importer.name.split('.').slice(0, -1).join('.');
  if (importer.name === MAIN_MODULE || pkg === '') return { error: 'attempted relative import with no known parent package' };
  const parts = pkg.split('.');
  if (level - 1 >= parts.length) return { error: 'attempted relative import beyond top-level package' };
  const base = parts.slice(0, parts.length - (level - 1)).join('.');
  return { name: module === null ? base : `${base}.${module}` };
}

/** Parses one file into the AST (mangled, ready for scope analysis); diagnostics go to its own bag. */
async function parseModule(source: string, file: string, diags: DiagnosticBag): Promise<Module> {
  const tree = await parsePython(source);
  try {
    const ast = moduleFromTree(tree, source, diags);
    if (!diags.hasErrors) mangleModule(ast);
    return ast;
  } finally {
    tree.delete();
  }
}

/**
 * Loads the entry and everything it imports. `roots` are the `-I`
 * directories; `stdlibDir` is runtime/lib/, searched after them (absent in
 * tests that build IR from a single source).
 */
export async function loadProgram(entry: EntryFile, roots: readonly string[], stdlibDir?: string): Promise<Program> {
  const programPaths = [dirname(entry.path), ...roots];
  const searchPaths = stdlibDir === undefined ? programPaths : [...programPaths, stdlibDir];
  const modules: SourceModule[] = [];
  const byName = new Map<string, SourceModule>();
  /** Names already looked for and not found, so each is reported once per importing statement only. */
  const missing = new Set<string>();

  const add = async (name: string, file: string, absoluteFile: string, source: string, isPackage: boolean): Promise<SourceModule> => {
    const diags = new DiagnosticBag(file);
    const tracebackFile = modules.length === 0 ? file : absoluteFile;
    const m: SourceModule = { index: modules.length, name, file, absoluteFile, tracebackFile, source, ast: { body: [], file }, isPackage, diags };
    modules.push(m);
    byName.set(name, m);
    m.ast = await parseModule(source, file, diags);
    return m;
  };

  /** Finds `name` on disk (its packages first); null when some component does not exist. */
  const find = async (name: string): Promise<SourceModule | null> => {
    const known = byName.get(name);
    if (known !== undefined) return known;
    if (missing.has(name)) return null;
    const dot = name.lastIndexOf('.');
    let dirs = searchPaths;
    if (dot >= 0) {
      const parent = await find(name.slice(0, dot));
      if (parent === null || !parent.isPackage) { missing.add(name); return null; }
      dirs = [dirname(parent.absoluteFile)];
    }
    const last = name.slice(dot + 1);
    for (const dir of dirs) {
      const init = join(dir, last, '__init__.py');
      const plain = join(dir, `${last}.py`);
      const isPackage = isFile(init);
      if (!isPackage && !isFile(plain)) continue;
      const path = resolve(isPackage ? init : plain);
      const shown = relative(process.cwd(), path);
      const m = await add(name, shown.startsWith('..') || isAbsolute(shown) ? path : shown, path, readFileSync(path, 'utf8'), isPackage);
      await scan(m);
      return m;
    }
    missing.add(name);
    return null;
  };

  const report = (importer: SourceModule, name: string, range: SourceRange): void => {
    // Name the first component that is missing, as CPython's ModuleNotFoundError does.
    const parts = name.split('.');
    let first = name;
    for (let i = 1; i <= parts.length; i++) {
      const prefix = parts.slice(0, i).join('.');
      if (!byName.has(prefix)) { first = prefix; break; }
    }
    const parent = byName.get(first.split('.').slice(0, -1).join('.'));
    if (parent === undefined && CPYTHON_STDLIB_MODULES.has(first)) {
      importer.diags.error('import', `unsupported module: '${first}' (part of Python's standard library that Taipan does not provide yet)`, range);
      return;
    }
    const where = parent !== undefined ? [dirname(parent.file)] : programPaths;
    const notPackage = parent !== undefined && !parent.isPackage ? `; '${parent.name}' is not a package` : '';
    importer.diags.error('import', `no module named '${first}'${notPackage} (searched: ${where.join(', ')})`, range);
  };

  /** Loads `name` for `importer`'s statement at `range`, reporting it when it cannot be found. */
  const need = async (importer: SourceModule, name: string, range: SourceRange): Promise<void> => {
    if (isRuntimeModule(name)) return;
    if (await find(name) === null) report(importer, name, range);
  };

  const scan = async (m: SourceModule): Promise<void> => {
    for (const s of importStatements(m.ast.body)) {
      if (s.kind === 'import') {
        for (const a of s.names) await need(m, a.name, a.range);
        continue;
      }
      const base = resolveRelative(m, s.level, s.module);
      if ('error' in base) { m.diags.error('import', base.error, s.range); continue; }
      if (isRuntimeModule(base.name)) continue;
      await need(m, base.name, s.range);
      const pkg = byName.get(base.name);
      // `from pkg import sub` imports the submodule when the package lacks the attribute: load it if it exists.
      // `from pkg import *` does so for each name of a literal `__all__`.
      if (!pkg?.isPackage) continue;
      const names = s.names[0]?.name === '*' ? exportedNames(pkg.ast, new DiagnosticBag(pkg.file), () => []).names : s.names.map((a) => a.name);
      for (const name of names) await find(`${base.name}.${name}`);
    }
  };

  const main = await add(MAIN_MODULE, entry.file, resolve(entry.path), entry.source, false);
  if (!main.diags.hasErrors) await scan(main);

  const exportsCache = new Map<SourceModule, ModuleExports>();
  const starNames = (importer: SourceModule, s: Extract<Stmt, { kind: 'import_from' }>): readonly string[] => {
    const base = resolveRelative(importer, s.level, s.module);
    if ('error' in base) return [];
    const target = byName.get(base.name);
    if (target === undefined) {
      importer.diags.error('unsupported', `unsupported construct: from ${base.name} import * (a module the runtime implements)`, s.range);
      return [];
    }
    return exports(target).names;
  };
  const exports = (m: SourceModule): ModuleExports => {
    let found = exportsCache.get(m);
    if (found === undefined) {
      exportsCache.set(m, { names: [], fromAll: false }); // a star-import cycle sees nothing further
      found = exportedNames(m.ast, m.diags, (s) => starNames(m, s));
      exportsCache.set(m, found);
    }
    return found;
  };
  return { modules, byName, searchPaths, exports, starNames };
}

function isFile(path: string): boolean {
  return existsSync(path) && statSync(path).isFile();
}

/** Every import statement in a body, nested bodies (functions, classes, blocks) included. */
export function importStatements(body: readonly Stmt[]): Extract<Stmt, { kind: 'import' | 'import_from' }>[] {
  const found: Extract<Stmt, { kind: 'import' | 'import_from' }>[] = [];
  const walk = (stmts: readonly Stmt[]): void => {
    for (const s of stmts) {
      switch (s.kind) {
        case 'import': case 'import_from': found.push(s); break;
        case 'if': case 'while': case 'for': walk(s.body); walk(s.orelse); break;
        case 'with': case 'def': case 'class': walk(s.body); break;
        case 'try': walk(s.body); for (const h of s.handlers) walk(h.body); walk(s.orelse); walk(s.finalbody); break;
        case 'match': for (const c of s.cases) walk(c.body); break;
        default: break;
      }
    }
  };
  walk(body);
  return found;
}
