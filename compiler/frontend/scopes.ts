// Scope analysis with Python's rules: every name use resolves to a function
// local, a module global or a builtin, decided per function body as CPython's
// symtable does (assignment anywhere in a body makes the name local to the
// whole body unless it is declared `global`). Module globals get compile-time
// slots; nothing looks a name up in a dict at run time.

import type { DiagnosticBag, SourceRange } from '../diagnostics.js';
import { isBuiltinName } from '../ir/builtins.js';
import type { Expr, FStringPart, Module, Stmt, Target } from './ast.js';

export type NameBinding =
  | { kind: 'local' }
  | { kind: 'global'; slot: number }
  | { kind: 'builtin'; name: string };

export interface FunctionScope {
  name: string;
  def: Extract<Stmt, { kind: 'def' }>;
  locals: Set<string>;
  declaredGlobal: Set<string>;
}

export interface GlobalInfo {
  name: string;
  slot: number;
  /** The single `def` that binds this name, if that is its only binding anywhere. */
  soleDef: Extract<Stmt, { kind: 'def' }> | null;
}

export interface ProgramScopes {
  globals: GlobalInfo[];
  globalByName: Map<string, GlobalInfo>;
  functions: FunctionScope[];
  resolve(scope: FunctionScope | null, name: string): NameBinding;
}


export function analyzeScopes(module: Module, diags: DiagnosticBag): ProgramScopes {
  const bindingsByName = new Map<string, { defs: Extract<Stmt, { kind: 'def' }>[]; others: number; first: SourceRange }>();
  const order: string[] = [];
  const noteBinding = (name: string, def: Extract<Stmt, { kind: 'def' }> | null, range: SourceRange): void => {
    let entry = bindingsByName.get(name);
    if (entry === undefined) {
      entry = { defs: [], others: 0, first: range };
      bindingsByName.set(name, entry);
      order.push(name);
    }
    if (def !== null) entry.defs.push(def); else entry.others++;
  };

  const functions: FunctionScope[] = [];

  // Module level: every binding is a global.
  forEachBinding(module.body, (name, def, range) => noteBinding(name, def, range), (def) => {
    functions.push(analyzeFunction(def, diags, noteBinding));
  }, (stmt) => {
    // `global` at module level is legal and means nothing.
    void stmt;
  });

  const globals: GlobalInfo[] = order.map((name, slot) => {
    const entry = bindingsByName.get(name)!;
    return { name, slot, soleDef: entry.defs.length === 1 && entry.others === 0 ? entry.defs[0] : null };
  });
  const globalByName = new Map(globals.map((g) => [g.name, g]));

  for (const g of globals) {
    if (isBuiltinName(g.name)) {
      diags.error('unsupported', `unsupported construct: rebinding the builtin name '${g.name}'`, bindingsByName.get(g.name)!.first);
    }
  }

  const extraGlobals = new Map<string, GlobalInfo>();
  const resolve = (scope: FunctionScope | null, name: string): NameBinding => {
    if (scope !== null && scope.locals.has(name)) return { kind: 'local' };
    const g = globalByName.get(name) ?? extraGlobals.get(name);
    if (g !== undefined) return { kind: 'global', slot: g.slot };
    if (isBuiltinName(name)) return { kind: 'builtin', name };
    // Never bound anywhere: reading it raises NameError at run time through an always-empty slot.
    const info: GlobalInfo = { name, slot: globals.length, soleDef: null };
    globals.push(info);
    extraGlobals.set(name, info);
    return { kind: 'global', slot: info.slot };
  };

  return { globals, globalByName, functions, resolve };
}

function analyzeFunction(
  def: Extract<Stmt, { kind: 'def' }>,
  diags: DiagnosticBag,
  noteGlobalBinding: (name: string, def: Extract<Stmt, { kind: 'def' }> | null, range: SourceRange) => void,
): FunctionScope {
  const declaredGlobal = new Set<string>();
  const assigned = new Set<string>(def.params.map((p) => p.name));
  const used = new Map<string, SourceRange>();
  const bodyBindings: { name: string; def: Extract<Stmt, { kind: 'def' }> | null; range: SourceRange }[] = [];

  forEachBinding(def.body, (name, innerDef, range) => {
    bodyBindings.push({ name, def: innerDef, range });
  }, (inner) => {
    diags.error('unsupported', 'unsupported construct: nested function (closures arrive with the functions issue)', inner.range);
  }, (stmt) => {
    for (const name of stmt.names) {
      if (def.params.some((p) => p.name === name)) {
        diags.error('invalid', `name '${name}' is parameter and global`, stmt.range);
      } else if (used.has(name) || bodyBindings.some((b) => b.name === name)) {
        diags.error('invalid', `name '${name}' is used prior to global declaration`, stmt.range);
      }
      declaredGlobal.add(name);
    }
  }, (name, range) => { if (!used.has(name)) used.set(name, range); });

  for (const b of bodyBindings) {
    if (declaredGlobal.has(b.name)) noteGlobalBinding(b.name, b.def, b.range);
    else assigned.add(b.name);
  }
  return { name: def.name, def, locals: assigned, declaredGlobal };
}

/**
 * Walks a statement list in source order, reporting each name binding, each
 * nested `def` (whose body belongs to another scope), each `global`
 * statement and, optionally, each name read.
 */
function forEachBinding(
  body: Stmt[],
  onBind: (name: string, def: Extract<Stmt, { kind: 'def' }> | null, range: SourceRange) => void,
  onDef: (def: Extract<Stmt, { kind: 'def' }>) => void,
  onGlobal: (stmt: Extract<Stmt, { kind: 'global' }>) => void,
  onUse: (name: string, range: SourceRange) => void = () => {},
): void {
  const expr = (e: Expr): void => forEachNameUse(e, onUse);
  const bindTarget = (t: Target): void => {
    switch (t.kind) {
      case 'name': onBind(t.id, null, t.range); return;
      case 'subscript': expr(t.value); expr(t.index); return;
      case 'attribute': expr(t.value); return;
      case 'unpack': for (const e of t.elts) bindTarget(e); return;
    }
  };
  const walk = (stmts: Stmt[]): void => {
    for (const s of stmts) {
      switch (s.kind) {
        case 'expr': expr(s.value); break;
        case 'assign': expr(s.value); for (const t of s.targets) bindTarget(t); break;
        case 'augassign':
          if (s.target.kind === 'name') onUse(s.target.id, s.target.range);
          expr(s.value);
          bindTarget(s.target);
          break;
        case 'if': expr(s.test); walk(s.body); walk(s.orelse); break;
        case 'while': expr(s.test); walk(s.body); walk(s.orelse); break;
        case 'for': expr(s.iter); bindTarget(s.target); walk(s.body); walk(s.orelse); break;
        case 'del': for (const t of s.targets) bindTarget(t); break;
        case 'def': onBind(s.name, s, s.nameRange); onDef(s); break;
        case 'return': if (s.value !== null) expr(s.value); break;
        case 'global': onGlobal(s); break;
        case 'pass': case 'break': case 'continue': break;
        default: { const never: never = s; void never; }
      }
    }
  };
  walk(body);
}

export function forEachNameUse(e: Expr, onUse: (name: string, range: SourceRange) => void): void {
  switch (e.kind) {
    case 'int': case 'float': case 'str': case 'bytes': case 'bool': case 'none': return;
    case 'name': onUse(e.id, e.range); return;
    case 'binary': forEachNameUse(e.left, onUse); forEachNameUse(e.right, onUse); return;
    case 'unary': forEachNameUse(e.operand, onUse); return;
    case 'boolop': forEachNameUse(e.left, onUse); forEachNameUse(e.right, onUse); return;
    case 'compare': forEachNameUse(e.first, onUse); for (const r of e.rest) forEachNameUse(r, onUse); return;
    case 'ifexp': forEachNameUse(e.test, onUse); forEachNameUse(e.body, onUse); forEachNameUse(e.orelse, onUse); return;
    case 'call':
      forEachNameUse(e.func, onUse);
      for (const a of e.args) forEachNameUse(a, onUse);
      for (const k of e.keywords) forEachNameUse(k.value, onUse);
      return;
    case 'tuple': case 'list': case 'set': for (const x of e.elts) forEachNameUse(x, onUse); return;
    case 'dict':
      e.keys.forEach((k, i) => { forEachNameUse(k, onUse); forEachNameUse(e.values[i], onUse); });
      return;
    case 'subscript': forEachNameUse(e.value, onUse); forEachNameUse(e.index, onUse); return;
    case 'slice':
      for (const part of [e.lower, e.upper, e.step]) if (part !== null) forEachNameUse(part, onUse);
      return;
    case 'attribute': forEachNameUse(e.value, onUse); return;
    case 'fstring': {
      const walkParts = (parts: FStringPart[]): void => {
        for (const p of parts) {
          if (p.kind !== 'field') continue;
          forEachNameUse(p.value, onUse);
          if (p.spec !== null) walkParts(p.spec);
        }
      };
      walkParts(e.parts);
      return;
    }
    default: { const never: never = e; void never; }
  }
}
