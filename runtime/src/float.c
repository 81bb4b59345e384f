/*
 * float.c — the float type: arithmetic with CPython's sign and error rules,
 * shortest round-trip repr, and parsing for float(str).
 *
 * Invariants:
 *  - Plain + - * follow IEEE (overflow gives inf, no exception); only
 *    division by zero, ** overflow and ** into complex raise.
 *  - repr picks the fewest significant digits (1..17) that read back to the
 *    same double, then lays them out as CPython does: fixed notation for
 *    decimal exponents in [-4, 16), scientific otherwise.
 */
#include "taipan_internal.h"
#include <math.h>
#include <string.h>

Obj *float_from_double(double v) {
    FloatObj *o = (FloatObj *)obj_alloc(&type_float, sizeof(FloatObj));
    if (!o)
        return NULL;
    o->value = v;
    return (Obj *)o;
}

Obj *float_exact(Obj *o) { return is_user_instance(o) ? float_from_double(float_value(o)) : new_ref(o); }

Obj *float_add(double a, double b) { return float_from_double(a + b); }
Obj *float_sub(double a, double b) { return float_from_double(a - b); }
Obj *float_mul(double a, double b) { return float_from_double(a * b); }

Obj *float_truediv(double a, double b) {
    if (b == 0.0) {
        err_format(&type_zero_division_error, "float division by zero");
        return NULL;
    }
    return float_from_double(a / b);
}

/* Shared by // and %: fmod is exact, and the quotient is derived from it so
 * that a == b*q + r holds as closely as doubles allow. */
static void float_divmod(double a, double b, double *quotient, double *remainder) {
    double mod = fmod(a, b);
    double div = (a - mod) / b;
    if (mod != 0.0) {
        if ((b < 0) != (mod < 0)) {
            mod += b;
            div -= 1.0;
        }
    } else {
        mod = copysign(0.0, b); /* Python's remainder takes the divisor's sign */
    }
    double floored;
    if (div != 0.0) {
        floored = floor(div);
        if (div - floored > 0.5)
            floored += 1.0; /* (a - mod) / b can land just below an integer */
    } else {
        floored = copysign(0.0, a / b);
    }
    *quotient = floored;
    *remainder = mod;
}

Obj *float_floordiv(double a, double b) {
    if (b == 0.0) {
        err_format(&type_zero_division_error, "float floor division by zero");
        return NULL;
    }
    double q, r;
    float_divmod(a, b, &q, &r);
    return float_from_double(q);
}

Obj *float_mod(double a, double b) {
    if (b == 0.0) {
        err_format(&type_zero_division_error, "float modulo");
        return NULL;
    }
    double q, r;
    float_divmod(a, b, &q, &r);
    return float_from_double(r);
}

Obj *float_pow(double x, double y) {
    if (y == 0.0)
        return float_from_double(1.0); /* even nan ** 0 */
    if (x == 0.0 && y < 0.0 && isfinite(y)) {
        err_format(&type_zero_division_error, "0.0 cannot be raised to a negative power");
        return NULL;
    }
    if (isfinite(x) && x < 0.0 && isfinite(y) && y != floor(y)) {
        err_format(&type_value_error, "complex numbers are not supported");
        return NULL;
    }
    double r = pow(x, y);
    if (isinf(r) && isfinite(x) && isfinite(y)) {
        /* CPython surfaces libm's ERANGE as an errno-style tuple message. */
        err_format(&type_overflow_error, "(34, 'Numerical result out of range')");
        return NULL;
    }
    return float_from_double(r);
}

int32_t float_repr_chars(double v, char *out) {
    if (isnan(v))
        return (int32_t)(strcpy(out, "nan"), 3);
    if (isinf(v))
        return v < 0 ? (strcpy(out, "-inf"), 4) : (strcpy(out, "inf"), 3);
    if (v == 0.0)
        return signbit(v) ? (strcpy(out, "-0.0"), 4) : (strcpy(out, "0.0"), 3);

    bool negative = v < 0;
    char digits[20];
    int32_t exponent;
    int32_t ndigits = float_shortest_digits(negative ? -v : v, digits, &exponent);

    int n = 0;
    if (negative)
        out[n++] = '-';
    if (exponent >= -4 && exponent < 16) {
        if (exponent < 0) {
            out[n++] = '0';
            out[n++] = '.';
            for (int z = -1; z > exponent; z--)
                out[n++] = '0';
            for (int i = 0; i < ndigits; i++)
                out[n++] = digits[i];
        } else {
            for (int i = 0; i <= exponent; i++)
                out[n++] = i < ndigits ? digits[i] : '0';
            out[n++] = '.';
            if (ndigits > exponent + 1)
                for (int i = exponent + 1; i < ndigits; i++)
                    out[n++] = digits[i];
            else
                out[n++] = '0';
        }
    } else {
        out[n++] = digits[0];
        if (ndigits > 1) {
            out[n++] = '.';
            for (int i = 1; i < ndigits; i++)
                out[n++] = digits[i];
        }
        out[n++] = 'e';
        out[n++] = exponent < 0 ? '-' : '+';
        int magnitude = exponent < 0 ? -exponent : exponent;
        if (magnitude >= 100)
            out[n++] = (char)('0' + magnitude / 100);
        out[n++] = (char)('0' + magnitude / 10 % 10);
        out[n++] = (char)('0' + magnitude % 10);
    }
    out[n] = '\0';
    return n;
}

Obj *float_repr(double v) {
    char text[40];
    float_repr_chars(v, text);
    return str_from_ascii(text);
}

static bool ascii_equal_nocase(const char *text, int32_t len, const char *word) {
    int32_t i = 0;
    for (; i < len && word[i]; i++) {
        char c = text[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (c != word[i])
            return false;
    }
    return i == len && word[i] == '\0';
}

/* Consumes digit (['_'] digit)* at text[*pos], appending the digits to
 * `digits` and counting them; false if no digit is there. */
static bool take_digit_part(const char *text, int32_t len, int32_t *pos, StrBuf *digits,
                            int32_t *count) {
    int32_t i = *pos;
    if (i >= len || text[i] < '0' || text[i] > '9')
        return false;
    while (i < len) {
        if (text[i] >= '0' && text[i] <= '9') {
            strbuf_append_char(digits, text[i++]);
            (*count)++;
        } else if (text[i] == '_' && i + 1 < len && text[i + 1] >= '0' && text[i + 1] <= '9') {
            i++;
        } else {
            break;
        }
    }
    *pos = i;
    return true;
}

/* Parses Python's float literal grammar (already stripped, ASCII):
 * [sign] (inf | infinity | nan | digits [. [digits]] | . digits) [e [sign] digits]
 * with single underscores between digits. Hex floats are rejected. */
static bool parse_float_text(const char *text, int32_t len, StrBuf *mantissa, double *out) {
    int32_t i = 0;
    bool negative = false;
    if (i < len && (text[i] == '+' || text[i] == '-'))
        negative = text[i++] == '-';
    const char *rest = text + i;
    int32_t rest_len = len - i;
    if (ascii_equal_nocase(rest, rest_len, "inf") || ascii_equal_nocase(rest, rest_len, "infinity")) {
        *out = negative ? -INFINITY : INFINITY;
        return true;
    }
    if (ascii_equal_nocase(rest, rest_len, "nan")) {
        *out = negative ? -NAN : NAN;
        return true;
    }
    int32_t int_digits = 0, frac_digits = 0, exp_digits = 0;
    bool int_part = take_digit_part(text, len, &i, mantissa, &int_digits);
    bool frac_part = false;
    if (i < len && text[i] == '.') {
        i++;
        frac_part = take_digit_part(text, len, &i, mantissa, &frac_digits);
    }
    if (!int_part && !frac_part)
        return false;
    int64_t exponent = 0;
    if (i < len && (text[i] == 'e' || text[i] == 'E')) {
        i++;
        bool exp_negative = false;
        if (i < len && (text[i] == '+' || text[i] == '-'))
            exp_negative = text[i++] == '-';
        StrBuf exp_text;
        strbuf_init(&exp_text);
        bool ok = take_digit_part(text, len, &i, &exp_text, &exp_digits);
        for (uint32_t d = 0; ok && d < exp_text.len; d++)
            if (exponent < 100000000) /* saturate: anything this big is 0 or inf */
                exponent = exponent * 10 + (exp_text.bytes[d] - '0');
        strbuf_release(&exp_text);
        if (!ok)
            return false;
        if (exp_negative)
            exponent = -exponent;
    }
    if (i != len)
        return false;
    if (mantissa->failed)
        return true; /* the caller reports MemoryError */
    double magnitude = float_from_decimal(mantissa->bytes, (int32_t)mantissa->len,
                                          (int32_t)(exponent - frac_digits));
    *out = negative ? -magnitude : magnitude;
    return true;
}

Obj *float_parse(Obj *text_obj) {
    const StrObj *s = (const StrObj *)text_obj;
    int32_t start = 0, end = s->length;
    while (start < end && unicode_is_space(str_char_at(s, start)))
        start++;
    while (end > start && unicode_is_space(str_char_at(s, end - 1)))
        end--;
    /* Fold Unicode decimal digits to ASCII; any other non-ASCII character
     * makes the text invalid, marked here with a byte the grammar rejects. */
    StrBuf ascii, clean;
    strbuf_init(&ascii);
    strbuf_init(&clean);
    for (int32_t i = start; i < end; i++) {
        uint32_t cp = str_char_at(s, i);
        int32_t digit = cp < 0x80 ? -1 : unicode_decimal_value(cp);
        strbuf_append_char(&ascii, digit >= 0 ? (char)('0' + digit) : cp < 0x80 ? (char)cp : '\x01');
    }
    double value = 0.0;
    bool valid = !ascii.failed && ascii.len > 0 &&
                 parse_float_text(ascii.bytes, (int32_t)ascii.len, &clean, &value);
    bool out_of_memory = ascii.failed || clean.failed;
    strbuf_release(&ascii);
    strbuf_release(&clean);
    if (out_of_memory) {
        err_no_memory();
        return NULL;
    }
    if (!valid) {
        Obj *quoted = str_repr(text_obj);
        if (quoted) {
            err_format(&type_value_error, "could not convert string to float: %S", quoted);
            rt_decref(quoted);
        }
        return NULL;
    }
    return float_from_double(value);
}
