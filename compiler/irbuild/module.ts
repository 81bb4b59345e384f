// Builds the IR module from the ASTs and scope analyses of the program's
// modules: per Python module one IR function for its body (the entry
// module's is the program's entry) and one per def, lambda, comprehension
// and class body, nested ones included. IR function names are unique
// program-wide even when Python reuses a name. Every function takes its function object first (the
// module body gets a null box), then its declared parameters; it starts
// with `enter` (the recursion-depth check), creates the cells of its
// captured variables, and leaves through `leave`.

import type { DiagnosticBag } from '../diagnostics.js';
import type { Module, Param } from '../frontend/ast.js';
import type { FunctionScope, ProgramScopes, ScopeNode } from '../frontend/scopes.js';
import type { IrFunction, IrGlobal, IrModule, IrSourceModule, Signature } from '../ir/function.js';
import { MAIN_MODULE, type Program, type SourceModule } from '../frontend/modules.js';
import { maybeNullValues } from '../ir/analysis/definedness.js';
import { liveBlocks, newBlock, newValue } from '../ir/function.js';
import { T } from '../ir/types.js';
import { lowerClassBody } from './classes.js';
import { lowerComprehensionBody } from './comprehensions.js';
import { lowerExpr } from './expressions.js';
import { LoweringContext, type ModuleUnit } from './lowering-context.js';
import { lowerStatements } from './statements.js';

export const ENTRY_FUNCTION = '__main__';


const PARAM_ORDER = { positional_only: 0, positional: 0, keyword_only: 1, vararg: 2, varkw: 3 } as const;

/** Parameters in the order the runtime binds them: positional, keyword-only, *args, **kwargs. */
export function bindingOrder(params: readonly Param[]): Param[] {
  return [...params].sort((a, b) => PARAM_ORDER[a.kind] - PARAM_ORDER[b.kind]);
}

export function signatureOf(params: readonly Param[]): Signature {
  const positional = params.filter((p) => p.kind === 'positional_only' || p.kind === 'positional');
  return {
    argcount: positional.length,
    posonly: params.filter((p) => p.kind === 'positional_only').length,
    kwonly: params.filter((p) => p.kind === 'keyword_only').length,
    varargs: params.some((p) => p.kind === 'vararg'),
    varkw: params.some((p) => p.kind === 'varkw'),
    defaults: positional.filter((p) => p.default !== null).length,
  };
}

/** Builds a one-module program (tests that skip the loader): the module is the entry, importing nothing of its own. */
export function buildModule(module: Module, scopes: ProgramScopes, diags: DiagnosticBag): IrModule {
  const source: SourceModule = { index: 0, name: MAIN_MODULE, file: module.file, absoluteFile: module.file, tracebackFile: module.file, source: '', ast: module, isPackage: false, diags };
  const program: Program = {
    modules: [source], byName: new Map([[MAIN_MODULE, source]]), searchPaths: [],
    exports: () => ({ names: [], fromAll: false }), starNames: () => [],
  };
  return buildProgram(program, [scopes]);
}

/**
 * Builds the whole program as one IR module: each Python module's body and
 * functions, with names qualified by the module (`MODULE:`) outside the
 * entry module, so they are unique program-wide while the entry's IR reads
 * as it did before modules existed.
 */
export function buildProgram(program: Program, scopesByModule: ProgramScopes[]): IrModule {
  const used = new Set<string>([ENTRY_FUNCTION]);
  const functions: IrFunction[] = [];
  const globals: IrGlobal[] = [];
  const units = program.modules.map((m): ModuleUnit => ({
    source: m, program, prefix: m.index === 0 ? '' : `${m.name}:`,
    body: m.index === 0 ? ENTRY_FUNCTION : `${m.name}:<module>`,
  }));
  for (const u of units) used.add(u.body);
  const modules: IrSourceModule[] = units.map((u, i) => {
    const m = u.source;
    const dot = m.name.lastIndexOf('.');
    const parent = i === 0 || dot < 0 ? null : program.byName.get(m.name.slice(0, dot))!.index;
    return {
      name: m.name, file: m.absoluteFile, isPackage: m.isPackage, body: u.body,
      globals: scopesByModule[i].globals.map((g) => u.prefix + g.name), parent, children: [],
    };
  });
  modules.forEach((m, i) => { if (m.parent !== null) modules[m.parent].children.push(i); });
  units.forEach((unit, i) => {
    const scopes = scopesByModule[i];
    const diags = unit.source.diags;
    const functionNames = new Map<ScopeNode, string>();
    for (const f of scopes.functions) {
      const base = unit.prefix + f.qualname.replace(/\.<locals>\./g, '.').replace(/[<>]/g, '');
      let name = base;
      for (let k = 1; used.has(name); k++) name = `${base}.${k}`;
      used.add(name);
      functionNames.set(f.node, name);
    }
    const first = functions.length;
    functions.push(lowerFunction(unit.body, null, scopes, diags, functionNames, unit, (cx) => {
      for (const name of scopes.implicitGlobals) {
        const value = implicitGlobalValue(unit.source, name);
        cx.emitEffect('store_global', [value === null ? cx.constNone() : cx.emit('const_str', [], value)], cx.globalId(name));
      }
      lowerStatements(cx, unit.source.ast.body);
    }));
    for (const f of scopes.functions) {
      const name = functionNames.get(f.node)!;
      if (f.isGenerator) {
        // Calling a generator function makes the generator; its body is the resume function.
        const resume = generatorResumeName(name);
        functions.push(lowerGeneratorCreator(name, resume, f));
        functions.push(lowerFunction(resume, f, scopes, diags, functionNames, unit, (cx) => lowerScopeBody(cx, f), true));
      } else {
        functions.push(lowerFunction(name, f, scopes, diags, functionNames, unit, (cx) => lowerScopeBody(cx, f)));
      }
    }
    if (i > 0) for (const fn of functions.slice(first)) fn.module = i;
    for (const g of scopes.globals) globals.push({ name: unit.prefix + g.name, slot: g.slot });
  });
  return {
    functions, globals, entry: ENTRY_FUNCTION,
    ...(modules.length > 1 ? { modules } : {}),
  };
}

/** A module's `__name__`, `__doc__`, `__package__` or `__file__` (null: None), as CPython sets them before the body runs. */
function implicitGlobalValue(m: SourceModule, name: string): string | null {
  switch (name) {
    case '__name__': return m.name;
    case '__file__': return m.absoluteFile;
    case '__doc__': {
      const first = m.ast.body[0];
      return first?.kind === 'expr' && first.value.kind === 'str' ? first.value.value : null;
    }
    case '__package__':
      if (m.index === 0) return null; // a script run directly has no package
      return m.isPackage ? m.name : m.name.split('.').slice(0, -1).join('.');
    default: throw new Error(`no implicit module global ${name}`);
  }
}

function lowerScopeBody(cx: LoweringContext, scope: FunctionScope): void {
  const node = scope.node;
  switch (node.kind) {
    case 'def': lowerStatements(cx, node.body); return;
    case 'lambda': {
      const value = lowerExpr(cx, node.body);
      cx.unwindTo(0);
      cx.keepFrameAlive();
      cx.emitEffect('leave', []);
      cx.terminate({ kind: 'return', value });
      return;
    }
    case 'comprehension': lowerComprehensionBody(cx, node); return;
    case 'class': lowerClassBody(cx, node); return;
  }
}

export const generatorResumeName = (creator: string): string => `${creator}$resume`;

/** The IR function a generator function's calls run: make the generator and save the arguments into its first slots. */
function lowerGeneratorCreator(name: string, resume: string, scope: FunctionScope): IrFunction {
  const params = bindingOrder(scope.params);
  const fn: IrFunction = {
    name, pyName: scope.name, qualname: scope.qualname, paramNames: params.map((p) => p.name),
    signature: signatureOf(params), docstring: scope.node.kind === 'def' ? scope.node.docstring : null,
    params: [], values: [], blocks: [],
  };
  fn.params = [newValue(fn, T.dyn, '.func'), ...params.map((p) => newValue(fn, T.dyn, p.name))];
  const entry = newBlock(fn);
  const made = newBlock(fn);
  const failed = newBlock(fn);
  failed.term = { kind: 'raise' };
  const gen = newValue(fn, T.dyn);
  entry.insts.push({ op: 'gen_new', result: gen, args: [fn.params[0]], imm: resume });
  entry.term = { kind: 'check', value: gen, ok: made.id, err: failed.id, site: null };
  params.forEach((_, i) => made.insts.push({ op: 'gen_save', result: null, args: [gen, fn.params[i + 1]], imm: i }));
  made.term = { kind: 'return', value: gen };
  return fn;
}

function lowerFunction(
  name: string, scope: FunctionScope | null, scopes: ProgramScopes, diags: DiagnosticBag,
  functionNames: Map<ScopeNode, string>, unit: ModuleUnit, lowerBody: (cx: LoweringContext) => void, generatorResume = false,
): IrFunction {
  const params = scope === null ? [] : bindingOrder(scope.params);
  // A resume function takes (function object, generator, sent value); its Python parameters wait in the generator's first slots.
  const wasmParams = generatorResume ? ['.gen', '.sent'] : params.map((p) => p.name);
  const fn: IrFunction = {
    name,
    pyName: scope?.name ?? '<module>',
    qualname: scope?.qualname ?? '<module>',
    paramNames: wasmParams,
    signature: generatorResume ? signatureOf(wasmParams.map((n) => ({ name: n, kind: 'positional', default: null, range: scope!.node.range })))
      : signatureOf(params),
    docstring: scope?.node.kind === 'def' ? scope.node.docstring : null,
    params: [], values: [], blocks: [],
    ...(generatorResume ? { generator: { slots: params.length } } : {}),
  };
  const cx = new LoweringContext(fn, scope, scopes, diags, functionNames, unit);
  fn.params = [newValue(fn, T.dyn, '.func'), ...wasmParams.map((p) => newValue(fn, T.dyn, p))];
  cx.functionObject = fn.params[0];
  if (generatorResume) { cx.generator = fn.params[1]; cx.sent = fn.params[2]; }

  // A failed depth check must not `leave`, so it gets its own exit.
  const depthFailed = newBlock(fn);
  depthFailed.term = { kind: 'raise' };
  const status = newValue(fn, T.i32);
  cx.current.insts.push({ op: 'enter', result: status, args: [] });
  const start = newBlock(fn);
  // CPython reports a RecursionError at the caller's call, not in the frame that failed to start.
  cx.current.term = { kind: 'check', value: status, ok: start.id, err: depthFailed.id, site: null };
  cx.ssa.addPredecessor(start.id, cx.current.id);
  cx.ssa.addPredecessor(depthFailed.id, cx.current.id);
  cx.ssa.seal(start.id);
  cx.ssa.seal(depthFailed.id);
  cx.startBlock(start);

  // Captured variables live in cells, created on entry; a captured parameter starts with its argument.
  if (scope !== null) {
    cx.atSite({ range: scope.node.range }, () => {
      cx.cells = scope.cells.map(() => cx.emitChecked('cell_new', []));
    });
    params.forEach((p, i) => {
      const value = generatorResume ? cx.emit('gen_load', [cx.generator], i) : fn.params[i + 1];
      const binding = scopes.resolve(scope, p.name);
      if (binding.kind === 'cell') cx.emitEffect('cell_set', [cx.cells[binding.index], value]);
      else cx.ssa.write(p.name, cx.current.id, value);
    });
  }

  lowerBody(cx);
  const none = cx.constNone();
  cx.keepFrameAlive();
  cx.emitEffect('leave', []);
  cx.terminate({ kind: 'return', value: none });
  cx.ssa.seal(cx.errorExit.id);
  cx.ssa.finish();
  elideProvenBoundChecks(fn);
  return fn;
}

/**
 * A local read needs its UnboundLocalError check only if some path reaches
 * it without an assignment, which is when its SSA value may be the entry's
 * `undef`. Proven reads lose the check; simplify-cfg then merges the blocks.
 */
function elideProvenBoundChecks(fn: IrFunction): void {
  const maybeUndef = maybeNullValues(fn, 'unassigned');
  for (const b of liveBlocks(fn)) {
    const last = b.insts[b.insts.length - 1];
    if (last?.op !== 'bound_check' || maybeUndef.has(last.args[0]) || b.term.kind !== 'check') continue;
    b.insts.pop();
    b.term = { kind: 'jump', target: { block: b.term.ok, args: [] } };
  }
}
