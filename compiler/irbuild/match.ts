// `match` statements (PEP 634). The subject is evaluated once; each case's
// pattern is a chain of tests that jump to the next case on the first
// mismatch. Names a pattern captures are bound only once the whole pattern
// has matched (before the guard runs), as CPython does; an `or` pattern's
// alternatives meet with the same names, through hidden SSA variables.

import type { Expr, MatchCase, Pattern, Stmt } from '../frontend/ast.js';
import type { Block, ValueId } from '../ir/function.js';
import { buildTuple, lowerCondition, lowerExpr, siteOf } from './expressions.js';
import type { LoweringContext } from './lowering-context.js';
import { assignName, lowerStatements } from './statements.js';

type Captures = Map<string, ValueId>;

export function lowerMatch(cx: LoweringContext, s: Extract<Stmt, { kind: 'match' }>): void {
  const subject = lowerExpr(cx, s.subject);
  const end = cx.newBlock();
  for (const c of s.cases) lowerCase(cx, c, subject, end);
  cx.jump(end);
  cx.ssa.seal(end.id);
  cx.startBlock(end);
}

function lowerCase(cx: LoweringContext, c: MatchCase, subject: ValueId, end: Block): void {
  const fail = cx.newBlock();
  const captures: Captures = new Map();
  if (checkPatternNames(cx, c.pattern)) {
    cx.atSite({ range: c.pattern.range }, () => matchPattern(cx, c.pattern, subject, fail, captures));
    for (const [name, value] of captures) assignName(cx, { id: name, range: c.pattern.range }, value);
    if (c.guard !== null) {
      const guarded = cx.newBlock();
      cx.branch(lowerCondition(cx, c.guard), guarded, fail);
      cx.ssa.seal(guarded.id);
      cx.startBlock(guarded);
    }
    lowerStatements(cx, c.body);
    cx.jump(end);
  }
  cx.ssa.seal(fail.id);
  cx.startBlock(fail);
}

/** Continues in a fresh block when `cond` (an i32) is true, else jumps to `fail`. */
function require(cx: LoweringContext, cond: ValueId, fail: Block): void {
  const ok = cx.newBlock();
  cx.branch(cond, ok, fail);
  cx.ssa.seal(ok.id);
  cx.startBlock(ok);
}

/** A value that may be null for "absent": jumps to `fail` when absent, raises when the lookup failed. */
export function requirePresent(cx: LoweringContext, value: ValueId, fail: Block): void {
  const absent = cx.newBlock();
  const present = cx.newBlock();
  cx.branch(cx.emit('is_null', [value]), absent, present);
  cx.ssa.seal(absent.id);
  cx.startBlock(absent);
  cx.emitChecked('iter_error', []);
  cx.jump(fail);
  cx.ssa.seal(present.id);
  cx.startBlock(present);
}

function matchPattern(cx: LoweringContext, p: Pattern, subject: ValueId, fail: Block, captures: Captures): void {
  switch (p.kind) {
    case 'capture':
      if (p.name !== null) captures.set(p.name, subject);
      return;
    case 'star': throw new Error('a star pattern outside a sequence pattern');
    case 'value': {
      const value = lowerExpr(cx, p.value);
      const equal = cx.emitChecked('eq', [subject, value]);
      require(cx, cx.emitChecked('truthy', [equal]), fail);
      return;
    }
    case 'singleton': {
      const value = p.value === 'none' ? cx.constNone() : cx.emit(p.value === 'true' ? 'const_true' : 'const_false', []);
      require(cx, cx.emit('is', [subject, value]), fail);
      return;
    }
    case 'as':
      matchPattern(cx, p.pattern, subject, fail, captures);
      captures.set(p.name, subject);
      return;
    case 'or': matchAlternatives(cx, p.patterns, subject, fail, captures); return;
    case 'sequence': matchSequence(cx, p.patterns, subject, fail, captures); return;
    case 'mapping': matchMapping(cx, p, subject, fail, captures); return;
    case 'class': matchClass(cx, p, subject, fail, captures); return;
  }
}

function matchAlternatives(cx: LoweringContext, alternatives: Pattern[], subject: ValueId, fail: Block, captures: Captures): void {
  const join = cx.newBlock();
  const names = [...patternNames(alternatives[0])];
  const temps = new Map(names.map((n) => [n, cx.temp(`or.${n}`)]));
  alternatives.forEach((alt, i) => {
    const next = i === alternatives.length - 1 ? fail : cx.newBlock();
    const own: Captures = new Map();
    matchPattern(cx, alt, subject, next, own);
    for (const [name, value] of own) cx.ssa.write(temps.get(name)!, cx.current.id, value);
    cx.jump(join);
    if (next !== fail) {
      cx.ssa.seal(next.id);
      cx.startBlock(next);
    }
  });
  cx.ssa.seal(join.id);
  cx.startBlock(join);
  for (const n of names) captures.set(n, cx.ssa.read(temps.get(n)!, join.id));
}

function matchSequence(cx: LoweringContext, patterns: Pattern[], subject: ValueId, fail: Block, captures: Captures): void {
  require(cx, cx.emitChecked('match_sequence', [subject]), fail);
  const star = patterns.findIndex((q) => q.kind === 'star');
  if (star < 0) require(cx, cx.emitChecked('match_len_eq', [subject], patterns.length), fail);
  else if (patterns.length > 1) require(cx, cx.emitChecked('match_len_ge', [subject], patterns.length - 1), fail);
  const after = star < 0 ? 0 : patterns.length - star - 1;
  patterns.forEach((q, i) => {
    if (q.kind === 'capture' && q.name === null) return;
    if (q.kind === 'star') {
      if (q.name === null) return;
      const slice = cx.emitChecked('build_slice', [
        cx.emit('const_int', [], BigInt(i)), after === 0 ? cx.constNone() : cx.emit('const_int', [], BigInt(-after)), cx.constNone(),
      ]);
      const items = cx.emitChecked('getitem', [subject, slice]);
      captures.set(q.name, cx.emitChecked('call_builtin', [items], 'list'));
      return;
    }
    // Items after the star are counted from the end.
    const index = star >= 0 && i > star ? BigInt(i - patterns.length) : BigInt(i);
    const item = cx.emitChecked('getitem', [subject, cx.emit('const_int', [], index)]);
    matchPattern(cx, q, item, fail, captures);
  });
}

function matchMapping(cx: LoweringContext, p: Extract<Pattern, { kind: 'mapping' }>, subject: ValueId, fail: Block, captures: Captures): void {
  require(cx, cx.emitChecked('match_mapping', [subject]), fail);
  if (p.keys.length > 0) require(cx, cx.emitChecked('match_len_ge', [subject], p.keys.length), fail);
  const keys = p.keys.map((k) => lowerExpr(cx, k));
  keys.forEach((key, i) => {
    const value = cx.emit('match_mapping_get', [subject, key]);
    requirePresent(cx, value, fail);
    matchPattern(cx, p.patterns[i], value, fail, captures);
  });
  if (p.rest !== null) captures.set(p.rest, cx.emitChecked('match_mapping_rest', [subject, buildTuple(cx, keys)]));
}

function matchClass(cx: LoweringContext, p: Extract<Pattern, { kind: 'class' }>, subject: ValueId, fail: Block, captures: Captures): void {
  const cls = lowerExpr(cx, p.cls);
  cx.atSite(siteOf(p.cls), () => require(cx, cx.emitChecked('match_class', [subject, cls], p.patterns.length), fail));
  // As CPython's MATCH_CLASS: every attribute is fetched (positional ones through __match_args__) before any sub-pattern is tried.
  const values = [
    ...p.patterns.map((_, i) => cx.emit('match_class_arg', [subject, cls], i)),
    ...p.keywords.map((name) => cx.emit('match_attr', [subject], name)),
  ].map((value) => { requirePresent(cx, value, fail); return value; });
  [...p.patterns, ...p.keywordPatterns].forEach((q, i) => matchPattern(cx, q, values[i], fail, captures));
}

/** The names a pattern binds, in order. */
function patternNames(p: Pattern): string[] {
  switch (p.kind) {
    case 'capture': case 'star': return p.name === null ? [] : [p.name];
    case 'value': case 'singleton': return [];
    case 'as': return [...patternNames(p.pattern), p.name];
    case 'or': return patternNames(p.patterns[0]);
    case 'sequence': return p.patterns.flatMap(patternNames);
    case 'mapping': return [...p.patterns.flatMap(patternNames), ...(p.rest === null ? [] : [p.rest])];
    case 'class': return [...p.patterns, ...p.keywordPatterns].flatMap(patternNames);
  }
}

/** CPython's compile-time checks on a pattern's names and keys; false when the case cannot be lowered. */
function checkPatternNames(cx: LoweringContext, p: Pattern): boolean {
  let ok = true;
  const walk = (q: Pattern): void => {
    switch (q.kind) {
      case 'or': {
        const first = new Set(patternNames(q.patterns[0]));
        for (const alt of q.patterns.slice(1)) {
          const names = new Set(patternNames(alt));
          if (names.size !== first.size || [...names].some((n) => !first.has(n))) {
            cx.error('invalid', 'alternative patterns bind different names', q.range);
            ok = false;
          }
        }
        q.patterns.forEach(walk);
        return;
      }
      case 'sequence': q.patterns.forEach(walk); return;
      case 'as': walk(q.pattern); return;
      case 'class': [...q.patterns, ...q.keywordPatterns].forEach(walk); return;
      case 'mapping': {
        const seen = new Set<string>();
        for (const k of q.keys) {
          const literal = literalKey(k);
          if (literal === null) continue;
          if (seen.has(literal)) { cx.error('invalid', `mapping pattern checks duplicate key (${literal})`, q.range); ok = false; }
          seen.add(literal);
        }
        q.patterns.forEach(walk);
        return;
      }
      default: return;
    }
  };
  walk(p);
  const names = patternNames(p);
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup !== undefined) {
    cx.error('invalid', `multiple assignments to name '${dup}' in pattern`, p.range);
    ok = false;
  }
  return ok;
}

/** The repr CPython's duplicate-key message shows, for keys that are literals. */
function literalKey(k: Expr): string | null {
  switch (k.kind) {
    case 'int': return String(k.value);
    case 'str': return `'${k.value}'`;
    case 'none': return 'None';
    case 'bool': return k.value ? 'True' : 'False';
    default: return null;
  }
}
