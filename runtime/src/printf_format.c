/*
 * printf_format.c — `str % args`: printf-style formatting with CPython
 * 3.11's parsing, conversions (d i u o x X e E f F g G c r s a %) and
 * messages.
 *
 * Invariants:
 *  - Argument bookkeeping mirrors CPython exactly, because its quirks are
 *    observable: a tuple supplies items in order; any other value is one
 *    argument (arglen -1, index -2); a `%(key)` lookup replaces the current
 *    argument source with the looked-up value; a non-tuple, non-str value
 *    with a __getitem__ (dict, list, ...) is the mapping and silences the
 *    "not all arguments converted" check.
 *  - The scanner keeps CPython's remaining-count (`count`) next to the
 *    position so "incomplete format" fires at the same places.
 *  - Float text comes from format_spec.c's exact rounding.
 */
#include "taipan_internal.h"
#include <math.h>
#include <string.h>

enum { F_LJUST = 1, F_SIGN = 2, F_BLANK = 4, F_ALT = 8, F_ZERO = 16 };

typedef struct Printf {
    const StrObj *fmt;
    int32_t pos;
    int64_t count; /* CPython's fmtcnt: characters left, decremented before reads */
    Obj *args;     /* current argument source (owned) */
    int64_t arglen, argidx;
    Obj *dict;     /* borrowed mapping, or NULL */
} Printf;

static uint32_t read_at(const Printf *p, int32_t pos) {
    return pos < p->fmt->length ? str_char_at(p->fmt, pos) : 0;
}

static Obj *next_arg(Printf *p) {
    if (p->argidx < p->arglen) {
        int64_t index = p->argidx++;
        if (p->arglen < 0)
            return p->args;
        return ((TupleObj *)p->args)->items[index];
    }
    err_format(&type_type_error, "not enough arguments for format string");
    return NULL;
}

static bool mapping_like(Obj *o) {
    TypeId id = type_id_of(o);
    /* The builtin types with a mapping subscript (PyMapping_Check), and
     * user classes with __getitem__. */
    return id == TYPE_ID_DICT || id == TYPE_ID_LIST || id == TYPE_ID_RANGE ||
           (is_user_instance(o) && special_lookup(o, "__getitem__"));
}

/* Appends `text` (a str) padded to width: numbers fill with '0' after the
 * sign and any 0x/0o prefix when F_ZERO is set. */
static void output(StrBuf *out, const StrObj *text, int64_t width, int32_t flags, bool numeric) {
    int32_t len = text->length, at = 0;
    uint32_t sign = 0;
    bool zero = numeric && (flags & F_ZERO) && !(flags & F_LJUST);
    if (numeric && len > 0) {
        uint32_t c = str_char_at(text, 0);
        if (c == '-' || c == '+' || c == ' ') {
            sign = c;
            at = 1;
        }
    }
    int32_t prefix = 0;
    if (numeric && len - at >= 2 && str_char_at(text, at) == '0') {
        uint32_t c = str_char_at(text, at + 1);
        if (c == 'x' || c == 'X' || c == 'o')
            prefix = 2;
    }
    int64_t padding = width > len ? width - len : 0;
    if (!(flags & F_LJUST) && !zero)
        for (int64_t i = 0; i < padding && !out->failed; i++)
            strbuf_append_char(out, ' ');
    if (sign)
        strbuf_append_char(out, (char)sign);
    for (int32_t i = at; i < at + prefix; i++)
        strbuf_append_char(out, (char)str_char_at(text, i));
    if (zero)
        for (int64_t i = 0; i < padding && !out->failed; i++)
            strbuf_append_char(out, '0');
    for (int32_t i = at + prefix; i < len; i++)
        strbuf_append_codepoint(out, str_char_at(text, i));
    if (flags & F_LJUST)
        for (int64_t i = 0; i < padding && !out->failed; i++)
            strbuf_append_char(out, ' ');
}

/* %d %i %u %o %x %X of an int-like value: sign, '#' prefix, digits
 * zero-extended to `precision`. */
static Obj *format_integer(Obj *value, uint32_t conv, int32_t flags, int64_t precision) {
    int32_t base = conv == 'o' ? 8 : conv == 'x' || conv == 'X' ? 16 : 10;
    Obj *digits = int_magnitude_digits(value, base);
    if (!digits)
        return NULL;
    const StrObj *d = (const StrObj *)digits;
    StrBuf b;
    strbuf_init(&b);
    if (int_sign(value) < 0)
        strbuf_append_char(&b, '-');
    else if (flags & F_SIGN)
        strbuf_append_char(&b, '+');
    else if (flags & F_BLANK)
        strbuf_append_char(&b, ' ');
    if ((flags & F_ALT) && base != 10)
        strbuf_append_cstr(&b, conv == 'o' ? "0o" : conv == 'x' ? "0x" : "0X");
    for (int64_t i = d->length; i < precision && !b.failed; i++)
        strbuf_append_char(&b, '0');
    for (int32_t i = 0; i < d->length; i++) {
        char c = (char)d->data[i];
        strbuf_append_char(&b, conv == 'X' && c >= 'a' ? (char)(c - 32) : c);
    }
    rt_decref(digits);
    return strbuf_finish(&b);
}

static Obj *format_float(double v, uint32_t conv, int32_t flags, int64_t precision) {
    if (precision < 0)
        precision = 6;
    char mode = (char)(conv >= 'a' ? conv : conv + 32);
    StrBuf text;
    strbuf_init(&text);
    StrBuf body;
    strbuf_init(&body);
    bool negative = float_format_magnitude(&body, v, mode, precision, (flags & F_ALT) != 0, false, false);
    if (negative)
        strbuf_append_char(&text, '-');
    else if (flags & F_SIGN)
        strbuf_append_char(&text, '+');
    else if (flags & F_BLANK)
        strbuf_append_char(&text, ' ');
    for (uint32_t i = 0; i < body.len; i++) {
        char c = body.bytes[i];
        strbuf_append_char(&text, conv < 'a' && c >= 'a' && c <= 'z' ? (char)(c - 32) : c);
    }
    if (body.failed)
        text.failed = true;
    strbuf_release(&body);
    return strbuf_finish(&text);
}

/* The converted text of one directive (new str), or NULL. */
static Obj *convert(Obj *v, uint32_t conv, int32_t flags, int64_t precision, bool *numeric) {
    *numeric = false;
    switch (conv) {
    case 's': case 'r': case 'a': {
        Obj *s = conv == 's' ? rt_str(v) : conv == 'r' ? rt_repr(v) : rt_builtin_ascii(v);
        if (!s || precision < 0 || precision >= ((StrObj *)s)->length)
            return s;
        /* Rebuilt through UTF-8 so the result takes its narrowest kind. */
        StrBuf b;
        strbuf_init(&b);
        for (int32_t i = 0; i < (int32_t)precision; i++)
            strbuf_append_codepoint(&b, str_char_at((StrObj *)s, i));
        rt_decref(s);
        return strbuf_finish(&b);
    }
    case 'd': case 'i': case 'u': case 'o': case 'x': case 'X': {
        *numeric = true;
        if (is_int_like(v))
            return format_integer(v, conv == 'i' || conv == 'u' ? 'd' : conv, flags, precision);
        if (is_float(v) && (conv == 'd' || conv == 'i' || conv == 'u')) {
            Obj *as_int = int_from_double(float_value(v));
            if (!as_int)
                return NULL;
            Obj *r = format_integer(as_int, 'd', flags, precision);
            rt_decref(as_int);
            return r;
        }
        if (is_user_instance(v) && (special_lookup(v, "__index__") || special_lookup(v, "__int__") ||
                                    special_lookup(v, "__float__"))) {
            Obj *as_int = conv == 'o' || conv == 'x' || conv == 'X' ? number_index(v) : rt_builtin_int(v);
            if (as_int) {
                Obj *r = format_integer(as_int, conv == 'i' || conv == 'u' ? 'd' : conv, flags, precision);
                rt_decref(as_int);
                return r;
            }
            if (!err_matches(&type_type_error))
                return NULL;
            rt_err_clear();
        }
        char name[2] = {(char)conv, 0};
        if (conv == 'o' || conv == 'x' || conv == 'X')
            err_format(&type_type_error, "%%%s format: an integer is required, not %T", name, v);
        else
            err_format(&type_type_error, "%%%s format: a real number is required, not %T", name, v);
        return NULL;
    }
    case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': {
        *numeric = true;
        double d;
        if (is_float(v)) {
            d = float_value(v);
        } else if (is_int_like(v)) {
            if (!int_to_double(v, &d))
                return NULL;
        } else if (is_user_instance(v) && (special_lookup(v, "__float__") || special_lookup(v, "__index__"))) {
            Obj *f = rt_builtin_float(v);
            if (!f)
                return NULL;
            d = float_value(f);
            rt_decref(f);
        } else {
            err_format(&type_type_error, "must be real number, not %T", v);
            return NULL;
        }
        if (precision > INT32_MAX) {
            err_format(&type_value_error, "precision too big");
            return NULL;
        }
        return format_float(d, conv, flags, precision);
    }
    case 'c': {
        uint32_t cp;
        if (is_user_instance(v) && special_lookup(v, "__index__")) {
            Obj *i = number_index(v);
            if (!i)
                return NULL;
            Obj *r = convert(i, conv, flags, precision, numeric);
            rt_decref(i);
            return r;
        }
        if (is_str(v) && ((StrObj *)v)->length == 1) {
            cp = str_char_at((StrObj *)v, 0);
        } else if (is_int_like(v)) {
            int64_t x;
            if (!int_to_i64_checked(v, &x) || x < 0 || x > 0x10FFFF) {
                err_format(&type_overflow_error, "%%c arg not in range(0x110000)");
                return NULL;
            }
            cp = (uint32_t)x;
        } else {
            err_format(&type_type_error, "%%c requires int or char");
            return NULL;
        }
        StrBuf b;
        strbuf_init(&b);
        strbuf_append_codepoint(&b, cp);
        return strbuf_finish(&b);
    }
    default:
        return NULL; /* unreachable: the caller checks the conversion first */
    }
}

static bool is_conversion(uint32_t c) {
    return c && strchr("sradiuoxXeEfFgGc", (int)c) != NULL && c < 128;
}

/* One directive after its '%'; appends to out. */
static bool directive(Printf *p, StrBuf *out) {
    uint32_t ch = read_at(p, p->pos);
    if (ch == '%') {
        p->pos++;
        p->count--;
        strbuf_append_char(out, '%');
        return true;
    }
    int32_t flags = 0;
    int64_t width = -1, precision = -1;
    if (ch == '(') {
        if (!p->dict) {
            err_format(&type_type_error, "format requires a mapping");
            return false;
        }
        p->pos++;
        p->count--;
        int32_t key_start = p->pos;
        int32_t depth = 1;
        while (depth > 0 && --p->count >= 0) {
            uint32_t c = read_at(p, p->pos);
            if (c == ')')
                depth--;
            else if (c == '(')
                depth++;
            p->pos++;
        }
        if (p->count < 0 || depth > 0) {
            err_format(&type_value_error, "incomplete format key");
            return false;
        }
        int32_t key_len = p->pos - key_start - 1;
        Obj *key = str_new_uninit(key_len, p->fmt->kind);
        if (!key)
            return false;
        for (int32_t i = 0; i < key_len; i++)
            str_set_char((StrObj *)key, i, str_char_at(p->fmt, key_start + i));
        StrBuf normal; /* re-narrow: the key may be narrower than the format */
        strbuf_init(&normal);
        strbuf_append_str_obj(&normal, key);
        rt_decref(key);
        key = strbuf_finish(&normal);
        if (!key)
            return false;
        Obj *value = rt_getitem(p->dict, key);
        rt_decref(key);
        if (!value)
            return false;
        rt_decref(p->args);
        p->args = value;
        p->arglen = -1;
        p->argidx = -2;
    }
    while (--p->count >= 0) {
        ch = read_at(p, p->pos++);
        int32_t flag = ch == '-' ? F_LJUST : ch == '+' ? F_SIGN : ch == ' ' ? F_BLANK : ch == '#' ? F_ALT
                     : ch == '0' ? F_ZERO : 0;
        if (!flag)
            break;
        flags |= flag;
    }
    if (ch == '*') {
        Obj *v = next_arg(p);
        if (!v)
            return false;
        if (!is_int_like(v)) {
            err_format(&type_type_error, "* wants int");
            return false;
        }
        if (!int_to_i64_checked(v, &width)) {
            err_format(&type_overflow_error, "Python int too large to convert to C ssize_t");
            return false;
        }
        if (width < 0) {
            flags |= F_LJUST;
            width = -width;
        }
        if (--p->count >= 0)
            ch = read_at(p, p->pos++);
    } else if (ch >= '0' && ch <= '9') {
        width = ch - '0';
        while (--p->count >= 0) {
            ch = read_at(p, p->pos++);
            if (ch < '0' || ch > '9')
                break;
            if (width > (INT64_MAX - (int64_t)(ch - '0')) / 10) {
                err_format(&type_value_error, "width too big");
                return false;
            }
            width = width * 10 + (ch - '0');
        }
    }
    if (ch == '.') {
        precision = 0;
        if (--p->count >= 0)
            ch = read_at(p, p->pos++);
        if (ch == '*') {
            Obj *v = next_arg(p);
            if (!v)
                return false;
            if (!is_int_like(v)) {
                err_format(&type_type_error, "* wants int");
                return false;
            }
            if (!int_to_i64_checked(v, &precision) || precision > INT32_MAX || precision < INT32_MIN) {
                err_format(&type_overflow_error, "Python int too large to convert to C int");
                return false;
            }
            if (precision < 0)
                precision = 0;
            if (--p->count >= 0)
                ch = read_at(p, p->pos++);
        } else if (ch >= '0' && ch <= '9') {
            precision = ch - '0';
            while (--p->count >= 0) {
                ch = read_at(p, p->pos++);
                if (ch < '0' || ch > '9')
                    break;
                if (precision > (INT32_MAX - (int64_t)(ch - '0')) / 10) {
                    err_format(&type_value_error, "precision too big");
                    return false;
                }
                precision = precision * 10 + (ch - '0');
            }
        }
    }
    if (p->count >= 0 && (ch == 'h' || ch == 'l' || ch == 'L')) {
        if (--p->count >= 0)
            ch = read_at(p, p->pos++);
    }
    if (p->count < 0) {
        err_format(&type_value_error, "incomplete format");
        return false;
    }
    /* CPython takes the argument before it looks at the conversion, so
     * "%5%" % () is "not enough arguments". */
    Obj *v = next_arg(p);
    if (!v)
        return false;
    if (!is_conversion(ch)) {
        char shown[2] = {(char)(ch >= 31 && ch <= 126 ? ch : '?'), 0};
        char hex[12];
        static const char digits[] = "0123456789abcdef";
        int n = 0, shift = 28;
        while (shift > 0 && ((ch >> shift) & 0xF) == 0)
            shift -= 4;
        for (; shift >= 0; shift -= 4)
            hex[n++] = digits[(ch >> shift) & 0xF];
        hex[n] = 0;
        err_format(&type_value_error, "unsupported format character '%s' (0x%s) at index %d", shown, hex,
                   p->pos - 1);
        return false;
    }
    bool numeric;
    Obj *text = convert(v, ch, flags, precision, &numeric);
    if (!text)
        return false;
    output(out, (const StrObj *)text, width, flags, numeric);
    rt_decref(text);
    if (p->dict && p->argidx < p->arglen) {
        err_format(&type_type_error, "not all arguments converted during string formatting");
        return false;
    }
    return true;
}

Obj *str_printf(Obj *format, Obj *args) {
    Printf p;
    p.fmt = (const StrObj *)format;
    p.pos = 0;
    p.count = p.fmt->length;
    p.args = new_ref(args);
    if (is_tuple(args)) {
        p.arglen = ((TupleObj *)args)->length;
        p.argidx = 0;
    } else {
        p.arglen = -1;
        p.argidx = -2;
    }
    p.dict = !is_tuple(args) && !is_str(args) && mapping_like(args) ? args : NULL;
    StrBuf out;
    strbuf_init(&out);
    bool ok = true, any_directive = false;
    while (ok && --p.count >= 0) {
        if (read_at(&p, p.pos) != '%') {
            int32_t start = p.pos++;
            while (p.count >= 0 && p.pos < p.fmt->length && read_at(&p, p.pos) != '%') {
                p.pos++;
                p.count--;
            }
            for (int32_t i = start; i < p.pos; i++)
                strbuf_append_codepoint(&out, str_char_at(p.fmt, i));
        } else {
            p.pos++;
            any_directive = true;
            ok = directive(&p, &out);
        }
    }
    if (ok && p.argidx < p.arglen && !p.dict) {
        err_format(&type_type_error, "not all arguments converted during string formatting");
        ok = false;
    }
    rt_decref(p.args);
    if (!ok || (!any_directive && p.fmt->length > 0)) {
        strbuf_release(&out);
        /* no directive: CPython hands back the format itself (a str subclass's too) */
        return ok ? new_ref(format) : NULL;
    }
    return strbuf_finish(&out);
}
