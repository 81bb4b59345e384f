/*
 * int.c — Python's arbitrary-precision int: arithmetic with CPython 3.11's
 * semantics and messages, conversions to and from float and text, hashing,
 * hex/oct/bin, three-argument pow and big literals.
 *
 * Representation (see IntObj in taipan_internal.h):
 *  - Values in [-2^30, 2^30-1] are always tagged, never boxed, so identity
 *    and equality agree for small ints and boxing stays rare.
 *  - A boxed int is sign + magnitude: `size` is the signed digit count and
 *    `digits` holds |size| little-endian 32-bit digits inline after the
 *    header. 32-bit rather than CPython's 30-bit digits because wasm32 has
 *    native 64-bit multiply/divide, so digit*digit+carry fits a u64 exactly,
 *    and full words make shifts, bitwise ops, hex and float conversion plain
 *    word operations with no repacking.
 *  - Normalised: no leading zero digit, never a boxed value that fits the
 *    tagged range, and every object's block is the size class of exactly
 *    |size| digits (int_finish re-homes a result whose trimmed length falls
 *    into a smaller class), so obj_dealloc can recompute the size.
 *  - bool objects share the layout (size 0 or 1), so every reader here also
 *    reads True/False as 1/0.
 */
#include "taipan_internal.h"
#include "bigint.h"
#include <math.h>
#include <string.h>

#define MAX_STR_DIGITS 4300
/* 2 GiB blocks are the allocator's ceiling; larger ints are MemoryError. */
#define MAX_INT_DIGITS ((1 << 29) - 8)
#define HASH_MODULUS (((uint64_t)1 << 61) - 1)

/* ---- reading any int-like value as sign + magnitude ------------------- */

/* A view must not be copied: `digits` may point into `inline_digits`. */
typedef struct IntView {
    const digit_t *digits;
    int32_t n; /* trimmed digit count */
    bool negative;
    digit_t inline_digits[1];
} IntView;

static void view_init(IntView *v, const Obj *o) {
    if (is_small_int(o)) {
        int32_t x = small_int_value(o);
        v->inline_digits[0] = x < 0 ? 0u - (uint32_t)x : (uint32_t)x;
        v->digits = v->inline_digits;
        v->n = x != 0;
        v->negative = x < 0;
    } else {
        const IntObj *i = (const IntObj *)o;
        v->digits = i->digits;
        v->negative = i->size < 0;
        v->n = i->size < 0 ? -i->size : i->size;
    }
}

static int64_t view_bits(const IntView *v) { return nat_bit_length(v->digits, v->n); }

/* ---- allocation and normalisation -------------------------------------- */

uint32_t int_alloc_size(int32_t ndigits) {
    return (uint32_t)offsetof(IntObj, digits) + (uint32_t)ndigits * (uint32_t)sizeof(digit_t);
}

static IntObj *int_alloc(int32_t ndigits) {
    if (ndigits > MAX_INT_DIGITS) {
        err_no_memory();
        return NULL;
    }
    IntObj *r = (IntObj *)obj_alloc(&type_int, int_alloc_size(ndigits));
    if (r)
        r->size = ndigits;
    return r;
}

/* Releases a result under construction that was allocated for `allocated` digits. */
static void int_discard(IntObj *r, int32_t allocated) {
    live_count_adjust(-1);
    heap_free(r, int_alloc_size(allocated));
}

/* Turns a freshly computed magnitude (allocated digits, possibly with
 * leading zeros) into a normalised int: tagged when it fits, otherwise
 * boxed in a block of exactly the right size class. */
static Obj *int_finish(IntObj *r, int32_t allocated, bool negative) {
    int32_t n = nat_trim(r->digits, allocated);
    if (n <= 1) {
        uint32_t m = n ? r->digits[0] : 0;
        if (m <= (negative ? (uint32_t)1 << 30 : ((uint32_t)1 << 30) - 1)) {
            int_discard(r, allocated);
            return small_int_make(negative ? (int32_t)(0u - m) : (int32_t)m);
        }
    }
    if (heap_size_class_bytes(int_alloc_size(n)) != heap_size_class_bytes(int_alloc_size(allocated))) {
        IntObj *fit = int_alloc(n);
        if (!fit) {
            int_discard(r, allocated);
            return NULL;
        }
        memcpy(fit->digits, r->digits, (size_t)n * sizeof(digit_t));
        int_discard(r, allocated);
        r = fit;
    }
    r->size = negative ? -n : n;
    return (Obj *)r;
}

static Obj *int_from_nat(const digit_t *d, int32_t n, bool negative) {
    IntObj *r = int_alloc(n > 0 ? n : 1);
    if (!r)
        return NULL;
    r->digits[0] = 0;
    memcpy(r->digits, d, (size_t)n * sizeof(digit_t));
    return int_finish(r, n > 0 ? n : 1, negative);
}

static Obj *int_from_u64(uint64_t m, bool negative) {
    digit_t d[2] = {(digit_t)m, (digit_t)(m >> 32)};
    return int_from_nat(d, 2, negative);
}

Obj *int_from_i64(int64_t v) {
    if (v >= SMALL_INT_MIN && v <= SMALL_INT_MAX)
        return small_int_make((int32_t)v);
    return int_from_u64(v < 0 ? 0 - (uint64_t)v : (uint64_t)v, v < 0);
}

bool int_to_i64_checked(const Obj *o, int64_t *out) {
    IntView v;
    view_init(&v, o);
    if (v.n > 2)
        return false;
    uint64_t m = v.n == 0 ? 0 : v.n == 1 ? v.digits[0] : ((uint64_t)v.digits[1] << 32) | v.digits[0];
    if (m > (v.negative ? (uint64_t)1 << 63 : ((uint64_t)1 << 63) - 1))
        return false;
    *out = v.negative ? (int64_t)(0 - m) : (int64_t)m;
    return true;
}

int64_t int_to_i64(const Obj *o) {
    int64_t r;
    if (int_to_i64_checked(o, &r))
        return r;
    return int_sign(o) < 0 ? INT64_MIN : INT64_MAX; /* saturate */
}

static Obj *zero(void) { return small_int_make(0); }

/* ---- addition and subtraction ------------------------------------------ */

static Obj *add_views(const IntView *a, const IntView *b, bool negate_b) {
    bool b_negative = b->negative != negate_b;
    if (b->n == 0)
        return int_from_nat(a->digits, a->n, a->negative);
    if (a->n == 0)
        return int_from_nat(b->digits, b->n, b_negative);
    if (a->negative == b_negative) {
        const IntView *x = a->n >= b->n ? a : b, *y = a->n >= b->n ? b : a;
        IntObj *r = int_alloc(x->n + 1);
        if (!r)
            return NULL;
        r->digits[x->n] = nat_add(r->digits, x->digits, x->n, y->digits, y->n);
        return int_finish(r, x->n + 1, a->negative);
    }
    int order = nat_compare(a->digits, a->n, b->digits, b->n);
    if (order == 0)
        return zero();
    const IntView *big = order > 0 ? a : b, *small = order > 0 ? b : a;
    IntObj *r = int_alloc(big->n);
    if (!r)
        return NULL;
    nat_sub(r->digits, big->digits, big->n, small->digits, small->n);
    return int_finish(r, big->n, order > 0 ? a->negative : b_negative);
}

Obj *int_add(Obj *a, Obj *b) {
    if (is_small_int(a) && is_small_int(b))
        return int_from_i64((int64_t)small_int_value(a) + small_int_value(b));
    IntView x, y;
    view_init(&x, a);
    view_init(&y, b);
    return add_views(&x, &y, false);
}

Obj *int_sub(Obj *a, Obj *b) {
    if (is_small_int(a) && is_small_int(b))
        return int_from_i64((int64_t)small_int_value(a) - small_int_value(b));
    IntView x, y;
    view_init(&x, a);
    view_init(&y, b);
    return add_views(&x, &y, true);
}

/* ---- multiplication ----------------------------------------------------- */

static Obj *mul_views(const IntView *a, const IntView *b) {
    if (a->n == 0 || b->n == 0)
        return zero();
    int64_t total = (int64_t)a->n + b->n;
    IntObj *r = int_alloc(total > MAX_INT_DIGITS ? MAX_INT_DIGITS + 1 : (int32_t)total);
    if (!r)
        return NULL;
    if (!nat_mul(r->digits, a->digits, a->n, b->digits, b->n)) {
        int_discard(r, (int32_t)total);
        err_no_memory();
        return NULL;
    }
    return int_finish(r, (int32_t)total, a->negative != b->negative);
}

Obj *int_mul(Obj *a, Obj *b) {
    if (is_small_int(a) && is_small_int(b))
        return int_from_i64((int64_t)small_int_value(a) * small_int_value(b));
    IntView x, y;
    view_init(&x, a);
    view_init(&y, b);
    return mul_views(&x, &y);
}

/* ---- floor division and modulo ----------------------------------------- */

/* Python's floor divmod of views (b nonzero); either output may be NULL. */
static bool divmod_views(const IntView *a, const IntView *b, Obj **q_out, Obj **r_out) {
    int32_t qn = (a->n >= b->n ? a->n - b->n + 1 : 0) + 1; /* +1: room for the floor step */
    IntObj *q = int_alloc(qn);
    IntObj *r = q ? int_alloc(b->n) : NULL;
    if (!r) {
        if (q)
            int_discard(q, qn);
        return false;
    }
    memset(q->digits, 0, (size_t)qn * sizeof(digit_t));
    memset(r->digits, 0, (size_t)b->n * sizeof(digit_t));
    if (a->n >= b->n) {
        if (!nat_divmod(q->digits, r->digits, a->digits, a->n, b->digits, b->n)) {
            int_discard(q, qn);
            int_discard(r, b->n);
            err_no_memory();
            return false;
        }
    } else {
        memcpy(r->digits, a->digits, (size_t)a->n * sizeof(digit_t));
    }
    bool signs_differ = a->negative != b->negative;
    if (signs_differ && nat_trim(r->digits, b->n) != 0) {
        /* truncation rounded toward zero; floor needs one more step away
         * from zero, and the remainder moves to the divisor's side */
        digit_t one = 1;
        nat_add(q->digits, q->digits, qn, &one, 1);
        nat_sub(r->digits, b->digits, b->n, r->digits, b->n);
    }
    Obj *quotient = int_finish(q, qn, signs_differ);
    Obj *remainder = int_finish(r, b->n, b->negative);
    if (!quotient || !remainder) {
        rt_decref(quotient);
        rt_decref(remainder);
        return false;
    }
    if (q_out)
        *q_out = quotient;
    else
        rt_decref(quotient);
    if (r_out)
        *r_out = remainder;
    else
        rt_decref(remainder);
    return true;
}

static int64_t floor_div_i64(int64_t x, int64_t y) {
    int64_t q = x / y;
    /* C truncates toward zero; Python floors, which differs by one exactly
     * when the division is inexact and the signs differ. */
    if (x % y != 0 && ((x < 0) != (y < 0)))
        q--;
    return q;
}

static int64_t floor_mod_i64(int64_t x, int64_t y) {
    int64_t r = x % y;
    if (r != 0 && ((r < 0) != (y < 0)))
        r += y;
    return r;
}

Obj *int_floordiv(Obj *a, Obj *b) {
    if (int_is_zero(b)) {
        err_format(&type_zero_division_error, "integer division or modulo by zero");
        return NULL;
    }
    if (is_small_int(a) && is_small_int(b))
        return int_from_i64(floor_div_i64(small_int_value(a), small_int_value(b)));
    IntView x, y;
    view_init(&x, a);
    view_init(&y, b);
    Obj *q;
    return divmod_views(&x, &y, &q, NULL) ? q : NULL;
}

Obj *int_mod(Obj *a, Obj *b) {
    if (int_is_zero(b)) {
        err_format(&type_zero_division_error, "integer modulo by zero");
        return NULL;
    }
    if (is_small_int(a) && is_small_int(b))
        return int_from_i64(floor_mod_i64(small_int_value(a), small_int_value(b)));
    IntView x, y;
    view_init(&x, a);
    view_init(&y, b);
    Obj *r;
    return divmod_views(&x, &y, NULL, &r) ? r : NULL;
}

/* ---- true division ----------------------------------------------------- */

/* |a| >> shift (a left shift when shift < 0) as a trimmed scratch copy of
 * *alloc_out digits (free it with that count); *lost is set if any 1 bit
 * fell off the low end. */
static digit_t *shifted_copy(const IntView *a, int64_t shift, int32_t *n_out, int32_t *alloc_out,
                             bool *lost) {
    if (shift >= 0) {
        int64_t words = shift / DIGIT_BITS;
        int32_t bits = (int32_t)(shift % DIGIT_BITS);
        for (int32_t i = 0; i < words && i < a->n; i++)
            *lost |= a->digits[i] != 0;
        if (words >= a->n) {
            *n_out = 0;
            *alloc_out = 1;
            return nat_scratch(1);
        }
        int32_t n = a->n - (int32_t)words;
        digit_t *r = nat_scratch(n);
        *alloc_out = n;
        if (r) {
            *lost |= nat_shift_right(r, a->digits + words, n, bits) != 0;
            *n_out = nat_trim(r, n);
        }
        return r;
    }
    int64_t left = -shift;
    int32_t words = (int32_t)(left / DIGIT_BITS), bits = (int32_t)(left % DIGIT_BITS);
    int32_t n = a->n + words + 1;
    digit_t *r = nat_scratch(n);
    *alloc_out = n;
    if (r) {
        memset(r, 0, (size_t)words * sizeof(digit_t));
        r[n - 1] = nat_shift_left(r + words, a->digits, a->n, bits);
        *n_out = nat_trim(r, n);
    }
    return r;
}

/* Correctly rounded a / b (b nonzero), CPython's approach: scale a so the
 * integer quotient carries two or three bits beyond the 53-bit mantissa
 * (fewer for subnormal results), note whether anything was discarded, then
 * round half-to-even by hand so ldexp is exact. */
static bool true_divide(const IntView *a, const IntView *b, double *out) {
    bool negative = a->negative != b->negative;
    if (a->n == 0) {
        *out = negative ? -0.0 : 0.0;
        return true;
    }
    int64_t a_bits = view_bits(a), b_bits = view_bits(b);
    if (a_bits <= 53 && b_bits <= 53) {
        double x = 0, y = 0;
        for (int32_t i = a->n - 1; i >= 0; i--)
            x = x * 4294967296.0 + a->digits[i];
        for (int32_t i = b->n - 1; i >= 0; i--)
            y = y * 4294967296.0 + b->digits[i];
        *out = negative ? -(x / y) : x / y;
        return true;
    }
    int64_t diff = a_bits - b_bits;
    if (diff > 1025)
        goto overflow;
    if (diff < -1076) {
        *out = negative ? -0.0 : 0.0;
        return true;
    }
    int64_t shift = (diff > -1021 ? diff : -1021) - 53 - 2;
    bool inexact = false;
    int32_t xn, x_alloc;
    digit_t *x = shifted_copy(a, shift, &xn, &x_alloc, &inexact);
    if (!x) {
        err_no_memory();
        return false;
    }
    uint64_t q = 0;
    if (xn >= b->n) {
        int32_t qn = xn - b->n + 1;
        digit_t *qd = nat_scratch(qn + b->n);
        if (!qd) {
            nat_scratch_free(x, x_alloc);
            err_no_memory();
            return false;
        }
        digit_t *rd = qd + qn;
        bool ok = nat_divmod(qd, rd, x, xn, b->digits, b->n);
        if (ok) {
            inexact |= nat_trim(rd, b->n) != 0;
            int32_t qt = nat_trim(qd, qn); /* at most 56 bits by construction */
            q = qt == 0 ? 0 : qt == 1 ? qd[0] : ((uint64_t)qd[1] << 32) | qd[0];
        }
        nat_scratch_free(qd, qn + b->n);
        if (!ok) {
            nat_scratch_free(x, x_alloc);
            err_no_memory();
            return false;
        }
    } else {
        inexact |= xn > 0;
    }
    nat_scratch_free(x, x_alloc);
    int q_bits = q ? 64 - __builtin_clzll(q) : 0;
    int64_t keep_floor = -1021 - shift; /* subnormals keep fewer bits */
    int64_t extra = (q_bits > keep_floor ? q_bits : keep_floor) - 53;
    if (extra > 0) {
        uint64_t unit = (uint64_t)1 << extra, half = unit >> 1;
        uint64_t low = q & (unit - 1);
        q -= low;
        if (low > half || (low == half && (inexact || (q & unit))))
            q += unit;
    }
    double result = ldexp((double)q, (int)shift);
    if (isinf(result))
        goto overflow;
    *out = negative ? -result : result;
    return true;
overflow:
    err_format(&type_overflow_error, "integer division result too large for a float");
    return false;
}

Obj *int_truediv(Obj *a, Obj *b) {
    if (int_is_zero(b)) {
        err_format(&type_zero_division_error, "division by zero");
        return NULL;
    }
    IntView x, y;
    view_init(&x, a);
    view_init(&y, b);
    double d;
    return true_divide(&x, &y, &d) ? float_from_double(d) : NULL;
}

/* ---- conversions to and from double ------------------------------------ */

bool int_to_double(const Obj *a, double *out) {
    if (is_small_int(a)) {
        *out = small_int_value(a);
        return true;
    }
    IntView v;
    view_init(&v, a);
    int64_t bits = view_bits(&v);
    uint64_t window;
    int64_t exponent = 0;
    if (bits <= 64) {
        window = v.n == 0 ? 0 : v.n == 1 ? v.digits[0] : ((uint64_t)v.digits[1] << 32) | v.digits[0];
    } else {
        /* Keep the top 64 bits and fold every lower bit into bit 0: the
         * single u64 -> double conversion then rounds exactly once, since
         * 11 bits sit below the mantissa and a sticky bit breaks false ties. */
        exponent = bits - 64;
        int32_t top = v.n - 1;
        int sh = (int)(exponent % DIGIT_BITS);
        int32_t base = (int32_t)(exponent / DIGIT_BITS);
        unsigned __int128 acc = 0;
        for (int32_t i = top; i >= base; i--)
            acc = (acc << 32) | v.digits[i];
        bool sticky = (acc & (((unsigned __int128)1 << sh) - 1)) != 0;
        window = (uint64_t)(acc >> sh);
        for (int32_t i = 0; i < base && !sticky; i++)
            sticky = v.digits[i] != 0;
        window |= sticky;
        if (exponent > 1024) {
            err_format(&type_overflow_error, "int too large to convert to float");
            return false;
        }
    }
    double d = ldexp((double)window, (int)exponent);
    if (isinf(d)) {
        err_format(&type_overflow_error, "int too large to convert to float");
        return false;
    }
    *out = v.negative ? -d : d;
    return true;
}

/* frexp for ints too large for a double (math.log of 10**400): |a| =
 * m * 2^e with m in [0.5, 1) rounded once to 53 bits (the top 64 bits plus
 * a sticky bit, as int_to_double), so log(m) + log(2) * e is accurate at
 * any size. a must be non-zero. */
double int_frexp_abs(const Obj *a, int64_t *e) {
    IntView v;
    view_init(&v, a);
    int64_t bits = view_bits(&v);
    uint64_t window;
    int width; /* significant bits held in window */
    if (bits <= 64) {
        window = v.n == 1 ? v.digits[0] : ((uint64_t)v.digits[1] << 32) | v.digits[0];
        width = (int)bits;
    } else {
        int64_t drop = bits - 64;
        int sh = (int)(drop % DIGIT_BITS);
        int32_t base = (int32_t)(drop / DIGIT_BITS);
        unsigned __int128 acc = 0;
        for (int32_t i = v.n - 1; i >= base; i--)
            acc = (acc << 32) | v.digits[i];
        bool sticky = (acc & (((unsigned __int128)1 << sh) - 1)) != 0;
        window = (uint64_t)(acc >> sh);
        for (int32_t i = 0; i < base && !sticky; i++)
            sticky = v.digits[i] != 0;
        window |= sticky; /* below the 53 kept bits: breaks false ties only */
        width = 64;
    }
    double m = ldexp((double)window, -width);
    *e = bits;
    if (m == 1.0) { /* rounded up to the next power of two */
        m = 0.5;
        *e = bits + 1;
    }
    return m;
}

int64_t int_bit_length(const Obj *a) {
    IntView v;
    view_init(&v, a);
    return view_bits(&v);
}

/* Exact comparison of an integer with a double, even where converting the
 * integer to double would lose bits or overflow. */
int int_compare_double(const Obj *a, double d) {
    if (isnan(d))
        return 2;
    if (isinf(d))
        return d > 0 ? -1 : 1;
    int64_t x;
    if (int_to_i64_checked(a, &x) && fabs(d) < 9223372036854775808.0) {
        double whole = trunc(d);
        int64_t w = (int64_t)whole;
        if (x != w)
            return x < w ? -1 : 1;
        double fraction = d - whole;
        return fraction > 0 ? -1 : fraction < 0 ? 1 : 0;
    }
    /* One side is beyond 2^63, where every double is an integer: compare
     * exactly as ints. */
    Obj *as_int = int_from_double(trunc(d));
    if (!as_int) {
        rt_err_clear(); /* unreachable for finite d except MemoryError */
        return 0;
    }
    int order = int_compare(a, as_int);
    if (order == 0) {
        double fraction = d - trunc(d);
        order = fraction > 0 ? -1 : fraction < 0 ? 1 : 0;
    }
    rt_decref(as_int);
    return order;
}

Obj *int_from_double(double d) {
    if (isnan(d)) {
        err_format(&type_value_error, "cannot convert float NaN to integer");
        return NULL;
    }
    if (isinf(d)) {
        err_format(&type_overflow_error, "cannot convert float infinity to integer");
        return NULL;
    }
    double whole = trunc(d);
    if (fabs(whole) < 9223372036854775808.0)
        return int_from_i64((int64_t)whole);
    int exponent;
    double fraction = frexp(fabs(whole), &exponent); /* |whole| = fraction * 2^exponent */
    uint64_t mantissa = (uint64_t)ldexp(fraction, 53);
    int32_t shift = exponent - 53; /* > 10 here */
    int32_t words = shift / DIGIT_BITS, bits = shift % DIGIT_BITS;
    int32_t n = words + 3;
    IntObj *r = int_alloc(n);
    if (!r)
        return NULL;
    memset(r->digits, 0, (size_t)n * sizeof(digit_t));
    digit_t m[2] = {(digit_t)mantissa, (digit_t)(mantissa >> 32)};
    r->digits[words + 2] = nat_shift_left(r->digits + words, m, 2, bits);
    return int_finish(r, n, whole < 0);
}

/* ---- power ------------------------------------------------------------- */

Obj *int_pow(Obj *a, Obj *b) {
    if (int_sign(b) < 0) {
        double x, y;
        if (!int_to_double(a, &x) || !int_to_double(b, &y))
            return NULL;
        return float_pow(x, y);
    }
    IntView base;
    view_init(&base, a);
    if (int_is_zero(b))
        return small_int_make(1);
    if (base.n == 0)
        return zero();
    int64_t exponent;
    bool odd = ((is_small_int(b) ? (uint32_t)small_int_value(b) : ((const IntObj *)b)->digits[0]) & 1) != 0;
    if (base.n == 1 && base.digits[0] == 1)
        return small_int_make(base.negative && odd ? -1 : 1);
    /* |base| >= 2, so the result has at least exponent bits. */
    const int64_t max_bits = (int64_t)MAX_INT_DIGITS * DIGIT_BITS;
    if (!int_to_i64_checked(b, &exponent) || exponent > max_bits ||
        exponent > max_bits / (view_bits(&base) - 1 > 0 ? view_bits(&base) - 1 : 1)) {
        err_no_memory();
        return NULL;
    }
    Obj *result = small_int_make(1);
    for (int bit = 62; bit >= 0; bit--) {
        if (result != small_int_make(1)) {
            Obj *squared = int_mul(result, result);
            rt_decref(result);
            if (!squared)
                return NULL;
            result = squared;
        }
        if ((exponent >> bit) & 1) {
            Obj *product = int_mul(result, a);
            rt_decref(result);
            if (!product)
                return NULL;
            result = product;
        }
    }
    return result;
}

/* ---- shifts -------------------------------------------------------------- */

static bool negative_shift(const Obj *count) {
    if (int_sign(count) < 0) {
        err_format(&type_value_error, "negative shift count");
        return true;
    }
    return false;
}

Obj *int_lshift(Obj *a, Obj *b) {
    if (negative_shift(b))
        return NULL;
    if (int_is_zero(a))
        return zero();
    int64_t count;
    if (!int_to_i64_checked(b, &count)) {
        err_format(&type_overflow_error, "too many digits in integer");
        return NULL;
    }
    if (is_small_int(a) && count < 32)
        return int_from_i64((int64_t)small_int_value(a) * ((int64_t)1 << count));
    IntView x;
    view_init(&x, a);
    int64_t words = count / DIGIT_BITS;
    if (words + x.n + 1 > MAX_INT_DIGITS) {
        err_no_memory();
        return NULL;
    }
    int32_t n = (int32_t)(words + x.n + 1);
    IntObj *r = int_alloc(n);
    if (!r)
        return NULL;
    memset(r->digits, 0, (size_t)words * sizeof(digit_t));
    r->digits[n - 1] = nat_shift_left(r->digits + words, x.digits, x.n, (int)(count % DIGIT_BITS));
    return int_finish(r, n, x.negative);
}

Obj *int_rshift(Obj *a, Obj *b) {
    if (negative_shift(b))
        return NULL;
    IntView x;
    view_init(&x, a);
    int64_t count;
    if (!int_to_i64_checked(b, &count) || count >= view_bits(&x))
        return small_int_make(x.negative ? -1 : 0);
    if (is_small_int(a))
        return small_int_make(small_int_value(a) >> count); /* arithmetic shift floors */
    bool lost = false;
    int32_t n, scratch_n;
    digit_t *shifted = shifted_copy(&x, count, &n, &scratch_n, &lost);
    if (!shifted) {
        err_no_memory();
        return NULL;
    }
    Obj *result;
    if (x.negative && lost) {
        /* floor: -(|x| >> k) - 1 when bits were discarded */
        IntObj *r = int_alloc(n + 1);
        result = NULL;
        if (r) {
            digit_t one = 1;
            r->digits[n] = nat_add(r->digits, shifted, n, &one, n > 0 ? 1 : 0);
            if (n == 0)
                r->digits[0] = 1;
            result = int_finish(r, n + 1, true);
        }
    } else {
        result = int_from_nat(shifted, n, x.negative);
    }
    nat_scratch_free(shifted, scratch_n);
    return result;
}

/* ---- bitwise operations (two's complement semantics) -------------------- */

typedef enum BitOp { BIT_AND, BIT_OR, BIT_XOR } BitOp;

/* d = -d modulo 2^(32n), i.e. ~d + 1. */
static void negate_in_place(digit_t *d, int32_t n) {
    bool carry = true;
    for (int32_t i = 0; i < n; i++) {
        d[i] = ~d[i] + (carry ? 1u : 0u);
        carry = carry && d[i] == 0;
    }
}

/* Writes v as an n-digit two's complement number. */
static void to_twos_complement(const IntView *v, digit_t *out, int32_t n) {
    memset(out, 0, (size_t)n * sizeof(digit_t));
    memcpy(out, v->digits, (size_t)v->n * sizeof(digit_t));
    if (v->negative)
        negate_in_place(out, n);
}

static Obj *bitwise(BitOp op, Obj *a, Obj *b) {
    if (is_small_int(a) && is_small_int(b)) {
        int32_t x = small_int_value(a), y = small_int_value(b);
        return small_int_make(op == BIT_AND ? x & y : op == BIT_OR ? x | y : x ^ y);
    }
    IntView x, y;
    view_init(&x, a);
    view_init(&y, b);
    int32_t n = (x.n > y.n ? x.n : y.n) + 1; /* one spare digit holds the sign */
    digit_t *tx = nat_scratch(2 * n);
    IntObj *r = tx ? int_alloc(n) : NULL;
    if (!r) {
        if (tx)
            nat_scratch_free(tx, 2 * n);
        else
            err_no_memory();
        return NULL;
    }
    digit_t *ty = tx + n;
    to_twos_complement(&x, tx, n);
    to_twos_complement(&y, ty, n);
    for (int32_t i = 0; i < n; i++)
        r->digits[i] = op == BIT_AND ? tx[i] & ty[i] : op == BIT_OR ? tx[i] | ty[i] : tx[i] ^ ty[i];
    nat_scratch_free(tx, 2 * n);
    bool negative = (r->digits[n - 1] >> 31) != 0;
    if (negative)
        negate_in_place(r->digits, n); /* two's complement back to a magnitude */
    return int_finish(r, n, negative);
}

Obj *int_bitand(Obj *a, Obj *b) { return bitwise(BIT_AND, a, b); }
Obj *int_bitor(Obj *a, Obj *b) { return bitwise(BIT_OR, a, b); }
Obj *int_bitxor(Obj *a, Obj *b) { return bitwise(BIT_XOR, a, b); }

/* ---- unary operations ---------------------------------------------------- */

Obj *int_neg(Obj *a) {
    if (is_small_int(a))
        return int_from_i64(-(int64_t)small_int_value(a));
    IntView x;
    view_init(&x, a);
    return int_from_nat(x.digits, x.n, !x.negative);
}

Obj *int_exact(Obj *a) {
    if (is_small_int(a) || a->type == &type_int)
        return new_ref(a);
    const IntObj *i = (const IntObj *)a; /* a bool, or an instance of an int subclass */
    return int_from_nat(i->digits, i->size < 0 ? -i->size : i->size, i->size < 0);
}

Obj *int_pos(Obj *a) { return int_exact(a); }

Obj *int_invert(Obj *a) {
    if (is_small_int(a))
        return small_int_make(~small_int_value(a));
    /* ~x == -(x + 1) */
    IntView x, one;
    view_init(&x, a);
    view_init(&one, small_int_make(-1));
    Obj *minus = add_views(&x, &one, true); /* x + 1 */
    if (!minus)
        return NULL;
    Obj *r = int_neg(minus);
    rt_decref(minus);
    return r;
}

Obj *int_abs(Obj *a) {
    if (int_sign(a) < 0)
        return int_neg(a);
    return int_pos(a);
}

/* ---- comparison and predicates ------------------------------------------ */

int int_compare(const Obj *a, const Obj *b) {
    if (is_small_int(a) && is_small_int(b)) {
        int32_t x = small_int_value(a), y = small_int_value(b);
        return x < y ? -1 : x > y;
    }
    IntView x, y;
    view_init(&x, a);
    view_init(&y, b);
    if (x.negative != y.negative)
        return x.negative ? -1 : 1;
    int order = nat_compare(x.digits, x.n, y.digits, y.n);
    return x.negative ? -order : order;
}

bool int_is_zero(const Obj *a) {
    return is_small_int(a) ? small_int_value(a) == 0 : ((const IntObj *)a)->size == 0;
}

int int_sign(const Obj *a) {
    int32_t s = is_small_int(a) ? small_int_value(a) : ((const IntObj *)a)->size;
    return s < 0 ? -1 : s > 0;
}

int64_t int_hash(const Obj *a) {
    IntView v;
    view_init(&v, a);
    /* 2^61 == 1 (mod 2^61-1), so multiplying by 2^32 is a 61-bit rotation. */
    uint64_t h = 0;
    for (int32_t i = v.n - 1; i >= 0; i--) {
        h = ((h << 32) & HASH_MODULUS) | (h >> 29);
        h += v.digits[i];
        if (h >= HASH_MODULUS)
            h -= HASH_MODULUS;
    }
    int64_t r = v.negative ? -(int64_t)h : (int64_t)h;
    return r == -1 ? -2 : r;
}

/* ---- decimal text -------------------------------------------------------- */

static void raise_str_digits_limit(void) {
    err_format(&type_value_error,
               "Exceeds the limit (%d digits) for integer string conversion; "
               "use sys.set_int_max_str_digits() to increase the limit", MAX_STR_DIGITS);
}

#define TEN_POW_9 1000000000u

Obj *int_to_decimal_str(const Obj *a) {
    int64_t fits;
    /* every value within int64 (a bool, an int subclass instance holding 0) */
    if (is_small_int(a) || int_to_i64_checked(a, &fits)) {
        StrBuf b;
        strbuf_init(&b);
        strbuf_append_i64(&b, int_to_i64(a));
        return strbuf_finish(&b);
    }
    IntView v;
    view_init(&v, a);
    /* bits * log10(2) decimal digits at least: reject hopeless sizes before
     * doing quadratic work. */
    if ((double)(view_bits(&v) - 1) * 0.30102999566398120 >= MAX_STR_DIGITS) {
        raise_str_digits_limit();
        return NULL;
    }
    /* Repeated division by 10^9 yields base-10^9 limbs, least significant
     * first; 10^9 < 2^32 so each 32-bit digit needs at most ~1.07 limbs. */
    int32_t limb_cap = v.n + v.n / 8 + 2;
    digit_t *work = nat_scratch(v.n + limb_cap);
    if (!work) {
        err_no_memory();
        return NULL;
    }
    digit_t *limbs = work + v.n;
    memcpy(work, v.digits, (size_t)v.n * sizeof(digit_t));
    int32_t n = v.n, nlimbs = 0;
    while (n > 0) {
        limbs[nlimbs++] = nat_div_small(work, work, n, TEN_POW_9);
        n = nat_trim(work, n);
    }
    int32_t top_digits = 1;
    for (uint32_t t = limbs[nlimbs - 1]; t >= 10; t /= 10)
        top_digits++;
    int32_t ndigits = top_digits + 9 * (nlimbs - 1);
    Obj *s = NULL;
    if (ndigits > MAX_STR_DIGITS) {
        raise_str_digits_limit();
    } else {
        s = str_new_uninit(ndigits + (v.negative ? 1 : 0), 1);
        if (s) {
            uint8_t *out = ((StrObj *)s)->data;
            if (v.negative)
                *out++ = '-';
            char *end = (char *)out + ndigits;
            for (int32_t i = 0; i < nlimbs; i++) {
                uint32_t limb = limbs[i];
                int32_t width = i == nlimbs - 1 ? top_digits : 9;
                for (int32_t k = 0; k < width; k++) {
                    *--end = (char)('0' + limb % 10);
                    limb /= 10;
                }
            }
        }
    }
    nat_scratch_free(work, v.n + limb_cap);
    return s;
}

/* ASCII decimal digits (no sign, no separators, len >= 1) to an int; no
 * digit limit. Quadratic, fine up to literals of ~10^5 digits. */
static Obj *int_from_ascii_digits(const char *digits, int32_t len, bool negative) {
    int32_t cap = len / 9 + 2;
    IntObj *r = int_alloc(cap);
    if (!r)
        return NULL;
    memset(r->digits, 0, (size_t)cap * sizeof(digit_t));
    int32_t n = 0;
    int32_t first = len % 9 ? len % 9 : 9;
    for (int32_t pos = 0; pos < len;) {
        int32_t chunk_len = pos == 0 ? first : 9;
        uint32_t chunk = 0, scale = 1;
        for (int32_t k = 0; k < chunk_len; k++) {
            chunk = chunk * 10 + (uint32_t)(digits[pos + k] - '0');
            scale *= 10;
        }
        pos += chunk_len;
        digit_t carry = nat_mul_small_add(r->digits, r->digits, n, scale, chunk);
        if (carry)
            r->digits[n++] = carry;
    }
    return int_finish(r, cap, negative);
}

/* int(str) in base 10, following CPython 3.11's order of checks: the digit
 * run (with single underscores) is scanned first, then the 4300-digit limit
 * applies, then anything after the run other than whitespace is invalid. */
Obj *int_parse_decimal(Obj *text) {
    const StrObj *s = (const StrObj *)text;
    int32_t i = 0, end = s->length;
    while (i < end && unicode_is_space(str_char_at(s, i)))
        i++;
    bool negative = false;
    if (i < end && (str_char_at(s, i) == '+' || str_char_at(s, i) == '-'))
        negative = str_char_at(s, i++) == '-';
    StrBuf digits;
    strbuf_init(&digits);
    bool after_underscore = false;
    for (; i < end; i++) {
        uint32_t cp = str_char_at(s, i);
        if (cp == '_') {
            if (digits.len == 0 || after_underscore)
                goto invalid;
            after_underscore = true;
            continue;
        }
        int32_t digit = unicode_decimal_value(cp);
        if (digit < 0)
            break;
        strbuf_append_char(&digits, (char)('0' + digit));
        after_underscore = false;
    }
    if (digits.len == 0 || after_underscore)
        goto invalid;
    if (digits.len > MAX_STR_DIGITS) {
        err_format(&type_value_error,
                   "Exceeds the limit (%d digits) for integer string conversion: value has %d "
                   "digits; use sys.set_int_max_str_digits() to increase the limit",
                   MAX_STR_DIGITS, (int32_t)digits.len);
        strbuf_release(&digits);
        return NULL;
    }
    while (i < end && unicode_is_space(str_char_at(s, i)))
        i++;
    if (i != end)
        goto invalid;
    if (digits.failed) {
        strbuf_release(&digits);
        err_no_memory();
        return NULL;
    }
    Obj *r = int_from_ascii_digits(digits.bytes, (int32_t)digits.len, negative);
    strbuf_release(&digits);
    return r;
invalid:
    strbuf_release(&digits);
    {
        /* CPython formats the text with %.200R: the repr cut to 200 characters. */
        Obj *quoted = str_repr(text);
        if (!quoted)
            return NULL;
        const StrObj *q = (const StrObj *)quoted;
        StrBuf b;
        strbuf_init(&b);
        strbuf_append_cstr(&b, "invalid literal for int() with base 10: ");
        for (int32_t k = 0; k < q->length && k < 200; k++)
            strbuf_append_codepoint(&b, str_char_at(q, k));
        rt_decref(quoted);
        Obj *message = strbuf_finish(&b);
        if (message) {
            err_set_str(&type_value_error, message);
            rt_decref(message);
        }
    }
    return NULL;
}

Obj *rt_const_int_decimal(const char *digits, int32_t len) {
    bool negative = len > 0 && digits[0] == '-';
    if (negative) {
        digits++;
        len--;
    }
    Obj *o = len > 0 ? int_from_ascii_digits(digits, len, negative) : zero();
    obj_make_immortal(o);
    return o;
}

/* ---- hex / oct / bin -------------------------------------------------------- */

static Obj *int_to_power_of_two_base(Obj *o, int bits_per_char, const char *prefix) {
    if (!is_int_like(o)) {
        err_format(&type_type_error, "'%T' object cannot be interpreted as an integer", o);
        return NULL;
    }
    IntView v;
    view_init(&v, o);
    int64_t bits = view_bits(&v);
    int64_t nchars = bits == 0 ? 1 : (bits + bits_per_char - 1) / bits_per_char;
    int32_t prefix_len = (int32_t)strlen(prefix) + (v.negative ? 1 : 0);
    if (nchars + prefix_len > 0x7fff0000) {
        err_no_memory();
        return NULL;
    }
    Obj *s = str_new_uninit((int32_t)nchars + prefix_len, 1);
    if (!s)
        return NULL;
    uint8_t *out = ((StrObj *)s)->data;
    if (v.negative)
        *out++ = '-';
    for (const char *p = prefix; *p; p++)
        *out++ = (uint8_t)*p;
    for (int64_t c = 0; c < nchars; c++) {
        int64_t bit = (nchars - 1 - c) * bits_per_char;
        int32_t word = (int32_t)(bit / DIGIT_BITS), shift = (int32_t)(bit % DIGIT_BITS);
        uint64_t window = word < v.n ? v.digits[word] : 0;
        if (word + 1 < v.n)
            window |= (uint64_t)v.digits[word + 1] << 32;
        uint32_t value = (uint32_t)(window >> shift) & ((1u << bits_per_char) - 1);
        *out++ = (uint8_t)"0123456789abcdef"[value];
    }
    return s;
}

/* hex/oct/bin of a user instance go through __index__. */
static Obj *int_to_base_indexed(Obj *o, int bits_per_char, const char *prefix) {
    if (!is_user_instance(o))
        return int_to_power_of_two_base(o, bits_per_char, prefix);
    Obj *i = number_index(o);
    Obj *r = i ? int_to_power_of_two_base(i, bits_per_char, prefix) : NULL;
    rt_decref(i);
    return r;
}

Obj *rt_builtin_hex(Obj *o) { return int_to_base_indexed(o, 4, "0x"); }
Obj *rt_builtin_oct(Obj *o) { return int_to_base_indexed(o, 3, "0o"); }
Obj *rt_builtin_bin(Obj *o) { return int_to_base_indexed(o, 1, "0b"); }

/* ---- pow(a, b, m) ----------------------------------------------------------- */

/* (x * y) % m for nonnegative x, y and positive m; consumes neither. */
static Obj *mul_mod(Obj *x, Obj *y, Obj *m) {
    Obj *p = int_mul(x, y);
    if (!p)
        return NULL;
    Obj *r = int_mod(p, m);
    rt_decref(p);
    return r;
}

/* The inverse of a modulo m (m > 1, a in [0, m)) by the extended Euclidean
 * algorithm, or NULL with ValueError when gcd(a, m) != 1. */
static Obj *mod_inverse(Obj *a, Obj *m) {
    Obj *r0 = new_ref(m), *r1 = new_ref(a);
    Obj *s0 = zero(), *s1 = small_int_make(1); /* coefficients of a */
    while (!int_is_zero(r1)) {
        Obj *q = int_floordiv(r0, r1);
        Obj *qr = q ? int_mul(q, r1) : NULL;
        Obj *r2 = qr ? int_sub(r0, qr) : NULL;
        Obj *qs = r2 ? int_mul(q, s1) : NULL;
        Obj *s2 = qs ? int_sub(s0, qs) : NULL;
        rt_decref(q);
        rt_decref(qr);
        rt_decref(qs);
        if (!s2) {
            rt_decref(r2);
            rt_decref(r0); rt_decref(r1); rt_decref(s0); rt_decref(s1);
            return NULL;
        }
        rt_decref(r0);
        rt_decref(s0);
        r0 = r1; r1 = r2;
        s0 = s1; s1 = s2;
    }
    bool invertible = int_compare(r0, small_int_make(1)) == 0;
    Obj *result = invertible ? int_mod(s0, m) : NULL;
    rt_decref(r0); rt_decref(r1); rt_decref(s0); rt_decref(s1);
    if (!invertible)
        err_format(&type_value_error, "base is not invertible for the given modulus");
    return result;
}

Obj *rt_builtin_pow3(Obj *a, Obj *b, Obj *m) {
    if (type_id_of(m) == TYPE_ID_NONE)
        return rt_pow(a, b);
    if (is_user_instance(a) || is_user_instance(b) || is_user_instance(m))
        return user_pow3(a, b, m);
    if (!is_int_like(a) || !is_int_like(b) || !is_int_like(m)) {
        err_format(&type_type_error, "pow() 3rd argument not allowed unless all arguments are integers");
        return NULL;
    }
    if (int_is_zero(m)) {
        err_format(&type_value_error, "pow() 3rd argument cannot be 0");
        return NULL;
    }
    bool negative_modulus = int_sign(m) < 0;
    Obj *modulus = int_abs(m);
    if (!modulus)
        return NULL;
    if (int_compare(modulus, small_int_make(1)) == 0) {
        rt_decref(modulus);
        return zero();
    }
    Obj *base = int_mod(a, modulus);
    Obj *exponent = base ? int_abs(b) : NULL;
    if (base && exponent && int_sign(b) < 0) {
        Obj *inverse = mod_inverse(base, modulus);
        rt_decref(base);
        base = inverse;
    }
    Obj *result = base && exponent ? small_int_make(1) : NULL;
    if (result) {
        /* right-to-left binary exponentiation over the exponent's bits */
        IntView e;
        view_init(&e, exponent);
        for (int64_t bit = 0, nbits = view_bits(&e); bit < nbits && result; bit++) {
            if ((e.digits[bit / DIGIT_BITS] >> (bit % DIGIT_BITS)) & 1) {
                Obj *next = mul_mod(result, base, modulus);
                rt_decref(result);
                result = next;
            }
            if (result && bit + 1 < nbits) {
                Obj *squared = mul_mod(base, base, modulus);
                rt_decref(base);
                base = squared;
                if (!base) {
                    rt_decref(result);
                    result = NULL;
                }
            }
        }
    }
    if (result && negative_modulus && !int_is_zero(result)) {
        Obj *shifted = int_sub(result, modulus); /* Python's result takes m's sign */
        rt_decref(result);
        result = shifted;
    }
    rt_decref(base);
    rt_decref(exponent);
    rt_decref(modulus);
    return result;
}

/* ---- int(x, base) -------------------------------------------------------- */

/* Digit values (each < base, most significant first) to an int. Bases that
 * are powers of two pack bits directly, so that path is linear in the
 * length (there is no digit limit for them); other bases fold chunks of
 * digits in with one multiply-add per chunk (quadratic, but the 4300-digit
 * limit bounds it). */
static Obj *int_from_digit_values(const uint8_t *vals, int32_t len, int base, bool negative) {
    int bits = 0;
    for (int b = base; b > 1 && (b & 1) == 0; b >>= 1)
        bits++;
    if (((1 << bits) == base)) {
        int64_t total_bits = (int64_t)len * bits;
        if (total_bits / 32 + 1 > MAX_INT_DIGITS) {
            err_no_memory();
            return NULL;
        }
        int32_t cap = (int32_t)(total_bits / 32) + 1;
        IntObj *r = int_alloc(cap);
        if (!r)
            return NULL;
        memset(r->digits, 0, (size_t)cap * sizeof(digit_t));
        int64_t shift = 0; /* bit position of the current (least significant) char */
        for (int32_t k = len - 1; k >= 0; k--, shift += bits) {
            uint64_t v = (uint64_t)vals[k] << (shift % 32);
            r->digits[shift / 32] |= (digit_t)v;
            if (v >> 32)
                r->digits[shift / 32 + 1] |= (digit_t)(v >> 32);
        }
        return int_finish(r, cap, negative);
    }
    /* largest power of base that fits a digit_t, and its exponent */
    uint32_t chunk_scale = (uint32_t)base;
    int32_t chunk_len = 1;
    while ((uint64_t)chunk_scale * (uint32_t)base <= 0xFFFFFFFFu) {
        chunk_scale *= (uint32_t)base;
        chunk_len++;
    }
    int32_t cap = len / chunk_len + 2;
    IntObj *r = int_alloc(cap);
    if (!r)
        return NULL;
    memset(r->digits, 0, (size_t)cap * sizeof(digit_t));
    int32_t n = 0;
    for (int32_t pos = 0; pos < len;) {
        int32_t take = len - pos < chunk_len ? len - pos : chunk_len;
        uint32_t chunk = 0, scale = 1;
        for (int32_t k = 0; k < take; k++) {
            chunk = chunk * (uint32_t)base + vals[pos + k];
            scale *= (uint32_t)base;
        }
        pos += take;
        digit_t carry = nat_mul_small_add(r->digits, r->digits, n, scale, chunk);
        if (carry)
            r->digits[n++] = carry;
    }
    return int_finish(r, cap, negative);
}

static int ascii_digit_value(uint8_t c) {
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'Z')
        return c - 'A' + 10;
    return 99;
}

/* CPython's Py_ISSPACE: ASCII whitespace only (not \x1c-\x1f). */
static bool ascii_space(uint8_t c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

/* PyLong_FromString over an ASCII buffer: whitespace, sign, the prefix
 * (which also picks the base when base is 0), digits with single
 * underscores, whitespace. Returns NULL with *invalid set for a malformed
 * literal, or NULL with an exception pending (digit limit, memory). */
static Obj *parse_ascii_int(const uint8_t *s, int32_t len, int base, bool *invalid) {
    *invalid = false;
    int32_t i = 0;
    while (i < len && ascii_space(s[i]))
        i++;
    bool negative = false;
    if (i < len && (s[i] == '+' || s[i] == '-'))
        negative = s[i++] == '-';
    uint8_t c1 = i + 1 < len ? (uint8_t)(s[i + 1] | 0x20) : 0; /* lower-cased prefix letter */
    bool zero_first = i < len && s[i] == '0';
    /* base 0 with a leading 0 and no prefix: C-style octal is gone, so only
     * an all-zero value is accepted ('00', '0_0' but not '010') */
    bool must_be_zero = false;
    if (base == 0) {
        if (!zero_first)
            base = 10;
        else if (c1 == 'x')
            base = 16;
        else if (c1 == 'o')
            base = 8;
        else if (c1 == 'b')
            base = 2;
        else {
            base = 10;
            must_be_zero = true;
        }
    }
    if (zero_first && ((base == 16 && c1 == 'x') || (base == 8 && c1 == 'o') || (base == 2 && c1 == 'b'))) {
        i += 2;
        if (i < len && s[i] == '_') /* one underscore may follow the prefix */
            i++;
    }
    if (i < len && s[i] == '_') {
        *invalid = true;
        return NULL;
    }
    uint8_t *vals = (uint8_t *)heap_alloc((uint32_t)(len > 0 ? len : 1));
    if (!vals) {
        err_no_memory();
        return NULL;
    }
    int32_t count = 0;
    bool after_underscore = false, nonzero = false;
    for (; i < len; i++) {
        if (s[i] == '_') {
            if (after_underscore)
                break;
            after_underscore = true;
            continue;
        }
        int v = ascii_digit_value(s[i]);
        if (v >= base)
            break;
        vals[count++] = (uint8_t)v;
        nonzero |= v != 0;
        after_underscore = false;
    }
    Obj *result = NULL;
    if (count == 0 || after_underscore || (must_be_zero && nonzero)) {
        *invalid = true;
    } else if ((base & (base - 1)) != 0 && count > MAX_STR_DIGITS) {
        err_format(&type_value_error,
                   "Exceeds the limit (%d digits) for integer string conversion: value has %d "
                   "digits; use sys.set_int_max_str_digits() to increase the limit",
                   MAX_STR_DIGITS, count);
    } else {
        while (i < len && ascii_space(s[i]))
            i++;
        if (i != len)
            *invalid = true;
        else
            result = int_from_digit_values(vals, count, base, negative);
    }
    heap_free(vals, (uint32_t)(len > 0 ? len : 1));
    return result;
}

Obj *rt_builtin_int2(Obj *x, Obj *base_obj) {
    /* CPython converts and checks the base before looking at x. */
    if (is_user_instance(base_obj)) {
        Obj *base = number_index(base_obj);
        Obj *r = base ? rt_builtin_int2(x, base) : NULL;
        rt_decref(base);
        return r;
    }
    TypeId bid = type_id_of(base_obj);
    if (bid != TYPE_ID_INT && bid != TYPE_ID_BOOL) {
        err_format(&type_type_error, "'%T' object cannot be interpreted as an integer", base_obj);
        return NULL;
    }
    int64_t base = int_to_i64(base_obj); /* saturates, as PyNumber_AsSsize_t(.., NULL) clamps */
    if ((base != 0 && base < 2) || base > 36) {
        err_format(&type_value_error, "int() base must be >= 2 and <= 36, or 0");
        return NULL;
    }
    TypeId xid = type_id_of(x);
    if (xid != TYPE_ID_STR && xid != TYPE_ID_BYTES) {
        err_format(&type_type_error, "int() can't convert non-string with explicit base");
        return NULL;
    }
    Obj *result = NULL;
    bool invalid = false;
    if (xid == TYPE_ID_BYTES) {
        const BytesObj *b = (const BytesObj *)x;
        result = parse_ascii_int((const uint8_t *)b->data, b->length, (int)base, &invalid);
    } else {
        /* As _PyUnicode_TransformDecimalAndSpaceToASCII: non-ASCII spaces
         * become ' ', Unicode decimal digits their ASCII digit, anything else
         * non-ASCII ends the text with an invalid '?'. */
        const StrObj *s = (const StrObj *)x;
        uint32_t size = (uint32_t)(s->length > 0 ? s->length : 1);
        uint8_t *ascii = (uint8_t *)heap_alloc(size);
        if (!ascii) {
            err_no_memory();
            return NULL;
        }
        int32_t n = 0;
        for (int32_t k = 0; k < s->length; k++) {
            uint32_t cp = str_char_at(s, k);
            if (cp < 127) {
                ascii[n++] = (uint8_t)cp;
            } else if (unicode_is_space(cp)) {
                ascii[n++] = ' ';
            } else {
                int32_t d = unicode_decimal_value(cp);
                if (d < 0) {
                    ascii[n++] = '?';
                    break;
                }
                ascii[n++] = (uint8_t)('0' + d);
            }
        }
        result = parse_ascii_int(ascii, n, (int)base, &invalid);
        heap_free(ascii, size);
    }
    if (invalid) {
        /* "%.200R": the repr of the original text cut to 200 characters */
        Obj *quoted = rt_repr(x);
        if (!quoted)
            return NULL;
        const StrObj *q = (const StrObj *)quoted;
        StrBuf b;
        strbuf_init(&b);
        strbuf_append_cstr(&b, "invalid literal for int() with base ");
        char num[4];
        int nl = 0;
        if (base >= 10)
            num[nl++] = (char)('0' + base / 10);
        num[nl++] = (char)('0' + base % 10);
        num[nl] = 0;
        strbuf_append_cstr(&b, num);
        strbuf_append_cstr(&b, ": ");
        for (int32_t k = 0; k < q->length && k < 200; k++)
            strbuf_append_codepoint(&b, str_char_at(q, k));
        rt_decref(quoted);
        Obj *message = strbuf_finish(&b);
        if (message) {
            err_set_str(&type_value_error, message);
            rt_decref(message);
        }
        return NULL;
    }
    return result;
}

Obj *int_from_magnitude(const uint32_t *digits, int32_t n, bool negative) {
    return int_from_nat(digits, n, negative);
}
