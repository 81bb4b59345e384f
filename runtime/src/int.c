/*
 * int.c — the int type's arithmetic, conversions and parsing.
 *
 * Invariants:
 *  - Values in [-2^30, 2^30-1] are always tagged, never boxed, so identity
 *    and equality agree for small ints and boxing stays rare.
 *  - The boxed payload is an int64 for now. Every operation funnels through
 *    int_to_i64/int_from_i64 and reports results that do not fit with
 *    err_int_overflow; a bigint payload can later replace those paths
 *    without changing any caller outside this file.
 *  - bool objects share IntObj's layout, so int_to_i64 reads them too.
 */
#include "taipan_internal.h"
#include <math.h>

#define TWO_POW_63 9223372036854775808.0

Obj *int_from_i64(int64_t v) {
    if (v >= SMALL_INT_MIN && v <= SMALL_INT_MAX)
        return small_int_make((int32_t)v);
    IntObj *o = (IntObj *)obj_alloc(&type_int, sizeof(IntObj));
    if (!o)
        return NULL;
    o->value = v;
    return (Obj *)o;
}

int64_t int_to_i64(const Obj *o) {
    if (is_small_int(o))
        return small_int_value(o);
    return ((const IntObj *)o)->value;
}

static Obj *checked(bool overflowed, int64_t result) {
    if (overflowed) {
        err_int_overflow();
        return NULL;
    }
    return int_from_i64(result);
}

Obj *int_add(Obj *a, Obj *b) {
    int64_t r;
    bool o = __builtin_add_overflow(int_to_i64(a), int_to_i64(b), &r);
    return checked(o, r);
}

Obj *int_sub(Obj *a, Obj *b) {
    int64_t r;
    bool o = __builtin_sub_overflow(int_to_i64(a), int_to_i64(b), &r);
    return checked(o, r);
}

Obj *int_mul(Obj *a, Obj *b) {
    int64_t r;
    bool o = __builtin_mul_overflow(int_to_i64(a), int_to_i64(b), &r);
    return checked(o, r);
}

/* Correctly rounded x/y for int64 operands. Below 2^53 both convert exactly
 * and IEEE division rounds once. Otherwise a 128-bit quotient is squeezed
 * into 64 bits with a sticky bit so the single uint64->double conversion
 * performs the only rounding. */
static double exact_ratio(int64_t x, int64_t y) {
    uint64_t nx = x < 0 ? 0 - (uint64_t)x : (uint64_t)x;
    uint64_t ny = y < 0 ? 0 - (uint64_t)y : (uint64_t)y;
    bool negative = (x < 0) != (y < 0);
    const uint64_t exact_limit = (uint64_t)1 << 53;
    double magnitude;
    if (nx <= exact_limit && ny <= exact_limit) {
        magnitude = (double)nx / (double)ny;
    } else if (nx == 0) {
        magnitude = 0.0;
    } else {
        /* Put nx's top bit at bit 127 so the quotient keeps >= 64 bits. */
        int lead = __builtin_clzll(nx);
        unsigned __int128 scaled = (unsigned __int128)nx << (64 + lead);
        unsigned __int128 quotient = scaled / ny;
        bool sticky = scaled % ny != 0;
        int exponent = -(64 + lead);
        while ((quotient >> 64) != 0) {
            sticky |= (quotient & 1) != 0;
            quotient >>= 1;
            exponent++;
        }
        /* quotient is now in [2^63, 2^64): 11 bits sit below the 53-bit
         * mantissa, so jamming the sticky bit into bit 0 cannot disturb the
         * round bit yet still breaks exact-half ties correctly. */
        uint64_t window = (uint64_t)quotient | (sticky ? 1u : 0u);
        magnitude = ldexp((double)window, exponent);
    }
    return negative ? -magnitude : magnitude;
}

Obj *int_truediv(Obj *a, Obj *b) {
    int64_t y = int_to_i64(b);
    if (y == 0) {
        err_format(&type_zero_division_error, "division by zero");
        return NULL;
    }
    return float_from_double(exact_ratio(int_to_i64(a), y));
}

Obj *int_floordiv(Obj *a, Obj *b) {
    int64_t x = int_to_i64(a), y = int_to_i64(b);
    if (y == 0) {
        err_format(&type_zero_division_error, "integer division or modulo by zero");
        return NULL;
    }
    if (x == INT64_MIN && y == -1) {
        err_int_overflow();
        return NULL;
    }
    int64_t q = x / y;
    /* C truncates toward zero; Python floors, which differs by one exactly
     * when the division is inexact and the signs differ. */
    if (x % y != 0 && ((x < 0) != (y < 0)))
        q--;
    return int_from_i64(q);
}

Obj *int_mod(Obj *a, Obj *b) {
    int64_t x = int_to_i64(a), y = int_to_i64(b);
    if (y == 0) {
        err_format(&type_zero_division_error, "integer modulo by zero");
        return NULL;
    }
    if (y == -1)
        return int_from_i64(0); /* INT64_MIN % -1 traps in C */
    int64_t r = x % y;
    if (r != 0 && ((r < 0) != (y < 0)))
        r += y;
    return int_from_i64(r);
}

Obj *int_pow(Obj *a, Obj *b) {
    int64_t base = int_to_i64(a), exponent = int_to_i64(b);
    if (exponent < 0)
        return float_pow((double)base, (double)exponent);
    int64_t result = 1;
    while (exponent) {
        if ((exponent & 1) && __builtin_mul_overflow(result, base, &result))
            return checked(true, 0);
        exponent >>= 1;
        /* Squaring overflow with bits left means the result overflows too
         * (|base| >= 2 here and the result is a nonzero multiple of it). */
        if (exponent && __builtin_mul_overflow(base, base, &base))
            return checked(true, 0);
    }
    return int_from_i64(result);
}

static bool negative_shift(int64_t count) {
    if (count < 0) {
        err_format(&type_value_error, "negative shift count");
        return true;
    }
    return false;
}

Obj *int_lshift(Obj *a, Obj *b) {
    int64_t x = int_to_i64(a), count = int_to_i64(b);
    if (negative_shift(count))
        return NULL;
    if (x == 0)
        return int_from_i64(0);
    if (count >= 64)
        return checked(true, 0);
    int64_t shifted = (int64_t)((uint64_t)x << count);
    return checked((shifted >> count) != x, shifted);
}

Obj *int_rshift(Obj *a, Obj *b) {
    int64_t x = int_to_i64(a), count = int_to_i64(b);
    if (negative_shift(count))
        return NULL;
    if (count >= 64)
        return int_from_i64(x < 0 ? -1 : 0);
    return int_from_i64(x >> count); /* arithmetic shift == floor division */
}

Obj *int_bitand(Obj *a, Obj *b) { return int_from_i64(int_to_i64(a) & int_to_i64(b)); }
Obj *int_bitor(Obj *a, Obj *b) { return int_from_i64(int_to_i64(a) | int_to_i64(b)); }
Obj *int_bitxor(Obj *a, Obj *b) { return int_from_i64(int_to_i64(a) ^ int_to_i64(b)); }

Obj *int_neg(Obj *a) {
    int64_t x = int_to_i64(a);
    return checked(x == INT64_MIN, (int64_t)(0 - (uint64_t)x)); /* no UB on INT64_MIN */
}

Obj *int_invert(Obj *a) { return int_from_i64(~int_to_i64(a)); }

Obj *int_abs(Obj *a) {
    int64_t x = int_to_i64(a);
    if (x >= 0)
        return int_from_i64(x);
    return checked(x == INT64_MIN, (int64_t)(0 - (uint64_t)x)); /* no UB on INT64_MIN */
}

int int_compare(const Obj *a, const Obj *b) {
    int64_t x = int_to_i64(a), y = int_to_i64(b);
    return x < y ? -1 : x > y ? 1 : 0;
}

bool int_is_zero(const Obj *a) { return int_to_i64(a) == 0; }

int int_sign(const Obj *a) {
    int64_t x = int_to_i64(a);
    return x < 0 ? -1 : x > 0;
}

bool int_to_double(const Obj *a, double *out) {
    *out = (double)int_to_i64(a); /* int64 always fits; rounding is nearest-even */
    return true;
}

/* Exact comparison of an integer with a double, even beyond 2^53 where
 * converting the integer to double would lose bits. */
int int_compare_double(const Obj *a, double d) {
    int64_t x = int_to_i64(a);
    if (isnan(d))
        return 2;
    if (d >= TWO_POW_63)
        return -1;
    if (d < -TWO_POW_63)
        return 1;
    double whole = trunc(d);
    int64_t w = (int64_t)whole; /* exact: |whole| < 2^63 or == -2^63 */
    if (x != w)
        return x < w ? -1 : 1;
    double fraction = d - whole;
    return fraction > 0 ? -1 : fraction < 0 ? 1 : 0;
}

Obj *int_to_decimal_str(const Obj *a) {
    StrBuf b;
    strbuf_init(&b);
    strbuf_append_i64(&b, int_to_i64(a));
    return strbuf_finish(&b);
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
    if (whole >= TWO_POW_63 || whole < -TWO_POW_63)
        return checked(true, 0);
    return int_from_i64((int64_t)whole);
}

/* int(str) in base 10: [ws] [sign] digit (['_'] digit)* [ws]. */
Obj *int_parse_decimal(Obj *text) {
    const StrObj *s = (const StrObj *)text;
    int32_t i = 0, end = s->length;
    while (i < end && unicode_is_space(str_char_at(s, i)))
        i++;
    while (end > i && unicode_is_space(str_char_at(s, end - 1)))
        end--;
    bool negative = false;
    if (i < end && (str_char_at(s, i) == '+' || str_char_at(s, i) == '-'))
        negative = str_char_at(s, i++) == '-';
    uint64_t magnitude = 0;
    bool too_big = false, any_digit = false, after_underscore = false;
    for (; i < end; i++) {
        uint32_t cp = str_char_at(s, i);
        if (cp == '_') {
            if (!any_digit || after_underscore)
                goto invalid;
            after_underscore = true;
            continue;
        }
        int32_t digit = unicode_decimal_value(cp);
        if (digit < 0)
            goto invalid;
        if (magnitude > (UINT64_MAX - (uint64_t)digit) / 10)
            too_big = true;
        else
            magnitude = magnitude * 10 + (uint64_t)digit;
        any_digit = true;
        after_underscore = false;
    }
    if (!any_digit || after_underscore)
        goto invalid;
    uint64_t limit = negative ? (uint64_t)1 << 63 : ((uint64_t)1 << 63) - 1;
    if (too_big || magnitude > limit)
        return checked(true, 0);
    return int_from_i64(negative ? (int64_t)(0 - magnitude) : (int64_t)magnitude);
invalid:
    err_format(&type_value_error, "invalid literal for int() with base 10: %R", text);
    return NULL;
}
