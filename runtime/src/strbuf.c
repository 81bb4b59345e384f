/*
 * strbuf.c — a growable UTF-8 byte buffer used to build messages and
 * textual representations before turning them into str objects.
 *
 * Invariants:
 *  - Starts in the inline space (no allocation for short text); spills to the
 *    heap, doubling, and owns that block until finish/release.
 *  - If growth fails, `failed` is set and later appends are dropped; callers
 *    report MemoryError instead of producing truncated text.
 */
#include "taipan_internal.h"
#include <string.h>

void strbuf_init(StrBuf *b) {
    b->bytes = b->inline_space;
    b->len = 0;
    b->cap = sizeof b->inline_space;
    b->heap_owned = false;
    b->failed = false;
}

static bool strbuf_reserve(StrBuf *b, uint32_t extra) {
    if (b->failed)
        return false;
    if (b->cap - b->len >= extra)
        return true;
    uint64_t wanted = (uint64_t)b->len + extra;
    uint64_t cap = (uint64_t)b->cap * 2;
    if (cap < wanted)
        cap = wanted;
    char *grown = cap > 0x7fffffff ? NULL : (char *)heap_alloc((uint32_t)cap);
    if (!grown) {
        b->failed = true;
        return false;
    }
    memcpy(grown, b->bytes, b->len);
    if (b->heap_owned)
        heap_free(b->bytes, b->cap);
    b->bytes = grown;
    b->cap = (uint32_t)cap;
    b->heap_owned = true;
    return true;
}

void strbuf_append(StrBuf *b, const char *bytes, uint32_t n) {
    if (!strbuf_reserve(b, n))
        return;
    memcpy(b->bytes + b->len, bytes, n);
    b->len += n;
}

void strbuf_append_cstr(StrBuf *b, const char *cstr) {
    strbuf_append(b, cstr, (uint32_t)strlen(cstr));
}

void strbuf_append_char(StrBuf *b, char c) { strbuf_append(b, &c, 1); }

void strbuf_append_codepoint(StrBuf *b, uint32_t cp) {
    uint8_t encoded[4];
    uint32_t n = utf8_encode(cp, encoded);
    strbuf_append(b, (const char *)encoded, n);
}

void strbuf_append_i64(StrBuf *b, int64_t v) {
    char digits[24];
    int n = 0;
    /* Work with the magnitude as unsigned so INT64_MIN needs no special case. */
    uint64_t magnitude = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
    do {
        digits[n++] = (char)('0' + magnitude % 10);
        magnitude /= 10;
    } while (magnitude);
    if (v < 0)
        digits[n++] = '-';
    char out[24];
    for (int i = 0; i < n; i++)
        out[i] = digits[n - 1 - i];
    strbuf_append(b, out, (uint32_t)n);
}

void strbuf_append_str_obj(StrBuf *b, const Obj *s) {
    const StrObj *str = (const StrObj *)s;
    for (int32_t i = 0; i < str->length; i++)
        strbuf_append_codepoint(b, str_char_at(str, i));
}

void strbuf_release(StrBuf *b) {
    if (b->heap_owned)
        heap_free(b->bytes, b->cap);
    strbuf_init(b);
}

Obj *strbuf_finish(StrBuf *b) {
    Obj *s;
    if (b->failed) {
        err_no_memory();
        s = NULL;
    } else {
        s = str_from_utf8(b->bytes, (int32_t)b->len);
    }
    strbuf_release(b);
    return s;
}
