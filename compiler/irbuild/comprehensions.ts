// Comprehensions and generator expressions, compiled as CPython 3.11 compiles them:
// a nested function (`<listcomp>` and friends, which is what tracebacks
// show) called at once with an iterator over the first iterable, which is
// evaluated in the enclosing scope; a generator expression's function is a
// generator function, so the call makes the generator. The function needs a function object
// only for its closure; without free variables it gets a null box.

import type { ComprehensionFor, Expr } from '../frontend/ast.js';
import type { ValueId } from '../ir/function.js';
import { lowerCondition, lowerExpr, siteOf } from './expressions.js';
import { buildClosure } from './functions.js';
import { lowerYield } from './generators.js';
import type { LoweringContext } from './lowering-context.js';
import { assignTarget, startIteration } from './statements.js';

type ComprehensionExpr = Extract<Expr, { kind: 'comprehension' }>;

/** In the enclosing scope: iterate the first iterable, then call the comprehension's function on the iterator. */
export function lowerComprehension(cx: LoweringContext, e: ComprehensionExpr): ValueId {
  const first = e.generators[0].iter;
  const iterable = lowerExpr(cx, first);
  const iterator = cx.atSite(siteOf(first), () => cx.emitChecked('get_iter', [iterable]));
  const scope = cx.program.scopeOf(e);
  const closure = buildClosure(cx, scope);
  const func = scope.frees.length === 0 ? closure
    : cx.emitChecked('func_new', [cx.emit('const_null', []), cx.emit('const_null', []), closure], cx.functionNames.get(e)!);
  return cx.emitChecked('call_direct', [func, iterator], cx.functionNames.get(e)!);
}

/** The comprehension function's body: nested loops over the clauses, adding each element to the result. */
export function lowerComprehensionBody(cx: LoweringContext, e: ComprehensionExpr): void {
  // What the body does itself (build the result, advance the loops) CPython reports at the whole comprehension.
  cx.site = { range: e.range };
  if (e.comp === 'generator') {
    lowerClauses(cx, e.generators, 0, cx.ssa.read('.0', cx.current.id), () => { lowerYield(cx, lowerExpr(cx, e.elt)); });
    return;
  }
  const result = e.comp === 'list' ? cx.emitChecked('list_new', [], 0)
    : e.comp === 'set' ? cx.emitChecked('set_new', []) : cx.emitChecked('dict_new', []);
  const add = (): void => {
    if (e.comp === 'dict') {
      // Since 3.8 the key is evaluated before the value.
      const key = lowerExpr(cx, e.elt);
      const value = lowerExpr(cx, e.value!);
      cx.emitChecked('dict_set', [result, key, value]);
      return;
    }
    const item = lowerExpr(cx, e.elt);
    cx.emitChecked(e.comp === 'list' ? 'list_append' : 'set_add', [result, item]);
  };
  const iterator = cx.ssa.read('.0', cx.current.id);
  lowerClauses(cx, e.generators, 0, iterator, add);
  cx.keepFrameAlive();
  cx.emitEffect('leave', []);
  cx.terminate({ kind: 'return', value: result });
}

function lowerClauses(cx: LoweringContext, clauses: ComprehensionFor[], index: number, iterator: ValueId, add: () => void): void {
  const clause = clauses[index];
  const done = cx.newBlock();
  const { header, item } = startIteration(cx, iterator, done);
  cx.heldIterators.push(iterator);
  assignTarget(cx, clause.target, item);
  for (const cond of clause.ifs) {
    const pass = cx.newBlock();
    cx.branch(lowerCondition(cx, cond), pass, header);
    cx.ssa.seal(pass.id);
    cx.startBlock(pass);
  }
  if (index + 1 < clauses.length) {
    const next = clauses[index + 1];
    const inner = cx.atSite(siteOf(next.iter), () => cx.emitChecked('get_iter', [lowerExpr(cx, next.iter)]));
    lowerClauses(cx, clauses, index + 1, inner, add);
  } else {
    add();
  }
  cx.jump(header);
  cx.ssa.seal(header.id);
  cx.ssa.seal(done.id);
  cx.startBlock(done);
  cx.heldIterators.pop();
  cx.emitEffect('keep_alive', [iterator]);
}
