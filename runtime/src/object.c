/*
 * object.c — object lifetime: reference counting, allocation, deallocation,
 * the built-in non-exception type descriptors and the immortal constants.
 *
 * Invariants:
 *  - Static objects (None, True, False, types) and compiler constants are
 *    immortal (refcnt < 0); incref/decref never touch them.
 *  - In TAIPAN_DEBUG builds live_objects == heap objects allocated and not yet
 *    freed, minus those turned immortal.
 *  - Deallocation dispatches on the type id; there are no destructor
 *    function pointers. Functions and cells (func.c), exceptions (exc.c),
 *    generators (gen.c), traceback entries (traceback.c), user classes,
 *    their instances and the objects of class.c release their own fields; a traceback chain is freed iteratively. A generator may
 *    run code (its close) before it is freed, and may survive it.
 *  - An object of a gc-tracked type (type_tracked) is allocated with a
 *    GcHead in front of it and linked into gc.c's list; its body is zeroed
 *    so a collection that runs before the caller fills it in sees NULLs.
 *    obj_dealloc unlinks it BEFORE releasing its fields: a release can run
 *    code (a generator's close) that allocates and so collects, and a
 *    half-released object must not be seen by the collector (what it still
 *    holds then counts as referenced from outside, which is safe).
 *  - A collection can only start in obj_alloc of a tracked type, before the
 *    new object exists, so no object is ever seen half-linked.
 */
#include "taipan_internal.h"
#include <string.h>

#define STATIC_HEADER(type_ptr) {IMMORTAL_REFCNT, (type_ptr)}
#define DEFINE_TYPE(var, pyname, type_id, base_ptr) \
    Type var = {STATIC_HEADER(&type_type), pyname, type_id, base_ptr, 0}

DEFINE_TYPE(type_type, "type", TYPE_ID_TYPE, NULL);
DEFINE_TYPE(type_none, "NoneType", TYPE_ID_NONE, NULL);
DEFINE_TYPE(type_int, "int", TYPE_ID_INT, NULL);
DEFINE_TYPE(type_bool, "bool", TYPE_ID_BOOL, &type_int);
DEFINE_TYPE(type_float, "float", TYPE_ID_FLOAT, NULL);
DEFINE_TYPE(type_str, "str", TYPE_ID_STR, NULL);
DEFINE_TYPE(type_function, "function", TYPE_ID_FUNCTION, NULL);
DEFINE_TYPE(type_cell, "cell", TYPE_ID_CELL, NULL);

Obj none_object = STATIC_HEADER(&type_none);
BoolObj true_object = {STATIC_HEADER(&type_bool), 1, {1}};
BoolObj false_object = {STATIC_HEADER(&type_bool), 0, {0}};

#ifdef TAIPAN_DEBUG
static int32_t live_objects;
#endif

void live_count_adjust(int32_t delta) {
#ifdef TAIPAN_DEBUG
    live_objects += delta;
#else
    (void)delta;
#endif
}

int32_t rt_live_objects(void) {
#ifdef TAIPAN_DEBUG
    return live_objects;
#else
    return 0;
#endif
}

Obj *rt_none(void) { return &none_object; }
Obj *rt_true(void) { return (Obj *)&true_object; }
Obj *rt_false(void) { return (Obj *)&false_object; }

void rt_incref(Obj *o) {
    if (o && !is_small_int(o) && o->refcnt >= 0)
        o->refcnt++;
}

void rt_decref(Obj *o) {
    if (o && !is_small_int(o) && o->refcnt >= 0 && --o->refcnt == 0)
        obj_dealloc(o);
}

void rt_dealloc(Obj *o) {
    obj_dealloc(o);
}

bool type_is_subtype(const Type *t, const Type *base) {
    if (base == &type_object)
        return true; /* every type derives from object */
    if (type_is_user_class(t)) { /* multiple inheritance: the MRO, not the base chain */
        const ClassObj *c = (const ClassObj *)t;
        for (int32_t i = 0; i < c->mro_length; i++)
            if (c->mro[i] == base)
                return true;
        return false;
    }
    for (; t; t = t->base)
        if (t == base)
            return true;
    return false;
}

/* The tracked path: head + object in one block. It only counts toward the
 * next collection; collections run at the compiled code's safepoints
 * (rt_gc_poll), never inside runtime code that may hold containers in an
 * intermediate state. Out of line so the untracked path stays small. */
__attribute__((noinline)) static Obj *alloc_tracked(const Type *type, uint32_t size, bool raise) {
    GcHead *h = (GcHead *)heap_alloc(size + (uint32_t)sizeof(GcHead));
    if (!h) {
        if (raise)
            err_no_memory();
        return NULL;
    }
    Obj *o = gc_obj_of(h);
    memset((char *)o + sizeof(Obj), 0, size - sizeof(Obj));
    gc_link(h);
    gc_pending++;
    o->refcnt = 1;
    o->type = type;
    live_count_adjust(1);
    return o;
}

Obj *obj_alloc(const Type *type, uint32_t size) {
    if (type_tracked(type))
        return alloc_tracked(type, size, true);
    Obj *o = (Obj *)heap_alloc(size);
    if (!o) {
        err_no_memory();
        return NULL;
    }
    o->refcnt = 1;
    o->type = type;
    live_count_adjust(1);
    return o;
}

Obj *obj_alloc_quiet(const Type *type, uint32_t size) {
    if (type_tracked(type))
        return alloc_tracked(type, size, false);
    Obj *o = (Obj *)heap_alloc(size);
    if (o) {
        o->refcnt = 1;
        o->type = type;
        live_count_adjust(1);
    }
    return o;
}

/* Tracked objects are untracked for good: immortal ones are never freed
 * and never collected (the collector skips refcnt < 0). */
void obj_make_immortal(Obj *o) {
    if (o && !is_small_int(o) && o->refcnt >= 0) {
        if (type_tracked(o->type))
            gc_unlink(gc_head_of(o));
        o->refcnt = IMMORTAL_REFCNT;
        live_count_adjust(-1);
    }
}

void obj_untrack_for_free(Obj *o) {
    gc_unlink(gc_head_of(o));
    if (gc_pending > 0)
        gc_pending--;
}

void obj_free_memory(Obj *o, uint32_t size) {
    live_count_adjust(-1);
    if (type_tracked(o->type)) {
        obj_untrack_for_free(o);
        heap_free(gc_head_of(o), size + (uint32_t)sizeof(GcHead));
    } else {
        heap_free(o, size);
    }
}

/* A tracked object: unlinked before its fields are released (see the
 * header comment), then freed with its GcHead. */
__attribute__((noinline)) static void dealloc_tracked(Obj *o) {
    uint32_t size;
    TypeId id = (TypeId)o->type->id;
    if (id == TYPE_ID_GENERATOR && !gen_finalize(o)) /* gen.c: a suspended generator is closed first */
        return;
    if (type_is_user_class(o->type)) {
        taipan_classes(CLASSES_HOOK_DEALLOC_INSTANCE, o); /* class.c: classes_dealloc_instance */
        return;
    }
    obj_untrack_for_free(o);
    switch (id) {
    case TYPE_ID_FUNCTION:
        size = func_release(o); /* func.c */
        break;
    case TYPE_ID_CELL:
        size = cell_release(o);
        break;
    case TYPE_ID_GENERATOR:
        size = gen_release(o);
        break;
    case TYPE_ID_TRACEBACK:
        size = traceback_release(o); /* traceback.c: frees the rest of the chain iteratively */
        break;
    case TYPE_ID_BUILTIN_METHOD:
        /* made by rt_getattr even in programs without classes (lst.append),
         * so freed here rather than through taipan.classes */
        size = builtin_method_release(o); /* methods.c */
        break;
    case TYPE_ID_TYPE: /* a user class (static types are immortal) */
    case TYPE_ID_OBJECT:
    case TYPE_ID_METHOD:
    case TYPE_ID_STATICMETHOD:
    case TYPE_ID_CLASSMETHOD:
    case TYPE_ID_PROPERTY:
    case TYPE_ID_SUPER:
    case TYPE_ID_SLOT_METHOD:
        size = (uint32_t)taipan_classes(CLASSES_HOOK_RELEASE, o); /* class.c */
        break;
    default:
        size = is_exception_type_id(id) ? exc_release(o) : container_release(o);
        break;
    }
    live_count_adjust(-1);
    heap_free(gc_head_of(o), size + (uint32_t)sizeof(GcHead));
}

/* Kept out of line so rt_decref stays small enough to inline everywhere. */
__attribute__((noinline)) void obj_dealloc(Obj *o) {
    uint32_t size;
    if (type_tracked(o->type)) {
        dealloc_tracked(o);
        return;
    }
    switch ((TypeId)o->type->id) {
    case TYPE_ID_INT:
    case TYPE_ID_BOOL: {
        int32_t digits = ((const IntObj *)o)->size;
        size = int_alloc_size(digits < 0 ? -digits : digits);
        break;
    }
    case TYPE_ID_FLOAT:
        size = sizeof(FloatObj);
        break;
    case TYPE_ID_STR: {
        const StrObj *s = (const StrObj *)o;
        size = str_alloc_size(s->length, s->kind);
        break;
    }
    case TYPE_ID_TYPE:
    case TYPE_ID_NONE:
        return; /* static; cannot reach zero unless refcounts are broken */
    case TYPE_ID_FILE:
        size = file_release(o); /* fileio.c: flushes and closes it */
        break;
    default:
        if (is_container_type_id(o->type->id)) { /* range, bytes, the untracked iterators */
            size = container_release(o);
            break;
        }
        return; /* no other kind is heap-allocated */
    }
    live_count_adjust(-1);
    heap_free(o, size);
}

Obj *rt_const_int(int64_t v) {
    Obj *o = int_from_i64(v);
    obj_make_immortal(o);
    return o;
}

Obj *rt_const_float(double v) {
    Obj *o = float_from_double(v);
    obj_make_immortal(o);
    return o;
}

Obj *rt_const_str(const char *utf8, int32_t nbytes) {
    Obj *o = str_from_utf8(utf8, nbytes);
    obj_make_immortal(o);
    return o;
}
