/*
 * iter.c — range and slice objects, the iteration protocol (rt_get_iter /
 * rt_iter_next) and the lazy iterator objects: str, list, tuple,
 * list-reverse, reversed, range, enumerate, zip, map and filter (dict and
 * set iterators live with their containers, generators in gen.c), plus the
 * builtins iter, next, range, reversed, enumerate, zip, map and filter.
 *
 * Invariants:
 *  - rt_iter_next returns a new reference; NULL with no exception pending
 *    means exhausted. An exhausted sequence iterator drops its sequence and
 *    stays exhausted; a list iterator re-reads the list's current length on
 *    every step (so appends during a for loop are seen, as in CPython).
 *  - Range objects keep start/stop/step/length as exact ints (bigints
 *    included); their iterators count in int64 whenever every value fits.
 */
#include "taipan_internal.h"

/* ---- range ----------------------------------------------------------- */

/* Exact-int helpers that release their operands' temporaries: each returns
 * a new reference or NULL (MemoryError pending). */
static Obj *sub_then(Obj *a, Obj *b) { return a && b ? int_sub(a, b) : NULL; }

static Obj *exact_int_of(Obj *o) { return int_pos(o); /* bool -> int, int -> itself */ }

/* len(range(start, stop, step)) as an exact int: ceil((hi - lo) / stride). */
static Obj *range_length_of(Obj *start, Obj *stop, Obj *step) {
    bool up = int_sign(step) > 0;
    Obj *lo = up ? start : stop, *hi = up ? stop : start;
    if (int_compare(lo, hi) >= 0)
        return small_int_make(0);
    Obj *stride = up ? new_ref(step) : int_neg(step);
    Obj *span = sub_then(hi, lo);
    Obj *span_less_one = span ? int_sub(span, small_int_make(1)) : NULL;
    Obj *steps = span_less_one && stride ? int_floordiv(span_less_one, stride) : NULL;
    Obj *length = steps ? int_add(steps, small_int_make(1)) : NULL;
    rt_decref(stride);
    rt_decref(span);
    rt_decref(span_less_one);
    rt_decref(steps);
    return length;
}

/* Takes ownership of the three ints. */
static Obj *range_from_owned(Obj *start, Obj *stop, Obj *step) {
    RangeObj *r = start && stop && step ? (RangeObj *)obj_alloc(&type_range, sizeof(RangeObj)) : NULL;
    if (!r) {
        rt_decref(start);
        rt_decref(stop);
        rt_decref(step);
        return NULL;
    }
    r->start = start;
    r->stop = stop;
    r->step = step;
    r->length = range_length_of(start, stop, step);
    if (!r->length) {
        rt_decref((Obj *)r);
        return NULL;
    }
    return (Obj *)r;
}

Obj *range_new_checked(Obj *start, Obj *stop, Obj *step) {
    if (rt_range_check(start, stop, step) < 0)
        return NULL;
    return range_from_owned(exact_int_of(start), exact_int_of(stop), exact_int_of(step));
}

Obj *rt_builtin_range(Obj *a, Obj *b, Obj *c) {
    if (is_user_instance(a) || (b && is_user_instance(b)) || (c && is_user_instance(c))) {
        /* range() takes any object with __index__ */
        Obj *ia = number_index(a);
        Obj *ib = ia && b ? number_index(b) : NULL;
        Obj *ic = ia && (!b || ib) && c ? number_index(c) : NULL;
        Obj *r = NULL;
        if (ia && (!b || ib) && (!c || ic))
            r = rt_builtin_range(ia, ib, ic);
        rt_decref(ia);
        rt_decref(ib);
        rt_decref(ic);
        return r;
    }
    if (!b)
        return range_new_checked(small_int_make(0), a, small_int_make(1));
    return range_new_checked(a, b, c ? c : small_int_make(1));
}

/* start + i * step, for an exact int i. */
static Obj *range_value_at(RangeObj *r, Obj *i) {
    Obj *offset = int_mul(i, r->step);
    Obj *value = offset ? int_add(r->start, offset) : NULL;
    rt_decref(offset);
    return value;
}

static Obj *range_value_at_i64(RangeObj *r, int64_t i) {
    Obj *index = int_from_i64(i);
    Obj *value = index ? range_value_at(r, index) : NULL;
    rt_decref(index);
    return value;
}

/* len(r) as an int64, or OverflowError like CPython's len(). */
int64_t range_length_i64(Obj *o) {
    int64_t n;
    if (int_to_i64_checked(((RangeObj *)o)->length, &n))
        return n;
    err_format(&type_overflow_error, "Python int too large to convert to C ssize_t");
    return -1;
}

/* slice.indices with an exact-int length, for ranges longer than int64:
 * the same defaults and clamping as slice_indices, on exact ints. */
static Obj *clamp_bound(Obj *given, Obj *length, bool negative_step, bool is_start) {
    if (type_id_of(given) == TYPE_ID_NONE) {
        if (!negative_step)
            return is_start ? small_int_make(0) : new_ref(length);
        return is_start ? int_sub(length, small_int_make(1)) : small_int_make(-1);
    }
    Obj *v = int_sign(given) < 0 ? int_add(given, length) : exact_int_of(given);
    if (!v)
        return NULL;
    if (int_sign(v) < 0) {
        rt_decref(v);
        return small_int_make(negative_step ? -1 : 0);
    }
    if (int_compare(v, length) >= 0) {
        rt_decref(v);
        return negative_step ? int_sub(length, small_int_make(1)) : new_ref(length);
    }
    return v;
}

static Obj *huge_range_slice(RangeObj *r, SliceObj *slice) {
    Obj *parts[3] = {slice->step, slice->start, slice->stop};
    for (int k = 0; k < 3; k++) {
        if (type_id_of(parts[k]) != TYPE_ID_NONE && !is_int_like(parts[k])) {
            err_format(&type_type_error, "slice indices must be integers or None or have an __index__ method");
            return NULL;
        }
    }
    Obj *slice_step = type_id_of(slice->step) == TYPE_ID_NONE ? small_int_make(1) : slice->step;
    if (int_is_zero(slice_step)) {
        err_format(&type_value_error, "slice step cannot be zero");
        return NULL;
    }
    bool negative = int_sign(slice_step) < 0;
    Obj *start = clamp_bound(slice->start, r->length, negative, true);
    Obj *stop = clamp_bound(slice->stop, r->length, negative, false);
    Obj *first = start ? range_value_at(r, start) : NULL;
    Obj *end = stop ? range_value_at(r, stop) : NULL;
    Obj *step = int_mul(r->step, slice_step);
    rt_decref(start);
    rt_decref(stop);
    return range_from_owned(first, end, step);
}

static bool slice_has_user_part(const SliceObj *s);
static bool indexed_slice(const SliceObj *s, SliceObj *out);
static void release_indexed_slice(SliceObj *s);

Obj *range_getitem(Obj *o, Obj *key) {
    RangeObj *r = (RangeObj *)o;
    if (is_int_like(key)) {
        Obj *i = int_sign(key) < 0 ? int_add(key, r->length) : exact_int_of(key);
        if (!i)
            return NULL;
        if (int_sign(i) < 0 || int_compare(i, r->length) >= 0) {
            rt_decref(i);
            err_format(&type_index_error, "range object index out of range");
            return NULL;
        }
        Obj *value = range_value_at(r, i);
        rt_decref(i);
        return value;
    }
    if (type_id_of(key) == TYPE_ID_SLICE && slice_has_user_part((SliceObj *)key)) {
        SliceObj converted;
        if (!indexed_slice((SliceObj *)key, &converted))
            return NULL;
        Obj *r = range_getitem(o, (Obj *)&converted);
        release_indexed_slice(&converted);
        return r;
    }
    if (type_id_of(key) == TYPE_ID_SLICE) {
        int64_t length, slice_step;
        SliceIndices s;
        Obj *given_step = ((SliceObj *)key)->step;
        bool step_fits = !is_int_like(given_step) || int_to_i64_checked(given_step, &slice_step);
        if (int_to_i64_checked(r->length, &length) && step_fits) {
            if (slice_indices(key, length, &s) < 0)
                return NULL;
            Obj *slice_step = int_from_i64(s.step);
            Obj *step = slice_step ? int_mul(r->step, slice_step) : NULL;
            rt_decref(slice_step);
            return range_from_owned(range_value_at_i64(r, s.start), range_value_at_i64(r, s.stop), step);
        }
        return huge_range_slice(r, (SliceObj *)key);
    }
    err_format(&type_type_error, "range indices must be integers or slices, not %T", key);
    return NULL;
}

/* 1/0/-1: an int inside the bounds and on the step grid. */
static int32_t range_contains_int(RangeObj *r, Obj *v) {
    bool up = int_sign(r->step) > 0;
    bool inside = up ? int_compare(r->start, v) <= 0 && int_compare(v, r->stop) < 0
                     : int_compare(r->stop, v) < 0 && int_compare(v, r->start) <= 0;
    if (!inside)
        return 0;
    Obj *offset = int_sub(v, r->start);
    Obj *remainder = offset ? int_mod(offset, r->step) : NULL;
    rt_decref(offset);
    if (!remainder)
        return -1;
    int32_t on_grid = int_is_zero(remainder);
    rt_decref(remainder);
    return on_grid;
}

/* The first index whose value == x (by ==, e.g. 2.0), or -1; -2 on error. */
static int64_t range_scan(RangeObj *r, Obj *x, int64_t *count) {
    int64_t length = range_length_i64((Obj *)r), first = -1;
    if (length < 0)
        return -2;
    *count = 0;
    for (int64_t i = 0; i < length; i++) {
        Obj *value = range_value_at_i64(r, i);
        int32_t eq = value ? obj_equal(value, x) : -1;
        rt_decref(value);
        if (eq < 0)
            return -2;
        if (eq && first < 0)
            first = i;
        *count += eq;
    }
    return first;
}

int32_t range_contains(Obj *o, Obj *item) {
    RangeObj *r = (RangeObj *)o;
    if (is_int_like(item))
        return range_contains_int(r, item);
    int64_t count;
    int64_t first = range_scan(r, item, &count);
    return first == -2 ? -1 : first >= 0;
}

/* Ranges are equal when they produce the same sequence. */
Obj *range_compare(CompareOp op, Obj *a, Obj *b) {
    RangeObj *x = (RangeObj *)a, *y = (RangeObj *)b;
    bool same = int_compare(x->length, y->length) == 0 &&
                (int_is_zero(x->length) ||
                 (int_compare(x->start, y->start) == 0 &&
                  (int_compare(x->length, small_int_make(1)) == 0 || int_compare(x->step, y->step) == 0)));
    return bool_obj(same == (op == CMP_EQ));
}

static bool append_repr(StrBuf *b, Obj *o) {
    Obj *text = rt_repr(o);
    if (!text)
        return false;
    strbuf_append_str_obj(b, text);
    rt_decref(text);
    return true;
}

Obj *range_repr(Obj *o) {
    RangeObj *r = (RangeObj *)o;
    StrBuf b;
    strbuf_init(&b);
    strbuf_append_cstr(&b, "range(");
    bool ok = append_repr(&b, r->start);
    strbuf_append_cstr(&b, ", ");
    ok = ok && append_repr(&b, r->stop);
    if (ok && int_compare(r->step, small_int_make(1)) != 0) {
        strbuf_append_cstr(&b, ", ");
        ok = append_repr(&b, r->step);
    }
    strbuf_append_char(&b, ')');
    if (!ok) {
        strbuf_release(&b);
        return NULL;
    }
    return strbuf_finish(&b);
}

/* ---- slice ----------------------------------------------------------- */

Obj *rt_slice_new(Obj *start, Obj *stop, Obj *step) {
    SliceObj *s = (SliceObj *)obj_alloc(&type_slice, sizeof(SliceObj));
    if (!s)
        return NULL;
    s->start = new_ref(start);
    s->stop = new_ref(stop);
    s->step = new_ref(step);
    return (Obj *)s;
}

Obj *rt_builtin_slice(Obj *a, Obj *b, Obj *c) {
    if (!b)
        return rt_slice_new(&none_object, a, &none_object);
    return rt_slice_new(a, b, c ? c : &none_object);
}

Obj *slice_repr(Obj *o) {
    SliceObj *s = (SliceObj *)o;
    StrBuf b;
    strbuf_init(&b);
    strbuf_append_cstr(&b, "slice(");
    bool ok = append_repr(&b, s->start);
    strbuf_append_cstr(&b, ", ");
    ok = ok && append_repr(&b, s->stop);
    strbuf_append_cstr(&b, ", ");
    ok = ok && append_repr(&b, s->step);
    strbuf_append_char(&b, ')');
    if (!ok) {
        strbuf_release(&b);
        return NULL;
    }
    return strbuf_finish(&b);
}

static bool slice_has_user_part(const SliceObj *s) {
    return is_user_instance(s->start) || is_user_instance(s->stop) || is_user_instance(s->step);
}

/* A copy of slice s (a stack object, never shared) whose user-instance parts
 * are replaced by their __index__ (new references: release with
 * release_indexed_slice). */
static bool indexed_slice(const SliceObj *s, SliceObj *out) {
    out->header.refcnt = IMMORTAL_REFCNT;
    out->header.type = &type_slice;
    Obj *given[3] = {s->start, s->stop, s->step};
    Obj *parts[3] = {NULL, NULL, NULL};
    for (int k = 0; k < 3; k++) {
        if (!is_user_instance(given[k])) {
            parts[k] = new_ref(given[k]);
        } else if (is_int_like(given[k]) || special_lookup(given[k], "__index__")) {
            parts[k] = number_index(given[k]); /* an int subclass's value, or __index__ */
        } else {
            err_format(&type_type_error, "slice indices must be integers or None or have an __index__ method");
        }
        if (!parts[k]) {
            for (int j = 0; j < k; j++)
                rt_decref(parts[j]);
            return false;
        }
    }
    out->start = parts[0];
    out->stop = parts[1];
    out->step = parts[2];
    return true;
}

static void release_indexed_slice(SliceObj *s) {
    rt_decref(s->start);
    rt_decref(s->stop);
    rt_decref(s->step);
}

/* CPython's slice.indices: defaults by step sign, then clamping. */
/* slice.indices(length): (start, stop, step) clamped to a sequence of that
 * length, as the sequences slice (lengths beyond int64 saturate). */
Obj *slice_indices_method(Obj *slice, Obj *args) {
    if (!check_exactly_one(args, "slice.indices"))
        return NULL;
    Obj *n = number_index(((TupleObj *)args)->items[0]);
    if (!n)
        return NULL;
    int64_t length = int_to_i64(n);
    rt_decref(n);
    if (length < 0) {
        err_format(&type_value_error, "length should not be negative");
        return NULL;
    }
    SliceIndices s;
    if (slice_indices(slice, length, &s) < 0)
        return NULL;
    Obj *t = tuple_new(3);
    if (!t)
        return NULL;
    int64_t parts[3] = {s.start, s.stop, s.step};
    for (int k = 0; k < 3; k++)
        ((TupleObj *)t)->items[k] = int_from_i64(parts[k]);
    return t;
}

int32_t slice_indices(Obj *slice, int64_t length, SliceIndices *out) {
    SliceObj *s = (SliceObj *)slice;
    if (slice_has_user_part(s)) {
        SliceObj converted;
        if (!indexed_slice(s, &converted))
            return -1;
        int32_t status = slice_indices((Obj *)&converted, length, out);
        release_indexed_slice(&converted);
        return status;
    }
    Obj *parts[3] = {s->step, s->start, s->stop};
    for (int k = 0; k < 3; k++) {
        if (type_id_of(parts[k]) != TYPE_ID_NONE && !is_int_like(parts[k])) {
            err_format(&type_type_error, "slice indices must be integers or None or have an __index__ method");
            return -1;
        }
    }
    int64_t step = 1;
    if (type_id_of(s->step) != TYPE_ID_NONE) {
        step = int_to_i64(s->step);
        if (step == 0) {
            err_format(&type_value_error, "slice step cannot be zero");
            return -1;
        }
        if (step < -INT64_MAX)
            step = -INT64_MAX; /* so that -step cannot overflow */
    }
    int64_t bounds[2];
    Obj *given[2] = {s->start, s->stop};
    for (int k = 0; k < 2; k++) {
        int64_t v;
        if (type_id_of(given[k]) == TYPE_ID_NONE) {
            v = k == 0 ? (step < 0 ? length - 1 : 0) : (step < 0 ? -1 : length);
        } else {
            v = int_to_i64(given[k]);
            if (v < 0) {
                v = v < -length ? (step < 0 ? -1 : 0) : v + length;
            } else if (v >= length) {
                v = step < 0 ? length - 1 : length;
            }
        }
        bounds[k] = v;
    }
    out->start = bounds[0];
    out->stop = bounds[1];
    out->step = step;
    if (step < 0)
        out->length = out->stop < out->start ? (out->start - out->stop - 1) / (-step) + 1 : 0;
    else
        out->length = out->start < out->stop ? (out->stop - out->start - 1) / step + 1 : 0;
    return 0;
}

/* ---- iterators ------------------------------------------------------- */

static Obj *seq_iter_new(const Type *type, Obj *seq, int32_t index) {
    SeqIterObj *it = (SeqIterObj *)obj_alloc(type, sizeof(SeqIterObj));
    if (!it)
        return NULL;
    it->seq = new_ref(seq);
    it->index = index;
    return (Obj *)it;
}

/* An iterator over `count` values first, first + step, ...; int64
 * arithmetic when every value fits, exact ints otherwise (CPython's
 * longrange_iterator). Takes no ownership. */
static Obj *range_iter_new(Obj *first, Obj *step, Obj *count) {
    RangeIterObj *it = (RangeIterObj *)obj_alloc(&type_range_iterator, sizeof(RangeIterObj));
    if (!it)
        return NULL;
    it->long_next = it->long_step = it->long_remaining = NULL;
    int64_t next, stride, remaining, last;
    bool fits = int_to_i64_checked(first, &next) && int_to_i64_checked(step, &stride) &&
                int_to_i64_checked(count, &remaining) &&
                !__builtin_mul_overflow(remaining > 0 ? remaining - 1 : 0, stride, &last) &&
                !__builtin_add_overflow(next, last, &last);
    if (fits) {
        it->next = next;
        it->step = stride;
        it->remaining = remaining;
        return (Obj *)it;
    }
    it->header.type = &type_long_range_iterator;
    it->next = it->step = it->remaining = 0;
    it->long_next = new_ref(first);
    it->long_step = new_ref(step);
    it->long_remaining = new_ref(count);
    return (Obj *)it;
}

static Obj *range_iter_next(RangeIterObj *r) {
    if (!r->long_next) {
        if (r->remaining <= 0)
            return NULL;
        int64_t v = r->next;
        r->remaining--;
        r->next = (int64_t)((uint64_t)r->next + (uint64_t)r->step); /* may pass the end harmlessly */
        return int_from_i64(v);
    }
    if (int_sign(r->long_remaining) <= 0)
        return NULL;
    Obj *next = int_add(r->long_next, r->long_step);
    Obj *remaining = next ? int_sub(r->long_remaining, small_int_make(1)) : NULL;
    if (!remaining) {
        rt_decref(next);
        return NULL;
    }
    Obj *value = r->long_next;
    rt_decref(r->long_remaining);
    r->long_next = next;
    r->long_remaining = remaining;
    return value; /* the iterator's reference passes to the caller */
}

static bool is_iterator_id(TypeId id) {
    return (id >= TYPE_ID_STR_ITERATOR && id <= TYPE_ID_ZIP) || id == TYPE_ID_GENERATOR || id == TYPE_ID_MAP ||
           id == TYPE_ID_FILTER || id == TYPE_ID_FILE ||
           id == TYPE_ID_TEXT_IO; /* a stream is its own iterator over lines */
}

static Obj *str_char(Obj *s, int32_t i) {
    const StrObj *str = (const StrObj *)s;
    uint32_t cp = str_char_at(str, i);
    Obj *r = str_new_uninit(1, cp < 0x100 ? 1 : cp < 0x10000 ? 2 : 4);
    if (r)
        str_set_char((StrObj *)r, 0, cp);
    return r;
}


static bool is_user_iterator(Obj *o) {
    Obj *next = special_lookup(o, "__next__");
    return next && next != &none_object;
}

bool user_has_iter(Obj *o) {
    Obj *iter = special_lookup(o, "__iter__");
    if (iter)
        return iter != &none_object;
    return special_lookup(o, "__getitem__") != NULL;
}

/* iter(o) for a user instance: __iter__ (None blocks iteration), whose
 * result must be an iterator; else the layout's own iteration; else the
 * __getitem__ sequence protocol. */
Obj *user_get_iter(Obj *o) {
    Obj *method = special_lookup(o, "__iter__");
    if (method && method != &none_object) {
        Obj *r = special_call(o, method, 0, NULL);
        if (r && !(is_user_instance(r) ? is_user_iterator(r) : is_iterator_id(type_id_of(r)))) {
            err_format(&type_type_error, "iter() returned non-iterator of type '%T'", r);
            rt_decref(r);
            return NULL;
        }
        return r;
    }
    if (!method) {
        if (layout_defines(o->type->id, SLOT_ITER)) /* a subclass of str, tuple, list, dict ... */
            return builtin_get_iter(o);
        if (special_lookup(o, "__getitem__"))
            return seq_iter_new(&type_seq_iterator, o, 0);
    }
    err_format(&type_type_error, "'%T' object is not iterable", o);
    return NULL;
}

Obj *user_iter_next(Obj *it) {
    bool found;
    Obj *r = special_call_by_name(it, "__next__", 0, NULL, &found);
    if (!found) {
        err_format(&type_type_error, "'%T' object is not an iterator", it);
        return NULL;
    }
    if (!r && err_matches(&type_stop_iteration))
        rt_err_clear();
    return r;
}

Obj *user_iter_send(Obj *it, Obj *sent, Obj **result) {
    *result = NULL;
    Obj *value;
    if (sent == &none_object) {
        bool found;
        value = special_call_by_name(it, "__next__", 0, NULL, &found);
        if (!found) {
            err_format(&type_type_error, "'%T' object is not an iterator", it);
            return NULL;
        }
    } else {
        Obj *name = str_from_ascii("send");
        Obj *args = name ? tuple_new(1) : NULL;
        if (args)
            ((TupleObj *)args)->items[0] = new_ref(sent);
        value = args ? rt_call_method(it, name, args, NULL) : NULL;
        rt_decref(args);
        rt_decref(name);
    }
    if (value || !err_matches(&type_stop_iteration))
        return value;
    Obj *stop = rt_exc_fetch();
    Obj *args = ((ExcObj *)stop)->args;
    *result = new_ref(((TupleObj *)args)->length > 0 ? ((TupleObj *)args)->items[0] : &none_object);
    rt_decref(stop);
    return NULL;
}

Obj *rt_get_iter(Obj *o) {
    if (is_user_instance(o))
        return user_get_iter(o);
    return builtin_get_iter(o);
}

Obj *builtin_get_iter(Obj *o) {
    TypeId id = type_id_of(o);
    switch (id) {
    case TYPE_ID_STR: {
        const StrObj *s = (const StrObj *)o;
        bool ascii = s->kind == 1;
        for (int32_t i = 0; ascii && i < s->length; i++)
            ascii = s->data[i] < 0x80;
        return seq_iter_new(ascii ? &type_str_ascii_iterator : &type_str_iterator, o, 0);
    }
    case TYPE_ID_LIST: return seq_iter_new(&type_list_iterator, o, 0);
    case TYPE_ID_TUPLE: return seq_iter_new(&type_tuple_iterator, o, 0);
    case TYPE_ID_BYTES: return seq_iter_new(&type_bytes_iterator, o, 0);
    case TYPE_ID_DICT: return dict_iter(o, TYPE_ID_DICT_KEY_ITERATOR);
    case TYPE_ID_DICT_KEYS: return dict_iter(((DictViewObj *)o)->dict, TYPE_ID_DICT_KEY_ITERATOR);
    case TYPE_ID_DICT_VALUES: return dict_iter(((DictViewObj *)o)->dict, TYPE_ID_DICT_VALUE_ITERATOR);
    case TYPE_ID_DICT_ITEMS: return dict_iter(((DictViewObj *)o)->dict, TYPE_ID_DICT_ITEM_ITERATOR);
    case TYPE_ID_SET:
    case TYPE_ID_FROZENSET: return set_iter(o);
    case TYPE_ID_RANGE: {
        RangeObj *r = (RangeObj *)o;
        return range_iter_new(r->start, r->step, r->length);
    }
    case TYPE_ID_FILE: { /* a file is its own iterator, once checked open */
        Obj *name = str_from_ascii("__iter__");
        Obj *r = name ? rt_call_method(o, name, tuple_new(0), NULL) : NULL;
        rt_decref(name);
        return r;
    }
    default:
        if (is_iterator_id(id))
            return new_ref(o);
        err_format(&type_type_error, "'%T' object is not iterable", o);
        return NULL;
    }
}

Obj *rt_builtin_iter(Obj *o) { return rt_get_iter(o); }

/* The values rt_get_iter accepts, without raising (for a user class: it
 * has __iter__ or __getitem__, CPython's test before rewording errors). */
bool is_iterable(Obj *o) {
    if (is_user_instance(o) && user_has_iter(o))
        return true;
    switch (type_id_of(o)) {
    case TYPE_ID_STR: case TYPE_ID_LIST: case TYPE_ID_TUPLE: case TYPE_ID_BYTES: case TYPE_ID_DICT:
    case TYPE_ID_DICT_KEYS: case TYPE_ID_DICT_VALUES: case TYPE_ID_DICT_ITEMS: case TYPE_ID_SET:
    case TYPE_ID_FROZENSET: case TYPE_ID_RANGE: return true;
    default: return is_iterator_id(type_id_of(o));
    }
}

static Obj *exhaust(SeqIterObj *it) {
    Obj *seq = it->seq;
    it->seq = NULL;
    rt_decref(seq);
    return NULL;
}

/* seq[index] through __getitem__, forwards (type iterator) or backwards
 * (reversed); IndexError or StopIteration ends the iteration for good. */
static Obj *user_seq_iter_next(SeqIterObj *it) {
    bool forward = it->header.type == &type_seq_iterator;
    if (!forward && it->index < 0)
        return exhaust(it);
    Obj *item = rt_getitem(it->seq, small_int_make(it->index));
    if (item) {
        it->index += forward ? 1 : -1;
        return item;
    }
    if (err_matches(&type_index_error) || err_matches(&type_stop_iteration)) {
        rt_err_clear();
        return exhaust(it);
    }
    return NULL;
}

static Obj *seq_iter_next(SeqIterObj *it) {
    Obj *seq = it->seq;
    if (!seq)
        return NULL;
    int32_t i = it->index;
    switch (type_id_of((Obj *)it)) {
    case TYPE_ID_STR_ITERATOR:
        if (i >= ((StrObj *)seq)->length)
            return exhaust(it);
        it->index++;
        return str_char(seq, i);
    case TYPE_ID_LIST_ITERATOR:
        if (i >= ((ListObj *)seq)->length)
            return exhaust(it);
        it->index++;
        return new_ref(((ListObj *)seq)->items[i]);
    case TYPE_ID_TUPLE_ITERATOR:
        if (i >= ((TupleObj *)seq)->length)
            return exhaust(it);
        it->index++;
        return new_ref(((TupleObj *)seq)->items[i]);
    case TYPE_ID_BYTES_ITERATOR: return bytes_iter_next(it);
    case TYPE_ID_LIST_REVERSE_ITERATOR:
        if (i < 0 || i >= ((ListObj *)seq)->length)
            return exhaust(it);
        it->index--;
        return new_ref(((ListObj *)seq)->items[i]);
    default: /* reversed over a tuple or str, or either direction over a user sequence */
        if (is_user_instance(seq))
            return user_seq_iter_next(it);
        if (i < 0)
            return exhaust(it);
        it->index--;
        return is_str(seq) ? str_char(seq, i) : new_ref(((TupleObj *)seq)->items[i]);
    }
}

static Obj *enumerate_next(EnumerateObj *e) {
    Obj *item = rt_iter_next(e->iter);
    if (!item)
        return NULL;
    Obj *next_count = int_add(e->count, small_int_make(1));
    if (!next_count) {
        rt_decref(item);
        return NULL;
    }
    Obj *pair = tuple_new(2);
    if (!pair) {
        rt_decref(item);
        rt_decref(next_count);
        return NULL;
    }
    ((TupleObj *)pair)->items[0] = e->count; /* the old count moves into the pair */
    ((TupleObj *)pair)->items[1] = item;
    e->count = next_count;
    return pair;
}

static Obj *zip_strict_failure(ZipObj *z, int32_t exhausted_at) {
    if (rt_err_occurred())
        return NULL;
    TupleObj *iters = (TupleObj *)z->iters;
    if (exhausted_at > 0) {
        err_format(&type_value_error, "zip() argument %d is shorter than argument%s%d", exhausted_at + 1,
                   exhausted_at == 1 ? " " : "s 1-", exhausted_at);
        return NULL;
    }
    for (int32_t i = 1; i < iters->length; i++) {
        Obj *item = rt_iter_next(iters->items[i]);
        if (item) {
            rt_decref(item);
            err_format(&type_value_error, "zip() argument %d is longer than argument%s%d", i + 1,
                       i == 1 ? " " : "s 1-", i);
            return NULL;
        }
        if (rt_err_occurred())
            return NULL;
    }
    return NULL; /* every argument ran out together */
}

static Obj *zip_next(ZipObj *z) {
    TupleObj *iters = (TupleObj *)z->iters;
    if (iters->length == 0)
        return NULL;
    Obj *result = tuple_new(iters->length);
    if (!result)
        return NULL;
    for (int32_t i = 0; i < iters->length; i++) {
        Obj *item = rt_iter_next(iters->items[i]);
        if (!item) {
            rt_decref(result); /* NULL slots are skipped by rt_decref */
            return z->strict ? zip_strict_failure(z, i) : NULL;
        }
        ((TupleObj *)result)->items[i] = item;
    }
    return result;
}

/* One item from each iterator in order (so side effects and errors come
 * from the earlier iterables first, as CPython's map does), then the call. */
static Obj *map_next(MapObj *m) {
    TupleObj *iters = (TupleObj *)m->iters;
    Obj *args = tuple_new(iters->length);
    if (!args)
        return NULL;
    for (int32_t i = 0; i < iters->length; i++) {
        Obj *item = rt_iter_next(iters->items[i]);
        if (!item) {
            rt_decref(args); /* NULL slots are skipped by rt_decref */
            return NULL;
        }
        ((TupleObj *)args)->items[i] = item;
    }
    Obj *result = rt_call(m->func, args, NULL);
    rt_decref(args);
    return result;
}

static Obj *filter_next(FilterObj *f) {
    bool keep_truthy = type_id_of(f->func) == TYPE_ID_NONE;
    for (;;) {
        Obj *item = rt_iter_next(f->iter);
        if (!item)
            return NULL;
        int32_t truth;
        if (keep_truthy) {
            truth = rt_truthy(item);
        } else {
            Obj *verdict = call_with_one_arg(f->func, item);
            truth = verdict ? rt_truthy(verdict) : -1;
            rt_decref(verdict);
        }
        if (truth > 0)
            return item;
        rt_decref(item);
        if (truth < 0)
            return NULL;
    }
}

Obj *rt_iter_next(Obj *it) {
    switch (type_id_of(it)) {
    case TYPE_ID_STR_ITERATOR:
    case TYPE_ID_LIST_ITERATOR:
    case TYPE_ID_LIST_REVERSE_ITERATOR:
    case TYPE_ID_TUPLE_ITERATOR:
    case TYPE_ID_BYTES_ITERATOR:
    case TYPE_ID_REVERSED: return seq_iter_next((SeqIterObj *)it);
    case TYPE_ID_DICT_KEY_ITERATOR:
    case TYPE_ID_DICT_VALUE_ITERATOR:
    case TYPE_ID_DICT_ITEM_ITERATOR:
    case TYPE_ID_DICT_REVERSE_KEY_ITERATOR:
    case TYPE_ID_DICT_REVERSE_VALUE_ITERATOR:
    case TYPE_ID_DICT_REVERSE_ITEM_ITERATOR: return dict_iter_next(it);
    case TYPE_ID_SET_ITERATOR: return set_iter_next(it);
    case TYPE_ID_RANGE_ITERATOR: return range_iter_next((RangeIterObj *)it);
    case TYPE_ID_ENUMERATE: return enumerate_next((EnumerateObj *)it);
    case TYPE_ID_ZIP: return zip_next((ZipObj *)it);
    case TYPE_ID_MAP: return map_next((MapObj *)it);
    case TYPE_ID_FILTER: return filter_next((FilterObj *)it);
    case TYPE_ID_GENERATOR: return gen_iter_next(it); /* gen.c: the return value is dropped */
    case TYPE_ID_FILE: return file_iter_next(it);     /* fileio.c: the next line */
    case TYPE_ID_TEXT_IO: return text_io_next(it);    /* sysmodule.c: for line in sys.stdin */
    default:
        if (is_user_instance(it))
            return user_iter_next(it);
        err_format(&type_type_error, "'%T' object is not an iterator", it);
        return NULL;
    }
}

/* next() on a user iterator keeps __next__'s own StopIteration (and its
 * value) unless a default replaces it. */
static Obj *user_builtin_next(Obj *it, Obj *default_value) {
    bool found;
    Obj *r = special_call_by_name(it, "__next__", 0, NULL, &found);
    if (!found) {
        err_format(&type_type_error, "'%T' object is not an iterator", it);
        return NULL;
    }
    if (!r && default_value && err_matches(&type_stop_iteration)) {
        rt_err_clear();
        return new_ref(default_value);
    }
    return r;
}

Obj *rt_builtin_next(Obj *it, Obj *default_value) {
    if (is_user_instance(it))
        return user_builtin_next(it, default_value);
    if (!is_iterator_id(type_id_of(it))) {
        err_format(&type_type_error, "'%T' object is not an iterator", it);
        return NULL;
    }
    if (type_id_of(it) == TYPE_ID_GENERATOR)
        return gen_next(it, default_value); /* StopIteration carries the return value */
    Obj *item = rt_iter_next(it);
    if (item || rt_err_occurred())
        return item;
    if (default_value)
        return new_ref(default_value);
    err_format(&type_stop_iteration, "");
    return NULL;
}

/* reversed(o) for a user instance: __reversed__ (None blocks it), else
 * the layout's, else __len__ + __getitem__ from the end. */
static Obj *user_reversed(Obj *o) {
    Obj *method = special_lookup(o, "__reversed__");
    if (method && method != &none_object)
        return special_call(o, method, 0, NULL);
    /* the layout's own reversal: list and dict define __reversed__, and str,
     * tuple and bytes reverse by their own __len__/__getitem__ */
    if (!method && layout_defines(o->type->id, SLOT_LEN) &&
        (layout_defines(o->type->id, SLOT_REVERSED) || !special_lookup(o, "__getitem__")))
        return NULL;
    if (method || !special_lookup(o, "__getitem__")) {
        err_format(&type_type_error, "'%T' object is not reversible", o);
        return NULL;
    }
    bool found;
    int64_t n = user_len(o, &found);
    if (!found) {
        err_format(&type_type_error, "object of type '%T' has no len()", o);
        return NULL;
    }
    if (n < 0)
        return NULL;
    if (n > INT32_MAX) {
        err_format(&type_overflow_error, "cannot fit 'int' into an index-sized integer");
        return NULL;
    }
    return seq_iter_new(&type_reversed, o, (int32_t)n - 1);
}

Obj *reversed_new(Obj *o) {
    if (is_user_instance(o)) {
        Obj *r = user_reversed(o);
        if (r || rt_err_occurred())
            return r;
    }
    return builtin_reversed(o);
}

Obj *builtin_reversed(Obj *o) {
    switch (type_id_of(o)) {
    case TYPE_ID_LIST: return seq_iter_new(&type_list_reverse_iterator, o, ((ListObj *)o)->length - 1);
    case TYPE_ID_TUPLE: return seq_iter_new(&type_reversed, o, ((TupleObj *)o)->length - 1);
    case TYPE_ID_STR: return seq_iter_new(&type_reversed, o, ((StrObj *)o)->length - 1);
    case TYPE_ID_DICT: return dict_iter(o, TYPE_ID_DICT_REVERSE_KEY_ITERATOR);
    case TYPE_ID_DICT_KEYS: return dict_iter(((DictViewObj *)o)->dict, TYPE_ID_DICT_REVERSE_KEY_ITERATOR);
    case TYPE_ID_DICT_VALUES: return dict_iter(((DictViewObj *)o)->dict, TYPE_ID_DICT_REVERSE_VALUE_ITERATOR);
    case TYPE_ID_DICT_ITEMS: return dict_iter(((DictViewObj *)o)->dict, TYPE_ID_DICT_REVERSE_ITEM_ITERATOR);
    case TYPE_ID_RANGE: {
        RangeObj *r = (RangeObj *)o;
        Obj *last_index = int_sub(r->length, small_int_make(1));
        Obj *last = last_index ? range_value_at(r, last_index) : NULL;
        Obj *back = last ? int_neg(r->step) : NULL;
        Obj *it = back ? range_iter_new(last, back, r->length) : NULL;
        rt_decref(last_index);
        rt_decref(last);
        rt_decref(back);
        return it;
    }
    default:
        err_format(&type_type_error, "'%T' object is not reversible", o);
        return NULL;
    }
}

Obj *rt_builtin_reversed(Obj *o) { return reversed_new(o); }

Obj *rt_builtin_enumerate(Obj *iterable, Obj *start) {
    if (start && is_user_instance(start) && (is_int_like(start) || special_lookup(start, "__index__"))) {
        Obj *i = number_index(start);
        Obj *r = i ? rt_builtin_enumerate(iterable, i) : NULL;
        rt_decref(i);
        return r;
    }
    if (start && !is_int_like(start)) {
        err_format(&type_type_error, "'%T' object cannot be interpreted as an integer", start);
        return NULL;
    }
    Obj *it = rt_get_iter(iterable);
    if (!it)
        return NULL;
    EnumerateObj *e = (EnumerateObj *)obj_alloc(&type_enumerate, sizeof(EnumerateObj));
    if (!e) {
        rt_decref(it);
        return NULL;
    }
    e->iter = it;
    e->count = start ? exact_int_of(start) : small_int_make(0);
    return (Obj *)e;
}

Obj *rt_builtin_zip(Obj *args, int32_t strict) {
    int32_t n = args_count(args);
    Obj *iters = tuple_new(n);
    if (!iters)
        return NULL;
    for (int32_t i = 0; i < n; i++) {
        Obj *it = rt_get_iter(arg_at(args, i));
        if (!it) {
            rt_decref(iters);
            return NULL;
        }
        ((TupleObj *)iters)->items[i] = it;
    }
    ZipObj *z = (ZipObj *)obj_alloc(&type_zip, sizeof(ZipObj));
    if (!z) {
        rt_decref(iters);
        return NULL;
    }
    z->iters = iters;
    z->strict = strict != 0;
    return (Obj *)z;
}

/* The iterators are taken eagerly, as CPython does, so a non-iterable
 * argument fails at the call, not at the first next(). */
Obj *rt_builtin_map(Obj *func, Obj *iterables) {
    int32_t n = args_count(iterables);
    if (n == 0) {
        err_format(&type_type_error, "map() must have at least two arguments.");
        return NULL;
    }
    Obj *iters = tuple_new(n);
    if (!iters)
        return NULL;
    for (int32_t i = 0; i < n; i++) {
        Obj *it = rt_get_iter(arg_at(iterables, i));
        if (!it) {
            rt_decref(iters);
            return NULL;
        }
        ((TupleObj *)iters)->items[i] = it;
    }
    MapObj *m = (MapObj *)obj_alloc(&type_map, sizeof(MapObj));
    if (!m) {
        rt_decref(iters);
        return NULL;
    }
    m->func = new_ref(func);
    m->iters = iters;
    return (Obj *)m;
}

Obj *rt_builtin_filter(Obj *func, Obj *iterable) {
    Obj *it = rt_get_iter(iterable);
    if (!it)
        return NULL;
    FilterObj *f = (FilterObj *)obj_alloc(&type_filter, sizeof(FilterObj));
    if (!f) {
        rt_decref(it);
        return NULL;
    }
    f->func = new_ref(func);
    f->iter = it;
    return (Obj *)f;
}

/* range.index and range.count: O(1) for ints, a scan otherwise. */
Obj *range_call_method(Obj *self, Obj *name, Obj *args, Obj *kwargs, bool *found) {
    bool is_index = str_equals_ascii(name, "index");
    *found = is_index || str_equals_ascii(name, "count");
    if (!*found)
        return NULL;
    const char *qualified = is_index ? "range.index" : "range.count";
    if (!check_no_kwargs(kwargs, qualified) || !check_exactly_one(args, qualified))
        return NULL;
    RangeObj *r = (RangeObj *)self;
    Obj *x = arg_at(args, 0);
    if (is_int_like(x)) {
        int32_t inside = range_contains_int(r, x);
        if (inside < 0)
            return NULL;
        if (!is_index)
            return int_from_i64(inside);
        if (inside) {
            Obj *offset = int_sub(x, r->start);
            Obj *position = offset ? int_floordiv(offset, r->step) : NULL;
            rt_decref(offset);
            return position;
        }
    } else {
        int64_t count;
        int64_t first = range_scan(r, x, &count);
        if (first == -2)
            return NULL;
        if (!is_index)
            return int_from_i64(count);
        if (first >= 0)
            return int_from_i64(first);
    }
    Obj *text = rt_repr(x);
    if (text) {
        err_format(&type_value_error, "%S is not in range", text);
        rt_decref(text);
    }
    return NULL;
}
