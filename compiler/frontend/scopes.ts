// Scope analysis with CPython's symtable rules. The module and every def,
// lambda and comprehension is a scope; each name a scope uses resolves to
//  - a local (an SSA variable), or a cell when an inner scope captures it;
//  - a free variable: a cell of an enclosing function, reached through the
//    closure, for names an enclosing function binds (`nonlocal` declares
//    one explicitly);
//  - a module global (a compile-time slot) or a builtin.
// A binding anywhere in a function body makes the name local to the whole
// body unless declared `global` or `nonlocal`. A comprehension's first
// iterable is evaluated in the enclosing scope; a walrus inside a
// comprehension binds in the nearest enclosing non-comprehension scope.
// A class body is a scope too, but not one its nested scopes see: a name
// bound in it lives in the class namespace (a dict, `classns`) and is read
// there first, then as a global or builtin (CPython's LOAD_NAME); methods
// skip it when resolving free variables. The one name a class scope offers
// its functions is the implicit `__class__` cell, created when one of them
// uses `super` or `__class__`.
// Apart from class namespaces, nothing looks a name up in a dict at run time.

import type { DiagnosticBag, SourceRange } from '../diagnostics.js';
import { isBuiltinName, isShadowableBuiltin, isUnsupportedBuiltin } from '../ir/builtins.js';
import type { ComprehensionKind, Expr, FStringPart, Module, Param, Pattern, Stmt, Target } from './ast.js';

export type NameBinding =
  | { kind: 'local' }
  /** A local some inner scope captures: it lives in the function's cell `index`. */
  | { kind: 'cell'; index: number }
  /** A variable of an enclosing function: cell `index` of the closure. */
  | { kind: 'free'; index: number }
  | { kind: 'global'; slot: number }
  /** A name bound in a class body: an entry of the class namespace, read with a global/builtin fallback. */
  | { kind: 'classns' }
  | { kind: 'builtin'; name: string };

type DefStmt = Extract<Stmt, { kind: 'def' }>;
type LambdaExpr = Extract<Expr, { kind: 'lambda' }>;
type ComprehensionExpr = Extract<Expr, { kind: 'comprehension' }>;
type ClassStmt = Extract<Stmt, { kind: 'class' }>;

export type ScopeNode = DefStmt | LambdaExpr | ComprehensionExpr | ClassStmt;

/** The name CPython 3.11 gives a comprehension's code object (and so its traceback frame). */
const COMPREHENSION_NAMES: Record<ComprehensionKind, string> = {
  list: '<listcomp>', set: '<setcomp>', dict: '<dictcomp>', generator: '<genexpr>',
};

/** The hidden parameter holding a comprehension's first iterator, named as CPython names it. */
export const COMPREHENSION_ITERATOR = '.0';

/** Globals a module has before its first statement: `__name__` ("__main__" for the entry), `__file__`, `__doc__`, `__package__`. */
export const IMPLICIT_MODULE_GLOBALS: readonly string[] = ['__name__', '__doc__', '__package__', '__file__'];

/** The hidden parameter of a class body: the namespace dict it fills. */
export const CLASS_NAMESPACE = '.ns';

/** The implicit cell of a class whose functions use `super()` or `__class__`. */
export const CLASS_CELL = '__class__';

export interface FunctionScope {
  kind: 'function' | 'lambda' | 'comprehension' | 'class';
  /** `__name__` and the traceback frame name. */
  name: string;
  qualname: string;
  node: ScopeNode;
  parent: FunctionScope | null;
  params: Param[];
  /** Names bound in this scope (parameters included) that are neither global nor captured; for a class, its namespace's names. */
  locals: Set<string>;
  /** Bound names an inner scope captures, in cell order. */
  cells: string[];
  /** Names of enclosing functions this scope uses, in closure order. */
  frees: string[];
  declaredGlobal: Set<string>;
  /** The body contains `yield`: calling the function makes a generator. */
  isGenerator: boolean;
}

export interface GlobalInfo {
  name: string;
  slot: number;
  /** The single module-level `def` that binds this name, if that is its only binding anywhere. */
  soleDef: DefStmt | null;
}

export interface ProgramScopes {
  globals: GlobalInfo[];
  globalByName: Map<string, GlobalInfo>;
  /** Every function scope, outer before inner, in source order. */
  functions: FunctionScope[];
  scopeOf(node: ScopeNode): FunctionScope;
  /** The implicit module globals (`__name__`) the program reads; the module body binds them first. */
  implicitGlobals: readonly string[];
  resolve(scope: FunctionScope | null, name: string): NameBinding;
}

/** What a scope's own code binds, declares and reads (inner scopes excluded). */
interface ScopeFacts {
  /** Each bound name's first binding; `defs` are the `def` statements among its bindings. */
  bound: Map<string, SourceRange>;
  defs: Map<string, DefStmt[]>;
  otherBindings: Map<string, number>;
  used: Map<string, SourceRange>;
  globals: Map<string, SourceRange>;
  nonlocals: Map<string, SourceRange>;
  children: ScopeNode[];
  yields: SourceRange[];
  /** `from m import *` statements: they bind the names m exports (module level only). */
  stars: ImportFromStmt[];
}

type ImportFromStmt = Extract<Stmt, { kind: 'import_from' }>;

/** The names a `from m import *` binds, as the loader determines them (`exportedNames` of m). */
export type StarNames = (s: ImportFromStmt) => readonly string[];

const newFacts = (): ScopeFacts => ({ bound: new Map(), defs: new Map(), otherBindings: new Map(), used: new Map(), globals: new Map(), nonlocals: new Map(), children: [], yields: [], stars: [] });

/**
 * `imported`: the module is imported by the program (not its entry), so its
 * implicit globals are always bound: other modules can read them as
 * attributes. The entry binds only those it reads itself.
 */
export function analyzeScopes(module: Module, diags: DiagnosticBag, imported = false, starNames: StarNames = () => []): ProgramScopes {
  const moduleFacts = newFacts();
  const factsOf = new Map<ScopeNode, ScopeFacts>();
  collectStatements(module.body, moduleFacts, factsOf, null);
  if (moduleFacts.yields.length > 0) diags.error('invalid', "'yield' outside function", moduleFacts.yields[0]);
  for (const facts of factsOf.values()) for (const s of facts.stars) diags.error('invalid', 'import * only allowed at module level', s.range);
  for (const s of moduleFacts.stars) {
    for (const name of starNames(s)) {
      if (!moduleFacts.bound.has(name)) moduleFacts.bound.set(name, s.range);
      moduleFacts.otherBindings.set(name, (moduleFacts.otherBindings.get(name) ?? 0) + 1);
    }
  }

  // Module-level bindings, and names declared global in functions, are globals.
  const order: string[] = [];
  const globalBindings = new Map<string, { defs: DefStmt[]; others: number; first: SourceRange }>();
  const noteGlobal = (name: string, range: SourceRange, def: DefStmt | null): void => {
    let entry = globalBindings.get(name);
    if (entry === undefined) {
      entry = { defs: [], others: 0, first: range };
      globalBindings.set(name, entry);
      order.push(name);
    }
    if (def !== null) entry.defs.push(def); else entry.others++;
  };
  for (const [name, range] of moduleFacts.bound) {
    noteGlobal(name, range, null);
    const entry = globalBindings.get(name)!;
    entry.defs = moduleFacts.defs.get(name) ?? [];
    entry.others = moduleFacts.otherBindings.get(name) ?? 0;
  }

  const functions: FunctionScope[] = [];
  const scopeByNode = new Map<ScopeNode, FunctionScope>();
  const build = (node: ScopeNode, parent: FunctionScope | null): FunctionScope => {
    const facts = factsOf.get(node)!;
    const name = node.kind === 'def' || node.kind === 'class' ? node.name : node.kind === 'lambda' ? '<lambda>' : COMPREHENSION_NAMES[node.comp];
    // CPython adds `<locals>` under functions and lambdas, not under comprehensions and classes.
    const prefix = parent === null ? '' : parent.kind === 'comprehension' || parent.kind === 'class' ? `${parent.qualname}.` : `${parent.qualname}.<locals>.`;
    const hidden = (id: string): Param[] => [{ name: id, kind: 'positional', default: null, range: node.range }];
    const params = node.kind === 'comprehension' ? hidden(COMPREHENSION_ITERATOR) : node.kind === 'class' ? hidden(CLASS_NAMESPACE) : node.params;
    const scope: FunctionScope = {
      kind: node.kind === 'def' ? 'function' : node.kind, name, qualname: prefix + name, node, parent, params,
      locals: new Set(), cells: [], frees: [], declaredGlobal: new Set(facts.globals.keys()),
      isGenerator: facts.yields.length > 0 || (node.kind === 'comprehension' && node.comp === 'generator'),
    };
    if (node.kind === 'class' && facts.yields.length > 0) diags.error('invalid', "'yield' outside function", facts.yields[0]);
    if (node.kind === 'comprehension' && facts.yields.length > 0) {
      diags.error('invalid', `'yield' inside ${node.comp === 'generator' ? 'generator expression' : `${node.comp} comprehension`}`, facts.yields[0]);
    }
    for (const [g, range] of facts.globals) {
      if (params.some((p) => p.name === g)) diags.error('invalid', `name '${g}' is parameter and global`, range);
      else if (facts.used.has(g) && isBefore(facts.used.get(g)!, range)) diags.error('invalid', `name '${g}' is used prior to global declaration`, range);
      else if (facts.bound.has(g) && isBefore(facts.bound.get(g)!, range)) diags.error('invalid', `name '${g}' is assigned to before global declaration`, range);
      if (facts.bound.has(g)) {
        noteGlobal(g, facts.bound.get(g)!, null);
        globalBindings.get(g)!.others++;
      }
    }
    for (const [n, range] of facts.nonlocals) {
      if (params.some((p) => p.name === n)) diags.error('invalid', `name '${n}' is parameter and nonlocal`, range);
      else if (facts.globals.has(n)) diags.error('invalid', `name '${n}' is nonlocal and global`, range);
      else if (!boundInEnclosingFunction(parent, n)) diags.error('invalid', `no binding for nonlocal '${n}' found`, range);
    }
    for (const p of params) scope.locals.add(p.name);
    for (const n of facts.bound.keys()) if (!facts.globals.has(n) && !facts.nonlocals.has(n)) scope.locals.add(n);
    functions.push(scope);
    scopeByNode.set(node, scope);
    for (const child of facts.children) build(child, scope);
    return scope;
  };

  const boundInEnclosingFunction = (scope: FunctionScope | null, name: string): boolean => {
    for (let s = scope; s !== null; s = s.parent) {
      if (s.kind === 'class') {
        if (name === CLASS_CELL) return true;
        continue;
      }
      if (s.locals.has(name)) return true;
      if (s.declaredGlobal.has(name)) return false;
    }
    return false;
  };

  for (const child of moduleFacts.children) build(child, null);

  // Module attributes the module starts with: a global bound before the first statement runs.
  const implicitGlobals = IMPLICIT_MODULE_GLOBALS.filter((name) => imported || [moduleFacts, ...factsOf.values()].some((f) => f.used.has(name)));
  for (const name of implicitGlobals) {
    noteGlobal(name, module.body[0]?.range ?? { start: { line: 1, col: 1 }, end: { line: 1, col: 1 } }, null);
    globalBindings.get(name)!.others++;
  }

  // Free variables: a scope uses (or declares nonlocal) a name it does not bind
  // and an enclosing function binds. Every scope in between passes it through.
  const addFree = (scope: FunctionScope, name: string): void => {
    for (let s: FunctionScope | null = scope; s !== null; s = s.parent) {
      if (s !== scope && s.kind === 'class' && name === CLASS_CELL) {
        if (!s.cells.includes(name)) s.cells.push(name);
        return;
      }
      if (s.locals.has(name) && (s.kind !== 'class' || s === scope)) {
        if (!s.cells.includes(name)) s.cells.push(name);
        return;
      }
      if (!s.frees.includes(name)) s.frees.push(name);
    }
  };
  for (const scope of functions) {
    const facts = factsOf.get(scope.node)!;
    const wanted = [...facts.nonlocals.keys(), ...facts.used.keys()];
    // A function using super() reads __class__ implicitly, as CPython's zero-argument super does.
    if (scope.kind !== 'class' && facts.used.has('super')) wanted.push(CLASS_CELL);
    for (const name of wanted) {
      if (scope.locals.has(name) || scope.declaredGlobal.has(name)) continue;
      if (boundInEnclosingFunction(scope.parent, name)) addFree(scope, name);
    }
  }
  for (const scope of functions) for (const c of scope.cells) scope.locals.delete(c);

  const globals: GlobalInfo[] = order.map((name, slot) => {
    const entry = globalBindings.get(name)!;
    // A decorated def binds whatever its decorators return, not the function itself.
    // A def shadowing a builtin is not called directly: before it runs, the name still means the builtin.
    const sole = entry.defs.length === 1 && entry.others === 0 && entry.defs[0].decorators.length === 0 && !isBuiltinName(name);
    return { name, slot, soleDef: sole ? entry.defs[0] : null };
  });
  const globalByName = new Map(globals.map((g) => [g.name, g]));
  for (const g of globals) {
    // A global may shadow a builtin that exists as a value: reads fall back to it while the global is unbound.
    if (isBuiltinName(g.name) && !isShadowableBuiltin(g.name)) {
      diags.error('unsupported', `unsupported construct: rebinding the builtin name '${g.name}'`, globalBindings.get(g.name)!.first);
    }
  }

  const resolve = (scope: FunctionScope | null, name: string): NameBinding => {
    if (scope !== null && !scope.declaredGlobal.has(name)) {
      if (scope.locals.has(name)) return scope.kind === 'class' && name !== CLASS_NAMESPACE ? { kind: 'classns' } : { kind: 'local' };
      const cell = scope.cells.indexOf(name);
      if (cell >= 0) return { kind: 'cell', index: cell };
      const free = scope.frees.indexOf(name);
      if (free >= 0) return { kind: 'free', index: free };
    }
    const g = globalByName.get(name);
    if (g !== undefined) return { kind: 'global', slot: g.slot };
    if (isBuiltinName(name) || isUnsupportedBuiltin(name)) return { kind: 'builtin', name };
    // Never bound anywhere: reading it raises NameError at run time through an always-empty slot.
    const info: GlobalInfo = { name, slot: globals.length, soleDef: null };
    globals.push(info);
    globalByName.set(name, info);
    return { kind: 'global', slot: info.slot };
  };

  return {
    globals, globalByName, functions, resolve, implicitGlobals,
    scopeOf: (node) => scopeByNode.get(node)!,
  };
}

/**
 * What `from m import *` takes from module m: the names in its `__all__`
 * when m binds `__all__` once, at module level, to a literal list or tuple
 * of strs (`fromAll`); otherwise every global m binds (at module level, in
 * a function declaring it global, or through its own star imports) not
 * starting with an underscore. Any other binding of `__all__` cannot be
 * known at compile time: an `unsupported` diagnostic in m.
 */
export function exportedNames(module: Module, diags: DiagnosticBag, starNames: StarNames): { names: string[]; fromAll: boolean } {
  const facts = newFacts();
  const factsOf = new Map<ScopeNode, ScopeFacts>();
  collectStatements(module.body, facts, factsOf, null);
  const literalAll = module.body.flatMap((s) => (s.kind === 'assign' && s.targets.length === 1 && s.targets[0].kind === 'name'
    && s.targets[0].id === '__all__' && (s.value.kind === 'list' || s.value.kind === 'tuple')
    && s.value.elts.every((e) => e.kind === 'str') ? [s.value.elts.map((e) => (e as Extract<Expr, { kind: 'str' }>).value)] : []));
  const allBindings = (facts.otherBindings.get('__all__') ?? 0) + (facts.defs.get('__all__')?.length ?? 0)
    + [...factsOf.values()].filter((f) => f.globals.has('__all__') && f.bound.has('__all__')).length;
  if (allBindings > 0) {
    if (literalAll.length === 1 && allBindings === 1) return { names: literalAll[0], fromAll: true };
    diags.error('unsupported', 'unsupported construct: `__all__` bound other than once to a literal list or tuple of strs (`from ... import *` needs it at compile time)', facts.bound.get('__all__')!);
    return { names: [], fromAll: true };
  }
  const names = new Set(facts.bound.keys());
  for (const f of factsOf.values()) for (const g of f.globals.keys()) if (f.bound.has(g)) names.add(g);
  for (const s of facts.stars) for (const n of starNames(s)) names.add(n);
  return { names: [...names].filter((n) => !n.startsWith('_')), fromAll: false };
}

function isBefore(a: SourceRange, b: SourceRange): boolean {
  return a.start.line < b.start.line || (a.start.line === b.start.line && a.start.col < b.start.col);
}

/**
 * Records what `body`'s statements bind, declare and read into `facts`, and
 * collects every nested scope (into `factsOf`, with its own facts).
 * `walrusFacts` is where a walrus binds: the nearest enclosing
 * non-comprehension scope's facts.
 */
function collectStatements(body: Stmt[], facts: ScopeFacts, factsOf: Map<ScopeNode, ScopeFacts>, walrusFacts: ScopeFacts | null): void {
  const c = new FactCollector(facts, factsOf, walrusFacts ?? facts);
  for (const s of body) c.statement(s);
}

class FactCollector {
  constructor(private readonly facts: ScopeFacts, private readonly factsOf: Map<ScopeNode, ScopeFacts>, private readonly walrusFacts: ScopeFacts) {}

  private bind(name: string, range: SourceRange, def: DefStmt | null = null): void {
    if (!this.facts.bound.has(name)) this.facts.bound.set(name, range);
    if (def !== null) this.facts.defs.set(name, [...(this.facts.defs.get(name) ?? []), def]);
    else this.facts.otherBindings.set(name, (this.facts.otherBindings.get(name) ?? 0) + 1);
  }
  private use(name: string, range: SourceRange): void { if (!this.facts.used.has(name)) this.facts.used.set(name, range); }

  statement(s: Stmt): void {
    switch (s.kind) {
      case 'expr': this.expr(s.value); return;
      case 'assign': this.expr(s.value); for (const t of s.targets) this.target(t); return;
      case 'augassign':
        if (s.target.kind === 'name') this.use(s.target.id, s.target.range);
        this.expr(s.value);
        this.target(s.target);
        return;
      case 'if': case 'while': this.expr(s.test); this.statements(s.body); this.statements(s.orelse); return;
      case 'for': this.expr(s.iter); this.target(s.target); this.statements(s.body); this.statements(s.orelse); return;
      case 'del': for (const t of s.targets) this.target(t); return;
      case 'def':
        for (const d of s.decorators) this.expr(d);
        this.defaults(s.params);
        this.bind(s.boundAs, s.nameRange, s);
        this.nested(s, s.params, (c) => c.statements(s.body));
        return;
      case 'class':
        for (const d of s.decorators) this.expr(d);
        for (const b of s.bases) this.expr(b);
        for (const k of s.keywords) this.expr(k.value);
        this.bind(s.boundAs, s.nameRange);
        // CPython's class body starts by binding __module__ and __qualname__ in the namespace.
        this.nested(s, [{ name: '__module__', range: s.range }, { name: '__qualname__', range: s.range }], (c) => c.statements(s.body));
        return;
      case 'with':
        for (const item of s.items) {
          this.expr(item.context);
          if (item.target !== null) this.target(item.target);
        }
        this.statements(s.body);
        return;
      case 'return': if (s.value !== null) this.expr(s.value); return;
      case 'global': for (const n of s.names) this.facts.globals.set(n, s.range); return;
      case 'nonlocal': for (const n of s.names) this.facts.nonlocals.set(n, s.range); return;
      case 'try':
        this.statements(s.body);
        for (const h of s.handlers) {
          if (h.type !== null) this.expr(h.type);
          if (h.name !== null) this.bind(h.name.id, h.name.range);
          this.statements(h.body);
        }
        this.statements(s.orelse);
        this.statements(s.finalbody);
        return;
      case 'raise': if (s.exc !== null) this.expr(s.exc); if (s.cause !== null) this.expr(s.cause); return;
      case 'assert': this.expr(s.test); if (s.msg !== null) this.expr(s.msg); return;
      case 'match':
        this.expr(s.subject);
        for (const c of s.cases) {
          this.pattern(c.pattern);
          if (c.guard !== null) this.expr(c.guard);
          this.statements(c.body);
        }
        return;
      case 'import': for (const a of s.names) this.bind(a.asname ?? a.name.split('.')[0], a.range); return;
      case 'import_from':
        if (s.names[0]?.name === '*') { this.facts.stars.push(s); return; }
        for (const a of s.names) this.bind(a.asname ?? a.name, a.range);
        return;
      case 'pass': case 'break': case 'continue': return;
      default: { const never: never = s; void never; }
    }
  }

  private statements(body: Stmt[]): void { for (const s of body) this.statement(s); }

  private defaults(params: Param[]): void { for (const p of params) if (p.default !== null) this.expr(p.default); }

  /** A nested scope: its parameters are its first bindings; `fill` walks its body. */
  private nested(node: ScopeNode, params: readonly { name: string; range: SourceRange }[], fill: (c: FactCollector) => void, walrusToParent = false): void {
    const facts = newFacts();
    for (const p of params) { facts.bound.set(p.name, p.range); facts.otherBindings.set(p.name, 1); }
    this.facts.children.push(node);
    this.factsOf.set(node, facts);
    fill(new FactCollector(facts, this.factsOf, walrusToParent ? this.walrusFacts : facts));
  }

  private pattern(p: Pattern): void {
    switch (p.kind) {
      case 'value': this.expr(p.value); return;
      case 'singleton': return;
      case 'capture': case 'star': if (p.name !== null) this.bind(p.name, p.range); return;
      case 'sequence': case 'or': for (const q of p.patterns) this.pattern(q); return;
      case 'mapping':
        for (const k of p.keys) this.expr(k);
        for (const q of p.patterns) this.pattern(q);
        if (p.rest !== null) this.bind(p.rest, p.range);
        return;
      case 'class':
        this.expr(p.cls);
        for (const q of [...p.patterns, ...p.keywordPatterns]) this.pattern(q);
        return;
      case 'as': this.pattern(p.pattern); this.bind(p.name, p.range); return;
    }
  }

  target(t: Target): void {
    switch (t.kind) {
      case 'name': this.bind(t.id, t.range); return;
      case 'subscript': this.expr(t.value); this.expr(t.index); return;
      case 'attribute': this.expr(t.value); return;
      case 'unpack': for (const e of t.elts) this.target(e); return;
      case 'starred': this.target(t.target); return;
    }
  }

  expr(e: Expr): void {
    switch (e.kind) {
      case 'int': case 'float': case 'str': case 'bytes': case 'bool': case 'none': case 'ellipsis': return;
      case 'name': this.use(e.id, e.range); return;
      case 'binary': case 'boolop': this.expr(e.left); this.expr(e.right); return;
      case 'unary': this.expr(e.operand); return;
      case 'compare': this.expr(e.first); for (const r of e.rest) this.expr(r); return;
      case 'ifexp': this.expr(e.test); this.expr(e.body); this.expr(e.orelse); return;
      case 'call':
        this.expr(e.func);
        for (const a of e.args) this.expr(a);
        for (const k of e.keywords) this.expr(k.value);
        return;
      case 'tuple': case 'list': case 'set': for (const x of e.elts) this.expr(x); return;
      case 'dict': e.keys.forEach((k, i) => { this.expr(k); this.expr(e.values[i]); }); return;
      case 'subscript': this.expr(e.value); this.expr(e.index); return;
      case 'slice': for (const part of [e.lower, e.upper, e.step]) if (part !== null) this.expr(part); return;
      case 'attribute': this.expr(e.value); return;
      case 'starred': this.expr(e.value); return;
      case 'yield': this.facts.yields.push(e.range); if (e.value !== null) this.expr(e.value); return;
      case 'yield_from': this.facts.yields.push(e.range); this.expr(e.value); return;
      case 'fstring': this.fstringParts(e.parts); return;
      case 'walrus':
        this.expr(e.value);
        if (!this.walrusFacts.bound.has(e.target.id)) this.walrusFacts.bound.set(e.target.id, e.target.range);
        this.walrusFacts.otherBindings.set(e.target.id, (this.walrusFacts.otherBindings.get(e.target.id) ?? 0) + 1);
        // In a comprehension the name is also read and written through the enclosing scope.
        if (this.walrusFacts !== this.facts) this.use(e.target.id, e.target.range);
        return;
      case 'lambda':
        this.defaults(e.params);
        this.nested(e, e.params, (c) => c.expr(e.body));
        return;
      case 'comprehension':
        // The first iterable is evaluated here; the rest runs in the comprehension's own scope.
        this.expr(e.generators[0].iter);
        this.nested(e, [{ name: COMPREHENSION_ITERATOR, range: e.range }], (c) => {
          e.generators.forEach((g, i) => {
            if (i > 0) c.expr(g.iter);
            c.target(g.target);
            for (const cond of g.ifs) c.expr(cond);
          });
          c.expr(e.elt);
          if (e.value !== null) c.expr(e.value);
        }, true);
        return;
      default: { const never: never = e; void never; }
    }
  }

  private fstringParts(parts: FStringPart[]): void {
    for (const p of parts) {
      if (p.kind !== 'field') continue;
      this.expr(p.value);
      if (p.spec !== null) this.fstringParts(p.spec);
    }
  }
}
