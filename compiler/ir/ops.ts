// The opcode table. Each IR op is one row: operand count, immediate kind,
// result type rule, effects, how it reports an exception, and the reference
// ownership of its result and operands. Passes and the verifier read these
// rows instead of switching on op names; adding an op is adding a row (plus
// its lowering in the backend's table).

import type { BinaryOperator } from '../frontend/ast.js';
import { BUILTINS, builtinOperandRepr } from './builtins.js';
import type { Imm } from './function.js';
import { T, type IrType, type TypeKind } from './types.js';

/** How an op signals a pending exception: never; a null box; a negative i32 status. */
export type RaiseKind = 'never' | 'null' | 'negative';

/** Whether the result is an owned reference (`new`), one nobody owns (`immortal`), or not a reference at all. */
export type ResultOwnership = 'new' | 'immortal' | 'none';

export type ImmKind = 'none' | 'int' | 'float' | 'str' | 'global' | 'func' | 'name' | 'small' | 'builtin';

export interface OpRow {
  /** Operand count, or -1 for variadic. */
  arity: number;
  imm: ImmKind;
  /** Result type from operand types, or null for ops without a result. */
  result: ((args: readonly IrType[], imm: Imm | undefined) => IrType) | null;
  raises: RaiseKind;
  /** `pure` ops have no effect besides their result and may be deleted when unused. */
  pure: boolean;
  ownership: ResultOwnership;
  /** Operand positions whose reference the op consumes; all others are borrowed. */
  steals?: readonly number[];
  /** Operand representation each position requires (default: box). */
  operandRepr?: 'i32';
  /**
   * Kinds a specialised op needs its operands to have (null: any). The
   * verifier demands each be proven by the operand's type; the optimizer
   * issue adds guards that establish them.
   */
  operandKinds?: readonly (TypeKind | null)[];
  /** The result may be a null box without an exception (refcounting must tolerate it). */
  mayBeNull?: boolean;
  /** The result may have any boxed type, set by the pass that makes it (a value reloaded from a generator slot). */
  anyBoxedResult?: boolean;
  /** Per-operand representation for ops whose operands vary by immediate (call_builtin). */
  operandReprAt?: (imm: Imm | undefined, index: number) => 'box' | 'i32';
}

const isIntLike = (t: IrType): boolean => t.kind === 'int' || t.kind === 'bool';
const isNumber = (t: IrType): boolean => isIntLike(t) || t.kind === 'float';

function arithmeticResult(op: BinaryOperator): (args: readonly IrType[]) => IrType {
  return ([a, b]) => {
    if (op === 'matmul') return T.dyn;
    if (op === 'truediv') return isNumber(a) && isNumber(b) ? T.float : T.dyn;
    if (isIntLike(a) && isIntLike(b)) {
      if (op === 'pow') return T.dyn; // a negative exponent gives a float
      return T.int;
    }
    if (isNumber(a) && isNumber(b) && (a.kind === 'float' || b.kind === 'float')) {
      return ['lshift', 'rshift', 'bitand', 'bitor', 'bitxor'].includes(op) ? T.dyn : T.float;
    }
    if (op === 'add' && a.kind === 'str' && b.kind === 'str') return T.str;
    return T.dyn;
  };
}

const binaryRow = (op: BinaryOperator): OpRow => ({
  arity: 2, imm: 'none', result: arithmeticResult(op), raises: 'null', pure: false, ownership: 'new',
});
const unaryRow = (result: (args: readonly IrType[]) => IrType): OpRow => ({
  arity: 1, imm: 'none', result, raises: 'null', pure: false, ownership: 'new',
});
const compareRow: OpRow = { arity: 2, imm: 'none', result: () => T.bool, raises: 'null', pure: false, ownership: 'new' };
const constRow = (type: IrType, imm: ImmKind): OpRow => ({
  arity: 0, imm, result: () => type, raises: 'never', pure: true, ownership: 'immortal',
});
const statusRow = (arity: number, imm: ImmKind = 'none'): OpRow => ({
  arity, imm, result: () => T.i32, raises: 'negative', pure: false, ownership: 'none',
});
const effectRow = (arity: number, imm: ImmKind = 'none', steals?: readonly number[]): OpRow => ({
  arity, imm, result: null, raises: 'never', pure: false, ownership: 'none', steals,
});

export const OPS = {
  const_none: constRow(T.none, 'none'),
  const_true: constRow(T.bool, 'none'),
  const_false: constRow(T.bool, 'none'),
  const_int: constRow(T.int, 'int'),
  const_float: constRow(T.float, 'float'),
  const_str: constRow(T.str, 'str'),
  /** Immediate: one char per byte. */
  const_bytes: constRow(T.bytes, 'str'),
  const_i32: { arity: 0, imm: 'small', result: () => T.i32, raises: 'never', pure: true, ownership: 'none' },
  /** A null box passed for an omitted optional argument of a runtime entry point. */
  const_null: { arity: 0, imm: 'none', result: () => T.dyn, raises: 'never', pure: true, ownership: 'none' },
  /** The value of a local before its first assignment: a null box that bound_check rejects. */
  undef: { arity: 0, imm: 'none', result: () => T.dyn, raises: 'never', pure: true, ownership: 'none' },

  add: binaryRow('add'), sub: binaryRow('sub'), mul: binaryRow('mul'), truediv: binaryRow('truediv'),
  floordiv: binaryRow('floordiv'), mod: binaryRow('mod'), pow: binaryRow('pow'),
  lshift: binaryRow('lshift'), rshift: binaryRow('rshift'),
  bitand: binaryRow('bitand'), bitor: binaryRow('bitor'), bitxor: binaryRow('bitxor'),
  /** `@`: no builtin type implements it; it exists for user classes (__matmul__). */
  matmul: binaryRow('matmul'),
  neg: unaryRow(([a]) => (a.kind === 'float' ? T.float : isIntLike(a) ? T.int : T.dyn)),
  pos: unaryRow(([a]) => (a.kind === 'float' ? T.float : isIntLike(a) ? T.int : T.dyn)),
  invert: unaryRow(([a]) => (isIntLike(a) ? T.int : T.dyn)),
  lt: compareRow, le: compareRow, eq: compareRow, ne: compareRow, gt: compareRow, ge: compareRow,
  contains: statusRow(2),
  truthy: statusRow(1),
  is: { arity: 2, imm: 'none', result: () => T.i32, raises: 'never', pure: true, ownership: 'none' },
  bool_not: { arity: 1, imm: 'none', result: () => T.i32, raises: 'never', pure: true, ownership: 'none', operandRepr: 'i32' },
  box_bool: { arity: 1, imm: 'none', result: () => T.bool, raises: 'never', pure: true, ownership: 'immortal', operandRepr: 'i32' },

  /** A builtin used as a value (`key=len`): the runtime's immortal object for it. */
  builtin_object: { arity: 0, imm: 'builtin', result: () => T.dyn, raises: 'never', pure: true, ownership: 'immortal' },
  /** A set display of three or more constants, built in the order CPython's constant frozenset gives. */
  set_from_constants: { arity: 1, imm: 'none', result: () => T.dyn, raises: 'null', pure: false, ownership: 'new', operandKinds: ['tuple'] },
  call_builtin: {
    arity: -1, imm: 'builtin', result: (_args, imm) => BUILTINS[String(imm)]?.result ?? T.dyn, raises: 'null', pure: false, ownership: 'new',
    operandReprAt: (imm, index) => builtinOperandRepr(String(imm), index),
  },
  print_check: statusRow(2),
  print_item: statusRow(2, 'small'),
  /** print_item for an operand proven to be a str: cannot raise, needs no str() dispatch. */
  print_item_str: { ...effectRow(2, 'small'), operandKinds: ['str', null] },
  print_end: effectRow(1),
  /** print(*args, sep=, end=) with the arguments in a tuple: checks sep and end, then prints. */
  print_tuple: { ...statusRow(3), operandKinds: ['tuple', null, null] },
  /** print(*args, sep=, end=, file=): the same, written to `file` (None: stdout). */
  print_file: { ...statusRow(4), operandKinds: ['tuple', null, null, null] },

  load_global: { arity: 0, imm: 'global', result: () => T.dyn, raises: 'null', pure: false, ownership: 'new' },
  /** A global shadowing a builtin (`def abs` in a module): its value, or the builtin's while it is unbound. */
  load_global_or_builtin: { arity: 0, imm: 'global', result: () => T.dyn, raises: 'never', pure: false, ownership: 'new' },
  check_global: statusRow(0, 'global'),
  /** `del name` for a global: NameError if unbound, else release and unbind. */
  delete_global: statusRow(0, 'global'),
  store_global: effectRow(1, 'global', [0]),
  bound_check: statusRow(1, 'name'),

  /** A function object for `&f`, with its defaults tuple, keyword-only defaults dict and closure tuple (each may be null). */
  func_new: { arity: 3, imm: 'func', result: () => T.func, raises: 'null', pure: false, ownership: 'new' },
  /**
   * Positional default `#i` (of the defaults tuple) of the function object; borrowed. It raises
   * only if the program replaced `__defaults__` with a shorter tuple.
   */
  func_default: { arity: 1, imm: 'small', result: () => T.dyn, raises: 'null', pure: false, ownership: 'none' },
  /** The keyword-only default named by the immediate; borrowed; raises if `__kwdefaults__` lost it. */
  func_kwdefault: { arity: 1, imm: 'name', result: () => T.dyn, raises: 'null', pure: false, ownership: 'none' },
  /** A direct call of `&f`: its function object, then every parameter bound. */
  call_direct: { arity: -1, imm: 'func', result: () => T.dyn, raises: 'null', pure: false, ownership: 'new' },
  /** callee(args...) with positional arguments only. */
  call_dynamic: { arity: -1, imm: 'none', result: () => T.dyn, raises: 'null', pure: false, ownership: 'new' },
  /** callee(*tuple, **dict): the generic call, binding by the runtime; the dict may be null. */
  call_kw: { arity: 3, imm: 'none', result: () => T.dyn, raises: 'null', pure: false, ownership: 'new', operandKinds: [null, 'tuple', null] },
  /**
   * `*iterable` in a call to the third operand (or to the builtin a str operand names, for builtins
   * the compiler lowers itself): appends the items to the list being built.
   */
  args_extend: statusRow(3),
  /** `**mapping` in a call to the third operand: merges into the keyword dict, refusing repeated names. */
  kwargs_merge: statusRow(3),

  // Closures: captured variables live in cells.
  cell_new: { arity: 0, imm: 'none', result: () => T.dyn, raises: 'null', pure: false, ownership: 'new' },
  /** Reads a cell of this function's own variable `name` (UnboundLocalError when empty). */
  cell_get_local: { arity: 1, imm: 'name', result: () => T.dyn, raises: 'null', pure: false, ownership: 'new' },
  /** Reads a closure cell of an enclosing function's variable `name` (NameError when empty). */
  cell_get_free: { arity: 1, imm: 'name', result: () => T.dyn, raises: 'null', pure: false, ownership: 'new' },
  /** Stores into a cell (the cell takes its own reference); a null box empties it. */
  cell_set: effectRow(2),
  /** Cell `#i` of the function object's closure; borrowed. */
  closure_cell: { arity: 1, imm: 'small', result: () => T.dyn, raises: 'never', pure: true, ownership: 'none' },
  enter: statusRow(0),
  leave: effectRow(0),

  // Exceptions. A landing pad takes the pending exception with exc_fetch and makes it the
  // handled one (what a bare `raise` re-raises and a new exception gets as __context__)
  // until exc_restore_handled puts the previous one back.
  exc_fetch: { arity: 0, imm: 'none', result: () => T.dyn, raises: 'never', pure: false, ownership: 'new' },
  /** `except spec`: 1 if the exception matches, 0 if not; TypeError for a spec that is not an exception class. */
  exc_matches: statusRow(2),
  /** Makes the operand the handled exception; the result is the previous one, or null for none. */
  exc_set_handled: { arity: 1, imm: 'none', result: () => T.dyn, raises: 'never', pure: false, ownership: 'new', mayBeNull: true },
  exc_restore_handled: effectRow(1, 'none', [0]),
  /** The exception being handled (borrowed), or null for none: what a bare `raise` re-raises. */
  exc_handled: { arity: 0, imm: 'none', result: () => T.dyn, raises: 'never', pure: false, ownership: 'none', mayBeNull: true },
  /** `raise x`: always fails; its check records the traceback entry. */
  raise: statusRow(1),
  raise_from: statusRow(2),
  /** Makes the operand pending again unchanged (no new traceback entry: check it with a null site). */
  reraise: { ...statusRow(1), steals: [0] },
  /** A builtin type used as a value (`ValueError`): its immortal type object, by runtime type id. */
  builtin_type: { arity: 0, imm: 'name', result: () => T.dyn, raises: 'never', pure: true, ownership: 'immortal' },

  // Generators. The creator makes the generator object (gen_new, with the resume function as
  // immediate) and saves its arguments into the first slots; the resume function's suspended
  // state lives in slots too, saved at each yield and loaded when resumed (the generators pass).
  gen_new: { arity: 1, imm: 'func', result: () => T.dyn, raises: 'null', pure: false, ownership: 'new' },
  gen_save: effectRow(2, 'small', [1]),
  /** An i32 saved as a tagged small int, so that the slot holds a box like every other. */
  gen_save_i32: { ...effectRow(2, 'small'), operandReprAt: (_imm, index) => (index === 1 ? 'i32' : 'box') },
  gen_load: { arity: 1, imm: 'small', result: () => T.dyn, raises: 'never', pure: false, ownership: 'new', mayBeNull: true, anyBoxedResult: true },
  gen_load_i32: { arity: 1, imm: 'small', result: () => T.i32, raises: 'never', pure: false, ownership: 'none' },
  /** 1 when the generator is to continue at resume point `#k` (0: the start). */
  gen_state_is: { arity: 1, imm: 'small', result: () => T.i32, raises: 'never', pure: false, ownership: 'none' },
  gen_set_state: effectRow(1, 'small'),
  /** The value sent into a resumed generator (borrowed); raises the exception thrown in when throw() resumed it. */
  gen_received: { arity: 1, imm: 'none', result: () => T.dyn, raises: 'null', pure: false, ownership: 'none' },
  /** The value sent in, as is: null when throw() resumed the generator (yield from passes that on). */
  gen_sent: { arity: 1, imm: 'none', result: () => T.dyn, raises: 'never', pure: true, ownership: 'none', mayBeNull: true },
  /** iter(x) for `yield from x`. */
  yf_iter: { arity: 1, imm: 'none', result: () => T.dyn, raises: 'null', pure: false, ownership: 'new' },
  /**
   * One delegation step of `yield from`: (generator, iterator, sent value or null for a throw).
   * The value to yield, or null when the iterator finished (iter_error then tells whether it raised).
   */
  yf_send: { arity: 3, imm: 'none', result: () => T.dyn, raises: 'never', pure: false, ownership: 'new', mayBeNull: true },
  /** The finished iterator's result: the value of `yield from`. */
  yf_result: { arity: 1, imm: 'none', result: () => T.dyn, raises: 'never', pure: false, ownership: 'new' },

  // Structural pattern matching (PEP 634): each test gives 1 or 0, -1 when it raised.
  match_sequence: statusRow(1),
  match_mapping: statusRow(1),
  /** len(subject) == #n */
  match_len_eq: statusRow(1, 'small'),
  /** len(subject) >= #n */
  match_len_ge: statusRow(1, 'small'),
  /** subject[key] for a mapping pattern, or null when the key is missing (iter_error tells a failure apart). */
  match_mapping_get: { arity: 2, imm: 'none', result: () => T.dyn, raises: 'never', pure: false, ownership: 'new', mayBeNull: true },
  /** `**rest`: a new dict of the subject's items without the pattern's keys (a tuple). */
  match_mapping_rest: { arity: 2, imm: 'none', result: () => T.dict, raises: 'null', pure: false, ownership: 'new', operandKinds: [null, 'tuple'] },
  /** isinstance(subject, cls) for a class pattern with #n positional sub-patterns (TypeError if cls takes fewer). */
  match_class: statusRow(2, 'small'),
  /**
   * What positional sub-pattern #i of a class pattern matches: the attribute `__match_args__[i]`, or the
   * subject itself for int(x), str(x) and the like; null when the attribute is missing (iter_error tells a failure apart).
   */
  match_class_arg: { arity: 2, imm: 'small', result: () => T.dyn, raises: 'never', pure: false, ownership: 'new', mayBeNull: true },
  /** subject.name for a keyword sub-pattern, or null when there is no such attribute. */
  match_attr: { arity: 1, imm: 'name', result: () => T.dyn, raises: 'never', pure: false, ownership: 'new', mayBeNull: true },

  /** A module the runtime implements (`#id` in BUILTIN_MODULES): its immortal module object. */
  import_builtin: { arity: 0, imm: 'small', result: () => T.dyn, raises: 'never', pure: true, ownership: 'immortal' },
  /** `import m` of one of the program's modules (imm: its index in IrModule.modules): runs its body on first import; the module object is immortal. */
  import_module: { arity: 0, imm: 'small', result: () => T.dyn, raises: 'null', pure: false, ownership: 'immortal' },
  /** `from m import name`: the attribute, or ImportError as CPython words it. */
  import_from: { arity: 1, imm: 'name', result: () => T.dyn, raises: 'null', pure: false, ownership: 'new' },

  range_check: statusRow(3),
  range_continue: { arity: 3, imm: 'none', result: () => T.i32, raises: 'never', pure: false, ownership: 'none' },

  // Containers are built in steps so that a failure part-way is an ordinary error edge.
  tuple_new: { arity: 0, imm: 'small', result: () => T.tuple, raises: 'null', pure: false, ownership: 'new' },
  tuple_init: effectRow(2, 'small', [1]),
  list_new: { arity: 0, imm: 'small', result: () => T.list, raises: 'null', pure: false, ownership: 'new' },
  list_init: effectRow(2, 'small', [1]),
  dict_new: { arity: 0, imm: 'none', result: () => T.dict, raises: 'null', pure: false, ownership: 'new' },
  dict_set: statusRow(3),
  /** A dict display: from a tuple of key, value, key, value, ... inserted in order. */
  dict_from_flat: { arity: 1, imm: 'none', result: () => T.dict, raises: 'null', pure: false, ownership: 'new', operandKinds: ['tuple'] },
  set_new: { arity: 0, imm: 'none', result: () => T.dyn, raises: 'null', pure: false, ownership: 'new' },
  set_add: statusRow(2),
  build_slice: { arity: 3, imm: 'none', result: () => T.dyn, raises: 'null', pure: false, ownership: 'new' },
  /** Unpacks an iterable into a tuple of exactly `#n` items, or raises CPython's ValueError. */
  unpack: { arity: 1, imm: 'small', result: () => T.tuple, raises: 'null', pure: false, ownership: 'new' },
  /**
   * `a, *b, c = it`: a tuple of the items before the starred target, a list for it, then the
   * items after; the immediate is before + (after << 8), as CPython's UNPACK_EX encodes it.
   */
  unpack_ex: { arity: 1, imm: 'small', result: () => T.tuple, raises: 'null', pure: false, ownership: 'new' },
  list_append: statusRow(2),
  /** `*iterable` in a list, tuple or set display. */
  list_extend: statusRow(2),
  set_update: statusRow(2),
  list_to_tuple: { arity: 1, imm: 'none', result: () => T.tuple, raises: 'null', pure: false, ownership: 'new', operandKinds: ['list'] },
  /** Item `#i` of a tuple known to have it; a new reference. */
  tuple_item: { arity: 1, imm: 'small', result: () => T.dyn, raises: 'never', pure: true, ownership: 'new', operandKinds: ['tuple'] },

  /** format(value, spec): spec is a str. */
  format_value: { arity: 2, imm: 'none', result: () => T.str, raises: 'null', pure: false, ownership: 'new' },
  /** Concatenates a tuple of strs (the pieces of an f-string). */
  join_strings: { arity: 1, imm: 'none', result: () => T.str, raises: 'null', pure: false, ownership: 'new', operandKinds: ['tuple'] },
  getitem: { arity: 2, imm: 'none', result: () => T.dyn, raises: 'null', pure: false, ownership: 'new' },
  setitem: statusRow(3),
  delitem: statusRow(2),
  getattr: { arity: 1, imm: 'name', result: () => T.dyn, raises: 'null', pure: false, ownership: 'new' },
  /** `obj.name = value` */
  setattr: statusRow(2, 'name'),
  /** Raises AttributeError now if `obj.name` will not be found, as CPython looks a method up before evaluating its arguments. */
  check_method: statusRow(1, 'name'),
  /** `obj.name(a1, ..., an)` with positional arguments only: self, then the arguments. */
  call_method: { arity: -1, imm: 'name', result: () => T.dyn, raises: 'null', pure: false, ownership: 'new' },
  /** As call_method, with a dict of keyword arguments third. */
  call_method_kw: { arity: 3, imm: 'name', result: () => T.dyn, raises: 'null', pure: false, ownership: 'new', operandKinds: [null, 'tuple', 'dict'] },
  /** `del obj.name` */
  delattr: statusRow(1, 'name'),

  /** The class statement: name, bases tuple, namespace dict, keywords dict (or null), tuple of instance attribute names (a layout hint). */
  class_new: { arity: 5, imm: 'none', result: () => T.dyn, raises: 'null', pure: false, ownership: 'new', operandKinds: ['str', 'tuple', 'dict', null, 'tuple'] },
  /** A name read in a class body: the namespace's entry, or null (no exception) when absent. */
  class_ns_load: { arity: 1, imm: 'name', result: () => T.dyn, raises: 'never', pure: false, ownership: 'new', mayBeNull: true },
  /** `del name` in a class body: NameError when the namespace lacks it. */
  class_ns_delete: statusRow(1, 'name'),
  /** A cell's content, borrowed, or null when the cell is empty (no exception). */
  cell_peek: { arity: 1, imm: 'none', result: () => T.dyn, raises: 'never', pure: false, ownership: 'none', mayBeNull: true },
  /** Zero-argument super(): the `__class__` cell's content (null when empty: RuntimeError) and the first argument. */
  super_zero: { arity: 2, imm: 'none', result: () => T.dyn, raises: 'null', pure: false, ownership: 'new' },
  /** The Ellipsis singleton (`...`). */
  ellipsis: { arity: 0, imm: 'none', result: () => T.dyn, raises: 'never', pure: true, ownership: 'immortal' },
  /** The NotImplemented singleton. */
  not_implemented: { arity: 0, imm: 'none', result: () => T.dyn, raises: 'never', pure: true, ownership: 'immortal' },
  /** `with mgr`: checks __enter__ and returns the bound __exit__ (CPython's TypeErrors when either is missing). */
  with_exit: { arity: 1, imm: 'none', result: () => T.dyn, raises: 'null', pure: false, ownership: 'new' },
  /** Calls type(mgr).__enter__(mgr). */
  with_enter: { arity: 1, imm: 'none', result: () => T.dyn, raises: 'null', pure: false, ownership: 'new' },
  /** Calls __exit__ with (None, None, None) for a null exception, else its type, value and traceback: 1 if it suppresses the exception. */
  with_exit_call: statusRow(2),

  inplace_add: binaryRow('add'), inplace_sub: binaryRow('sub'), inplace_mul: binaryRow('mul'),
  inplace_or: binaryRow('bitor'), inplace_and: binaryRow('bitand'), inplace_xor: binaryRow('bitxor'),
  inplace_matmul: binaryRow('matmul'),
  /** A range() argument in a counting loop: the int itself, or its __index__ (TypeError otherwise). */
  range_arg: { arity: 1, imm: 'none', result: () => T.int, raises: 'null', pure: false, ownership: 'new' },
  inplace_truediv: binaryRow('truediv'), inplace_floordiv: binaryRow('floordiv'), inplace_mod: binaryRow('mod'),
  inplace_pow: binaryRow('pow'), inplace_lshift: binaryRow('lshift'), inplace_rshift: binaryRow('rshift'),

  get_iter: { arity: 1, imm: 'none', result: () => T.dyn, raises: 'null', pure: false, ownership: 'new' },
  /** The next item, or a null box when the iterator is exhausted or raised (iter_error tells which). */
  iter_next: { arity: 1, imm: 'none', result: () => T.dyn, raises: 'never', pure: false, ownership: 'new', mayBeNull: true },
  is_null: { arity: 1, imm: 'none', result: () => T.i32, raises: 'never', pure: true, ownership: 'none' },
  /** After iter_next gave null: raises if that was an error rather than exhaustion. */
  iter_error: statusRow(0),

  /**
   * Keeps its operands alive to this point and does nothing else: Python
   * releases a variable's value when the variable is rebound or its frame
   * ends, not after its last use, and finalizers run at that moment.
   */
  keep_alive: { arity: -1, imm: 'none', result: null, raises: 'never', pure: false, ownership: 'none' },
  incref: effectRow(1),
  decref: effectRow(1),
  /** Null-tolerant forms, for values that may still be an unassigned local. */
  xincref: effectRow(1),
  xdecref: effectRow(1),
} satisfies Record<string, OpRow>;

export type OpName = keyof typeof OPS;

export function opRow(op: OpName): OpRow { return OPS[op]; }

export function isOpName(name: string): name is OpName { return Object.hasOwn(OPS, name); }
