/*
 * tuple.c — the tuple type: construction, indexing, slicing, concatenation,
 * repetition, lexicographic comparison (shared with list), hashing, repr and
 * the tuple methods (index, count), and sequence unpacking (rt_unpack,
 * rt_unpack_ex for starred targets).
 *
 * Invariants:
 *  - A tuple owns one reference per item; every slot of a tuple handed to
 *    Python code is non-NULL (rt_tuple_init fills each slot exactly once).
 *  - The empty tuple is a single immortal object, so `()` never allocates.
 */
#include "taipan_internal.h"

static TupleObj empty_tuple = {{IMMORTAL_REFCNT, &type_tuple}, 0, 0};

static uint32_t tuple_size(int32_t n) { return (uint32_t)sizeof(TupleObj) + (uint32_t)n * sizeof(Obj *); }

Obj *tuple_new(int32_t n) {
    if (n == 0)
        return (Obj *)&empty_tuple;
    if (n < 0 || n > 0x0fffffff) {
        err_no_memory();
        return NULL;
    }
    TupleObj *t = (TupleObj *)obj_alloc(&type_tuple, tuple_size(n));
    if (!t)
        return NULL;
    t->length = n;
    t->hash_unused = 0;
    for (int32_t i = 0; i < n; i++)
        t->items[i] = NULL;
    return (Obj *)t;
}

Obj *rt_tuple_new(int32_t n) { return tuple_new(n); }

Obj *tuple_exact(Obj *o) {
    if (!is_user_instance(o))
        return new_ref(o);
    TupleObj *t = (TupleObj *)o;
    Obj *r = tuple_new(t->length);
    for (int32_t i = 0; r && i < t->length; i++)
        ((TupleObj *)r)->items[i] = new_ref(t->items[i]);
    return r;
}

void rt_tuple_init(Obj *t, int32_t i, Obj *v) { ((TupleObj *)t)->items[i] = v; }

Obj *tuple_pack2(Obj *a, Obj *b) {
    Obj *t = tuple_new(2);
    if (!t)
        return NULL;
    ((TupleObj *)t)->items[0] = new_ref(a);
    ((TupleObj *)t)->items[1] = new_ref(b);
    return t;
}

/* Called from container_release: drops the items, returns the block size. */
uint32_t tuple_release(Obj *o) {
    TupleObj *t = (TupleObj *)o;
    for (int32_t i = t->length - 1; i >= 0; i--) /* last first, as CPython */
        rt_decref(t->items[i]);
    return tuple_size(t->length);
}

Obj *tuple_slice(Obj *o, const SliceIndices *s) {
    TupleObj *t = (TupleObj *)o;
    if (s->step == 1 && s->length == t->length)
        return tuple_exact(o); /* tuples are immutable: t[:] is t, as in CPython */
    Obj *r = tuple_new((int32_t)s->length);
    if (!r)
        return NULL;
    for (int64_t k = 0; k < s->length; k++)
        ((TupleObj *)r)->items[k] = new_ref(t->items[s->start + k * s->step]);
    return r;
}

Obj *tuple_getitem(Obj *o, Obj *key) {
    TupleObj *t = (TupleObj *)o;
    if (is_int_like(key)) {
        int64_t i;
        if (!sequence_item_index(key, t->length, "tuple index out of range", &i))
            return NULL;
        return new_ref(t->items[i]);
    }
    if (type_id_of(key) == TYPE_ID_SLICE) {
        SliceIndices s;
        if (slice_indices(key, t->length, &s) < 0)
            return NULL;
        return tuple_slice(o, &s);
    }
    err_format(&type_type_error, "tuple indices must be integers or slices, not %T", key);
    return NULL;
}

Obj *tuple_concat(Obj *a, Obj *b) {
    TupleObj *x = (TupleObj *)a, *y = (TupleObj *)b;
    if (y->length == 0)
        return tuple_exact(a);
    if (x->length == 0)
        return tuple_exact(b);
    Obj *r = tuple_new(x->length + y->length);
    if (!r)
        return NULL;
    for (int32_t i = 0; i < x->length; i++)
        ((TupleObj *)r)->items[i] = new_ref(x->items[i]);
    for (int32_t i = 0; i < y->length; i++)
        ((TupleObj *)r)->items[x->length + i] = new_ref(y->items[i]);
    return r;
}

Obj *tuple_repeat(Obj *o, int64_t count) {
    TupleObj *t = (TupleObj *)o;
    if (count <= 0 || t->length == 0)
        return tuple_new(0);
    if (count == 1)
        return tuple_exact(o);
    if (count > 0x0fffffff / t->length) {
        err_no_memory();
        return NULL;
    }
    Obj *r = tuple_new((int32_t)(t->length * count));
    if (!r)
        return NULL;
    for (int64_t k = 0; k < count * t->length; k++)
        ((TupleObj *)r)->items[k] = new_ref(t->items[k % t->length]);
    return r;
}

/* Lexicographic comparison as CPython does it: find the first index whose
 * items are not equal (identity counts as equal), then either compare
 * lengths or apply the operator to that pair of items. */
static Obj **sequence_items(Obj *self);
static int32_t sequence_length(Obj *self);

/* a and b are both lists or both tuples; == may run user code that resizes
 * a list, so items and lengths are re-read on every step. */
Obj *sequence_compare(CompareOp op, Obj *sa, Obj *sb) {
    if ((op == CMP_EQ || op == CMP_NE) && sequence_length(sa) != sequence_length(sb))
        return bool_obj(op == CMP_NE);
    int32_t i = 0;
    for (; i < sequence_length(sa) && i < sequence_length(sb); i++) {
        int32_t eq = obj_equal(sequence_items(sa)[i], sequence_items(sb)[i]);
        if (eq < 0)
            return NULL;
        if (!eq)
            break;
    }
    int32_t na = sequence_length(sa), nb = sequence_length(sb);
    Obj **a = sequence_items(sa), **b = sequence_items(sb);
    if (i >= na || i >= nb) {
        int order = na < nb ? -1 : na > nb ? 1 : 0;
        switch (op) {
        case CMP_LT: return bool_obj(order < 0);
        case CMP_LE: return bool_obj(order <= 0);
        case CMP_EQ: return bool_obj(order == 0);
        case CMP_NE: return bool_obj(order != 0);
        case CMP_GT: return bool_obj(order > 0);
        default: return bool_obj(order >= 0);
        }
    }
    if (op == CMP_EQ)
        return bool_obj(false);
    if (op == CMP_NE)
        return bool_obj(true);
    Obj *x = new_ref(a[i]), *y = new_ref(b[i]); /* comparing may run user code later */
    Obj *r;
    switch (op) {
    case CMP_LT: r = rt_lt(x, y); break;
    case CMP_LE: r = rt_le(x, y); break;
    case CMP_GT: r = rt_gt(x, y); break;
    default: r = rt_ge(x, y); break;
    }
    rt_decref(x);
    rt_decref(y);
    return r;
}

int64_t tuple_hash(Obj *o) {
    /* CPython 3.8+'s tuple hash: an xxHash64-style accumulation over the
     * item hashes, with the length mixed in at the end. */
    const uint64_t prime1 = 11400714785074694791ULL, prime2 = 14029467366897019727ULL,
                   prime5 = 2870177450012600261ULL;
    TupleObj *t = (TupleObj *)o;
    uint64_t acc = prime5;
    for (int32_t i = 0; i < t->length; i++) {
        int64_t lane = hash_of(t->items[i]);
        if (lane == -1)
            return -1;
        acc += (uint64_t)lane * prime2;
        acc = (acc << 31) | (acc >> 33);
        acc *= prime1;
    }
    acc += (uint64_t)t->length ^ (prime5 ^ 3527539ULL);
    if (acc == UINT64_MAX)
        return 1546275796;
    return (int64_t)acc;
}

/* Appends repr(item) to b; false when repr failed (exception pending). */
static bool append_repr(StrBuf *b, Obj *item) {
    Obj *text = rt_repr(item);
    if (!text)
        return false;
    strbuf_append_str_obj(b, text);
    rt_decref(text);
    return true;
}

Obj *tuple_repr(Obj *o) {
    if (is_struct_seq(o))
        return struct_seq_repr(o); /* sysmodule.c: sys.version_info(major=3, ...) */
    TupleObj *t = (TupleObj *)o;
    if (t->length == 0)
        return str_from_ascii("()");
    bool entered;
    Obj *placeholder = repr_enter_or_placeholder(o, "(...)", &entered);
    if (!entered)
        return placeholder;
    StrBuf b;
    strbuf_init(&b);
    strbuf_append_char(&b, '(');
    for (int32_t i = 0; i < t->length; i++) {
        if (i > 0)
            strbuf_append_cstr(&b, ", ");
        if (!append_repr(&b, t->items[i])) {
            strbuf_release(&b);
            repr_leave(o);
            return NULL;
        }
    }
    if (t->length == 1)
        strbuf_append_char(&b, ',');
    strbuf_append_char(&b, ')');
    repr_leave(o);
    return strbuf_finish(&b);
}

/* Clamps an optional start/stop argument of index() like CPython's
 * slice-index conversion. */
static bool index_bound(Obj *args, int32_t at, int64_t length, int64_t fallback, int64_t *out) {
    if (args_count(args) <= at) {
        *out = fallback;
        return true;
    }
    Obj *v = arg_at(args, at);
    if (!has_index(v)) {
        err_format(&type_type_error, "slice indices must be integers or have an __index__ method");
        return false;
    }
    Obj *index = number_index(v);
    if (!index)
        return false;
    int64_t i = int_to_i64(index);
    rt_decref(index);
    if (i < 0) {
        i += length;
        if (i < 0)
            i = 0;
    } else if (i > length) {
        i = length;
    }
    *out = i;
    return true;
}

/* A list's item array can be replaced while == runs (once user classes
 * exist), so the shared index()/count() re-read items and length from the
 * object on every step instead of caching them. */
static Obj **sequence_items(Obj *self) {
    return is_list(self) ? ((ListObj *)self)->items : ((TupleObj *)self)->items;
}
static int32_t sequence_length(Obj *self) {
    return is_list(self) ? ((ListObj *)self)->length : ((TupleObj *)self)->length;
}

/* index(x[, start[, stop]]) for tuple and list. */
Obj *sequence_index(Obj *self, Obj *args) {
    if (!check_arg_range(args, "index", 1, 3))
        return NULL;
    int64_t start, stop;
    int32_t length = sequence_length(self);
    if (!index_bound(args, 1, length, 0, &start) || !index_bound(args, 2, length, length, &stop))
        return NULL;
    Obj *needle = arg_at(args, 0);
    for (int64_t i = start; i < stop && i < sequence_length(self); i++) {
        int32_t eq = obj_equal(sequence_items(self)[i], needle);
        if (eq < 0)
            return NULL;
        if (eq)
            return int_from_i64(i);
    }
    if (is_tuple(self)) {
        err_format(&type_value_error, "tuple.index(x): x not in tuple");
    } else {
        Obj *text = rt_repr(needle);
        if (text) {
            err_format(&type_value_error, "%S is not in list", text);
            rt_decref(text);
        }
    }
    return NULL;
}

Obj *sequence_count(Obj *self, Obj *needle) {
    int64_t n = 0;
    for (int32_t i = 0; i < sequence_length(self); i++) {
        int32_t eq = obj_equal(sequence_items(self)[i], needle);
        if (eq < 0)
            return NULL;
        n += eq;
    }
    return int_from_i64(n);
}

Obj *tuple_call_method(Obj *self, Obj *name, Obj *args, Obj *kwargs, bool *found) {
    *found = true;
    if (str_equals_ascii(name, "index")) {
        if (!check_no_kwargs(kwargs, "tuple.index"))
            return NULL;
        return sequence_index(self, args);
    }
    if (str_equals_ascii(name, "count")) {
        if (!check_no_kwargs(kwargs, "tuple.count") || !check_exactly_one(args, "tuple.count"))
            return NULL;
        return sequence_count(self, arg_at(args, 0));
    }
    *found = false;
    return NULL;
}

Obj *rt_tuple_item(Obj *t, int32_t i) { return new_ref(((TupleObj *)t)->items[i]); }

/* Sequence unpacking: exactly n items, with CPython 3.11's messages. */
Obj *rt_unpack(Obj *o, int32_t n) {
    if ((is_tuple(o) || is_list(o)) && !is_user_instance(o)) { /* a subclass may iterate its own way */
        int32_t length = is_tuple(o) ? ((TupleObj *)o)->length : ((ListObj *)o)->length;
        if (length == n)
            return is_tuple(o) ? new_ref(o) : rt_builtin_tuple(o);
    }
    Obj *it = rt_get_iter(o);
    if (!it) {
        if (err_matches(&type_type_error) && !is_iterable(o)) { /* "'int' object is not iterable" */
            rt_err_clear();
            err_format(&type_type_error, "cannot unpack non-iterable %T object", o);
        }
        return NULL;
    }
    Obj *t = tuple_new(n);
    int32_t got = 0;
    for (; t && got < n; got++) {
        Obj *item = rt_iter_next(it);
        if (!item)
            break;
        ((TupleObj *)t)->items[got] = item;
    }
    Obj *extra = t && got == n && !rt_err_occurred() ? rt_iter_next(it) : NULL;
    rt_decref(it);
    if (t && !rt_err_occurred()) {
        if (got < n)
            err_format(&type_value_error, "not enough values to unpack (expected %d, got %d)", n, got);
        else if (extra)
            err_format(&type_value_error, "too many values to unpack (expected %d)", n);
    }
    rt_decref(extra);
    if (!t || rt_err_occurred()) {
        rt_decref(t); /* unfilled slots are NULL, which rt_decref skips */
        return NULL;
    }
    return t;
}

/* `a, *b, c = it`: (first `before` items, a list of the middle, last `after`
 * items). The middle list takes everything after the first `before` items,
 * then gives its last `after` items (references moved, not copied) to the
 * tuple. */
Obj *rt_unpack_ex(Obj *o, int32_t before, int32_t after) {
    if (!is_iterable(o)) {
        err_format(&type_type_error, "cannot unpack non-iterable %T object", o);
        return NULL;
    }
    Obj *it = rt_get_iter(o);
    if (!it)
        return NULL;
    Obj *t = tuple_new(before + 1 + after);
    Obj *rest = NULL;
    if (!t)
        goto fail;
    for (int32_t i = 0; i < before; i++) {
        Obj *item = rt_iter_next(it);
        if (!item) {
            if (!rt_err_occurred())
                err_format(&type_value_error, "not enough values to unpack (expected at least %d, got %d)",
                           before + after, i);
            goto fail;
        }
        ((TupleObj *)t)->items[i] = item;
    }
    rest = list_new(0);
    if (!rest || list_extend(rest, it) < 0)
        goto fail;
    ListObj *l = (ListObj *)rest;
    if (l->length < after) {
        err_format(&type_value_error, "not enough values to unpack (expected at least %d, got %d)",
                   before + after, before + l->length);
        goto fail;
    }
    l->length -= after;
    for (int32_t k = 0; k < after; k++)
        ((TupleObj *)t)->items[before + 1 + k] = l->items[l->length + k];
    ((TupleObj *)t)->items[before] = rest;
    rt_decref(it);
    return t;
fail:
    rt_decref(rest);
    rt_decref(t); /* unfilled slots are NULL, which rt_decref skips */
    rt_decref(it);
    return NULL;
}
