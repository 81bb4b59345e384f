/*
 * gc.c — the cycle collector: reclaims reference cycles that refcounting
 * alone never frees (a list containing itself, a recursive inner function
 * through its closure cell, a generator referencing itself, ...), by trial
 * deletion as CPython's gc does. It owns the list of tracked objects, the
 * per-type traverse and clear functions, and the entry points compiled
 * code calls: rt_gc_poll at its safepoints, rt_gc_final at exit.
 *
 * Why trial deletion: compiled code keeps references in wasm locals the
 * runtime cannot see. The collector needs only refcounts and the references
 * objects hold to each other: an object whose refcount exceeds the number of
 * references from tracked objects is referenced from somewhere else (a
 * local, a global, the pending exception, an untracked holder) and survives,
 * with everything reachable from it.
 *
 * A collection (gc_collect):
 *  1. gc_refs = refcnt for every tracked object (flag GC_COLLECTING);
 *  2. every tracked object's traverse subtracts 1 from each referent's
 *     gc_refs;
 *  3. objects with gc_refs > 0 and everything reachable from them stay in
 *     gc_list; the rest moves to an `unreachable` list (CPython's
 *     move_unreachable: objects reached later are moved back);
 *  4. the collector takes a reference to each unreachable object, closes the
 *     suspended generators among them (their finally blocks may run any
 *     code), then repeats 1-3 over the unreachable set with the held
 *     reference discounted: whatever a finalizer made reachable again goes
 *     back to gc_list untouched. The rest is cleared (each object drops its
 *     references) and the held references are released, which frees it.
 *
 * Invariants:
 *  - Every live heap object of a tracked type (type_tracked) is in gc_list, except
 *    during a collection (then in the unreachable list) and once its
 *    dealloc has started; static and immortal objects never are.
 *  - traverse reports exactly the references an object owns (never a
 *    borrowed pointer): over-reporting could make a live object look
 *    unreachable. NULL items (a half-built tuple or list: obj_alloc zeroes
 *    tracked bodies) and tagged ints are skipped.
 *  - clear leaves the object safe to free later and drops every reference
 *    that can be part of a cycle; clearing never frees a garbage object
 *    because the collector holds a reference to each until the end.
 *  - Collections never nest (gc_running): finalizers may allocate.
 *  - No function pointers: visitors are an enum dispatched by a switch, so
 *    the runtime keeps its single indirect call (platform.c).
 */
#include "taipan_internal.h"

#define GC_COLLECTING 1  /* in the set being examined */
#define GC_UNREACHABLE 2 /* tentatively unreachable (in the unreachable list) */
#define GC_MIN_THRESHOLD 10000

GcHead gc_list = {&gc_list, &gc_list, 0, 0};
int32_t gc_pending;
int32_t gc_threshold = GC_MIN_THRESHOLD;
int32_t gc_tracked_count;
bool gc_running;

void gc_init(void) {
    gc_list.next = gc_list.prev = &gc_list;
    gc_pending = 0;
    gc_threshold = GC_MIN_THRESHOLD;
    gc_tracked_count = 0;
    gc_running = false;
}

/* ---- list moves (the tracked count is unchanged) ----------------------- */

static void list_init(GcHead *list) { list->next = list->prev = list; }
static bool list_empty(const GcHead *list) { return list->next == list; }

static void list_move(GcHead *h, GcHead *to) {
    h->prev->next = h->next;
    h->next->prev = h->prev;
    GcHead *last = to->prev;
    h->next = to;
    h->prev = last;
    last->next = h;
    to->prev = h;
}

/* Appends all of from's nodes to `to`; from becomes empty. */
static void list_splice(GcHead *from, GcHead *to) {
    if (list_empty(from))
        return;
    GcHead *first = from->next, *last = from->prev, *tail = to->prev;
    tail->next = first;
    first->prev = tail;
    last->next = to;
    to->prev = last;
    list_init(from);
}

/* ---- visiting ------------------------------------------------------------ */

typedef enum GcVisit {
    VISIT_SUBTRACT, /* step 2: a reference from inside the examined set */
    VISIT_REACHABLE /* step 3: reached from an object known reachable */
} GcVisit;

static GcHead *young; /* the list step 3 is partitioning */

static inline bool is_tracked(Obj *o) {
    return o && !is_small_int(o) && o->refcnt >= 0 && type_tracked(o->type);
}

static inline void visit(Obj *o, GcVisit kind) {
    if (!is_tracked(o))
        return;
    GcHead *h = gc_head_of(o);
    if (!(h->flags & GC_COLLECTING))
        return;
    switch (kind) {
    case VISIT_SUBTRACT:
        h->gc_refs--;
        break;
    case VISIT_REACHABLE:
        if (h->flags & GC_UNREACHABLE) {
            /* moved out earlier; back to the tail, where the scan will reach
             * it and visit what it references in turn */
            h->flags &= ~GC_UNREACHABLE;
            list_move(h, young);
            h->gc_refs = 1;
        } else if (h->gc_refs <= 0) {
            h->gc_refs = 1; /* not scanned yet: the scan will treat it as reachable */
        }
        break;
    }
}

static void visit_fields(Obj **fields, int32_t n, GcVisit kind) {
    for (int32_t i = 0; i < n; i++)
        visit(fields[i], kind);
}

/* A user instance's attributes (class.c's InstanceSlots). */
static void visit_instance_slots(Obj *o, GcVisit kind) {
    InstanceSlots *s = instance_slots(o);
    visit(s->dict, kind);
    visit_fields(s->values, s->capacity, kind);
}

/* Every reference o owns that could lead to a tracked object. */
static void traverse(Obj *o, GcVisit kind) {
    if (type_is_user_class(o->type)) { /* an instance: its class, attributes, then its layout's fields */
        visit((Obj *)o->type, kind);
        if (o->type->id != TYPE_ID_TYPE) /* a class made by a user metaclass has no instance slots */
            visit_instance_slots(o, kind);
    }
    switch ((TypeId)o->type->id) {
    case TYPE_ID_TYPE: { /* a user class (static types are never tracked) */
        ClassObj *c = (ClassObj *)o;
        visit(c->bases, kind);
        visit(c->dict, kind);
        visit(c->shape, kind);
        for (int32_t i = 1; i < c->mro_length; i++) /* owned, like the bases */
            visit((Obj *)c->mro[i], kind);
        break; /* name and qualname are str */
    }
    case TYPE_ID_METHOD:
    case TYPE_ID_STATICMETHOD:
    case TYPE_ID_CLASSMETHOD:
    case TYPE_ID_PROPERTY:
    case TYPE_ID_SUPER:
    case TYPE_ID_SLOT_METHOD:
    case TYPE_ID_BUILTIN_METHOD: {
        Obj **fields;
        int32_t n = class_object_fields(o, &fields);
        visit_fields(fields, n, kind);
        break;
    }
    case TYPE_ID_TUPLE:
        visit_fields(((TupleObj *)o)->items, ((TupleObj *)o)->length, kind);
        break;
    case TYPE_ID_LIST:
        if (((ListObj *)o)->items)
            visit_fields(((ListObj *)o)->items, ((ListObj *)o)->length, kind);
        break;
    case TYPE_ID_DICT: {
        DictObj *d = (DictObj *)o;
        for (int32_t i = 0; d->entries && i < d->entries_len; i++) {
            visit(d->entries[i].key, kind);
            visit(d->entries[i].value, kind);
        }
        break;
    }
    case TYPE_ID_SET:
    case TYPE_ID_FROZENSET: {
        SetObj *s = (SetObj *)o;
        for (int32_t i = 0; s->table && i <= s->mask; i++)
            if (s->table[i].key != &set_dummy_key)
                visit(s->table[i].key, kind);
        break;
    }
    case TYPE_ID_SLICE:
        visit(((SliceObj *)o)->start, kind);
        visit(((SliceObj *)o)->stop, kind);
        visit(((SliceObj *)o)->step, kind);
        break;
    case TYPE_ID_DICT_KEYS:
    case TYPE_ID_DICT_VALUES:
    case TYPE_ID_DICT_ITEMS:
        visit(((DictViewObj *)o)->dict, kind);
        break;
    case TYPE_ID_LIST_ITERATOR:
    case TYPE_ID_LIST_REVERSE_ITERATOR:
    case TYPE_ID_TUPLE_ITERATOR:
    case TYPE_ID_REVERSED:
        visit(((SeqIterObj *)o)->seq, kind);
        break;
    case TYPE_ID_DICT_KEY_ITERATOR:
    case TYPE_ID_DICT_VALUE_ITERATOR:
    case TYPE_ID_DICT_ITEM_ITERATOR:
    case TYPE_ID_DICT_REVERSE_KEY_ITERATOR:
    case TYPE_ID_DICT_REVERSE_VALUE_ITERATOR:
    case TYPE_ID_DICT_REVERSE_ITEM_ITERATOR:
        visit(((DictIterObj *)o)->dict, kind);
        break;
    case TYPE_ID_SET_ITERATOR:
        visit(((SetIterObj *)o)->set, kind);
        break;
    case TYPE_ID_ENUMERATE:
        visit(((EnumerateObj *)o)->iter, kind);
        visit(((EnumerateObj *)o)->count, kind);
        break;
    case TYPE_ID_ZIP:
        visit(((ZipObj *)o)->iters, kind);
        break;
    case TYPE_ID_MAP:
        visit(((MapObj *)o)->func, kind);
        visit(((MapObj *)o)->iters, kind);
        break;
    case TYPE_ID_FILTER:
        visit(((FilterObj *)o)->func, kind);
        visit(((FilterObj *)o)->iter, kind);
        break;
    case TYPE_ID_FUNCTION: {
        FuncObj *f = (FuncObj *)o;
        visit(f->doc, kind);
        visit(f->module, kind);
        visit(f->defaults, kind);
        visit(f->kwdefaults, kind);
        visit(f->closure, kind);
        visit(f->dict, kind);
        break; /* name and qualname are str */
    }
    case TYPE_ID_CELL:
        visit(((CellObj *)o)->value, kind);
        break;
    case TYPE_ID_GENERATOR: {
        GenObj *g = (GenObj *)o;
        visit(g->func, kind);
        visit(g->yf_result, kind);
        visit(g->handled, kind);
        visit_fields(g->slots, g->nslots, kind);
        break;
    }
    case TYPE_ID_TRACEBACK:
        visit(((TbEntry *)o)->next, kind);
        break;
    default:
        if (is_exception_type_id(o->type->id)) {
            ExcObj *e = (ExcObj *)o;
            visit(e->args, kind);
            visit(e->traceback, kind);
            visit(e->cause, kind);
            visit(e->context, kind);
            visit(e->attr_obj, kind);
            visit(e->dict, kind);
        }
        break;
    }
}

/* ---- clearing ------------------------------------------------------------ */

/* The field is emptied before the release, as Py_CLEAR does. */
static void clear_field(Obj **field) {
    Obj *old = *field;
    *field = NULL;
    rt_decref(old);
}

/* Drops the references o holds so the cycle through it is broken. */
static void clear(Obj *o) {
    if (type_is_user_class(o->type) && o->type->id != TYPE_ID_TYPE) {
        /* an instance keeps its class (freeing it needs the class's layout);
         * its attributes go, in place (clearing must not allocate) */
        InstanceSlots *s = instance_slots(o);
        clear_field(&s->dict);
        for (int32_t i = 0; i < s->capacity; i++)
            clear_field(&s->values[i]);
    }
    switch ((TypeId)o->type->id) {
    case TYPE_ID_TYPE:
        /* the dict is what closes a class's cycles (methods -> __class__
         * cell -> class); it stays a valid, empty dict */
        class_gc_clear(o);
        break;
    case TYPE_ID_METHOD:
    case TYPE_ID_STATICMETHOD:
    case TYPE_ID_CLASSMETHOD:
    case TYPE_ID_PROPERTY:
    case TYPE_ID_SUPER:
    case TYPE_ID_SLOT_METHOD:
    case TYPE_ID_BUILTIN_METHOD: {
        /* the fields stay readable as NULL until the release */
        Obj **fields;
        int32_t n = class_object_fields(o, &fields);
        for (int32_t i = 0; i < n; i++)
            clear_field(&fields[i]);
        break;
    }
    case TYPE_ID_TUPLE: {
        TupleObj *t = (TupleObj *)o;
        for (int32_t i = 0; i < t->length; i++)
            clear_field(&t->items[i]); /* tuple_release skips NULL */
        break;
    }
    case TYPE_ID_LIST: {
        ListObj *l = (ListObj *)o;
        Obj **items = l->items;
        int32_t n = l->length, capacity = l->capacity;
        l->items = NULL;
        l->length = l->capacity = 0;
        for (int32_t i = 0; i < n; i++)
            rt_decref(items[i]);
        if (items)
            heap_free(items, (uint32_t)capacity * sizeof(Obj *));
        break;
    }
    case TYPE_ID_DICT:
        dict_gc_clear(o);
        break;
    case TYPE_ID_SET:
    case TYPE_ID_FROZENSET: {
        /* emptied in place: clearing must not allocate (a new table could
         * fail and raise while another exception is pending) */
        SetObj *s = (SetObj *)o;
        for (int32_t i = 0; s->table && i <= s->mask; i++) {
            Obj *key = s->table[i].key;
            s->table[i].key = NULL;
            s->table[i].hash = 0;
            if (key != &set_dummy_key)
                rt_decref(key);
        }
        s->used = s->fill = s->finger = 0;
        break;
    }
    case TYPE_ID_SLICE:
        clear_field(&((SliceObj *)o)->start);
        clear_field(&((SliceObj *)o)->stop);
        clear_field(&((SliceObj *)o)->step);
        break;
    case TYPE_ID_DICT_KEYS:
    case TYPE_ID_DICT_VALUES:
    case TYPE_ID_DICT_ITEMS:
        clear_field(&((DictViewObj *)o)->dict);
        break;
    case TYPE_ID_LIST_ITERATOR:
    case TYPE_ID_LIST_REVERSE_ITERATOR:
    case TYPE_ID_TUPLE_ITERATOR:
    case TYPE_ID_REVERSED:
        clear_field(&((SeqIterObj *)o)->seq); /* NULL reads as exhausted */
        break;
    case TYPE_ID_DICT_KEY_ITERATOR:
    case TYPE_ID_DICT_VALUE_ITERATOR:
    case TYPE_ID_DICT_ITEM_ITERATOR:
    case TYPE_ID_DICT_REVERSE_KEY_ITERATOR:
    case TYPE_ID_DICT_REVERSE_VALUE_ITERATOR:
    case TYPE_ID_DICT_REVERSE_ITEM_ITERATOR:
        clear_field(&((DictIterObj *)o)->dict);
        break;
    case TYPE_ID_SET_ITERATOR:
        clear_field(&((SetIterObj *)o)->set);
        break;
    case TYPE_ID_ENUMERATE:
        clear_field(&((EnumerateObj *)o)->iter);
        clear_field(&((EnumerateObj *)o)->count);
        break;
    case TYPE_ID_ZIP:
        clear_field(&((ZipObj *)o)->iters);
        break;
    case TYPE_ID_MAP:
        clear_field(&((MapObj *)o)->func);
        clear_field(&((MapObj *)o)->iters);
        break;
    case TYPE_ID_FILTER:
        clear_field(&((FilterObj *)o)->func);
        clear_field(&((FilterObj *)o)->iter);
        break;
    case TYPE_ID_FUNCTION: {
        FuncObj *f = (FuncObj *)o;
        clear_field(&f->doc);
        clear_field(&f->module);
        clear_field(&f->defaults);
        clear_field(&f->kwdefaults);
        clear_field(&f->closure);
        clear_field(&f->dict);
        break;
    }
    case TYPE_ID_CELL:
        clear_field(&((CellObj *)o)->value);
        break;
    case TYPE_ID_GENERATOR:
        gen_gc_clear(o);
        break;
    case TYPE_ID_TRACEBACK:
        clear_field(&((TbEntry *)o)->next);
        break;
    default:
        if (is_exception_type_id(o->type->id)) {
            ExcObj *e = (ExcObj *)o;
            Obj *args = e->args;
            e->args = tuple_new(0); /* the immortal (): args is never NULL */
            rt_decref(args);
            clear_field(&e->traceback);
            clear_field(&e->cause);
            clear_field(&e->context);
            clear_field(&e->report_text);
            clear_field(&e->attr_obj);
            clear_field(&e->dict);
        }
        break;
    }
}

/* ---- the collection ------------------------------------------------------ */

/* Steps 1-3 over `list`: afterwards `list` holds what is referenced from
 * outside it (flags reset to 0) and `unreachable` the rest (flags
 * GC_COLLECTING | GC_UNREACHABLE). bias is subtracted from every refcount
 * (the collector's own held references on the second pass). */
static void partition(GcHead *list, GcHead *unreachable, int32_t bias) {
    for (GcHead *h = list->next; h != list; h = h->next) {
        h->gc_refs = gc_obj_of(h)->refcnt - bias;
        h->flags = GC_COLLECTING;
    }
    for (GcHead *h = list->next; h != list; h = h->next)
        traverse(gc_obj_of(h), VISIT_SUBTRACT);
    young = list;
    GcHead *h = list->next;
    while (h != list) {
        if (h->gc_refs > 0) {
            /* referenced from outside (or reached from such an object):
             * whatever it references is reachable too */
            traverse(gc_obj_of(h), VISIT_REACHABLE);
            h = h->next;
        } else {
            GcHead *next = h->next;
            h->flags |= GC_UNREACHABLE;
            list_move(h, unreachable);
            h = next;
        }
    }
    young = NULL;
    for (GcHead *s = list->next; s != list; s = s->next)
        s->flags = 0;
}

/* Moves each object of `list` back to gc_list and releases the reference
 * the collector holds; one at a time, so a release that frees other
 * objects of the list (they unlink themselves) never leaves a stale
 * iterator. Returns how many objects there were. */
static int32_t release_held(GcHead *list) {
    int32_t n = 0;
    while (!list_empty(list)) {
        GcHead *h = list->next;
        h->flags = 0;
        list_move(h, &gc_list);
        n++;
        rt_decref(gc_obj_of(h));
    }
    return n;
}

int32_t gc_collect(void) {
    if (gc_running)
        return 0;
    gc_running = true;
    GcHead unreachable;
    list_init(&unreachable);
    partition(&gc_list, &unreachable, 0);
    int32_t collected = 0;
    if (!list_empty(&unreachable)) {
        /* Hold every garbage object: nothing below frees one early. */
        for (GcHead *h = unreachable.next; h != &unreachable; h = h->next)
            gc_obj_of(h)->refcnt++;
        bool finalized = false;
        for (GcHead *h = unreachable.next; h != &unreachable; h = h->next) {
            Obj *o = gc_obj_of(h);
            if (o->type->id == TYPE_ID_GENERATOR && ((GenObj *)o)->state >= 1) {
                gen_gc_finalize(o);
                finalized = true;
            } else if (type_is_user_class(o->type) && instance_needs_finalize(o)) {
                instance_gc_finalize(o); /* class.c: __del__, once (PEP 442) */
                finalized = true;
            }
        }
        if (finalized) {
            /* A finalizer may have stored a reference to garbage somewhere
             * reachable: re-examine the garbage set alone, counting only
             * references beyond the ones held here. */
            GcHead still;
            list_init(&still);
            partition(&unreachable, &still, 1);
            release_held(&unreachable); /* resurrected: back to normal life */
            list_splice(&still, &unreachable);
        }
        for (GcHead *h = unreachable.next; h != &unreachable; h = h->next)
            clear(gc_obj_of(h));
        collected = release_held(&unreachable);
    }
    gc_pending = 0;
    gc_threshold = gc_tracked_count > GC_MIN_THRESHOLD ? gc_tracked_count : GC_MIN_THRESHOLD;
    gc_running = false;
    return collected;
}

/* A safepoint: compiled code calls this at function entries and loop back
 * edges (only programs that can make containers do, so the collector is
 * linked only into those). It collects once gc_pending reaches
 * gc_threshold; the threshold grows with the survivors, so a program
 * holding many objects scans them in proportion to what it allocates
 * (amortised O(1) per allocation). */
void rt_gc_poll(void) {
    if (!gc_running && gc_pending >= gc_threshold)
        gc_collect();
}

int32_t rt_gc_collect(void) { return gc_collect(); }

/* Finalizers of one round can make new cyclic garbage; a few rounds catch
 * that without looping forever on a finalizer that always makes more. */
#define EXIT_COLLECTIONS 4

void rt_gc_final(void) {
    for (int32_t round = 0; round < EXIT_COLLECTIONS && gc_collect() > 0; round++) {
    }
}
