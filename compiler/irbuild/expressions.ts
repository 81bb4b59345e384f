// Lowers expressions to generic ops on boxed values, each with its own
// error site. Short-circuit and conditional expressions become control flow
// joined through hidden SSA variables; builtin calls bind to the builtin
// table here, other calls are functions.ts's, comprehensions
// comprehensions.ts's, yields generators.ts's and class-body names and
// zero-argument super() classes.ts's.

import type { CompareOperator, Expr, FStringPart, Target } from '../frontend/ast.js';
import type { FunctionScope } from '../frontend/scopes.js';
import { BUILTIN_VALUE_IDS, BUILTINS, builtinVarargsIndex, isBuiltinType, isShadowableBuiltin, isUnsupportedBuiltin } from '../ir/builtins.js';
import type { ErrorSite, ValueId } from '../ir/function.js';
import type { OpName } from '../ir/ops.js';
import { lowerZeroArgumentSuper, readClassName } from './classes.js';
import { lowerComprehension } from './comprehensions.js';
import { lowerCall, lowerCallArguments, makeFunctionObject } from './functions.js';
import { lowerYield, lowerYieldFrom } from './generators.js';
import type { LoweringContext } from './lowering-context.js';
import { assignName } from './statements.js';

const COMPARE_OPS: Partial<Record<CompareOperator, OpName>> = { lt: 'lt', le: 'le', eq: 'eq', ne: 'ne', gt: 'gt', ge: 'ge' };


/** The error site CPython 3.11 gives an instruction evaluating `e` (or storing to target `e`). */
export function siteOf(e: Expr | Target): ErrorSite {
  switch (e.kind) {
    case 'binary': return { range: e.range, anchor: { kind: 'binary', left: e.left.range.end, right: e.right.range.start } };
    case 'subscript': return { range: e.range, anchor: { kind: 'subscript', left: e.value.range.end, right: e.index.range.end } };
    default: return { range: e.range };
  }
}

/** Lowers `e` with its own error site; the ops it emits after its operands report `e`. */
export function lowerExpr(cx: LoweringContext, e: Expr): ValueId {
  return cx.atSite(siteOf(e), () => lowerExprAtSite(cx, e));
}

function lowerExprAtSite(cx: LoweringContext, e: Expr): ValueId {
  switch (e.kind) {
    case 'int': return cx.emit('const_int', [], e.value);
    case 'float': return cx.emit('const_float', [], e.value);
    case 'str': return cx.emit('const_str', [], e.value);
    case 'bytes': return cx.emit('const_bytes', [], e.value);
    case 'bool': return cx.emit(e.value ? 'const_true' : 'const_false', []);
    case 'none': return cx.constNone();
    case 'ellipsis': return cx.emit('ellipsis', []);
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
    case 'call': return lowerCallExpr(cx, e);
    case 'tuple':
      if (e.elts.some((x) => x.kind === 'starred')) return cx.emitChecked('list_to_tuple', [buildListWithUnpacking(cx, e.elts)]);
      return collectIntoTuple(cx, e.elts);
    case 'list': {
      if (e.elts.some((x) => x.kind === 'starred')) return buildListWithUnpacking(cx, e.elts);
      const list = cx.emitChecked('list_new', [], e.elts.length);
      e.elts.forEach((x, i) => cx.emitEffect('list_init', [list, lowerExpr(cx, x)], i));
      return list;
    }
    case 'set': {
      if (e.elts.some((x) => x.kind === 'starred')) {
        const set = cx.emitChecked('set_new', []);
        for (const x of e.elts) {
          if (x.kind === 'starred') cx.emitChecked('set_update', [set, lowerExpr(cx, x.value)]);
          else cx.emitChecked('set_add', [set, lowerExpr(cx, x)]);
        }
        return set;
      }
      // CPython evaluates every item, then builds the set (a display of three or more
      // constants through a constant frozenset, which fixes a different insertion order).
      const items = collectIntoTuple(cx, e.elts);
      if (e.elts.length >= 3 && e.elts.every(isConstantExpr)) return cx.emitChecked('set_from_constants', [items]);
      return cx.emitChecked('call_builtin', [items], 'set');
    }
    case 'dict': {
      // CPython evaluates key, value, key, value, ... and then builds the dict.
      return cx.emitChecked('dict_from_flat', [collectIntoTuple(cx, e.keys.flatMap((k, i) => [k, e.values[i]]))]);
    }
    case 'subscript': {
      const value = lowerExpr(cx, e.value);
      return cx.emitChecked('getitem', [value, lowerExpr(cx, e.index)]);
    }
    case 'slice': {
      const part = (p: Expr | null): ValueId => (p === null ? cx.constNone() : lowerExpr(cx, p));
      const lower = part(e.lower);
      const upper = part(e.upper);
      return cx.emitChecked('build_slice', [lower, upper, part(e.step)]);
    }
    case 'attribute': return cx.emitChecked('getattr', [lowerExpr(cx, e.value)], e.attr);
    case 'fstring': return lowerFString(cx, e.parts);
    case 'starred':
      cx.error('invalid', "can't use starred expression here", e.range);
      return cx.constNone();
    case 'lambda': return makeFunctionObject(cx, e);
    case 'comprehension': return lowerComprehension(cx, e);
    case 'yield': return lowerYield(cx, e.value === null ? cx.constNone() : lowerExpr(cx, e.value));
    case 'yield_from': return lowerYieldFrom(cx, lowerExpr(cx, e.value));
    case 'walrus': {
      const value = lowerExpr(cx, e.value);
      assignName(cx, e.target, value);
      return value;
    }
  }
}

/**
 * Positional call arguments with `*iterable` among them, as a list; errors name the callee
 * (a str for a builtin the compiler lowers itself, such as print).
 */
export function buildCallArgumentList(cx: LoweringContext, args: Expr[], callee: ValueId): ValueId {
  const list = cx.emitChecked('list_new', [], 0);
  for (const a of args) {
    if (a.kind === 'starred') {
      const iterable = lowerExpr(cx, a.value);
      cx.emitChecked('args_extend', [list, iterable, callee]);
    } else {
      cx.emitChecked('list_append', [list, lowerExpr(cx, a)]);
    }
  }
  return list;
}

/** `[a, *b, c]`: a list built item by item, extended by each starred iterable. */
function buildListWithUnpacking(cx: LoweringContext, elts: Expr[]): ValueId {
  const list = cx.emitChecked('list_new', [], 0);
  for (const x of elts) {
    if (x.kind === 'starred') cx.emitChecked('list_extend', [list, lowerExpr(cx, x.value)]);
    else cx.emitChecked('list_append', [list, lowerExpr(cx, x)]);
  }
  return list;
}

const CONVERSION_BUILTINS = { s: 'str', r: 'repr', a: 'ascii' } as const;

/** Each field is converted, then formatted with its (possibly computed) spec; the pieces are joined once. */
function lowerFString(cx: LoweringContext, parts: FStringPart[]): ValueId {
  const pieces: ValueId[] = [];
  for (const part of parts) {
    if (part.kind === 'text') { pieces.push(cx.emit('const_str', [], part.value)); continue; }
    if (part.selfDoc !== null) pieces.push(cx.emit('const_str', [], part.selfDoc));
    let value = lowerExpr(cx, part.value);
    // `{x=}` shows repr(x) unless a conversion or a format spec says otherwise.
    const conversion = part.conversion ?? (part.selfDoc !== null && part.spec === null ? 'r' : null);
    if (conversion !== null) value = cx.emitChecked('call_builtin', [value], CONVERSION_BUILTINS[conversion]);
    const spec = part.spec === null ? cx.emit('const_str', [], '') : lowerFString(cx, part.spec);
    pieces.push(cx.emitChecked('format_value', [value, spec]));
  }
  if (pieces.length === 1 && cx.valueType(pieces[0]).kind === 'str') return pieces[0];
  return cx.emitChecked('join_strings', [buildTuple(cx, pieces)]);
}

/** What CPython's AST optimizer folds to a constant: literals, signs on numbers, operators on constants, tuples of constants. */
function isConstantExpr(e: Expr): boolean {
  switch (e.kind) {
    case 'int': case 'float': case 'str': case 'bytes': case 'bool': case 'none': case 'ellipsis': return true;
    case 'unary': return e.op !== 'not' && isConstantExpr(e.operand);
    case 'binary': return isConstantExpr(e.left) && isConstantExpr(e.right);
    case 'tuple': return e.elts.every(isConstantExpr);
    default: return false;
  }
}

/**
 * Evaluates `exprs` in order straight into a new tuple. Each value goes into
 * the tuple as soon as it exists, so only the tuple is live while the rest
 * are evaluated: a display of n items costs O(n) error-path cleanup, not
 * O(n^2).
 */
export function collectIntoTuple(cx: LoweringContext, exprs: Expr[]): ValueId {
  const tuple = cx.emitChecked('tuple_new', [], exprs.length);
  exprs.forEach((x, i) => cx.emitEffect('tuple_init', [tuple, lowerExpr(cx, x)], i));
  return tuple;
}

export function buildTuple(cx: LoweringContext, items: ValueId[]): ValueId {
  const tuple = cx.emitChecked('tuple_new', [], items.length);
  items.forEach((item, i) => cx.emitEffect('tuple_init', [tuple, item], i));
  return tuple;
}

export function buildDict(cx: LoweringContext, pairs: readonly (readonly [ValueId, ValueId])[]): ValueId {
  const dict = cx.emitChecked('dict_new', []);
  for (const [k, v] of pairs) cx.emitChecked('dict_set', [dict, k, v]);
  return dict;
}

/** Lowers an expression used as a condition to an i32 truth value. */
export function lowerCondition(cx: LoweringContext, e: Expr): ValueId {
  if (e.kind === 'unary' && e.op === 'not') return cx.emit('bool_not', [lowerCondition(cx, e.operand)]);
  if (e.kind === 'compare' && e.ops.length === 1 && !COMPARE_OPS[e.ops[0]]) {
    return compareToI32(cx, e.ops[0], lowerExpr(cx, e.first), lowerExpr(cx, e.rest[0]));
  }
  const value = lowerExpr(cx, e);
  return cx.atSite(siteOf(e), () => cx.emitChecked('truthy', [value]));
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
  return cx.atSite({ range }, () => readNameAtSite(cx, id, range));
}

function readNameAtSite(cx: LoweringContext, id: string, range: Expr['range']): ValueId {
  return readNameInScope(cx, cx.scope, id, range);
}

/** Reads `id` as resolved in `scope` (null: as the module resolves it, which is a class body's fallback). */
export function readNameInScope(cx: LoweringContext, scope: FunctionScope | null, id: string, range: Expr['range']): ValueId {
  const binding = cx.program.resolve(scope, id);
  switch (binding.kind) {
    case 'classns': return readClassName(cx, id, range);
    case 'local': {
      const value = cx.ssa.read(id, cx.current.id);
      cx.emitChecked('bound_check', [value], id);
      return value;
    }
    case 'cell': return cx.emitChecked('cell_get_local', [cx.cells[binding.index]], id);
    case 'free': return cx.emitChecked('cell_get_free', [cx.emit('closure_cell', [cx.functionObject], binding.index)], id);
    case 'global':
      if (isShadowableBuiltin(id)) return cx.emit('load_global_or_builtin', [], cx.globalId(id));
      return cx.emitChecked('load_global', [], cx.globalId(id));
    case 'builtin':
      if (isBuiltinType(id)) return cx.emit('builtin_type', [], id);
      if (BUILTIN_VALUE_IDS.includes(id)) return cx.emit('builtin_object', [], id);
      if (id === 'NotImplemented') return cx.emit('not_implemented', []);
      if (id === 'Ellipsis') return cx.emit('ellipsis', []);
      cx.error('unsupported', isUnsupportedBuiltin(id) ? `unsupported construct: builtin '${id}'` : `unsupported construct: builtin '${id}' used as a value`, range);
      return cx.constNone();
  }
}

function lowerCallExpr(cx: LoweringContext, e: Extract<Expr, { kind: 'call' }>): ValueId {
  if (e.func.kind === 'attribute') return lowerMethodCall(cx, e.func, e);
  return lowerCall(cx, e, (name) => {
    if (!Object.hasOwn(BUILTINS, name)) return null;
    if (name === 'super' && e.args.length === 0 && e.keywords.length === 0) return lowerZeroArgumentSuper(cx, e.range);
    if (e.keywords.some((k) => k.name === null) || (name !== 'print' && e.args.some((a) => a.kind === 'starred'))) {
      // The builtin's value object takes any arguments through the generic call.
      if (BUILTIN_VALUE_IDS.includes(name)) return null;
      cx.error('unsupported', `unsupported construct: argument unpacking in a call to the builtin ${name}()`, e.range);
      return cx.constNone();
    }
    return lowerBuiltinCall(cx, name, e);
  });
}

/** `obj.name(args, kw=...)`: the receiver, then the arguments in source order, then one generic method call. */
function lowerMethodCall(cx: LoweringContext, func: Extract<Expr, { kind: 'attribute' }>, e: Extract<Expr, { kind: 'call' }>): ValueId {
  const self = lowerExpr(cx, func.value);
  // CPython looks the method up as its own instruction, located at `obj.name`.
  cx.atSite(siteOf(func), () => cx.emitChecked('check_method', [self], func.attr));
  if (e.args.some((a) => a.kind === 'starred') || e.keywords.some((k) => k.name === null)) {
    // With unpacking the method is fetched as a value and called like any callable.
    const method = cx.atSite(siteOf(func), () => cx.emitChecked('getattr', [self], func.attr));
    const { args, kwargs } = lowerCallArguments(cx, method, e.args, e.keywords);
    return cx.emitChecked('call_kw', [method, args, kwargs]);
  }
  const positional = e.args.map((a) => lowerExpr(cx, a));
  if (e.keywords.length === 0) return cx.emitChecked('call_method', [self, ...positional], func.attr);
  const args = buildTuple(cx, positional);
  const pairs = e.keywords.map((k) => [cx.emit('const_str', [], k.name!), lowerExpr(cx, k.value)] as const);
  const kwargs = buildDict(cx, pairs);
  return cx.emitChecked('call_method_kw', [self, args, kwargs], func.attr);
}

function lowerBuiltinCall(cx: LoweringContext, name: string, e: Extract<Expr, { kind: 'call' }>): ValueId {
  const row = BUILTINS[name];
  if (row.lowering === 'print') return lowerPrint(cx, e);
  if (e.args.length === 0 && e.keywords.length === 0 && row.noArgumentConstant !== undefined) {
    switch (row.noArgumentConstant) {
      case 'int': return cx.emit('const_int', [], 0n);
      case 'float': return cx.emit('const_float', [], 0);
      case 'str': return cx.emit('const_str', [], '');
      case 'false': return cx.emit('const_false', []);
    }
  }
  // Arguments are evaluated in source order before any is matched to a parameter.
  const positional = e.args.map((a) => lowerExpr(cx, a));
  const keywords = new Map(e.keywords.map((k) => [k.name, { value: lowerExpr(cx, k.value), range: k.range }]));
  if (name === 'pow' && positional.length === 2 && keywords.size === 0) return cx.emitChecked('pow', positional);
  const evaluatedKeywords = [...keywords].map(([k, { value }]) => [cx.emit('const_str', [], k!), value] as const);
  // A call that does not fit the builtin's parameters goes to the runtime's generic call, which
  // raises CPython's TypeError at run time; builtins with no value object are refused here.
  const refuse = (why: string): ValueId => {
    if (BUILTIN_VALUE_IDS.includes(name)) {
      const callee = cx.emit('builtin_object', [], name);
      const kwargs = evaluatedKeywords.length === 0 ? cx.emit('const_null', []) : buildDict(cx, evaluatedKeywords);
      return cx.emitChecked('call_kw', [callee, buildTuple(cx, positional), kwargs]);
    }
    cx.error('unsupported', `unsupported construct: ${name}() ${why}`, e.range);
    return cx.constNone();
  };
  const operands: ValueId[] = [];
  let nextPositional = 0;
  // The varargs tuple takes the positional arguments the leading positional parameters leave.
  const tupleAt = row.varargs ? builtinVarargsIndex(row) : -1;
  const packRest = (): void => {
    operands.push(buildTuple(cx, positional.slice(nextPositional)));
    nextPositional = positional.length;
  };
  for (const [index, param] of row.params.entries()) {
    if (index === tupleAt) packRest();
    let value: ValueId | undefined;
    if (param.pass !== 'keyword' && nextPositional < positional.length) value = positional[nextPositional++];
    else if (param.pass !== 'positional' && keywords.has(param.name)) {
      value = keywords.get(param.name)!.value;
      keywords.delete(param.name);
    }
    if (param.absent === 'flag') {
      operands.push(value === undefined ? cx.emit('const_i32', [], 0) : cx.emitChecked('truthy', [value]));
      continue;
    }
    if (value !== undefined) operands.push(value);
    else if (param.absent === 'null') operands.push(cx.emit('const_null', []));
    else if (param.absent === 'none') operands.push(cx.constNone());
    else return refuse(`called without its argument '${param.name}'`);
  }
  if (tupleAt === row.params.length) packRest();
  if (nextPositional < positional.length) return refuse(`called with ${positional.length} positional arguments`);
  if (keywords.size > 0) return refuse(`called with the keyword argument '${[...keywords.keys()][0]}'`);
  // Overloaded builtins take exactly the arguments given, without padding for the absent ones.
  if (row.runtimeByOperandCount !== undefined) return cx.emitChecked('call_builtin', operands.slice(0, positional.length + e.keywords.length), name);
  return cx.emitChecked('call_builtin', operands, name);
}

const PRINT_KEYWORDS: ReadonlySet<string> = new Set(['sep', 'end', 'file', 'flush']);

/** print(*args, sep=None, end=None): arguments are evaluated first, then sep and end are validated. */
function lowerPrint(cx: LoweringContext, e: Extract<Expr, { kind: 'call' }>): ValueId {
  const names = new Set(e.keywords.map((k) => k.name!));
  if ([...names].some((n) => !PRINT_KEYWORDS.has(n)) || (names.has('file') && names.has('flush'))) {
    // print's value object raises CPython's TypeError for an unknown keyword at run time, after the
    // arguments, and calls file.flush() for flush=True.
    const callee = cx.emit('builtin_object', [], 'print');
    const { args, kwargs } = lowerCallArguments(cx, callee, e.args, e.keywords);
    return cx.emitChecked('call_kw', [callee, args, kwargs]);
  }
  // With `*iterable` arguments the items are only known at run time: print a tuple of them.
  const unpacked = e.args.some((a) => a.kind === 'starred') ? buildCallArgumentList(cx, e.args, cx.emit('const_str', [], 'print')) : null;
  const args = unpacked === null ? e.args.map((a) => lowerExpr(cx, a)) : [];
  let sep: ValueId | undefined;
  let end: ValueId | undefined;
  let file: ValueId | undefined;
  for (const k of e.keywords) {
    if (k.name === 'sep') sep = lowerExpr(cx, k.value);
    else if (k.name === 'end') end = lowerExpr(cx, k.value);
    else if (k.name === 'file') file = lowerExpr(cx, k.value);
    // Without file=: stdout is written unbuffered, so flush= is evaluated for its effects only.
    else lowerExpr(cx, k.value);
  }
  sep ??= cx.constNone();
  end ??= cx.constNone();
  if (file !== undefined) {
    // Any file object: the runtime writes to stdout or stderr itself and calls write() on others.
    const items = unpacked !== null ? cx.emitChecked('list_to_tuple', [unpacked]) : buildTuple(cx, args);
    cx.emitChecked('print_file', [items, sep, end, file]);
    return cx.constNone();
  }
  if (unpacked !== null) {
    cx.emitChecked('print_tuple', [cx.emitChecked('list_to_tuple', [unpacked]), sep, end]);
    return cx.constNone();
  }
  cx.emitChecked('print_check', [sep, end]);
  args.forEach((a, i) => {
    const first = i === 0 ? 1 : 0;
    if (cx.valueType(a).kind === 'str') cx.emitEffect('print_item_str', [a, sep!], first);
    else cx.emitChecked('print_item', [a, sep!], first);
  });
  cx.emitEffect('print_end', [end]);
  return cx.constNone();
}
