// Function objects and calls. A def or lambda evaluates its defaults and
// builds its closure (the cells of the variables it captures) in the
// enclosing scope, then `func_new`. A call to a module function bound only
// by one def is bound at compile time, as the runtime would bind it, and
// becomes a direct call; a call whose binding would fail is left to the
// runtime so that the TypeError is CPython's, raised when CPython raises it.
// Other calls pass positional arguments directly (`call_dynamic`) or go
// through the generic call with a tuple and a dict (`call_kw`).

import type { Expr, Keyword, Param } from '../frontend/ast.js';
import type { FunctionScope, ScopeNode } from '../frontend/scopes.js';
import type { ValueId } from '../ir/function.js';
import { buildCallArgumentList, buildDict, buildTuple, lowerExpr, siteOf } from './expressions.js';
import type { LoweringContext } from './lowering-context.js';
import { bindingOrder } from './module.js';

type CallExpr = Extract<Expr, { kind: 'call' }>;
type DefStmt = Extract<ScopeNode, { kind: 'def' }>;

/** Builds the function object for a def or lambda: defaults, keyword-only defaults, closure, in that order. */
export function makeFunctionObject(cx: LoweringContext, node: DefStmt | Extract<Expr, { kind: 'lambda' }>): ValueId {
  const params = node.params;
  const positionalDefaults = params.filter((p) => (p.kind === 'positional' || p.kind === 'positional_only') && p.default !== null);
  const defaults = positionalDefaults.length === 0 ? cx.emit('const_null', [])
    : buildTuple(cx, positionalDefaults.map((p) => lowerExpr(cx, p.default!)));
  const kwonlyDefaults = params.filter((p) => p.kind === 'keyword_only' && p.default !== null);
  const kwdefaults = kwonlyDefaults.length === 0 ? cx.emit('const_null', [])
    : buildDict(cx, kwonlyDefaults.map((p) => [cx.emit('const_str', [], p.name), lowerExpr(cx, p.default!)] as const));
  const scope = cx.program.scopeOf(node);
  const closure = buildClosure(cx, scope);
  return cx.emitChecked('func_new', [defaults, kwdefaults, closure], cx.functionNames.get(node)!);
}

/** The tuple of cells an inner scope's free variables live in, taken from this scope's cells and closure. */
export function buildClosure(cx: LoweringContext, inner: FunctionScope): ValueId {
  if (inner.frees.length === 0) return cx.emit('const_null', []);
  return buildTuple(cx, inner.frees.map((name) => cellOf(cx, name)));
}

/** The cell holding `name`, a variable of this scope's or an enclosing one that an inner scope captures. */
export function cellOf(cx: LoweringContext, name: string): ValueId {
  // A class body passes its functions' free variables through even when it binds the same name itself.
  const passedThrough = cx.scope?.kind === 'class' ? cx.scope.frees.indexOf(name) : -1;
  if (passedThrough >= 0) return cx.emit('closure_cell', [cx.functionObject], passedThrough);
  const binding = cx.program.resolve(cx.scope, name);
  if (binding.kind === 'cell') return cx.cells[binding.index];
  if (binding.kind === 'free') return cx.emit('closure_cell', [cx.functionObject], binding.index);
  throw new Error(`captured name ${name} is ${binding.kind} in ${cx.fn.name}`);
}

export function lowerCall(cx: LoweringContext, e: CallExpr, lowerBuiltin: (name: string) => ValueId | null): ValueId {
  const binding = e.func.kind === 'name' ? cx.program.resolve(cx.scope, e.func.id) : null;
  if (binding?.kind === 'builtin') {
    const result = lowerBuiltin(binding.name);
    if (result !== null) return result;
  }
  const unpacks = e.args.some((a) => a.kind === 'starred') || e.keywords.some((k) => k.name === null);
  const def = binding?.kind === 'global' ? cx.program.globals[binding.slot].soleDef : null;
  if (def !== null && !unpacks && bindsStatically(def.params, e)) {
    // The slot can only hold this def's function once bound, so loading it is the whole check.
    const func = cx.atSite(siteOf(e.func), () => cx.emitChecked('load_global', [], cx.globalId(def.name)));
    const positional = e.args.map((a) => lowerExpr(cx, a));
    const keywords = new Map(e.keywords.map((k) => [k.name!, lowerExpr(cx, k.value)]));
    const bound = bindStatically(cx, func, def.params, positional, keywords);
    return cx.emitChecked('call_direct', [func, ...bound], cx.functionNames.get(def)!);
  }
  const callee = lowerExpr(cx, e.func);
  if (!unpacks && e.keywords.length === 0) return cx.emitChecked('call_dynamic', [callee, ...e.args.map((a) => lowerExpr(cx, a))]);
  const { args, kwargs } = lowerCallArguments(cx, callee, e.args, e.keywords);
  return cx.emitChecked('call_kw', [callee, args, kwargs]);
}

/**
 * Evaluates arguments in source order into a tuple and a keyword dict (null
 * when there are no keywords), expanding `*iterable` and `**mapping`.
 */
export function lowerCallArguments(cx: LoweringContext, callee: ValueId, args: Expr[], keywords: Keyword[]): { args: ValueId; kwargs: ValueId } {
  const tuple = args.some((a) => a.kind === 'starred')
    ? cx.emitChecked('list_to_tuple', [buildCallArgumentList(cx, args, callee)])
    : buildTuple(cx, args.map((a) => lowerExpr(cx, a)));
  if (keywords.length === 0) return { args: tuple, kwargs: cx.emit('const_null', []) };
  const dict = cx.emitChecked('dict_new', []);
  for (const k of keywords) {
    const value = lowerExpr(cx, k.value);
    if (k.name === null) {
      cx.emitChecked('kwargs_merge', [dict, value, callee]);
    } else {
      // A plain keyword cannot clash with another (a syntax error) but can with an earlier **mapping.
      const single = buildDict(cx, [[cx.emit('const_str', [], k.name), value]]);
      cx.emitChecked('kwargs_merge', [dict, single, callee]);
    }
  }
  return { args: tuple, kwargs: dict };
}

/** Whether a call with these arguments binds to `params` without a TypeError. */
function bindsStatically(params: Param[], e: CallExpr): boolean {
  const positional = params.filter((p) => p.kind === 'positional_only' || p.kind === 'positional');
  const varargs = params.some((p) => p.kind === 'vararg');
  const varkw = params.some((p) => p.kind === 'varkw');
  if (e.args.length > positional.length && !varargs) return false;
  const filled = new Set(positional.slice(0, e.args.length).map((p) => p.name));
  for (const k of e.keywords) {
    const p = params.find((q) => q.name === k.name && (q.kind === 'positional' || q.kind === 'keyword_only'));
    if (p === undefined) {
      if (!varkw) return false;
      continue;
    }
    if (filled.has(p.name)) return false;
    filled.add(p.name);
  }
  return params.every((p) => p.kind === 'vararg' || p.kind === 'varkw' || filled.has(p.name) || p.default !== null);
}

/** The value of each parameter, in binding order, for a call `bindsStatically` accepted. */
function bindStatically(cx: LoweringContext, func: ValueId, params: Param[], positional: ValueId[], keywords: Map<string, ValueId>): ValueId[] {
  const positionalParams = params.filter((p) => p.kind === 'positional_only' || p.kind === 'positional');
  const firstDefault = positionalParams.findIndex((p) => p.default !== null);
  const extraKeywords: [string, ValueId][] = [];
  for (const [name, value] of keywords) {
    if (!params.some((p) => p.name === name && (p.kind === 'positional' || p.kind === 'keyword_only'))) extraKeywords.push([name, value]);
  }
  return bindingOrder(params).map((p) => {
    switch (p.kind) {
      case 'positional_only': case 'positional': {
        const i = positionalParams.indexOf(p);
        if (i < positional.length) return positional[i];
        if (p.kind === 'positional' && keywords.has(p.name)) return keywords.get(p.name)!;
        return cx.emitChecked('func_default', [func], i - firstDefault);
      }
      case 'keyword_only':
        return keywords.get(p.name) ?? cx.emitChecked('func_kwdefault', [func], p.name);
      case 'vararg': return buildTuple(cx, positional.slice(positionalParams.length));
      case 'varkw': return buildDict(cx, extraKeywords.map(([name, value]) => [cx.emit('const_str', [], name), value] as const));
    }
  });
}
