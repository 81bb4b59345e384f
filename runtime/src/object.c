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
 *    generators (gen.c) and traceback entries (traceback.c) release their
 *    own fields; a traceback chain is freed iteratively. A generator may
 *    run code (its close) before it is freed, and may survive it.
 */
#include "taipan_internal.h"

#define STATIC_HEADER(type_ptr) {IMMORTAL_REFCNT, (type_ptr)}
#define DEFINE_TYPE(var, pyname, type_id, base_ptr) \
    Type var = {STATIC_HEADER(&type_type), pyname, type_id, base_ptr}

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
    for (; t; t = t->base)
        if (t == base)
            return true;
    return false;
}

Obj *obj_alloc(const Type *type, uint32_t size) {
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

void obj_make_immortal(Obj *o) {
    if (o && !is_small_int(o) && o->refcnt >= 0) {
        o->refcnt = IMMORTAL_REFCNT;
        live_count_adjust(-1);
    }
}

/* Kept out of line so rt_decref stays small enough to inline everywhere. */
__attribute__((noinline)) void obj_dealloc(Obj *o) {
    uint32_t size;
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
    case TYPE_ID_FUNCTION:
        size = func_release(o); /* func.c */
        break;
    case TYPE_ID_CELL:
        size = cell_release(o);
        break;
    case TYPE_ID_GENERATOR:
        if (!gen_finalize(o)) /* gen.c: a suspended generator is closed first */
            return;
        size = gen_release(o);
        break;
    case TYPE_ID_TYPE:
    case TYPE_ID_NONE:
        return; /* static; cannot reach zero unless refcounts are broken */
    case TYPE_ID_TRACEBACK:
        size = traceback_release(o); /* traceback.c: frees the rest of the chain iteratively */
        break;
    default:
        if (is_container_type_id(o->type->id)) {
            size = container_release(o);
            break;
        }
        if (is_exception_type_id(o->type->id)) {
            size = exc_release(o);
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
