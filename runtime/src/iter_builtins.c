/*
 * iter_builtins.c — the builtins that consume an iterable: tuple(),
 * sorted(), sum(), min(), max(), any() and all().
 *
 * Invariants:
 *  - Each walks its argument with rt_get_iter/rt_iter_next only, so any
 *    iterable works, and releases everything it holds on every exit path.
 *  - Results and messages follow CPython 3.11 (e.g. sum of floats is plain
 *    left-to-right addition, min/max keep the first of equal items).
 */
#include "taipan_internal.h"

Obj *rt_builtin_tuple(Obj *iterable) {
    if (!iterable)
        return tuple_new(0);
    if (is_tuple(iterable) && !is_user_instance(iterable) && !is_struct_seq(iterable)) /* sys.version_info copies */
        return new_ref(iterable);
    Obj *items = rt_builtin_list(iterable);
    if (!items)
        return NULL;
    ListObj *l = (ListObj *)items;
    Obj *t = tuple_new(l->length);
    if (t) {
        for (int32_t i = 0; i < l->length; i++)
            ((TupleObj *)t)->items[i] = new_ref(l->items[i]);
    }
    rt_decref(items);
    return t;
}

Obj *rt_builtin_sorted(Obj *iterable, Obj *key, int32_t reverse) {
    Obj *l = rt_builtin_list(iterable);
    if (l && list_sort(l, key, reverse != 0) < 0) {
        rt_decref(l);
        return NULL;
    }
    return l;
}

Obj *rt_builtin_sum(Obj *iterable, Obj *start) {
    if (start && is_str(start)) {
        err_format(&type_type_error, "sum() can't sum strings [use ''.join(seq) instead]");
        return NULL;
    }
    Obj *it = rt_get_iter(iterable);
    if (!it)
        return NULL;
    Obj *total = start ? new_ref(start) : small_int_make(0);
    for (;;) {
        Obj *item = rt_iter_next(it);
        if (!item)
            break;
        Obj *next = rt_add(total, item);
        rt_decref(item);
        rt_decref(total);
        total = next;
        if (!total)
            break;
    }
    rt_decref(it);
    if (total && rt_err_occurred()) {
        rt_decref(total);
        return NULL;
    }
    return total;
}

/* min (want_greater false) and max share one loop: an item replaces the
 * best so far only when strictly smaller/greater, so the first of equal
 * items wins, as in CPython. */
static Obj *min_max(Obj *args, Obj *key, Obj *default_value, bool want_greater) {
    const char *name = want_greater ? "max" : "min";
    int32_t n = args_count(args);
    if (n == 0) {
        err_format(&type_type_error, "%s expected at least 1 argument, got 0", name);
        return NULL;
    }
    if (n > 1 && default_value) {
        err_format(&type_type_error,
                   "Cannot specify a default for %s() with multiple positional arguments", name);
        return NULL;
    }
    if (key && type_id_of(key) == TYPE_ID_NONE)
        key = NULL;
    Obj *it = rt_get_iter(n == 1 ? arg_at(args, 0) : args);
    if (!it)
        return NULL;
    Obj *best = NULL, *best_key = NULL;
    for (;;) {
        Obj *item = rt_iter_next(it);
        if (!item)
            break;
        Obj *item_key = key ? call_with_one_arg(key, item) : new_ref(item);
        if (!item_key) {
            rt_decref(item);
            break;
        }
        if (!best) {
            best = item;
            best_key = item_key;
            continue;
        }
        Obj *cmp = want_greater ? rt_gt(item_key, best_key) : rt_lt(item_key, best_key);
        int32_t better = cmp ? rt_truthy(cmp) : -1;
        rt_decref(cmp);
        if (better < 0) {
            rt_decref(item);
            rt_decref(item_key);
            break;
        }
        if (better) {
            rt_decref(best);
            rt_decref(best_key);
            best = item;
            best_key = item_key;
        } else {
            rt_decref(item);
            rt_decref(item_key);
        }
    }
    rt_decref(it);
    rt_decref(best_key);
    if (rt_err_occurred()) {
        rt_decref(best);
        return NULL;
    }
    if (best)
        return best;
    if (default_value)
        return new_ref(default_value);
    err_format(&type_value_error, "%s() arg is an empty sequence", name);
    return NULL;
}

Obj *rt_builtin_min(Obj *args, Obj *key, Obj *default_value) { return min_max(args, key, default_value, false); }
Obj *rt_builtin_max(Obj *args, Obj *key, Obj *default_value) { return min_max(args, key, default_value, true); }

/* any (stop_when true) and all (stop_when false). */
static Obj *any_all(Obj *iterable, bool stop_when) {
    Obj *it = rt_get_iter(iterable);
    if (!it)
        return NULL;
    bool stopped = false;
    for (;;) {
        Obj *item = rt_iter_next(it);
        if (!item)
            break;
        int32_t truth = rt_truthy(item);
        rt_decref(item);
        if (truth < 0)
            break;
        if ((truth != 0) == stop_when) {
            stopped = true;
            break;
        }
    }
    rt_decref(it);
    if (!stopped && rt_err_occurred())
        return NULL;
    return bool_obj(stopped == stop_when);
}

Obj *rt_builtin_any(Obj *iterable) { return any_all(iterable, true); }
Obj *rt_builtin_all(Obj *iterable) { return any_all(iterable, false); }
