/*
 * number_methods.c — the methods of int/bool (bit_length, bit_count,
 * conjugate, as_integer_ratio) and float (is_integer, as_integer_ratio,
 * hex, conjugate), called through rt_call_method, their data attributes
 * (real, imag, numerator, denominator) for rt_getattr, and round(x, ndigits).
 *
 * Invariants:
 *  - bool receivers behave as their int value and results are plain ints,
 *    as in CPython (True.conjugate() is 1).
 *  - round(float, n) rounds the exact binary value half-even at 10^-n
 *    (format_spec.c's exact digits) and reads the decimal back correctly
 *    rounded, which is what CPython's dtoa-based double_round does.
 *  - int.is_integer does not exist in 3.11, so it is an AttributeError.
 */
#include "taipan_internal.h"
#include "bigint.h"
#include <math.h>
#include <string.h>

/* |value| as a digit array: tagged ints use `scratch`. */
static int32_t magnitude_of(Obj *value, const uint32_t **digits, uint32_t *scratch) {
    if (is_small_int(value)) {
        int32_t x = small_int_value(value);
        *scratch = x < 0 ? 0u - (uint32_t)x : (uint32_t)x;
        *digits = scratch;
        return x != 0;
    }
    const IntObj *i = (const IntObj *)value;
    *digits = i->digits;
    return nat_trim(i->digits, i->size < 0 ? -i->size : i->size);
}

static Obj *exact_int(Obj *o) {
    return type_id_of(o) == TYPE_ID_BOOL ? int_from_i64(int_to_i64(o)) : new_ref(o);
}

static Obj *int_method(Obj *self, Obj *name, Obj *args, Obj *kwargs, bool *found) {
    static const char *const names[] = {"bit_length", "bit_count", "conjugate", "as_integer_ratio"};
    static const char *const qualified[] = {"int.bit_length", "int.bit_count", "int.conjugate",
                                            "int.as_integer_ratio"};
    int which = -1;
    for (int k = 0; k < 4 && which < 0; k++)
        if (str_equals_ascii(name, names[k]))
            which = k;
    if (which < 0)
        return NULL;
    *found = true;
    if (!check_no_kwargs(kwargs, qualified[which]) || !check_no_args(args, qualified[which]))
        return NULL;
    const uint32_t *digits;
    uint32_t scratch;
    int32_t n = magnitude_of(self, &digits, &scratch);
    switch (which) {
    case 0: return int_from_i64(nat_bit_length(digits, n));
    case 1: {
        int64_t count = 0;
        for (int32_t i = 0; i < n; i++)
            for (uint32_t d = digits[i]; d; d &= d - 1)
                count++;
        return int_from_i64(count);
    }
    case 2: return exact_int(self);
    default: {
        Obj *numerator = exact_int(self);
        if (!numerator)
            return NULL;
        Obj *pair = tuple_pack2(numerator, small_int_make(1));
        rt_decref(numerator);
        return pair;
    }
    }
}

static Obj *float_hex(double x) {
    if (isnan(x))
        return str_from_ascii("nan");
    if (isinf(x))
        return str_from_ascii(x < 0 ? "-inf" : "inf");
    char text[40];
    int n = 0;
    if (signbit(x))
        text[n++] = '-';
    if (x == 0.0) {
        strcpy(text + n, "0x0.0p+0");
        return str_from_ascii(text);
    }
    /* Normal numbers print as 0x1.<13 hex digits>p<exp>; subnormals keep
     * the minimum exponent -1022 with a leading 0, as CPython does. */
    int e;
    double m = frexp(fabs(x), &e); /* |x| = m * 2^e, m in [0.5, 1) */
    int shift = 1 - (-1021 - e > 0 ? -1021 - e : 0);
    m = ldexp(m, shift);
    e -= shift;
    static const char hex[] = "0123456789abcdef";
    text[n++] = '0';
    text[n++] = 'x';
    int lead = (int)m;
    text[n++] = hex[lead];
    m -= lead;
    text[n++] = '.';
    for (int i = 0; i < 13; i++) {
        m *= 16.0;
        int d = (int)m;
        text[n++] = hex[d];
        m -= d;
    }
    text[n++] = 'p';
    text[n++] = e < 0 ? '-' : '+';
    text[n] = 0;
    StrBuf b;
    strbuf_init(&b);
    strbuf_append(&b, text, (uint32_t)n);
    strbuf_append_i64(&b, e < 0 ? -(int64_t)e : e);
    return strbuf_finish(&b);
}

static Obj *float_integer_ratio(double x) {
    if (isinf(x)) {
        err_format(&type_overflow_error, "cannot convert Infinity to integer ratio");
        return NULL;
    }
    if (isnan(x)) {
        err_format(&type_value_error, "cannot convert NaN to integer ratio");
        return NULL;
    }
    /* x = mantissa * 2^exponent exactly; cancel common factors of two. */
    int e;
    double m = frexp(x, &e);
    int64_t mantissa = (int64_t)ldexp(m, 53);
    int32_t exponent = e - 53;
    while (mantissa != 0 && (mantissa & 1) == 0 && exponent < 0) {
        mantissa /= 2;
        exponent++;
    }
    if (mantissa == 0)
        exponent = 0;
    Obj *numerator = int_from_i64(mantissa);
    Obj *denominator = small_int_make(1);
    if (numerator && exponent > 0) {
        Obj *shifted = int_lshift(numerator, small_int_make(exponent));
        rt_decref(numerator);
        numerator = shifted;
    } else if (numerator && exponent < 0) {
        denominator = int_lshift(small_int_make(1), small_int_make(-exponent));
    }
    Obj *pair = numerator && denominator ? tuple_pack2(numerator, denominator) : NULL;
    rt_decref(numerator);
    rt_decref(denominator);
    return pair;
}

static Obj *float_method(Obj *self, Obj *name, Obj *args, Obj *kwargs, bool *found) {
    static const char *const names[] = {"is_integer", "as_integer_ratio", "hex", "conjugate"};
    static const char *const qualified[] = {"float.is_integer", "float.as_integer_ratio", "float.hex",
                                            "float.conjugate"};
    int which = -1;
    for (int k = 0; k < 4 && which < 0; k++)
        if (str_equals_ascii(name, names[k]))
            which = k;
    if (which < 0)
        return NULL;
    *found = true;
    if (!check_no_kwargs(kwargs, qualified[which]) || !check_no_args(args, qualified[which]))
        return NULL;
    double x = float_value(self);
    switch (which) {
    case 0: return bool_obj(isfinite(x) && floor(x) == x);
    case 1: return float_integer_ratio(x);
    case 2: return float_hex(x);
    default: return new_ref(self);
    }
}

Obj *number_getattr(Obj *self, Obj *name, bool *found) {
    *found = true;
    if (str_equals_ascii(name, "real"))
        return is_float(self) ? new_ref(self) : exact_int(self);
    if (str_equals_ascii(name, "imag"))
        return is_float(self) ? float_from_double(0.0) : small_int_make(0);
    if (!is_float(self) && str_equals_ascii(name, "numerator"))
        return exact_int(self);
    if (!is_float(self) && str_equals_ascii(name, "denominator"))
        return small_int_make(1);
    *found = false;
    return NULL;
}

Obj *number_call_method(Obj *self, Obj *name, Obj *args, Obj *kwargs, bool *found) {
    *found = false;
    if (is_float(self))
        return float_method(self, name, args, kwargs, found);
    return int_method(self, name, args, kwargs, found);
}

/* ---- round(x, ndigits) ------------------------------------------------------ */

/* round(int, n) for n < 0: the nearest multiple of 10^-n, ties to even. */
static Obj *round_int_negative(Obj *x, int64_t ndigits) {
    const uint32_t *digits;
    uint32_t scratch;
    int32_t n = magnitude_of(x, &digits, &scratch);
    int64_t decimal_digits = (int64_t)((double)nat_bit_length(digits, n) * 0.30103) + 1;
    if (-ndigits > decimal_digits + 1)
        return small_int_make(0); /* 10^-n exceeds 2|x|: always rounds to 0 */
    Obj *scale = int_pow(small_int_make(10), int_from_i64(-ndigits));
    if (!scale)
        return NULL;
    Obj *quotient = int_floordiv(x, scale);
    Obj *remainder = quotient ? int_mod(x, scale) : NULL;
    Obj *result = NULL;
    if (remainder) {
        Obj *twice = int_add(remainder, remainder);
        if (twice) {
            int order = int_compare(twice, scale);
            Obj *low_bit = int_bitand(quotient, small_int_make(1));
            bool odd = low_bit && !int_is_zero(low_bit);
            rt_decref(low_bit);
            if (order > 0 || (order == 0 && odd)) {
                Obj *bumped = int_add(quotient, small_int_make(1));
                rt_decref(quotient);
                quotient = bumped;
            }
            if (quotient)
                result = int_mul(quotient, scale);
            rt_decref(twice);
        }
    }
    rt_decref(remainder);
    rt_decref(quotient);
    rt_decref(scale);
    return result;
}

static Obj *round_float(Obj *number, int64_t ndigits) {
    double x = float_value(number);
    /* Beyond these bounds the answer is x itself or a signed zero
     * (CPython's NDIGITS_MAX / NDIGITS_MIN). */
    if (!isfinite(x) || ndigits > 323)
        return new_ref(number);
    if (ndigits < -308)
        return float_from_double(0.0 * x);
    if (x == 0.0)
        return new_ref(number);
    RoundedDigits r;
    float_round_fixed(x, ndigits, &r);
    if (r.n == 0)
        return float_from_double(copysign(0.0, x));
    double magnitude = float_from_decimal(r.digits, r.n, r.exponent - (r.n - 1));
    if (isinf(magnitude)) {
        err_format(&type_overflow_error, "rounded value too large to represent");
        return NULL;
    }
    return float_from_double(copysign(magnitude, x));
}

Obj *rt_builtin_round2(Obj *number, Obj *ndigits) {
    if (ndigits == rt_none())
        return rt_builtin_round1(number);
    if (!is_int_like(number) && !is_float(number)) {
        err_format(&type_type_error, "type %T doesn't define __round__ method", number);
        return NULL;
    }
    if (!is_int_like(ndigits)) {
        err_format(&type_type_error, "'%T' object cannot be interpreted as an integer", ndigits);
        return NULL;
    }
    int64_t n = int_to_i64(ndigits); /* saturates: huge counts act like the bounds */
    if (is_float(number))
        return round_float(number, n);
    if (n >= 0)
        return exact_int(number);
    return round_int_negative(number, n);
}
