/*
 * set.c — set and frozenset: the hash table, the operators (| & - ^ and
 * their in-place forms), subset comparisons, repr, iteration and every
 * set/frozenset method.
 *
 * Invariants:
 *  - The table follows CPython 3.11's set algorithm (9 linear probes, then
 *    perturbed probing; deleted slots hold set_dummy_key with hash -1 and
 *    are reused by later inserts; resize at fill*5 >= mask*3 to used*4),
 *    and the operations walk the operands in CPython's order, so a set's
 *    iteration order (and therefore its repr) matches CPython whenever the
 *    element hashes do.
 *  - A slot is unused when key == NULL; used slots own their key.
 *  - A frozenset is never mutated after its construction finishes.
 */
#include "taipan_internal.h"
#include <string.h>

#define SET_MIN_SIZE 8
#define LINEAR_PROBES 9
#define PERTURB_SHIFT 5

/* Marks deleted slots; never a Python value. */
Obj set_dummy_key = {IMMORTAL_REFCNT, &type_none};

static bool is_live(const SetEntry *e) { return e->key && e->key != &set_dummy_key; }

static bool allocate_table(SetObj *s, int32_t size) {
    SetEntry *table = (SetEntry *)heap_alloc((uint32_t)size * sizeof(SetEntry));
    if (!table) {
        err_no_memory();
        return false;
    }
    memset(table, 0, (size_t)size * sizeof(SetEntry));
    s->table = table;
    s->mask = size - 1;
    return true;
}

Obj *set_new_of_type(const Type *type) {
    SetObj *s = (SetObj *)obj_alloc(type, sizeof(SetObj));
    if (!s)
        return NULL;
    s->used = s->fill = s->finger = 0;
    s->hash = -1;
    s->table = NULL;
    s->mask = 0;
    if (!allocate_table(s, SET_MIN_SIZE)) {
        obj_free_memory((Obj *)s, sizeof(SetObj));
        return NULL;
    }
    return (Obj *)s;
}

Obj *rt_set_new(void) { return set_new_of_type(&type_set); }

void set_release_table(SetObj *s) {
    for (int32_t i = 0; i <= s->mask; i++)
        if (is_live(&s->table[i]))
            rt_decref(s->table[i].key);
    heap_free(s->table, (uint32_t)(s->mask + 1) * sizeof(SetEntry));
    s->table = NULL;
}

/* Places a key known to be absent into a table without dummies. */
static void insert_clean(SetEntry *table, uint32_t mask, Obj *key, int64_t hash) {
    uint64_t perturb = (uint64_t)hash;
    uint64_t i = (uint64_t)hash & mask;
    SetEntry *entry;
    for (;;) {
        entry = &table[i];
        if (!entry->key)
            goto found;
        if (i + LINEAR_PROBES <= mask) {
            for (int j = 0; j < LINEAR_PROBES; j++) {
                entry++;
                if (!entry->key)
                    goto found;
            }
        }
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + 1 + perturb) & mask;
    }
found:
    entry->key = key;
    entry->hash = hash;
}

static int32_t resize(SetObj *s, int64_t minimum_used) {
    int64_t size = SET_MIN_SIZE;
    while (size <= minimum_used)
        size <<= 1;
    if (size > 0x08000000) {
        err_no_memory();
        return -1;
    }
    SetEntry *old = s->table;
    int32_t old_size = s->mask + 1;
    if (!allocate_table(s, (int32_t)size)) {
        s->table = old;
        return -1;
    }
    s->fill = s->used;
    for (int32_t i = 0; i < old_size; i++)
        if (is_live(&old[i]))
            insert_clean(s->table, (uint32_t)s->mask, old[i].key, old[i].hash);
    heap_free(old, (uint32_t)old_size * sizeof(SetEntry));
    return 0;
}

/* The slot holding key, or NULL when absent; *error on comparison failure. */
static SetEntry *lookup(SetObj *s, Obj *key, int64_t hash, bool *error) {
    *error = false;
restart:;
    uint64_t mask = (uint64_t)s->mask, perturb = (uint64_t)hash;
    uint64_t i = (uint64_t)hash & mask;
    for (;;) {
        SetEntry *entry = &s->table[i];
        int probes = i + LINEAR_PROBES <= mask ? LINEAR_PROBES : 0;
        do {
            if (!entry->key)
                return NULL;
            if (entry->hash == hash && entry->key != &set_dummy_key) {
                if (entry->key == key)
                    return entry;
                /* == may run user code that mutates this set: restart then */
                SetEntry *table = s->table;
                Obj *start_key = new_ref(entry->key);
                int32_t eq = obj_equal(start_key, key);
                bool changed = s->table != table || (uint64_t)s->mask != mask || entry->key != start_key;
                rt_decref(start_key);
                if (eq < 0) {
                    *error = true;
                    return NULL;
                }
                if (changed)
                    goto restart;
                if (eq)
                    return entry;
            }
            entry++;
        } while (probes--);
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + 1 + perturb) & mask;
    }
}

/* Adds key (borrowed) with a known hash. */
static int32_t add_entry(SetObj *s, Obj *key, int64_t hash) {
restart:;
    uint64_t mask = (uint64_t)s->mask, perturb = (uint64_t)hash;
    uint64_t i = (uint64_t)hash & mask;
    SetEntry *free_slot = NULL, *entry;
    for (;;) {
        entry = &s->table[i];
        int probes = i + LINEAR_PROBES <= mask ? LINEAR_PROBES : 0;
        do {
            if (!entry->key)
                goto found_unused;
            if (entry->key == &set_dummy_key) {
                if (!free_slot)
                    free_slot = entry;
            } else if (entry->hash == hash) {
                if (entry->key == key)
                    return 0;
                SetEntry *table = s->table;
                Obj *start_key = new_ref(entry->key);
                int32_t eq = obj_equal(start_key, key);
                bool changed = s->table != table || (uint64_t)s->mask != mask || entry->key != start_key;
                rt_decref(start_key);
                if (eq < 0)
                    return -1;
                if (changed) {
                    free_slot = NULL;
                    goto restart;
                }
                if (eq)
                    return 0;
            }
            entry++;
        } while (probes--);
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + 1 + perturb) & mask;
    }
found_unused:
    if (free_slot) {
        free_slot->key = new_ref(key);
        free_slot->hash = hash;
        s->used++;
        return 0;
    }
    entry->key = new_ref(key);
    entry->hash = hash;
    s->fill++;
    s->used++;
    if ((uint64_t)s->fill * 5 < mask * 3)
        return 0;
    return resize(s, s->used > 50000 ? (int64_t)s->used * 2 : (int64_t)s->used * 4);
}

int32_t set_add_key(Obj *s, Obj *key) {
    int64_t hash = hash_of(key);
    if (hash == -1)
        return -1;
    return add_entry((SetObj *)s, key, hash);
}

int32_t rt_set_add(Obj *s, Obj *v) { return set_add_key(s, v); }

/* A set used as a key ({1} in s, s.remove({1})) is looked up as the equal
 * frozenset, as CPython does; *temporary is the frozenset to release. */
static Obj *lookup_key(Obj *key, Obj **temporary) {
    *temporary = NULL;
    if (type_id_of(key) != TYPE_ID_SET)
        return key;
    *temporary = set_copy_as(key, &type_frozenset);
    return *temporary;
}

int32_t set_contains_key(Obj *s, Obj *key) {
    Obj *temporary;
    key = lookup_key(key, &temporary);
    if (!key)
        return -1;
    int64_t hash = hash_of(key);
    bool error = hash == -1;
    SetEntry *e = error ? NULL : lookup((SetObj *)s, key, hash, &error);
    rt_decref(temporary);
    return error ? -1 : e != NULL;
}

static int32_t contains_entry(SetObj *s, Obj *key, int64_t hash) {
    bool error;
    SetEntry *e = lookup(s, key, hash, &error);
    return error ? -1 : e != NULL;
}

/* 1 removed, 0 absent, -1 error. */
static int32_t discard_entry(SetObj *s, Obj *key, int64_t hash) {
    bool error;
    SetEntry *e = lookup(s, key, hash, &error);
    if (error)
        return -1;
    if (!e)
        return 0;
    Obj *old = e->key;
    e->key = &set_dummy_key;
    e->hash = -1;
    s->used--;
    rt_decref(old);
    return 1;
}

static int32_t discard_key(SetObj *s, Obj *key) {
    Obj *temporary;
    key = lookup_key(key, &temporary);
    if (!key)
        return -1;
    int64_t hash = hash_of(key);
    int32_t r = hash == -1 ? -1 : discard_entry(s, key, hash);
    rt_decref(temporary);
    return r;
}

static void clear(SetObj *s) {
    SetEntry *old = s->table;
    int32_t old_size = s->mask + 1;
    if (!allocate_table(s, SET_MIN_SIZE)) {
        rt_err_clear(); /* keep the old table rather than fail a clear */
        s->table = old;
        s->mask = old_size - 1;
        for (int32_t i = 0; i < old_size; i++) {
            if (is_live(&old[i]))
                rt_decref(old[i].key);
            old[i].key = NULL;
            old[i].hash = 0;
        }
        s->used = s->fill = 0;
        return;
    }
    s->used = s->fill = 0;
    for (int32_t i = 0; i < old_size; i++)
        if (is_live(&old[i]))
            rt_decref(old[i].key);
    heap_free(old, (uint32_t)old_size * sizeof(SetEntry));
}

/* Adds every element of another set, in CPython's set_merge order. */
static int32_t merge(SetObj *s, SetObj *other) {
    if (other == s || other->used == 0)
        return 0;
    if ((int64_t)(s->fill + other->used) * 5 >= (int64_t)s->mask * 3 &&
        resize(s, ((int64_t)s->used + other->used) * 2) < 0)
        return -1;
    if (s->fill == 0 && s->mask == other->mask && other->fill == other->used) {
        for (int32_t i = 0; i <= other->mask; i++)
            if (other->table[i].key) {
                s->table[i].key = new_ref(other->table[i].key);
                s->table[i].hash = other->table[i].hash;
            }
        s->fill = other->fill;
        s->used = other->used;
        return 0;
    }
    if (s->fill == 0) {
        s->fill = s->used = other->used;
        for (int32_t i = 0; i <= other->mask; i++)
            if (is_live(&other->table[i]))
                insert_clean(s->table, (uint32_t)s->mask, new_ref(other->table[i].key),
                             other->table[i].hash);
        return 0;
    }
    for (int32_t i = 0; i <= other->mask; i++)
        if (is_live(&other->table[i]) && add_entry(s, other->table[i].key, other->table[i].hash) < 0)
            return -1;
    return 0;
}

/* {a, *x}: CPython's SET_UPDATE keeps the plain "'int' object is not iterable". */
int32_t rt_set_update(Obj *set, Obj *iterable) { return set_update_from(set, iterable); }

int32_t set_update_from(Obj *o, Obj *iterable) {
    SetObj *s = (SetObj *)o;
    if (is_anyset(iterable))
        return merge(s, (SetObj *)iterable);
    if (is_dict(iterable)) {
        DictObj *d = (DictObj *)iterable;
        if ((int64_t)(s->fill + d->used) * 5 >= (int64_t)s->mask * 3 &&
            resize(s, ((int64_t)s->used + d->used) * 2) < 0)
            return -1;
        for (int32_t i = 0; i < d->entries_len; i++)
            if (d->entries[i].key && add_entry(s, d->entries[i].key, d->entries[i].hash) < 0)
                return -1;
        return 0;
    }
    Obj *it = rt_get_iter(iterable);
    if (!it)
        return -1;
    for (;;) {
        Obj *key = rt_iter_next(it);
        if (!key)
            break;
        int32_t status = set_add_key(o, key);
        rt_decref(key);
        if (status < 0) {
            rt_decref(it);
            return -1;
        }
    }
    rt_decref(it);
    return rt_err_occurred() ? -1 : 0;
}

static Obj *new_set_from(const Type *type, Obj *iterable) {
    Obj *s = set_new_of_type(type);
    if (s && iterable && set_update_from(s, iterable) < 0) {
        rt_decref(s);
        return NULL;
    }
    return s;
}

/* The result type of an operation on `o`: set or frozenset, like it. */
static const Type *base_type_of(Obj *o) { return type_id_of(o) == TYPE_ID_FROZENSET ? &type_frozenset : &type_set; }

Obj *set_copy_as(Obj *s, const Type *type) { return new_set_from(type, s); }

Obj *rt_builtin_set(Obj *iterable) { return new_set_from(&type_set, iterable); }

Obj *rt_builtin_frozenset(Obj *iterable) {
    if (iterable && type_id_of(iterable) == TYPE_ID_FROZENSET)
        return new_ref(iterable); /* immutable: frozenset(fs) is fs */
    return new_set_from(&type_frozenset, iterable);
}

static Obj *intersection(Obj *so, Obj *other) {
    if (so == other)
        return set_copy_as(so, base_type_of(so));
    Obj *result = set_new_of_type(base_type_of(so));
    if (!result)
        return NULL;
    if (is_anyset(other)) {
        SetObj *a = (SetObj *)so, *b = (SetObj *)other;
        if (b->used > a->used) { /* walk the smaller set */
            SetObj *t = a;
            a = b;
            b = t;
        }
        for (int32_t i = 0; i <= b->mask; i++) {
            if (!is_live(&b->table[i]))
                continue;
            int32_t found = contains_entry(a, b->table[i].key, b->table[i].hash);
            if (found < 0 || (found && add_entry((SetObj *)result, b->table[i].key, b->table[i].hash) < 0)) {
                rt_decref(result);
                return NULL;
            }
        }
        return result;
    }
    Obj *it = rt_get_iter(other);
    if (!it) {
        rt_decref(result);
        return NULL;
    }
    for (;;) {
        Obj *key = rt_iter_next(it);
        if (!key)
            break;
        int64_t hash = hash_of(key);
        int32_t found = hash == -1 ? -1 : contains_entry((SetObj *)so, key, hash);
        int32_t status = found < 0 ? -1 : found ? add_entry((SetObj *)result, key, hash) : 0;
        rt_decref(key);
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

/* Replaces s's contents with those of `replacement` (consumed). */
static void take_body(SetObj *s, Obj *replacement) {
    SetObj *r = (SetObj *)replacement;
    SetEntry *table = s->table;
    int32_t mask = s->mask, used = s->used, fill = s->fill;
    s->table = r->table;
    s->mask = r->mask;
    s->used = r->used;
    s->fill = r->fill;
    r->table = table;
    r->mask = mask;
    r->used = used;
    r->fill = fill;
    rt_decref(replacement);
}

static int32_t difference_update(SetObj *s, Obj *other) {
    if ((Obj *)s == other) {
        clear(s);
        return 0;
    }
    if (is_anyset(other)) {
        Obj *walk = ((SetObj *)other)->used >> 3 > s->used ? intersection((Obj *)s, other) : new_ref(other);
        if (!walk)
            return -1;
        SetObj *w = (SetObj *)walk;
        for (int32_t i = 0; i <= w->mask; i++)
            if (is_live(&w->table[i]) && discard_entry(s, w->table[i].key, w->table[i].hash) < 0) {
                rt_decref(walk);
                return -1;
            }
        rt_decref(walk);
    } else {
        Obj *it = rt_get_iter(other);
        if (!it)
            return -1;
        for (;;) {
            Obj *key = rt_iter_next(it);
            if (!key)
                break;
            int32_t status = discard_key(s, key);
            rt_decref(key);
            if (status < 0) {
                rt_decref(it);
                return -1;
            }
        }
        rt_decref(it);
        if (rt_err_occurred())
            return -1;
    }
    if (s->fill - s->used <= s->mask / 4)
        return 0;
    return resize(s, s->used > 50000 ? (int64_t)s->used * 2 : (int64_t)s->used * 4);
}

static Obj *difference(Obj *so, Obj *other) {
    int64_t other_size;
    if (is_anyset(other))
        other_size = ((SetObj *)other)->used;
    else if (is_dict(other))
        other_size = ((DictObj *)other)->used;
    else
        other_size = -1;
    SetObj *s = (SetObj *)so;
    if (other_size < 0 || (s->used >> 2) > other_size) {
        Obj *result = set_copy_as(so, base_type_of(so));
        if (result && difference_update((SetObj *)result, other) < 0) {
            rt_decref(result);
            return NULL;
        }
        return result;
    }
    Obj *result = set_new_of_type(base_type_of(so));
    if (!result)
        return NULL;
    for (int32_t i = 0; i <= s->mask; i++) {
        if (!is_live(&s->table[i]))
            continue;
        Obj *key = s->table[i].key;
        int32_t found;
        if (is_dict(other)) {
            Obj *v = dict_lookup(other, key, &found);
            found = v ? 1 : found;
        } else {
            found = contains_entry((SetObj *)other, key, s->table[i].hash);
        }
        if (found < 0 || (!found && add_entry((SetObj *)result, key, s->table[i].hash) < 0)) {
            rt_decref(result);
            return NULL;
        }
    }
    return result;
}

static int32_t symmetric_difference_update(SetObj *s, Obj *other) {
    if ((Obj *)s == other) {
        clear(s);
        return 0;
    }
    if (is_dict(other)) {
        /* CPython walks a dict's keys in insertion order without a temporary
         * set; the order of the additions decides the result's layout. */
        DictObj *d = (DictObj *)other;
        for (int32_t i = 0; i < d->entries_len; i++) {
            if (!d->entries[i].key)
                continue;
            Obj *key = new_ref(d->entries[i].key);
            int32_t removed = discard_entry(s, key, d->entries[i].hash);
            int32_t status = removed < 0 ? -1 : removed ? 0 : add_entry(s, key, d->entries[i].hash);
            rt_decref(key);
            if (status < 0)
                return -1;
        }
        return 0;
    }
    Obj *walk = is_anyset(other) ? new_ref(other) : new_set_from(base_type_of((Obj *)s), other);
    if (!walk)
        return -1;
    SetObj *w = (SetObj *)walk;
    for (int32_t i = 0; i <= w->mask; i++) {
        if (!is_live(&w->table[i]))
            continue;
        Obj *key = new_ref(w->table[i].key);
        int32_t removed = discard_entry(s, key, w->table[i].hash);
        int32_t status = removed < 0 ? -1 : removed ? 0 : add_entry(s, key, w->table[i].hash);
        rt_decref(key);
        if (status < 0) {
            rt_decref(walk);
            return -1;
        }
    }
    rt_decref(walk);
    return 0;
}

static Obj *symmetric_difference(Obj *so, Obj *other) {
    Obj *result = new_set_from(base_type_of(so), other);
    if (result && symmetric_difference_update((SetObj *)result, so) < 0) {
        rt_decref(result);
        return NULL;
    }
    return result;
}

static Obj *union_of(Obj *so, Obj *other) {
    Obj *result = set_copy_as(so, base_type_of(so));
    if (result && so != other && set_update_from(result, other) < 0) {
        rt_decref(result);
        return NULL;
    }
    return result;
}

/* 1/0/-1: every element of s is in other (a set). */
static int32_t is_subset(SetObj *s, SetObj *other) {
    if (s->used > other->used)
        return 0;
    for (int32_t i = 0; i <= s->mask; i++) {
        if (!is_live(&s->table[i]))
            continue;
        int32_t found = contains_entry(other, s->table[i].key, s->table[i].hash);
        if (found <= 0)
            return found;
    }
    return 1;
}

/* issubset/issuperset/isdisjoint with any iterable as the other side. */
static int32_t relation(Obj *so, Obj *other, int which /* 0 sub, 1 super, 2 disjoint */) {
    if (which == 2) {
        if (so == other)
            return ((SetObj *)so)->used == 0;
        if (is_anyset(other)) {
            SetObj *a = (SetObj *)so, *b = (SetObj *)other;
            if (b->used > a->used) {
                SetObj *t = a;
                a = b;
                b = t;
            }
            for (int32_t i = 0; i <= b->mask; i++) {
                if (!is_live(&b->table[i]))
                    continue;
                int32_t found = contains_entry(a, b->table[i].key, b->table[i].hash);
                if (found != 0)
                    return found < 0 ? -1 : 0;
            }
            return 1;
        }
    }
    if (which == 1 && is_anyset(other))
        return is_subset((SetObj *)other, (SetObj *)so);
    if (which == 0) {
        if (is_anyset(other))
            return is_subset((SetObj *)so, (SetObj *)other);
        Obj *tmp = new_set_from(&type_set, other);
        if (!tmp)
            return -1;
        int32_t r = is_subset((SetObj *)so, (SetObj *)tmp);
        rt_decref(tmp);
        return r;
    }
    /* superset / disjoint against a general iterable: stop at the first
     * element that decides */
    Obj *it = rt_get_iter(other);
    if (!it)
        return -1;
    int32_t result = 1;
    for (;;) {
        Obj *key = rt_iter_next(it);
        if (!key)
            break;
        int32_t found = set_contains_key(so, key);
        rt_decref(key);
        if (found < 0 || found == (which == 2)) {
            result = found < 0 ? -1 : 0;
            break;
        }
    }
    rt_decref(it);
    if (result == 1 && rt_err_occurred())
        return -1;
    return result;
}

/* For the dict views' set operations (dict.c), which build on a fresh set. */
Obj *set_intersection(Obj *s, Obj *other) { return intersection(s, other); }
int32_t set_difference_update(Obj *s, Obj *other) { return difference_update((SetObj *)s, other); }
int32_t set_symmetric_difference_update(Obj *s, Obj *other) {
    return symmetric_difference_update((SetObj *)s, other);
}

Obj *set_binary(BinaryOp op, Obj *a, Obj *b) {
    switch (op) {
    case OP_BITOR: return union_of(a, b);
    case OP_BITAND: return intersection(a, b);
    case OP_SUB: return difference(a, b);
    default: return symmetric_difference(a, b);
    }
}

/* a |= b and friends on a mutable set; b is any set. */
int32_t set_inplace(BinaryOp op, Obj *a, Obj *b) {
    SetObj *s = (SetObj *)a;
    switch (op) {
    case OP_BITOR: return set_update_from(a, b);
    case OP_SUB: return difference_update(s, b);
    case OP_BITXOR: return symmetric_difference_update(s, b);
    default: {
        Obj *r = intersection(a, b);
        if (!r)
            return -1;
        take_body(s, r);
        return 0;
    }
    }
}

Obj *set_compare(CompareOp op, Obj *a, Obj *b) {
    SetObj *x = (SetObj *)a, *y = (SetObj *)b;
    int32_t r;
    switch (op) {
    case CMP_EQ:
    case CMP_NE:
        r = x->used != y->used ? 0 : is_subset(x, y);
        if (r >= 0 && op == CMP_NE)
            r = !r;
        break;
    case CMP_LE: r = is_subset(x, y); break;
    case CMP_GE: r = is_subset(y, x); break;
    case CMP_LT: r = x->used >= y->used ? 0 : is_subset(x, y); break;
    default: r = x->used <= y->used ? 0 : is_subset(y, x); break;
    }
    return r < 0 ? NULL : bool_obj(r);
}

int64_t frozenset_hash(Obj *o) {
    /* CPython's frozenset hash: XOR of bit-shuffled element hashes, so the
     * result does not depend on table order, then a final mix. */
    SetObj *s = (SetObj *)o;
    if (s->hash != -1)
        return s->hash;
    uint64_t hash = 0;
    for (int32_t i = 0; i <= s->mask; i++) {
        if (!is_live(&s->table[i]))
            continue;
        uint64_t h = (uint64_t)s->table[i].hash;
        hash ^= ((h ^ 89869747ULL) ^ (h << 16)) * 3644798167ULL;
    }
    hash ^= ((uint64_t)s->used + 1) * 1927868237ULL;
    hash ^= (hash >> 11) ^ (hash >> 25);
    hash = hash * 69069U + 907133923ULL;
    if (hash == UINT64_MAX)
        hash = 590923713ULL;
    s->hash = (int64_t)hash;
    return s->hash;
}

Obj *set_repr(Obj *o) {
    SetObj *s = (SetObj *)o;
    bool frozen = type_id_of(o) == TYPE_ID_FROZENSET;
    if (s->used == 0)
        return str_from_ascii(frozen ? "frozenset()" : "set()");
    bool entered;
    Obj *placeholder = repr_enter_or_placeholder(o, frozen ? "frozenset(...)" : "set(...)", &entered);
    if (!entered)
        return placeholder;
    /* a snapshot of the keys: a user __repr__ may mutate the set */
    Obj *keys = list_new(s->used);
    if (!keys) {
        repr_leave(o);
        return NULL;
    }
    int32_t n = 0;
    for (int32_t i = 0; i <= s->mask; i++)
        if (is_live(&s->table[i]))
            ((ListObj *)keys)->items[n++] = new_ref(s->table[i].key);
    StrBuf b;
    strbuf_init(&b);
    if (frozen)
        strbuf_append_cstr(&b, "frozenset(");
    strbuf_append_char(&b, '{');
    bool ok = true;
    for (int32_t i = 0; ok && i < n; i++) {
        if (i > 0)
            strbuf_append_cstr(&b, ", ");
        Obj *text = rt_repr(((ListObj *)keys)->items[i]);
        ok = text != NULL;
        if (ok)
            strbuf_append_str_obj(&b, text);
        rt_decref(text);
    }
    rt_decref(keys);
    repr_leave(o);
    if (!ok) {
        strbuf_release(&b);
        return NULL;
    }
    strbuf_append_char(&b, '}');
    if (frozen)
        strbuf_append_char(&b, ')');
    return strbuf_finish(&b);
}

/* ---- iteration ------------------------------------------------------- */

Obj *set_iter(Obj *s) {
    SetIterObj *it = (SetIterObj *)obj_alloc(&type_set_iterator, sizeof(SetIterObj));
    if (!it)
        return NULL;
    it->set = new_ref(s);
    it->position = 0;
    it->expected_used = ((SetObj *)s)->used;
    return (Obj *)it;
}

Obj *set_iter_next(Obj *o) {
    SetIterObj *it = (SetIterObj *)o;
    SetObj *s = (SetObj *)it->set;
    if (!s)
        return NULL;
    if (it->expected_used != s->used) {
        err_format(&type_runtime_error, "Set changed size during iteration");
        it->expected_used = -1; /* sticky, as in CPython */
        return NULL;
    }
    for (int32_t i = it->position; i <= s->mask; i++) {
        if (is_live(&s->table[i])) {
            it->position = i + 1;
            return new_ref(s->table[i].key);
        }
    }
    it->set = NULL;
    rt_decref((Obj *)s);
    return NULL;
}

/* ---- methods --------------------------------------------------------- */

static Obj *none_or_null(int32_t status) { return status < 0 ? NULL : new_ref(rt_none()); }

static Obj *method_pop(SetObj *s) {
    if (s->used == 0) {
        Obj *message = str_from_ascii("pop from an empty set");
        if (message) {
            raise_key_error(message);
            rt_decref(message);
        }
        return NULL;
    }
    int32_t i = s->finger & s->mask;
    while (!is_live(&s->table[i]))
        i = i == s->mask ? 0 : i + 1;
    Obj *key = s->table[i].key;
    s->table[i].key = &set_dummy_key;
    s->table[i].hash = -1;
    s->used--;
    s->finger = i + 1;
    return key; /* the set's reference passes to the caller */
}

/* Folds a varargs method (union, intersection, ...) over its arguments. */
static Obj *fold(Obj *self, Obj *args, BinaryOp op) {
    int32_t n = args_count(args);
    if (n == 0)
        return set_copy_as(self, base_type_of(self));
    Obj *result = op == OP_SUB ? difference(self, arg_at(args, 0)) : new_ref(self);
    for (int32_t i = op == OP_SUB ? 1 : 0; result && i < n; i++) {
        Obj *next;
        if (op == OP_SUB) {
            if (difference_update((SetObj *)result, arg_at(args, i)) < 0) {
                rt_decref(result);
                return NULL;
            }
            continue;
        }
        if (op == OP_BITOR) {
            /* the copy is made once; later arguments update it in place */
            if (result == self) {
                next = set_copy_as(self, base_type_of(self));
                rt_decref(result);
                result = next;
                if (!result)
                    return NULL;
            }
            if (set_update_from(result, arg_at(args, i)) < 0) {
                rt_decref(result);
                return NULL;
            }
            continue;
        }
        next = intersection(result, arg_at(args, i));
        rt_decref(result);
        result = next;
    }
    return result;
}

Obj *set_call_method(Obj *self, Obj *name, Obj *args, Obj *kwargs, bool *found) {
    static const char *const names[] = {
        "copy", "union", "intersection", "difference", "symmetric_difference",
        "issubset", "issuperset", "isdisjoint",
        /* the rest mutate, so frozenset lacks them */
        "add", "remove", "discard", "pop", "clear", "update", "intersection_update",
        "difference_update", "symmetric_difference_update"};
    bool frozen = type_id_of(self) == TYPE_ID_FROZENSET;
    int which = name_index(name, names, (int32_t)(sizeof names / sizeof names[0]));
    if (frozen && which >= 8)
        which = -1;
    *found = which >= 0;
    if (which < 0)
        return NULL;
    char qualified[48];
    strcpy(qualified, frozen ? "frozenset." : "set.");
    strcat(qualified, names[which]);
    if (!check_no_kwargs(kwargs, qualified))
        return NULL;
    SetObj *s = (SetObj *)self;
    bool one = which == 4 || (which >= 5 && which <= 10) || which == 16;
    if (one && !check_exactly_one(args, qualified))
        return NULL;
    if ((which == 0 || which == 11 || which == 12) && !check_no_args(args, qualified))
        return NULL;
    int32_t r;
    switch (which) {
    case 0: return frozen ? new_ref(self) : set_copy_as(self, &type_set);
    case 1: return fold(self, args, OP_BITOR);
    case 2: return fold(self, args, OP_BITAND);
    case 3: return fold(self, args, OP_SUB);
    case 4: return symmetric_difference(self, arg_at(args, 0));
    case 5:
    case 6:
    case 7:
        r = relation(self, arg_at(args, 0), which - 5);
        return r < 0 ? NULL : bool_obj(r);
    case 8: return none_or_null(set_add_key(self, arg_at(args, 0)));
    case 9:
        r = discard_key(s, arg_at(args, 0));
        if (r == 0)
            raise_key_error(arg_at(args, 0));
        return r <= 0 ? NULL : new_ref(rt_none());
    case 10: return none_or_null(discard_key(s, arg_at(args, 0)));
    case 11: return method_pop(s);
    case 12: clear(s); return new_ref(rt_none());
    case 13:
        for (int32_t i = 0; i < args_count(args); i++)
            if (set_update_from(self, arg_at(args, i)) < 0)
                return NULL;
        return new_ref(rt_none());
    case 14: {
        Obj *r2 = fold(self, args, OP_BITAND);
        if (!r2)
            return NULL;
        if (r2 == self)
            rt_decref(r2);
        else
            take_body(s, r2);
        return new_ref(rt_none());
    }
    case 15:
        for (int32_t i = 0; i < args_count(args); i++)
            if (difference_update(s, arg_at(args, i)) < 0)
                return NULL;
        return new_ref(rt_none());
    default: return none_or_null(symmetric_difference_update(s, arg_at(args, 0)));
    }
}

/* CPython 3.11 compiles {c1, c2, c3, ...} (all constants, 3 or more) to a
 * frozenset constant, which the compiler's constant merging rebuilds once
 * from its own iteration order, and then BUILD_SET + SET_UPDATE copies it
 * into a fresh set. Replaying those three steps reproduces the order. */
Obj *rt_set_from_constants(Obj *items) {
    Obj *first = new_set_from(&type_frozenset, items);
    Obj *order = first ? rt_builtin_tuple(first) : NULL;
    Obj *merged = order ? new_set_from(&type_frozenset, order) : NULL;
    Obj *result = merged ? new_set_from(&type_set, merged) : NULL;
    rt_decref(first);
    rt_decref(order);
    rt_decref(merged);
    return result;
}

/* Fast method entry (methods.c's table; func is unused, see
 * builtin_fast_method): set.add, not frozenset's. */
Obj *rt_fast_set_add(Obj *func, Obj *self, Obj *key) {
    (void)func;
    return none_or_null(set_add_key(self, key));
}

Obj *rt_fast_set_discard(Obj *func, Obj *self, Obj *key) {
    (void)func;
    return none_or_null(discard_key((SetObj *)self, key));
}
