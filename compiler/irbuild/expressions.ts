// Lowers expressions to generic ops on boxed values. Short-circuit and
// conditional expressions become control flow joined through hidden SSA
// variables; calls to a module function bound by a single `def` become direct
// calls, everything else goes through the generic call path.

import type { CompareOperator, Expr } from '../frontend/ast.js';
import { BUILTINS } from '../ir/builtins.js';
import type { ValueId } from '../ir/function.js';
import type { OpName } from '../ir/ops.js';
import type { LoweringContext } from './lowering-context.js';

const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;

const COMPARE_OPS: Partial<Record<CompareOperator, OpName>> = { lt: 'lt', le: 'le', eq: 'eq', ne: 'ne', gt: 'gt', ge: 'ge' };


export function lowerExpr(cx: LoweringContext, e: Expr): ValueId {
  switch (e.kind) {
    case 'int':
      if (e.value < INT64_MIN || e.value > INT64_MAX) {
        cx.error('unsupported', 'unsupported construct: integer literal beyond 64 bits (arbitrary precision arrives with the core-types issue)', e.range);
      }
      return cx.emit('const_int', [], e.value);
    case 'float': return cx.emit('const_float', [], e.value);
    case 'str': return cx.emit('const_str', [], e.value);
    case 'bool': return cx.emit(e.value ? 'const_true' : 'const_false', []);
    case 'none': return cx.constNone();
    case 'name': return readName(cx, e.id, e.range);
    case 'binary': {
      const left = lowerExpr(cx, e.left);
      const right = lowerExpr(cx, e.right);
      return cx.emitChecked(e.op, [left, right]);
    }
    case 'unary': {
      if (e.op === 'not') return cx.emit('box_bool', [cx.emit('bool_not', [lowerCondition(cx, e.operand)])]);
      return cx.emitChecked(e.op, [lowerExpr(cx, e.operand)]);
    }
    case 'boolop': {
      // `a and b` is a if a is false else b; `a or b` is a if a is true else b.
      const result = cx.temp('boolop');
      const left = lowerExpr(cx, e.left);
      cx.ssa.write(result, cx.current.id, left);
      const truth = cx.emitChecked('truthy', [left]);
      const evalRight = cx.newBlock();
      const join = cx.newBlock();
      if (e.op === 'and') cx.branch(truth, evalRight, join); else cx.branch(truth, join, evalRight);
      cx.ssa.seal(evalRight.id);
      cx.startBlock(evalRight);
      cx.ssa.write(result, cx.current.id, lowerExpr(cx, e.right));
      cx.jump(join);
      cx.ssa.seal(join.id);
      cx.startBlock(join);
      return cx.ssa.read(result, join.id);
    }
    case 'compare': return lowerCompare(cx, e);
    case 'ifexp': {
      const result = cx.temp('ifexp');
      const cond = lowerCondition(cx, e.test);
      const thenBlock = cx.newBlock();
      const elseBlock = cx.newBlock();
      const join = cx.newBlock();
      cx.branch(cond, thenBlock, elseBlock);
      for (const [block, arm] of [[thenBlock, e.body], [elseBlock, e.orelse]] as const) {
        cx.ssa.seal(block.id);
        cx.startBlock(block);
        cx.ssa.write(result, cx.current.id, lowerExpr(cx, arm));
        cx.jump(join);
      }
      cx.ssa.seal(join.id);
      cx.startBlock(join);
      return cx.ssa.read(result, join.id);
    }
    case 'call': return lowerCall(cx, e);
  }
}

/** Lowers an expression used as a condition to an i32 truth value. */
export function lowerCondition(cx: LoweringContext, e: Expr): ValueId {
  if (e.kind === 'unary' && e.op === 'not') return cx.emit('bool_not', [lowerCondition(cx, e.operand)]);
  if (e.kind === 'compare' && e.ops.length === 1 && !COMPARE_OPS[e.ops[0]]) {
    return compareToI32(cx, e.ops[0], lowerExpr(cx, e.first), lowerExpr(cx, e.rest[0]));
  }
  return cx.emitChecked('truthy', [lowerExpr(cx, e)]);
}

function compareToI32(cx: LoweringContext, op: CompareOperator, left: ValueId, right: ValueId): ValueId {
  switch (op) {
    case 'is': return cx.emit('is', [left, right]);
    case 'is_not': return cx.emit('bool_not', [cx.emit('is', [left, right])]);
    case 'in': return cx.emitChecked('contains', [right, left]);
    case 'not_in': return cx.emit('bool_not', [cx.emitChecked('contains', [right, left])]);
    default: throw new Error(`compareToI32 on ${op}`);
  }
}

function compareOnce(cx: LoweringContext, op: CompareOperator, left: ValueId, right: ValueId): ValueId {
  const rich = COMPARE_OPS[op];
  if (rich !== undefined) return cx.emitChecked(rich, [left, right]);
  return cx.emit('box_bool', [compareToI32(cx, op, left, right)]);
}

/** `a < b < c` evaluates b once and stops at the first false link, yielding that link's result. */
function lowerCompare(cx: LoweringContext, e: Extract<Expr, { kind: 'compare' }>): ValueId {
  let left = lowerExpr(cx, e.first);
  if (e.ops.length === 1) return compareOnce(cx, e.ops[0], left, lowerExpr(cx, e.rest[0]));
  const result = cx.temp('compare');
  const join = cx.newBlock();
  for (let i = 0; i < e.ops.length; i++) {
    const right = lowerExpr(cx, e.rest[i]);
    const link = compareOnce(cx, e.ops[i], left, right);
    cx.ssa.write(result, cx.current.id, link);
    if (i === e.ops.length - 1) { cx.jump(join); break; }
    const truth = cx.emitChecked('truthy', [link]);
    const next = cx.newBlock();
    cx.branch(truth, next, join);
    cx.ssa.seal(next.id);
    cx.startBlock(next);
    left = right;
  }
  cx.ssa.seal(join.id);
  cx.startBlock(join);
  return cx.ssa.read(result, join.id);
}

export function readName(cx: LoweringContext, id: string, range: Expr['range']): ValueId {
  const binding = cx.program.resolve(cx.scope, id);
  switch (binding.kind) {
    case 'local': {
      const value = cx.ssa.read(id, cx.current.id);
      cx.emitChecked('bound_check', [value], id);
      return value;
    }
    case 'global': return cx.emitChecked('load_global', [], id);
    case 'builtin':
      cx.error('unsupported', `unsupported construct: builtin '${id}' used as a value`, range);
      return cx.constNone();
  }
}

function lowerCall(cx: LoweringContext, e: Extract<Expr, { kind: 'call' }>): ValueId {
  const binding = e.func.kind === 'name' ? cx.program.resolve(cx.scope, e.func.id) : null;
  if (binding?.kind === 'builtin') return lowerBuiltinCall(cx, binding.name, e);
  if (e.keywords.length > 0) {
    cx.error('unsupported', 'unsupported construct: keyword arguments in a call', e.keywords[0].range);
  }
  const def = binding?.kind === 'global' ? cx.program.globals[binding.slot].soleDef : null;
  if (def !== null && def.params.length === e.args.length) {
    // The slot can only hold this def's function once bound, so checking it is bound is enough.
    cx.emitChecked('check_global', [], def.name);
    const args = e.args.map((a) => lowerExpr(cx, a));
    return cx.emitChecked('call_direct', args, cx.functionNames.get(def)!);
  }
  const callee = lowerExpr(cx, e.func);
  const args = e.args.map((a) => lowerExpr(cx, a));
  return cx.emitChecked('call_dynamic', [callee, ...args]);
}

function lowerBuiltinCall(cx: LoweringContext, name: string, e: Extract<Expr, { kind: 'call' }>): ValueId {
  const spec = BUILTINS[name];
  if (spec.lowering === 'print') return lowerPrint(cx, e);
  if (spec.lowering === 'range') {
    cx.error('unsupported', 'unsupported construct: range() outside the iterable of a for loop', e.range);
    return cx.constNone();
  }
  if (e.keywords.length > 0 || !spec.arities.includes(e.args.length)) {
    cx.error('unsupported', `unsupported construct: ${name}() called with ${e.args.length} argument(s)${e.keywords.length > 0 ? ' and keywords' : ''}`, e.range);
    return cx.constNone();
  }
  if (e.args.length === 0) {
    // int(), float(), str() and bool() without arguments are constants.
    switch (name) {
      case 'int': return cx.emit('const_int', [], 0n);
      case 'float': return cx.emit('const_float', [], 0);
      case 'str': return cx.emit('const_str', [], '');
      default: return cx.emit('const_false', []);
    }
  }
  const args = e.args.map((a) => lowerExpr(cx, a));
  return cx.emitChecked('call_builtin', args, name);
}

/** print(*args, sep=None, end=None): arguments are evaluated first, then sep and end are validated. */
function lowerPrint(cx: LoweringContext, e: Extract<Expr, { kind: 'call' }>): ValueId {
  const args = e.args.map((a) => lowerExpr(cx, a));
  let sep: ValueId | undefined;
  let end: ValueId | undefined;
  for (const k of e.keywords) {
    if (k.name === 'sep') sep = lowerExpr(cx, k.value);
    else if (k.name === 'end') end = lowerExpr(cx, k.value);
    else cx.error('unsupported', `unsupported construct: print() keyword '${k.name}'`, k.range);
  }
  sep ??= cx.constNone();
  end ??= cx.constNone();
  cx.emitChecked('print_check', [sep, end]);
  args.forEach((a, i) => {
    const first = i === 0 ? 1 : 0;
    if (cx.valueType(a).kind === 'str') cx.emitEffect('print_item_str', [a, sep!], first);
    else cx.emitChecked('print_item', [a, sep!], first);
  });
  cx.emitEffect('print_end', [end]);
  return cx.constNone();
}
