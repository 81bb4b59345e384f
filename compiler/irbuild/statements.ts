// Lowers statements: assignment to locals (SSA variables), cells or global
// slots (a rebound local's old value is kept alive to the rebinding, as
// CPython releases it there), structured control flow to blocks, `for` over
// range() to a counting loop on boxed ints and over anything else through
// the iterator protocol, and imports of the runtime's modules. try, raise
// and assert are in exceptions.ts, match in match.ts. Loops seal their
// header only after the back edges exist, as the SSA builder requires.

import type { BinaryOperator, Expr, NameTarget, Stmt, Target } from '../frontend/ast.js';
import type { Block, ValueId } from '../ir/function.js';
import { BUILTIN_MODULES } from '../ir/builtins.js';
import { resolveRelative } from '../frontend/modules.js';
import type { OpName } from '../ir/ops.js';
import { deleteClassName, lowerClassDef, storeClassName } from './classes.js';
import { lowerAssert, lowerRaise, lowerTry, lowerWith } from './exceptions.js';
import { lowerCondition, lowerExpr, readName, siteOf } from './expressions.js';
import { cellOf, makeFunctionObject } from './functions.js';
import { lowerMatch, requirePresent } from './match.js';
import type { LoweringContext } from './lowering-context.js';

export function lowerStatements(cx: LoweringContext, body: Stmt[]): void {
  for (const s of body) lowerStatement(cx, s);
}

/** Ops a statement emits itself (not through an expression) report the whole statement, as CPython's do. */
function lowerStatement(cx: LoweringContext, s: Stmt): void {
  cx.atSite({ range: s.range }, () => lowerStatementAtSite(cx, s));
}

function lowerStatementAtSite(cx: LoweringContext, s: Stmt): void {
  switch (s.kind) {
    case 'expr': lowerExpr(cx, s.value); return;
    case 'assign': {
      const value = lowerExpr(cx, s.value);
      for (const t of s.targets) assignTarget(cx, t, value);
      return;
    }
    case 'augassign': lowerAugmentedAssignment(cx, s); return;
    case 'del': for (const t of s.targets) deleteTarget(cx, t); return;
    case 'if': {
      const cond = lowerCondition(cx, s.test);
      const thenBlock = cx.newBlock();
      const elseBlock = cx.newBlock();
      const join = cx.newBlock();
      cx.branch(cond, thenBlock, elseBlock);
      for (const [block, body] of [[thenBlock, s.body], [elseBlock, s.orelse]] as const) {
        cx.ssa.seal(block.id);
        cx.startBlock(block);
        lowerStatements(cx, body);
        cx.jump(join);
      }
      cx.ssa.seal(join.id);
      cx.startBlock(join);
      return;
    }
    case 'while': lowerWhile(cx, s); return;
    case 'for': lowerFor(cx, s); return;
    case 'def': {
      // Decorators are evaluated first, then the function is made, then they apply innermost first.
      const decorators = s.decorators.map((d) => lowerExpr(cx, d));
      let fnValue = makeFunctionObject(cx, s);
      for (let i = decorators.length - 1; i >= 0; i--) {
        fnValue = cx.atSite({ range: s.decorators[i].range }, () => cx.emitChecked('call_dynamic', [decorators[i], fnValue]));
      }
      assignName(cx, { id: s.boundAs, range: s.nameRange }, fnValue);
      return;
    }
    case 'class': lowerClassDef(cx, s); return;
    case 'with': lowerWith(cx, s); return;
    case 'return': {
      if (cx.isModule || cx.scope?.kind === 'class') { cx.error('invalid', "'return' outside function", s.range); return; }
      const value = s.value === null ? cx.constNone() : lowerExpr(cx, s.value);
      cx.unwindTo(0);
      cx.keepFrameAlive();
      cx.emitEffect('leave', []);
      cx.terminate({ kind: 'return', value });
      return;
    }
    case 'global': case 'nonlocal': return;
    case 'pass': return;
    case 'try': lowerTry(cx, s); return;
    case 'raise': lowerRaise(cx, s); return;
    case 'assert': lowerAssert(cx, s); return;
    case 'match': lowerMatch(cx, s); return;
    case 'import': case 'import_from': lowerImport(cx, s); return;
    case 'break': case 'continue': {
      const loop = cx.loops[cx.loops.length - 1];
      if (loop === undefined) { cx.error('invalid', `'${s.kind}' outside loop`, s.range); return; }
      const target = s.kind === 'break' ? loop.breakTo : loop.continueTo;
      cx.unwindTo(loop.unwindDepth);
      cx.jump(cx.fn.blocks[target]);
      return;
    }
  }
}

/**
 * Imports, resolved at compile time by the loader (frontend/modules.ts): a
 * module the runtime implements is `import_builtin`; one of the program's
 * modules is `import_module`, which runs its body on first import (its
 * packages' first). `import a.b` binds `a`, `import a.b as c` the
 * submodule; `from m import x` reads each name with `import_from`, which
 * imports a submodule `m.x` when the package lacks the attribute.
 */
function lowerImport(cx: LoweringContext, s: Extract<Stmt, { kind: 'import' | 'import_from' }>): void {
  const moduleObject = (name: string, range: Stmt['range']): ValueId | null => {
    const id = BUILTIN_MODULES.indexOf(name);
    if (id >= 0) return cx.emit('import_builtin', [], id);
    const target = cx.unit.program.byName.get(name);
    if (target === undefined) {
      cx.error('internal', `module '${name}' was not loaded`, range);
      return null;
    }
    return cx.atSite({ range }, () => cx.emitChecked('import_module', [], target.index));
  };
  if (s.kind === 'import') {
    for (const a of s.names) {
      // CPython reports a failing import at the whole statement.
      const m = moduleObject(a.name, s.range);
      if (m === null) continue;
      const top = a.name.split('.')[0];
      // `import a.b` binds the top-level package, already imported by then.
      const bound = a.asname !== null || top === a.name ? m : moduleObject(top, s.range);
      if (bound !== null) assignName(cx, { id: a.asname ?? top, range: a.range }, bound);
    }
    return;
  }
  const base = resolveRelative(cx.unit.source, s.level, s.module);
  if ('error' in base) { cx.error('import', base.error, s.range); return; }
  const m = moduleObject(base.name, s.range);
  if (m === null) return;
  if (s.names[0]?.name === '*') { lowerStarImport(cx, s, base.name, m); return; }
  for (const a of s.names) {
    const value = cx.atSite({ range: s.range }, () => cx.emitChecked('import_from', [m], a.name));
    assignName(cx, { id: a.asname ?? a.name, range: a.range }, value);
  }
}

/**
 * `from m import *`: the names m exports (known at compile time, see
 * scopes.ts exportedNames). From a literal `__all__` each name must exist
 * (a submodule is imported, as CPython's fromlist handling does; a missing
 * name is CPython's AttributeError); otherwise each public global m has
 * bound by now is bound here and unbound ones are skipped, as CPython
 * copies whatever the module's dict holds.
 */
function lowerStarImport(cx: LoweringContext, s: Extract<Stmt, { kind: 'import_from' }>, moduleName: string, m: ValueId): void {
  const target = cx.unit.program.byName.get(moduleName)!;
  const { names, fromAll } = cx.unit.program.exports(target);
  cx.atSite({ range: s.range }, () => {
    for (const name of names) {
      const range = s.names[0].range;
      if (fromAll) {
        const submodule = cx.unit.program.byName.has(`${moduleName}.${name}`);
        assignName(cx, { id: name, range }, cx.emitChecked(submodule ? 'import_from' : 'getattr', [m], name));
        continue;
      }
      // match_attr: the attribute, or null (AttributeError cleared) when the module has not bound it.
      const value = cx.emit('match_attr', [m], name);
      const join = cx.newBlock();
      requirePresent(cx, value, join);
      assignName(cx, { id: name, range }, value);
      cx.jump(join);
      cx.ssa.seal(join.id);
      cx.startBlock(join);
    }
  });
}

/** The in-place form of each operator: `__iadd__` and friends first, then the binary protocol (lists, dicts and sets mutate in place). */
const INPLACE_OPS: Record<BinaryOperator, OpName> = {
  add: 'inplace_add', sub: 'inplace_sub', mul: 'inplace_mul', bitor: 'inplace_or', bitand: 'inplace_and', bitxor: 'inplace_xor',
  matmul: 'inplace_matmul', truediv: 'inplace_truediv', floordiv: 'inplace_floordiv', mod: 'inplace_mod', pow: 'inplace_pow',
  lshift: 'inplace_lshift', rshift: 'inplace_rshift',
};

/** `t op= v`: the target's parts are evaluated once, read, combined in place where possible, and stored back. */
function lowerAugmentedAssignment(cx: LoweringContext, s: Extract<Stmt, { kind: 'augassign' }>): void {
  const op = INPLACE_OPS[s.op];
  const t = s.target;
  switch (t.kind) {
    case 'name': {
      const current = readName(cx, t.id, t.range);
      const rhs = lowerExpr(cx, s.value);
      assignName(cx, t, cx.emitChecked(op, [current, rhs]));
      return;
    }
    case 'subscript': {
      const container = lowerExpr(cx, t.value);
      const index = lowerExpr(cx, t.index);
      const current = cx.atSite(siteOf(t), () => cx.emitChecked('getitem', [container, index]));
      const rhs = lowerExpr(cx, s.value);
      const result = cx.emitChecked(op, [current, rhs]);
      cx.atSite(siteOf(t), () => cx.emitChecked('setitem', [container, index, result]));
      return;
    }
    case 'attribute': {
      const obj = lowerExpr(cx, t.value);
      const current = cx.atSite(siteOf(t), () => cx.emitChecked('getattr', [obj], t.attr));
      const rhs = lowerExpr(cx, s.value);
      const result = cx.emitChecked(op, [current, rhs]);
      cx.atSite(siteOf(t), () => cx.emitChecked('setattr', [obj, result], t.attr));
      return;
    }
    case 'unpack': case 'starred':
      cx.error('invalid', "'tuple' is an illegal expression for augmented assignment", t.range);
  }
}

export function assignTarget(cx: LoweringContext, target: Target, value: ValueId): void {
  switch (target.kind) {
    case 'name': assignName(cx, target, value); return;
    case 'subscript': {
      const container = lowerExpr(cx, target.value);
      const index = lowerExpr(cx, target.index);
      cx.atSite(siteOf(target), () => cx.emitChecked('setitem', [container, index, value]));
      return;
    }
    case 'attribute': {
      const obj = lowerExpr(cx, target.value);
      cx.atSite(siteOf(target), () => cx.emitChecked('setattr', [obj, value], target.attr));
      return;
    }
    case 'unpack': {
      const star = target.elts.findIndex((t) => t.kind === 'starred');
      if (star >= 0 && target.elts.slice(star + 1).some((t) => t.kind === 'starred')) {
        cx.error('invalid', 'multiple starred expressions in assignment', target.range);
        return;
      }
      const imm = star < 0 ? target.elts.length : star + ((target.elts.length - star - 1) << 8);
      const items = cx.atSite(siteOf(target), () => cx.emitChecked(star < 0 ? 'unpack' : 'unpack_ex', [value], imm));
      target.elts.forEach((elt, i) => assignTarget(cx, elt.kind === 'starred' ? elt.target : elt, cx.emit('tuple_item', [items], i)));
      return;
    }
    case 'starred':
      cx.error('invalid', 'starred assignment target must be in a list or tuple', target.range);
  }
}

export function deleteTarget(cx: LoweringContext, target: Target): void {
  switch (target.kind) {
    case 'name': {
      const binding = cx.program.resolve(cx.scope, target.id);
      if (binding.kind === 'global') { cx.atSite(siteOf(target), () => cx.emitChecked('delete_global', [], cx.globalId(target.id))); return; }
      if (binding.kind === 'classns') { cx.atSite(siteOf(target), () => deleteClassName(cx, target.id)); return; }
      // Deleting a local first requires it bound, then leaves it unbound.
      readName(cx, target.id, target.range);
      if (binding.kind === 'local') cx.ssa.write(target.id, cx.current.id, cx.emit('undef', []));
      else cx.emitEffect('cell_set', [cellOf(cx, target.id), cx.emit('const_null', [])]);
      return;
    }
    case 'subscript': {
      const container = lowerExpr(cx, target.value);
      const index = lowerExpr(cx, target.index);
      cx.atSite(siteOf(target), () => cx.emitChecked('delitem', [container, index]));
      return;
    }
    case 'attribute': {
      const obj = lowerExpr(cx, target.value);
      cx.atSite(siteOf(target), () => cx.emitChecked('delattr', [obj], target.attr));
      return;
    }
    case 'unpack': for (const elt of target.elts) deleteTarget(cx, elt); return;
    case 'starred': cx.error('invalid', 'cannot delete starred', target.range);
  }
}

export function assignName(cx: LoweringContext, target: NameTarget, value: ValueId): void {
  const binding = cx.program.resolve(cx.scope, target.id);
  switch (binding.kind) {
    case 'local': {
      // The value being replaced lives until this rebinding, as in CPython.
      const old = cx.ssa.read(target.id, cx.current.id);
      if (!cx.isUndef(old)) cx.emitEffect('keep_alive', [old]);
      cx.ssa.write(target.id, cx.current.id, value);
      return;
    }
    case 'cell': case 'free': cx.emitEffect('cell_set', [cellOf(cx, target.id), value]); return;
    case 'global': cx.emitEffect('store_global', [value], cx.globalId(target.id)); return;
    case 'classns': storeClassName(cx, target.id, value); return;
    case 'builtin': throw new Error(`assignment resolved to builtin ${target.id}`);
  }
}

function lowerWhile(cx: LoweringContext, s: Extract<Stmt, { kind: 'while' }>): void {
  const header = cx.newBlock();
  const body = cx.newBlock();
  const orelse = cx.newBlock();
  const exit = cx.newBlock();
  cx.jump(header);
  cx.startBlock(header);
  const cond = lowerCondition(cx, s.test);
  cx.branch(cond, body, orelse);
  // The condition may have split the header; the loop's back edges go to its first block.
  cx.ssa.seal(body.id);
  cx.startBlock(body);
  finishLoop(cx, s, { header, orelse, exit });
}

function isBuiltinRange(cx: LoweringContext, e: Expr): e is Extract<Expr, { kind: 'call' }> {
  return e.kind === 'call' && e.func.kind === 'name' && e.func.id === 'range'
    && cx.program.resolve(cx.scope, 'range').kind === 'builtin';
}

/** `for x in range(start, stop, step)` as a counting loop; the counter is a hidden variable so rebinding x in the body cannot disturb it. */
function lowerFor(cx: LoweringContext, s: Extract<Stmt, { kind: 'for' }>): void {
  const call = s.iter;
  if (!isBuiltinRange(cx, call) || call.keywords.length > 0 || call.args.length < 1 || call.args.length > 3 || call.args.some((a) => a.kind === 'starred')) {
    lowerForIterator(cx, s);
    return;
  }
  const evaluated = call.args.map((a) => lowerExpr(cx, a)).map((v) => {
    // range() takes any object with __index__; the counting loop needs the int itself.
    const kind = cx.fn.values[v].type.kind;
    return kind === 'int' || kind === 'bool' ? v : cx.atSite(siteOf(call), () => cx.emitChecked('range_arg', [v]));
  });
  const [start, stop, step] = evaluated.length === 1
    ? [cx.emit('const_int', [], 0n), evaluated[0], cx.emit('const_int', [], 1n)]
    : [evaluated[0], evaluated[1], evaluated[2] ?? cx.emit('const_int', [], 1n)];
  cx.atSite(siteOf(call), () => cx.emitChecked('range_check', [start, stop, step]));
  const counter = cx.temp('range');
  cx.ssa.write(counter, cx.current.id, start);

  const header = cx.newBlock();
  const body = cx.newBlock();
  const orelse = cx.newBlock();
  const exit = cx.newBlock();
  cx.jump(header);
  cx.startBlock(header);
  const current = cx.ssa.read(counter, header.id);
  const more = cx.emit('range_continue', [current, stop, step]);
  cx.branch(more, body, orelse);
  cx.ssa.seal(body.id);
  cx.startBlock(body);
  cx.ssa.write(counter, cx.current.id, cx.emitChecked('add', [current, step]));
  assignTarget(cx, s.target, current);
  finishLoop(cx, s, { header, orelse, exit });
}

/** The rest of a loop, from the body's statements: back edge, `else` clause, exit. */
function finishLoop(cx: LoweringContext, s: { body: Stmt[]; orelse: Stmt[] }, blocks: { header: Block; orelse: Block; exit: Block }): void {
  const { header, orelse, exit } = blocks;
  cx.loops.push({ breakTo: exit.id, continueTo: header.id, unwindDepth: cx.unwind.length });
  lowerStatements(cx, s.body);
  cx.loops.pop();
  cx.jump(header);
  cx.ssa.seal(header.id);
  cx.ssa.seal(orelse.id);
  cx.startBlock(orelse);
  lowerStatements(cx, s.orelse);
  cx.jump(exit);
  cx.ssa.seal(exit.id);
  cx.startBlock(exit);
}

/** `for target in iterable` through the iterator protocol. */
function lowerForIterator(cx: LoweringContext, s: Extract<Stmt, { kind: 'for' }>): void {
  const iterator = cx.emitChecked('get_iter', [lowerExpr(cx, s.iter)]);
  const orelse = cx.newBlock();
  const exit = cx.newBlock();
  const { header, item } = startIteration(cx, iterator, orelse);
  cx.heldIterators.push(iterator);
  assignTarget(cx, s.target, item);
  finishLoop(cx, s, { header, orelse, exit });
  cx.heldIterators.pop();
  // The loop holds its iterator until it ends, however it ends.
  cx.emitEffect('keep_alive', [iterator]);
}

/**
 * Starts a loop over `iterator`: a header block asks for the next item
 * (a null box when exhausted or failed; iter_error tells which and raises),
 * going on to `exhausted` at the end. Lowering continues in the loop body
 * with the item; the caller jumps back to `header` and then seals it.
 */
export function startIteration(cx: LoweringContext, iterator: ValueId, exhausted: Block): { header: Block; item: ValueId } {
  const header = cx.newBlock();
  const body = cx.newBlock();
  const ended = cx.newBlock();
  cx.jump(header);
  cx.startBlock(header);
  const item = cx.emit('iter_next', [iterator]);
  cx.branch(cx.emit('is_null', [item]), ended, body);
  cx.ssa.seal(ended.id);
  cx.startBlock(ended);
  cx.emitChecked('iter_error', []);
  cx.jump(exhausted);
  cx.ssa.seal(body.id);
  cx.startBlock(body);
  return { header, item };
}
