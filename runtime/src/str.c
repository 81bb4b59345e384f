/*
 * str.c — the str type: construction from UTF-8, PEP 393 storage,
 * concatenation, repetition, comparison, substring search, repr, UTF-8 out.
 *
 * Invariants:
 *  - kind is the smallest of 1/2/4 bytes that holds the largest code point,
 *    so equal strings always have equal kinds.
 *  - The empty string is a single immortal object; str_new_uninit(0, _)
 *    returns it, so zero-length strs are never heap allocated.
 *  - hash is -1 until hash.c computes and caches it.
 */
#include "taipan_internal.h"
#include <string.h>

static StrObj empty_str = {.header = {IMMORTAL_REFCNT, &type_str}, .length = 0, .kind = 1, .hash = 0};

Obj *str_empty(void) { return (Obj *)&empty_str; }

uint32_t str_alloc_size(int32_t length, int32_t kind) {
    return (uint32_t)sizeof(StrObj) + (uint32_t)length * (uint32_t)kind;
}

static int32_t kind_for(uint32_t max_cp) {
    return max_cp < 0x100 ? 1 : max_cp < 0x10000 ? 2 : 4;
}

Obj *str_new_uninit(int32_t length, int32_t kind) {
    if (length == 0)
        return str_empty();
    if (length < 0 || (uint64_t)length * (uint64_t)kind > 0x7fff0000u) {
        err_no_memory();
        return NULL;
    }
    StrObj *s = (StrObj *)obj_alloc(&type_str, str_alloc_size(length, kind));
    if (!s)
        return NULL;
    s->length = length;
    s->hash = -1;
    s->kind = kind;
    return (Obj *)s;
}

Obj *str_exact(Obj *o) {
    if (!is_user_instance(o))
        return new_ref(o);
    const StrObj *s = (const StrObj *)o;
    Obj *r = str_new_uninit(s->length, s->kind);
    if (r && s->length > 0) {
        memcpy(((StrObj *)r)->data, s->data, (size_t)s->length * (size_t)s->kind);
        ((StrObj *)r)->hash = s->hash;
    }
    return r;
}

void str_set_char(StrObj *s, int32_t i, uint32_t cp) {
    switch (s->kind) {
    case 1: s->data[i] = (uint8_t)cp; break;
    case 2: ((uint16_t *)s->data)[i] = (uint16_t)cp; break;
    default: ((uint32_t *)s->data)[i] = cp; break;
    }
}

/* Decodes one UTF-8 sequence at bytes[*pos]; malformed input yields U+FFFD
 * for one byte so decoding always makes progress. */
static uint32_t utf8_decode_one(const uint8_t *bytes, int32_t n, int32_t *pos) {
    uint8_t lead = bytes[*pos];
    int32_t need;
    uint32_t cp, min;
    if (lead < 0x80) { (*pos)++; return lead; }
    if ((lead & 0xE0) == 0xC0) { need = 1; cp = lead & 0x1F; min = 0x80; }
    else if ((lead & 0xF0) == 0xE0) { need = 2; cp = lead & 0x0F; min = 0x800; }
    else if ((lead & 0xF8) == 0xF0) { need = 3; cp = lead & 0x07; min = 0x10000; }
    else { (*pos)++; return 0xFFFD; }
    if (*pos + need >= n) { (*pos)++; return 0xFFFD; } /* truncated */
    for (int32_t k = 1; k <= need; k++) {
        uint8_t cont = bytes[*pos + k];
        if ((cont & 0xC0) != 0x80) { (*pos)++; return 0xFFFD; }
        cp = (cp << 6) | (cont & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF) { (*pos)++; return 0xFFFD; }
    *pos += need + 1;
    return cp;
}

Obj *str_from_utf8(const char *text, int32_t nbytes) {
    const uint8_t *bytes = (const uint8_t *)text;
    int32_t length = 0;
    uint32_t max_cp = 0;
    for (int32_t pos = 0; pos < nbytes; length++) {
        uint32_t cp = utf8_decode_one(bytes, nbytes, &pos);
        if (cp > max_cp)
            max_cp = cp;
    }
    Obj *o = str_new_uninit(length, kind_for(max_cp));
    if (!o || length == 0)
        return o;
    StrObj *s = (StrObj *)o;
    int32_t i = 0;
    for (int32_t pos = 0; pos < nbytes; i++)
        str_set_char(s, i, utf8_decode_one(bytes, nbytes, &pos));
    return o;
}

Obj *str_from_ascii(const char *cstr) { return str_from_utf8(cstr, (int32_t)strlen(cstr)); }

uint32_t utf8_encode(uint32_t cp, uint8_t out[4]) {
    if (cp < 0x80) { out[0] = (uint8_t)cp; return 1; }
    if (cp < 0x800) {
        out[0] = (uint8_t)(0xC0 | (cp >> 6));
        out[1] = (uint8_t)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (uint8_t)(0xE0 | (cp >> 12));
        out[1] = (uint8_t)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (uint8_t)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (uint8_t)(0xF0 | (cp >> 18));
    out[1] = (uint8_t)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (uint8_t)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (uint8_t)(0x80 | (cp & 0x3F));
    return 4;
}

uint32_t str_to_utf8(const Obj *o, char *out, uint32_t capacity) {
    const StrObj *s = (const StrObj *)o;
    uint32_t total = 0;
    for (int32_t i = 0; i < s->length; i++) {
        uint8_t encoded[4];
        uint32_t n = utf8_encode(str_char_at(s, i), encoded);
        for (uint32_t k = 0; k < n; k++, total++)
            if (total < capacity)
                out[total] = (char)encoded[k];
    }
    return total;
}

static void copy_chars(StrObj *dst, int32_t at, const StrObj *src) {
    if (dst->kind == src->kind) {
        memcpy(dst->data + (size_t)at * dst->kind, src->data, (size_t)src->length * src->kind);
        return;
    }
    for (int32_t i = 0; i < src->length; i++)
        str_set_char(dst, at + i, str_char_at(src, i));
}

Obj *str_concat(Obj *a, Obj *b) {
    const StrObj *sa = (const StrObj *)a, *sb = (const StrObj *)b;
    if (sb->length == 0)
        return str_exact(a);
    if (sa->length == 0)
        return str_exact(b);
    if ((int64_t)sa->length + sb->length > 0x7fffffff) {
        err_no_memory();
        return NULL;
    }
    int32_t kind = sa->kind > sb->kind ? sa->kind : sb->kind;
    Obj *o = str_new_uninit(sa->length + sb->length, kind);
    if (!o)
        return NULL;
    copy_chars((StrObj *)o, 0, sa);
    copy_chars((StrObj *)o, sa->length, sb);
    return o;
}

Obj *str_repeat(Obj *o, int64_t count) {
    const StrObj *s = (const StrObj *)o;
    if (count <= 0 || s->length == 0)
        return str_empty();
    if (count == 1)
        return str_exact(o);
    if (count > 0x7fffffff / s->length) {
        err_no_memory();
        return NULL;
    }
    Obj *r = str_new_uninit((int32_t)(s->length * count), s->kind);
    if (!r)
        return NULL;
    size_t chunk = (size_t)s->length * s->kind;
    for (int64_t k = 0; k < count; k++)
        memcpy(((StrObj *)r)->data + k * chunk, s->data, chunk);
    return r;
}

int str_compare(const Obj *a, const Obj *b) {
    const StrObj *sa = (const StrObj *)a, *sb = (const StrObj *)b;
    int32_t n = sa->length < sb->length ? sa->length : sb->length;
    for (int32_t i = 0; i < n; i++) {
        uint32_t ca = str_char_at(sa, i), cb = str_char_at(sb, i);
        if (ca != cb)
            return ca < cb ? -1 : 1;
    }
    return sa->length < sb->length ? -1 : sa->length > sb->length ? 1 : 0;
}

bool str_equal(const Obj *a, const Obj *b) {
    const StrObj *sa = (const StrObj *)a, *sb = (const StrObj *)b;
    if (a == b)
        return true;
    if (sa->length != sb->length || sa->kind != sb->kind)
        return false;
    return memcmp(sa->data, sb->data, (size_t)sa->length * sa->kind) == 0;
}

int32_t str_contains(Obj *haystack, Obj *needle) {
    const StrObj *h = (const StrObj *)haystack, *n = (const StrObj *)needle;
    if (n->length == 0)
        return 1;
    if (n->kind > h->kind)
        return 0; /* needle has a code point the haystack cannot hold */
    for (int32_t start = 0; start + n->length <= h->length; start++) {
        int32_t k = 0;
        while (k < n->length && str_char_at(h, start + k) == str_char_at(n, k))
            k++;
        if (k == n->length)
            return 1;
    }
    return 0;
}

static void append_hex(StrBuf *b, uint32_t value, int digits) {
    static const char hex[] = "0123456789abcdef";
    for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4)
        strbuf_append_char(b, hex[(value >> shift) & 0xF]);
}

Obj *str_repr(Obj *o) {
    const StrObj *s = (const StrObj *)o;
    bool has_single = false, has_double = false;
    for (int32_t i = 0; i < s->length; i++) {
        uint32_t cp = str_char_at(s, i);
        has_single |= cp == '\'';
        has_double |= cp == '"';
    }
    char quote = has_single && !has_double ? '"' : '\'';
    StrBuf b;
    strbuf_init(&b);
    strbuf_append_char(&b, quote);
    for (int32_t i = 0; i < s->length; i++) {
        uint32_t cp = str_char_at(s, i);
        if (cp == (uint32_t)quote || cp == '\\') {
            strbuf_append_char(&b, '\\');
            strbuf_append_char(&b, (char)cp);
        } else if (cp == '\n') {
            strbuf_append_cstr(&b, "\\n");
        } else if (cp == '\r') {
            strbuf_append_cstr(&b, "\\r");
        } else if (cp == '\t') {
            strbuf_append_cstr(&b, "\\t");
        } else if (unicode_is_printable(cp)) { /* CPython's Py_UNICODE_ISPRINTABLE */
            strbuf_append_codepoint(&b, cp);
        } else if (cp < 0x100) {
            strbuf_append_cstr(&b, "\\x");
            append_hex(&b, cp, 2);
        } else if (cp < 0x10000) {
            strbuf_append_cstr(&b, "\\u");
            append_hex(&b, cp, 4);
        } else {
            strbuf_append_cstr(&b, "\\U");
            append_hex(&b, cp, 8);
        }
    }
    strbuf_append_char(&b, quote);
    return strbuf_finish(&b);
}
