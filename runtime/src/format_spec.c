/*
 * format_spec.c — format(value, spec): the format-spec mini-language
 * [[fill]align][sign][z][#][0][width][grouping][.precision][type] for int,
 * bool, float and str with CPython 3.11's results and messages, plus the
 * exact float-to-decimal rounding that printf-style formatting and
 * round(x, n) share, and rt_build_string (the f-string join).
 *
 * Invariants:
 *  - Float text is derived from the exact decimal expansion of the double
 *    (float_exact_digits), rounded half-even on that exact value, so every
 *    'e'/'f'/'g'/'%' result is correctly rounded like CPython's dtoa.
 *  - Numbers are laid out as [pad][sign][prefix][pad|zeros][digits][rest][pad]
 *    where `digits` is the integer digit run (grouped; zero padding with '='
 *    and fill '0' happens inside the grouping, as CPython does) and `rest`
 *    is the decimal point, fraction, exponent or '%'.
 *  - Nothing here is reachable from the error or repr paths every program
 *    uses, so programs that never format pay nothing for this file.
 */
#include "taipan_internal.h"
#include <math.h>
#include <string.h>

/* ---- exact rounding of doubles --------------------------------------------- */

/* Rounds the exact digits of |v| so that the last kept digit has weight
 * 10^lowest_place (when by_place) or so that `significant` digits remain.
 * The result has no trailing zeros; n == 0 means the value rounded to 0. */
static void round_exact(double v, bool by_place, int64_t lowest_place, int64_t significant,
                        RoundedDigits *out) {
    v = fabs(v);
    out->n = 0;
    out->exponent = 0;
    if (v == 0.0)
        return;
    int32_t top;
    int32_t n = float_exact_digits(v, out->digits, &top);
    int64_t keep = by_place ? (int64_t)top - lowest_place + 1 : significant;
    out->exponent = top;
    if (keep >= n) {
        out->n = n;
        return;
    }
    if (keep < 0) /* every digit is below half a unit of the last place */
        return;
    /* Half-even on the exact value: above half rounds up; exactly half rounds
     * to the even neighbour (the digit before a leading drop is an implicit 0). */
    char first_dropped = out->digits[keep];
    bool tail_nonzero = false;
    for (int32_t i = (int32_t)keep + 1; i < n && !tail_nonzero; i++)
        tail_nonzero = out->digits[i] != '0';
    bool last_odd = keep > 0 && ((out->digits[keep - 1] - '0') & 1);
    bool up = first_dropped > '5' || (first_dropped == '5' && (tail_nonzero || last_odd));
    int32_t kept = (int32_t)keep;
    if (up) {
        int32_t i = kept - 1;
        while (i >= 0 && out->digits[i] == '9')
            i--;
        if (i < 0) { /* all nines (or nothing kept): becomes 1 at the next place up */
            out->digits[0] = '1';
            kept = 1;
            out->exponent = top + 1;
        } else {
            out->digits[i]++;
            kept = i + 1;
        }
    }
    while (kept > 0 && out->digits[kept - 1] == '0')
        kept--;
    out->n = kept;
}

void float_round_fixed(double v, int64_t fraction_digits, RoundedDigits *out) {
    round_exact(v, true, -fraction_digits, 0, out);
}

void float_round_significant(double v, int64_t significant, RoundedDigits *out) {
    round_exact(v, false, 0, significant, out);
}

static char digit_at(const RoundedDigits *r, int64_t place) {
    int64_t index = r->exponent - place;
    return index >= 0 && index < r->n ? r->digits[index] : '0';
}

static void append_zeros(StrBuf *out, int64_t count) {
    static const char zeros[] = "0000000000000000";
    while (count > 0 && !out->failed) {
        uint32_t chunk = count > 16 ? 16 : (uint32_t)count;
        strbuf_append(out, zeros, chunk);
        count -= chunk;
    }
}

/* Fixed notation with `fraction_digits` digits after the point. */
static void append_fixed(StrBuf *out, const RoundedDigits *r, int64_t fraction_digits, bool force_point) {
    if (r->n == 0 || r->exponent < 0) {
        strbuf_append_char(out, '0');
    } else {
        for (int64_t place = r->exponent; place >= 0; place--)
            strbuf_append_char(out, digit_at(r, place));
    }
    if (fraction_digits > 0 || force_point)
        strbuf_append_char(out, '.');
    int64_t place = -1;
    /* Digits that exist, then a run of zeros (precision can be huge). */
    for (; place >= -fraction_digits && (r->n > 0 && r->exponent - place < r->n); place--)
        strbuf_append_char(out, digit_at(r, place));
    append_zeros(out, fraction_digits + place + 1);
}

static void append_exponent(StrBuf *out, int32_t exponent) {
    strbuf_append_char(out, 'e');
    strbuf_append_char(out, exponent < 0 ? '-' : '+');
    int32_t magnitude = exponent < 0 ? -exponent : exponent;
    if (magnitude < 10)
        strbuf_append_char(out, '0');
    strbuf_append_i64(out, magnitude);
}

/* d.ddd e±XX with `fraction_digits` digits after the point. */
static void append_scientific(StrBuf *out, const RoundedDigits *r, int64_t fraction_digits, bool force_point) {
    strbuf_append_char(out, r->n ? r->digits[0] : '0');
    if (fraction_digits > 0 || force_point)
        strbuf_append_char(out, '.');
    int64_t i = 1;
    for (; i <= fraction_digits && i < r->n; i++)
        strbuf_append_char(out, r->digits[i]);
    append_zeros(out, fraction_digits - i + 1);
    append_exponent(out, r->n ? r->exponent : 0);
}

/* Drops trailing zeros of the fraction (and a bare point) from the text
 * appended since `start`, keeping any exponent suffix. */
static void strip_fraction_zeros(StrBuf *out, uint32_t start) {
    char *text = out->bytes + start;
    uint32_t len = out->len - start;
    uint32_t point = len, exp = len;
    for (uint32_t i = 0; i < len; i++) {
        if (text[i] == '.')
            point = i;
        if (text[i] == 'e')
            exp = i;
    }
    if (point == len)
        return;
    uint32_t end = exp;
    while (end > point + 1 && text[end - 1] == '0')
        end--;
    if (end == point + 1)
        end = point;
    memmove(text + end, text + exp, len - exp);
    out->len = start + end + (len - exp);
}

bool float_format_magnitude(StrBuf *out, double v, char type, int64_t precision, bool alternate,
                            bool add_dot_0, bool no_neg_zero) {
    if (isnan(v)) {
        strbuf_append_cstr(out, "nan");
        return false;
    }
    bool negative = signbit(v) != 0;
    if (isinf(v)) {
        strbuf_append_cstr(out, "inf");
        return negative;
    }
    RoundedDigits r;
    uint32_t start = out->len;
    switch (type) {
    case 'f':
        float_round_fixed(v, precision, &r);
        append_fixed(out, &r, precision, alternate);
        break;
    case 'e':
        float_round_significant(v, precision + 1, &r);
        append_scientific(out, &r, precision, alternate);
        break;
    case 'g': {
        int64_t p = precision == 0 ? 1 : precision;
        float_round_significant(v, p, &r);
        int32_t x = r.n ? r.exponent : 0;
        /* CPython switches to exponent one digit earlier for the empty
         * type, so the ".0" it appends never shows more than p digits. */
        bool fixed = x >= -4 && x < (add_dot_0 ? p - 1 : p);
        if (fixed)
            append_fixed(out, &r, p - 1 - x, alternate);
        else
            append_scientific(out, &r, p - 1, alternate);
        if (!alternate)
            strip_fraction_zeros(out, start);
        if (add_dot_0 && fixed && !memchr(out->bytes + start, '.', out->len - start))
            strbuf_append_cstr(out, ".0");
        break;
    }
    default: { /* 'r': the shortest round-trip digits, laid out like repr */
        char text[40];
        int32_t n = float_repr_chars(fabs(v), text);
        if (alternate && !memchr(text, '.', (size_t)n)) {
            char *e = memchr(text, 'e', (size_t)n);
            int32_t at = (int32_t)(e - text);
            strbuf_append(out, text, (uint32_t)at);
            strbuf_append_char(out, '.');
            strbuf_append(out, e, (uint32_t)(n - at));
        } else {
            strbuf_append(out, text, (uint32_t)n);
        }
        return negative && !(no_neg_zero && v == 0.0);
    }
    }
    return negative && !(no_neg_zero && r.n == 0);
}

/* ---- the spec ------------------------------------------------------------- */

typedef struct FormatSpec {
    uint32_t fill;
    uint32_t align;     /* '<' '>' '=' '^' */
    uint32_t sign;      /* '+' '-' ' ' or 0 */
    bool no_neg_zero;   /* 'z' */
    bool alternate;     /* '#' */
    uint32_t grouping;  /* ',' '_' or 0 */
    int64_t width;      /* -1 when absent */
    int64_t precision;  /* -1 when absent */
    uint32_t type;      /* 0 when absent */
} FormatSpec;

static bool is_align(uint32_t c) { return c == '<' || c == '>' || c == '=' || c == '^'; }

/* Reads a run of decimal digits (any Unicode Nd, as CPython does); false
 * with ValueError when it overflows a 64-bit size. *consumed counts them. */
static bool read_integer(const StrObj *s, int32_t *pos, int64_t *out, int32_t *consumed) {
    int64_t value = 0;
    *consumed = 0;
    while (*pos < s->length) {
        int32_t d = unicode_decimal_value(str_char_at(s, *pos));
        if (d < 0)
            break;
        if (value > (INT64_MAX - d) / 10) {
            err_format(&type_value_error, "Too many decimal digits in format string");
            return false;
        }
        value = value * 10 + d;
        (*pos)++;
        (*consumed)++;
    }
    *out = value;
    return true;
}

/* c in lower-case hex without leading zeros (CPython's %x). */
static void hex_text(uint32_t c, char text[12]) {
    static const char hex[] = "0123456789abcdef";
    int n = 0, shift = 28;
    while (shift > 0 && ((c >> shift) & 0xF) == 0)
        shift -= 4;
    for (; shift >= 0; shift -= 4)
        text[n++] = hex[(c >> shift) & 0xF];
    text[n] = 0;
}

static void raise_bad_code(const char *template_printable, const char *template_hex, uint32_t c, Obj *value) {
    if (c > 32 && c < 128) {
        char ch[2] = {(char)c, 0};
        err_format(&type_value_error, template_printable, ch, type_name_of(value));
    } else {
        char text[12];
        hex_text(c, text);
        err_format(&type_value_error, template_hex, text, type_name_of(value));
    }
}

static void raise_unknown_code(uint32_t type, Obj *value) {
    raise_bad_code("Unknown format code '%s' for object of type '%s'",
                   "Unknown format code '\\x%s' for object of type '%s'", type, value);
}

static bool parse_spec(Obj *spec_obj, Obj *value, uint32_t default_align, uint32_t default_type,
                       FormatSpec *spec) {
    const StrObj *s = (const StrObj *)spec_obj;
    int32_t pos = 0, end = s->length;
    spec->fill = ' ';
    spec->align = default_align;
    spec->sign = 0;
    spec->no_neg_zero = false;
    spec->alternate = false;
    spec->grouping = 0;
    spec->width = -1;
    spec->precision = -1;
    spec->type = default_type; /* str 's', int 'd', float none: matters for grouping errors */
    bool fill_given = false, align_given = false;
    if (end - pos >= 2 && is_align(str_char_at(s, pos + 1))) {
        spec->fill = str_char_at(s, pos);
        spec->align = str_char_at(s, pos + 1);
        fill_given = align_given = true;
        pos += 2;
    } else if (end - pos >= 1 && is_align(str_char_at(s, pos))) {
        spec->align = str_char_at(s, pos);
        align_given = true;
        pos++;
    }
    if (pos < end) {
        uint32_t c = str_char_at(s, pos);
        if (c == '+' || c == '-' || c == ' ') {
            spec->sign = c;
            pos++;
        }
    }
    if (pos < end && str_char_at(s, pos) == 'z') {
        spec->no_neg_zero = true;
        pos++;
    }
    if (pos < end && str_char_at(s, pos) == '#') {
        spec->alternate = true;
        pos++;
    }
    /* A leading '0' means zero padding; it only implies '=' for the types
     * whose default alignment is right (numbers), as in CPython 3.10+. */
    if (!fill_given && pos < end && str_char_at(s, pos) == '0') {
        spec->fill = '0';
        if (!align_given && default_align == '>')
            spec->align = '=';
        pos++;
    }
    int32_t consumed;
    if (!read_integer(s, &pos, &spec->width, &consumed))
        return false;
    if (consumed == 0)
        spec->width = -1;
    if (pos < end && str_char_at(s, pos) == ',') {
        spec->grouping = ',';
        pos++;
    }
    if (pos < end && str_char_at(s, pos) == '_') {
        if (spec->grouping) {
            err_format(&type_value_error, "Cannot specify both ',' and '_'.");
            return false;
        }
        spec->grouping = '_';
        pos++;
    }
    if (pos < end && str_char_at(s, pos) == ',' && spec->grouping == '_') {
        err_format(&type_value_error, "Cannot specify both ',' and '_'.");
        return false;
    }
    if (pos < end && str_char_at(s, pos) == '.') {
        pos++;
        if (!read_integer(s, &pos, &spec->precision, &consumed))
            return false;
        if (consumed == 0) {
            err_format(&type_value_error, "Format specifier missing precision");
            return false;
        }
    }
    if (end - pos > 1) {
        err_format(&type_value_error, "Invalid format specifier '%S' for object of type '%T'", spec_obj, value);
        return false;
    }
    if (end - pos == 1)
        spec->type = str_char_at(s, pos);
    if (spec->grouping) {
        switch (spec->type) {
        case 'd': case 'e': case 'f': case 'g': case 'E': case 'G': case '%': case 'F': case 0:
            break;
        case 'b': case 'o': case 'x': case 'X':
            if (spec->grouping == '_')
                break;
            /* fall through */
        default: {
            char sep[2] = {(char)spec->grouping, 0};
            if (spec->type > 32 && spec->type < 128) {
                char ch[2] = {(char)spec->type, 0};
                err_format(&type_value_error, "Cannot specify '%s' with '%s'.", sep, ch);
            } else {
                char hex[12];
                hex_text(spec->type, hex);
                err_format(&type_value_error, "Cannot specify '%s' with '\\x%s'.", sep, hex);
            }
            return false;
        }
        }
    }
    return true;
}

/* ---- layout --------------------------------------------------------------- */

static void append_fill(StrBuf *out, uint32_t fill, int64_t count) {
    if (fill == '0') {
        append_zeros(out, count);
        return;
    }
    for (; count > 0 && !out->failed; count--)
        strbuf_append_codepoint(out, fill);
}

/* Appends digits[0..n) grouped from the right every `group` digits with
 * `separator` (group 0: no grouping), zero-extended to at least min_width
 * characters; a separator never leads, so the result may exceed min_width
 * by one zero (CPython: 1234 with '08,' gives '0,001,234'). */
static void append_grouped(StrBuf *out, const char *digits, int64_t n, int64_t min_width, int32_t group,
                           char separator) {
    if (n == 0)
        return; /* inf/nan text: CPython pads those outside the digits */
    StrBuf reversed;
    strbuf_init(&reversed);
    int64_t remaining = n;
    bool use_separator = false;
    for (;;) {
        int64_t wanted = remaining > min_width ? remaining : min_width;
        if (wanted < 1)
            wanted = 1;
        int64_t l = group > 0 && group < wanted ? group : wanted;
        int64_t n_zeros = l > remaining ? l - remaining : 0;
        int64_t n_chars = remaining < l ? remaining : l;
        if (use_separator)
            strbuf_append_char(&reversed, separator);
        for (int64_t k = 0; k < n_chars; k++)
            strbuf_append_char(&reversed, digits[remaining - 1 - k]);
        append_zeros(&reversed, n_zeros);
        remaining -= n_chars;
        min_width -= l;
        if (group == 0 || (remaining <= 0 && min_width <= 0) || reversed.failed)
            break;
        min_width -= 1;
        use_separator = true;
    }
    if (reversed.failed)
        out->failed = true;
    for (uint32_t i = reversed.len; i > 0; i--)
        strbuf_append_char(out, reversed.bytes[i - 1]);
    strbuf_release(&reversed);
}

static int64_t grouped_length(int64_t n, int64_t min_width, int32_t group) {
    if (n == 0)
        return 0;
    int64_t total = 0, remaining = n;
    bool use_separator = false;
    for (;;) {
        int64_t wanted = remaining > min_width ? remaining : min_width;
        if (wanted < 1)
            wanted = 1;
        int64_t l = group > 0 && group < wanted ? group : wanted;
        total += l + (use_separator ? 1 : 0);
        remaining -= remaining < l ? remaining : l;
        min_width -= l;
        if (group == 0 || (remaining <= 0 && min_width <= 0))
            break;
        min_width -= 1;
        use_separator = true;
    }
    return total;
}

static Obj *layout_number(const FormatSpec *spec, bool negative, const char *prefix, const char *digits,
                          int64_t ndigits, const char *rest, int64_t nrest_bytes, int32_t group) {
    int64_t nrest = 0; /* code points: rest is UTF-8 (a 'c' character may be wide) */
    for (int64_t i = 0; i < nrest_bytes; i++)
        nrest += ((uint8_t)rest[i] & 0xC0) != 0x80;
    char sign = negative ? '-' : spec->sign == '+' ? '+' : spec->sign == ' ' ? ' ' : 0;
    int64_t nsign = sign ? 1 : 0, nprefix = (int64_t)strlen(prefix);
    int64_t width = spec->width < 0 ? 0 : spec->width;
    int64_t min_width = spec->fill == '0' && spec->align == '=' ? width - nsign - nprefix - nrest : 0;
    char separator = (char)spec->grouping;
    if (!separator)
        group = 0;
    int64_t ngrouped = grouped_length(ndigits, min_width, group);
    int64_t padding = width - nsign - nprefix - ngrouped - nrest;
    if (padding < 0)
        padding = 0;
    int64_t left = 0, right = 0, inner = 0;
    switch (spec->align) {
    case '<': right = padding; break;
    case '^': left = padding / 2; right = padding - left; break;
    case '=': inner = padding; break;
    default: left = padding; break;
    }
    if (left + right + inner + ngrouped + nrest > 0x7ffffff0) {
        err_no_memory();
        return NULL;
    }
    StrBuf out;
    strbuf_init(&out);
    append_fill(&out, spec->fill, left);
    if (sign)
        strbuf_append_char(&out, sign);
    strbuf_append_cstr(&out, prefix);
    append_fill(&out, spec->fill, inner);
    append_grouped(&out, digits, ndigits, min_width, group, separator);
    strbuf_append(&out, rest, (uint32_t)nrest_bytes);
    append_fill(&out, spec->fill, right);
    return strbuf_finish(&out);
}

/* ---- per type -------------------------------------------------------------- */

static Obj *format_str(Obj *value, const FormatSpec *spec) {
    if (spec->type != 0 && spec->type != 's') {
        raise_unknown_code(spec->type, value);
        return NULL;
    }
    if (spec->sign) {
        err_format(&type_value_error, spec->sign == ' ' ? "Space not allowed in string format specifier"
                                                        : "Sign not allowed in string format specifier");
        return NULL;
    }
    if (spec->no_neg_zero) {
        err_format(&type_value_error, "Negative zero coercion (z) not allowed in string format specifier");
        return NULL;
    }
    if (spec->alternate) {
        err_format(&type_value_error, "Alternate form (#) not allowed in string format specifier");
        return NULL;
    }
    if (spec->align == '=') {
        err_format(&type_value_error, "'=' alignment not allowed in string format specifier");
        return NULL;
    }
    const StrObj *s = (const StrObj *)value;
    int64_t len = s->length;
    if (spec->precision >= 0 && spec->precision < len)
        len = spec->precision;
    int64_t padding = spec->width > len ? spec->width - len : 0;
    if (padding == 0 && len == s->length)
        return new_ref(value); /* CPython hands back the value itself, a str subclass's too */
    int64_t left = spec->align == '>' ? padding : spec->align == '^' ? padding / 2 : 0;
    if (padding > 0x7ffffff0) {
        err_no_memory();
        return NULL;
    }
    StrBuf out;
    strbuf_init(&out);
    append_fill(&out, spec->fill, left);
    for (int32_t i = 0; i < len; i++)
        strbuf_append_codepoint(&out, str_char_at(s, i));
    append_fill(&out, spec->fill, padding - left);
    return strbuf_finish(&out);
}

static Obj *format_float_value(Obj *value, double v, const FormatSpec *spec) {
    uint32_t type = spec->type;
    bool add_dot_0 = false, percent = false, upper = false;
    int64_t precision = spec->precision;
    char mode;
    switch (type) {
    case 0: mode = precision < 0 ? 'r' : 'g'; add_dot_0 = true; break;
    case 'e': case 'f': case 'g': mode = (char)type; break;
    case 'E': case 'F': case 'G': mode = (char)(type + 32); upper = true; break;
    case 'n': mode = 'g'; break;
    case '%': mode = 'f'; percent = true; v *= 100.0; break;
    default:
        raise_unknown_code(type, value);
        return NULL;
    }
    if (precision < 0)
        precision = 6;
    if (precision > INT32_MAX) {
        err_format(&type_value_error, "precision too big");
        return NULL;
    }
    StrBuf text;
    strbuf_init(&text);
    bool negative = float_format_magnitude(&text, v, mode, precision, spec->alternate, add_dot_0, spec->no_neg_zero);
    if (percent)
        strbuf_append_char(&text, '%');
    if (upper)
        for (uint32_t i = 0; i < text.len; i++)
            if (text.bytes[i] >= 'a' && text.bytes[i] <= 'z')
                text.bytes[i] = (char)(text.bytes[i] - 32);
    Obj *result = NULL;
    if (text.failed) {
        err_no_memory();
    } else {
        int64_t ndigits = 0;
        while (ndigits < text.len && text.bytes[ndigits] >= '0' && text.bytes[ndigits] <= '9')
            ndigits++;
        result = layout_number(spec, negative, "", text.bytes, ndigits, text.bytes + ndigits,
                               (int64_t)text.len - ndigits, 3);
    }
    strbuf_release(&text);
    return result;
}

/* The magnitude digits of an int in base 2, 8, 10 or 16 (lower case). */
Obj *int_magnitude_digits(Obj *value, int32_t base) {
    Obj *text;
    switch (base) {
    case 2: text = rt_builtin_bin(value); break;
    case 8: text = rt_builtin_oct(value); break;
    case 16: text = rt_builtin_hex(value); break;
    default: text = int_to_decimal_str(value); break;
    }
    if (!text)
        return NULL;
    const StrObj *s = (const StrObj *)text;
    int32_t skip = (s->data[0] == '-' ? 1 : 0) + (base == 10 ? 0 : 2);
    if (skip == 0)
        return text;
    Obj *digits = str_new_uninit(s->length - skip, 1);
    if (digits)
        memcpy(((StrObj *)digits)->data, s->data + skip, (size_t)(s->length - skip));
    rt_decref(text);
    return digits;
}

static Obj *format_int(Obj *value, const FormatSpec *spec) {
    uint32_t type = spec->type;
    switch (type) {
    case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': case '%': {
        double d;
        if (!int_to_double(value, &d))
            return NULL;
        return format_float_value(value, d, spec);
    }
    case 0: case 'd': case 'n': case 'b': case 'o': case 'x': case 'X': case 'c':
        break;
    default:
        raise_unknown_code(type, value);
        return NULL;
    }
    if (spec->precision >= 0) {
        err_format(&type_value_error, "Precision not allowed in integer format specifier");
        return NULL;
    }
    if (spec->no_neg_zero) {
        err_format(&type_value_error, "Negative zero coercion (z) not allowed in integer format specifier");
        return NULL;
    }
    if (type == 'c') {
        if (spec->sign) {
            err_format(&type_value_error, "Sign not allowed with integer format specifier 'c'");
            return NULL;
        }
        if (spec->alternate) {
            err_format(&type_value_error, "Alternate form (#) not allowed with integer format specifier 'c'");
            return NULL;
        }
        int64_t cp;
        if (!int_to_i64_checked(value, &cp)) {
            err_format(&type_overflow_error, "Python int too large to convert to C long");
            return NULL;
        }
        if (cp < 0 || cp > 0x10FFFF) {
            err_format(&type_overflow_error, "%%c arg not in range(0x110000)");
            return NULL;
        }
        /* The character is laid out as a number with no digits: no zero
         * padding inside it, but '=' and fill apply around it. */
        StrBuf text;
        strbuf_init(&text);
        strbuf_append_codepoint(&text, (uint32_t)cp);
        FormatSpec plain = *spec;
        Obj *result = NULL;
        if (text.failed)
            err_no_memory();
        else
            result = layout_number(&plain, false, "", "", 0, text.bytes, text.len, 0);
        strbuf_release(&text);
        return result;
    }
    int32_t base = type == 'b' ? 2 : type == 'o' ? 8 : type == 'x' || type == 'X' ? 16 : 10;
    Obj *digits = int_magnitude_digits(value, base);
    if (!digits)
        return NULL;
    StrObj *d = (StrObj *)digits;
    if (type == 'X') {
        if (d->header.refcnt < 0 || d->header.refcnt > 1) { /* never mutate a shared str */
            Obj *copy = str_new_uninit(d->length, 1);
            if (!copy) {
                rt_decref(digits);
                return NULL;
            }
            memcpy(((StrObj *)copy)->data, d->data, (size_t)d->length);
            rt_decref(digits);
            digits = copy;
            d = (StrObj *)copy;
        }
        for (int32_t i = 0; i < d->length; i++)
            if (d->data[i] >= 'a' && d->data[i] <= 'f')
                d->data[i] = (uint8_t)(d->data[i] - 32);
    }
    const char *prefix = "";
    if (spec->alternate)
        prefix = type == 'b' ? "0b" : type == 'o' ? "0o" : type == 'x' ? "0x" : type == 'X' ? "0X" : "";
    int32_t group = base == 10 ? (type == 'n' ? 0 : 3) : 4;
    Obj *result = layout_number(spec, int_sign(value) < 0, prefix, (const char *)d->data, d->length, "", 0, group);
    rt_decref(digits);
    return result;
}

/* ---- entry points ---------------------------------------------------------- */

/* format(value, spec) through a user class's __format__, which must
 * return a str; *found false when no user class defines it. */
static Obj *user_format(Obj *value, Obj *spec, bool *found) {
    Obj *r = special_call_by_name(value, "__format__", 1, &spec, found);
    if (r && !is_str(r)) {
        err_format(&type_type_error, "__format__ must return a str, not %T", r);
        rt_decref(r);
        return NULL;
    }
    return r;
}

Obj *rt_format(Obj *value, Obj *spec_obj) {
    if (is_user_instance(value)) {
        bool found;
        Obj *r = user_format(value, spec_obj, &found);
        if (found)
            return r;
        if (((const StrObj *)spec_obj)->length == 0)
            return rt_str(value); /* object's, int's, str's ... __format__ with '': str(self) */
    }
    TypeId id = type_id_of(value);
    const StrObj *spec_str = (const StrObj *)spec_obj;
    if (spec_str->length == 0 && (id == TYPE_ID_STR || id == TYPE_ID_INT))
        return id == TYPE_ID_STR ? new_ref(value) : rt_str(value);
    FormatSpec spec;
    switch (id) {
    case TYPE_ID_STR:
        if (!parse_spec(spec_obj, value, '<', 's', &spec))
            return NULL;
        return format_str(value, &spec);
    case TYPE_ID_INT:
    case TYPE_ID_BOOL:
        if (spec_str->length == 0)
            return rt_str(value); /* format(True, '') is 'True' */
        if (!parse_spec(spec_obj, value, '>', 'd', &spec))
            return NULL;
        return format_int(value, &spec);
    case TYPE_ID_FLOAT:
        if (!parse_spec(spec_obj, value, '>', 0, &spec))
            return NULL;
        return format_float_value(value, float_value(value), &spec);
    default:
        if (spec_str->length == 0)
            return rt_str(value);
        err_format(&type_type_error, "unsupported format string passed to %T.__format__", value);
        return NULL;
    }
}

Obj *rt_builtin_format(Obj *value, Obj *spec) {
    if (!spec)
        return rt_format(value, str_empty());
    if (!is_str(spec)) {
        err_format(&type_type_error, "format() argument 2 must be str, not %T", spec);
        return NULL;
    }
    return rt_format(value, spec);
}

Obj *rt_build_string(Obj *pieces) {
    const TupleObj *t = (const TupleObj *)pieces;
    int64_t total = 0;
    int32_t kind = 1;
    for (int32_t i = 0; i < t->length; i++) {
        const StrObj *s = (const StrObj *)t->items[i];
        total += s->length;
        if (s->kind > kind)
            kind = s->kind;
    }
    if (t->length == 1)
        return new_ref(t->items[0]);
    if (total > 0x7fffffff) {
        err_no_memory();
        return NULL;
    }
    if (total == 0)
        return str_empty();
    Obj *r = str_new_uninit((int32_t)total, kind);
    if (!r)
        return NULL;
    StrObj *out = (StrObj *)r;
    int32_t at = 0;
    for (int32_t i = 0; i < t->length; i++) {
        const StrObj *s = (const StrObj *)t->items[i];
        if (s->kind == kind) {
            memcpy(out->data + (size_t)at * kind, s->data, (size_t)s->length * kind);
        } else {
            for (int32_t k = 0; k < s->length; k++)
                str_set_char(out, at + k, str_char_at(s, k));
        }
        at += s->length;
    }
    return r;
}
