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
    TYPE_ID_COUNT
} TypeId;

/* A type is itself an immortal object so it can be a Python value later. */
struct Type {
    Obj header;
    const char *name;
    int32_t id;
    const Type *base; /* NULL for object-rooted types */
};

/* Lifecycle and I/O */
void rt_init(uint32_t heap_start);
void rt_fini(void);
_Noreturn void rt_exit(int32_t code);
int32_t rt_report_uncaught(void);

/* Constants (immortal) */
Obj *rt_none(void);
Obj *rt_true(void);
Obj *rt_false(void);
Obj *rt_const_int(int64_t v);
Obj *rt_const_float(double v);
Obj *rt_const_str(const char *utf8, int32_t nbytes);

/* Reference counting (NULL and tagged ints are accepted and ignored) */
void rt_incref(Obj *o);
void rt_decref(Obj *o);
int32_t rt_live_objects(void);

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

/* Functions */
Obj *rt_func_new(Obj *name, int32_t nparams, int32_t table_index,
                 const char *param_names);
int32_t rt_func_prepare_call(Obj *callee, int32_t nargs);

/* Exceptions and frames */
void rt_raise_name_error(Obj *name);
void rt_raise_unbound_local(Obj *name);
int32_t rt_err_occurred(void);
void rt_err_clear(void);
int32_t rt_enter(void);
void rt_leave(void);

/* range loops */
int32_t rt_range_check(Obj *start, Obj *stop, Obj *step);
int32_t rt_range_continue(Obj *i, Obj *stop, Obj *step);

/* Builtins */
Obj *rt_builtin_abs(Obj *o);
Obj *rt_builtin_int(Obj *o);
Obj *rt_builtin_float(Obj *o);
Obj *rt_builtin_str(Obj *o);
Obj *rt_builtin_repr(Obj *o);
Obj *rt_builtin_bool(Obj *o);
Obj *rt_builtin_len(Obj *o);
Obj *rt_builtin_round1(Obj *o);

#endif
