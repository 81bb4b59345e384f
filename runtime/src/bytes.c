/*
 * bytes.c — the immutable bytes type: constants, bytes(), repr, hash,
 * indexing/slicing, iteration, `in`, + and *, comparisons, the bytes
 * methods (decode join split strip startswith endswith find rfind index
 * rindex count replace upper lower hex isdigit isalpha translate,
 * bytes.fromhex, bytes.maketrans) and str.encode, for the utf-8, ascii and
 * latin-1 codecs.
 *
 * Invariants:
 *  - A BytesObj is one block of bytes_alloc_size(length); the content never
 *    changes after creation, so the hash (CPython's: SipHash-1-3 with the
 *    zero key over the bytes, the same function str uses over its 1-byte
 *    buffer) is cached.
 *  - Everything here is reached only through a bytes value (or str.encode
 *    / bytes()), so programs without bytes link none of it beyond the small
 *    dispatch cases in the generic entry points.
 *  - Codec errors carry CPython's UnicodeEncodeError/UnicodeDecodeError
 *    wording, including its grouping of a run of bad characters/bytes.
 */
#include "taipan_internal.h"
#include <string.h>

#define STATIC_HEADER(type_ptr) {IMMORTAL_REFCNT, (type_ptr)}
Type type_bytes = {STATIC_HEADER(&type_type), "bytes", TYPE_ID_BYTES, NULL, 0};
Type type_bytes_iterator = {STATIC_HEADER(&type_type), "bytes_iterator", TYPE_ID_BYTES_ITERATOR, NULL, 0};

#define B(o) ((BytesObj *)(o))

uint32_t bytes_alloc_size(int32_t length) { return (uint32_t)sizeof(BytesObj) + (uint32_t)length; }

Obj *bytes_new(int32_t length) {
    BytesObj *b = (BytesObj *)obj_alloc(&type_bytes, bytes_alloc_size(length));
    if (!b)
        return NULL;
    b->length = length;
    b->unused = 0;
    b->hash = -1;
    return (Obj *)b;
}

Obj *bytes_exact(Obj *o) {
    if (!is_user_instance(o))
        return new_ref(o);
    return bytes_from(((BytesObj *)o)->data, ((BytesObj *)o)->length);
}

Obj *bytes_from(const uint8_t *data, int32_t length) {
    Obj *b = bytes_new(length);
    if (b && length)
        memcpy(B(b)->data, data, (size_t)length);
    return b;
}

Obj *rt_const_bytes(const char *data, int32_t len) {
    Obj *b = bytes_from((const uint8_t *)data, len);
    obj_make_immortal(b);
    return b;
}

static bool is_ascii_space(uint8_t c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

/* ---- repr, hash, compare ------------------------------------------------- */

/* b'...' with CPython's rules: single quotes unless the bytes hold ' and no
 * ", then \t \n \r \\ and the chosen quote escaped, other bytes outside
 * 0x20..0x7e as \xhh. */
Obj *bytes_repr(Obj *o) {
    const BytesObj *b = B(o);
    bool has_single = memchr(b->data, '\'', (size_t)b->length) != NULL;
    bool has_double = memchr(b->data, '"', (size_t)b->length) != NULL;
    char quote = has_single && !has_double ? '"' : '\'';
    StrBuf out;
    strbuf_init(&out);
    strbuf_append_char(&out, 'b');
    strbuf_append_char(&out, quote);
    for (int32_t i = 0; i < b->length; i++) {
        uint8_t c = b->data[i];
        if (c == quote || c == '\\') {
            strbuf_append_char(&out, '\\');
            strbuf_append_char(&out, (char)c);
        } else if (c == '\t') {
            strbuf_append_cstr(&out, "\\t");
        } else if (c == '\n') {
            strbuf_append_cstr(&out, "\\n");
        } else if (c == '\r') {
            strbuf_append_cstr(&out, "\\r");
        } else if (c < 0x20 || c >= 0x7f) {
            char esc[4] = {'\\', 'x', "0123456789abcdef"[c >> 4], "0123456789abcdef"[c & 15]};
            strbuf_append(&out, esc, 4);
        } else {
            strbuf_append_char(&out, (char)c);
        }
    }
    strbuf_append_char(&out, quote);
    return strbuf_finish(&out);
}

int64_t bytes_hash(Obj *o) {
    BytesObj *b = B(o);
    if (b->hash == -1) {
        int64_t h = b->length ? (int64_t)siphash13_zero_key(b->data, (uint32_t)b->length) : 0;
        b->hash = h == -1 ? -2 : h;
    }
    return b->hash;
}

static int bytes_order(const BytesObj *a, const BytesObj *b) {
    int32_t n = a->length < b->length ? a->length : b->length;
    int c = n ? memcmp(a->data, b->data, (size_t)n) : 0;
    if (c)
        return c < 0 ? -1 : 1;
    return a->length < b->length ? -1 : a->length > b->length;
}

Obj *bytes_compare(CompareOp op, Obj *a, Obj *b) {
    int order = bytes_order(B(a), B(b));
    switch (op) {
    case CMP_LT: return bool_obj(order < 0);
    case CMP_LE: return bool_obj(order <= 0);
    case CMP_EQ: return bool_obj(order == 0);
    case CMP_NE: return bool_obj(order != 0);
    case CMP_GT: return bool_obj(order > 0);
    default: return bool_obj(order >= 0);
    }
}

/* ---- search helpers ------------------------------------------------------ */

static int64_t search(const BytesObj *h, int64_t start, int64_t end, const uint8_t *n, int32_t nlen, bool last) {
    if (end - start < nlen)
        return -1;
    if (last) {
        for (int64_t i = end - nlen; i >= start; i--)
            if (memcmp(h->data + i, n, (size_t)nlen) == 0)
                return i;
    } else {
        for (int64_t i = start; i + nlen <= end; i++)
            if (memcmp(h->data + i, n, (size_t)nlen) == 0)
                return i;
    }
    return -1;
}

/* An int in range(0, 256) as a byte, or CPython's ValueError. */
static bool byte_value(Obj *v, uint8_t *out) {
    int64_t x;
    if (!int_to_i64_checked(v, &x) || x < 0 || x > 255) {
        err_format(&type_value_error, "byte must be in range(0, 256)");
        return false;
    }
    *out = (uint8_t)x;
    return true;
}

int32_t bytes_contains(Obj *b, Obj *item) {
    if (is_int_like(item)) {
        uint8_t c;
        if (!byte_value(item, &c))
            return -1;
        return memchr(B(b)->data, c, (size_t)B(b)->length) != NULL;
    }
    if (is_bytes(item))
        return search(B(b), 0, B(b)->length, B(item)->data, B(item)->length, false) >= 0;
    err_format(&type_type_error, "a bytes-like object is required, not '%T'", item);
    return -1;
}

/* ---- indexing, slicing, iteration, + and * ------------------------------- */

Obj *bytes_getitem(Obj *o, Obj *key) {
    BytesObj *b = B(o);
    if (is_int_like(key)) {
        int64_t i;
        if (!sequence_item_index(key, b->length, "index out of range", &i))
            return NULL;
        return small_int_make(b->data[i]);
    }
    if (type_id_of(key) == TYPE_ID_SLICE) {
        SliceIndices s;
        if (slice_indices(key, b->length, &s) < 0)
            return NULL;
        if (s.step == 1 && s.length == b->length)
            return bytes_exact(o);
        Obj *r = bytes_new((int32_t)s.length);
        if (r)
            for (int64_t k = 0; k < s.length; k++)
                B(r)->data[k] = b->data[s.start + k * s.step];
        return r;
    }
    err_format(&type_type_error, "byte indices must be integers or slices, not %T", key);
    return NULL;
}

Obj *bytes_iter_next(SeqIterObj *it) {
    Obj *seq = it->seq;
    if (!seq)
        return NULL;
    if (it->index >= B(seq)->length) {
        it->seq = NULL;
        rt_decref(seq);
        return NULL;
    }
    return small_int_make(B(seq)->data[it->index++]);
}

Obj *bytes_concat(Obj *a, Obj *b) {
    if (!is_bytes(b)) {
        err_format(&type_type_error, "can't concat %T to bytes", b);
        return NULL;
    }
    if (B(b)->length == 0)
        return bytes_exact(a);
    if (B(a)->length == 0)
        return bytes_exact(b);
    if ((int64_t)B(a)->length + B(b)->length > INT32_MAX - 64) {
        err_no_memory();
        return NULL;
    }
    Obj *r = bytes_new(B(a)->length + B(b)->length);
    if (r) {
        memcpy(B(r)->data, B(a)->data, (size_t)B(a)->length);
        memcpy(B(r)->data + B(a)->length, B(b)->data, (size_t)B(b)->length);
    }
    return r;
}

Obj *bytes_repeat(Obj *o, int64_t count) {
    int32_t n = B(o)->length;
    if (count < 0)
        count = 0;
    if (count == 1)
        return bytes_exact(o);
    if (n && count > (INT32_MAX - 64) / n) {
        err_no_memory();
        return NULL;
    }
    Obj *r = bytes_new((int32_t)(n * count));
    for (int64_t k = 0; r && k < count; k++)
        memcpy(B(r)->data + k * n, B(o)->data, (size_t)n);
    return r;
}

/* ---- bytes() ---------------------------------------------------------------- */

/* bytes(x) for a user instance: __bytes__ (which must return bytes), else
 * __index__ as a count; *found false to go on with iteration. */
static Obj *user_bytes(Obj *x, bool *found) {
    Obj *r = special_call_by_name(x, "__bytes__", 0, NULL, found);
    if (*found) {
        if (r && !is_bytes(r)) {
            err_format(&type_type_error, "__bytes__ returned non-bytes (type %T)", r);
            rt_decref(r);
            return NULL;
        }
        return r;
    }
    if (special_lookup(x, "__index__")) {
        *found = true;
        Obj *n = number_index(x);
        r = n ? rt_builtin_bytes(n) : NULL;
        rt_decref(n);
        return r;
    }
    if (!is_iterable(x)) {
        *found = true;
        err_format(&type_type_error, "cannot convert '%T' object to bytes", x);
    }
    return NULL;
}

Obj *rt_builtin_bytes(Obj *x) {
    if (!x)
        return bytes_new(0);
    if (is_user_instance(x)) {
        bool found;
        Obj *r = user_bytes(x, &found);
        if (found)
            return r;
    }
    if (is_bytes(x))
        return bytes_exact(x);
    if (is_str(x)) {
        err_format(&type_type_error, "string argument without an encoding");
        return NULL;
    }
    if (is_int_like(x)) {
        int64_t n;
        if (!int_to_i64_checked(x, &n)) {
            err_format(&type_overflow_error, "cannot fit 'int' into an index-sized integer");
            return NULL;
        }
        if (n < 0) {
            err_format(&type_value_error, "negative count");
            return NULL;
        }
        if (n > INT32_MAX - 64) {
            err_no_memory();
            return NULL;
        }
        Obj *r = bytes_new((int32_t)n);
        if (r)
            memset(B(r)->data, 0, (size_t)n);
        return r;
    }
    TypeId id = type_id_of(x);
    if (id == TYPE_ID_FLOAT || id == TYPE_ID_NONE || id == TYPE_ID_FUNCTION || id == TYPE_ID_TYPE) {
        err_format(&type_type_error, "cannot convert '%T' object to bytes", x);
        return NULL;
    }
    Obj *it = rt_get_iter(x);
    if (!it)
        return NULL;
    StrBuf buf; /* used as a plain byte buffer */
    strbuf_init(&buf);
    bool ok = true;
    for (;;) {
        Obj *v = rt_iter_next(it);
        if (!v) {
            ok = !rt_err_occurred();
            break;
        }
        uint8_t c = 0;
        if (is_user_instance(v) && special_lookup(v, "__index__")) {
            Obj *i = number_index(v);
            rt_decref(v);
            v = i;
            if (!v) {
                ok = false;
                break;
            }
        }
        if (!is_int_like(v)) {
            err_format(&type_type_error, "'%T' object cannot be interpreted as an integer", v);
            ok = false;
        } else {
            int64_t n;
            if (!int_to_i64_checked(v, &n) || n < 0 || n > 255) {
                err_format(&type_value_error, "bytes must be in range(0, 256)");
                ok = false;
            }
            c = (uint8_t)n;
        }
        rt_decref(v);
        if (!ok)
            break;
        strbuf_append_char(&buf, (char)c);
    }
    rt_decref(it);
    Obj *r = NULL;
    if (ok && buf.failed)
        err_no_memory();
    else if (ok)
        r = bytes_from((const uint8_t *)buf.bytes, (int32_t)buf.len);
    strbuf_release(&buf);
    return r;
}

/* ---- codecs ----------------------------------------------------------------- */

typedef enum Codec { CODEC_UTF8, CODEC_ASCII, CODEC_LATIN1, CODEC_UNKNOWN } Codec;
typedef enum ErrorMode { ERRORS_STRICT, ERRORS_REPLACE, ERRORS_IGNORE, ERRORS_UNKNOWN } ErrorMode;

/* Python's codec lookup normalises case and '_'/' ' to '-' for these
 * aliases (encodings/aliases.py). */
static Codec codec_named(Obj *name) {
    static const struct { const char *alias; Codec codec; } aliases[] = {
        {"utf-8", CODEC_UTF8}, {"utf8", CODEC_UTF8}, {"u8", CODEC_UTF8}, {"utf", CODEC_UTF8},
        {"cp65001", CODEC_UTF8}, {"ascii", CODEC_ASCII}, {"us-ascii", CODEC_ASCII}, {"646", CODEC_ASCII},
        {"us", CODEC_ASCII}, {"latin-1", CODEC_LATIN1}, {"latin1", CODEC_LATIN1}, {"latin", CODEC_LATIN1},
        {"l1", CODEC_LATIN1}, {"iso-8859-1", CODEC_LATIN1}, {"iso8859-1", CODEC_LATIN1},
        {"8859", CODEC_LATIN1}, {"cp819", CODEC_LATIN1}, {"iso-ir-100", CODEC_LATIN1},
    };
    const StrObj *s = (const StrObj *)name;
    char text[16];
    if (s->length >= (int32_t)sizeof text)
        return CODEC_UNKNOWN;
    for (int32_t i = 0; i < s->length; i++) {
        uint32_t c = str_char_at(s, i);
        if (c >= 'A' && c <= 'Z')
            c += 32;
        if (c == '_' || c == ' ')
            c = '-';
        if (c >= 0x80)
            return CODEC_UNKNOWN;
        text[i] = (char)c;
    }
    text[s->length] = 0;
    for (size_t k = 0; k < sizeof aliases / sizeof aliases[0]; k++)
        if (!strcmp(text, aliases[k].alias))
            return aliases[k].codec;
    return CODEC_UNKNOWN;
}

static const char *codec_display(Codec c) {
    return c == CODEC_UTF8 ? "utf-8" : c == CODEC_ASCII ? "ascii" : "latin-1";
}

static ErrorMode error_mode_named(Obj *name) {
    if (str_equals_ascii(name, "strict")) return ERRORS_STRICT;
    if (str_equals_ascii(name, "replace")) return ERRORS_REPLACE;
    if (str_equals_ascii(name, "ignore")) return ERRORS_IGNORE;
    return ERRORS_UNKNOWN;
}

/* (encoding='utf-8', errors='strict') positionally or by keyword. */
/* CPython's older argument-clinic wording: "find() takes at least 1
 * argument (0 given)". */
static bool old_style_range(Obj *args, const char *name, int32_t min, int32_t max) {
    int32_t n = args_count(args);
    if (n >= min && n <= max)
        return true;
    int32_t limit = n < min ? min : max;
    err_format(&type_type_error, "%s() takes at %s %d argument%s (%d given)", name, n < min ? "least" : "most",
               limit, limit == 1 ? "" : "s", n);
    return false;
}

/* An empty bytes decodes to '' before the codec is looked up, as in CPython. */
static bool codec_args(Obj *args, Obj *kwargs, const char *name, Codec *codec, ErrorMode *mode, Obj **errors_name,
                       bool lookup) {
    if (!old_style_range(args, name, 0, 2))
        return false;
    Obj *values[2] = {NULL, NULL};
    for (int32_t i = 0; i < args_count(args); i++)
        values[i] = arg_at(args, i);
    if (kwargs) {
        DictObj *d = (DictObj *)kwargs;
        for (int32_t i = 0; i < d->entries_len; i++) {
            Obj *k = d->entries[i].key;
            if (!k)
                continue;
            int slot = str_equals_ascii(k, "encoding") ? 0 : str_equals_ascii(k, "errors") ? 1 : -1;
            if (slot < 0) {
                err_format(&type_type_error, "'%S' is an invalid keyword argument for %s()", k, name);
                return false;
            }
            if (values[slot]) {
                err_format(&type_type_error, "argument for %s() given by name ('%s') and position (%d)", name,
                           slot ? "errors" : "encoding", slot + 1);
                return false;
            }
            values[slot] = d->entries[i].value;
        }
    }
    for (int k = 0; k < 2; k++) {
        if (values[k] && !is_str(values[k])) {
            err_format(&type_type_error, "%s() argument '%s' must be str, not %T", name,
                       k ? "errors" : "encoding", values[k]);
            return false;
        }
    }
    *codec = values[0] ? codec_named(values[0]) : CODEC_UTF8;
    if (*codec == CODEC_UNKNOWN && lookup) {
        err_format(&type_lookup_error, "unknown encoding: %S", values[0]);
        return false;
    }
    *errors_name = values[1];
    *mode = values[1] ? error_mode_named(values[1]) : ERRORS_STRICT;
    return true;
}

static void append_char_escape(StrBuf *b, uint32_t cp) {
    static const char hex[] = "0123456789abcdef";
    int digits = cp < 0x100 ? 2 : cp < 0x10000 ? 4 : 8;
    strbuf_append_char(b, '\\');
    strbuf_append_char(b, digits == 2 ? 'x' : digits == 4 ? 'u' : 'U');
    for (int k = digits - 1; k >= 0; k--)
        strbuf_append_char(b, hex[(cp >> (4 * k)) & 15]);
}

static void raise_encode_error(Codec codec, const StrObj *s, int32_t start, int32_t end, const char *reason) {
    StrBuf b;
    strbuf_init(&b);
    strbuf_append_char(&b, '\'');
    strbuf_append_cstr(&b, codec_display(codec));
    if (end - start == 1) {
        strbuf_append_cstr(&b, "' codec can't encode character '");
        append_char_escape(&b, str_char_at(s, start));
        strbuf_append_cstr(&b, "' in position ");
        strbuf_append_i64(&b, start);
    } else {
        strbuf_append_cstr(&b, "' codec can't encode characters in position ");
        strbuf_append_i64(&b, start);
        strbuf_append_char(&b, '-');
        strbuf_append_i64(&b, end - 1);
    }
    strbuf_append_cstr(&b, ": ");
    strbuf_append_cstr(&b, reason);
    Obj *message = strbuf_finish(&b);
    if (message) {
        err_set_str(&type_unicode_encode_error, message);
        rt_decref(message);
    }
}

Obj *str_encode(Obj *self, Obj *args, Obj *kwargs) {
    Codec codec;
    ErrorMode mode;
    Obj *errors_name;
    if (!codec_args(args, kwargs, "encode", &codec, &mode, &errors_name, true))
        return NULL;
    const StrObj *s = (const StrObj *)self;
    uint32_t limit = codec == CODEC_ASCII ? 0x80 : codec == CODEC_LATIN1 ? 0x100 : 0x110000;
    StrBuf out;
    strbuf_init(&out);
    for (int32_t i = 0; i < s->length;) {
        uint32_t cp = str_char_at(s, i);
        bool bad = cp >= limit || (codec == CODEC_UTF8 && cp >= 0xD800 && cp <= 0xDFFF);
        if (!bad) {
            if (codec == CODEC_UTF8) {
                strbuf_append_codepoint(&out, cp);
            } else {
                strbuf_append_char(&out, (char)cp);
            }
            i++;
            continue;
        }
        /* CPython reports (and replaces) a whole run of unencodable characters */
        int32_t end = i + 1;
        while (end < s->length) {
            uint32_t c = str_char_at(s, end);
            if (!(c >= limit || (codec == CODEC_UTF8 && c >= 0xD800 && c <= 0xDFFF)))
                break;
            end++;
        }
        if (mode == ERRORS_STRICT || mode == ERRORS_UNKNOWN) {
            strbuf_release(&out);
            if (mode == ERRORS_UNKNOWN)
                err_format(&type_lookup_error, "unknown error handler name '%S'", errors_name);
            else
                raise_encode_error(codec, s, i, end,
                                   codec == CODEC_UTF8 ? "surrogates not allowed"
                                   : codec == CODEC_ASCII ? "ordinal not in range(128)"
                                                          : "ordinal not in range(256)");
            return NULL;
        }
        if (mode == ERRORS_REPLACE)
            for (int32_t k = i; k < end; k++)
                strbuf_append_char(&out, '?');
        i = end;
    }
    Obj *r = NULL;
    if (out.failed)
        err_no_memory();
    else
        r = bytes_from((const uint8_t *)out.bytes, (int32_t)out.len);
    strbuf_release(&out);
    return r;
}

static void raise_decode_error(Codec codec, const BytesObj *b, int32_t start, int32_t end, const char *reason) {
    StrBuf m;
    strbuf_init(&m);
    strbuf_append_char(&m, '\'');
    strbuf_append_cstr(&m, codec_display(codec));
    if (end - start == 1) {
        strbuf_append_cstr(&m, "' codec can't decode byte 0x");
        strbuf_append_char(&m, "0123456789abcdef"[b->data[start] >> 4]);
        strbuf_append_char(&m, "0123456789abcdef"[b->data[start] & 15]);
        strbuf_append_cstr(&m, " in position ");
        strbuf_append_i64(&m, start);
    } else {
        strbuf_append_cstr(&m, "' codec can't decode bytes in position ");
        strbuf_append_i64(&m, start);
        strbuf_append_char(&m, '-');
        strbuf_append_i64(&m, end - 1);
    }
    strbuf_append_cstr(&m, ": ");
    strbuf_append_cstr(&m, reason);
    Obj *message = strbuf_finish(&m);
    if (message) {
        err_set_str(&type_unicode_decode_error, message);
        rt_decref(message);
    }
}

/* One UTF-8 sequence at data[i]: the code point and its length, or 0 with
 * the length of the maximal bad prefix CPython reports (and replaces with
 * one U+FFFD) and its reason. */
static int32_t utf8_step(const uint8_t *d, int32_t i, int32_t n, uint32_t *cp, int32_t *bad_len, const char **reason) {
    uint8_t c = d[i];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    int32_t need;
    uint8_t lo = 0x80, hi = 0xBF; /* allowed range of the second byte */
    if (c >= 0xC2 && c <= 0xDF) {
        need = 2;
        *cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        need = 3;
        *cp = c & 0x0F;
        if (c == 0xE0) lo = 0xA0;
        if (c == 0xED) hi = 0x9F; /* no surrogates */
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 4;
        *cp = c & 0x07;
        if (c == 0xF0) lo = 0x90;
        if (c == 0xF4) hi = 0x8F;
    } else {
        *bad_len = 1;
        *reason = "invalid start byte";
        return 0;
    }
    for (int32_t k = 1; k < need; k++) {
        if (i + k >= n) {
            *bad_len = k;
            *reason = "unexpected end of data";
            return 0;
        }
        uint8_t x = d[i + k];
        uint8_t min = k == 1 ? lo : 0x80, max = k == 1 ? hi : 0xBF;
        if (x < min || x > max) {
            *bad_len = k;
            *reason = "invalid continuation byte";
            return 0;
        }
        *cp = *cp << 6 | (x & 0x3F);
    }
    return need;
}

static Obj *decode_with(const BytesObj *b, Codec codec, ErrorMode mode, Obj *errors_name);

static Obj *bytes_decode(Obj *self, Obj *args, Obj *kwargs) {
    Codec codec;
    ErrorMode mode;
    Obj *errors_name;
    const BytesObj *b = B(self);
    if (!codec_args(args, kwargs, "decode", &codec, &mode, &errors_name, b->length > 0))
        return NULL;
    return decode_with(b, codec, mode, errors_name);
}

Obj *bytes_decode_for_str(Obj *self, Obj *encoding, Obj *errors) {
    Obj *given[2] = {encoding, errors};
    for (int k = 0; k < 2; k++) {
        if (given[k] && !is_str(given[k])) {
            err_format(&type_type_error, "str() argument '%s' must be str, not %T", k ? "errors" : "encoding", given[k]);
            return NULL;
        }
    }
    const BytesObj *b = B(self);
    Codec codec = encoding ? codec_named(encoding) : CODEC_UTF8;
    if (codec == CODEC_UNKNOWN && b->length > 0) {
        err_format(&type_lookup_error, "unknown encoding: %S", encoding);
        return NULL;
    }
    return decode_with(b, codec, errors ? error_mode_named(errors) : ERRORS_STRICT, errors);
}

static Obj *decode_with(const BytesObj *b, Codec codec, ErrorMode mode, Obj *errors_name) {
    StrBuf out;
    strbuf_init(&out);
    for (int32_t i = 0; i < b->length;) {
        uint32_t cp = b->data[i];
        int32_t step = 1, bad_len = 0;
        const char *reason = "ordinal not in range(128)";
        if (codec == CODEC_UTF8)
            step = utf8_step(b->data, i, b->length, &cp, &bad_len, &reason);
        else if (codec == CODEC_ASCII && cp >= 0x80)
            step = 0, bad_len = 1;
        if (step) {
            strbuf_append_codepoint(&out, cp);
            i += step;
            continue;
        }
        if (mode == ERRORS_STRICT || mode == ERRORS_UNKNOWN) {
            strbuf_release(&out);
            if (mode == ERRORS_UNKNOWN)
                err_format(&type_lookup_error, "unknown error handler name '%S'", errors_name);
            else
                raise_decode_error(codec, b, i, i + bad_len, reason);
            return NULL;
        }
        if (mode == ERRORS_REPLACE)
            strbuf_append_codepoint(&out, 0xFFFD);
        i += bad_len;
    }
    return strbuf_finish(&out);
}

/* ---- methods -------------------------------------------------------------- */

/* A slice bound: None (keep the default) or an int (saturated to int64). */
static bool bound_arg(Obj *v, int64_t *out) {
    if (type_id_of(v) == TYPE_ID_NONE)
        return true;
    if (!is_int_like(v)) {
        err_format(&type_type_error, "slice indices must be integers or None or have an __index__ method");
        return false;
    }
    *out = int_to_i64(v);
    return true;
}

static void adjust_bounds(int64_t *start, int64_t *end, int64_t len) {
    if (*end > len)
        *end = len;
    else if (*end < 0 && (*end += len) < 0)
        *end = 0;
    if (*start < 0 && (*start += len) < 0)
        *start = 0;
}

/* (sub[, start[, end]]) where sub is bytes or (for find family) an int. */
static bool sub_args(Obj *self, Obj *args, const char *name, int32_t max, bool allow_int, const uint8_t **sub,
                     int32_t *sublen, uint8_t *byte, int64_t *start, int64_t *end) {
    if (!old_style_range(args, name, 1, max))
        return false;
    Obj *x = arg_at(args, 0);
    if (allow_int && is_int_like(x)) {
        if (!byte_value(x, byte))
            return false;
        *sub = byte;
        *sublen = 1;
    } else if (is_bytes(x)) {
        *sub = B(x)->data;
        *sublen = B(x)->length;
    } else {
        if (allow_int)
            err_format(&type_type_error, "argument should be integer or bytes-like object, not '%T'", x);
        else
            err_format(&type_type_error, "a bytes-like object is required, not '%T'", x);
        return false;
    }
    *start = 0;
    *end = INT64_MAX;
    int32_t n = args_count(args);
    if ((n > 1 && !bound_arg(arg_at(args, 1), start)) || (n > 2 && !bound_arg(arg_at(args, 2), end)))
        return false;
    adjust_bounds(start, end, B(self)->length);
    return true;
}

/* kind: 0 find, 1 rfind, 2 index, 3 rindex, 4 count */
static Obj *bytes_find_family(Obj *self, Obj *args, const char *name, int kind) {
    const uint8_t *sub;
    int32_t sublen;
    uint8_t byte;
    int64_t start, end;
    if (!sub_args(self, args, name, 3, true, &sub, &sublen, &byte, &start, &end))
        return NULL;
    const BytesObj *b = B(self);
    if (kind == 4) {
        if (start > end || end - start < sublen)
            return small_int_make(0);
        if (sublen == 0)
            return int_from_i64(end - start + 1);
        int64_t count = 0;
        for (int64_t i = start; (i = search(b, i, end, sub, sublen, false)) >= 0; i += sublen)
            count++;
        return int_from_i64(count);
    }
    int64_t found = start > end ? -1 : search(b, start, end, sub, sublen, kind & 1);
    if (found < 0 && kind >= 2) {
        err_format(&type_value_error, "subsection not found");
        return NULL;
    }
    return int_from_i64(found);
}

static Obj *bytes_starts_ends(Obj *self, Obj *args, const char *name, bool ends) {
    if (!old_style_range(args, name, 1, 3))
        return NULL;
    Obj *prefix = arg_at(args, 0);
    int64_t start = 0, end = INT64_MAX;
    int32_t n = args_count(args);
    if ((n > 1 && !bound_arg(arg_at(args, 1), &start)) || (n > 2 && !bound_arg(arg_at(args, 2), &end)))
        return NULL;
    const BytesObj *b = B(self);
    adjust_bounds(&start, &end, b->length);
    int32_t count = is_tuple(prefix) ? ((TupleObj *)prefix)->length : 1;
    for (int32_t k = 0; k < count; k++) {
        Obj *p = is_tuple(prefix) ? ((TupleObj *)prefix)->items[k] : prefix;
        if (!is_bytes(p)) {
            if (is_tuple(prefix))
                err_format(&type_type_error, "a bytes-like object is required, not '%T'", p);
            else
                err_format(&type_type_error, "%s first arg must be bytes or a tuple of bytes, not %T", name, p);
            return NULL;
        }
        int32_t plen = B(p)->length;
        if (start > b->length || end - start < plen)
            continue;
        int64_t at = ends ? end - plen : start;
        if (memcmp(b->data + at, B(p)->data, (size_t)plen) == 0)
            return bool_obj(true);
    }
    return bool_obj(false);
}

static Obj *bytes_strip(Obj *self, Obj *args, const char *name, int which) {
    if (!check_arg_range(args, name, 0, 1))
        return NULL;
    Obj *chars = args_count(args) ? arg_at(args, 0) : rt_none();
    if (type_id_of(chars) != TYPE_ID_NONE && !is_bytes(chars)) {
        err_format(&type_type_error, "a bytes-like object is required, not '%T'", chars);
        return NULL;
    }
    const BytesObj *b = B(self);
    bool whitespace = type_id_of(chars) == TYPE_ID_NONE;
    int32_t i = 0, j = b->length;
#define STRIPPED(c) (whitespace ? is_ascii_space(c) : memchr(B(chars)->data, (c), (size_t)B(chars)->length) != NULL)
    if (which & 1)
        while (i < j && STRIPPED(b->data[i]))
            i++;
    if (which & 2)
        while (j > i && STRIPPED(b->data[j - 1]))
            j--;
#undef STRIPPED
    if (i == 0 && j == b->length)
        return new_ref(self);
    return bytes_from(b->data + i, j - i);
}

static bool list_push_bytes(Obj *list, const uint8_t *data, int64_t n) {
    Obj *piece = bytes_from(data, (int32_t)n);
    if (!piece)
        return false;
    int32_t status = list_append(list, piece);
    rt_decref(piece);
    return status == 0;
}

static Obj *bytes_split(Obj *self, Obj *args, Obj *kwargs) {
    if (!old_style_range(args, "split", 0, 2))
        return NULL;
    Obj *values[2] = {args_count(args) > 0 ? arg_at(args, 0) : NULL, args_count(args) > 1 ? arg_at(args, 1) : NULL};
    if (kwargs) { /* sep= and maxsplit= */
        DictObj *d = (DictObj *)kwargs;
        for (int32_t i = 0; i < d->entries_len; i++) {
            Obj *k = d->entries[i].key;
            if (!k)
                continue;
            int slot = str_equals_ascii(k, "sep") ? 0 : str_equals_ascii(k, "maxsplit") ? 1 : -1;
            if (slot < 0) {
                err_format(&type_type_error, "'%S' is an invalid keyword argument for split()", k);
                return NULL;
            }
            if (values[slot]) {
                err_format(&type_type_error, "argument for split() given by name ('%s') and position (%d)",
                           slot ? "maxsplit" : "sep", slot + 1);
                return NULL;
            }
            values[slot] = d->entries[i].value;
        }
    }
    Obj *sep = values[0] ? values[0] : rt_none();
    int64_t maxsplit = -1;
    if (values[1]) {
        Obj *m = values[1];
        if (!is_int_like(m)) {
            err_format(&type_type_error, "'%T' object cannot be interpreted as an integer", m);
            return NULL;
        }
        maxsplit = int_to_i64(m);
    }
    if (maxsplit < 0)
        maxsplit = INT64_MAX;
    const BytesObj *b = B(self);
    Obj *list = list_new(0);
    if (!list)
        return NULL;
    bool ok = true;
    if (type_id_of(sep) == TYPE_ID_NONE) {
        int32_t i = 0, n = b->length;
        while (ok) {
            while (i < n && is_ascii_space(b->data[i]))
                i++;
            if (i >= n)
                break;
            if (maxsplit-- == 0) {
                int32_t j = n;
                while (j > i && is_ascii_space(b->data[j - 1]))
                    j--;
                ok = list_push_bytes(list, b->data + i, j - i);
                break;
            }
            int32_t j = i;
            while (j < n && !is_ascii_space(b->data[j]))
                j++;
            ok = list_push_bytes(list, b->data + i, j - i);
            i = j;
        }
    } else if (!is_bytes(sep)) {
        err_format(&type_type_error, "a bytes-like object is required, not '%T'", sep);
        ok = false;
    } else if (B(sep)->length == 0) {
        err_format(&type_value_error, "empty separator");
        ok = false;
    } else {
        int64_t pos = 0;
        while (ok) {
            int64_t found = maxsplit-- == 0 ? -1 : search(b, pos, b->length, B(sep)->data, B(sep)->length, false);
            if (found < 0) {
                ok = list_push_bytes(list, b->data + pos, b->length - pos);
                break;
            }
            ok = list_push_bytes(list, b->data + pos, found - pos);
            pos = found + B(sep)->length;
        }
    }
    if (!ok) {
        rt_decref(list);
        return NULL;
    }
    return list;
}

static Obj *bytes_join(Obj *self, Obj *iterable) {
    Obj *probe = rt_get_iter(iterable);
    if (!probe) {
        rt_err_clear();
        err_format(&type_type_error, "can only join an iterable");
        return NULL;
    }
    rt_decref(probe);
    Obj *seq = sequence_from_iterable(iterable);
    if (!seq)
        return NULL;
    Obj **items = is_list(seq) ? ((ListObj *)seq)->items : ((TupleObj *)seq)->items;
    int32_t n = is_list(seq) ? ((ListObj *)seq)->length : ((TupleObj *)seq)->length;
    int64_t total = 0;
    for (int32_t i = 0; i < n; i++) {
        if (!is_bytes(items[i])) {
            err_format(&type_type_error, "sequence item %d: expected a bytes-like object, %T found", i, items[i]);
            rt_decref(seq);
            return NULL;
        }
        total += B(items[i])->length + (i ? B(self)->length : 0);
    }
    Obj *r = NULL;
    if (total > INT32_MAX - 64)
        err_no_memory();
    else
        r = bytes_new((int32_t)total);
    int64_t at = 0;
    for (int32_t i = 0; r && i < n; i++) {
        if (i) {
            memcpy(B(r)->data + at, B(self)->data, (size_t)B(self)->length);
            at += B(self)->length;
        }
        memcpy(B(r)->data + at, B(items[i])->data, (size_t)B(items[i])->length);
        at += B(items[i])->length;
    }
    rt_decref(seq);
    return r;
}

static Obj *bytes_replace(Obj *self, Obj *args) {
    if (!check_arg_range(args, "replace", 2, 3))
        return NULL;
    Obj *old = arg_at(args, 0), *new_ = arg_at(args, 1);
    for (int k = 0; k < 2; k++) {
        Obj *x = k ? new_ : old;
        if (!is_bytes(x)) {
            err_format(&type_type_error, "a bytes-like object is required, not '%T'", x);
            return NULL;
        }
    }
    int64_t count = INT64_MAX;
    if (args_count(args) > 2) {
        Obj *c = arg_at(args, 2);
        if (!is_int_like(c)) {
            err_format(&type_type_error, "'%T' object cannot be interpreted as an integer", c);
            return NULL;
        }
        count = int_to_i64(c);
        if (count < 0)
            count = INT64_MAX;
    }
    const BytesObj *b = B(self), *o = B(old), *w = B(new_);
    StrBuf out; /* a byte buffer */
    strbuf_init(&out);
    int64_t pos = 0;
    while (count-- > 0) {
        if (o->length == 0) {
            /* an empty pattern matches before every byte and at the end */
            if (pos > b->length)
                break;
            strbuf_append(&out, (const char *)w->data, (uint32_t)w->length);
            if (pos < b->length)
                strbuf_append_char(&out, (char)b->data[pos]);
            pos++;
            continue;
        }
        int64_t found = search(b, pos, b->length, o->data, o->length, false);
        if (found < 0)
            break;
        strbuf_append(&out, (const char *)b->data + pos, (uint32_t)(found - pos));
        strbuf_append(&out, (const char *)w->data, (uint32_t)w->length);
        pos = found + o->length;
    }
    if (pos < b->length)
        strbuf_append(&out, (const char *)b->data + pos, (uint32_t)(b->length - pos));
    Obj *r = NULL;
    if (out.failed)
        err_no_memory();
    else
        r = bytes_from((const uint8_t *)out.bytes, (int32_t)out.len);
    strbuf_release(&out);
    return r;
}

static Obj *bytes_map_case(Obj *self, bool upper) {
    const BytesObj *b = B(self);
    Obj *r = bytes_new(b->length);
    for (int32_t i = 0; r && i < b->length; i++) {
        uint8_t c = b->data[i];
        if (upper ? (c >= 'a' && c <= 'z') : (c >= 'A' && c <= 'Z'))
            c ^= 0x20;
        B(r)->data[i] = c;
    }
    return r;
}

static Obj *bytes_all_in(Obj *self, bool digits) {
    const BytesObj *b = B(self);
    if (b->length == 0)
        return bool_obj(false);
    for (int32_t i = 0; i < b->length; i++) {
        uint8_t c = b->data[i];
        bool ok = digits ? (c >= '0' && c <= '9') : ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
        if (!ok)
            return bool_obj(false);
    }
    return bool_obj(true);
}

/* hex([sep[, bytes_per_sep]]): sep (str or bytes) goes between groups of
 * |bytes_per_sep| bytes, counted from the right when positive, from the
 * left when negative; 0 means no separator. */
static Obj *bytes_hex(Obj *self, Obj *args, Obj *kwargs) {
    static const char *const keywords[] = {"sep", "bytes_per_sep"};
    if (!old_style_range(args, "hex", 0, 2))
        return NULL;
    Obj *values[2] = {args_count(args) > 0 ? arg_at(args, 0) : NULL, args_count(args) > 1 ? arg_at(args, 1) : NULL};
    DictObj *d = (DictObj *)kwargs;
    for (int32_t i = 0; d && i < d->entries_len; i++) {
        Obj *k = d->entries[i].key;
        if (!k)
            continue;
        int slot = str_equals_ascii(k, keywords[0]) ? 0 : str_equals_ascii(k, keywords[1]) ? 1 : -1;
        if (slot < 0) {
            err_format(&type_type_error, "'%S' is an invalid keyword argument for hex()", k);
            return NULL;
        }
        if (values[slot]) {
            err_format(&type_type_error, "argument for hex() given by name ('%s') and position (%d)", keywords[slot],
                       slot + 1);
            return NULL;
        }
        values[slot] = d->entries[i].value;
    }
    char sep = 0;
    int64_t group = 1;
    if (values[0]) {
        Obj *s = values[0];
        int64_t len;
        uint32_t c;
        if (is_str(s)) {
            len = ((StrObj *)s)->length;
            c = len == 1 ? str_char_at((StrObj *)s, 0) : 0;
        } else if (is_bytes(s)) {
            len = B(s)->length;
            c = len == 1 ? B(s)->data[0] : 0;
        } else {
            err_format(&type_type_error, "object of type '%T' has no len()", s);
            return NULL;
        }
        if (len != 1) {
            err_format(&type_value_error, "sep must be length 1.");
            return NULL;
        }
        if (c >= 0x80) {
            err_format(&type_value_error, "sep must be ASCII.");
            return NULL;
        }
        sep = (char)c;
    }
    if (values[1]) {
        if (!is_int_like(values[1])) {
            err_format(&type_type_error, "'%T' object cannot be interpreted as an integer", values[1]);
            return NULL;
        }
        if (!int_to_i64_checked(values[1], &group) || group > INT32_MAX || group < INT32_MIN) {
            err_format(&type_overflow_error, "Python int too large to convert to C int");
            return NULL;
        }
    }
    const BytesObj *b = B(self);
    int64_t width = group < 0 ? -group : group;
    StrBuf out;
    strbuf_init(&out);
    for (int32_t i = 0; i < b->length; i++) {
        /* a separator before byte i when a group boundary falls there */
        if (values[0] && width && i > 0 && (group > 0 ? (b->length - i) % width == 0 : i % width == 0))
            strbuf_append_char(&out, sep);
        strbuf_append_char(&out, "0123456789abcdef"[b->data[i] >> 4]);
        strbuf_append_char(&out, "0123456789abcdef"[b->data[i] & 15]);
    }
    return strbuf_finish(&out);
}

static int hex_value(uint32_t c) {
    if (c >= '0' && c <= '9') return (int)(c - '0');
    if (c >= 'a' && c <= 'f') return (int)(c - 'a' + 10);
    if (c >= 'A' && c <= 'F') return (int)(c - 'A' + 10);
    return -1;
}

/* bytes.fromhex(str): pairs of hex digits, ASCII whitespace allowed between
 * pairs only; the error names the position of the first bad character. */
Obj *bytes_fromhex(Obj *args, Obj *kwargs) {
    if (!check_no_kwargs(kwargs, "bytes.fromhex") || !check_exactly_one(args, "bytes.fromhex"))
        return NULL;
    Obj *arg = arg_at(args, 0);
    if (!is_str(arg)) {
        err_format(&type_type_error, "fromhex() argument must be str, not %T", arg);
        return NULL;
    }
    const StrObj *s = (const StrObj *)arg;
    StrBuf out;
    strbuf_init(&out);
    for (int32_t i = 0; i < s->length;) {
        uint32_t c = str_char_at(s, i);
        if (c < 0x80 && is_ascii_space((uint8_t)c)) {
            i++;
            continue;
        }
        int hi = hex_value(c);
        int lo = i + 1 < s->length ? hex_value(str_char_at(s, i + 1)) : -1;
        if (hi < 0 || lo < 0) {
            strbuf_release(&out);
            err_format(&type_value_error, "non-hexadecimal number found in fromhex() arg at position %d",
                       hi < 0 ? i : i + 1);
            return NULL;
        }
        strbuf_append_char(&out, (char)(hi << 4 | lo));
        i += 2;
    }
    Obj *r = NULL;
    if (out.failed)
        err_no_memory();
    else
        r = bytes_from((const uint8_t *)out.bytes, (int32_t)out.len);
    strbuf_release(&out);
    return r;
}

/* bytes.maketrans(from, to): the 256-byte identity table with from[i]
 * mapped to to[i] (a later repeat of a byte wins). bytes is the only
 * bytes-like type, so anything else is refused with CPython's wording. */
Obj *bytes_maketrans(Obj *args, Obj *kwargs) {
    if (!check_no_kwargs(kwargs, "bytes.maketrans") || !check_arg_range(args, "maketrans", 2, 2))
        return NULL;
    for (int32_t i = 0; i < 2; i++) {
        if (!is_bytes(arg_at(args, i))) {
            err_format(&type_type_error, "a bytes-like object is required, not '%T'", arg_at(args, i));
            return NULL;
        }
    }
    const BytesObj *from = B(arg_at(args, 0)), *to = B(arg_at(args, 1));
    if (from->length != to->length) {
        err_format(&type_value_error, "maketrans arguments must have same length");
        return NULL;
    }
    Obj *table = bytes_new(256);
    if (!table)
        return NULL;
    for (int32_t i = 0; i < 256; i++)
        B(table)->data[i] = (uint8_t)i;
    for (int32_t i = 0; i < from->length; i++)
        B(table)->data[from->data[i]] = to->data[i];
    return table;
}

/* bytes.translate(table, /, delete=b''): table None leaves bytes as they
 * are; the arity errors come first, in CPython's argument-clinic wording. */
static Obj *bytes_translate(Obj *self, Obj *args, Obj *kwargs) {
    int32_t npos = args_count(args), nkw = kwargs ? ((DictObj *)kwargs)->used : 0;
    if (npos + nkw > 2) {
        err_format(&type_type_error, "translate() takes at most 2 arguments (%d given)", npos + nkw);
        return NULL;
    }
    if (npos < 1) {
        err_format(&type_type_error, "translate() takes at least 1 positional argument (%d given)", npos);
        return NULL;
    }
    Obj *table = arg_at(args, 0), *delete = npos > 1 ? arg_at(args, 1) : NULL;
    if (kwargs) {
        DictObj *d = (DictObj *)kwargs;
        for (int32_t i = 0; i < d->entries_len; i++) {
            Obj *k = d->entries[i].key;
            if (!k)
                continue;
            if (!str_equals_ascii(k, "delete")) {
                err_format(&type_type_error, "'%S' is an invalid keyword argument for translate()", k);
                return NULL;
            }
            delete = d->entries[i].value;
        }
    }
    bool identity = type_id_of(table) == TYPE_ID_NONE;
    if (!identity) {
        if (!is_bytes(table)) {
            err_format(&type_type_error, "a bytes-like object is required, not '%T'", table);
            return NULL;
        }
        if (B(table)->length != 256) {
            err_format(&type_value_error, "translation table must be 256 characters long");
            return NULL;
        }
    }
    if (delete && !is_bytes(delete)) {
        err_format(&type_type_error, "a bytes-like object is required, not '%T'", delete);
        return NULL;
    }
    bool dropped[256] = {false};
    for (int32_t i = 0; delete && i < B(delete)->length; i++)
        dropped[B(delete)->data[i]] = true;
    const BytesObj *b = B(self);
    int32_t kept = 0;
    bool changed = false;
    for (int32_t i = 0; i < b->length; i++) {
        uint8_t c = b->data[i];
        if (dropped[c])
            changed = true;
        else {
            kept++;
            changed = changed || (!identity && B(table)->data[c] != c);
        }
    }
    if (!changed)
        return new_ref(self); /* bytes are immutable, so CPython hands back the same object */
    Obj *r = bytes_new(kept);
    if (!r)
        return NULL;
    for (int32_t i = 0, j = 0; i < b->length; i++) {
        uint8_t c = b->data[i];
        if (!dropped[c])
            B(r)->data[j++] = identity ? c : B(table)->data[c];
    }
    return r;
}

Obj *bytes_call_method(Obj *self, Obj *name, Obj *args, Obj *kwargs, bool *found) {
    *found = true;
    if (str_equals_ascii(name, "decode"))
        return bytes_decode(self, args, kwargs);
    if (str_equals_ascii(name, "split"))
        return bytes_split(self, args, kwargs);
    if (str_equals_ascii(name, "fromhex"))
        return bytes_fromhex(args, kwargs);
    if (str_equals_ascii(name, "maketrans")) /* a static method, reachable on an instance too */
        return bytes_maketrans(args, kwargs);
    if (str_equals_ascii(name, "translate"))
        return bytes_translate(self, args, kwargs);
    static const char *const names[] = {"join", "strip", "lstrip", "rstrip", "startswith", "endswith", "find",
                                         "rfind", "index", "rindex", "count", "replace", "upper", "lower",
                                         "hex", "isdigit", "isalpha", NULL};
    int m = name_index(name, names, -1);
    if (m < 0) {
        *found = false;
        return NULL;
    }
    char qualified[32] = "bytes.";
    strcpy(qualified + 6, names[m]);
    if (m == 14) /* hex([sep[, bytes_per_sep]]) also takes keywords */
        return bytes_hex(self, args, kwargs);
    if (!check_no_kwargs(kwargs, qualified))
        return NULL;
    switch (m) {
    case 0: return check_exactly_one(args, qualified) ? bytes_join(self, arg_at(args, 0)) : NULL;
    case 1: case 2: case 3: return bytes_strip(self, args, names[m], m == 1 ? 3 : m == 2 ? 1 : 2);
    case 4: case 5: return bytes_starts_ends(self, args, names[m], m == 5);
    case 6: case 7: case 8: case 9: case 10: return bytes_find_family(self, args, names[m], m - 6);
    case 11: return bytes_replace(self, args);
    default:
        if (!check_no_args(args, qualified))
            return NULL;
        switch (m) {
        case 12: case 13: return bytes_map_case(self, m == 12);
        default: return bytes_all_in(self, m == 15);
        }
    }
}
