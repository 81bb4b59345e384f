/*
 * list.c — the list type: growth, indexing, slice get/set/delete (extended
 * slices included), concatenation, repetition, repr, a stable merge sort,
 * every list method, and the starred-display helpers ([*x], (*x,)).
 *
 * Invariants:
 *  - items[0..length) are owned non-NULL references (except transiently in
 *    a fresh list from list_new, which the caller fills); items is a heap
 *    block of exactly `capacity` pointers, NULL when capacity is 0.
 *  - Capacity grows geometrically (x1.5 + 4), so appends are amortised O(1).
 *  - While sort runs, the list is emptied (as CPython does) so a key
 *    function that mutates the list is detected afterwards.
 */
#include "taipan_internal.h"
#include <string.h>

static bool list_reserve(ListObj *l, int64_t needed) {
    if (needed <= l->capacity)
        return true;
    if (needed > 0x0fffffff) {
        err_no_memory();
        return false;
    }
    int64_t cap = (int64_t)l->capacity + (l->capacity >> 1) + 4;
    if (cap < needed)
        cap = needed;
    if (cap > 0x0fffffff)
        cap = 0x0fffffff;
    Obj **grown = (Obj **)heap_alloc((uint32_t)cap * sizeof(Obj *));
    if (!grown) {
        err_no_memory();
        return false;
    }
    if (l->length > 0)
        memcpy(grown, l->items, (size_t)l->length * sizeof(Obj *));
    if (l->items)
        heap_free(l->items, (uint32_t)l->capacity * sizeof(Obj *));
    l->items = grown;
    l->capacity = (int32_t)cap;
    return true;
}

Obj *list_new(int32_t length) {
    ListObj *l = (ListObj *)obj_alloc(&type_list, sizeof(ListObj));
    if (!l)
        return NULL;
    l->length = 0;
    l->capacity = 0;
    l->items = NULL;
    if (!list_reserve(l, length)) {
        rt_decref((Obj *)l);
        return NULL;
    }
    for (int32_t i = 0; i < length; i++)
        l->items[i] = NULL;
    l->length = length;
    return (Obj *)l;
}

Obj *rt_list_new(int32_t n) { return list_new(n); }

void rt_list_init(Obj *l, int32_t i, Obj *v) { ((ListObj *)l)->items[i] = v; }

uint32_t list_release(Obj *o) {
    ListObj *l = (ListObj *)o;
    for (int32_t i = l->length - 1; i >= 0; i--) /* last first, as CPython: __del__ order shows it */
        rt_decref(l->items[i]);
    if (l->items)
        heap_free(l->items, (uint32_t)l->capacity * sizeof(Obj *));
    return sizeof(ListObj);
}

int32_t list_append(Obj *o, Obj *v) {
    ListObj *l = (ListObj *)o;
    if (!list_reserve(l, (int64_t)l->length + 1))
        return -1;
    l->items[l->length++] = new_ref(v);
    return 0;
}

int32_t list_extend(Obj *o, Obj *iterable) {
    ListObj *l = (ListObj *)o;
    if (iterable == o || is_item_sequence(iterable)) {
        /* Snapshot the count first: l.extend(l) appends the original items. */
        int32_t n = is_list(iterable) ? ((ListObj *)iterable)->length : ((TupleObj *)iterable)->length;
        if (!list_reserve(l, (int64_t)l->length + n))
            return -1;
        Obj **src = is_list(iterable) ? ((ListObj *)iterable)->items : ((TupleObj *)iterable)->items;
        for (int32_t i = 0; i < n; i++)
            l->items[l->length + i] = new_ref(src[i]);
        l->length += n;
        return 0;
    }
    Obj *it = rt_get_iter(iterable);
    if (!it)
        return -1;
    for (;;) {
        Obj *item = rt_iter_next(it);
        if (!item)
            break;
        int32_t status = list_append(o, item);
        rt_decref(item);
        if (status < 0) {
            rt_decref(it);
            return -1;
        }
    }
    rt_decref(it);
    return rt_err_occurred() ? -1 : 0;
}

/* Python list of a copy of items (borrowed). */
static Obj *list_from_items(Obj **items, int64_t n) {
    Obj *r = list_new((int32_t)n);
    if (!r)
        return NULL;
    for (int64_t i = 0; i < n; i++)
        ((ListObj *)r)->items[i] = new_ref(items[i]);
    return r;
}

/* ---- display helpers: [a, *x] and (a, *x) ---------------------------------- */

int32_t rt_list_append(Obj *list, Obj *item) { return list_append(list, item); }

int32_t rt_list_extend(Obj *list, Obj *iterable) {
    /* CPython rewords only a non-iterable; errors while iterating pass through */
    if (!is_iterable(iterable)) {
        err_format(&type_type_error, "Value after * must be an iterable, not %T", iterable);
        return -1;
    }
    return list_extend(list, iterable);
}

Obj *rt_list_to_tuple(Obj *list) {
    ListObj *l = (ListObj *)list;
    Obj *t = tuple_new(l->length);
    if (!t)
        return NULL;
    for (int32_t i = 0; i < l->length; i++)
        ((TupleObj *)t)->items[i] = new_ref(l->items[i]);
    return t;
}

Obj *list_getitem(Obj *o, Obj *key) {
    ListObj *l = (ListObj *)o;
    if (is_int_like(key)) {
        int64_t i;
        if (!sequence_item_index(key, l->length, "list index out of range", &i))
            return NULL;
        return new_ref(l->items[i]);
    }
    if (type_id_of(key) == TYPE_ID_SLICE) {
        SliceIndices s;
        if (slice_indices(key, l->length, &s) < 0)
            return NULL;
        Obj *r = list_new((int32_t)s.length);
        if (!r)
            return NULL;
        for (int64_t k = 0; k < s.length; k++)
            ((ListObj *)r)->items[k] = new_ref(l->items[s.start + k * s.step]);
        return r;
    }
    err_format(&type_type_error, "list indices must be integers or slices, not %T", key);
    return NULL;
}

/* Replaces l[low:high] (step 1) with the items of the sequence `seq`
 * (NULL deletes). The removed references are released only after the list
 * is consistent again, since releasing can run arbitrary code later. */
static int32_t replace_range(ListObj *l, int64_t low, int64_t high, Obj *seq) {
    if (high < low)
        high = low;
    int32_t n = seq ? (is_list(seq) ? ((ListObj *)seq)->length : ((TupleObj *)seq)->length) : 0;
    Obj **src = seq ? (is_list(seq) ? ((ListObj *)seq)->items : ((TupleObj *)seq)->items) : NULL;
    int64_t removed = high - low;
    int64_t new_length = l->length - removed + n;
    Obj **doomed = NULL;
    if (removed > 0) {
        doomed = (Obj **)heap_alloc((uint32_t)removed * sizeof(Obj *));
        if (!doomed) {
            err_no_memory();
            return -1;
        }
        memcpy(doomed, l->items + low, (size_t)removed * sizeof(Obj *));
    }
    if (!list_reserve(l, new_length)) {
        if (doomed)
            heap_free(doomed, (uint32_t)removed * sizeof(Obj *));
        return -1;
    }
    if (l->length > high) /* items may be NULL for an empty list */
        memmove(l->items + low + n, l->items + high, (size_t)(l->length - high) * sizeof(Obj *));
    for (int32_t k = 0; k < n; k++)
        l->items[low + k] = new_ref(src[k]);
    l->length = (int32_t)new_length;
    for (int64_t k = removed - 1; k >= 0; k--) /* last first, as CPython releases them */
        rt_decref(doomed[k]);
    if (doomed)
        heap_free(doomed, (uint32_t)removed * sizeof(Obj *));
    return 0;
}

/* A list or tuple holding the items of `iterable`; a list argument is
 * always copied so `a[:] = a` and `a[::2] = a` read a stable snapshot. */
static Obj *snapshot_sequence(Obj *iterable, const char *not_iterable_message) {
    if (is_list(iterable) && is_item_sequence(iterable))
        return list_from_items(((ListObj *)iterable)->items, ((ListObj *)iterable)->length);
    if (is_item_sequence(iterable))
        return new_ref(iterable);
    Obj *it = rt_get_iter(iterable);
    if (!it) {
        if (err_matches(&type_type_error)) {
            rt_err_clear();
            err_format(&type_type_error, "%s", not_iterable_message);
        }
        return NULL;
    }
    Obj *items = rt_builtin_list(it);
    rt_decref(it);
    return items;
}

static int32_t delete_extended(ListObj *l, const SliceIndices *s) {
    if (s->length == 0)
        return 0;
    SliceIndices up = *s;
    if (up.step < 0) { /* walk upwards so compaction is a single pass */
        up.start = s->start + (s->length - 1) * s->step;
        up.step = -s->step;
    }
    Obj **doomed = (Obj **)heap_alloc((uint32_t)up.length * sizeof(Obj *));
    if (!doomed) {
        err_no_memory();
        return -1;
    }
    int64_t write = up.start, next_doomed = up.start, k = 0;
    for (int64_t read = up.start; read < l->length; read++) {
        if (k < up.length && read == next_doomed) {
            doomed[k++] = l->items[read];
            next_doomed += up.step;
        } else {
            l->items[write++] = l->items[read];
        }
    }
    l->length = (int32_t)write;
    for (int64_t j = 0; j < up.length; j++)
        rt_decref(doomed[j]);
    heap_free(doomed, (uint32_t)up.length * sizeof(Obj *));
    return 0;
}

static int32_t assign_slice(ListObj *l, Obj *slice, Obj *v) {
    SliceIndices s;
    if (slice_indices(slice, l->length, &s) < 0)
        return -1;
    if (s.step == 1) {
        if (!v)
            return replace_range(l, s.start, s.stop, NULL);
        Obj *seq = snapshot_sequence(v, "can only assign an iterable");
        if (!seq)
            return -1;
        int32_t status = replace_range(l, s.start, s.stop, seq);
        rt_decref(seq);
        return status;
    }
    if (!v)
        return delete_extended(l, &s);
    Obj *seq = snapshot_sequence(v, "must assign iterable to extended slice");
    if (!seq)
        return -1;
    int32_t n = is_list(seq) ? ((ListObj *)seq)->length : ((TupleObj *)seq)->length;
    Obj **src = is_list(seq) ? ((ListObj *)seq)->items : ((TupleObj *)seq)->items;
    if (n != s.length) {
        err_format(&type_value_error, "attempt to assign sequence of size %d to extended slice of size %D",
                   n, s.length);
        rt_decref(seq);
        return -1;
    }
    for (int64_t k = 0; k < s.length; k++) {
        int64_t at = s.start + k * s.step;
        Obj *old = l->items[at];
        l->items[at] = new_ref(src[k]);
        rt_decref(old);
    }
    rt_decref(seq);
    return 0;
}

int32_t list_setitem(Obj *o, Obj *key, Obj *v) {
    ListObj *l = (ListObj *)o;
    if (is_int_like(key)) {
        int64_t i;
        if (!sequence_item_index(key, l->length, "list assignment index out of range", &i))
            return -1;
        Obj *old = l->items[i];
        l->items[i] = new_ref(v);
        rt_decref(old);
        return 0;
    }
    if (type_id_of(key) == TYPE_ID_SLICE)
        return assign_slice(l, key, v);
    err_format(&type_type_error, "list indices must be integers or slices, not %T", key);
    return -1;
}

int32_t list_delitem(Obj *o, Obj *key) {
    ListObj *l = (ListObj *)o;
    if (is_int_like(key)) {
        int64_t i;
        if (!sequence_item_index(key, l->length, "list assignment index out of range", &i))
            return -1;
        return replace_range(l, i, i + 1, NULL);
    }
    if (type_id_of(key) == TYPE_ID_SLICE)
        return assign_slice(l, key, NULL);
    err_format(&type_type_error, "list indices must be integers or slices, not %T", key);
    return -1;
}

Obj *list_concat(Obj *a, Obj *b) {
    ListObj *x = (ListObj *)a, *y = (ListObj *)b;
    Obj *r = list_new(0);
    if (!r || !list_reserve((ListObj *)r, (int64_t)x->length + y->length)) {
        rt_decref(r);
        return NULL;
    }
    ListObj *out = (ListObj *)r;
    for (int32_t i = 0; i < x->length; i++)
        out->items[out->length++] = new_ref(x->items[i]);
    for (int32_t i = 0; i < y->length; i++)
        out->items[out->length++] = new_ref(y->items[i]);
    return r;
}

Obj *list_repeat(Obj *o, int64_t count) {
    ListObj *l = (ListObj *)o;
    Obj *r = list_new(0);
    if (!r)
        return NULL;
    if (count <= 0 || l->length == 0)
        return r;
    if (count > 0x0fffffff / l->length || !list_reserve((ListObj *)r, count * l->length)) {
        if (!rt_err_occurred())
            err_no_memory();
        rt_decref(r);
        return NULL;
    }
    ListObj *out = (ListObj *)r;
    for (int64_t k = 0; k < count * l->length; k++)
        out->items[out->length++] = new_ref(l->items[k % l->length]);
    return r;
}

int32_t list_inplace_repeat(Obj *o, int64_t count) {
    ListObj *l = (ListObj *)o;
    if (count <= 0 || l->length == 0)
        return replace_range(l, 0, l->length, NULL);
    if (count == 1)
        return 0;
    if (count > 0x0fffffff / l->length) {
        err_no_memory();
        return -1;
    }
    int32_t n = l->length;
    if (!list_reserve(l, count * n))
        return -1;
    for (int64_t k = n; k < count * n; k++)
        l->items[k] = new_ref(l->items[k % n]);
    l->length = (int32_t)(count * n);
    return 0;
}

Obj *list_repr(Obj *o) {
    ListObj *l = (ListObj *)o;
    if (l->length == 0)
        return str_from_ascii("[]");
    bool entered;
    Obj *placeholder = repr_enter_or_placeholder(o, "[...]", &entered);
    if (!entered)
        return placeholder;
    StrBuf b;
    strbuf_init(&b);
    strbuf_append_char(&b, '[');
    for (int32_t i = 0; i < l->length; i++) { /* re-read length: repr may shrink it later */
        if (i > 0)
            strbuf_append_cstr(&b, ", ");
        Obj *item = new_ref(l->items[i]);
        Obj *text = rt_repr(item);
        rt_decref(item);
        if (!text) {
            strbuf_release(&b);
            repr_leave(o);
            return NULL;
        }
        strbuf_append_str_obj(&b, text);
        rt_decref(text);
    }
    strbuf_append_char(&b, ']');
    repr_leave(o);
    return strbuf_finish(&b);
}

/* ---- sort ---------------------------------------------------------------- */

/* CPython sorts fewer than 64 items as one timsort run: the leading
 * ascending (or strictly descending, then reversed) run, extended by binary
 * insertion. Doing exactly that makes the comparisons, which a user __lt__
 * can observe, the same as CPython's. */
static int32_t small_sort(Obj **keys, int32_t *order, int32_t n) {
    if (n < 2)
        return 0;
    int32_t run = 2;
    int32_t descending = obj_less_than(keys[order[1]], keys[order[0]]);
    if (descending < 0)
        return -1;
    for (; run < n; run++) {
        int32_t lt = obj_less_than(keys[order[run]], keys[order[run - 1]]);
        if (lt < 0)
            return -1;
        if (lt != descending)
            break;
    }
    for (int32_t i = 0, j = run - 1; descending && i < j; i++, j--) {
        int32_t t = order[i];
        order[i] = order[j];
        order[j] = t;
    }
    for (int32_t start = run; start < n; start++) {
        int32_t pivot = order[start], low = 0, high = start;
        do {
            int32_t mid = low + ((high - low) >> 1);
            int32_t lt = obj_less_than(keys[pivot], keys[order[mid]]);
            if (lt < 0)
                return -1;
            if (lt)
                high = mid;
            else
                low = mid + 1;
        } while (low < high);
        memmove(order + low + 1, order + low, (size_t)(start - low) * sizeof(int32_t));
        order[low] = pivot;
    }
    return 0;
}

/* Stable merge sort of the permutation `order` by keys[order[i]].
 * Sorting a permutation leaves the caller's arrays untouched on error, so
 * an exception mid-sort never loses or duplicates an item. */
static int32_t merge_sort(Obj **keys, int32_t *order, int32_t *scratch, int32_t n) {
    if (n < 64)
        return small_sort(keys, order, n);
    for (int32_t width = 1; width < n; width *= 2) {
        for (int32_t low = 0; low < n - width; low += 2 * width) {
            int32_t mid = low + width;
            int32_t high = mid + width < n ? mid + width : n;
            int32_t i = low, j = mid, k = 0;
            while (i < mid && j < high) {
                /* take from the right only when strictly smaller: stability */
                int32_t right_smaller = obj_less_than(keys[order[j]], keys[order[i]]);
                if (right_smaller < 0)
                    return -1;
                scratch[k++] = right_smaller ? order[j++] : order[i++];
            }
            while (i < mid)
                scratch[k++] = order[i++];
            while (j < high)
                scratch[k++] = order[j++];
            memcpy(order + low, scratch, (size_t)k * sizeof(int32_t));
        }
    }
    return 0;
}

static void reverse_items(Obj **items, int32_t n) {
    for (int32_t i = 0, j = n - 1; i < j; i++, j--) {
        Obj *t = items[i];
        items[i] = items[j];
        items[j] = t;
    }
}

int32_t list_sort(Obj *o, Obj *key, bool reverse) {
    ListObj *l = (ListObj *)o;
    Obj **items = l->items;
    int32_t n = l->length, capacity = l->capacity;
    l->items = NULL;
    l->length = 0;
    l->capacity = 0;
    /* reverse=True keeps equal items in their original order, like CPython:
     * reverse, sort stably, reverse back. */
    if (reverse)
        reverse_items(items, n);
    uint32_t bytes = (uint32_t)(n > 0 ? n : 1) * sizeof(int32_t);
    Obj **keys = items;
    int32_t *order = (int32_t *)heap_alloc(bytes), *scratch = (int32_t *)heap_alloc(bytes);
    int32_t key_count = 0, status = 0;
    if (!order || !scratch) {
        err_no_memory();
        status = -1;
    }
    if (status == 0 && key && type_id_of(key) != TYPE_ID_NONE) {
        keys = (Obj **)heap_alloc((uint32_t)(n > 0 ? n : 1) * sizeof(Obj *));
        if (!keys) {
            err_no_memory();
            status = -1;
        }
        for (; status == 0 && key_count < n; key_count++) {
            keys[key_count] = call_with_one_arg(key, items[key_count]);
            if (!keys[key_count])
                status = -1;
        }
    }
    if (status == 0) {
        for (int32_t i = 0; i < n; i++)
            order[i] = i;
        status = merge_sort(keys, order, scratch, n);
    }
    Obj **sorted = items;
    if (status == 0 && n > 0) {
        sorted = (Obj **)heap_alloc((uint32_t)capacity * sizeof(Obj *));
        if (!sorted) {
            err_no_memory();
            status = -1;
            sorted = items;
        } else {
            for (int32_t i = 0; i < n; i++)
                sorted[i] = items[order[i]];
            heap_free(items, (uint32_t)capacity * sizeof(Obj *));
        }
    }
    if (reverse)
        reverse_items(sorted, n);
    if (keys != items && keys) {
        for (int32_t i = 0; i < key_count; i++)
            rt_decref(keys[i]);
        heap_free(keys, (uint32_t)(n > 0 ? n : 1) * sizeof(Obj *));
    }
    if (order)
        heap_free(order, bytes);
    if (scratch)
        heap_free(scratch, bytes);
    /* Whatever the key function appended meanwhile is dropped, as in CPython. */
    bool modified = l->items != NULL || l->length != 0;
    Obj **intruders = l->items;
    int32_t intruder_count = l->length, intruder_capacity = l->capacity;
    l->items = sorted;
    l->length = n;
    l->capacity = capacity;
    for (int32_t i = 0; i < intruder_count; i++)
        rt_decref(intruders[i]);
    if (intruders)
        heap_free(intruders, (uint32_t)intruder_capacity * sizeof(Obj *));
    if (modified && status == 0) {
        err_format(&type_value_error, "list modified during sort");
        status = -1;
    }
    return status;
}

/* ---- methods ------------------------------------------------------------- */

/* An int argument (or an object with __index__), saturated to int64. */
static bool index_arg(Obj *where, int64_t *out) {
    Obj *i = number_index(where);
    if (!i)
        return false;
    *out = int_to_i64(i);
    rt_decref(i);
    return true;
}

static Obj *none_result(int32_t status) { return status < 0 ? NULL : new_ref(rt_none()); }

static Obj *method_insert(ListObj *l, Obj *args) {
    if (!check_arg_range(args, "insert", 2, 2))
        return NULL;
    int64_t i;
    if (!index_arg(arg_at(args, 0), &i))
        return NULL;
    if (i < 0) {
        i += l->length;
        if (i < 0)
            i = 0;
    } else if (i > l->length) {
        i = l->length;
    }
    if (!list_reserve(l, (int64_t)l->length + 1))
        return NULL;
    memmove(l->items + i + 1, l->items + i, (size_t)(l->length - i) * sizeof(Obj *));
    l->items[i] = new_ref(arg_at(args, 1));
    l->length++;
    return new_ref(rt_none());
}

static Obj *pop_at(ListObj *l, int64_t i);

static Obj *method_pop(ListObj *l, Obj *args) {
    if (!check_arg_range(args, "pop", 0, 1))
        return NULL;
    int64_t i = -1;
    if (args_count(args) == 1) {
        if (!index_arg(arg_at(args, 0), &i))
            return NULL;
    }
    return pop_at(l, i);
}

static Obj *pop_at(ListObj *l, int64_t i) {
    if (l->length == 0) {
        err_format(&type_index_error, "pop from empty list");
        return NULL;
    }
    if (i < 0)
        i += l->length;
    if (i < 0 || i >= l->length) {
        err_format(&type_index_error, "pop index out of range");
        return NULL;
    }
    Obj *item = l->items[i];
    memmove(l->items + i, l->items + i + 1, (size_t)(l->length - i - 1) * sizeof(Obj *));
    l->length--;
    return item; /* the list's reference passes to the caller */
}

static Obj *method_remove(ListObj *l, Obj *needle) {
    for (int32_t i = 0; i < l->length; i++) {
        int32_t eq = obj_equal(l->items[i], needle);
        if (eq < 0)
            return NULL;
        if (eq) /* == may have shrunk the list: then nothing is left to remove at i */
            return i < l->length ? none_result(replace_range(l, i, i + 1, NULL)) : new_ref(rt_none());
    }
    err_format(&type_value_error, "list.remove(x): x not in list");
    return NULL;
}

static Obj *method_sort(Obj *self, Obj *args, Obj *kwargs) {
    if (args_count(args) > 0) {
        err_format(&type_type_error, "sort() takes no positional arguments");
        return NULL;
    }
    Obj *key = NULL;
    bool reverse = false;
    if (kwargs) {
        DictObj *d = (DictObj *)kwargs;
        for (int32_t i = 0; i < d->entries_len; i++) {
            Obj *name = d->entries[i].key, *value = d->entries[i].value;
            if (!name)
                continue;
            if (str_equals_ascii(name, "key")) {
                key = value;
            } else if (str_equals_ascii(name, "reverse")) {
                if (!is_int_like(value)) {
                    err_format(&type_type_error, "'%T' object cannot be interpreted as an integer", value);
                    return NULL;
                }
                reverse = !int_is_zero(value);
            } else {
                err_format(&type_type_error, "'%S' is an invalid keyword argument for sort()", name);
                return NULL;
            }
        }
    }
    return none_result(list_sort(self, key, reverse));
}

Obj *list_call_method(Obj *self, Obj *name, Obj *args, Obj *kwargs, bool *found) {
    ListObj *l = (ListObj *)self;
    *found = true;
    if (str_equals_ascii(name, "sort"))
        return method_sort(self, args, kwargs);
    /* every other list method rejects keywords with the same wording */
    static const char *const names[] = {"append", "extend", "insert", "pop", "remove",
                                        "index", "count", "clear", "copy", "reverse"};
    int which = name_index(name, names, (int32_t)(sizeof names / sizeof names[0]));
    if (which < 0) {
        *found = false;
        return NULL;
    }
    char qualified[32] = "list.";
    strcpy(qualified + 5, names[which]);
    if (!check_no_kwargs(kwargs, qualified))
        return NULL;
    switch (which) {
    case 0:
        return check_exactly_one(args, qualified) ? none_result(list_append(self, arg_at(args, 0))) : NULL;
    case 1:
        return check_exactly_one(args, qualified) ? none_result(list_extend(self, arg_at(args, 0))) : NULL;
    case 2: return method_insert(l, args);
    case 3: return method_pop(l, args);
    case 4: return check_exactly_one(args, qualified) ? method_remove(l, arg_at(args, 0)) : NULL;
    case 5: return sequence_index(self, args);
    case 6: return check_exactly_one(args, qualified) ? sequence_count(self, arg_at(args, 0)) : NULL;
    case 7: return check_no_args(args, qualified) ? none_result(replace_range(l, 0, l->length, NULL)) : NULL;
    case 8: return check_no_args(args, qualified) ? list_from_items(l->items, l->length) : NULL;
    default:
        if (!check_no_args(args, qualified))
            return NULL;
        reverse_items(l->items, l->length);
        return new_ref(rt_none());
    }
}

/* list(iterable) without the copy for a list/tuple argument the caller only
 * reads: used by slice assignment and the builtins that need a sequence. */
Obj *sequence_from_iterable(Obj *iterable) {
    if (is_item_sequence(iterable))
        return new_ref(iterable);
    return rt_builtin_list(iterable);
}

Obj *rt_builtin_list(Obj *iterable) {
    Obj *l = list_new(0);
    if (!l || !iterable)
        return l;
    if (list_extend(l, iterable) < 0) {
        rt_decref(l);
        return NULL;
    }
    return l;
}

/* Fast method entries (methods.c's table; func is unused, see
 * builtin_fast_method): the exact-arity calls of the commonest methods. */
Obj *rt_fast_list_append(Obj *func, Obj *self, Obj *item) {
    (void)func;
    return none_result(list_append(self, item));
}

Obj *rt_fast_list_pop(Obj *func, Obj *self) {
    (void)func;
    return pop_at((ListObj *)self, -1);
}

Obj *rt_fast_list_pop_at(Obj *func, Obj *self, Obj *index) {
    (void)func;
    int64_t i;
    return index_arg(index, &i) ? pop_at((ListObj *)self, i) : NULL;
}

Obj *rt_fast_list_extend(Obj *func, Obj *self, Obj *iterable) {
    (void)func;
    return none_result(list_extend(self, iterable));
}
