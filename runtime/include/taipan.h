/*
 * taipan.h — the public ABI of the Taipan runtime: object layout, value
 * tagging and every entry point the compiler emits calls to.
 *
 * Invariants:
 *  - A value (Obj*) with low bit 1 is a tagged small int in [-2^30, 2^30-1];
 *    any other non-null value points to an object starting with ObjHeader.
 *  - Objects with a negative refcnt are immortal: incref/decref ignore them.
 *  - Functions returning Obj* return a NEW reference, or NULL with a pending
 *    exception. Functions returning int32_t status return -1 on error with a
 *    pending exception. Arguments are borrowed unless stated otherwise.
 *  - Single-threaded; no function here is reentrant with respect to threads.
 */
#ifndef TAIPAN_H
#define TAIPAN_H

#include <stdint.h>

typedef struct Type Type;

typedef struct Obj {
    int32_t refcnt;
    const Type *type;
} Obj;

/* Type ids drive every dispatch (switch, never function pointers) so the
 * runtime needs no indirect-call table of its own. */
typedef enum TypeId {
    TYPE_ID_TYPE = 0,
    TYPE_ID_NONE,
    TYPE_ID_BOOL,
    TYPE_ID_INT,
    TYPE_ID_FLOAT,
    TYPE_ID_STR,
    TYPE_ID_FUNCTION,
    /* Containers, their iterators and the other builtin object kinds
     * (src/containers.c and friends); kept contiguous so shared dispatch can
     * test the range [TYPE_ID_TUPLE, TYPE_ID_BUILTIN_FUNCTION]. */
    TYPE_ID_TUPLE,
    TYPE_ID_LIST,
    TYPE_ID_DICT,
    TYPE_ID_SET,
    TYPE_ID_FROZENSET,
    TYPE_ID_RANGE,
    TYPE_ID_SLICE,
    TYPE_ID_DICT_KEYS,
    TYPE_ID_DICT_VALUES,
    TYPE_ID_DICT_ITEMS,
    TYPE_ID_BYTES, /* outside [TUPLE, DICT_ITEMS]: bytes has its own len/in/repeat (bytes.c) */
    TYPE_ID_STR_ITERATOR,
    TYPE_ID_LIST_ITERATOR,
    TYPE_ID_LIST_REVERSE_ITERATOR,
    TYPE_ID_TUPLE_ITERATOR,
    TYPE_ID_BYTES_ITERATOR,
    TYPE_ID_REVERSED,
    TYPE_ID_DICT_KEY_ITERATOR,
    TYPE_ID_DICT_VALUE_ITERATOR,
    TYPE_ID_DICT_ITEM_ITERATOR,
    TYPE_ID_DICT_REVERSE_KEY_ITERATOR,
    TYPE_ID_DICT_REVERSE_VALUE_ITERATOR,
    TYPE_ID_DICT_REVERSE_ITEM_ITERATOR,
    TYPE_ID_SET_ITERATOR,
    TYPE_ID_RANGE_ITERATOR,
    TYPE_ID_ENUMERATE,
    TYPE_ID_ZIP,
    TYPE_ID_BUILTIN_FUNCTION,
    TYPE_ID_BASE_EXCEPTION,
    TYPE_ID_EXCEPTION,
    TYPE_ID_ARITHMETIC_ERROR,
    TYPE_ID_ZERO_DIVISION_ERROR,
    TYPE_ID_OVERFLOW_ERROR,
    TYPE_ID_LOOKUP_ERROR,
    TYPE_ID_INDEX_ERROR,
    TYPE_ID_KEY_ERROR,
    TYPE_ID_VALUE_ERROR,
    TYPE_ID_TYPE_ERROR,
    TYPE_ID_NAME_ERROR,
    TYPE_ID_UNBOUND_LOCAL_ERROR,
    TYPE_ID_RUNTIME_ERROR,
    TYPE_ID_RECURSION_ERROR,
    TYPE_ID_NOT_IMPLEMENTED_ERROR,
    TYPE_ID_MEMORY_ERROR,
    TYPE_ID_ATTRIBUTE_ERROR,
    TYPE_ID_ASSERTION_ERROR,
    TYPE_ID_STOP_ITERATION,
    TYPE_ID_EOF_ERROR,
    TYPE_ID_UNICODE_ERROR,
    TYPE_ID_UNICODE_ENCODE_ERROR,
    TYPE_ID_UNICODE_DECODE_ERROR,
    /* Appended later, so the ids above keep their values. */
    TYPE_ID_SYSTEM_EXIT,
    TYPE_ID_KEYBOARD_INTERRUPT,
    TYPE_ID_GENERATOR_EXIT,
    TYPE_ID_FLOATING_POINT_ERROR,
    TYPE_ID_BUFFER_ERROR,
    TYPE_ID_IMPORT_ERROR,
    TYPE_ID_MODULE_NOT_FOUND_ERROR,
    TYPE_ID_OS_ERROR,
    TYPE_ID_BLOCKING_IO_ERROR,
    TYPE_ID_CHILD_PROCESS_ERROR,
    TYPE_ID_CONNECTION_ERROR,
    TYPE_ID_BROKEN_PIPE_ERROR,
    TYPE_ID_CONNECTION_ABORTED_ERROR,
    TYPE_ID_CONNECTION_REFUSED_ERROR,
    TYPE_ID_CONNECTION_RESET_ERROR,
    TYPE_ID_FILE_EXISTS_ERROR,
    TYPE_ID_FILE_NOT_FOUND_ERROR,
    TYPE_ID_INTERRUPTED_ERROR,
    TYPE_ID_IS_A_DIRECTORY_ERROR,
    TYPE_ID_NOT_A_DIRECTORY_ERROR,
    TYPE_ID_PERMISSION_ERROR,
    TYPE_ID_PROCESS_LOOKUP_ERROR,
    TYPE_ID_TIMEOUT_ERROR,
    TYPE_ID_REFERENCE_ERROR,
    TYPE_ID_STOP_ASYNC_ITERATION,
    TYPE_ID_SYNTAX_ERROR,
    TYPE_ID_INDENTATION_ERROR,
    TYPE_ID_TAB_ERROR,
    TYPE_ID_SYSTEM_ERROR,
    TYPE_ID_UNICODE_TRANSLATE_ERROR,
    TYPE_ID_WARNING,
    TYPE_ID_USER_WARNING,
    TYPE_ID_DEPRECATION_WARNING,
    TYPE_ID_PENDING_DEPRECATION_WARNING,
    TYPE_ID_SYNTAX_WARNING,
    TYPE_ID_RUNTIME_WARNING,
    TYPE_ID_FUTURE_WARNING,
    TYPE_ID_IMPORT_WARNING,
    TYPE_ID_UNICODE_WARNING,
    TYPE_ID_BYTES_WARNING,
    TYPE_ID_RESOURCE_WARNING,
    TYPE_ID_ENCODING_WARNING,
    /* The exception types are exactly [TYPE_ID_BASE_EXCEPTION, TYPE_ID_LAST_EXCEPTION]. */
    TYPE_ID_LAST_EXCEPTION = TYPE_ID_ENCODING_WARNING,
    TYPE_ID_TRACEBACK, /* one recorded frame of an exception's __traceback__ (traceback.c) */
    TYPE_ID_CELL,      /* a closure cell (func.c) */
    TYPE_ID_GENERATOR, /* a generator object driven by a compiled resume function (gen.c) */
    /* Lazy iterators appended after the container range; is_container_type_id
     * (taipan_internal.h) still counts them so they share its dispatch. */
    TYPE_ID_MAP,    /* map(func, *iterables) (iter.c) */
    TYPE_ID_FILTER, /* filter(func, iterable) (iter.c) */
    TYPE_ID_MODULE,  /* a module the runtime implements, e.g. sys (sysmodule.c) */
    TYPE_ID_TEXT_IO, /* sys.stdout / sys.stderr: CPython's TextIOWrapper (sysmodule.c) */
    TYPE_ID_OBJECT,  /* `object`, and the layout id of plain user classes (class.c) */
    TYPE_ID_NOT_IMPLEMENTED, /* the NotImplemented singleton's type (class.c) */
    /* The objects of user classes (class.c): bound methods, the descriptor
     * types, super, and the builtin methods of object/BaseException. */
    TYPE_ID_METHOD,       /* a function bound to an instance (or class) */
    TYPE_ID_STATICMETHOD, /* staticmethod(f) */
    TYPE_ID_CLASSMETHOD,  /* classmethod(f) */
    TYPE_ID_PROPERTY,     /* property(fget, fset, fdel, doc) */
    TYPE_ID_SUPER,        /* super(type, obj) */
    TYPE_ID_SLOT_METHOD,  /* object.__init__ & co: "wrapper_descriptor" unbound, "method-wrapper" bound */
    /* A builtin type's method as a value (methods.c): lst.append
     * ("builtin_function_or_method"), list.append ("method_descriptor"). */
    TYPE_ID_BUILTIN_METHOD,
    TYPE_ID_ELLIPSIS,     /* the Ellipsis singleton's type (class.c) */
    TYPE_ID_FILE,         /* a file open() returned: TextIOWrapper, BufferedReader... (fileio.c) */
    TYPE_ID_COUNT
} TypeId;

/* A type is itself an immortal object so it can be a Python value later. */
struct Type {
    Obj header;
    const char *name;
    int32_t id;
    const Type *base; /* NULL for object-rooted types */
    int32_t flags;    /* TYPE_FLAG_*; 0 for the static builtin types */
};
/* Type.flags: a class made by a class statement (a ClassObj, class.c). Its
 * id is the TypeId of the builtin type that gives its instances their
 * layout (TYPE_ID_OBJECT for plain classes, an exception id for exception
 * subclasses), so builtin behaviour keeps working by id; protocols consult
 * the class first (special_lookup in taipan_internal.h). */
#define TYPE_FLAG_USER_CLASS 1
/* Type.flags: one of sys's struct sequences (sysmodule.c, StructSeqType). */
#define TYPE_FLAG_STRUCT_SEQ 2

/* Builtins that can be passed around as values (e.g. `key=len`), for
 * rt_builtin_object. Ids naming a CPython type (str, int, list, range, ...)
 * return that immortal type object; the others return an immortal
 * builtin_function_or_method object. rt_call dispatches on the id. */
typedef enum BuiltinId {
    BUILTIN_LEN = 0,
    BUILTIN_ABS,
    BUILTIN_REPR,
    BUILTIN_STR,
    BUILTIN_INT,
    BUILTIN_FLOAT,
    BUILTIN_BOOL,
    BUILTIN_LIST,
    BUILTIN_TUPLE,
    BUILTIN_DICT,
    BUILTIN_SET,
    BUILTIN_FROZENSET,
    BUILTIN_SORTED,
    BUILTIN_REVERSED,
    BUILTIN_SUM,
    BUILTIN_MIN,
    BUILTIN_MAX,
    BUILTIN_ANY,
    BUILTIN_ALL,
    BUILTIN_ENUMERATE,
    BUILTIN_ZIP,
    BUILTIN_RANGE,
    BUILTIN_ITER,
    BUILTIN_NEXT,
    BUILTIN_FORMAT,
    BUILTIN_BYTES,
    BUILTIN_TYPE,
    BUILTIN_ISINSTANCE,
    BUILTIN_ISSUBCLASS,
    BUILTIN_ID,
    BUILTIN_CALLABLE,
    BUILTIN_DIVMOD,
    BUILTIN_HASH,
    BUILTIN_HEX,
    BUILTIN_OCT,
    BUILTIN_BIN,
    BUILTIN_ORD,
    BUILTIN_CHR,
    BUILTIN_ASCII,
    BUILTIN_ROUND,
    BUILTIN_POW,
    BUILTIN_MAP,
    BUILTIN_FILTER,
    /* classes (class.c); object, super, property, staticmethod and
     * classmethod are types, the others builtin functions */
    BUILTIN_OBJECT,
    BUILTIN_SUPER,
    BUILTIN_GETATTR,
    BUILTIN_SETATTR,
    BUILTIN_HASATTR,
    BUILTIN_DELATTR,
    BUILTIN_VARS,
    BUILTIN_PROPERTY,
    BUILTIN_STATICMETHOD,
    BUILTIN_CLASSMETHOD,
    BUILTIN_SLICE, /* the slice type (iter.c) */
    BUILTIN_PRINT, /* print as a value (print.c does the writing); calls the compiler sees are lowered inline */
    BUILTIN_COUNT
} BuiltinId;

/* Lifecycle and I/O */
void rt_init(uint32_t heap_start);
void rt_fini(void);
_Noreturn void rt_exit(int32_t code);
/* Prints the pending exception as CPython's default excepthook does
 * (chained causes/contexts, the recorded traceback, SystemExit's code),
 * flushing stdout first; clears and releases it; returns the exit code. */
int32_t rt_report_uncaught(void);

/* Constants (immortal) */
Obj *rt_none(void);
Obj *rt_true(void);
Obj *rt_false(void);
Obj *rt_const_int(int64_t v);
/* An int literal of any size: optional '-' then ASCII decimal digits (no
 * 4300-digit limit applies; the compiler enforces CPython's literal limit). */
Obj *rt_const_int_decimal(const char *digits, int32_t len);
Obj *rt_const_float(double v);
Obj *rt_const_str(const char *utf8, int32_t nbytes);

/* Reference counting (NULL and tagged ints are accepted and ignored) */
void rt_incref(Obj *o);
void rt_decref(Obj *o);
/* The slow path of a decref that reached zero. The compiler emits incref and
 * decref inline (header: int32 refcnt at offset 0, negative = immortal;
 * tagged small ints have the low bit set) and calls this to free. */
void rt_dealloc(Obj *o);
int32_t rt_live_objects(void);
/* Runs the cycle collector (gc.c) now: reclaims reference cycles no longer
 * reachable from outside them, closing suspended generators among them
 * first. Returns the number of objects collected (0 if a collection is
 * already running). Collections also happen automatically and in rt_fini. */
/* Cycle collection (gc.c). Compiled code calls rt_gc_poll at its safepoints
 * (function entries, loop back edges) and rt_gc_final once at exit, after
 * releasing the module's globals; programs that cannot make containers
 * call neither, so the collector is not linked into them. */
void rt_gc_poll(void);
void rt_gc_final(void);
int32_t rt_gc_collect(void);

/* Arithmetic */
Obj *rt_add(Obj *a, Obj *b);
Obj *rt_sub(Obj *a, Obj *b);
Obj *rt_mul(Obj *a, Obj *b);
Obj *rt_truediv(Obj *a, Obj *b);
Obj *rt_floordiv(Obj *a, Obj *b);
Obj *rt_mod(Obj *a, Obj *b);
Obj *rt_pow(Obj *a, Obj *b);
Obj *rt_lshift(Obj *a, Obj *b);
Obj *rt_rshift(Obj *a, Obj *b);
Obj *rt_bitand(Obj *a, Obj *b);
Obj *rt_bitor(Obj *a, Obj *b);
Obj *rt_bitxor(Obj *a, Obj *b);
Obj *rt_neg(Obj *a);
Obj *rt_pos(Obj *a);
Obj *rt_invert(Obj *a);

/* Comparisons (return new refs to True/False) */
Obj *rt_lt(Obj *a, Obj *b);
Obj *rt_le(Obj *a, Obj *b);
Obj *rt_eq(Obj *a, Obj *b);
Obj *rt_ne(Obj *a, Obj *b);
Obj *rt_gt(Obj *a, Obj *b);
Obj *rt_ge(Obj *a, Obj *b);
int32_t rt_contains(Obj *container, Obj *item);
int32_t rt_truthy(Obj *o);
Obj *rt_bool_from_i32(int32_t v);
Obj *rt_str(Obj *o);
Obj *rt_repr(Obj *o);

/* print */
int32_t rt_print_check(Obj *sep, Obj *end);
int32_t rt_print_item(Obj *o, Obj *sep, int32_t first);
void rt_print_item_str(Obj *s, Obj *sep, int32_t first);
int32_t rt_print_end(Obj *end);
/* print(*args, sep=sep, end=end) with args a tuple: checks sep/end first */
int32_t rt_print_tuple(Obj *args, Obj *sep, Obj *end);
/* print(*args, sep=, end=, file=): sep/end checked first; file None or
 * sys.stdout -> stdout, sys.stderr -> the stderr stream, anything else ->
 * file.write(str(arg)), file.write(sep), ..., file.write(end) through
 * rt_call_method (AttributeError "'int' object has no attribute 'write'"). */
int32_t rt_print_file(Obj *args, Obj *sep, Obj *end, Obj *file);

/* open(file, mode, buffering, encoding, errors, newline): a file object
 * (fileio.c) over WASI's preopened directories; absent optionals are NULL. */
Obj *rt_builtin_open(Obj *file, Obj *mode, Obj *buffering, Obj *encoding, Obj *errors, Obj *newline);

/* Modules the runtime implements (sysmodule.c, mathmodule.c, osmodule.c, randommodule.c), in the compiler's
 * BUILTIN_MODULES order (a test checks it). */
typedef enum BuiltinModuleId { MODULE_SYS = 0, MODULE_MATH = 1, MODULE__TAIPAN_OS = 2, MODULE__TAIPAN_RANDOM = 3, MODULE_COUNT } BuiltinModuleId;
/* The functions of each runtime module, called through the program's own
 * taipan_module_call (see taipan_internal.h); one per BuiltinModuleId. */
Obj *rt_module_call_sys(Obj *function, Obj *args, Obj *kwargs);
Obj *rt_module_call_math(Obj *function, Obj *args, Obj *kwargs);
Obj *rt_module_call__taipan_os(Obj *function, Obj *args, Obj *kwargs); /* osmodule.c: under os and time */
Obj *rt_module_call__taipan_random(Obj *function, Obj *args, Obj *kwargs);
/* `import sys`: the immortal module object (type "module"), created once,
 * lazily; ValueError for an unknown id. Attribute reads, method calls and
 * assignments on it go through rt_getattr / rt_call_method / rt_setattr. */
Obj *rt_import_builtin(int32_t module_id);
/* `from sys import name`: a new reference to the attribute, or ImportError
 * "cannot import name 'x' from 'sys' (unknown location)". */
Obj *rt_import_from(Obj *module, Obj *name);
/* `import m` of one of the program's own modules: `module` is the ModuleObj
 * the compiler laid out for it. The first call imports its package first,
 * runs its body (the module is "partially initialized" meanwhile: a
 * circular import gets it as it is), then binds it as an attribute of its
 * package; a body that raises leaves it unloaded (a later import runs the
 * body again) and returns NULL. Returns the module, immortal. */
struct ModuleObj;
Obj *rt_import_module(struct ModuleObj *module);

/* Functions (func.c, call.c). The compiler emits one static FuncCode per
 * function (4-byte aligned, little-endian). Every compiled function is
 * entered with its own function object first, then exactly n parameters
 * (all borrowed), n = argcount + kwonly + (varargs) + (varkw), and returns a
 * new reference or NULL with an exception pending. The *args parameter
 * receives a tuple, the **kwargs parameter a dict. */
#define FUNC_VARARGS 1 /* FuncCode.flags: the function has *args */
#define FUNC_VARKW 2   /* FuncCode.flags: the function has **kwargs */
typedef struct FuncCode {
    int32_t argcount;        /* positional parameters, positional-only included */
    int32_t posonly;         /* how many of them are positional-only */
    int32_t kwonly;          /* keyword-only parameters */
    int32_t flags;           /* FUNC_VARARGS | FUNC_VARKW */
    int32_t direct_index;    /* table index: (Obj *func, Obj *p0, ..., Obj *p[n-1]) -> Obj* */
    int32_t vector_index;    /* table index: (Obj *func, Obj **argv) -> Obj*, argv holding n params */
    const char *param_names; /* n NUL-terminated UTF-8 names end to end: positional,
                                keyword-only, then *args, then **kwargs */
    const char *module_name; /* __module__ (UTF-8), NULL for '__main__' */
} FuncCode;
/* rt_func_prepare_call's answer when the call must go through rt_call with
 * an argument tuple (builtins, types, functions needing argument binding). */
#define RT_CALL_GENERIC (-2)
/* All borrowed; doc NULL = None, defaults a tuple or NULL, kwdefaults a
 * dict str -> value or NULL, closure a tuple of cells or NULL. */
Obj *rt_func_new(const FuncCode *code, Obj *name, Obj *qualname, Obj *doc,
                 Obj *defaults, Obj *kwdefaults, Obj *closure);
/* code->direct_index for a compiled function with flags == 0, kwonly == 0
 * and argcount == nargs; for another compiled function or a bound method of
 * one, called with at most 4 arguments, a runtime trampoline's index (same
 * shape: callee, then the arguments); RT_CALL_GENERIC for any other
 * callable; -1 with TypeError "'int' object is not callable" for a
 * non-callable. */
int32_t rt_func_prepare_call(Obj *callee, int32_t nargs);
/* The trampolines rt_func_prepare_call answers with: callee(a0..an-1) for a
 * compiled function or a bound method of one. The compiler places the five
 * in the table, consecutively from first_index, when a program has dynamic
 * calls, and reports the index at start. */
void rt_set_call_trampolines(int32_t first_index);
Obj *rt_call_positional_0(Obj *callee);
Obj *rt_call_positional_1(Obj *callee, Obj *a0);
Obj *rt_call_positional_2(Obj *callee, Obj *a0, Obj *a1);
Obj *rt_call_positional_3(Obj *callee, Obj *a0, Obj *a1, Obj *a2);
Obj *rt_call_positional_4(Obj *callee, Obj *a0, Obj *a1, Obj *a2, Obj *a3);
/* `self.name(a1..an)` with positional arguments only, looked up as
 * CPython's LOAD_METHOD does: when self is a user instance (or a super
 * object) whose class attribute `name` is a plain compiled function taking
 * exactly n + 1 positionals, and no instance attribute or __getattribute__
 * interferes, the low 32 bits are that function's direct_index and the high
 * 32 bits the function (a new reference): the compiler calls the direct
 * entry with (function, self, a1..an) itself, so a method call costs no
 * runtime frames. An exact builtin receiver's commonest methods
 * (list.append, dict.get, str.startswith ...) answer the same way: the low
 * half is a runtime fast entry taking (func, self, a1..an), the high half
 * None. Otherwise the low half is RT_CALL_GENERIC (call rt_call_method with
 * an argument tuple) and the high half 0. */
int64_t rt_method_prepare(Obj *self, Obj *name, int32_t nargs);
/* Fast entries for the commonest builtin methods with exactly these
 * positional arguments (methods.c), in the compiler's FAST_METHODS order (a
 * test checks it). Each takes (func, self, args...), func being None and
 * ignored, and runs the implementation the generic path reaches. The
 * compiler places in the table only those its program's method calls can
 * use, and reports each one's index at start. */
typedef enum FastMethodId {
    FAST_LIST_APPEND, FAST_LIST_POP, FAST_DICT_GET, FAST_DICT_GET_OR, FAST_DICT_KEYS, FAST_DICT_VALUES,
    FAST_DICT_ITEMS, FAST_SET_ADD, FAST_STR_STARTSWITH, FAST_STR_ENDSWITH, FAST_STR_JOIN, FAST_LIST_POP_AT,
    FAST_LIST_EXTEND, FAST_DICT_SETDEFAULT, FAST_SET_DISCARD, FAST_METHOD_COUNT
} FastMethodId;
void rt_set_fast_method(int32_t id, int32_t table_index);
Obj *rt_fast_list_append(Obj *func, Obj *self, Obj *item);
Obj *rt_fast_list_pop(Obj *func, Obj *self);
Obj *rt_fast_dict_get(Obj *func, Obj *self, Obj *key);
Obj *rt_fast_dict_get_or(Obj *func, Obj *self, Obj *key, Obj *fallback);
Obj *rt_fast_dict_keys(Obj *func, Obj *self);
Obj *rt_fast_dict_values(Obj *func, Obj *self);
Obj *rt_fast_dict_items(Obj *func, Obj *self);
Obj *rt_fast_set_add(Obj *func, Obj *self, Obj *key);
Obj *rt_fast_str_startswith(Obj *func, Obj *self, Obj *prefix);
Obj *rt_fast_str_endswith(Obj *func, Obj *self, Obj *suffix);
Obj *rt_fast_str_join(Obj *func, Obj *self, Obj *iterable);
Obj *rt_fast_list_pop_at(Obj *func, Obj *self, Obj *index);
Obj *rt_fast_list_extend(Obj *func, Obj *self, Obj *iterable);
Obj *rt_fast_dict_setdefault(Obj *func, Obj *self, Obj *key, Obj *fallback);
Obj *rt_fast_set_discard(Obj *func, Obj *self, Obj *key);
Obj *rt_func_default(Obj *func, int32_t index); /* borrowed func.__defaults__[index] */
Obj *rt_func_kwdefault(Obj *func, Obj *name);   /* borrowed func.__kwdefaults__[name] */
Obj *rt_closure_cell(Obj *func, int32_t index); /* borrowed cell `index` of func's closure */

/* Cells (func.c): the storage of a variable shared with nested functions. */
Obj *rt_cell_new(void); /* empty */
/* New reference to the content; empty: NameError (is_free, "cannot access
 * free variable ...") or UnboundLocalError ("cannot access local variable ..."). */
Obj *rt_cell_get(Obj *cell, Obj *name, int32_t is_free);
/* value borrowed (the cell takes its own reference) or NULL to empty it. */
void rt_cell_set(Obj *cell, Obj *value);

/* Call-site unpacking (call.c) for f(*a, **k): append a's items to the
 * list / merge the mapping into the dict, with CPython's errors naming the
 * callee ("__main__.f() argument after * must be an iterable, not int",
 * "... argument after ** must be a mapping, not int", "... got multiple
 * values for keyword argument 'x'"). 0 or -1. */
int32_t rt_call_args_extend(Obj *list, Obj *iterable, Obj *callee);
int32_t rt_call_kwargs_merge(Obj *dict, Obj *mapping, Obj *callee);

/* Exceptions and frames */
void rt_raise_name_error(Obj *name);
void rt_raise_unbound_local(Obj *name);
int32_t rt_err_occurred(void);
void rt_err_clear(void);
int32_t rt_enter(void);
void rt_leave(void);
/* The immortal type object for any TYPE_ID_* (e.g. the value of the name
 * `ValueError`); NULL with ValueError for an id out of range. */
Obj *rt_type_object(int32_t type_id);
/* Takes the pending exception out: returns it (new reference) and clears
 * pending. Called only when an exception is pending. */
Obj *rt_exc_fetch(void);
/* `except spec`: spec an exception class or a tuple of them (nested tuples
 * match recursively, but like CPython 3.11 every top-level item must be a
 * class) -> 1 if isinstance(exc, spec) else 0; -1 with TypeError "catching
 * classes that do not inherit from BaseException is not allowed". */
int32_t rt_exc_matches(Obj *exc, Obj *spec);
/* Makes exc (borrowed) the exception being handled (CPython's exc_info);
 * returns the previous one as a new reference, or NULL when there was none
 * (NULL is not an error here). */
Obj *rt_exc_set_handled(Obj *exc);
/* The exception being handled (borrowed), or NULL: what a bare `raise` re-raises. */
Obj *rt_exc_handled(void);
/* Steals prev (may be NULL): releases the current handled exception and
 * makes prev handled again. */
void rt_exc_restore_handled(Obj *prev);
/* `raise x`: an instance is raised as is (its __traceback__ kept), a class
 * deriving from BaseException is called with no arguments, anything else is
 * TypeError "exceptions must derive from BaseException". A newly raised
 * exception gets the handled exception as __context__. Always -1. */
int32_t rt_raise(Obj *x);
/* `raise x from cause`: cause None, an exception class (instantiated) or an
 * instance, else TypeError "exception causes must derive from
 * BaseException"; sets __cause__ and __suppress_context__. Always -1. */
int32_t rt_raise_from(Obj *x, Obj *cause);
/* Steals exc and makes it pending unchanged (no context, no traceback
 * entry). Always -1. */
int32_t rt_reraise(Obj *exc);
/* Bare `raise`: re-raises the handled exception unchanged; with none,
 * RuntimeError "No active exception to reraise" with a traceback entry for
 * site. Always -1. */
int32_t rt_reraise_handled(int32_t site);

/* Tracebacks (traceback.c). The table is the compiler's static data, read
 * in place (layout in runtime/README.md); NULL = print no frame lines.
 * rt_traceback_add prepends an entry for site to the pending exception's
 * __traceback__ (nothing pending, or no memory: nothing happens). */
void rt_set_traceback_table(const void *table);
void rt_traceback_add(int32_t site);

/* Structural pattern matching (match.c). Tests return 1 or 0, -1 with an
 * exception pending; lookups return NULL with nothing pending for "absent". */
int32_t rt_match_sequence(Obj *subject);
int32_t rt_match_mapping(Obj *subject);
int32_t rt_match_len(Obj *subject, int32_t n, int32_t at_least); /* len == n, or len >= n */
Obj *rt_match_mapping_get(Obj *subject, Obj *key);                /* new reference, or NULL */
Obj *rt_match_mapping_rest(Obj *subject, Obj *keys);              /* dict without keys (a tuple) */
int32_t rt_match_class(Obj *subject, Obj *cls, int32_t npositional);
Obj *rt_match_class_arg(Obj *subject, Obj *cls, int32_t index);       /* new reference, or NULL (absent) */
Obj *rt_match_attr(Obj *subject, Obj *name);                      /* new reference, or NULL */

/* range loops */
int32_t rt_range_check(Obj *start, Obj *stop, Obj *step);
int32_t rt_range_continue(Obj *i, Obj *stop, Obj *step);
/* A for-range argument that is not an int: its __index__ (new int
 * reference), or TypeError "'V' object cannot be interpreted as an
 * integer"; ints come back as themselves. */
Obj *rt_range_arg(Obj *o);

/* Builtins */
Obj *rt_builtin_abs(Obj *o);
Obj *rt_builtin_int(Obj *o);
Obj *rt_builtin_int2(Obj *x, Obj *base); /* int(x, base): x str or bytes */
Obj *rt_builtin_float(Obj *o);
Obj *rt_builtin_str(Obj *o);
Obj *rt_builtin_repr(Obj *o);
Obj *rt_builtin_bool(Obj *o);
Obj *rt_builtin_len(Obj *o);
Obj *rt_builtin_round1(Obj *o);
Obj *rt_builtin_hex(Obj *o);
Obj *rt_builtin_oct(Obj *o);
Obj *rt_builtin_bin(Obj *o);
Obj *rt_builtin_hash(Obj *o);
Obj *rt_builtin_pow3(Obj *a, Obj *b, Obj *m); /* pow(a, b, m); m None = pow(a, b) */
/* Formatting (format_spec.c): format(value, spec) with spec a str;
 * format(value[, spec]) (NULL = omitted); the f-string join of a tuple of str */
Obj *rt_format(Obj *value, Obj *spec);
Obj *rt_builtin_format(Obj *value, Obj *spec);
Obj *rt_build_string(Obj *pieces);
Obj *rt_builtin_round2(Obj *number, Obj *ndigits); /* round(x, n); n None = round(x) */
/* str builtins (str_methods.c): ord(str) -> int, chr(int) -> str, ascii(any) -> str */
Obj *rt_builtin_ord(Obj *o);
Obj *rt_builtin_chr(Obj *o);
Obj *rt_builtin_ascii(Obj *o);

/* Containers: construction (the *_init functions steal v and fill each slot
 * of a fresh object exactly once) */
Obj *rt_tuple_new(int32_t n);
void rt_tuple_init(Obj *t, int32_t i, Obj *v);
Obj *rt_list_new(int32_t n);
void rt_list_init(Obj *l, int32_t i, Obj *v);
Obj *rt_dict_new(void);
Obj *rt_dict_from_flat(Obj *items); /* a dict display: key, value, ... in one tuple */
int32_t rt_dict_setitem(Obj *d, Obj *k, Obj *v);
Obj *rt_set_new(void);
int32_t rt_set_add(Obj *s, Obj *v);
/* A set display of 3+ constants ({3, 1, 2}), from a tuple of its items in
 * source order: CPython 3.11 builds these from a compile-time frozenset, so
 * the iteration order can differ from adding the items one by one. */
Obj *rt_set_from_constants(Obj *items);
Obj *rt_slice_new(Obj *start, Obj *stop, Obj *step);
/* slice(stop) or slice(start, stop[, step]); NULL marks an omitted argument. */
Obj *rt_builtin_slice(Obj *a, Obj *b, Obj *c);
/* `a, b = x`: a tuple of exactly n items, or CPython's TypeError/ValueError */
Obj *rt_unpack(Obj *o, int32_t n);
Obj *rt_tuple_item(Obj *t, int32_t i); /* t a tuple with item i: new reference */
/* Displays with starred items: [a, *x] appends/extends a list ("Value after
 * * must be an iterable, not int"), {a, *x} updates a set, (a, *x) is built
 * as a list then converted. Status functions return 0 or -1. */
int32_t rt_list_append(Obj *list, Obj *item);
int32_t rt_list_extend(Obj *list, Obj *iterable);
int32_t rt_set_update(Obj *set, Obj *iterable);
Obj *rt_list_to_tuple(Obj *list);
/* `a, *b, c = it`: a tuple of before + 1 + after items, the middle one a
 * list; "not enough values to unpack (expected at least N, got M)". */
Obj *rt_unpack_ex(Obj *iterable, int32_t before, int32_t after);

/* Subscripts, iteration, attributes, methods and calls. rt_iter_next
 * returns NULL with no exception pending when the iterator is exhausted. */
Obj *rt_getitem(Obj *o, Obj *key);
int32_t rt_setitem(Obj *o, Obj *key, Obj *v);
int32_t rt_delitem(Obj *o, Obj *key);
Obj *rt_get_iter(Obj *o);
Obj *rt_iter_next(Obj *it);
Obj *rt_getattr(Obj *o, Obj *name);
/* obj.name = value (value borrowed): functions store into their __dict__;
 * other receivers raise CPython's AttributeError/TypeError. 0 or -1. */
int32_t rt_setattr(Obj *obj, Obj *name, Obj *value);
Obj *rt_call_method(Obj *self, Obj *name, Obj *args, Obj *kwargs);
/* 0 if self.name exists (as rt_call_method/rt_getattr would find it), else
 * -1 with rt_call_method's AttributeError; emitted before the arguments. */
int32_t rt_check_method(Obj *self, Obj *name);
Obj *rt_call(Obj *callable, Obj *args, Obj *kwargs);
Obj *rt_builtin_object(int32_t id);

/* In-place operators (list +=, set |=, dict |= mutate; others act like +) */
Obj *rt_inplace_add(Obj *a, Obj *b);
Obj *rt_inplace_mul(Obj *a, Obj *b);
Obj *rt_inplace_or(Obj *a, Obj *b);
Obj *rt_inplace_and(Obj *a, Obj *b);
Obj *rt_inplace_sub(Obj *a, Obj *b);
Obj *rt_inplace_xor(Obj *a, Obj *b);
/* The other augmented assignments (/= //= %= **= <<= >>=): a user class's
 * __i*__ first, then the binary operator with "op=" error wording. */
Obj *rt_inplace_truediv(Obj *a, Obj *b);
/* a @ b and a @= b: only user classes implement them (__matmul__ ...). */
Obj *rt_matmul(Obj *a, Obj *b);
Obj *rt_inplace_matmul(Obj *a, Obj *b);
Obj *rt_inplace_floordiv(Obj *a, Obj *b);
Obj *rt_inplace_mod(Obj *a, Obj *b);
Obj *rt_inplace_pow(Obj *a, Obj *b);
Obj *rt_inplace_lshift(Obj *a, Obj *b);
Obj *rt_inplace_rshift(Obj *a, Obj *b);

/* Generators (gen.c). The compiler turns a generator function's body into
 * a resume function, called through its vector entry with the function
 * object (NULL for a generator without one) and argv = {gen, sent}:
 *   sent: the value sent in (None for next()), or NULL meaning "throw": the
 *         exception to throw is pending and the compiled code raises it at
 *         the suspension point it resumes at.
 * It reads rt_gen_state(gen) to find where to continue (0 = the start) and
 * moves its live values out of the slots with rt_gen_load. At `yield v` it
 * saves its live values with rt_gen_save, calls rt_gen_set_state(gen, k)
 * with k >= 1 and returns v (new reference). When the body returns it
 * returns the value (new reference) without touching the state; when it
 * raises it returns NULL with the exception pending. The runtime applies
 * CPython 3.11's protocol around it: running/finished checks, PEP 479, the
 * generator's own handled exception, StopIteration(value) for next()/send(),
 * throw(), close(), and closing a suspended generator when it is freed. */
#define GEN_CREATED 0    /* created, not started: resumes at point 0 */
#define GEN_FINISHED (-1)
#define GEN_RUNNING (-2) /* a resume function is executing */
/* func borrowed (may be NULL), name/qualname borrowed strs; nslots empty
 * slots; type name "generator", state GEN_CREATED. */
Obj *rt_gen_new(Obj *func, Obj *name, Obj *qualname, int32_t resume_vector_index, int32_t nslots);
void rt_gen_save(Obj *gen, int32_t slot, Obj *value); /* steals value (may be NULL); the slot should be empty */
Obj *rt_gen_load(Obj *gen, int32_t slot);             /* moves the content out (new reference or NULL) */
int32_t rt_gen_state(Obj *gen);                       /* the resume point to continue at (0 = start) */
void rt_gen_set_state(Obj *gen, int32_t state);       /* a yield: the point (>= 1) to resume at next */
/* `yield from x`: iter(x) (a generator is its own iterator); TypeError
 * "'int' object is not iterable". */
Obj *rt_yf_iter(Obj *x);
/* One step of delegation from generator gen to iterator it. sent None:
 * next(it); another value: it.send(value) (AttributeError for iterators
 * without send); NULL: a throw is pending: GeneratorExit closes a generator
 * `it` and propagates; anything else is thrown into a generator `it`, or
 * left pending for other iterators. Returns the value to yield (new
 * reference); NULL with NO exception pending when it finished (its result,
 * None if none, is kept for rt_yf_result); NULL with an exception pending
 * on error. */
Obj *rt_yf_send(Obj *gen, Obj *it, Obj *sent);
Obj *rt_yf_result(Obj *gen); /* takes the kept result (new reference; None if none) */

/* Builtins over iterables (NULL marks an omitted optional argument) */
Obj *rt_builtin_list(Obj *iterable);
Obj *rt_builtin_tuple(Obj *iterable);
Obj *rt_builtin_dict(Obj *source);
Obj *rt_builtin_set(Obj *iterable);
Obj *rt_builtin_frozenset(Obj *iterable);
Obj *rt_builtin_sorted(Obj *iterable, Obj *key, int32_t reverse);
Obj *rt_builtin_reversed(Obj *sequence);
Obj *rt_builtin_sum(Obj *iterable, Obj *start);
Obj *rt_builtin_min(Obj *args, Obj *key, Obj *default_value);
Obj *rt_builtin_max(Obj *args, Obj *key, Obj *default_value);
Obj *rt_builtin_any(Obj *iterable);
Obj *rt_builtin_all(Obj *iterable);
Obj *rt_builtin_enumerate(Obj *iterable, Obj *start);
Obj *rt_builtin_zip(Obj *args, int32_t strict);
/* map(func, *iterables): iterables a tuple (TypeError when empty); lazy,
 * stops at the shortest; func is called through rt_call. */
Obj *rt_builtin_map(Obj *func, Obj *iterables);
/* filter(func, iterable): lazy; func None keeps the truthy items. */
Obj *rt_builtin_filter(Obj *func, Obj *iterable);
Obj *rt_builtin_range(Obj *a, Obj *b, Obj *c);
Obj *rt_builtin_iter(Obj *o);
Obj *rt_builtin_next(Obj *it, Obj *default_value);

/* Introspection (introspect.c): isinstance/issubclass take a type or a
 * (nested) tuple of types; type() returns the immortal type object; id() of
 * a tagged small int is its tagged word 2v+1 (odd, so never an object's). */
Obj *rt_builtin_isinstance(Obj *o, Obj *cls_or_tuple);
Obj *rt_builtin_issubclass(Obj *cls, Obj *cls_or_tuple);
Obj *rt_builtin_type(Obj *o);
Obj *rt_builtin_id(Obj *o);
Obj *rt_builtin_callable(Obj *o);
Obj *rt_builtin_divmod(Obj *a, Obj *b);

/* bytes (bytes.c): an immortal constant for a literal; bytes([x]) with NULL
 * for an omitted argument */
Obj *rt_const_bytes(const char *data, int32_t len);
Obj *rt_builtin_bytes(Obj *x);

/* input([prompt]) (input.c): NULL prompt = none; EOFError at end of input */
Obj *rt_builtin_input(Obj *prompt);

/* User classes (class.c; the contract is scratch/classes-abi.md and
 * runtime/README.md "Classes"). */
Obj *rt_class_new(Obj *name, Obj *bases, Obj *ns, Obj *kwargs, Obj *attr_names);
Obj *rt_class_ns_load(Obj *ns, Obj *name);       /* NULL with nothing pending when absent */
int32_t rt_class_ns_delete(Obj *ns, Obj *name);  /* NameError when absent */
Obj *rt_super_zero(Obj *cls, Obj *self);         /* super() in a method; NULL cls/self = empty cell / no arguments */
int32_t rt_delattr(Obj *obj, Obj *name);
Obj *rt_with_exit(Obj *mgr);   /* type(mgr).__exit__ bound to mgr (checks __enter__ too) */
Obj *rt_with_enter(Obj *mgr);  /* type(mgr).__enter__(mgr) */
int32_t rt_with_exit_call(Obj *exit, Obj *exc); /* exc NULL: exit(None, None, None) -> 0/-1; else 1 suppress / 0 / -1 */
Obj *rt_not_implemented(void);
Obj *rt_ellipsis(void); /* the Ellipsis singleton (immortal; type 'ellipsis') */
/* What the program's taipan.classes import calls when the program can make
 * classes (op: a CLASSES_HOOK_* of taipan_internal.h). */
int32_t rt_classes_hook(int32_t op, Obj *a);
Obj *rt_builtin_getattr(Obj *o, Obj *name, Obj *default_value);
Obj *rt_builtin_setattr(Obj *o, Obj *name, Obj *value);
Obj *rt_builtin_hasattr(Obj *o, Obj *name);
Obj *rt_builtin_delattr(Obj *o, Obj *name);
Obj *rt_builtin_vars(Obj *o);
/* dir(o): a module's sorted attribute names, else sorted(o.__dir__()) for
 * user instances and classes; dir() without an argument and dir() of a
 * builtin type's object are NotImplementedError (sysmodule.c). */
Obj *rt_builtin_dir(Obj *o);
Obj *rt_builtin_super(Obj *type, Obj *obj);
Obj *rt_builtin_property(Obj *fget, Obj *fset, Obj *fdel, Obj *doc);
Obj *rt_builtin_staticmethod(Obj *f);
Obj *rt_builtin_classmethod(Obj *f);
Obj *rt_object_new(void);

#endif
