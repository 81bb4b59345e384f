// Lowers try/except/else/finally, raise and assert to explicit control
// flow. A try body's raising ops go to a landing pad (an unwind entry in the
// lowering context); the pad takes the pending exception (exc_fetch) and
// makes it the handled exception while the handlers run, as CPython's
// exc_info, restoring the previous one on every way out. `finally` bodies
// are lowered once per way out: on normal completion, on an exception (then
// re-raised unchanged), and inline before each return, break or continue
// that leaves the try (the unwind entry's cleanup), as CPython 3.11 does.
// `with` uses the same machinery: its body runs under an unwind entry whose
// cleanup calls __exit__(None, None, None) and whose landing pad calls
// __exit__ with the exception, re-raising it unless that returns true.

import type { ExceptHandler, Expr, NameTarget, Stmt } from '../frontend/ast.js';
import type { ValueId } from '../ir/function.js';
import { lowerCondition, lowerExpr } from './expressions.js';
import type { LoweringContext } from './lowering-context.js';
import { assignName, assignTarget, deleteTarget, lowerStatements } from './statements.js';

type TryStmt = Extract<Stmt, { kind: 'try' }>;
type WithStmt = Extract<Stmt, { kind: 'with' }>;

export function lowerWith(cx: LoweringContext, s: WithStmt, index = 0): void {
  if (index === s.items.length) { lowerStatements(cx, s.body); return; }
  const item = s.items[index];
  const manager = lowerExpr(cx, item.context);
  // CPython reports entering and leaving a with at the statement.
  const exit = cx.emitChecked('with_exit', [manager]);
  const entered = cx.emitChecked('with_enter', [manager]);
  if (item.target !== null) assignTarget(cx, item.target, entered);
  const exitNormally = (): void => { cx.atSite({ range: s.range }, () => cx.emitChecked('with_exit_call', [exit, cx.emit('const_null', [])])); };
  const landingPad = cx.newBlock();
  cx.unwind.push({ landingPad, cleanup: exitNormally });
  lowerWith(cx, s, index + 1);
  cx.unwind.pop();
  exitNormally();
  const after = cx.newBlock();
  cx.jump(after);

  cx.ssa.seal(landingPad.id);
  cx.startBlock(landingPad);
  const { exc, previous } = enterHandler(cx);
  const suppress = cx.newBlock();
  const propagate = cx.newBlock();
  withHandledRestored(cx, previous, () => {
    const suppressed = cx.atSite({ range: s.range }, () => cx.emitChecked('with_exit_call', [exit, exc]));
    cx.branch(suppressed, suppress, propagate);
  });
  cx.ssa.seal(propagate.id);
  cx.startBlock(propagate);
  cx.emitEffect('exc_restore_handled', [previous]);
  reraise(cx, exc);
  cx.ssa.seal(suppress.id);
  cx.startBlock(suppress);
  cx.emitEffect('exc_restore_handled', [previous]);
  cx.emitEffect('keep_alive', [exc]);
  cx.jump(after);
  cx.ssa.seal(after.id);
  cx.startBlock(after);
}

export function lowerTry(cx: LoweringContext, s: TryStmt): void {
  if (s.finalbody.length === 0) { lowerTryExcept(cx, s); return; }
  const landingPad = cx.newBlock();
  cx.unwind.push({ landingPad, cleanup: () => lowerStatements(cx, s.finalbody) });
  if (s.handlers.length > 0) lowerTryExcept(cx, s); else lowerStatements(cx, s.body);
  cx.unwind.pop();
  lowerStatements(cx, s.finalbody);
  const after = cx.newBlock();
  cx.jump(after);

  // The exceptional way out: the finally body runs with the exception handled, then re-raises it.
  cx.ssa.seal(landingPad.id);
  cx.startBlock(landingPad);
  const { exc, previous } = enterHandler(cx);
  withHandledRestored(cx, previous, () => lowerStatements(cx, s.finalbody));
  cx.emitEffect('exc_restore_handled', [previous]);
  reraise(cx, exc);
  cx.ssa.seal(after.id);
  cx.startBlock(after);
}

function lowerTryExcept(cx: LoweringContext, s: TryStmt): void {
  const landingPad = cx.newBlock();
  cx.unwind.push({ landingPad, cleanup: null });
  lowerStatements(cx, s.body);
  cx.unwind.pop();
  lowerStatements(cx, s.orelse);
  const after = cx.newBlock();
  cx.jump(after);

  cx.ssa.seal(landingPad.id);
  cx.startBlock(landingPad);
  const { exc, previous } = enterHandler(cx);
  withHandledRestored(cx, previous, () => {
    for (const handler of s.handlers) {
      const body = cx.newBlock();
      const next = cx.newBlock();
      if (handler.type === null) cx.jump(body);
      else cx.branch(matches(cx, exc, handler.type), body, next);
      cx.ssa.seal(body.id);
      cx.startBlock(body);
      lowerHandlerBody(cx, handler, exc);
      cx.emitEffect('exc_restore_handled', [previous]);
      cx.jump(after);
      cx.ssa.seal(next.id);
      cx.startBlock(next);
    }
  });
  // No handler matched: the exception goes on unchanged.
  cx.emitEffect('exc_restore_handled', [previous]);
  reraise(cx, exc);
  cx.ssa.seal(after.id);
  cx.startBlock(after);
}

/** Takes the pending exception and makes it the handled one. */
function enterHandler(cx: LoweringContext): { exc: ValueId; previous: ValueId } {
  const exc = cx.emit('exc_fetch', []);
  return { exc, previous: cx.emit('exc_set_handled', [exc]) };
}

/**
 * Lowers handler code under an unwind entry that restores the previous
 * handled exception on every early way out: an exception (which then goes
 * on to the enclosing landing pad) or a return, break or continue.
 */
function withHandledRestored(cx: LoweringContext, previous: ValueId, body: () => void): void {
  const landingPad = cx.newBlock();
  const restore = (): void => cx.emitEffect('exc_restore_handled', [previous]);
  cx.unwind.push({ landingPad, cleanup: restore });
  body();
  cx.unwind.pop();
  const resume = cx.current;
  cx.ssa.seal(landingPad.id);
  cx.startBlock(landingPad);
  restore();
  cx.jump(cx.errorTarget());
  cx.startBlock(resume);
}

/** `except T`: evaluated only when an exception reaches this clause, then matched against it. */
function matches(cx: LoweringContext, exc: ValueId, type: Expr): ValueId {
  const spec = lowerExpr(cx, type);
  return cx.atSite({ range: type.range }, () => cx.emitChecked('exc_matches', [exc, spec]));
}

/** The handler body; `as name` is bound for the body and unbound after it, however the body ends. */
function lowerHandlerBody(cx: LoweringContext, handler: ExceptHandler, exc: ValueId): void {
  const name = handler.name;
  if (name === null) { lowerStatements(cx, handler.body); return; }
  assignName(cx, name, exc);
  const landingPad = cx.newBlock();
  cx.unwind.push({ landingPad, cleanup: () => unbindName(cx, name) });
  lowerStatements(cx, handler.body);
  cx.unwind.pop();
  unbindName(cx, name);
  const resume = cx.current;
  cx.ssa.seal(landingPad.id);
  cx.startBlock(landingPad);
  unbindName(cx, name);
  cx.jump(cx.errorTarget());
  cx.startBlock(resume);
}

/** CPython ends an `except ... as name` block with `name = None; del name`. */
function unbindName(cx: LoweringContext, name: NameTarget): void {
  assignName(cx, name, cx.constNone());
  deleteTarget(cx, { kind: 'name', ...name });
}

/** Raises `exc` again as it is, to the enclosing landing pad; code after it is unreachable. */
function reraise(cx: LoweringContext, exc: ValueId): void {
  cx.atSite(null, () => cx.emitChecked('reraise', [exc]));
  cx.terminate({ kind: 'unreachable' });
}

export function lowerRaise(cx: LoweringContext, s: Extract<Stmt, { kind: 'raise' }>): void {
  if (s.exc === null) {
    // A bare raise re-raises the handled exception unchanged, or fails if there is none.
    const handled = cx.emit('exc_handled', []);
    const some = cx.newBlock();
    const none = cx.newBlock();
    cx.branch(cx.emit('is_null', [handled]), none, some);
    cx.ssa.seal(some.id);
    cx.startBlock(some);
    reraise(cx, handled);
    cx.ssa.seal(none.id);
    cx.startBlock(none);
    raiseNew(cx, 'RuntimeError', [cx.emit('const_str', [], 'No active exception to reraise')]);
    return;
  }
  const exc = lowerExpr(cx, s.exc);
  if (s.cause === null) cx.emitChecked('raise', [exc]);
  else cx.emitChecked('raise_from', [exc, lowerExpr(cx, s.cause)]);
  cx.terminate({ kind: 'unreachable' });
}

/** `assert test, msg`: the message is evaluated only when the test fails; CPython reports the test's range. */
export function lowerAssert(cx: LoweringContext, s: Extract<Stmt, { kind: 'assert' }>): void {
  const failed = cx.newBlock();
  const passed = cx.newBlock();
  cx.branch(lowerCondition(cx, s.test), passed, failed);
  cx.ssa.seal(failed.id);
  cx.startBlock(failed);
  const args = s.msg === null ? [] : [lowerExpr(cx, s.msg)];
  cx.atSite({ range: s.test.range }, () => raiseNew(cx, 'AssertionError', args));
  cx.ssa.seal(passed.id);
  cx.startBlock(passed);
}

/** Raises a new instance of a builtin exception class at the current site. */
export function raiseNew(cx: LoweringContext, className: string, args: ValueId[]): void {
  const cls = cx.emit('builtin_type', [], className);
  const exc = cx.emitChecked('call_dynamic', [cls, ...args]);
  cx.emitChecked('raise', [exc]);
  cx.terminate({ kind: 'unreachable' });
}
