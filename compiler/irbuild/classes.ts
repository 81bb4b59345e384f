// Class statements, compiled as CPython 3.11 compiles them: decorators,
// then bases and class keywords are evaluated in the enclosing scope; the
// body runs as its own function (frame name = the class name, so
// tracebacks match) filling a namespace dict; `class_new` makes the class
// from it, and the decorators apply innermost first. Inside the body a name
// the body binds is a namespace entry (`classns`): stores and deletes go to
// the dict, reads look there first and fall back to the global or builtin
// (CPython's LOAD_NAME). Zero-argument super() reads the implicit
// `__class__` cell and the function's first argument.

import type { Expr, Stmt, Target } from '../frontend/ast.js';
import { CLASS_CELL, CLASS_NAMESPACE } from '../frontend/scopes.js';
import type { ValueId } from '../ir/function.js';
import { raiseNew } from './exceptions.js';
import { buildDict, buildTuple, lowerExpr, readNameInScope } from './expressions.js';
import { buildClosure, cellOf } from './functions.js';
import type { LoweringContext } from './lowering-context.js';
import { assignName, lowerStatements } from './statements.js';

type ClassStmt = Extract<Stmt, { kind: 'class' }>;


export function lowerClassDef(cx: LoweringContext, s: ClassStmt): void {
  const decorators = s.decorators.map((d) => lowerExpr(cx, d));
  const bases = buildTuple(cx, s.bases.map((b) => lowerExpr(cx, b)));
  const kwargs = s.keywords.length === 0 ? cx.emit('const_null', [])
    : buildDict(cx, s.keywords.map((k) => [cx.emit('const_str', [], k.name!), lowerExpr(cx, k.value)] as const));
  const namespace = cx.emitChecked('dict_new', []);
  const scope = cx.program.scopeOf(s);
  const bodyName = cx.functionNames.get(s)!;
  const closure = buildClosure(cx, scope);
  const func = scope.frees.length === 0 ? closure
    : cx.emitChecked('func_new', [cx.emit('const_null', []), cx.emit('const_null', []), closure], bodyName);
  cx.emitChecked('call_direct', [func, namespace], bodyName);
  const attrNames = buildTuple(cx, instanceAttributeNames(s).map((n) => cx.emit('const_str', [], n)));
  let cls = cx.emitChecked('class_new', [cx.emit('const_str', [], s.name), bases, namespace, kwargs, attrNames]);
  for (let i = decorators.length - 1; i >= 0; i--) {
    const value = cls;
    cls = cx.atSite({ range: s.decorators[i].range }, () => cx.emitChecked('call_dynamic', [decorators[i], value]));
  }
  assignName(cx, { id: s.boundAs, range: s.nameRange }, cls);
}

/** The class body's function: `__module__`, `__qualname__` and `__doc__` first, then the statements, then `__classcell__`. */
export function lowerClassBody(cx: LoweringContext, s: ClassStmt): void {
  const scope = cx.program.scopeOf(s);
  const namespace = cx.ssa.read(CLASS_NAMESPACE, cx.current.id);
  const store = (name: string, value: ValueId): void => { cx.emitChecked('dict_set', [namespace, cx.emit('const_str', [], name), value]); };
  cx.atSite({ range: s.range }, () => {
    store('__module__', cx.emit('const_str', [], cx.unit.source.name));
    store('__qualname__', cx.emit('const_str', [], scope.qualname));
    if (s.docstring !== null) store('__doc__', cx.emit('const_str', [], s.docstring));
  });
  lowerStatements(cx, s.body);
  if (scope.cells.includes(CLASS_CELL)) store('__classcell__', cellOf(cx, CLASS_CELL));
}

export function storeClassName(cx: LoweringContext, id: string, value: ValueId): void {
  const namespace = cx.ssa.read(CLASS_NAMESPACE, cx.current.id);
  cx.emitChecked('dict_set', [namespace, cx.emit('const_str', [], id), value]);
}

export function deleteClassName(cx: LoweringContext, id: string): void {
  cx.emitChecked('class_ns_delete', [cx.ssa.read(CLASS_NAMESPACE, cx.current.id)], id);
}

/** A name the class body binds: the namespace's entry if present, else the global or builtin of that name. */
export function readClassName(cx: LoweringContext, id: string, range: Expr['range']): ValueId {
  const found = cx.emit('class_ns_load', [cx.ssa.read(CLASS_NAMESPACE, cx.current.id)], id);
  const absent = cx.newBlock();
  const present = cx.newBlock();
  const join = cx.newBlock();
  const result = `.classname${found}`;
  cx.branch(cx.emit('is_null', [found]), absent, present);
  cx.ssa.seal(present.id);
  cx.startBlock(present);
  cx.ssa.write(result, cx.current.id, found);
  cx.jump(join);
  cx.ssa.seal(absent.id);
  cx.startBlock(absent);
  cx.ssa.write(result, cx.current.id, readNameInScope(cx, null, id, range));
  cx.jump(join);
  cx.ssa.seal(join.id);
  cx.startBlock(join);
  return cx.ssa.read(result, join.id);
}

/**
 * `super()` with no arguments: `super(__class__, <first argument>)`. Whether
 * the function has a first parameter and a `__class__` cell is known here, so
 * CPython's RuntimeErrors for their absence are raised directly.
 */
export function lowerZeroArgumentSuper(cx: LoweringContext, range: Expr['range']): ValueId {
  const scope = cx.scope;
  const first = scope === null || scope.kind === 'class' ? undefined
    : scope.params.find((p) => p.kind === 'positional_only' || p.kind === 'positional') ?? scope.params.find((p) => p.kind === 'vararg');
  if (first === undefined) return raiseStatically(cx, 'super(): no arguments');
  if (first.kind === 'vararg') {
    cx.error('unsupported', 'unsupported construct: super() in a function whose first parameter is *args', range);
    return cx.constNone();
  }
  const binding = cx.program.resolve(scope, CLASS_CELL);
  if (binding.kind !== 'free' && binding.kind !== 'cell') return raiseStatically(cx, 'super(): __class__ cell not found');
  const cls = cx.emit('cell_peek', [cellOf(cx, CLASS_CELL)]);
  const self = readNameInScope(cx, scope, first.name, scope!.node.range);
  return cx.emitChecked('super_zero', [cls, self]);
}

/** Raises RuntimeError(message) here; the expression's value is never used. */
function raiseStatically(cx: LoweringContext, message: string): ValueId {
  raiseNew(cx, 'RuntimeError', [cx.emit('const_str', [], message)]);
  const dead = cx.newBlock();
  cx.ssa.seal(dead.id);
  cx.startBlock(dead);
  return cx.constNone();
}

/**
 * The names assigned as `self.NAME` in the class body's own functions (first
 * parameter `self` or any name), in first-assignment order: a hint the runtime
 * seeds the instances' layout with, so common attributes get fixed slots.
 */
function instanceAttributeNames(s: ClassStmt): string[] {
  const names: string[] = [];
  const noteTarget = (t: Target, selfName: string): void => {
    if (t.kind === 'attribute' && t.value.kind === 'name' && t.value.id === selfName && !names.includes(t.attr)) names.push(t.attr);
    if (t.kind === 'unpack') for (const e of t.elts) noteTarget(e, selfName);
    if (t.kind === 'starred') noteTarget(t.target, selfName);
  };
  const walk = (body: Stmt[], selfName: string): void => {
    for (const st of body) {
      switch (st.kind) {
        case 'assign': for (const t of st.targets) noteTarget(t, selfName); break;
        case 'augassign': noteTarget(st.target, selfName); break;
        case 'if': case 'while': case 'for': walk(st.body, selfName); walk(st.orelse, selfName); break;
        case 'try': walk(st.body, selfName); for (const h of st.handlers) walk(h.body, selfName); walk(st.orelse, selfName); walk(st.finalbody, selfName); break;
        case 'with': walk(st.body, selfName); break;
        case 'match': for (const c of st.cases) walk(c.body, selfName); break;
        default: break;
      }
    }
  };
  for (const st of s.body) {
    if (st.kind !== 'def' || st.decorators.length > 0) continue;
    const first = st.params[0];
    if (first !== undefined && (first.kind === 'positional' || first.kind === 'positional_only')) walk(st.body, first.name);
  }
  return names;
}
