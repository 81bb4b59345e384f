/*
 * dict.c — the dict type (insertion ordered), its views (keys, values,
 * items) with the set operations, comparisons and isdisjoint of the
 * set-like ones (keys, items), its iterators, repr, equality, update and
 * every dict method except fromkeys (introspect.c: it is a class method).
 *
 * Invariants:
 *  - entries[0..entries_len) are in insertion order; a deleted entry has
 *    key == NULL and stays until the next resize compacts the array.
 *  - index has index_size (a power of two) slots holding an entry position,
 *    DICT_SLOT_EMPTY or DICT_SLOT_DELETED; entries_cap is 2/3 of index_size,
 *    so probing always finds an empty slot.
 *  - Replacing the value of an existing key keeps the original key object
 *    and the key's position, as CPython does.
 *  - Iterators detect a size change (sticky RuntimeError) and a key change
 *    with the same size ("keys changed"), mirroring CPython's checks.
 *  - The view set operations walk their operands in CPython 3.11's order
 *    (which side is iterated, which set is built first), so the resulting
 *    set's iteration order matches CPython's for the same hashes.
 */
#include "taipan_internal.h"
#include <string.h>

#define DICT_SLOT_EMPTY (-1)
#define DICT_SLOT_DELETED (-2)
#define DICT_MIN_INDEX 8

Obj *dict_new(void) {
    DictObj *d = (DictObj *)obj_alloc(&type_dict, sizeof(DictObj));
    if (!d)
        return NULL;
    d->used = d->entries_len = d->entries_cap = d->index_size = 0;
    d->index = NULL;
    d->entries = NULL;
    return (Obj *)d;
}

Obj *rt_dict_new(void) { return dict_new(); }

/* d[key] = value for an ASCII key, stealing value; NULL value means an
 * allocation already failed (so builders can chain calls). */
bool dict_put_steal(Obj *d, const char *key, Obj *value) {
    if (!value)
        return false;
    Obj *k = str_from_ascii(key);
    bool ok = k && dict_set(d, k, value) == 0;
    rt_decref(k);
    rt_decref(value);
    return ok;
}

/* A dict display: the compiler evaluates key, value, key, value, ... into
 * one tuple first (as CPython evaluates them all before BUILD_MAP), then
 * the pairs are inserted in order, so a later key replaces an earlier one. */
Obj *rt_dict_from_flat(Obj *items) {
    Obj *d = dict_new();
    if (!d)
        return NULL;
    TupleObj *t = (TupleObj *)items;
    for (int32_t i = 0; i + 1 < t->length; i += 2) {
        if (dict_set(d, t->items[i], t->items[i + 1]) < 0) {
            rt_decref(d);
            return NULL;
        }
    }
    return d;
}

static void free_tables(DictObj *d) {
    if (d->index)
        heap_free(d->index, (uint32_t)d->index_size * sizeof(int32_t));
    if (d->entries)
        heap_free(d->entries, (uint32_t)d->entries_cap * sizeof(DictEntry));
    d->index = NULL;
    d->entries = NULL;
    d->index_size = d->entries_cap = d->entries_len = d->used = 0;
}

uint32_t dict_release(Obj *o) {
    DictObj *d = (DictObj *)o;
    for (int32_t i = 0; i < d->entries_len; i++) {
        rt_decref(d->entries[i].key);
        rt_decref(d->entries[i].value);
    }
    free_tables(d);
    return sizeof(DictObj);
}

/* The index slot where `hash` lives or would be inserted: the entry
 * position through *entry (-1 when absent). Returns -1 on a comparison
 * error. Equal hashes are confirmed with ==, identity first. */
static bool resize(DictObj *d, int32_t minimum);

static int32_t find_slot(DictObj *d, Obj *key, int64_t hash, int32_t *entry) {
restart:
    if (d->index_size == 0 && !resize(d, 1)) /* a user __eq__ cleared d mid-probe */
        return -1;
    uint32_t mask = (uint32_t)d->index_size - 1;
    uint64_t perturb = (uint64_t)hash;
    uint32_t i = (uint32_t)hash & mask;
    int32_t first_deleted = -1;
    for (;;) {
        int32_t slot = d->index[i];
        if (slot == DICT_SLOT_EMPTY) {
            *entry = -1;
            return first_deleted >= 0 ? first_deleted : (int32_t)i;
        }
        if (slot == DICT_SLOT_DELETED) {
            if (first_deleted < 0)
                first_deleted = (int32_t)i;
        } else if (d->entries[slot].hash == hash) {
            Obj *candidate = d->entries[slot].key;
            int32_t eq = 1;
            if (candidate != key) {
                /* == may run user code that mutates this dict: the key is
                 * kept alive, and a changed table restarts the probe */
                DictEntry *entries = d->entries;
                int32_t *index = d->index, size = d->index_size;
                rt_incref(candidate);
                eq = obj_equal(candidate, key);
                bool changed = d->entries != entries || d->index != index || d->index_size != size ||
                               slot >= d->entries_len || entries[slot].key != candidate;
                rt_decref(candidate);
                if (eq >= 0 && changed)
                    goto restart;
            }
            if (eq < 0)
                return -1;
            if (eq) {
                *entry = slot;
                return (int32_t)i;
            }
        }
        perturb >>= 5;
        i = (uint32_t)(i * 5 + perturb + 1) & mask;
    }
}

/* Rebuilds index and entries for at least `minimum` live entries,
 * dropping deleted entries. */
static bool resize(DictObj *d, int32_t minimum) {
    int32_t size = DICT_MIN_INDEX;
    while (size * 2 / 3 < minimum)
        size *= 2;
    int32_t cap = size * 2 / 3;
    int32_t *index = (int32_t *)heap_alloc((uint32_t)size * sizeof(int32_t));
    DictEntry *entries = (DictEntry *)heap_alloc((uint32_t)cap * sizeof(DictEntry));
    if (!index || !entries) {
        if (index)
            heap_free(index, (uint32_t)size * sizeof(int32_t));
        if (entries)
            heap_free(entries, (uint32_t)cap * sizeof(DictEntry));
        err_no_memory();
        return false;
    }
    for (int32_t i = 0; i < size; i++)
        index[i] = DICT_SLOT_EMPTY;
    int32_t n = 0;
    for (int32_t k = 0; k < d->entries_len; k++) {
        if (!d->entries[k].key)
            continue;
        entries[n] = d->entries[k];
        uint64_t perturb = (uint64_t)entries[n].hash;
        uint32_t i = (uint32_t)entries[n].hash & (uint32_t)(size - 1);
        while (index[i] != DICT_SLOT_EMPTY) {
            perturb >>= 5;
            i = (uint32_t)(i * 5 + perturb + 1) & (uint32_t)(size - 1);
        }
        index[i] = n++;
    }
    int32_t used = d->used;
    d->used = 0;
    d->entries_len = 0; /* entries moved; free_tables must not touch them */
    free_tables(d);
    d->index = index;
    d->entries = entries;
    d->index_size = size;
    d->entries_cap = cap;
    d->entries_len = n;
    d->used = used;
    return true;
}

/* Inserts or replaces; steals neither. */
static int32_t insert(DictObj *d, Obj *key, int64_t hash, Obj *value) {
    if (d->index_size == 0 && !resize(d, 1))
        return -1;
    int32_t entry;
    int32_t slot = find_slot(d, key, hash, &entry);
    if (slot < 0)
        return -1;
    if (entry >= 0) {
        Obj *old = d->entries[entry].value;
        d->entries[entry].value = new_ref(value);
        rt_decref(old);
        return 0;
    }
    if (d->entries_len == d->entries_cap) {
        if (!resize(d, d->used + 1 > d->used * 2 ? d->used + 1 : d->used * 2))
            return -1;
        slot = find_slot(d, key, hash, &entry); /* cannot fail: key is absent */
    }
    d->index[slot] = d->entries_len;
    DictEntry *e = &d->entries[d->entries_len++];
    e->hash = hash;
    e->key = new_ref(key);
    e->value = new_ref(value);
    d->used++;
    return 0;
}

int32_t dict_set(Obj *d, Obj *key, Obj *value) {
    int64_t hash = hash_of(key);
    if (hash == -1)
        return -1;
    return insert((DictObj *)d, key, hash, value);
}

int32_t rt_dict_setitem(Obj *d, Obj *k, Obj *v) { return dict_set(d, k, v); }

Obj *dict_lookup(Obj *o, Obj *key, int32_t *status) {
    DictObj *d = (DictObj *)o;
    int64_t hash = hash_of(key);
    *status = 0;
    if (hash == -1) {
        *status = -1;
        return NULL;
    }
    if (d->used == 0)
        return NULL;
    int32_t entry;
    if (find_slot(d, key, hash, &entry) < 0) {
        *status = -1;
        return NULL;
    }
    return entry >= 0 ? d->entries[entry].value : NULL;
}

/* Removes the entry for key; on success the removed key and value are
 * returned through old_key and old_value (owned) for the caller to release. */
static int32_t take_entry(DictObj *d, Obj *key, Obj **old_key, Obj **old_value) {
    int64_t hash = hash_of(key);
    if (hash == -1)
        return -1;
    if (d->used == 0)
        return 0;
    int32_t entry;
    int32_t slot = find_slot(d, key, hash, &entry);
    if (slot < 0)
        return -1;
    if (entry < 0)
        return 0;
    d->index[slot] = DICT_SLOT_DELETED;
    *old_key = d->entries[entry].key;
    *old_value = d->entries[entry].value;
    d->entries[entry].key = NULL;
    d->entries[entry].value = NULL;
    d->used--;
    return 1;
}

int32_t dict_delete(Obj *d, Obj *key) {
    Obj *old_key, *old_value;
    int32_t found = take_entry((DictObj *)d, key, &old_key, &old_value);
    if (found == 1) {
        rt_decref(old_key);
        rt_decref(old_value);
    }
    return found;
}

void raise_key_error(Obj *key) { err_set_object(&type_key_error, key); }

Obj *dict_getitem(Obj *d, Obj *key) {
    int32_t status;
    Obj *value = dict_lookup(d, key, &status);
    if (value)
        return new_ref(value);
    if (status == 0 && is_user_instance(d)) { /* a dict subclass's __missing__(key) answers */
        bool found;
        Obj *r = special_call_by_name(d, "__missing__", 1, &key, &found);
        if (found)
            return r;
    }
    if (status == 0)
        raise_key_error(key);
    return NULL;
}

Obj *dict_copy(Obj *o) {
    DictObj *src = (DictObj *)o;
    Obj *r = dict_new();
    if (!r)
        return NULL;
    if (src->used > 0 && !resize((DictObj *)r, src->used)) {
        rt_decref(r);
        return NULL;
    }
    for (int32_t i = 0; i < src->entries_len; i++) {
        DictEntry *e = &src->entries[i];
        if (e->key && insert((DictObj *)r, e->key, e->hash, e->value) < 0) {
            rt_decref(r);
            return NULL;
        }
    }
    return r;
}

/* Adds one `(key, value)` element of an update sequence. */
static int32_t update_from_pair(Obj *d, Obj *pair, int64_t position) {
    Obj *it = rt_get_iter(pair);
    if (!it) {
        if (err_matches(&type_type_error)) {
            rt_err_clear();
            err_format(&type_type_error,
                       "cannot convert dictionary update sequence element #%D to a sequence", position);
        }
        return -1;
    }
    Obj *items = rt_builtin_list(it);
    rt_decref(it);
    if (!items)
        return -1;
    ListObj *l = (ListObj *)items;
    int32_t status;
    if (l->length != 2) {
        err_format(&type_value_error,
                   "dictionary update sequence element #%D has length %d; 2 is required",
                   position, l->length);
        status = -1;
    } else {
        status = dict_set(d, l->items[0], l->items[1]);
    }
    rt_decref(items);
    return status;
}

/* A user object with a keys() method is a mapping: d[k] = source[k] for
 * each k in source.keys(). 1 when merged, 0 when it has no keys, -1 on error. */
static int32_t update_from_user_mapping(Obj *d, Obj *source) {
    Obj *name = str_from_ascii("keys");
    Obj *keys_method = name ? rt_getattr(source, name) : NULL;
    rt_decref(name);
    if (!keys_method) {
        if (!err_matches(&type_attribute_error))
            return -1;
        rt_err_clear();
        return 0;
    }
    Obj *empty = tuple_new(0);
    Obj *keys = empty ? rt_call(keys_method, empty, NULL) : NULL;
    rt_decref(empty);
    rt_decref(keys_method);
    Obj *it = keys ? rt_get_iter(keys) : NULL;
    rt_decref(keys);
    if (!it)
        return -1;
    for (;;) {
        Obj *key = rt_iter_next(it);
        if (!key)
            break;
        Obj *value = rt_getitem(source, key);
        int32_t status = value ? dict_set(d, key, value) : -1;
        rt_decref(key);
        rt_decref(value);
        if (status < 0) {
            rt_decref(it);
            return -1;
        }
    }
    rt_decref(it);
    return rt_err_occurred() ? -1 : 1;
}

int32_t dict_update(Obj *d, Obj *source) {
    if (is_user_instance(source)) {
        int32_t merged = update_from_user_mapping(d, source);
        if (merged != 0)
            return merged < 0 ? -1 : 0;
    }
    if (is_dict(source)) {
        DictObj *src = (DictObj *)source;
        for (int32_t i = 0; i < src->entries_len; i++) {
            DictEntry *e = &src->entries[i];
            if (e->key && insert((DictObj *)d, e->key, e->hash, e->value) < 0)
                return -1;
        }
        return 0;
    }
    Obj *it = rt_get_iter(source);
    if (!it)
        return -1;
    int64_t position = 0;
    for (;; position++) {
        Obj *pair = rt_iter_next(it);
        if (!pair)
            break;
        int32_t status = update_from_pair(d, pair, position);
        rt_decref(pair);
        if (status < 0) {
            rt_decref(it);
            return -1;
        }
    }
    rt_decref(it);
    return rt_err_occurred() ? -1 : 0;
}

Obj *rt_builtin_dict(Obj *source) {
    Obj *d = dict_new();
    if (d && source && dict_update(d, source) < 0) {
        rt_decref(d);
        return NULL;
    }
    return d;
}

int32_t dict_equal(Obj *a, Obj *b) {
    DictObj *x = (DictObj *)a;
    if (x->used != ((DictObj *)b)->used)
        return 0;
    for (int32_t i = 0; i < x->entries_len; i++) {
        DictEntry *e = &x->entries[i];
        if (!e->key)
            continue;
        Obj *key = new_ref(e->key), *mine = new_ref(e->value);
        int32_t status;
        Obj *theirs = dict_lookup(b, key, &status);
        int32_t eq = theirs ? obj_equal(mine, theirs) : status;
        rt_decref(key);
        rt_decref(mine);
        if (eq <= 0)
            return eq;
    }
    return 1;
}

static bool append_repr(StrBuf *b, Obj *o) {
    Obj *held = new_ref(o);
    Obj *text = rt_repr(held);
    rt_decref(held);
    if (!text)
        return false;
    strbuf_append_str_obj(b, text);
    rt_decref(text);
    return true;
}

Obj *dict_repr(Obj *o) {
    DictObj *d = (DictObj *)o;
    if (d->used == 0)
        return str_from_ascii("{}");
    bool entered;
    Obj *placeholder = repr_enter_or_placeholder(o, "{...}", &entered);
    if (!entered)
        return placeholder;
    StrBuf b;
    strbuf_init(&b);
    strbuf_append_char(&b, '{');
    bool first = true, ok = true;
    for (int32_t i = 0; ok && i < d->entries_len; i++) {
        DictEntry *e = &d->entries[i];
        if (!e->key)
            continue;
        if (!first)
            strbuf_append_cstr(&b, ", ");
        first = false;
        Obj *key = new_ref(e->key), *value = new_ref(e->value); /* a user repr may mutate d */
        ok = append_repr(&b, key);
        strbuf_append_cstr(&b, ": ");
        ok = ok && append_repr(&b, value);
        rt_decref(key);
        rt_decref(value);
    }
    repr_leave(o);
    if (!ok) {
        strbuf_release(&b);
        return NULL;
    }
    strbuf_append_char(&b, '}');
    return strbuf_finish(&b);
}

/* ---- views ----------------------------------------------------------- */

static Obj *view_new(Obj *d, const Type *type) {
    DictViewObj *v = (DictViewObj *)obj_alloc(type, sizeof(DictViewObj));
    if (!v)
        return NULL;
    v->dict = new_ref(d);
    return (Obj *)v;
}

/* dict_keys([1, 2]): the view's name around the list of what it yields. */
Obj *dict_view_repr(Obj *view) {
    bool entered;
    Obj *placeholder = repr_enter_or_placeholder(view, "...", &entered);
    if (!entered)
        return placeholder;
    Obj *items = rt_builtin_list(view);
    Obj *inner = items ? rt_repr(items) : NULL;
    rt_decref(items);
    repr_leave(view);
    if (!inner)
        return NULL;
    StrBuf b;
    strbuf_init(&b);
    strbuf_append_cstr(&b, view->type->name);
    strbuf_append_char(&b, '(');
    strbuf_append_str_obj(&b, inner);
    strbuf_append_char(&b, ')');
    rt_decref(inner);
    return strbuf_finish(&b);
}

/* ---- set operations of keys and items views -------------------------- */

static int64_t view_len(Obj *view) { return ((DictObj *)((DictViewObj *)view)->dict)->used; }

/* set(x) as the view operators start from it. A keys view is built from its
 * dict, whose presized bulk insert can give a different table layout (and
 * so iteration order) than adding the keys one by one. */
static Obj *set_of_operand(Obj *o) {
    if (type_id_of(o) == TYPE_ID_DICT_KEYS)
        return rt_builtin_set(((DictViewObj *)o)->dict);
    return rt_builtin_set(o);
}

/* view & other, either side a view: iterate the other operand (or the
 * smaller view) and keep what the view holds; an exact set at least as
 * large as the view does the work itself. */
static Obj *view_intersection(Obj *a, Obj *b) {
    Obj *self = is_set_like_view(a) ? a : b;
    Obj *other = self == a ? b : a;
    int64_t len_self = view_len(self);
    if (type_id_of(other) == TYPE_ID_SET && len_self <= ((SetObj *)other)->used)
        return set_intersection(other, self);
    if (is_set_like_view(other) && view_len(other) > len_self) {
        Obj *t = self;
        self = other;
        other = t;
    }
    Obj *result = rt_set_new();
    Obj *it = result ? rt_get_iter(other) : NULL;
    if (!it) {
        rt_decref(result);
        return NULL;
    }
    for (;;) {
        Obj *item = rt_iter_next(it);
        if (!item)
            break;
        int32_t found = container_contains(self, item);
        int32_t status = found < 0 ? -1 : found ? set_add_key(result, item) : 0;
        rt_decref(item);
        if (status < 0) {
            rt_decref(it);
            rt_decref(result);
            return NULL;
        }
    }
    rt_decref(it);
    if (rt_err_occurred()) {
        rt_decref(result);
        return NULL;
    }
    return result;
}

/* items ^ items: the pairs of b whose key is missing from a or maps to an
 * unequal value, then a's pairs that b did not match, in dict order. */
static Obj *items_xor(Obj *a, Obj *b) {
    Obj *rest = dict_copy(((DictViewObj *)a)->dict);
    Obj *result = rest ? rt_set_new() : NULL;
    if (!result) {
        rt_decref(rest);
        return NULL;
    }
    DictObj *other = (DictObj *)((DictViewObj *)b)->dict;
    for (int32_t i = 0; i < other->entries_len; i++) {
        if (!other->entries[i].key)
            continue;
        Obj *key = new_ref(other->entries[i].key), *value = new_ref(other->entries[i].value);
        int32_t status = 0;
        Obj *mine = new_ref(dict_lookup(rest, key, &status)); /* held across the == */
        int32_t same = mine ? obj_equal(mine, value) : status;
        rt_decref(mine);
        if (same > 0) {
            status = dict_delete(rest, key) < 0 ? -1 : 0;
        } else if (same == 0) {
            Obj *pair = tuple_pack2(key, value);
            status = pair ? set_add_key(result, pair) : -1;
            rt_decref(pair);
        } else {
            status = -1;
        }
        rt_decref(key);
        rt_decref(value);
        if (status < 0) {
            rt_decref(rest);
            rt_decref(result);
            return NULL;
        }
    }
    Obj *pairs = view_new(rest, &type_dict_items);
    int32_t status = pairs ? set_update_from(result, pairs) : -1;
    rt_decref(pairs);
    rt_decref(rest);
    if (status < 0) {
        rt_decref(result);
        return NULL;
    }
    return result;
}

Obj *dict_view_binary(BinaryOp op, Obj *a, Obj *b) {
    if (op == OP_BITAND)
        return view_intersection(a, b);
    if (op == OP_BITXOR && type_id_of(a) == TYPE_ID_DICT_ITEMS && type_id_of(b) == TYPE_ID_DICT_ITEMS)
        return items_xor(a, b);
    Obj *result = set_of_operand(a);
    if (!result)
        return NULL;
    int32_t status;
    switch (op) {
    case OP_BITOR: status = set_update_from(result, b); break;
    case OP_SUB: status = set_difference_update(result, b); break;
    default: status = set_symmetric_difference_update(result, b); break;
    }
    if (status < 0) {
        rt_decref(result);
        return NULL;
    }
    return result;
}

/* 1/0/-1: every item `inner` yields is in `outer` (by `in`). */
static int32_t all_contained_in(Obj *inner, Obj *outer) {
    Obj *it = rt_get_iter(inner);
    if (!it)
        return -1;
    int32_t result = 1;
    for (;;) {
        Obj *item = rt_iter_next(it);
        if (!item)
            break;
        int32_t found = container_contains(outer, item);
        rt_decref(item);
        if (found <= 0) {
            result = found;
            break;
        }
    }
    rt_decref(it);
    return result == 1 && rt_err_occurred() ? -1 : result;
}

static int64_t set_like_len(Obj *o) { return is_set_like_view(o) ? view_len(o) : ((SetObj *)o)->used; }

/* A set on the left defers to the view's reflected comparison, as CPython's
 * set comparison returns NotImplemented for a view. */
Obj *dict_view_compare(CompareOp op, Obj *a, Obj *b) {
    if (!is_set_like_view(a)) {
        static const CompareOp reflected[] = {CMP_GT, CMP_GE, CMP_EQ, CMP_NE, CMP_LT, CMP_LE};
        Obj *t = a;
        a = b;
        b = t;
        op = reflected[op];
    }
    int64_t len_self = set_like_len(a), len_other = set_like_len(b);
    int32_t r = 0;
    switch (op) {
    case CMP_EQ:
    case CMP_NE:
        if (len_self == len_other)
            r = all_contained_in(a, b);
        if (op == CMP_NE && r >= 0)
            r = !r;
        break;
    case CMP_LT: r = len_self < len_other ? all_contained_in(a, b) : 0; break;
    case CMP_LE: r = len_self <= len_other ? all_contained_in(a, b) : 0; break;
    case CMP_GT: r = len_self > len_other ? all_contained_in(b, a) : 0; break;
    default: r = len_self >= len_other ? all_contained_in(b, a) : 0; break;
    }
    return r < 0 ? NULL : bool_obj(r);
}

/* isdisjoint walks the shorter operand only when the other is set-like, as
 * `in` on an arbitrary iterable may be expensive. */
static Obj *view_isdisjoint(Obj *self, Obj *other) {
    if (self == other)
        return bool_obj(view_len(self) == 0);
    if (is_anyset(other) || is_set_like_view(other)) {
        if (set_like_len(other) > view_len(self)) {
            Obj *t = self;
            self = other;
            other = t;
        }
    }
    Obj *it = rt_get_iter(other);
    if (!it)
        return NULL;
    int32_t disjoint = 1;
    for (;;) {
        Obj *item = rt_iter_next(it);
        if (!item)
            break;
        int32_t found = container_contains(self, item);
        rt_decref(item);
        if (found != 0) {
            disjoint = found < 0 ? -1 : 0;
            break;
        }
    }
    rt_decref(it);
    if (disjoint == 1 && rt_err_occurred())
        return NULL;
    return disjoint < 0 ? NULL : bool_obj(disjoint);
}

Obj *dict_view_call_method(Obj *self, Obj *name, Obj *args, Obj *kwargs, bool *found) {
    *found = is_set_like_view(self) && str_equals_ascii(name, "isdisjoint");
    if (!*found)
        return NULL;
    const char *qualified = type_id_of(self) == TYPE_ID_DICT_KEYS ? "dict_keys.isdisjoint" : "dict_items.isdisjoint";
    if (!check_no_kwargs(kwargs, qualified) || !check_exactly_one(args, qualified))
        return NULL;
    return view_isdisjoint(self, arg_at(args, 0));
}

/* ---- iterators ------------------------------------------------------- */

Obj *dict_iter(Obj *d, TypeId kind) {
    const Type *type;
    switch (kind) {
    case TYPE_ID_DICT_VALUE_ITERATOR: type = &type_dict_value_iterator; break;
    case TYPE_ID_DICT_ITEM_ITERATOR: type = &type_dict_item_iterator; break;
    case TYPE_ID_DICT_REVERSE_KEY_ITERATOR: type = &type_dict_reverse_key_iterator; break;
    case TYPE_ID_DICT_REVERSE_VALUE_ITERATOR: type = &type_dict_reverse_value_iterator; break;
    case TYPE_ID_DICT_REVERSE_ITEM_ITERATOR: type = &type_dict_reverse_item_iterator; break;
    default: type = &type_dict_key_iterator; break;
    }
    bool reverse = kind == TYPE_ID_DICT_REVERSE_KEY_ITERATOR || kind == TYPE_ID_DICT_REVERSE_VALUE_ITERATOR ||
                   kind == TYPE_ID_DICT_REVERSE_ITEM_ITERATOR;
    DictIterObj *it = (DictIterObj *)obj_alloc(type, sizeof(DictIterObj));
    if (!it)
        return NULL;
    DictObj *dict = (DictObj *)d;
    it->dict = new_ref(d);
    it->position = reverse ? dict->entries_len - 1 : 0;
    it->expected_used = dict->used;
    it->remaining = dict->used;
    return (Obj *)it;
}

static Obj *finish_iteration(DictIterObj *it) {
    Obj *d = it->dict;
    it->dict = NULL;
    rt_decref(d);
    return NULL;
}

Obj *dict_iter_next(Obj *o) {
    DictIterObj *it = (DictIterObj *)o;
    DictObj *d = (DictObj *)it->dict;
    if (!d)
        return NULL;
    if (it->expected_used != d->used) {
        err_format(&type_runtime_error, "dictionary changed size during iteration");
        it->expected_used = -1; /* stays broken even if the size comes back */
        return NULL;
    }
    TypeId kind = (TypeId)o->type->id;
    bool reverse = kind == TYPE_ID_DICT_REVERSE_KEY_ITERATOR || kind == TYPE_ID_DICT_REVERSE_VALUE_ITERATOR ||
                   kind == TYPE_ID_DICT_REVERSE_ITEM_ITERATOR;
    int32_t i = it->position;
    while (i >= 0 && i < d->entries_len && !d->entries[i].key)
        i += reverse ? -1 : 1;
    if (i < 0 || i >= d->entries_len)
        return finish_iteration(it);
    if (it->remaining == 0) {
        err_format(&type_runtime_error, "dictionary keys changed during iteration");
        return finish_iteration(it);
    }
    it->position = i + (reverse ? -1 : 1);
    it->remaining--;
    DictEntry *e = &d->entries[i];
    switch (kind) {
    case TYPE_ID_DICT_VALUE_ITERATOR:
    case TYPE_ID_DICT_REVERSE_VALUE_ITERATOR: return new_ref(e->value);
    case TYPE_ID_DICT_ITEM_ITERATOR:
    case TYPE_ID_DICT_REVERSE_ITEM_ITERATOR: return tuple_pack2(e->key, e->value);
    default: return new_ref(e->key);
    }
}

/* ---- methods --------------------------------------------------------- */

static Obj *get_or(Obj *self, Obj *key, Obj *fallback, bool set_default);

static Obj *method_get(Obj *self, Obj *args, bool set_default) {
    if (!check_arg_range(args, set_default ? "setdefault" : "get", 1, 2))
        return NULL;
    return get_or(self, arg_at(args, 0), args_count(args) == 2 ? arg_at(args, 1) : rt_none(), set_default);
}

static Obj *get_or(Obj *self, Obj *key, Obj *fallback, bool set_default) {
    int32_t status;
    Obj *value = dict_lookup(self, key, &status);
    if (value)
        return new_ref(value);
    if (status < 0)
        return NULL;
    if (set_default && dict_set(self, key, fallback) < 0)
        return NULL;
    return new_ref(fallback);
}

static Obj *method_pop(Obj *self, Obj *args) {
    if (!check_arg_range(args, "pop", 1, 2))
        return NULL;
    Obj *old_key, *old_value;
    int32_t found = take_entry((DictObj *)self, arg_at(args, 0), &old_key, &old_value);
    if (found < 0)
        return NULL;
    if (found) {
        rt_decref(old_key);
        return old_value;
    }
    if (args_count(args) == 2)
        return new_ref(arg_at(args, 1));
    raise_key_error(arg_at(args, 0));
    return NULL;
}

static Obj *method_popitem(Obj *self) {
    DictObj *d = (DictObj *)self;
    if (d->used == 0) {
        Obj *message = str_from_ascii("popitem(): dictionary is empty");
        if (message) {
            raise_key_error(message);
            rt_decref(message);
        }
        return NULL;
    }
    int32_t i = d->entries_len - 1;
    while (!d->entries[i].key)
        i--;
    Obj *pair = tuple_pack2(d->entries[i].key, d->entries[i].value);
    if (!pair)
        return NULL;
    /* the last entry goes; trimming entries_len keeps popitem O(1) amortised */
    Obj *key = d->entries[i].key;
    if (dict_delete(self, key) < 0) {
        rt_decref(pair);
        return NULL;
    }
    while (d->entries_len > 0 && !d->entries[d->entries_len - 1].key)
        d->entries_len--;
    return pair;
}

static Obj *method_update(Obj *self, Obj *args, Obj *kwargs) {
    if (!check_arg_range(args, "update", 0, 1))
        return NULL;
    if (args_count(args) == 1 && dict_update(self, arg_at(args, 0)) < 0)
        return NULL;
    if (kwargs && dict_update(self, kwargs) < 0)
        return NULL;
    return new_ref(rt_none());
}

static void clear(DictObj *d) {
    DictObj old = *d;
    d->index = NULL;
    d->entries = NULL;
    d->index_size = d->entries_cap = d->entries_len = d->used = 0;
    for (int32_t i = 0; i < old.entries_len; i++) {
        rt_decref(old.entries[i].key);
        rt_decref(old.entries[i].value);
    }
    free_tables(&old);
}

void dict_gc_clear(Obj *d) { clear((DictObj *)d); }

Obj *dict_call_method(Obj *self, Obj *name, Obj *args, Obj *kwargs, bool *found) {
    static const char *const names[] = {"keys", "values", "items", "get", "setdefault",
                                        "pop", "popitem", "update", "clear", "copy"};
    int which = name_index(name, names, (int32_t)(sizeof names / sizeof names[0]));
    *found = which >= 0;
    if (which < 0)
        return NULL;
    if (which == 7)
        return method_update(self, args, kwargs);
    char qualified[32] = "dict.";
    strcpy(qualified + 5, names[which]);
    if (!check_no_kwargs(kwargs, qualified))
        return NULL;
    switch (which) {
    case 0: return check_no_args(args, qualified) ? view_new(self, &type_dict_keys) : NULL;
    case 1: return check_no_args(args, qualified) ? view_new(self, &type_dict_values) : NULL;
    case 2: return check_no_args(args, qualified) ? view_new(self, &type_dict_items) : NULL;
    case 3: return method_get(self, args, false);
    case 4: return method_get(self, args, true);
    case 5: return method_pop(self, args);
    case 6: return check_no_args(args, qualified) ? method_popitem(self) : NULL;
    case 8:
        if (!check_no_args(args, qualified))
            return NULL;
        clear((DictObj *)self);
        return new_ref(rt_none());
    default: return check_no_args(args, qualified) ? dict_copy(self) : NULL;
    }
}

/* Fast method entries (methods.c's table; func is unused, see
 * builtin_fast_method). */
Obj *rt_fast_dict_get(Obj *func, Obj *self, Obj *key) {
    (void)func;
    return get_or(self, key, rt_none(), false);
}

Obj *rt_fast_dict_get_or(Obj *func, Obj *self, Obj *key, Obj *fallback) {
    (void)func;
    return get_or(self, key, fallback, false);
}

Obj *rt_fast_dict_setdefault(Obj *func, Obj *self, Obj *key, Obj *fallback) {
    (void)func;
    return get_or(self, key, fallback, true);
}

Obj *rt_fast_dict_keys(Obj *func, Obj *self) {
    (void)func;
    return view_new(self, &type_dict_keys);
}

Obj *rt_fast_dict_values(Obj *func, Obj *self) {
    (void)func;
    return view_new(self, &type_dict_values);
}

Obj *rt_fast_dict_items(Obj *func, Obj *self) {
    (void)func;
    return view_new(self, &type_dict_items);
}
