// The builtin functions, one row each: how a call lowers (`call` through
// call_builtin, or a dedicated lowering for print and range), the
// parameters of the runtime function that implements it, the result type,
// and that function's name. Scope analysis, irbuild, the op table, the
// verifier and the backend all read this table; a new builtin is a row here
// plus a runtime function.

import { T, type IrType } from './types.js';

/**
 * One parameter of the runtime entry point. `positional` parameters take
 * the call's positional arguments in order, `keyword` ones only a keyword,
 * `either` both. An absent optional parameter is passed as a null box
 * (`null`) or None (`none`). `flag` parameters are passed as an i32 truth
 * value (False when absent).
 */
export interface BuiltinParam {
  name: string;
  pass: 'positional' | 'keyword' | 'either';
  absent: 'required' | 'null' | 'none' | 'flag';
}

export interface BuiltinRow {
  lowering: 'call' | 'print' | 'range';
  params: readonly BuiltinParam[];
  /**
   * The positional arguments not taken by the row's leading `positional`
   * parameters are packed into one tuple, passed right after those
   * parameters (so first when there are none, as for zip/min/max; map
   * passes `func`, then the tuple of iterables).
   */
  varargs?: boolean;
  /** What a call with no arguments at all evaluates to, for int() and friends. */
  noArgumentConstant?: 'int' | 'float' | 'str' | 'false';
  result: IrType;
  runtime: string | null;
  /**
   * Overloads by argument count (`int(x, base)` is rt_builtin_int2): the
   * call passes exactly the arguments given, with no null-box padding, to
   * the function for that count, or to `runtime` when none is listed.
   */
  runtimeByOperandCount?: Readonly<Record<number, string>>;
}

const required = (name: string): BuiltinParam => ({ name, pass: 'positional', absent: 'required' });
const optional = (name: string): BuiltinParam => ({ name, pass: 'positional', absent: 'null' });

const unary = (runtime: string, result: IrType = T.dyn): BuiltinRow => ({ lowering: 'call', params: [required('x')], result, runtime });
const fromIterable = (runtime: string, result: IrType): BuiltinRow => ({ lowering: 'call', params: [optional('iterable')], result, runtime });

export const BUILTINS: Readonly<Record<string, BuiltinRow>> = {
  print: { lowering: 'print', params: [], result: T.none, runtime: null },
  range: { lowering: 'range', params: [required('start'), optional('stop'), optional('step')], result: T.dyn, runtime: 'rt_builtin_range' },
  abs: unary('rt_builtin_abs'),
  int: {
    lowering: 'call', params: [required('x'), { name: 'base', pass: 'either', absent: 'null' }], result: T.int,
    runtime: 'rt_builtin_int', runtimeByOperandCount: { 2: 'rt_builtin_int2' }, noArgumentConstant: 'int',
  },
  float: { ...unary('rt_builtin_float', T.float), noArgumentConstant: 'float' },
  str: { ...unary('rt_builtin_str', T.str), noArgumentConstant: 'str' },
  repr: unary('rt_builtin_repr', T.str),
  ascii: unary('rt_builtin_ascii', T.str),
  ord: unary('rt_builtin_ord', T.int),
  chr: unary('rt_builtin_chr', T.str),
  bool: { ...unary('rt_builtin_bool', T.bool), noArgumentConstant: 'false' },
  len: unary('rt_builtin_len', T.int),
  round: { lowering: 'call', params: [required('number'), { name: 'ndigits', pass: 'either', absent: 'none' }], result: T.dyn, runtime: 'rt_builtin_round2' },
  format: { lowering: 'call', params: [required('value'), optional('format_spec')], result: T.str, runtime: 'rt_builtin_format' },
  hex: unary('rt_builtin_hex', T.str),
  oct: unary('rt_builtin_oct', T.str),
  bin: unary('rt_builtin_bin', T.str),
  hash: unary('rt_builtin_hash', T.int),
  iter: unary('rt_builtin_iter'),
  reversed: unary('rt_builtin_reversed'),
  any: unary('rt_builtin_any', T.bool),
  all: unary('rt_builtin_all', T.bool),
  next: { lowering: 'call', params: [required('iterator'), optional('default')], result: T.dyn, runtime: 'rt_builtin_next' },
  list: fromIterable('rt_builtin_list', T.list),
  tuple: fromIterable('rt_builtin_tuple', T.tuple),
  dict: fromIterable('rt_builtin_dict', T.dict),
  set: fromIterable('rt_builtin_set', T.dyn),
  frozenset: fromIterable('rt_builtin_frozenset', T.dyn),
  sorted: {
    lowering: 'call', result: T.list, runtime: 'rt_builtin_sorted',
    params: [required('iterable'), { name: 'key', pass: 'keyword', absent: 'none' }, { name: 'reverse', pass: 'keyword', absent: 'flag' }],
  },
  sum: { lowering: 'call', params: [required('iterable'), { name: 'start', pass: 'either', absent: 'null' }], result: T.dyn, runtime: 'rt_builtin_sum' },
  enumerate: { lowering: 'call', params: [required('iterable'), { name: 'start', pass: 'either', absent: 'null' }], result: T.dyn, runtime: 'rt_builtin_enumerate' },
  min: {
    lowering: 'call', varargs: true, result: T.dyn, runtime: 'rt_builtin_min',
    params: [{ name: 'key', pass: 'keyword', absent: 'null' }, { name: 'default', pass: 'keyword', absent: 'null' }],
  },
  max: {
    lowering: 'call', varargs: true, result: T.dyn, runtime: 'rt_builtin_max',
    params: [{ name: 'key', pass: 'keyword', absent: 'null' }, { name: 'default', pass: 'keyword', absent: 'null' }],
  },
  zip: { lowering: 'call', varargs: true, params: [{ name: 'strict', pass: 'keyword', absent: 'flag' }], result: T.dyn, runtime: 'rt_builtin_zip' },
  map: { lowering: 'call', varargs: true, params: [required('func')], result: T.dyn, runtime: 'rt_builtin_map' },
  filter: { lowering: 'call', params: [required('function'), required('iterable')], result: T.dyn, runtime: 'rt_builtin_filter' },
  isinstance: { lowering: 'call', params: [required('obj'), required('class_or_tuple')], result: T.bool, runtime: 'rt_builtin_isinstance' },
  issubclass: { lowering: 'call', params: [required('cls'), required('class_or_tuple')], result: T.bool, runtime: 'rt_builtin_issubclass' },
  type: unary('rt_builtin_type'),
  id: unary('rt_builtin_id', T.int),
  callable: unary('rt_builtin_callable', T.bool),
  divmod: { lowering: 'call', params: [required('a'), required('b')], result: T.tuple, runtime: 'rt_builtin_divmod' },
  input: { lowering: 'call', params: [optional('prompt')], result: T.str, runtime: 'rt_builtin_input' },
  bytes: fromIterable('rt_builtin_bytes', T.bytes),
  pow: { lowering: 'call', params: [required('base'), required('exp'), optional('mod')], result: T.dyn, runtime: 'rt_builtin_pow3' },
  object: { lowering: 'call', params: [], result: T.dyn, runtime: 'rt_object_new' },
  getattr: { lowering: 'call', params: [required('object'), required('name'), optional('default')], result: T.dyn, runtime: 'rt_builtin_getattr' },
  setattr: { lowering: 'call', params: [required('obj'), required('name'), required('value')], result: T.none, runtime: 'rt_builtin_setattr' },
  hasattr: { lowering: 'call', params: [required('obj'), required('name')], result: T.bool, runtime: 'rt_builtin_hasattr' },
  delattr: { lowering: 'call', params: [required('obj'), required('name')], result: T.none, runtime: 'rt_builtin_delattr' },
  vars: unary('rt_builtin_vars'),
  dir: { lowering: 'call', params: [optional('object')], result: T.dyn, runtime: 'rt_builtin_dir' },
  /** Zero-argument super() is the `super_zero` op; this row is the explicit super(type, obj). */
  super: { lowering: 'call', params: [required('type'), optional('obj')], result: T.dyn, runtime: 'rt_builtin_super' },
  property: {
    lowering: 'call', result: T.dyn, runtime: 'rt_builtin_property',
    params: ['fget', 'fset', 'fdel', 'doc'].map((name) => ({ name, pass: 'either' as const, absent: 'null' as const })),
  },
  staticmethod: unary('rt_builtin_staticmethod'),
  slice: { lowering: 'call', params: [required('start'), optional('stop'), optional('step')], result: T.dyn, runtime: 'rt_builtin_slice' },
  classmethod: unary('rt_builtin_classmethod'),
  open: {
    lowering: 'call', result: T.dyn, runtime: 'rt_builtin_open',
    params: [required('file'), ...['mode', 'buffering', 'encoding', 'errors', 'newline'].map((name) => ({ name, pass: 'either' as const, absent: 'null' as const }))],
  },
};

/** Builtin names bound to a runtime singleton rather than a function or type. */
export const BUILTIN_CONSTANTS: ReadonlySet<string> = new Set(['NotImplemented', 'Ellipsis']);

/** Order of the runtime's BuiltinId enum (runtime/include/taipan.h); test/builtins.test.ts checks it. */
export const BUILTIN_VALUE_IDS: readonly string[] = ['len', 'abs', 'repr', 'str', 'int', 'float', 'bool', 'list', 'tuple', 'dict', 'set', 'frozenset', 'sorted', 'reversed', 'sum', 'min', 'max', 'any', 'all', 'enumerate', 'zip', 'range', 'iter', 'next', 'format',
  'bytes', 'type', 'isinstance', 'issubclass', 'id', 'callable', 'divmod', 'hash', 'hex', 'oct', 'bin', 'ord', 'chr', 'ascii', 'round', 'pow', 'map', 'filter',
  'object', 'super', 'getattr', 'setattr', 'hasattr', 'delattr', 'vars', 'property', 'staticmethod', 'classmethod', 'slice', 'print'];


/**
 * Modules the runtime implements itself, by the runtime's module id (the
 * BuiltinModuleId enum in runtime/include/taipan.h; test/builtins.test.ts
 * checks the order). Modules written in Python arrive with the modules issue.
 */
export const BUILTIN_MODULES: readonly string[] = ['sys', 'math', '_taipan_os', '_taipan_random'];

/**
 * Runtime fast entries for the commonest builtin methods, by the runtime's
 * FastMethodId (runtime/include/taipan.h; test/builtins.test.ts checks the
 * order). A `call_method` site with this name and number of positional
 * arguments may reach the entry, so the backend places it in the function
 * table for rt_method_prepare to hand out; a program without such a site
 * carries none of them.
 */
export const FAST_METHODS: readonly { name: string; nargs: number; runtime: string }[] = [
  { name: 'append', nargs: 1, runtime: 'rt_fast_list_append' },
  { name: 'pop', nargs: 0, runtime: 'rt_fast_list_pop' },
  { name: 'get', nargs: 1, runtime: 'rt_fast_dict_get' },
  { name: 'get', nargs: 2, runtime: 'rt_fast_dict_get_or' },
  { name: 'keys', nargs: 0, runtime: 'rt_fast_dict_keys' },
  { name: 'values', nargs: 0, runtime: 'rt_fast_dict_values' },
  { name: 'items', nargs: 0, runtime: 'rt_fast_dict_items' },
  { name: 'add', nargs: 1, runtime: 'rt_fast_set_add' },
  { name: 'startswith', nargs: 1, runtime: 'rt_fast_str_startswith' },
  { name: 'endswith', nargs: 1, runtime: 'rt_fast_str_endswith' },
  { name: 'join', nargs: 1, runtime: 'rt_fast_str_join' },
  { name: 'pop', nargs: 1, runtime: 'rt_fast_list_pop_at' },
  { name: 'extend', nargs: 1, runtime: 'rt_fast_list_extend' },
  { name: 'setdefault', nargs: 2, runtime: 'rt_fast_dict_setdefault' },
  { name: 'discard', nargs: 1, runtime: 'rt_fast_set_discard' },
];

/**
 * The runtime's call trampolines, by argument count: rt_func_prepare_call's
 * answer for a compiled function needing binding or a bound method. Placed
 * in the table, consecutively, only in programs with a dynamic call.
 */
export const CALL_TRAMPOLINES: readonly string[] = [0, 1, 2, 3, 4].map((n) => `rt_call_positional_${n}`);

/** The runtime's TYPE_ID_BASE_EXCEPTION (runtime/include/taipan.h); the exception types follow it. */
export const FIRST_EXCEPTION_TYPE_ID = 35;

/**
 * The builtin exception classes in the runtime's TypeId order from
 * FIRST_EXCEPTION_TYPE_ID (test/builtins.test.ts checks both against the
 * header). They are values (`except ValueError`, `raise KeyError(k)`),
 * called through the generic call path, never through the builtin table.
 */
export const EXCEPTION_TYPE_NAMES: readonly string[] = [
  'BaseException', 'Exception', 'ArithmeticError', 'ZeroDivisionError', 'OverflowError', 'LookupError', 'IndexError',
  'KeyError', 'ValueError', 'TypeError', 'NameError', 'UnboundLocalError', 'RuntimeError', 'RecursionError',
  'NotImplementedError', 'MemoryError', 'AttributeError', 'AssertionError', 'StopIteration', 'EOFError', 'UnicodeError',
  'UnicodeEncodeError', 'UnicodeDecodeError', 'SystemExit', 'KeyboardInterrupt', 'GeneratorExit', 'FloatingPointError',
  'BufferError', 'ImportError', 'ModuleNotFoundError', 'OSError', 'BlockingIOError', 'ChildProcessError', 'ConnectionError',
  'BrokenPipeError', 'ConnectionAbortedError', 'ConnectionRefusedError', 'ConnectionResetError', 'FileExistsError',
  'FileNotFoundError', 'InterruptedError', 'IsADirectoryError', 'NotADirectoryError', 'PermissionError',
  'ProcessLookupError', 'TimeoutError', 'ReferenceError', 'StopAsyncIteration', 'SyntaxError', 'IndentationError',
  'TabError', 'SystemError', 'UnicodeTranslateError', 'Warning', 'UserWarning', 'DeprecationWarning',
  'PendingDeprecationWarning', 'SyntaxWarning', 'RuntimeWarning', 'FutureWarning', 'ImportWarning', 'UnicodeWarning',
  'BytesWarning', 'ResourceWarning', 'EncodingWarning',
];

/** CPython's aliases of OSError. */
const EXCEPTION_ALIASES: Readonly<Record<string, string>> = { IOError: 'OSError', EnvironmentError: 'OSError' };

export function isBuiltinType(name: string): boolean {
  return EXCEPTION_TYPE_NAMES.includes(name) || Object.hasOwn(EXCEPTION_ALIASES, name);
}

export function builtinTypeId(name: string): number {
  const index = EXCEPTION_TYPE_NAMES.indexOf(EXCEPTION_ALIASES[name] ?? name);
  if (index < 0) throw new Error(`no runtime type id for ${name}`);
  return FIRST_EXCEPTION_TYPE_ID + index;
}

/**
 * CPython builtins Taipan does not provide yet. Reading one that the program
 * does not define itself is a compile-time error naming it (never a
 * NameError at run time); a program may still define its own.
 */
const UNSUPPORTED_BUILTINS: ReadonlySet<string> = new Set([
  'aiter', 'anext', 'breakpoint', 'bytearray', 'compile', 'complex', 'copyright', 'credits',
  'eval', 'exec', 'exit', 'globals', 'help', 'license', 'locals', 'memoryview',
  'quit',
  'BaseExceptionGroup', 'ExceptionGroup', '__import__', '__build_class__',
]);

export function isUnsupportedBuiltin(name: string): boolean { return UNSUPPORTED_BUILTINS.has(name) && !isBuiltinName(name); }

/** A builtin a module-level global may shadow: one that is a value (reads of the unbound global fall back to it). */
export function isShadowableBuiltin(name: string): boolean { return BUILTIN_VALUE_IDS.includes(name) || isBuiltinType(name); }
export function isBuiltinName(name: string): boolean { return Object.hasOwn(BUILTINS, name) || isBuiltinType(name) || BUILTIN_CONSTANTS.has(name); }

/** The runtime function a call_builtin with `operandCount` operands calls. */
export function builtinRuntimeFunction(name: string, operandCount: number): string | null {
  const row = BUILTINS[name];
  return row?.runtimeByOperandCount?.[operandCount] ?? row?.runtime ?? null;
}

/** How many parameters precede the varargs tuple among a call_builtin's operands. */
export function builtinVarargsIndex(row: BuiltinRow): number {
  const index = row.params.findIndex((p) => p.pass !== 'positional');
  return index < 0 ? row.params.length : index;
}

/** How operand `index` of a call_builtin is represented: flags are i32, the rest boxed. */
export function builtinOperandRepr(name: string, index: number): 'box' | 'i32' {
  const row = BUILTINS[name];
  if (row === undefined) return 'box';
  let paramIndex = index;
  if (row.varargs) {
    const tupleAt = builtinVarargsIndex(row);
    if (index === tupleAt) return 'box';
    if (index > tupleAt) paramIndex = index - 1;
  }
  const param = row.params[paramIndex];
  return param?.absent === 'flag' ? 'i32' : 'box';
}
