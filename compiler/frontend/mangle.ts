// Private name mangling, as CPython's compiler applies it: inside a class
// body, and in every function, lambda and comprehension nested in it (up to
// a nested class, which mangles with its own name), an identifier `__x`
// that does not end in `__` becomes `_C__x`, C being the class name without
// its leading underscores. It applies to variables (reads, stores, deletes,
// global/nonlocal declarations, parameters, except/match/walrus bindings),
// to attribute names, and to the variable a def or class statement binds —
// not to keyword argument names at call sites, nor to a def's or class's
// own __name__. The rewrite runs on the AST in place, before scope analysis,
// and is idempotent (a mangled name no longer starts with two underscores).

import type { ComprehensionFor, Expr, FStringPart, Module, Param, Pattern, Stmt, Target } from './ast.js';

export function mangleModule(module: Module): void {
  new Mangler(null).statements(module.body);
}

export function mangledName(name: string, className: string | null): string {
  if (className === null || !name.startsWith('__') || name.endsWith('__') || name.includes('.')) return name;
  const stripped = className.replace(/^_+/, '');
  return stripped === '' ? name : `_${stripped}${name}`;
}

class Mangler {
  constructor(private readonly className: string | null) {}

  private m(name: string): string { return mangledName(name, this.className); }

  statements(body: Stmt[]): void { for (const s of body) this.statement(s); }

  private statement(s: Stmt): void {
    switch (s.kind) {
      case 'expr': this.expr(s.value); return;
      case 'assign': this.expr(s.value); for (const t of s.targets) this.target(t); return;
      case 'augassign': this.target(s.target); this.expr(s.value); return;
      case 'if': case 'while': this.expr(s.test); this.statements(s.body); this.statements(s.orelse); return;
      case 'for': this.target(s.target); this.expr(s.iter); this.statements(s.body); this.statements(s.orelse); return;
      case 'def':
        for (const d of s.decorators) this.expr(d);
        this.params(s.params);
        s.boundAs = this.m(s.name);
        this.statements(s.body);
        return;
      case 'class': {
        for (const d of s.decorators) this.expr(d);
        for (const b of s.bases) this.expr(b);
        for (const k of s.keywords) this.expr(k.value);
        s.boundAs = this.m(s.name);
        new Mangler(s.name).statements(s.body);
        return;
      }
      case 'with':
        for (const item of s.items) { this.expr(item.context); if (item.target !== null) this.target(item.target); }
        this.statements(s.body);
        return;
      case 'return': if (s.value !== null) this.expr(s.value); return;
      case 'global': case 'nonlocal': s.names = s.names.map((n) => this.m(n)); return;
      case 'del': for (const t of s.targets) this.target(t); return;
      case 'try':
        this.statements(s.body);
        for (const h of s.handlers) {
          if (h.type !== null) this.expr(h.type);
          if (h.name !== null) h.name.id = this.m(h.name.id);
          this.statements(h.body);
        }
        this.statements(s.orelse);
        this.statements(s.finalbody);
        return;
      case 'raise': if (s.exc !== null) this.expr(s.exc); if (s.cause !== null) this.expr(s.cause); return;
      case 'assert': this.expr(s.test); if (s.msg !== null) this.expr(s.msg); return;
      case 'match':
        this.expr(s.subject);
        for (const c of s.cases) { this.pattern(c.pattern); if (c.guard !== null) this.expr(c.guard); this.statements(c.body); }
        return;
      case 'import': case 'import_from':
        for (const a of s.names) if (a.asname !== null) a.asname = this.m(a.asname);
        return;
      case 'pass': case 'break': case 'continue': return;
      default: { const never: never = s; void never; }
    }
  }

  private params(params: Param[]): void {
    for (const p of params) {
      if (p.default !== null) this.expr(p.default);
      p.name = this.m(p.name);
    }
  }

  private target(t: Target): void {
    switch (t.kind) {
      case 'name': t.id = this.m(t.id); return;
      case 'subscript': this.expr(t.value); this.expr(t.index); return;
      case 'attribute': this.expr(t.value); t.attr = this.m(t.attr); return;
      case 'unpack': for (const e of t.elts) this.target(e); return;
      case 'starred': this.target(t.target); return;
    }
  }

  private pattern(p: Pattern): void {
    switch (p.kind) {
      case 'value': this.expr(p.value); return;
      case 'singleton': return;
      case 'capture': case 'star': if (p.name !== null) p.name = this.m(p.name); return;
      case 'sequence': case 'or': for (const q of p.patterns) this.pattern(q); return;
      case 'mapping':
        for (const k of p.keys) this.expr(k);
        for (const q of p.patterns) this.pattern(q);
        if (p.rest !== null) p.rest = this.m(p.rest);
        return;
      case 'class':
        this.expr(p.cls);
        for (const q of [...p.patterns, ...p.keywordPatterns]) this.pattern(q);
        return;
      case 'as': this.pattern(p.pattern); p.name = this.m(p.name); return;
    }
  }

  private comprehensionFor(g: ComprehensionFor): void {
    this.target(g.target);
    this.expr(g.iter);
    for (const c of g.ifs) this.expr(c);
  }

  private expr(e: Expr): void {
    switch (e.kind) {
      case 'int': case 'float': case 'str': case 'bytes': case 'bool': case 'none': case 'ellipsis': return;
      case 'name': e.id = this.m(e.id); return;
      case 'binary': case 'boolop': this.expr(e.left); this.expr(e.right); return;
      case 'unary': this.expr(e.operand); return;
      case 'compare': this.expr(e.first); for (const r of e.rest) this.expr(r); return;
      case 'ifexp': this.expr(e.test); this.expr(e.body); this.expr(e.orelse); return;
      case 'call': this.expr(e.func); for (const a of e.args) this.expr(a); for (const k of e.keywords) this.expr(k.value); return;
      case 'tuple': case 'list': case 'set': for (const x of e.elts) this.expr(x); return;
      case 'dict': for (const k of e.keys) this.expr(k); for (const v of e.values) this.expr(v); return;
      case 'subscript': this.expr(e.value); this.expr(e.index); return;
      case 'slice': for (const part of [e.lower, e.upper, e.step]) if (part !== null) this.expr(part); return;
      case 'attribute': this.expr(e.value); e.attr = this.m(e.attr); return;
      case 'starred': this.expr(e.value); return;
      case 'lambda': this.params(e.params); this.expr(e.body); return;
      case 'comprehension':
        for (const g of e.generators) this.comprehensionFor(g);
        this.expr(e.elt);
        if (e.value !== null) this.expr(e.value);
        return;
      case 'yield': if (e.value !== null) this.expr(e.value); return;
      case 'yield_from': this.expr(e.value); return;
      case 'fstring': this.fstringParts(e.parts); return;
      case 'walrus': e.target.id = this.m(e.target.id); this.expr(e.value); return;
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
