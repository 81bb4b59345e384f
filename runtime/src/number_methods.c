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

/* ---- int.to_bytes / int.from_bytes ----------------------------------------
 * Both take (first, byteorder='big', *, signed=False); this binds them with
 * Argument Clinic's messages. out[] gets borrowed values or NULL. */
static bool bind_bytes_args(Obj *args, Obj *kwargs, const char *fname, const char *first, Obj *out[3]) {
    static const char *names[3] = {NULL, "byteorder", "signed"};
    names[0] = first;
    int32_t n = args_count(args);
    if (n > 2) {
        err_format(&type_type_error, "%s() takes at most 2 positional arguments (%d given)", fname, n);
        return false;
    }
    out[0] = out[1] = out[2] = NULL;
    for (int32_t k = 0; k < n; k++)
        out[k] = arg_at(args, k);
    if (kwargs) {
        const DictObj *d = (const DictObj *)kwargs;
        for (int32_t e = 0; e < d->entries_len; e++) {
            Obj *key = d->entries[e].key;
            if (!key)
                continue;
            int which = -1;
            for (int k = 0; k < 3; k++)
                if (str_equals_ascii(key, names[k]))
                    which = k;
            if (which < 0) {
                err_format(&type_type_error, "'%S' is an invalid keyword argument for %s()", key, fname);
                return false;
            }
            if (which < n) {
                err_format(&type_type_error, "argument for %s() given by name ('%s') and position (%d)", fname,
                           names[which], which + 1);
                return false;
            }
            out[which] = d->entries[e].value;
        }
    }
    return true;
}

/* byteorder: NULL (omitted) is 'big'; returns -1 with an error, 1 little, 0 big. */
static int parse_byteorder(Obj *o, const char *fname) {
    if (!o)
        return 0;
    if (type_id_of(o) != TYPE_ID_STR) {
        err_format(&type_type_error, "%s() argument 'byteorder' must be str, not %T", fname, o);
        return -1;
    }
    if (str_equals_ascii(o, "little"))
        return 1;
    if (str_equals_ascii(o, "big"))
        return 0;
    err_format(&type_value_error, "byteorder must be either 'little' or 'big'");
    return -1;
}

static int parse_signed(Obj *o) { return o ? rt_truthy(o) : 0; }

static Obj *int_to_bytes(Obj *self, Obj *args, Obj *kwargs) {
    Obj *a[3];
    if (!bind_bytes_args(args, kwargs, "to_bytes", "length", a))
        return NULL;
    int64_t length = 1;
    if (a[0]) {
        TypeId t = type_id_of(a[0]);
        if (t != TYPE_ID_INT && t != TYPE_ID_BOOL) {
            err_format(&type_type_error, "'%T' object cannot be interpreted as an integer", a[0]);
            return NULL;
        }
        if (!int_to_i64_checked(a[0], &length) || length > INT32_MAX) {
            /* CPython's limit is ssize_t; a wasm32 bytes cannot exceed int32 anyway */
            err_format(&type_overflow_error, "Python int too large to convert to C ssize_t");
            return NULL;
        }
    }
    int little = parse_byteorder(a[1], "to_bytes");
    int is_signed = little < 0 ? -1 : parse_signed(a[2]);
    if (little < 0 || is_signed < 0)
        return NULL;
    if (length < 0) {
        err_format(&type_value_error, "length argument must be non-negative");
        return NULL;
    }
    const uint32_t *digits;
    uint32_t scratch;
    int32_t n = magnitude_of(self, &digits, &scratch);
    bool negative = int_sign(self) < 0;
    if (negative && !is_signed) {
        err_format(&type_overflow_error, "can't convert negative int to unsigned");
        return NULL;
    }
    /* Fits when the bits needed (two's complement for signed) are at most
     * 8 * length. A negative value -m needs bit_length(m - 1) + 1 bits. */
    int64_t bits = nat_bit_length(digits, n);
    if (negative) {
        bool power_of_two = true; /* m a power of two: m - 1 has one bit fewer */
        for (int32_t k = 0; k < n && power_of_two; k++) {
            uint32_t d = digits[k];
            if (k < n - 1 ? d != 0 : (d & (d - 1)) != 0)
                power_of_two = false;
        }
        bits = power_of_two ? bits : bits + 1;
    } else if (is_signed && bits > 0) {
        bits += 1;
    }
    /* CPython quirk: (-1).to_bytes(0, signed=True) is b'' (its sign check
     * never runs when no byte is written), while every other value needs a byte. */
    if (negative && length == 0 && n == 1 && digits[0] == 1)
        bits = 0;
    if (bits > length * 8) {
        err_format(&type_overflow_error, "int too big to convert");
        return NULL;
    }
    Obj *out = bytes_new((int32_t)length);
    if (!out)
        return NULL;
    uint8_t *data = ((BytesObj *)out)->data;
    /* Little-endian two's complement, one byte at a time: negate on the fly
     * by inverting and propagating the +1 carry. */
    uint32_t carry = 1;
    for (int64_t k = 0; k < length; k++) {
        int32_t di = (int32_t)(k / 4);
        uint32_t byte = di < n ? (digits[di] >> (8 * (k % 4))) & 0xFF : 0;
        if (negative) {
            byte = (~byte & 0xFF) + carry;
            carry = byte >> 8;
            byte &= 0xFF;
        }
        data[little ? k : length - 1 - k] = (uint8_t)byte;
    }
    return out;
}

Obj *int_from_bytes(Obj *args, Obj *kwargs) {
    Obj *a[3];
    if (!bind_bytes_args(args, kwargs, "from_bytes", "bytes", a))
        return NULL;
    if (!a[0]) {
        err_format(&type_type_error, "from_bytes() missing required argument 'bytes' (pos 1)");
        return NULL;
    }
    int little = parse_byteorder(a[1], "from_bytes");
    int is_signed = little < 0 ? -1 : parse_signed(a[2]);
    if (little < 0 || is_signed < 0)
        return NULL;
    Obj *bytes;
    TypeId t = type_id_of(a[0]);
    if (t == TYPE_ID_BYTES) {
        bytes = new_ref(a[0]);
    } else if (t == TYPE_ID_STR || t == TYPE_ID_INT || t == TYPE_ID_BOOL || t == TYPE_ID_FLOAT) {
        /* PyBytes_FromObject, unlike bytes(), takes neither a count nor text */
        err_format(&type_type_error, "cannot convert '%T' object to bytes", a[0]);
        return NULL;
    } else {
        bytes = rt_builtin_bytes(a[0]);
        if (!bytes)
            return NULL;
    }
    const BytesObj *b = (const BytesObj *)bytes;
    int32_t len = b->length;
    int32_t ndigits = len / 4 + 1;
    uint32_t *mag = (uint32_t *)heap_alloc((uint32_t)ndigits * 4);
    if (!mag) {
        rt_decref(bytes);
        err_no_memory();
        return NULL;
    }
    memset(mag, 0, (size_t)ndigits * 4);
    for (int32_t k = 0; k < len; k++) {
        uint8_t byte = b->data[little ? k : len - 1 - k]; /* k-th least significant */
        mag[k / 4] |= (uint32_t)byte << (8 * (k % 4));
    }
    bool negative = is_signed && len > 0 && (b->data[little ? len - 1 : 0] & 0x80);
    if (negative) {
        /* two's complement over len bytes: magnitude = 2^(8 len) - value */
        uint32_t carry = 1;
        for (int32_t k = 0; k < len; k++) {
            uint32_t byte = ((mag[k / 4] >> (8 * (k % 4))) & 0xFF);
            byte = (~byte & 0xFF) + carry;
            carry = byte >> 8;
            mag[k / 4] = (mag[k / 4] & ~(0xFFu << (8 * (k % 4)))) | ((byte & 0xFF) << (8 * (k % 4)));
        }
    }
    rt_decref(bytes);
    Obj *result = int_from_magnitude(mag, nat_trim(mag, ndigits), negative);
    heap_free(mag, (uint32_t)ndigits * 4);
    return result;
}

static Obj *int_method(Obj *self, Obj *name, Obj *args, Obj *kwargs, bool *found) {
    static const char *const names[] = {"bit_length", "bit_count", "conjugate", "as_integer_ratio"};
    static const char *const qualified[] = {"int.bit_length", "int.bit_count", "int.conjugate",
                                            "int.as_integer_ratio"};
    int which = name_index(name, names, 4);
    if (which < 0) {
        if (str_equals_ascii(name, "to_bytes")) {
            *found = true;
            return int_to_bytes(self, args, kwargs);
        }
        return NULL;
    }
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
    case 2: return int_exact(self);
    default: {
        Obj *numerator = int_exact(self);
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
    int which = name_index(name, names, 4);
    if (which < 0) {
        if (str_equals_ascii(name, "to_bytes")) {
            *found = true;
            return int_to_bytes(self, args, kwargs);
        }
        return NULL;
    }
    *found = true;
    if (!check_no_kwargs(kwargs, qualified[which]) || !check_no_args(args, qualified[which]))
        return NULL;
    double x = float_value(self);
    switch (which) {
    case 0: return bool_obj(isfinite(x) && floor(x) == x);
    case 1: return float_integer_ratio(x);
    case 2: return float_hex(x);
    default: return float_exact(self);
    }
}

Obj *number_getattr(Obj *self, Obj *name, bool *found) {
    *found = true;
    if (str_equals_ascii(name, "real"))
        return is_float(self) ? float_exact(self) : int_exact(self);
    if (str_equals_ascii(name, "imag"))
        return is_float(self) ? float_from_double(0.0) : small_int_make(0);
    if (!is_float(self) && str_equals_ascii(name, "numerator"))
        return int_exact(self);
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
        return float_exact(number);
    if (ndigits < -308)
        return float_from_double(0.0 * x);
    if (x == 0.0)
        return float_exact(number);
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
    if (is_user_instance(number)) {
        bool found;
        Obj *r = special_call_by_name(number, "__round__", 1, &ndigits, &found);
        if (found)
            return r;
    }
    if ((is_int_like(number) || is_float(number)) && is_user_instance(ndigits)) {
        Obj *n = number_index(ndigits);
        Obj *r = n ? rt_builtin_round2(number, n) : NULL;
        rt_decref(n);
        return r;
    }
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
        return int_exact(number);
    return round_int_negative(number, n);
}
