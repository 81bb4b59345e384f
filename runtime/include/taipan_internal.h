/*
 * taipan_internal.h — layouts and helpers shared between runtime source
 * files (and the native unit tests). Not part of the compiler ABI.
 *
 * Invariants:
 *  - Every heap object is created by obj_alloc and released by obj_dealloc;
 *    the allocator is sized (callers pass the size back on free), so each
 *    object kind must be able to recompute its allocation size.
 *  - Ints are exposed only through int_* helpers so a bigint payload can
 *    later replace the int64 one without touching callers.
 */
#ifndef TAIPAN_INTERNAL_H
#define TAIPAN_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
#include "taipan.h"

/* ---- tagging ---------------------------------------------------------- */
#define SMALL_INT_MIN (-(1 << 30))
#define SMALL_INT_MAX ((1 << 30) - 1)
#define IMMORTAL_REFCNT (-1)

static inline bool is_small_int(const Obj *o) { return ((uintptr_t)o & 1) != 0; }
static inline int32_t small_int_value(const Obj *o) {
    /* Truncate to 32 bits first so native (64-bit) builds keep the 31-bit range. */
    return (int32_t)(intptr_t)o >> 1;
}
static inline Obj *small_int_make(int32_t v) {
    return (Obj *)(intptr_t)(int32_t)(((uint32_t)v << 1) | 1u);
}

/* ---- object layouts --------------------------------------------------- */
typedef struct IntObj {
    Obj header;
    int64_t value;
} IntObj; /* also the layout of bool objects */

typedef struct FloatObj {
    Obj header;
    double value;
} FloatObj;

typedef struct StrObj {
    Obj header;
    int32_t length; /* code points */
    int32_t hash;   /* -1 until computed */
    int32_t kind;   /* 1, 2 or 4 bytes per code point */
    uint8_t data[];
} StrObj;

typedef struct FuncObj {
    Obj header;
    Obj *name; /* str, owned */
    int32_t nparams;
    int32_t table_index;
    const char *param_names; /* static data, not owned */
} FuncObj;

typedef struct ExcObj {
    Obj header;
    Obj *message; /* str, owned */
} ExcObj;

/* ---- type descriptors (object.c, exc.c) -------------------------------- */
extern Type type_type, type_none, type_bool, type_int, type_float, type_str,
    type_function;
extern Type type_base_exception, type_exception, type_arithmetic_error,
    type_zero_division_error, type_overflow_error, type_lookup_error,
    type_index_error, type_key_error, type_value_error, type_type_error,
    type_name_error, type_unbound_local_error, type_runtime_error,
    type_recursion_error, type_not_implemented_error, type_memory_error,
    type_attribute_error, type_assertion_error;

extern Obj none_object;
extern IntObj true_object, false_object;

static inline TypeId type_id_of(const Obj *o) {
    return is_small_int(o) ? TYPE_ID_INT : (TypeId)o->type->id;
}
static inline const Type *type_of(const Obj *o) {
    return is_small_int(o) ? &type_int : o->type;
}
static inline const char *type_name_of(const Obj *o) { return type_of(o)->name; }
static inline bool is_int_like(const Obj *o) {
    TypeId id = type_id_of(o);
    return id == TYPE_ID_INT || id == TYPE_ID_BOOL;
}
static inline bool is_str(const Obj *o) { return type_id_of(o) == TYPE_ID_STR; }
static inline bool is_float(const Obj *o) { return type_id_of(o) == TYPE_ID_FLOAT; }
static inline bool is_exception_type(const Type *t) {
    return t->id >= TYPE_ID_BASE_EXCEPTION && t->id < TYPE_ID_COUNT;
}
bool type_is_subtype(const Type *t, const Type *base);

static inline Obj *new_ref(Obj *o) { rt_incref(o); return o; }
static inline Obj *bool_obj(bool v) { return v ? (Obj *)&true_object : (Obj *)&false_object; }

/* ---- platform.c: the only place that knows wasm from native ----------- */
uintptr_t platform_memory_base(void);
uint32_t platform_memory_bytes(void);
bool platform_memory_grow(uint32_t pages);
void platform_write(int32_t fd, const uint8_t *bytes, uint32_t len);
_Noreturn void platform_exit(int32_t code);

/* ---- alloc.c ---------------------------------------------------------- */
void heap_init(uint32_t heap_start);
void *heap_alloc(uint32_t size);          /* NULL when memory is exhausted */
void heap_free(void *block, uint32_t size);
uint32_t heap_size_class_bytes(uint32_t size);

/* ---- object.c --------------------------------------------------------- */
Obj *obj_alloc(const Type *type, uint32_t size); /* raises MemoryError */
void obj_dealloc(Obj *o);
void obj_make_immortal(Obj *o);
void live_count_adjust(int32_t delta);

/* ---- exc.c ------------------------------------------------------------ */
/* Format directives: %s C string (UTF-8), %d int32, %D int64, %T type name of
 * an Obj*, %S str() of an Obj*, %R repr() of an Obj*, %% literal. */
void err_format(const Type *type, const char *fmt, ...);
void err_set_str(const Type *type, Obj *message); /* message borrowed */
void err_no_memory(void);
void err_int_overflow(void);
Obj *err_pending(void);                      /* borrowed or NULL */
bool err_matches(const Type *type);
Obj *exc_new(const Type *type, Obj *message); /* message borrowed */

/* ---- int.c ------------------------------------------------------------ */
Obj *int_from_i64(int64_t v);
int64_t int_to_i64(const Obj *o); /* o must be int-like; bigints will need a fit check */
Obj *int_add(Obj *a, Obj *b);
Obj *int_sub(Obj *a, Obj *b);
Obj *int_mul(Obj *a, Obj *b);
Obj *int_truediv(Obj *a, Obj *b);
Obj *int_floordiv(Obj *a, Obj *b);
Obj *int_mod(Obj *a, Obj *b);
Obj *int_pow(Obj *a, Obj *b);
Obj *int_lshift(Obj *a, Obj *b);
Obj *int_rshift(Obj *a, Obj *b);
Obj *int_bitand(Obj *a, Obj *b);
Obj *int_bitor(Obj *a, Obj *b);
Obj *int_bitxor(Obj *a, Obj *b);
Obj *int_neg(Obj *a);
Obj *int_invert(Obj *a);
Obj *int_abs(Obj *a);
int int_compare(const Obj *a, const Obj *b); /* -1, 0, 1 */
bool int_is_zero(const Obj *a);
int int_sign(const Obj *a);
bool int_to_double(const Obj *a, double *out); /* false + OverflowError if too big */
int int_compare_double(const Obj *a, double d); /* -1, 0, 1, or 2 if unordered */
Obj *int_to_decimal_str(const Obj *a);
Obj *int_from_double(double d); /* truncates; inf/nan raise */
Obj *int_parse_decimal(Obj *str); /* int(str) */

/* ---- float.c ---------------------------------------------------------- */
Obj *float_from_double(double v);
static inline double float_value(const Obj *o) { return ((const FloatObj *)o)->value; }
Obj *float_add(double a, double b);
Obj *float_sub(double a, double b);
Obj *float_mul(double a, double b);
Obj *float_truediv(double a, double b);
Obj *float_floordiv(double a, double b);
Obj *float_mod(double a, double b);
Obj *float_pow(double a, double b);
/* Writes repr(v) NUL-terminated into buf (>= 32 bytes); returns length. */
int32_t float_repr_chars(double v, char *buf);
Obj *float_repr(double v);
Obj *float_parse(Obj *str); /* float(str) */

/* ---- float_text.c: exact decimal <-> double ------------------------------ */
/* v finite and > 0: shortest round-trip digits (no trailing zeros), with the
 * decimal exponent of the first digit. */
int32_t float_shortest_digits(double v, char out[20], int32_t *decimal_exponent);
/* Correctly rounded digits[0..n) * 10^k (ASCII digits, n may be huge). */
double float_from_decimal(const char *digits, int32_t n, int32_t k);

/* ---- str.c ------------------------------------------------------------ */
Obj *str_new_uninit(int32_t length, int32_t kind);
Obj *str_from_utf8(const char *bytes, int32_t nbytes);
Obj *str_from_ascii(const char *cstr);
Obj *str_empty(void); /* immortal '' */
static inline uint32_t str_char_at(const StrObj *s, int32_t i) {
    switch (s->kind) {
    case 1: return s->data[i];
    case 2: return ((const uint16_t *)s->data)[i];
    default: return ((const uint32_t *)s->data)[i];
    }
}
void str_set_char(StrObj *s, int32_t i, uint32_t cp);
uint32_t str_alloc_size(int32_t length, int32_t kind);
Obj *str_concat(Obj *a, Obj *b);
Obj *str_repeat(Obj *s, int64_t count);
int str_compare(const Obj *a, const Obj *b);
bool str_equal(const Obj *a, const Obj *b);
int32_t str_contains(Obj *haystack, Obj *needle);
Obj *str_repr(Obj *s);
/* Encodes UTF-8 into out (capacity bytes); returns bytes needed in total. */
uint32_t str_to_utf8(const Obj *s, char *out, uint32_t capacity);
uint32_t utf8_encode(uint32_t cp, uint8_t out[4]);

/* ---- strbuf.c: growable UTF-8 byte buffer for building text ----------- */
typedef struct StrBuf {
    char *bytes;
    uint32_t len, cap;
    bool heap_owned;
    bool failed; /* an allocation failed; the content is truncated */
    char inline_space[128];
} StrBuf;
void strbuf_init(StrBuf *b);
void strbuf_append(StrBuf *b, const char *bytes, uint32_t n);
void strbuf_append_cstr(StrBuf *b, const char *cstr);
void strbuf_append_char(StrBuf *b, char c);
void strbuf_append_codepoint(StrBuf *b, uint32_t cp);
void strbuf_append_i64(StrBuf *b, int64_t v);
void strbuf_append_str_obj(StrBuf *b, const Obj *s);
Obj *strbuf_finish(StrBuf *b); /* new str (MemoryError on failure); releases b */
void strbuf_release(StrBuf *b);

/* ---- unicode.c -------------------------------------------------------- */
bool unicode_is_space(uint32_t cp);
int32_t unicode_decimal_value(uint32_t cp); /* -1 if not a decimal digit */

/* ---- io.c ------------------------------------------------------------- */
void io_write_stdout(const char *bytes, uint32_t n);
void io_write_stdout_str(const Obj *s);
void io_write_stderr(const char *bytes, uint32_t n);
void io_write_stderr_str(const Obj *s);
void io_flush_stdout(void);
void io_flush_stderr(void);

/* ---- func.c ----------------------------------------------------------- */
Obj *func_repr(Obj *f);

#endif
