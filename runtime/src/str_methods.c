/*
 * str_methods.c — the methods of str (split, join, find, replace, the case
 * conversions, the is* predicates, ...) with CPython 3.11's semantics,
 * argument handling and messages, plus the builtins ord(), chr(), ascii().
 *
 * Invariants:
 *  - Inputs are borrowed; results are new references (or NULL + exception).
 *  - Every str result has the narrowest PEP 393 kind for its content
 *    (str.c's invariant): results whose code points come from the input are
 *    narrowed after building when characters may have been dropped.
 *  - Per-code-point facts come from unicode.c (tables generated from
 *    CPython), so predicates and case mappings agree with CPython; context
 *    rules (final sigma, title-casing state) live here, as in CPython.
 *  - Substring search is Horspool over the low byte of each code point, so
 *    find/count/replace/split are linear for typical inputs.
 *  - Argument parsing mirrors the three CPython conventions str uses:
 *    Argument Clinic with keywords (split, rsplit, splitlines, expandtabs),
 *    positional-only Clinic (strip, replace, center, ...; METH_O for the
 *    one-argument ones) and the older PyArg_ParseTuple style (find, count,
 *    index, startswith, ...), because each words its errors differently.
 */
#include "taipan_internal.h"
#include "unicode_tables.h"
#include <string.h>

#define STR(o) ((const StrObj *)(o))

/* ---- building results ---------------------------------------------------- */

static int32_t kind_for_max(uint32_t max_cp) { return max_cp < 0x100 ? 1 : max_cp < 0x10000 ? 2 : 4; }

static uint32_t max_char_in(const StrObj *s, int32_t start, int32_t end) {
    uint32_t max = 0;
    if (s->kind == 1 && end > start) {
        for (int32_t i = start; i < end; i++)
            if (s->data[i] > max)
                max = s->data[i];
        return max;
    }
    for (int32_t i = start; i < end; i++) {
        uint32_t c = str_char_at(s, i);
        if (c > max)
            max = c;
    }
    return max;
}

/* s[start:end] as a new str of the narrowest kind; the whole string is
 * shared rather than copied (CPython does the same for exact str). */
static Obj *substring(Obj *o, int32_t start, int32_t end) {
    const StrObj *s = STR(o);
    if (start <= 0 && end >= s->length)
        return new_ref(o);
    if (end <= start)
        return str_empty();
    int32_t kind = s->kind == 1 ? 1 : kind_for_max(max_char_in(s, start, end));
    Obj *r = str_new_uninit(end - start, kind);
    if (!r)
        return NULL;
    if (kind == s->kind) {
        memcpy(((StrObj *)r)->data, s->data + (size_t)start * kind, (size_t)(end - start) * kind);
    } else {
        for (int32_t i = start; i < end; i++)
            str_set_char((StrObj *)r, i - start, str_char_at(s, i));
    }
    return r;
}

/* A growable array of code points for results whose length is only known
 * after a pass (case mappings, translate, expandtabs). */
typedef struct CpBuf {
    uint32_t *cps;
    int32_t len, cap;
    uint32_t max;
    bool failed;
    uint32_t inline_space[64];
} CpBuf;

static void cpbuf_init(CpBuf *b) {
    b->cps = b->inline_space;
    b->len = 0;
    b->cap = 64;
    b->max = 0;
    b->failed = false;
}

static void cpbuf_release(CpBuf *b) {
    if (b->cps != b->inline_space)
        heap_free(b->cps, (uint32_t)b->cap * 4);
    b->cps = b->inline_space;
    b->cap = 64;
}

static bool cpbuf_reserve(CpBuf *b, int64_t extra) {
    if (b->failed)
        return false;
    if (b->len + extra <= b->cap)
        return true;
    int64_t want = (int64_t)b->cap * 2;
    if (want < b->len + extra)
        want = b->len + extra;
    if (want > 0x1fffffff) {
        b->failed = true;
        return false;
    }
    uint32_t *grown = heap_alloc((uint32_t)want * 4);
    if (!grown) {
        b->failed = true;
        return false;
    }
    memcpy(grown, b->cps, (size_t)b->len * 4);
    cpbuf_release(b);
    b->cps = grown;
    b->cap = (int32_t)want;
    return true;
}

static void cpbuf_push(CpBuf *b, uint32_t cp) {
    if (b->len == b->cap && !cpbuf_reserve(b, 1))
        return;
    if (b->failed)
        return;
    b->cps[b->len++] = cp;
    if (cp > b->max)
        b->max = cp;
}

static Obj *cpbuf_finish(CpBuf *b) {
    if (b->failed) {
        cpbuf_release(b);
        err_no_memory();
        return NULL;
    }
    Obj *r = str_new_uninit(b->len, kind_for_max(b->max));
    if (r)
        for (int32_t i = 0; i < b->len; i++)
            str_set_char((StrObj *)r, i, b->cps[i]);
    cpbuf_release(b);
    return r;
}

/* Re-encodes r (owned) into the narrowest kind if it is wider than needed. */
static Obj *narrowed(Obj *r) {
    if (!r || STR(r)->kind == 1)
        return r;
    const StrObj *s = STR(r);
    int32_t kind = kind_for_max(max_char_in(s, 0, s->length));
    if (kind == s->kind)
        return r;
    Obj *n = str_new_uninit(s->length, kind);
    if (n)
        for (int32_t i = 0; i < s->length; i++)
            str_set_char((StrObj *)n, i, str_char_at(s, i));
    rt_decref(r);
    return n;
}

/* Copies src[start:end] into dst at position `at` (dst's kind is wide enough). */
static void copy_range(StrObj *dst, int32_t at, const StrObj *src, int32_t start, int32_t end) {
    if (dst->kind == src->kind) {
        memcpy(dst->data + (size_t)at * dst->kind, src->data + (size_t)start * src->kind,
               (size_t)(end - start) * src->kind);
        return;
    }
    for (int32_t i = start; i < end; i++)
        str_set_char(dst, at + i - start, str_char_at(src, i));
}

/* ---- searching ------------------------------------------------------------- */

/* CPython's ADJUST_INDICES: negative indices count from the end, end is
 * clipped to the length; start is not clipped above (callers compare). */
static void adjust_indices(int64_t *start, int64_t *end, int64_t len) {
    if (*end > len)
        *end = len;
    else if (*end < 0) {
        *end += len;
        if (*end < 0)
            *end = 0;
    }
    if (*start < 0) {
        *start += len;
        if (*start < 0)
            *start = 0;
    }
}

static bool matches_at(const StrObj *h, int64_t pos, const StrObj *n) {
    for (int32_t k = 0; k < n->length; k++)
        if (str_char_at(h, (int32_t)pos + k) != str_char_at(n, k))
            return false;
    return true;
}

/* First (forward) or last (!forward) index of n in h[start:end], or -1.
 * start/end are already adjusted; n may be empty. */
static int64_t search(const StrObj *h, int64_t start, int64_t end, const StrObj *n, bool forward) {
    int64_t m = n->length;
    if (end - start < m)
        return -1;
    if (m == 0)
        return forward ? start : end;
    if (m == 1) {
        uint32_t c = str_char_at(n, 0);
        if (forward) {
            for (int64_t i = start; i < end; i++)
                if (str_char_at(h, (int32_t)i) == c)
                    return i;
        } else {
            for (int64_t i = end - 1; i >= start; i--)
                if (str_char_at(h, (int32_t)i) == c)
                    return i;
        }
        return -1;
    }
    /* Horspool: shift by how far the window's edge character (low byte) is
     * from the needle's far end; sharing a byte only shortens shifts. */
    int64_t shift[256];
    for (int k = 0; k < 256; k++)
        shift[k] = m;
    if (forward) {
        for (int64_t i = 0; i < m - 1; i++)
            shift[str_char_at(n, (int32_t)i) & 0xFF] = m - 1 - i;
        uint32_t last = str_char_at(n, (int32_t)m - 1);
        for (int64_t pos = start; pos + m <= end;) {
            uint32_t edge = str_char_at(h, (int32_t)(pos + m - 1));
            if (edge == last && matches_at(h, pos, n))
                return pos;
            pos += shift[edge & 0xFF];
        }
    } else {
        for (int64_t i = m - 1; i > 0; i--)
            shift[str_char_at(n, (int32_t)i) & 0xFF] = i;
        uint32_t first = str_char_at(n, 0);
        for (int64_t pos = end - m; pos >= start;) {
            uint32_t edge = str_char_at(h, (int32_t)pos);
            if (edge == first && matches_at(h, pos, n))
                return pos;
            pos -= shift[edge & 0xFF];
        }
    }
    return -1;
}

static int64_t count_in(const StrObj *h, int64_t start, int64_t end, const StrObj *n, int64_t limit) {
    if (end - start < n->length)
        return 0;
    if (n->length == 0)
        return end - start + 1 < limit ? end - start + 1 : limit;
    int64_t count = 0;
    for (int64_t pos = start; count < limit;) {
        int64_t at = search(h, pos, end, n, true);
        if (at < 0)
            break;
        count++;
        pos = at + n->length;
    }
    return count;
}

/* ---- argument handling ------------------------------------------------------ */

static int32_t kwargs_count(Obj *kwargs) { return kwargs ? ((DictObj *)kwargs)->used : 0; }

/* Argument Clinic with keywords (_PyArg_UnpackKeywords): every parameter
 * optional, named `names[0..max)`. Unfilled slots stay NULL. */
static bool unpack_keywords(Obj *args, Obj *kwargs, const char *fname, const char *const *names,
                            int32_t max, Obj **out) {
    int32_t nargs = args_count(args), nkw = kwargs_count(kwargs);
    if (nargs + nkw > max) {
        err_format(&type_type_error, "%s() takes at most %d %sargument%s (%d given)", fname, max,
                   nargs == 0 ? "keyword " : "", max == 1 ? "" : "s", nargs + nkw);
        return false;
    }
    for (int32_t i = 0; i < max; i++)
        out[i] = i < nargs ? arg_at(args, i) : NULL;
    if (nkw == 0)
        return true;
    const DictObj *d = (const DictObj *)kwargs;
    for (int32_t i = 0; i < nargs; i++)
        for (int32_t e = 0; e < d->entries_len; e++)
            if (d->entries[e].key && is_str(d->entries[e].key) && str_equals_ascii(d->entries[e].key, names[i])) {
                err_format(&type_type_error, "argument for %s() given by name ('%s') and position (%d)", fname,
                           names[i], i + 1);
                return false;
            }
    for (int32_t e = 0; e < d->entries_len; e++) {
        Obj *key = d->entries[e].key;
        if (!key)
            continue;
        int32_t slot = -1;
        for (int32_t i = nargs; i < max; i++)
            if (is_str(key) && str_equals_ascii(key, names[i]))
                slot = i;
        if (slot < 0) {
            err_format(&type_type_error, "'%S' is an invalid keyword argument for %s()", key, fname);
            return false;
        }
        out[slot] = d->entries[e].value;
    }
    return true;
}

/* "str.NAME", for the argument errors. These checks run on every method
 * call, so it is spelled only on the way to an error. */
static const char *str_qualified(char out[32], const char *name) {
    strcpy(out, "str.");
    return strcat(out, name);
}

static bool str_method_no_kwargs(Obj *kwargs, const char *name) {
    char qualified[32];
    return !kwargs || ((DictObj *)kwargs)->used == 0 || check_no_kwargs(kwargs, str_qualified(qualified, name));
}

/* PyArg_ParseTuple "O|OO:find" wording. */
static bool old_style_args(Obj *args, Obj *kwargs, const char *name, int32_t min, int32_t max) {
    if (!str_method_no_kwargs(kwargs, name))
        return false;
    int32_t n = args_count(args);
    if (n < min || n > max) {
        err_format(&type_type_error, "%s() takes %s %d argument%s (%d given)", name, n < min ? "at least" : "at most",
                   n < min ? min : max, (n < min ? min : max) == 1 ? "" : "s", n);
        return false;
    }
    return true;
}

/* Positional-only Clinic (_PyArg_CheckPositional) wording. */
static bool positional_args(Obj *args, Obj *kwargs, const char *name, int32_t min, int32_t max) {
    if (!str_method_no_kwargs(kwargs, name))
        return false;
    int32_t n = args_count(args);
    if (min == max && n == min)
        return true;
    char qualified[32];
    if (min == 1 && max == 1)
        return check_exactly_one(args, str_qualified(qualified, name)); /* METH_O */
    if (min == 0 && max == 0)
        return check_no_args(args, str_qualified(qualified, name));
    return check_arg_range(args, name, min, max);
}

/* An index-sized integer argument (Py_ssize_t, or C int when c_int). */
static bool int_arg(Obj *o, bool c_int, int64_t *out) {
    if (is_user_instance(o) && special_lookup(o, "__index__")) {
        Obj *i = number_index(o);
        bool ok = i && int_arg(i, c_int, out);
        rt_decref(i);
        return ok;
    }
    if (!is_int_like(o)) {
        err_format(&type_type_error, "'%T' object cannot be interpreted as an integer", o);
        return false;
    }
    if (!int_to_i64_checked(o, out) || (c_int && (*out < INT32_MIN || *out > INT32_MAX))) {
        err_format(&type_overflow_error, "Python int too large to convert to C %s", c_int ? "int" : "ssize_t");
        return false;
    }
    return true;
}

/* The optional start/end of find & co.: None keeps the default; huge
 * values saturate, as CPython's _PyEval_SliceIndex clamps them. */
static bool slice_bound(Obj *o, int64_t *out) {
    if (!o || o == rt_none())
        return true;
    if (is_user_instance(o) && special_lookup(o, "__index__")) {
        Obj *i = number_index(o);
        if (!i)
            return false;
        *out = int_to_i64(i);
        rt_decref(i);
        return true;
    }
    if (!is_int_like(o)) {
        err_format(&type_type_error, "slice indices must be integers or None or have an __index__ method");
        return false;
    }
    *out = int_to_i64(o);
    return true;
}

static bool require_str(Obj *o) {
    if (is_str(o))
        return true;
    err_format(&type_type_error, "must be str, not %T", o);
    return false;
}

/* ---- split family ---------------------------------------------------------- */

static bool append_piece(Obj *list, Obj *self, int64_t start, int64_t end) {
    Obj *piece = substring(self, (int32_t)start, (int32_t)end);
    if (!piece)
        return false;
    int32_t status = list_append(list, piece);
    rt_decref(piece);
    return status == 0;
}

static void reverse_list(Obj *list) {
    ListObj *l = (ListObj *)list;
    for (int32_t i = 0, j = l->length - 1; i < j; i++, j--) {
        Obj *t = l->items[i];
        l->items[i] = l->items[j];
        l->items[j] = t;
    }
}

static Obj *split_common(Obj *self, Obj *args, Obj *kwargs, bool from_right) {
    static const char *const names[] = {"sep", "maxsplit"};
    const char *fname = from_right ? "rsplit" : "split";
    Obj *a[2];
    if (!unpack_keywords(args, kwargs, fname, names, 2, a))
        return NULL;
    Obj *sep = a[0] && a[0] != rt_none() ? a[0] : NULL;
    int64_t maxsplit = -1;
    if (sep && !is_str(sep)) {
        err_format(&type_type_error, "must be str or None, not %T", sep);
        return NULL;
    }
    if (a[1] && !int_arg(a[1], false, &maxsplit))
        return NULL;
    if (maxsplit < 0)
        maxsplit = INT64_MAX;
    const StrObj *s = STR(self);
    int64_t len = s->length;
    Obj *list = rt_list_new(0);
    if (!list)
        return NULL;
    bool ok = true;
    if (!sep) {
        /* Whitespace mode: runs of whitespace separate, ends are trimmed,
         * and the remainder after maxsplit splits keeps its inner spacing. */
        if (!from_right) {
            int64_t i = 0;
            while (ok && maxsplit-- > 0) {
                while (i < len && unicode_is_space(str_char_at(s, (int32_t)i)))
                    i++;
                if (i == len)
                    break;
                int64_t j = i++;
                while (i < len && !unicode_is_space(str_char_at(s, (int32_t)i)))
                    i++;
                ok = append_piece(list, self, j, i);
            }
            while (i < len && unicode_is_space(str_char_at(s, (int32_t)i)))
                i++;
            if (ok && i < len)
                ok = append_piece(list, self, i, len);
        } else {
            int64_t i = len - 1;
            while (ok && maxsplit-- > 0) {
                while (i >= 0 && unicode_is_space(str_char_at(s, (int32_t)i)))
                    i--;
                if (i < 0)
                    break;
                int64_t j = i--;
                while (i >= 0 && !unicode_is_space(str_char_at(s, (int32_t)i)))
                    i--;
                ok = append_piece(list, self, i + 1, j + 1);
            }
            while (i >= 0 && unicode_is_space(str_char_at(s, (int32_t)i)))
                i--;
            if (ok && i >= 0)
                ok = append_piece(list, self, 0, i + 1);
            reverse_list(list);
        }
    } else {
        const StrObj *n = STR(sep);
        if (n->length == 0) {
            rt_decref(list);
            err_format(&type_value_error, "empty separator");
            return NULL;
        }
        if (!from_right) {
            int64_t pos = 0;
            while (ok && maxsplit-- > 0) {
                int64_t at = search(s, pos, len, n, true);
                if (at < 0)
                    break;
                ok = append_piece(list, self, pos, at);
                pos = at + n->length;
            }
            if (ok)
                ok = append_piece(list, self, pos, len);
        } else {
            int64_t end = len;
            while (ok && maxsplit-- > 0) {
                int64_t at = search(s, 0, end, n, false);
                if (at < 0)
                    break;
                ok = append_piece(list, self, at + n->length, end);
                end = at;
            }
            if (ok)
                ok = append_piece(list, self, 0, end);
            reverse_list(list);
        }
    }
    if (!ok) {
        rt_decref(list);
        return NULL;
    }
    return list;
}

static bool is_linebreak(uint32_t c) {
    if (c < 0x80)
        return c == '\n' || c == '\r' || (c >= 0x0B && c <= 0x0C) || (c >= 0x1C && c <= 0x1E);
    return (unicode_flags(c) & UFLAG_LINEBREAK) != 0;
}

static Obj *str_splitlines(Obj *self, Obj *args, Obj *kwargs) {
    static const char *const names[] = {"keepends"};
    Obj *a[1];
    int64_t keepends = 0;
    if (!unpack_keywords(args, kwargs, "splitlines", names, 1, a))
        return NULL;
    if (a[0] && !int_arg(a[0], true, &keepends))
        return NULL;
    const StrObj *s = STR(self);
    Obj *list = rt_list_new(0);
    if (!list)
        return NULL;
    for (int32_t i = 0; i < s->length;) {
        int32_t start = i;
        while (i < s->length && !is_linebreak(str_char_at(s, i)))
            i++;
        int32_t eol = i;
        if (i < s->length) {
            if (str_char_at(s, i) == '\r' && i + 1 < s->length && str_char_at(s, i + 1) == '\n')
                i += 2;
            else
                i++;
            if (keepends)
                eol = i;
        }
        if (!append_piece(list, self, start, eol)) {
            rt_decref(list);
            return NULL;
        }
    }
    return list;
}

/* ---- join ------------------------------------------------------------------ */

static Obj *str_join(Obj *self, Obj *iterable) {
    Obj *items;
    if (is_item_sequence(iterable)) {
        items = new_ref(iterable);
    } else {
        Obj *it = rt_get_iter(iterable);
        if (!it) {
            if (err_matches(&type_type_error))
                err_format(&type_type_error, "can only join an iterable");
            return NULL;
        }
        items = rt_builtin_list(it);
        rt_decref(it);
        if (!items)
            return NULL;
    }
    int32_t n;
    Obj **item;
    if (is_list(items)) {
        n = ((ListObj *)items)->length;
        item = ((ListObj *)items)->items;
    } else {
        n = ((TupleObj *)items)->length;
        item = ((TupleObj *)items)->items;
    }
    const StrObj *sep = STR(self);
    int64_t total = n > 1 ? (int64_t)sep->length * (n - 1) : 0;
    int32_t kind = n > 1 ? sep->kind : 1;
    for (int32_t i = 0; i < n; i++) {
        if (!is_str(item[i])) {
            err_format(&type_type_error, "sequence item %d: expected str instance, %T found", i, item[i]);
            rt_decref(items);
            return NULL;
        }
        total += STR(item[i])->length;
        if (STR(item[i])->kind > kind)
            kind = STR(item[i])->kind;
    }
    if (n == 1) { /* CPython returns the lone item itself (a str subclass's value as a plain str) */
        Obj *only = str_exact(item[0]);
        rt_decref(items);
        return only;
    }
    if (total > 0x7fffffff) {
        rt_decref(items);
        err_no_memory();
        return NULL;
    }
    Obj *r = str_new_uninit((int32_t)total, kind);
    if (r && total > 0) {
        int32_t at = 0;
        for (int32_t i = 0; i < n; i++) {
            if (i > 0) {
                copy_range((StrObj *)r, at, sep, 0, sep->length);
                at += sep->length;
            }
            copy_range((StrObj *)r, at, STR(item[i]), 0, STR(item[i])->length);
            at += STR(item[i])->length;
        }
    }
    rt_decref(items);
    return r;
}

/* ---- strip, partition, replace ------------------------------------------------ */

static bool in_chars(const StrObj *chars, uint32_t c) {
    for (int32_t i = 0; i < chars->length; i++)
        if (str_char_at(chars, i) == c)
            return true;
    return false;
}

/* which: 1 = left, 2 = right, 3 = both */
static Obj *str_strip(Obj *self, Obj *args, Obj *kwargs, const char *name, int which) {
    if (!positional_args(args, kwargs, name, 0, 1))
        return NULL;
    Obj *chars = args_count(args) ? arg_at(args, 0) : rt_none();
    if (chars != rt_none() && !is_str(chars)) {
        err_format(&type_type_error, "%s arg must be None or str", name);
        return NULL;
    }
    const StrObj *s = STR(self);
    int32_t start = 0, end = s->length;
    if (chars == rt_none()) {
        if (which & 1)
            while (start < end && unicode_is_space(str_char_at(s, start)))
                start++;
        if (which & 2)
            while (end > start && unicode_is_space(str_char_at(s, end - 1)))
                end--;
    } else {
        if (which & 1)
            while (start < end && in_chars(STR(chars), str_char_at(s, start)))
                start++;
        if (which & 2)
            while (end > start && in_chars(STR(chars), str_char_at(s, end - 1)))
                end--;
    }
    return substring(self, start, end);
}

static Obj *str_partition(Obj *self, Obj *sep, bool from_right) {
    if (!require_str(sep))
        return NULL;
    const StrObj *s = STR(self), *n = STR(sep);
    if (n->length == 0) {
        err_format(&type_value_error, "empty separator");
        return NULL;
    }
    int64_t at = search(s, 0, s->length, n, !from_right);
    Obj *parts[3];
    if (at < 0) {
        parts[0] = from_right ? str_empty() : new_ref(self);
        parts[1] = str_empty();
        parts[2] = from_right ? new_ref(self) : str_empty();
    } else {
        parts[0] = substring(self, 0, (int32_t)at);
        parts[1] = new_ref(sep);
        parts[2] = substring(self, (int32_t)(at + n->length), s->length);
    }
    Obj *t = parts[0] && parts[2] ? tuple_new(3) : NULL;
    if (!t) {
        for (int k = 0; k < 3; k++)
            rt_decref(parts[k]);
        return NULL;
    }
    for (int k = 0; k < 3; k++)
        ((TupleObj *)t)->items[k] = parts[k];
    return t;
}

static Obj *str_replace(Obj *self, Obj *args, Obj *kwargs) {
    if (!positional_args(args, kwargs, "replace", 2, 3))
        return NULL;
    Obj *old = arg_at(args, 0), *new_text = arg_at(args, 1);
    for (int k = 0; k < 2; k++)
        if (!is_str(arg_at(args, k))) {
            err_format(&type_type_error, "replace() argument %d must be str, not %T", k + 1, arg_at(args, k));
            return NULL;
        }
    int64_t limit = -1;
    if (args_count(args) == 3 && !int_arg(arg_at(args, 2), false, &limit))
        return NULL;
    if (limit < 0)
        limit = INT64_MAX;
    const StrObj *s = STR(self), *o = STR(old), *nw = STR(new_text);
    int64_t n = count_in(s, 0, s->length, o, limit);
    if (n == 0)
        return new_ref(self);
    int64_t total = s->length + n * ((int64_t)nw->length - o->length);
    if (total > 0x7fffffff) {
        err_no_memory();
        return NULL;
    }
    int32_t kind = nw->kind > s->kind ? nw->kind : s->kind;
    Obj *r = str_new_uninit((int32_t)total, kind);
    if (!r || total == 0)
        return r;
    StrObj *out = (StrObj *)r;
    int32_t at = 0;
    int64_t pos = 0;
    for (int64_t done = 0; done < n; done++) {
        if (o->length == 0) {
            /* insert before every character, then after the last */
            copy_range(out, at, nw, 0, nw->length);
            at += nw->length;
            if (pos < s->length) {
                str_set_char(out, at++, str_char_at(s, (int32_t)pos));
                pos++;
            }
            continue;
        }
        int64_t found = search(s, pos, s->length, o, true);
        copy_range(out, at, s, (int32_t)pos, (int32_t)found);
        at += (int32_t)(found - pos);
        copy_range(out, at, nw, 0, nw->length);
        at += nw->length;
        pos = found + o->length;
    }
    copy_range(out, at, s, (int32_t)pos, s->length);
    /* removed characters may have been the only wide ones */
    return narrowed(r);
}

/* ---- find family ------------------------------------------------------------- */

/* Parses (sub[, start[, end]]), adjusting the bounds. */
static bool find_args(Obj *self, Obj *args, Obj *kwargs, const char *name, int64_t *start, int64_t *end) {
    if (!old_style_args(args, kwargs, name, 1, 3))
        return false;
    *start = 0;
    *end = INT64_MAX;
    int32_t n = args_count(args);
    if ((n > 1 && !slice_bound(arg_at(args, 1), start)) || (n > 2 && !slice_bound(arg_at(args, 2), end)))
        return false;
    adjust_indices(start, end, STR(self)->length);
    return true;
}

/* kind: 0 find, 1 rfind, 2 index, 3 rindex, 4 count */
static Obj *str_find_family(Obj *self, Obj *args, Obj *kwargs, const char *name, int kind) {
    int64_t start, end;
    if (!find_args(self, args, kwargs, name, &start, &end) || !require_str(arg_at(args, 0)))
        return NULL;
    const StrObj *n = STR(arg_at(args, 0));
    if (kind == 4)
        return int_from_i64(count_in(STR(self), start, end, n, INT64_MAX));
    int64_t at = search(STR(self), start, end, n, kind == 0 || kind == 2);
    if (at < 0 && kind >= 2) {
        err_format(&type_value_error, "substring not found");
        return NULL;
    }
    return int_from_i64(at);
}

static bool tail_match(const StrObj *s, const StrObj *sub, int64_t start, int64_t end, bool at_end) {
    adjust_indices(&start, &end, s->length);
    end -= sub->length;
    if (end < start)
        return false;
    if (sub->length == 0)
        return true;
    return matches_at(s, at_end ? end : start, sub);
}

static Obj *starts_ends_with(Obj *self, Obj *what, int64_t start, int64_t end, const char *name, bool at_end);

static Obj *str_starts_ends(Obj *self, Obj *args, Obj *kwargs, const char *name, bool at_end) {
    if (!old_style_args(args, kwargs, name, 1, 3))
        return NULL;
    int64_t start = 0, end = INT64_MAX;
    int32_t n = args_count(args);
    if ((n > 1 && !slice_bound(arg_at(args, 1), &start)) || (n > 2 && !slice_bound(arg_at(args, 2), &end)))
        return NULL;
    return starts_ends_with(self, arg_at(args, 0), start, end, name, at_end);
}

static Obj *starts_ends_with(Obj *self, Obj *what, int64_t start, int64_t end, const char *name, bool at_end) {
    if (is_tuple(what)) {
        const TupleObj *t = (const TupleObj *)what;
        for (int32_t i = 0; i < t->length; i++) {
            if (!is_str(t->items[i])) {
                err_format(&type_type_error, "tuple for %s must only contain str, not %T", name, t->items[i]);
                return NULL;
            }
            if (tail_match(STR(self), STR(t->items[i]), start, end, at_end))
                return rt_true();
        }
        return rt_false();
    }
    if (!is_str(what)) {
        err_format(&type_type_error, "%s first arg must be str or a tuple of str, not %T", name, what);
        return NULL;
    }
    return bool_obj(tail_match(STR(self), STR(what), start, end, at_end));
}

/* ---- case conversions ----------------------------------------------------------- */

static void push_mapped(CpBuf *b, uint32_t c, UnicodeCase which) {
    uint32_t mapped[3];
    int32_t n = unicode_case_map(c, which, mapped);
    for (int32_t k = 0; k < n; k++)
        cpbuf_push(b, mapped[k]);
}

/* Unicode's Final_Sigma condition for the capital sigma at i: a cased
 * letter before it and none after it, skipping case-ignorable ones. */
static bool is_final_sigma(const StrObj *s, int32_t i) {
    int32_t j = i - 1;
    while (j >= 0 && (unicode_flags(str_char_at(s, j)) & UFLAG_CASE_IGNORABLE))
        j--;
    if (j < 0 || !(unicode_flags(str_char_at(s, j)) & UFLAG_CASED))
        return false;
    j = i + 1;
    while (j < s->length && (unicode_flags(str_char_at(s, j)) & UFLAG_CASE_IGNORABLE))
        j++;
    return j == s->length || !(unicode_flags(str_char_at(s, j)) & UFLAG_CASED);
}

/* CPython's lower_ucs4: the full lowercase mapping plus the sigma rule. */
static void push_lower(CpBuf *b, const StrObj *s, int32_t i, uint32_t c) {
    if (c == 0x3A3) {
        cpbuf_push(b, is_final_sigma(s, i) ? 0x3C2 : 0x3C3);
        return;
    }
    push_mapped(b, c, UCASE_LOWER);
}

typedef enum CaseOp { CASE_UPPER, CASE_LOWER, CASE_CASEFOLD, CASE_SWAPCASE, CASE_TITLE, CASE_CAPITALIZE } CaseOp;

static Obj *convert_case(Obj *self, CaseOp op) {
    const StrObj *s = STR(self);
    CpBuf b;
    cpbuf_init(&b);
    bool previous_is_cased = false;
    for (int32_t i = 0; i < s->length; i++) {
        uint32_t c = str_char_at(s, i);
        switch (op) {
        case CASE_UPPER: push_mapped(&b, c, UCASE_UPPER); break;
        case CASE_LOWER: push_lower(&b, s, i, c); break;
        case CASE_CASEFOLD: push_mapped(&b, c, UCASE_FOLD); break;
        case CASE_SWAPCASE: {
            uint32_t flags = unicode_flags(c);
            if (flags & UFLAG_UPPER)
                push_lower(&b, s, i, c);
            else if (flags & UFLAG_LOWER)
                push_mapped(&b, c, UCASE_UPPER);
            else
                cpbuf_push(&b, c);
            break;
        }
        case CASE_TITLE:
            if (previous_is_cased)
                push_lower(&b, s, i, c);
            else
                push_mapped(&b, c, UCASE_TITLE);
            previous_is_cased = (unicode_flags(c) & UFLAG_CASED) != 0;
            break;
        case CASE_CAPITALIZE:
            if (i == 0)
                push_mapped(&b, c, UCASE_TITLE);
            else
                push_lower(&b, s, i, c);
            break;
        }
    }
    return cpbuf_finish(&b);
}

/* ---- padding ------------------------------------------------------------------ */

/* which: 0 ljust, 1 rjust, 2 center */
static Obj *str_pad(Obj *self, Obj *args, Obj *kwargs, const char *name, int which) {
    if (!positional_args(args, kwargs, name, 1, 2))
        return NULL;
    int64_t width;
    if (!int_arg(arg_at(args, 0), false, &width))
        return NULL;
    uint32_t fill = ' ';
    if (args_count(args) == 2) {
        Obj *f = arg_at(args, 1);
        if (!is_str(f)) {
            err_format(&type_type_error, "The fill character must be a unicode character, not %T", f);
            return NULL;
        }
        if (STR(f)->length != 1) {
            err_format(&type_type_error, "The fill character must be exactly one character long");
            return NULL;
        }
        fill = str_char_at(STR(f), 0);
    }
    const StrObj *s = STR(self);
    if (width <= s->length)
        return new_ref(self);
    if (width > 0x7fffffff) {
        err_no_memory();
        return NULL;
    }
    int64_t margin = width - s->length, left;
    if (which == 0)
        left = 0;
    else if (which == 1)
        left = margin;
    else
        left = margin / 2 + (margin & width & 1); /* CPython's rounding for odd margins */
    int32_t kind = kind_for_max(fill) > s->kind ? kind_for_max(fill) : s->kind;
    Obj *r = str_new_uninit((int32_t)width, kind);
    if (!r)
        return NULL;
    StrObj *out = (StrObj *)r;
    for (int32_t i = 0; i < left; i++)
        str_set_char(out, i, fill);
    copy_range(out, (int32_t)left, s, 0, s->length);
    for (int32_t i = (int32_t)left + s->length; i < width; i++)
        str_set_char(out, i, fill);
    return r;
}

static Obj *str_zfill(Obj *self, Obj *width_obj) {
    int64_t width;
    if (!int_arg(width_obj, false, &width))
        return NULL;
    const StrObj *s = STR(self);
    if (width <= s->length)
        return new_ref(self);
    if (width > 0x7fffffff) {
        err_no_memory();
        return NULL;
    }
    int32_t fill = (int32_t)(width - s->length);
    Obj *r = str_new_uninit((int32_t)width, s->kind);
    if (!r)
        return NULL;
    StrObj *out = (StrObj *)r;
    for (int32_t i = 0; i < fill; i++)
        str_set_char(out, i, '0');
    copy_range(out, fill, s, 0, s->length);
    uint32_t first = s->length ? str_char_at(s, 0) : 0;
    if (first == '+' || first == '-') { /* the sign moves in front of the zeros */
        str_set_char(out, 0, first);
        str_set_char(out, fill, '0');
    }
    return r;
}

static Obj *str_expandtabs(Obj *self, Obj *args, Obj *kwargs) {
    static const char *const names[] = {"tabsize"};
    Obj *a[1];
    int64_t tabsize = 8;
    if (!unpack_keywords(args, kwargs, "expandtabs", names, 1, a))
        return NULL;
    if (a[0] && !int_arg(a[0], true, &tabsize))
        return NULL;
    const StrObj *s = STR(self);
    CpBuf b;
    cpbuf_init(&b);
    int64_t column = 0;
    for (int32_t i = 0; i < s->length && !b.failed; i++) {
        uint32_t c = str_char_at(s, i);
        if (c == '\t') {
            if (tabsize > 0) {
                int64_t spaces = tabsize - column % tabsize;
                if (!cpbuf_reserve(&b, spaces))
                    break;
                for (int64_t k = 0; k < spaces; k++)
                    cpbuf_push(&b, ' ');
                column += spaces;
            }
        } else {
            cpbuf_push(&b, c);
            column = c == '\n' || c == '\r' ? 0 : column + 1;
        }
    }
    return cpbuf_finish(&b);
}

/* ---- predicates ------------------------------------------------------------------ */

/* True when every character has one of `mask`'s flags (False when empty). */
static Obj *all_have(Obj *self, uint32_t mask) {
    const StrObj *s = STR(self);
    if (s->length == 0)
        return rt_false();
    for (int32_t i = 0; i < s->length; i++)
        if (!(unicode_flags(str_char_at(s, i)) & mask))
            return rt_false();
    return rt_true();
}

static Obj *str_isspace(Obj *self) {
    const StrObj *s = STR(self);
    for (int32_t i = 0; i < s->length; i++)
        if (!unicode_is_space(str_char_at(s, i)))
            return rt_false();
    return bool_obj(s->length > 0);
}

static Obj *str_isprintable(Obj *self) {
    const StrObj *s = STR(self);
    for (int32_t i = 0; i < s->length; i++)
        if (!unicode_is_printable(str_char_at(s, i)))
            return rt_false();
    return rt_true();
}

/* isupper (upper = true) / islower: no character of the opposite case or
 * titlecase, and at least one of the asked case. */
static Obj *str_is_one_case(Obj *self, bool upper) {
    const StrObj *s = STR(self);
    uint32_t wanted = upper ? UFLAG_UPPER : UFLAG_LOWER;
    uint32_t forbidden = (upper ? UFLAG_LOWER : UFLAG_UPPER) | UFLAG_TITLE;
    bool cased = false;
    for (int32_t i = 0; i < s->length; i++) {
        uint32_t flags = unicode_flags(str_char_at(s, i));
        if (flags & forbidden)
            return rt_false();
        cased |= (flags & wanted) != 0;
    }
    return bool_obj(cased);
}

/* istitle: upper/titlecase only after uncased characters, lowercase only
 * after cased ones, and at least one cased character. */
static Obj *str_istitle(Obj *self) {
    const StrObj *s = STR(self);
    bool cased = false, previous_is_cased = false;
    for (int32_t i = 0; i < s->length; i++) {
        uint32_t flags = unicode_flags(str_char_at(s, i));
        if (flags & (UFLAG_UPPER | UFLAG_TITLE)) {
            if (previous_is_cased)
                return rt_false();
            previous_is_cased = cased = true;
        } else if (flags & UFLAG_LOWER) {
            if (!previous_is_cased)
                return rt_false();
            previous_is_cased = cased = true;
        } else {
            previous_is_cased = false;
        }
    }
    return bool_obj(cased);
}

static Obj *str_isidentifier(Obj *self) {
    const StrObj *s = STR(self);
    if (s->length == 0 || !(unicode_flags(str_char_at(s, 0)) & UFLAG_XID_START))
        return rt_false();
    for (int32_t i = 1; i < s->length; i++)
        if (!(unicode_flags(str_char_at(s, i)) & UFLAG_XID_CONTINUE))
            return rt_false();
    return rt_true();
}

static Obj *str_isascii(Obj *self) {
    const StrObj *s = STR(self);
    return bool_obj(s->kind == 1 && max_char_in(s, 0, s->length) < 0x80);
}

/* ---- removeprefix/removesuffix, translate ------------------------------------------- */

static Obj *str_remove_affix(Obj *self, Obj *affix, bool suffix) {
    if (!is_str(affix)) {
        err_format(&type_type_error, "%s() argument must be str, not %T", suffix ? "removesuffix" : "removeprefix",
                   affix);
        return NULL;
    }
    const StrObj *s = STR(self), *a = STR(affix);
    if (a->length == 0 || !tail_match(s, a, 0, INT64_MAX, suffix))
        return new_ref(self);
    return suffix ? substring(self, 0, s->length - a->length) : substring(self, a->length, s->length);
}

static Obj *str_translate(Obj *self, Obj *table) {
    const StrObj *s = STR(self);
    CpBuf b;
    cpbuf_init(&b);
    for (int32_t i = 0; i < s->length; i++) {
        uint32_t c = str_char_at(s, i);
        Obj *key = int_from_i64(c);
        Obj *value = rt_getitem(table, key);
        rt_decref(key);
        if (!value) {
            if (!err_matches(&type_lookup_error)) { /* LookupError means "leave it" */
                cpbuf_release(&b);
                return NULL;
            }
            rt_err_clear();
            cpbuf_push(&b, c);
            continue;
        }
        if (value == rt_none()) {
            /* deleted */
        } else if (is_int_like(value)) {
            int64_t v;
            if (!int_to_i64_checked(value, &v) || v < 0 || v > 0x10FFFF) {
                rt_decref(value);
                cpbuf_release(&b);
                err_format(&type_value_error, "character mapping must be in range(0x110000)");
                return NULL;
            }
            cpbuf_push(&b, (uint32_t)v);
        } else if (is_str(value)) {
            const StrObj *v = STR(value);
            for (int32_t k = 0; k < v->length; k++)
                cpbuf_push(&b, str_char_at(v, k));
        } else {
            rt_decref(value);
            cpbuf_release(&b);
            err_format(&type_type_error, "character mapping must return integer, None or str");
            return NULL;
        }
        rt_decref(value);
    }
    return cpbuf_finish(&b);
}

/* ---- dispatch ------------------------------------------------------------------------- */

typedef enum StrMethod {
    M_SPLIT, M_RSPLIT, M_SPLITLINES, M_JOIN, M_STRIP, M_LSTRIP, M_RSTRIP, M_PARTITION, M_RPARTITION,
    M_REPLACE, M_FIND, M_RFIND, M_INDEX, M_RINDEX, M_COUNT, M_STARTSWITH, M_ENDSWITH, M_UPPER, M_LOWER,
    M_TITLE, M_CAPITALIZE, M_SWAPCASE, M_CASEFOLD, M_CENTER, M_LJUST, M_RJUST, M_ZFILL, M_EXPANDTABS,
    M_ISALPHA, M_ISDECIMAL, M_ISDIGIT, M_ISNUMERIC, M_ISALNUM, M_ISSPACE, M_ISUPPER, M_ISLOWER, M_ISTITLE,
    M_ISPRINTABLE, M_ISIDENTIFIER, M_ISASCII, M_REMOVEPREFIX, M_REMOVESUFFIX, M_TRANSLATE, M_FORMAT,
    M_FORMAT_MAP, M_ENCODE, M_COUNT_OF_METHODS
} StrMethod;

static const char *const method_names[M_COUNT_OF_METHODS] = {
    "split", "rsplit", "splitlines", "join", "strip", "lstrip", "rstrip", "partition", "rpartition",
    "replace", "find", "rfind", "index", "rindex", "count", "startswith", "endswith", "upper", "lower",
    "title", "capitalize", "swapcase", "casefold", "center", "ljust", "rjust", "zfill", "expandtabs",
    "isalpha", "isdecimal", "isdigit", "isnumeric", "isalnum", "isspace", "isupper", "islower", "istitle",
    "isprintable", "isidentifier", "isascii", "removeprefix", "removesuffix", "translate", "format",
    "format_map", "encode",
};

Obj *str_call_method(Obj *self, Obj *name, Obj *args, Obj *kwargs) {
    int method = name_index(name, method_names, M_COUNT_OF_METHODS);
    if (method < 0) {
        raise_no_attribute(self, name);
        return NULL;
    }
    const char *mname = method_names[method];
    /* The no-argument methods share one check. */
    if (method >= M_UPPER && method <= M_CASEFOLD) {
        if (!positional_args(args, kwargs, mname, 0, 0))
            return NULL;
        return convert_case(self, (CaseOp)(method == M_UPPER ? CASE_UPPER : method == M_LOWER ? CASE_LOWER
                                           : method == M_TITLE ? CASE_TITLE : method == M_CAPITALIZE ? CASE_CAPITALIZE
                                           : method == M_SWAPCASE ? CASE_SWAPCASE : CASE_CASEFOLD));
    }
    if (method >= M_ISALPHA && method <= M_ISASCII) {
        if (!positional_args(args, kwargs, mname, 0, 0))
            return NULL;
        switch (method) {
        case M_ISALPHA: return all_have(self, UFLAG_ALPHA);
        case M_ISDECIMAL: return all_have(self, UFLAG_DECIMAL);
        case M_ISDIGIT: return all_have(self, UFLAG_DIGIT);
        case M_ISNUMERIC: return all_have(self, UFLAG_NUMERIC);
        case M_ISALNUM: return all_have(self, UFLAG_ALPHA | UFLAG_DECIMAL | UFLAG_DIGIT | UFLAG_NUMERIC);
        case M_ISSPACE: return str_isspace(self);
        case M_ISUPPER: return str_is_one_case(self, true);
        case M_ISLOWER: return str_is_one_case(self, false);
        case M_ISTITLE: return str_istitle(self);
        case M_ISPRINTABLE: return str_isprintable(self);
        case M_ISIDENTIFIER: return str_isidentifier(self);
        default: return str_isascii(self);
        }
    }
    /* METH_O methods: exactly one positional argument. */
    if (method == M_JOIN || method == M_PARTITION || method == M_RPARTITION || method == M_ZFILL ||
        method == M_REMOVEPREFIX || method == M_REMOVESUFFIX || method == M_TRANSLATE) {
        if (!positional_args(args, kwargs, mname, 1, 1))
            return NULL;
        Obj *arg = arg_at(args, 0);
        switch (method) {
        case M_JOIN: return str_join(self, arg);
        case M_PARTITION: return str_partition(self, arg, false);
        case M_RPARTITION: return str_partition(self, arg, true);
        case M_ZFILL: return str_zfill(self, arg);
        case M_REMOVEPREFIX: return str_remove_affix(self, arg, false);
        case M_REMOVESUFFIX: return str_remove_affix(self, arg, true);
        default: return str_translate(self, arg);
        }
    }
    switch (method) {
    case M_SPLIT: return split_common(self, args, kwargs, false);
    case M_RSPLIT: return split_common(self, args, kwargs, true);
    case M_SPLITLINES: return str_splitlines(self, args, kwargs);
    case M_STRIP: return str_strip(self, args, kwargs, mname, 3);
    case M_LSTRIP: return str_strip(self, args, kwargs, mname, 1);
    case M_RSTRIP: return str_strip(self, args, kwargs, mname, 2);
    case M_REPLACE: return str_replace(self, args, kwargs);
    case M_FIND: return str_find_family(self, args, kwargs, mname, 0);
    case M_RFIND: return str_find_family(self, args, kwargs, mname, 1);
    case M_INDEX: return str_find_family(self, args, kwargs, mname, 2);
    case M_RINDEX: return str_find_family(self, args, kwargs, mname, 3);
    case M_COUNT: return str_find_family(self, args, kwargs, mname, 4);
    case M_STARTSWITH: return str_starts_ends(self, args, kwargs, mname, false);
    case M_ENDSWITH: return str_starts_ends(self, args, kwargs, mname, true);
    case M_CENTER: return str_pad(self, args, kwargs, mname, 2);
    case M_LJUST: return str_pad(self, args, kwargs, mname, 0);
    case M_RJUST: return str_pad(self, args, kwargs, mname, 1);
    case M_FORMAT: return str_format_method(self, args, kwargs); /* str_format.c */
    case M_FORMAT_MAP: return str_format_map(self, args, kwargs);
    case M_ENCODE: return str_encode(self, args, kwargs); /* bytes.c */
    default: return str_expandtabs(self, args, kwargs);
    }
}

/* ---- ord, chr, ascii --------------------------------------------------------------------- */

Obj *rt_builtin_ord(Obj *o) {
    if (!is_str(o)) {
        err_format(&type_type_error, "ord() expected string of length 1, but %T found", o);
        return NULL;
    }
    if (STR(o)->length != 1) {
        err_format(&type_type_error, "ord() expected a character, but string of length %d found", STR(o)->length);
        return NULL;
    }
    return small_int_make((int32_t)str_char_at(STR(o), 0));
}

Obj *rt_builtin_chr(Obj *o) {
    int64_t v;
    if (!int_arg(o, true, &v))
        return NULL;
    if (v < 0 || v > 0x10FFFF) {
        err_format(&type_value_error, "chr() arg not in range(0x110000)");
        return NULL;
    }
    Obj *r = str_new_uninit(1, kind_for_max((uint32_t)v));
    if (r)
        str_set_char((StrObj *)r, 0, (uint32_t)v);
    return r;
}

/* repr(o) with every non-ASCII code point escaped as \xNN, \uNNNN or \UNNNNNNNN. */
Obj *rt_builtin_ascii(Obj *o) {
    Obj *r = rt_repr(o);
    if (!r || max_char_in(STR(r), 0, STR(r)->length) < 0x80)
        return r;
    static const char hex[] = "0123456789abcdef";
    CpBuf b;
    cpbuf_init(&b);
    const StrObj *s = STR(r);
    for (int32_t i = 0; i < s->length; i++) {
        uint32_t c = str_char_at(s, i);
        if (c < 0x80) {
            cpbuf_push(&b, c);
            continue;
        }
        int digits = c < 0x100 ? 2 : c < 0x10000 ? 4 : 8;
        cpbuf_push(&b, '\\');
        cpbuf_push(&b, digits == 2 ? 'x' : digits == 4 ? 'u' : 'U');
        for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4)
            cpbuf_push(&b, (uint32_t)hex[(c >> shift) & 0xF]);
    }
    rt_decref(r);
    return cpbuf_finish(&b);
}

/* Fast method entries (methods.c's table; func is unused, see
 * builtin_fast_method): the one-argument forms. */
Obj *rt_fast_str_startswith(Obj *func, Obj *self, Obj *prefix) {
    (void)func;
    return starts_ends_with(self, prefix, 0, INT64_MAX, "startswith", false);
}

Obj *rt_fast_str_endswith(Obj *func, Obj *self, Obj *suffix) {
    (void)func;
    return starts_ends_with(self, suffix, 0, INT64_MAX, "endswith", true);
}

Obj *rt_fast_str_join(Obj *func, Obj *self, Obj *iterable) {
    (void)func;
    return str_join(self, iterable);
}
