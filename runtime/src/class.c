/*
 * class.c — user classes (issue 5): class objects (rt_class_new: C3 MRO,
 * layout, __slots__, __set_name__, __init_subclass__), instances and their
 * shape-indexed attribute storage, the attribute protocol (descriptors,
 * property, staticmethod, classmethod, bound methods, __getattr__ and
 * __getattribute__/__setattr__/__delattr__ overrides), super, the builtin
 * methods of object and BaseException reachable as values, instantiation,
 * `with`, the builtins getattr/setattr/hasattr/delattr/vars/super/property/
 * staticmethod/classmethod/object, and the special-method lookup every
 * protocol uses (special_lookup/special_call, contract in taipan_internal.h).
 *
 * Invariants:
 *  - A class is a ClassObj (starts with Type; header type &type_type, id =
 *    the layout TypeId). It owns its name/qualname strs, bases tuple, dict,
 *    shape dict and the C copy of its name. Its MRO is an array of borrowed
 *    Type pointers: mro[0] is the class itself (no self-reference cycle) and
 *    every other entry is kept alive by the bases (transitively).
 *  - Every instance holds a reference to its class (o->type), dropped only
 *    after the instance's memory is freed (object.c).
 *  - Instance attributes live in InstanceSlots: values indexed by the
 *    class's shape (a dict name -> index that only grows, so an index never
 *    changes meaning), or, once __dict__ was asked for, in a real dict for
 *    good (__slots__ values stay in the array). A NULL value is an unset
 *    attribute.
 *  - Builtin behaviour reached through a builtin method value (object.__init__,
 *    BaseException.__str__, super().__repr__ ...) never re-dispatches to the
 *    method of the same name a user class defines, so it cannot recurse.
 *  - Special-method lookup goes through the class MRO only, never the
 *    instance; names are interned once (immortal strs), so a lookup is a few
 *    dict probes with cached hashes.
 *  - Any assignment to a class attribute bumps class_epoch, which
 *    invalidates the per-class caches (hook flags, MRO lookups) of every
 *    class, subclasses included.
 *  - Layouts: object (nothing but InstanceSlots), an exception (ExcObj
 *    first), dict or list (their object first, so dict.c/list.c work on the
 *    instance by type id), float (its object first), int, str, tuple or
 *    bytes (the whole value first, InstanceSlots after its variable data:
 *    value_slots_offset). The layout's own members are found at its place
 *    in the MRO: its slots (builtin_defines; layout_slots.c's special
 *    methods) and the builtin methods of methods.c's member tables
 *    (builtin_provides), which are called by type id, never through the
 *    user class.
 *  - Deallocation, the collector and the uncaught report are linked into
 *    every program: from there only special_lookup (a str-only probe of the
 *    class dicts), special_call_function0 and the "Did you mean" search
 *    (attribute_suggestion) are reachable, never the descriptor machinery
 *    (see README "Classes", Linking).
 */
#include "taipan_internal.h"
#include <string.h>

#define STATIC_TYPE(var, pyname, id) Type var = {{IMMORTAL_REFCNT, &type_type}, pyname, id, NULL, 0}
STATIC_TYPE(type_object, "object", TYPE_ID_OBJECT);
STATIC_TYPE(type_not_implemented, "NotImplementedType", TYPE_ID_NOT_IMPLEMENTED);
STATIC_TYPE(type_ellipsis, "ellipsis", TYPE_ID_ELLIPSIS);
static Obj ellipsis_object = {IMMORTAL_REFCNT, &type_ellipsis};
Obj *rt_ellipsis(void) { return &ellipsis_object; }
STATIC_TYPE(type_method, "method", TYPE_ID_METHOD);
STATIC_TYPE(type_staticmethod, "staticmethod", TYPE_ID_STATICMETHOD);
STATIC_TYPE(type_classmethod, "classmethod", TYPE_ID_CLASSMETHOD);
STATIC_TYPE(type_property, "property", TYPE_ID_PROPERTY);
STATIC_TYPE(type_super, "super", TYPE_ID_SUPER);
STATIC_TYPE(type_slot_wrapper, "wrapper_descriptor", TYPE_ID_SLOT_METHOD);
STATIC_TYPE(type_method_wrapper, "method-wrapper", TYPE_ID_SLOT_METHOD);

Obj not_implemented_object = {-1, &type_not_implemented};
Obj *rt_not_implemented(void) { return &not_implemented_object; }

static uint32_t class_epoch = 1;

/* Cached per-class answers: which attribute hooks a user class overrides. */
#define HOOK_GETATTR 1
#define HOOK_GETATTRIBUTE 2
#define HOOK_SETATTR 4
#define HOOK_DELATTR 8
#define HOOK_DEL 16
#define HOOK_VALID 0x40000000

#define C(o) ((ClassObj *)(o))

static inline bool is_user_class_obj(const Obj *o) {
    return !is_small_int(o) && o->type->id == TYPE_ID_TYPE && type_is_user_class((const Type *)o);
}
static inline bool is_type_obj(const Obj *o) { return type_id_of(o) == TYPE_ID_TYPE; }

/* ---- builtin methods of object and BaseException ------------------------- */

static const char *const slot_names[SLOT_COUNT] = {
    "__init__", "__new__", "__repr__", "__str__", "__hash__", "__eq__", "__ne__", "__lt__", "__le__", "__gt__",
    "__ge__", "__format__", "__getattribute__", "__setattr__", "__delattr__", "__init_subclass__",
    "__subclasshook__", "__reduce__", "__reduce_ex__", "__sizeof__", "__dir__", "__setstate__",
    "__with_traceback__",
    "__add__", "__radd__", "__sub__", "__rsub__", "__mul__", "__rmul__", "__truediv__", "__rtruediv__",
    "__floordiv__", "__rfloordiv__", "__mod__", "__rmod__", "__pow__", "__rpow__", "__lshift__", "__rlshift__",
    "__rshift__", "__rrshift__", "__and__", "__rand__", "__or__", "__ror__", "__xor__", "__rxor__",
    "__divmod__", "__rdivmod__", "__neg__", "__pos__", "__abs__", "__invert__", "__bool__", "__int__",
    "__float__", "__index__", "__round__", "__trunc__", "__floor__", "__ceil__", "__getnewargs__", "__len__",
    "__getitem__", "__contains__", "__iter__", "__bytes__", "__setitem__", "__delitem__", "__reversed__",
    "__iadd__", "__imul__", "__ior__", "__call__"};

static int32_t slot_of_cstr(const char *name) {
    if (name[0] == '_' && name[1] == '_') {
        for (int32_t i = 0; i < SLOT_COUNT; i++)
            if (i != SLOT_WITH_TRACEBACK && strcmp(name, slot_names[i]) == 0)
                return i;
        if (strcmp(name, "__class__") == 0)
            return NAME_CLASS;
        if (strcmp(name, "__doc__") == 0)
            return NAME_DOC;
        if (strcmp(name, "__traceback__") == 0 || strcmp(name, "__cause__") == 0 ||
            strcmp(name, "__context__") == 0 || strcmp(name, "__suppress_context__") == 0)
            return NAME_EXC_MEMBER;
        return NAME_NONE;
    }
    if (strcmp(name, "with_traceback") == 0)
        return SLOT_WITH_TRACEBACK;
    if (strcmp(name, "args") == 0)
        return NAME_EXC_MEMBER;
    return NAME_NONE;
}

/* The same for a str name (NAME_NONE quickly for ordinary names). */
static int32_t slot_of(Obj *name) {
    const StrObj *s = (const StrObj *)name;
    if (s->kind != 1 || s->length < 4 || s->length > 24)
        return NAME_NONE;
    char buf[25];
    memcpy(buf, s->data, (size_t)s->length);
    buf[s->length] = '\0';
    if (buf[0] != '_' && buf[0] != 'a' && buf[0] != 'w')
        return NAME_NONE;
    return slot_of_cstr(buf);
}

/* Whether builtin (static) type t defines `slot` itself, in CPython's
 * sense of the name being in t.__dict__ (close enough for MRO decisions). */
static bool builtin_defines(const Type *t, int32_t slot) {
    if (slot == NAME_NONE)
        return false;
    if (t == &type_object)
        return slot < SLOT_OBJECT_COUNT || slot == NAME_CLASS || slot == NAME_DOC;
    if (t == &type_type) /* what a metaclass inherits from type (its super() calls reach these) */
        return slot == SLOT_NEW || slot == SLOT_INIT || slot == SLOT_CALL || slot == SLOT_REPR ||
               slot == SLOT_GETATTRIBUTE || slot == SLOT_SETATTR || slot == SLOT_DELATTR || slot == NAME_DOC;
    if (is_exception_type(t)) {
        if (slot == SLOT_INIT || slot == SLOT_NEW || slot == NAME_DOC)
            return true;
        if (t == &type_base_exception)
            return slot == SLOT_REPR || slot == SLOT_STR || slot == SLOT_REDUCE || slot == SLOT_SETSTATE ||
                   slot == SLOT_WITH_TRACEBACK || slot == NAME_EXC_MEMBER || slot == SLOT_GETATTRIBUTE ||
                   slot == SLOT_SETATTR || slot == SLOT_DELATTR;
        return false;
    }
    if (is_builtin_layout_id(t->id)) /* the bases with a builtin value or container layout */
        return slot == NAME_DOC || (slot >= 0 && slot < SLOT_COUNT && layout_defines(t->id, slot));
    return slot == NAME_DOC;
}

static inline bool is_container_layout(int32_t id) { return id == TYPE_ID_DICT || id == TYPE_ID_LIST; }

/* Whether static type t of a class's MRO answers name: it defines the slot
 * (a slot wrapper), or the builtin layout's member tables have it as a
 * builtin method (methods.c; list.__getitem__ and dict.__contains__ are
 * methods there, as in CPython). */
static bool builtin_provides(const Type *t, int32_t slot, Obj *name) {
    return builtin_defines(t, slot) ||
           (slot != NAME_CLASS && is_builtin_layout_id(t->id) && builtin_type_has_method(t, name));
}

/* ---- interned dunder names --------------------------------------------------
 * special_lookup receives C string literals; each distinct pointer maps to
 * one immortal str (with its hash cached) and its Slot. */
#define INTERN_SIZE 256
typedef struct InternEntry {
    const char *key;
    Obj *str;
    int32_t slot;
} InternEntry;
static InternEntry intern_table[INTERN_SIZE];

static InternEntry *intern(const char *name) {
    uint32_t h = (uint32_t)(((uintptr_t)name >> 2) * 2654435761u) >> 24;
    for (uint32_t k = 0; k < INTERN_SIZE; k++) {
        InternEntry *e = &intern_table[(h + k) & (INTERN_SIZE - 1)];
        if (e->key == name)
            return e;
        if (!e->key) {
            Obj *s = str_from_ascii(name);
            if (!s) {
                rt_err_clear();
                return NULL;
            }
            obj_make_immortal(s);
            e->key = name;
            e->str = s;
            e->slot = slot_of_cstr(name);
            return e;
        }
    }
    return NULL; /* full: callers fall back to a temporary str */
}

/* ---- lookup along the MRO -------------------------------------------------- */

/* d[name] (borrowed) or NULL, for a str name: a read-only probe of dict.c's
 * table (layout in runtime/README.md: index slots -1 empty, -2 deleted,
 * CPython's perturbed probing). Class, shape and instance dicts are looked
 * up here rather than with dict_lookup because dict_lookup's generic
 * hashing and == reach user __hash__/__eq__ (special_call and with it the
 * whole descriptor machinery): special_lookup must stay small, since the
 * paths every program links (dealloc, the collector, the uncaught report)
 * use it. A key that is not a str never equals a str name here. */
static Obj *dict_get(Obj *d, Obj *name) {
    DictObj *dict = (DictObj *)d;
    if (dict->index_size == 0)
        return NULL;
    int64_t hash = str_hash(name);
    uint32_t mask = (uint32_t)dict->index_size - 1;
    uint64_t perturb = (uint64_t)hash;
    uint32_t i = (uint32_t)hash & mask;
    for (;;) {
        int32_t slot = dict->index[i];
        if (slot == -1)
            return NULL;
        if (slot >= 0 && dict->entries[slot].hash == hash) {
            Obj *key = dict->entries[slot].key;
            if (key == name || (key && is_str(key) && str_equal(key, name)))
                return dict->entries[slot].value;
        }
        perturb >>= 5;
        i = (uint32_t)(i * 5 + perturb + 1) & mask;
    }
}

/* The value of `name` on class c (borrowed): the first class of the MRO
 * whose dict has it. *owner: the builtin type that defines it first (then
 * NULL is returned), else NULL; with slot NAME_NONE, that owner's builtin
 * method (list.append for a list subclass). */
static Obj *class_lookup(const ClassObj *c, Obj *name, int32_t slot, const Type **owner) {
    *owner = NULL;
    for (int32_t i = 0; i < c->mro_length; i++) {
        const Type *t = c->mro[i];
        if (type_is_user_class(t)) {
            Obj *v = dict_get(C(t)->dict, name);
            if (v)
                return v;
        } else if (builtin_provides(t, slot, name)) {
            *owner = t;
            return NULL;
        }
    }
    return NULL;
}

/* The builtin type of a static type's MRO that defines slot (object last). */
static const Type *builtin_owner_of(const Type *t, int32_t slot) {
    for (; t; t = t->base)
        if (builtin_defines(t, slot))
            return t;
    return builtin_defines(&type_object, slot) ? &type_object : NULL;
}

/* ---- the per-class lookup cache ---------------------------------------------
 * Attribute names in compiled code are immortal constants, so their address
 * identifies them for good: a small direct-mapped cache per class keeps the
 * answer of class_lookup (valid while class_epoch is unchanged: any class
 * attribute assignment bumps it) and the shape index (valid forever once
 * known: shapes only grow). Mortal names are not cached (their address may
 * be reused by another string). */
#define LOOKUP_CACHE_SIZE 32
typedef struct LookupCacheEntry {
    Obj *name;           /* immortal str, or NULL */
    Obj *value;          /* class_lookup's answer (borrowed) */
    const Type *owner;   /* its builtin owner */
    int32_t slot;        /* slot_of(name) */
    int32_t shape_index; /* -1 = not known yet */
    uint32_t epoch;      /* class_epoch when value/owner were computed */
    int32_t unused;
} LookupCacheEntry;

static LookupCacheEntry *cache_entry(ClassObj *c, Obj *name) {
    if (name->refcnt >= 0)
        return NULL;
    if (!c->lookup_cache) {
        uint32_t bytes = LOOKUP_CACHE_SIZE * (uint32_t)sizeof(LookupCacheEntry);
        c->lookup_cache = (LookupCacheEntry *)heap_alloc(bytes);
        if (!c->lookup_cache)
            return NULL;
        memset(c->lookup_cache, 0, bytes);
    }
    LookupCacheEntry *e = &c->lookup_cache[((uintptr_t)name >> 3) & (LOOKUP_CACHE_SIZE - 1)];
    if (e->name != name) {
        e->name = name;
        e->slot = slot_of(name);
        e->shape_index = -1;
        e->epoch = class_epoch - 1;
    }
    if (e->epoch != class_epoch) {
        e->value = class_lookup(c, name, e->slot, &e->owner);
        e->epoch = class_epoch;
    }
    return e;
}

/* class_lookup through the cache when it can. */
static Obj *cached_lookup(ClassObj *c, Obj *name, int32_t *slot, const Type **owner) {
    LookupCacheEntry *e = cache_entry(c, name);
    if (e) {
        *slot = e->slot;
        *owner = e->owner;
        return e->value;
    }
    *slot = slot_of(name);
    return class_lookup(c, name, *slot, owner);
}

Obj *special_lookup(const Obj *o, const char *name) {
    if (is_small_int(o) || !type_is_user_class(o->type))
        return NULL;
    InternEntry *e = intern(name);
    if (!e)
        return NULL;
    LookupCacheEntry *ce = cache_entry(C(o->type), e->str);
    if (ce)
        return ce->value;
    const Type *owner;
    return class_lookup(C(o->type), e->str, e->slot, &owner);
}

static uint32_t class_hooks(ClassObj *c);
static void record_attribute_error(Obj *obj, Obj *name);
static bool note_abstract(ClassObj *c, Obj *value);

/* ---- small constructors ---------------------------------------------------- */

static Obj *method_new(Obj *func, Obj *self) {
    MethodObj *m = (MethodObj *)obj_alloc(&type_method, sizeof(MethodObj));
    if (!m)
        return NULL;
    m->func = new_ref(func);
    m->self = new_ref(self);
    return (Obj *)m;
}

Obj *bound_method_new(Obj *func, Obj *self) { return method_new(func, self); }

static Obj *slot_method_new(int32_t slot, const Type *owner, Obj *self) {
    SlotMethodObj *m = (SlotMethodObj *)obj_alloc(self ? &type_method_wrapper : &type_slot_wrapper,
                                                  sizeof(SlotMethodObj));
    if (!m)
        return NULL;
    m->self = self ? new_ref(self) : NULL;
    m->slot = slot;
    m->owner = owner;
    return (Obj *)m;
}

static Obj *wrapper_new(const Type *type, Obj *func) {
    WrapperObj *w = (WrapperObj *)obj_alloc(type, sizeof(WrapperObj));
    if (!w)
        return NULL;
    w->func = new_ref(func);
    return (Obj *)w;
}

int32_t class_object_fields(Obj *o, Obj ***first) {
    *first = (Obj **)((char *)o + sizeof(Obj));
    switch ((TypeId)o->type->id) {
    case TYPE_ID_METHOD: return 2;
    case TYPE_ID_STATICMETHOD:
    case TYPE_ID_CLASSMETHOD: return 1;
    case TYPE_ID_PROPERTY: return 5;
    case TYPE_ID_SUPER: return 3;
    case TYPE_ID_SLOT_METHOD: return 1;
    case TYPE_ID_BUILTIN_METHOD: return 2; /* self, name */
    default: return 0;
    }
}

uint32_t class_object_release(Obj *o) {
    Obj **fields;
    int32_t n = class_object_fields(o, &fields);
    for (int32_t i = 0; i < n; i++) {
        Obj *v = fields[i];
        fields[i] = NULL;
        rt_decref(v);
    }
    switch ((TypeId)o->type->id) {
    case TYPE_ID_METHOD: return sizeof(MethodObj);
    case TYPE_ID_STATICMETHOD:
    case TYPE_ID_CLASSMETHOD: return sizeof(WrapperObj);
    case TYPE_ID_PROPERTY: return sizeof(PropertyObj);
    case TYPE_ID_SUPER: return sizeof(SuperObj);
    case TYPE_ID_SLOT_METHOD: return sizeof(SlotMethodObj);
    case TYPE_ID_BUILTIN_METHOD: return sizeof(BuiltinMethodObj);
    default: return sizeof(Obj); /* object() */
    }
}

/* ---- calling with self prepended ----------------------------------------- */

/* callable(self, *argv) for any callable: compiled functions bind directly. */
static Obj *call_prepended(Obj *callable, Obj *self, Obj *const *argv, int32_t nargs, Obj *kwargs) {
    if (type_id_of(callable) == TYPE_ID_FUNCTION)
        return func_call_self(callable, self, argv, nargs, NULL, kwargs);
    Obj *args = tuple_new(nargs + (self != NULL));
    if (!args)
        return NULL;
    int32_t k = 0;
    if (self)
        ((TupleObj *)args)->items[k++] = new_ref(self);
    for (int32_t i = 0; i < nargs; i++)
        ((TupleObj *)args)->items[k++] = new_ref(argv[i]);
    Obj *r = rt_call(callable, args, kwargs);
    rt_decref(args);
    return r;
}

static Obj *call_args(Obj *callable, Obj *const *argv, int32_t nargs) {
    return call_prepended(callable, NULL, argv, nargs, NULL);
}

Obj *call_function_or_method(Obj *callable, Obj *const *argv, int32_t nargs) {
    if (type_id_of(callable) == TYPE_ID_METHOD) {
        MethodObj *m = (MethodObj *)callable;
        return call_prepended(m->func, m->self, argv, nargs, NULL);
    }
    return call_prepended(callable, NULL, argv, nargs, NULL);
}

static Obj *descr_get(Obj *attr, Obj *obj, Obj *owner_type);
static Obj *slot_call(int32_t slot, const Type *owner, Obj *self, Obj *const *argv, int32_t nargs, Obj *kwargs);

static Obj *special_call_uncounted(Obj *o, Obj *attr, int32_t nargs, Obj *const *args) {
    switch (type_id_of(attr)) {
    case TYPE_ID_FUNCTION: return func_call_self(attr, o, args, nargs, NULL, NULL);
    case TYPE_ID_STATICMETHOD: return call_args(((WrapperObj *)attr)->func, args, nargs);
    case TYPE_ID_CLASSMETHOD:
        return call_prepended(((WrapperObj *)attr)->func, (Obj *)type_of(o), args, nargs, NULL);
    case TYPE_ID_SLOT_METHOD:
        if (!((SlotMethodObj *)attr)->self)
            return slot_call(((SlotMethodObj *)attr)->slot, ((SlotMethodObj *)attr)->owner, o, args, nargs, NULL);
        break;
    default: break;
    }
    if (type_id_of(attr) == TYPE_ID_NONE) {
        /* `__hash__ = None` and friends: calling the None the class set */
        err_format(&type_type_error, "'NoneType' object is not callable");
        return NULL;
    }
    Obj *bound = descr_get(attr, o, (Obj *)type_of(o));
    if (!bound)
        return NULL;
    Obj *r = call_args(bound, args, nargs);
    rt_decref(bound);
    return r;
}

/* A special method called by the runtime counts as one more frame, as
 * CPython counts some of its C-level recursion: a recursion through
 * __getattr__, __repr__, __eq__ & co stacks several runtime frames per
 * Python level, and without this wasmtime's default 512 KiB wasm stack
 * would overflow (a trap) before the RecursionError. */
Obj *special_call(Obj *o, Obj *attr, int32_t nargs, Obj *const *args) {
    if (rt_enter() < 0)
        return NULL;
    Obj *r = special_call_uncounted(o, attr, nargs, args);
    rt_leave();
    return r;
}

Obj *special_call_by_name(Obj *o, const char *name, int32_t nargs, Obj *const *args, bool *found) {
    Obj *attr = special_lookup(o, name);
    *found = attr != NULL;
    return attr ? special_call(o, attr, nargs, args) : NULL;
}

Obj *special_method_call(Obj *o, const char *name, int32_t nargs, Obj *const *args, bool *found) {
    *found = false;
    InternEntry *e = is_user_instance(o) ? intern(name) : NULL;
    if (!e)
        return NULL;
    int32_t slot;
    const Type *owner;
    Obj *attr = cached_lookup(C(o->type), e->str, &slot, &owner);
    if (attr) {
        *found = true;
        return special_call(o, attr, nargs, args);
    }
    if (owner && is_builtin_layout_id(owner->id) && slot >= SLOT_ADD && slot < SLOT_COUNT) {
        *found = true;
        return layout_slot_call(slot, owner, o, args, nargs, NULL); /* int.__add__ ... */
    }
    return NULL;
}

/* ---- descriptors ------------------------------------------------------------ */

static bool user_defines(Obj *o, const char *name) { return special_lookup(o, name) != NULL; }

/* A data descriptor takes precedence over the instance's own attributes. */
static bool is_data_descriptor(Obj *attr) {
    if (type_id_of(attr) == TYPE_ID_PROPERTY)
        return true;
    return is_user_instance(attr) && (user_defines(attr, "__set__") || user_defines(attr, "__delete__"));
}

/* attr found on a class, accessed through obj (NULL: through the class
 * owner_type itself). New reference. */
static Obj *descr_get(Obj *attr, Obj *obj, Obj *owner_type) {
    switch (type_id_of(attr)) {
    case TYPE_ID_FUNCTION: return obj ? method_new(attr, obj) : new_ref(attr);
    case TYPE_ID_CLASSMETHOD: return method_new(((WrapperObj *)attr)->func, owner_type);
    case TYPE_ID_STATICMETHOD: return new_ref(((WrapperObj *)attr)->func);
    case TYPE_ID_PROPERTY: {
        PropertyObj *p = (PropertyObj *)attr;
        if (!obj)
            return new_ref(attr);
        if (!p->fget || p->fget == rt_none()) {
            if (p->name && is_str(p->name))
                err_format(&type_attribute_error, "property '%S' of '%T' object has no getter", p->name, obj);
            else
                err_format(&type_attribute_error, "property of '%T' object has no getter", obj);
            return NULL;
        }
        return call_args(p->fget, &obj, 1);
    }
    case TYPE_ID_SLOT_METHOD: {
        SlotMethodObj *m = (SlotMethodObj *)attr;
        if (!obj || m->self)
            return new_ref(attr);
        return slot_method_new(m->slot, m->owner, obj);
    }
    default: break;
    }
    if (is_user_instance(attr)) {
        Obj *get = special_lookup(attr, "__get__");
        if (get) {
            Obj *argv[2] = {obj ? obj : rt_none(), owner_type};
            return special_call(attr, get, 2, argv);
        }
    }
    return new_ref(attr);
}

/* ---- instances -------------------------------------------------------------- */

static Obj **inline_values(InstanceSlots *s) { return (Obj **)(s + 1); }

static uint32_t instance_size(const ClassObj *c, int32_t inline_capacity) {
    return c->slots_offset + (uint32_t)sizeof(InstanceSlots) + (uint32_t)inline_capacity * (uint32_t)sizeof(Obj *);
}

/* The inline value area an instance of c starts with (it may grow later). */
static int32_t initial_capacity(const ClassObj *c) { return c->shape_length < 16 ? c->shape_length : 16; }

/* The allocation size of instance o (its slots s): whatever precedes the
 * slots, the slots and their inline area. */
static uint32_t instance_bytes(Obj *o, InstanceSlots *s) {
    return (uint32_t)((char *)s - (char *)o) + (uint32_t)sizeof(InstanceSlots) +
           (uint32_t)s->inline_capacity * (uint32_t)sizeof(Obj *);
}

static void slots_init(InstanceSlots *s, int32_t cap) {
    s->values = inline_values(s);
    s->capacity = cap;
    s->inline_capacity = (int16_t)cap;
}

/* A new instance of user class c with its layout's fields zeroed. */
static Obj *instance_alloc(ClassObj *c) {
    int32_t cap = initial_capacity(c);
    Obj *o = obj_alloc(&c->type, instance_size(c, cap));
    if (!o)
        return NULL;
    memset((char *)o + sizeof(Obj), 0, instance_size(c, cap) - sizeof(Obj)); /* untracked layouts too */
    rt_incref((Obj *)c);
    slots_init(instance_slots(o), cap);
    return o;
}

/* ---- instances of the value layouts (int, float, str, tuple, bytes) ---------
 * The value's own fields come first, exactly as in a builtin object of the
 * layout (so int.c, str.c ... read the instance in place), then the
 * InstanceSlots: at a fixed offset for float, after the value's variable
 * data (rounded up to 8 bytes) for the others. An int value is stored
 * boxed even when small: size 0 (zero) or one digit, like bool's payload. */

static uint32_t round_up8(uint32_t n) { return (n + 7u) & ~7u; }

/* Bytes of the value fields of an int/str/tuple/bytes layout object. */
static uint32_t value_fields_size(const Obj *o) {
    switch ((TypeId)o->type->id) {
    case TYPE_ID_INT: {
        int32_t size = ((const IntObj *)o)->size;
        return int_alloc_size(size < 0 ? -size : size);
    }
    case TYPE_ID_STR: return str_alloc_size(((const StrObj *)o)->length, ((const StrObj *)o)->kind);
    case TYPE_ID_TUPLE:
        return (uint32_t)offsetof(TupleObj, items) + (uint32_t)((const TupleObj *)o)->length * (uint32_t)sizeof(Obj *);
    default: return bytes_alloc_size(((const BytesObj *)o)->length);
    }
}

uint32_t value_slots_offset(const Obj *o) { return round_up8(value_fields_size(o)); }

Obj *value_instance_new(const Type *cls, Obj *value) {
    ClassObj *c = C(cls);
    int32_t cap = initial_capacity(c);
    uint32_t offset = c->slots_offset;
    int32_t id = c->type.id, digits = 0, digit0 = 0;
    if (id == TYPE_ID_INT && is_small_int(value)) { /* boxed: sign and one digit, or nothing for zero */
        int32_t v = small_int_value(value);
        digits = v < 0 ? -1 : v > 0;
        digit0 = v < 0 ? -v : v;
        offset = round_up8(int_alloc_size(digits != 0));
    } else if (offset == SLOTS_AFTER_VALUE) {
        offset = value_slots_offset(value);
    }
    uint32_t size = offset + (uint32_t)sizeof(InstanceSlots) + (uint32_t)cap * (uint32_t)sizeof(Obj *);
    Obj *o = obj_alloc(&c->type, size); /* a user class is tracked: the body comes zeroed */
    if (!o)
        return NULL;
    switch ((TypeId)id) {
    case TYPE_ID_INT:
        if (is_small_int(value)) {
            ((IntObj *)o)->size = digits;
            if (digits)
                ((IntObj *)o)->digits[0] = (uint32_t)digit0;
        } else {
            memcpy((char *)o + sizeof(Obj), (char *)value + sizeof(Obj), value_fields_size(value) - sizeof(Obj));
        }
        break;
    case TYPE_ID_FLOAT: ((FloatObj *)o)->value = float_value(value); break;
    case TYPE_ID_TUPLE: {
        TupleObj *t = (TupleObj *)value;
        ((TupleObj *)o)->length = t->length;
        for (int32_t i = 0; i < t->length; i++)
            ((TupleObj *)o)->items[i] = new_ref(t->items[i]);
        break;
    }
    default: /* str and bytes: length, kind/padding, cached hash, data */
        memcpy((char *)o + sizeof(Obj), (char *)value + sizeof(Obj), value_fields_size(value) - sizeof(Obj));
        break;
    }
    rt_incref((Obj *)c);
    slots_init((InstanceSlots *)((char *)o + offset), cap);
    return o;
}

static Obj *instance_new_of(ClassObj *c, Obj *args) {
    Obj *o = instance_alloc(c);
    if (o && is_exception_type_id(c->type.id))
        ((ExcObj *)o)->args = new_ref(args ? args : tuple_new(0));
    return o;
}

uint32_t instance_release(Obj *o) {
    ClassObj *c = C(o->type);
    InstanceSlots *s = instance_slots(o);
    uint32_t size = instance_bytes(o, s);
    Obj **values = s->values;
    int32_t n = s->capacity;
    Obj *dict = s->dict;
    s->dict = NULL;
    s->capacity = 0;
    for (int32_t i = 0; i < n; i++)
        rt_decref(values[i]);
    if (values != inline_values(s))
        heap_free(values, (uint32_t)n * sizeof(Obj *));
    s->values = inline_values(s);
    rt_decref(dict);
    if (is_exception_type_id(c->type.id))
        exc_release(o);
    else if (is_container_layout(c->type.id) || c->type.id == TYPE_ID_TUPLE)
        container_release(o); /* the dict's table / the list's or tuple's items */
    return size;
}

/* Shape entries map a name to its index; a __slots__ name is stored as
 * -(index + 1): it stays in the values array even in dict mode (CPython
 * keeps slots out of __dict__). */
static int32_t shape_entry_index(Obj *v, bool *is_slot) {
    int32_t i = small_int_value(v);
    *is_slot = i < 0;
    return i < 0 ? -i - 1 : i;
}

/* The shape index of name in c, or -1. */
static int32_t shape_lookup(ClassObj *c, Obj *name, bool *is_slot) {
    LookupCacheEntry *e = name->refcnt < 0 && c->lookup_cache
                              ? &c->lookup_cache[((uintptr_t)name >> 3) & (LOOKUP_CACHE_SIZE - 1)]
                              : NULL;
    if (e && e->name == name && e->shape_index >= 0) {
        *is_slot = (e->shape_index & 0x40000000) != 0;
        return e->shape_index & 0x3FFFFFFF;
    }
    Obj *v = dict_get(c->shape, name);
    *is_slot = false;
    int32_t i = v ? shape_entry_index(v, is_slot) : -1;
    if (e && e->name == name && i >= 0)
        e->shape_index = i | (*is_slot ? 0x40000000 : 0);
    return i;
}

static int32_t shape_index(ClassObj *c, Obj *name) {
    bool is_slot;
    return shape_lookup(c, name, &is_slot);
}

/* The instance's own value for name (borrowed) or NULL. */
static Obj *instance_get(Obj *o, Obj *name) {
    InstanceSlots *s = instance_slots(o);
    bool is_slot = false;
    int32_t i = shape_lookup(C(o->type), name, &is_slot);
    if (s->dict && !is_slot)
        return dict_get(s->dict, name);
    return i >= 0 && i < s->capacity ? s->values[i] : NULL;
}

/* Whether the instance holds an attribute (not a __slots__ member) at a
 * shape index above i: adding the attribute at i would then break the
 * insertion order its __dict__ must show. */
static bool later_attribute_set(ClassObj *c, InstanceSlots *s, int32_t i) {
    bool any = false;
    for (int32_t j = i + 1; j < s->capacity && !any; j++)
        any = s->values[j] != NULL;
    if (!any)
        return false;
    DictObj *shape = (DictObj *)c->shape;
    for (int32_t e = 0; e < shape->entries_len; e++) {
        bool is_slot;
        if (!shape->entries[e].key)
            continue;
        int32_t k = shape_entry_index(shape->entries[e].value, &is_slot);
        if (!is_slot && k > i && k < s->capacity && s->values[k])
            return true;
    }
    return false;
}

static Obj *instance_dict(Obj *o);

/* Stores (value) or deletes (NULL) an instance attribute: 0, 1 = absent
 * (delete only), -1 error. */
static int32_t instance_put(Obj *o, Obj *name, Obj *value) {
    ClassObj *c = C(o->type);
    InstanceSlots *s = instance_slots(o);
    bool is_slot = false;
    int32_t i = shape_lookup(c, name, &is_slot);
    if (s->dict && !is_slot) {
        if (value)
            return dict_set(s->dict, name, value);
        int32_t r = dict_delete(s->dict, name);
        return r < 0 ? -1 : r == 1 ? 0 : 1;
    }
    if (i < 0) {
        if (!value)
            return 1;
        if (c->class_flags & CLASS_NO_DICT) {
            raise_no_attribute(o, name);
            return -1;
        }
        i = c->shape_length;
        if (dict_set(c->shape, name, small_int_make(i)) < 0)
            return -1;
        c->shape_length++;
    }
    if (value && !is_slot && i < s->capacity && !s->values[i] && later_attribute_set(c, s, i)) {
        /* A new attribute out of the shape's order: the instance moves to dict
         * storage, as CPython's split dict turns into a combined one. */
        Obj *d = instance_dict(o);
        return d ? dict_set(d, name, value) : -1;
    }
    if (i >= s->capacity) {
        if (!value)
            return 1;
        int32_t cap = s->capacity * 2 > i + 4 ? s->capacity * 2 : i + 4;
        Obj **grown = (Obj **)heap_alloc((uint32_t)cap * sizeof(Obj *));
        if (!grown) {
            err_no_memory();
            return -1;
        }
        for (int32_t k = 0; k < cap; k++)
            grown[k] = k < s->capacity ? s->values[k] : NULL;
        if (s->values != inline_values(s))
            heap_free(s->values, (uint32_t)s->capacity * sizeof(Obj *));
        else
            for (int32_t k = 0; k < s->capacity; k++)
                s->values[k] = NULL;
        s->values = grown;
        s->capacity = cap;
    }
    Obj *old = s->values[i];
    if (!value && !old)
        return 1;
    s->values[i] = value ? new_ref(value) : NULL;
    rt_decref(old);
    return 0;
}

/* Switches o to dict storage for good (CPython's __dict__ is live). */
static Obj *instance_dict(Obj *o) {
    InstanceSlots *s = instance_slots(o);
    if (s->dict)
        return s->dict;
    Obj *d = dict_new();
    if (!d)
        return NULL;
    DictObj *shape = (DictObj *)C(o->type)->shape;
    for (int32_t e = 0; e < shape->entries_len; e++) {
        Obj *key = shape->entries[e].key;
        bool is_slot;
        if (!key)
            continue;
        int32_t i = shape_entry_index(shape->entries[e].value, &is_slot);
        if (!is_slot && i < s->capacity && s->values[i] && dict_set(d, key, s->values[i]) < 0) {
            rt_decref(d);
            return NULL;
        }
    }
    s->dict = d;
    /* the moved values leave the array; __slots__ values stay there */
    for (int32_t e = 0; e < shape->entries_len; e++) {
        bool is_slot;
        if (!shape->entries[e].key)
            continue;
        int32_t i = shape_entry_index(shape->entries[e].value, &is_slot);
        if (!is_slot && i < s->capacity) {
            Obj *v = s->values[i];
            s->values[i] = NULL;
            rt_decref(v);
        }
    }
    return d;
}

static bool instance_has_dict(Obj *o) { return !(C(o->type)->class_flags & CLASS_NO_DICT); }

/* ---- __del__ ------------------------------------------------------------------ */

static Obj *function_description(Obj *f) {
    if (type_id_of(f) == TYPE_ID_FUNCTION)
        return func_repr(f);
    return str_from_ascii("<finalizer>");
}

/* attr(o) for a special method that is a plain compiled function, else
 * NULL with *called false. Deallocation, the collector and the uncaught
 * report use this instead of special_call: they are linked into every
 * program, and special_call reaches the whole descriptor machinery (and
 * through it every repr). A __del__/__str__ that is not a plain function
 * (a staticmethod, a callable instance) is not called there. */
Obj *special_call_function0(Obj *o, Obj *attr, bool *called) {
    *called = false;
    if (type_id_of(attr) != TYPE_ID_FUNCTION)
        return NULL;
    /* exactly `def m(self)`: the vector entry directly, no binder (the
     * binder's **kwargs dict would link the generic hashing) */
    const FuncCode *code = ((FuncObj *)attr)->code;
    if (code->argcount != 1 || code->kwonly != 0 || code->flags != 0)
        return NULL;
    *called = true;
    Obj *argv[1] = {o};
    if (rt_enter() < 0) /* counted as special_call counts */
        return NULL;
    Obj *r = platform_call_vector(code->vector_index, attr, argv);
    rt_leave();
    return r;
}

/* Calls __del__ with the pending exception set aside; errors are reported
 * as CPython's unraisable hook does. */
static void run_del(Obj *o, Obj *del) {
    Obj *saved = rt_exc_fetch(); /* NULL when nothing is pending */
    bool called;
    Obj *r = special_call_function0(o, del, &called);
    if (!called) {
        if (saved)
            rt_reraise(saved);
        return;
    }
    if (r) {
        rt_decref(r);
    } else {
        Obj *where = function_description(del);
        if (where) {
            report_unraisable(where);
            rt_decref(where);
        } else {
            rt_err_clear();
        }
    }
    if (saved)
        rt_reraise(saved);
}

bool instance_needs_finalize(Obj *o) {
    if (o->type->id == TYPE_ID_TYPE) /* a class made by a user metaclass: no __del__ of its own */
        return false;
    return !(instance_slots(o)->flags & INSTANCE_FINALIZED) && (class_hooks(C(o->type)) & HOOK_DEL);
}

void instance_gc_finalize(Obj *o) {
    instance_slots(o)->flags |= INSTANCE_FINALIZED;
    Obj *del = special_lookup(o, "__del__");
    if (del)
        run_del(o, del);
}

bool instance_finalize(Obj *o) {
    if (!instance_needs_finalize(o))
        return true;
    instance_slots(o)->flags |= INSTANCE_FINALIZED;
    Obj *del = special_lookup(o, "__del__");
    if (!del)
        return true;
    o->refcnt = 1; /* alive while __del__ runs */
    run_del(o, del);
    if (--o->refcnt > 0)
        return false; /* resurrected: whoever holds it now frees it later */
    return true;
}

/* ---- class hooks --------------------------------------------------------------- */

static uint32_t class_hooks(ClassObj *c) {
    static const char *const names[] = {"__getattr__", "__getattribute__", "__setattr__", "__delattr__",
                                        "__del__"};
    if (c->hooks_epoch == class_epoch)
        return c->hooks;
    /* recomputed when any class attribute changed since: five MRO walks */
    uint32_t hooks = 0;
    for (int k = 0; k < 5; k++) {
        InternEntry *e = intern(names[k]);
        const Type *owner;
        if (e && class_lookup(c, e->str, e->slot, &owner))
            hooks |= 1u << k;
    }
    c->hooks = hooks;
    c->hooks_epoch = class_epoch;
    return hooks;
}

/* ---- the attribute protocol on instances ------------------------------------ */

static Obj *instance_dict_attr(Obj *o) {
    Obj *d = instance_dict(o);
    return d ? new_ref(d) : NULL;
}

/* object.__getattribute__ (CPython's PyObject_GenericGetAttr): data
 * descriptors on the class, then the instance's attributes, then the other
 * class attributes (bound through __get__), then the builtin layout's. */
static Obj *generic_getattr(Obj *o, Obj *name) {
    ClassObj *c = C(o->type);
    int32_t slot;
    const Type *owner;
    Obj *attr = cached_lookup(c, name, &slot, &owner);
    /* a data descriptor without __get__ (only __set__) lets the instance's
     * own value show, as in CPython, and is itself the value otherwise */
    if (attr && is_data_descriptor(attr) && (type_id_of(attr) == TYPE_ID_PROPERTY || user_defines(attr, "__get__")))
        return descr_get(attr, o, (Obj *)c);
    if (!attr && slot == NAME_NONE) { /* the common case: an instance attribute */
        Obj *v = instance_get(o, name);
        if (v)
            return new_ref(v);
    }
    if (!attr) {
        if (slot == NAME_CLASS)
            return new_ref((Obj *)c);
        if (is_exception_type_id(c->type.id) && exc_has_member(o, name)) {
            bool found;
            Obj *v = exc_getattr(o, name, &found);
            if (found)
                return v;
        }
        if (instance_has_dict(o) && str_equals_ascii(name, "__dict__"))
            return instance_dict_attr(o);
    }
    Obj *v = instance_get(o, name);
    if (v)
        return new_ref(v);
    if (attr)
        return descr_get(attr, o, (Obj *)c);
    if (owner && !builtin_defines(owner, slot))
        return builtin_method_get(owner, name, o, &c->type);
    if (owner && slot < SLOT_COUNT)
        return slot_method_new(slot, owner, o);
    if (is_value_layout_id(c->type.id)) {
        /* the layout's data members (int.real, float.imag ...) read the
         * plain value, as CPython's descriptors return exact values */
        Obj *value = layout_exact_value(o);
        Obj *r = value ? rt_getattr(value, name) : NULL;
        rt_decref(value);
        if (r || !err_matches(&type_attribute_error))
            return r;
        rt_err_clear();
    }
    raise_no_attribute(o, name);
    record_attribute_error(o, name);
    return NULL;
}

/* ---- the fast path of instance attributes ------------------------------------
 * `o.name` on a user instance answered from its class's lookup cache alone,
 * all of it valid for the current class_epoch: no __getattribute__ (or
 * __setattr__), no class attribute `name` (so no descriptor in the way), an
 * ordinary name at a known shape index, the instance not in dict mode.
 * Reading is then one load, and assigning one store, which is what the
 * full protocol would do; anything else takes that path, including a first
 * assignment after a later attribute (which may have to keep __dict__'s
 * order) and one that must grow the values array. */
static Obj **fast_attribute_cell(Obj *o, Obj *name, uint32_t hook) {
    if (is_user_class_obj(o) || name->refcnt >= 0)
        return NULL;
    ClassObj *c = C(o->type);
    if (!c->lookup_cache || c->hooks_epoch != class_epoch || (c->hooks & hook) ||
        is_exception_type_id(c->type.id)) /* BaseException's members come before the instance's */
        return NULL;
    LookupCacheEntry *e = &c->lookup_cache[((uintptr_t)name >> 3) & (LOOKUP_CACHE_SIZE - 1)];
    if (e->name != name || e->epoch != class_epoch || e->value || e->slot != NAME_NONE || e->shape_index < 0 ||
        (e->shape_index & 0x40000000))
        return NULL;
    InstanceSlots *s = instance_slots(o);
    int32_t i = e->shape_index;
    return !s->dict && i < s->capacity ? &s->values[i] : NULL;
}

Obj *instance_getattr_fast(Obj *o, Obj *name) {
    Obj **cell = fast_attribute_cell(o, name, HOOK_GETATTRIBUTE);
    return cell ? *cell : NULL;
}

bool instance_setattr_fast(Obj *o, Obj *name, Obj *value) {
    Obj **cell = fast_attribute_cell(o, name, HOOK_SETATTR);
    if (!cell)
        return false;
    if (!*cell) { /* a first assignment keeps the shape's order only when nothing after it is set */
        InstanceSlots *s = instance_slots(o);
        for (Obj **later = cell + 1; later < s->values + s->capacity; later++)
            if (*later)
                return false;
    }
    Obj *old = *cell;
    *cell = new_ref(value); /* stored first: releasing the old value may run code that reads it */
    rt_decref(old);
    return true;
}

static Obj *instance_getattr(Obj *o, Obj *name) {
    ClassObj *c = C(o->type);
    uint32_t hooks = class_hooks(c);
    Obj *r;
    if (hooks & HOOK_GETATTRIBUTE)
        r = special_call(o, special_lookup(o, "__getattribute__"), 1, &name);
    else
        r = generic_getattr(o, name);
    if (!r && (hooks & HOOK_GETATTR) && err_matches(&type_attribute_error)) {
        rt_err_clear();
        r = special_call(o, special_lookup(o, "__getattr__"), 1, &name);
    }
    return r;
}

static int32_t descr_set(Obj *attr, Obj *o, Obj *value) {
    if (type_id_of(attr) == TYPE_ID_PROPERTY) {
        PropertyObj *p = (PropertyObj *)attr;
        Obj *f = value ? p->fset : p->fdel;
        if (!f || f == rt_none()) {
            const char *what = value ? "setter" : "deleter";
            if (p->name && is_str(p->name))
                err_format(&type_attribute_error, "property '%S' of '%T' object has no %s", p->name, o, what);
            else
                err_format(&type_attribute_error, "property of '%T' object has no %s", o, what);
            return -1;
        }
        Obj *argv[2] = {o, value};
        Obj *r = call_args(f, argv, value ? 2 : 1);
        rt_decref(r);
        return r ? 0 : -1;
    }
    const char *hook = value ? "__set__" : "__delete__";
    Obj *m = special_lookup(attr, hook);
    if (!m) {
        err_format(&type_attribute_error, "%s", hook);
        return -1;
    }
    Obj *argv[2] = {o, value};
    Obj *r = special_call(attr, m, value ? 2 : 1, argv);
    rt_decref(r);
    return r ? 0 : -1;
}

/* Whether any class in t's MRO declares __slots__ members. */
static bool has_slot_members(const ClassObj *c) {
    DictObj *shape = (DictObj *)c->shape;
    for (int32_t e = 0; e < shape->entries_len; e++) {
        bool is_slot;
        if (shape->entries[e].key) {
            shape_entry_index(shape->entries[e].value, &is_slot);
            if (is_slot)
                return true;
        }
    }
    return false;
}

/* `obj.__class__ = K`: CPython allows it between user classes whose
 * instances have the same layout. The instance first moves its attributes
 * to dict storage, which does not depend on the class's shape; classes with
 * __slots__ members are refused (CPython accepts identical slot lists). */
static int32_t assign_class(Obj *o, Obj *value) {
    if (!value) {
        err_format(&type_type_error, "can't delete __class__ attribute");
        return -1;
    }
    if (type_id_of(value) != TYPE_ID_TYPE) {
        err_format(&type_type_error, "__class__ must be set to a class, not '%T' object", value);
        return -1;
    }
    const Type *t = (const Type *)value;
    if (!type_is_user_class(t)) {
        err_format(&type_type_error, "__class__ assignment only supported for mutable types or ModuleType subclasses");
        return -1;
    }
    ClassObj *old = C(o->type), *k = C(t);
    if (k->type.id != old->type.id || k->slots_offset != old->slots_offset ||
        (k->class_flags & CLASS_NO_DICT) != (old->class_flags & CLASS_NO_DICT) || has_slot_members(old) ||
        has_slot_members(k)) {
        if (k != old) {
            err_format(&type_type_error, "__class__ assignment: '%s' object layout differs from '%s'", k->type.name,
                       old->type.name);
            return -1;
        }
    }
    if (k == old)
        return 0;
    if (!(old->class_flags & CLASS_NO_DICT) && !instance_dict(o))
        return -1;
    rt_incref(value);
    o->type = t;
    rt_decref((Obj *)old);
    return 0;
}

/* object.__setattr__ / object.__delattr__ (value NULL). */
static int32_t generic_setattr(Obj *o, Obj *name, Obj *value) {
    ClassObj *c = C(o->type);
    int32_t slot;
    const Type *owner;
    Obj *attr = cached_lookup(c, name, &slot, &owner);
    if (attr && is_data_descriptor(attr))
        return descr_set(attr, o, value);
    if (!attr) {
        if (slot == NAME_CLASS)
            return assign_class(o, value);
        if (is_exception_type_id(c->type.id) && exc_has_member(o, name)) {
            bool found;
            int32_t r = exc_setattr(o, name, value, &found);
            if (found)
                return r;
        }
        if (instance_has_dict(o) && str_equals_ascii(name, "__dict__")) {
            if (!value || !is_dict(value)) {
                if (value)
                    err_format(&type_type_error, "__dict__ must be set to a dictionary, not a '%T'", value);
                else
                    err_format(&type_type_error, "cannot delete __dict__");
                return -1;
            }
            if (!instance_dict(o))
                return -1;
            InstanceSlots *s = instance_slots(o);
            Obj *old = s->dict;
            s->dict = new_ref(value);
            rt_decref(old);
            return 0;
        }
    }
    int32_t r = instance_put(o, name, value);
    if (r == 1) {
        raise_no_attribute(o, name);
        return -1;
    }
    return r;
}

static int32_t instance_setattr(Obj *o, Obj *name, Obj *value) {
    uint32_t hooks = class_hooks(C(o->type));
    if (hooks & (value ? HOOK_SETATTR : HOOK_DELATTR)) {
        Obj *argv[2] = {name, value};
        Obj *r = special_call(o, special_lookup(o, value ? "__setattr__" : "__delattr__"), value ? 2 : 1, argv);
        rt_decref(r);
        return r ? 0 : -1;
    }
    return generic_setattr(o, name, value);
}

/* ---- classes as objects -------------------------------------------------------- */

static Obj *mro_tuple(const Type *t) {
    if (type_is_user_class(t)) {
        const ClassObj *c = (const ClassObj *)t;
        Obj *tuple = tuple_new(c->mro_length);
        for (int32_t i = 0; tuple && i < c->mro_length; i++)
            ((TupleObj *)tuple)->items[i] = new_ref((Obj *)c->mro[i]);
        return tuple;
    }
    int32_t n = 1;
    for (const Type *b = t; b; b = b->base)
        n++;
    if (t == &type_object)
        n = 1;
    Obj *tuple = tuple_new(n);
    if (!tuple)
        return NULL;
    int32_t i = 0;
    for (const Type *b = t; b && b != &type_object; b = b->base)
        ((TupleObj *)tuple)->items[i++] = (Obj *)b;
    ((TupleObj *)tuple)->items[i] = (Obj *)&type_object;
    return tuple;
}

/* Attributes every class has through its metaclass (type's getsets). */
static Obj *type_data_attr(const Type *t, Obj *name, bool *found) {
    *found = true;
    bool user = type_is_user_class(t);
    if (str_equals_ascii(name, "__mro__"))
        return mro_tuple(t);
    if (str_equals_ascii(name, "__bases__")) {
        if (user)
            return new_ref(C(t)->bases);
        if (t == &type_object)
            return tuple_new(0);
        Obj *b = tuple_new(1);
        if (b)
            ((TupleObj *)b)->items[0] = (Obj *)(t->base ? t->base : &type_object);
        return b;
    }
    if (str_equals_ascii(name, "__base__")) {
        if (t == &type_object)
            return new_ref(rt_none());
        return new_ref((Obj *)(t->base ? t->base : &type_object));
    }
    if (str_equals_ascii(name, "__class__"))
        return new_ref((Obj *)((const Obj *)t)->type); /* the metaclass */
    if (user) {
        if (str_equals_ascii(name, "__name__"))
            return new_ref(C(t)->name);
        if (str_equals_ascii(name, "__qualname__"))
            return new_ref(C(t)->qualname);
        if (str_equals_ascii(name, "__dict__"))
            return dict_copy(C(t)->dict); /* CPython: a read-only mappingproxy */
        if (str_equals_ascii(name, "__annotations__")) { /* the class's own, made empty on first read (3.10+) */
            Obj *own = dict_get(C(t)->dict, name);
            if (own)
                return new_ref(own);
            Obj *fresh = dict_new();
            if (fresh && dict_set(C(t)->dict, name, fresh) < 0) {
                rt_decref(fresh);
                return NULL;
            }
            class_epoch++;
            return fresh;
        }
    } else if (str_equals_ascii(name, "__doc__")) {
        return new_ref(rt_none());
    }
    *found = false;
    return NULL;
}

/* type.mro(cls): cls.__mro__ as a list. Its argument errors name the bound
 * method as CPython's do: "C.mro() takes no arguments (1 given)". */
Obj *type_mro_method(Obj *cls, Obj *args, Obj *kwargs) {
    const Type *t = (const Type *)cls;
    Obj *qualname = type_is_user_class(t) ? C(t)->qualname : NULL;
    int32_t n = args_count(args);
    if ((kwargs && ((DictObj *)kwargs)->used > 0) || n > 0) {
        const char *what = n > 0 ? "takes no arguments" : "takes no keyword arguments";
        if (qualname)
            err_format(&type_type_error, n > 0 ? "%S.mro() %s (%d given)" : "%S.mro() %s", qualname, what, n);
        else
            err_format(&type_type_error, n > 0 ? "%s.mro() %s (%d given)" : "%s.mro() %s", t->name, what, n);
        return NULL;
    }
    Obj *mro = mro_tuple((const Type *)cls);
    Obj *list = mro ? rt_builtin_list(mro) : NULL;
    rt_decref(mro);
    return list;
}

static Obj *class_getattr(ClassObj *c, Obj *name) {
    bool found;
    Obj *v = type_data_attr(&c->type, name, &found);
    if (found)
        return v;
    int32_t slot = slot_of(name);
    const Type *owner;
    /* type.__getattribute__ with a user metaclass: its data descriptors
     * first, then the class's MRO, then the metaclass's other attributes
     * bound to the class (methods, properties of the metaclass) */
    const Type *meta = c->type.header.type;
    const Type *meta_owner = NULL;
    Obj *meta_attr = type_is_user_class(meta) ? class_lookup(C(meta), name, slot, &meta_owner) : NULL;
    if (meta_attr && is_data_descriptor(meta_attr))
        return descr_get(meta_attr, (Obj *)c, (Obj *)meta);
    Obj *attr = class_lookup(c, name, slot, &owner);
    if (attr)
        return descr_get(attr, NULL, (Obj *)c);
    if (meta_attr)
        return descr_get(meta_attr, (Obj *)c, (Obj *)meta);
    if (owner && !builtin_defines(owner, slot))
        return builtin_method_get(owner, name, NULL, &c->type); /* MyList.append: list's descriptor */
    if (owner && slot < SLOT_COUNT)
        return slot_method_new(slot, owner, slot == SLOT_INIT_SUBCLASS ? (Obj *)c : NULL);
    if (builtin_type_has_method(&type_type, name)) /* the metaclass's methods come last: C.mro */
        return builtin_method_get(&type_type, name, (Obj *)c, &type_type);
    err_format(&type_attribute_error, "type object '%S' has no attribute '%S'", c->name, name);
    record_attribute_error((Obj *)c, name);
    return NULL;
}

static bool set_class_name(ClassObj *c, Obj *value) {
    uint32_t n = str_to_utf8(value, NULL, 0);
    char *text = (char *)heap_alloc(n + 1);
    if (!text) {
        err_no_memory();
        return false;
    }
    str_to_utf8(value, text, n + 1);
    text[n] = '\0';
    char *old = (char *)c->type.name;
    uint32_t old_bytes = c->name_bytes;
    c->type.name = text;
    c->name_bytes = n + 1;
    if (old)
        heap_free(old, old_bytes);
    return true;
}

static int32_t class_setattr(ClassObj *c, Obj *name, Obj *value) {
    bool is_name = str_equals_ascii(name, "__name__");
    if (is_name || str_equals_ascii(name, "__qualname__")) {
        if (!value || !is_str(value)) {
            if (value)
                err_format(&type_type_error, "can only assign string to %S.%S, not '%T'", c->name, name, value);
            else
                err_format(&type_type_error, "cannot delete '%S' attribute of immutable type '%S'", name, c->name);
            return -1;
        }
        if (is_name && !set_class_name(c, value))
            return -1;
        Obj **field = is_name ? &c->name : &c->qualname;
        Obj *old = *field;
        *field = new_ref(value);
        rt_decref(old);
        return 0;
    }
    if (str_equals_ascii(name, "__mro__") || str_equals_ascii(name, "__base__")) {
        err_format(&type_attribute_error, "readonly attribute");
        return -1;
    }
    if (str_equals_ascii(name, "__bases__") || str_equals_ascii(name, "__dict__")) {
        err_format(&type_not_implemented_error, "Taipan does not support assigning %S of a class", name);
        return -1;
    }
    if (str_equals_ascii(name, "__abstractmethods__") && !note_abstract(c, value))
        return -1;
    class_epoch++;
    if (value)
        return dict_set(c->dict, name, value);
    int32_t r = dict_delete(c->dict, name);
    if (r == 0)
        err_format(&type_attribute_error, "type object '%S' has no attribute '%S'", c->name, name);
    return r == 1 ? 0 : -1;
}

/* ---- super ------------------------------------------------------------------------ */

/* t's MRO as an array: a user class's own, or a static type's base chain
 * plus object written into buf. */
static int32_t mro_array(const Type *t, const Type **buf, int32_t cap, const Type *const **out) {
    if (type_is_user_class(t)) {
        *out = C(t)->mro;
        return C(t)->mro_length;
    }
    int32_t n = 0;
    for (const Type *b = t; b && b != &type_object && n < cap - 1; b = b->base)
        buf[n++] = b;
    buf[n++] = &type_object;
    *out = buf;
    return n;
}

static Obj *super_make(Obj *type, Obj *obj) {
    if (!is_type_obj(type)) {
        err_format(&type_type_error, "super() argument 1 must be a type, not %T", type);
        return NULL;
    }
    const Type *start;
    if (is_type_obj(obj) && type_is_subtype((const Type *)obj, (const Type *)type))
        start = (const Type *)obj;
    else if (type_is_subtype(type_of(obj), (const Type *)type))
        start = type_of(obj);
    else {
        err_format(&type_type_error, "super(type, obj): obj must be an instance or subtype of type");
        return NULL;
    }
    SuperObj *s = (SuperObj *)obj_alloc(&type_super, sizeof(SuperObj));
    if (!s)
        return NULL;
    s->type = new_ref(type);
    s->obj = new_ref(obj);
    s->obj_type = new_ref((Obj *)start);
    return (Obj *)s;
}

Obj *rt_super_zero(Obj *cls, Obj *self) {
    if (!cls) {
        err_format(&type_runtime_error, "super(): empty __class__ cell");
        return NULL;
    }
    if (!self) {
        err_format(&type_runtime_error, "super(): no arguments");
        return NULL;
    }
    if (!is_type_obj(cls)) {
        err_format(&type_runtime_error, "super(): __class__ is not a type (%T)", cls);
        return NULL;
    }
    return super_make(cls, self);
}

Obj *rt_builtin_super(Obj *type, Obj *obj) {
    if (!obj) {
        if (!type) {
            err_format(&type_runtime_error, "super(): no arguments");
            return NULL;
        }
        if (!is_type_obj(type)) {
            err_format(&type_type_error, "super() argument 1 must be a type, not %T", type);
            return NULL;
        }
        /* unbound super(C): obj and obj_type stay NULL; lookups through it
         * find only the super object's own attributes, as in CPython */
        SuperObj *s = (SuperObj *)obj_alloc(&type_super, sizeof(SuperObj));
        if (s)
            s->type = new_ref(type);
        return (Obj *)s;
    }
    return super_make(type, obj);
}

/* Lookup of name after s->type in type(obj)'s MRO (borrowed), with the
 * builtin owner as class_lookup reports it. */
static Obj *super_lookup(SuperObj *s, Obj *name, int32_t slot, const Type **owner) {
    *owner = NULL;
    if (!s->obj_type) /* unbound super(C): nothing to look through */
        return NULL;
    const Type *buf[24];
    const Type *const *mro;
    int32_t n = mro_array((const Type *)s->obj_type, buf, 24, &mro);
    int32_t i = 0;
    while (i < n && mro[i] != (const Type *)s->type)
        i++;
    for (i++; i < n; i++) {
        const Type *t = mro[i];
        if (type_is_user_class(t)) {
            Obj *v = dict_get(C(t)->dict, name);
            if (v)
                return v;
        } else if (builtin_provides(t, slot, name)) {
            *owner = t;
            return NULL;
        }
    }
    return NULL;
}

/* The object a super lookup binds to: NULL when obj is the class itself. */
static Obj *super_binding(SuperObj *s) { return s->obj == s->obj_type ? NULL : s->obj; }

static Obj *super_getattr(SuperObj *s, Obj *name) {
    int32_t slot = slot_of(name);
    if (slot != NAME_CLASS) {
        const Type *owner;
        Obj *attr = super_lookup(s, name, slot, &owner);
        if (attr)
            return descr_get(attr, super_binding(s), s->obj_type);
        if (owner && !builtin_defines(owner, slot)) /* super().append in a list subclass */
            return builtin_method_get(owner, name, super_binding(s), (const Type *)s->obj_type);
        if (owner && slot < SLOT_COUNT) {
            Obj *self = slot == SLOT_NEW ? NULL : slot == SLOT_INIT_SUBCLASS ? s->obj_type : super_binding(s);
            return slot_method_new(slot, owner, self);
        }
    }
    if (str_equals_ascii(name, "__thisclass__"))
        return new_ref(s->type);
    if (str_equals_ascii(name, "__self__"))
        return new_ref(s->obj ? s->obj : rt_none());
    if (str_equals_ascii(name, "__self_class__"))
        return new_ref(s->obj_type ? s->obj_type : rt_none());
    if (slot == NAME_CLASS)
        return (Obj *)&type_super;
    raise_no_attribute((Obj *)s, name);
    return NULL;
}

/* ---- the builtin methods' behaviour ----------------------------------------------- */

/* Extra SlotMethodObj kinds: property's copying decorators. */
#define SLOT_PROP_GETTER (SLOT_COUNT + 10)
#define SLOT_PROP_SETTER (SLOT_COUNT + 11)
#define SLOT_PROP_DELETER (SLOT_COUNT + 12)

static const char *slot_name(int32_t slot) {
    if (slot == SLOT_PROP_GETTER)
        return "getter";
    if (slot == SLOT_PROP_SETTER)
        return "setter";
    if (slot == SLOT_PROP_DELETER)
        return "deleter";
    return slot == SLOT_WITH_TRACEBACK ? "with_traceback" : slot_names[slot];
}

const char *slot_method_name(int32_t slot) { return slot_name(slot); }

static bool check_slot_args(int32_t nargs, int32_t expected) {
    if (nargs == expected)
        return true;
    err_format(&type_type_error, "expected %d argument%s, got %d", expected, expected == 1 ? "" : "s", nargs);
    return false;
}

static bool no_kwargs(Obj *kwargs, const char *what) {
    if (!kwargs || ((DictObj *)kwargs)->used == 0)
        return true;
    err_format(&type_type_error, "%s() takes no keyword arguments", what);
    return false;
}

static Obj *none_or_null(int32_t status) { return status < 0 ? NULL : new_ref(rt_none()); }

static Obj *tuple_of(Obj *const *argv, int32_t n) {
    Obj *t = tuple_new(n);
    for (int32_t i = 0; t && i < n; i++)
        ((TupleObj *)t)->items[i] = new_ref(argv[i]);
    return t;
}

static Obj *property_copy(PropertyObj *p, int32_t which, Obj *f);
static Obj *class_create(const Type *meta, Obj *name, Obj *bases, Obj *ns, Obj *kw, Obj *attr_names);
static Obj *class_call(ClassObj *c, Obj *args, Obj *kwargs);

/* type.__new__(meta, name, bases, ns, **kw) with CPython's argument checks;
 * type.__new__(type, x) is type(x). */
static Obj *type_new(const Type *meta, Obj *const *argv, int32_t nargs, Obj *kwargs) {
    if (!type_is_subtype(meta, &type_type)) {
        err_format(&type_type_error, "type.__new__(%s): %s is not a subtype of type", meta->name, meta->name);
        return NULL;
    }
    if (nargs == 1 && meta == &type_type && !(kwargs && ((DictObj *)kwargs)->used > 0))
        return rt_builtin_type(argv[0]);
    if (nargs != 3) {
        err_format(&type_type_error, nargs == 1 && meta == &type_type ? "type() takes 1 or 3 arguments"
                                                : "type.__new__() takes exactly 3 arguments (%d given)", nargs);
        return NULL;
    }
    static const char *const wanted[3] = {"str", "tuple", "dict"};
    static const TypeId ids[3] = {TYPE_ID_STR, TYPE_ID_TUPLE, TYPE_ID_DICT};
    for (int32_t i = 0; i < 3; i++) {
        if (type_id_of(argv[i]) != ids[i]) {
            err_format(&type_type_error, "type.__new__() argument %d must be %s, not %T", i + 1, wanted[i], argv[i]);
            return NULL;
        }
    }
    Obj *kw = kwargs && ((DictObj *)kwargs)->used > 0 ? dict_copy(kwargs) : NULL;
    if (kwargs && ((DictObj *)kwargs)->used > 0 && !kw)
        return NULL;
    return class_create(meta, argv[0], argv[1], argv[2], kw, NULL);
}

/* CPython's object_new refusal for a class whose __abstractmethods__ is
 * non-empty: the names sorted, "method" or "methods". */
static Obj *abstract_instantiation_error(ClassObj *c) {
    Obj *names = dict_get(c->dict, intern("__abstractmethods__")->str);
    Obj *sorted = names ? rt_builtin_sorted(names, NULL, 0) : NULL;
    if (!sorted)
        return NULL;
    StrBuf b;
    strbuf_init(&b);
    ListObj *l = (ListObj *)sorted;
    for (int32_t i = 0; i < l->length; i++) {
        if (i > 0)
            strbuf_append_cstr(&b, ", ");
        Obj *text = rt_str(l->items[i]);
        if (!text) {
            strbuf_release(&b);
            rt_decref(sorted);
            return NULL;
        }
        strbuf_append_str_obj(&b, text);
        rt_decref(text);
    }
    Obj *joined = strbuf_finish(&b);
    if (joined)
        err_format(&type_type_error, "Can't instantiate abstract class %S with abstract method%s %S", c->name,
                   l->length == 1 ? "" : "s", joined);
    rt_decref(joined);
    rt_decref(sorted);
    return NULL;
}

/* Setting __abstractmethods__ on a class (abc's ABCMeta does) marks it
 * abstract when the value is truthy, as CPython's type setter does. */
static bool note_abstract(ClassObj *c, Obj *value) {
    c->class_flags &= ~CLASS_ABSTRACT;
    if (!value)
        return true;
    int32_t t = rt_truthy(value);
    if (t < 0)
        return false;
    if (t)
        c->class_flags |= CLASS_ABSTRACT;
    return true;
}

/* object.__new__ / BaseException.__new__ / dict.__new__ ... (cls first in argv). */
static Obj *builtin_new(const Type *owner, Obj *const *argv, int32_t nargs, Obj *kwargs) {
    const char *oname = owner == &type_object ? "object" : is_builtin_layout_id(owner->id) ? owner->name : "BaseException";
    if (nargs < 1) {
        err_format(&type_type_error, "%s.__new__(): not enough arguments", oname);
        return NULL;
    }
    Obj *cls = argv[0];
    if (!is_type_obj(cls)) {
        err_format(&type_type_error, "%s.__new__(X): X is not a type object (%T)", oname, cls);
        return NULL;
    }
    const Type *t = (const Type *)cls;
    if (owner == &type_type)
        return type_new(t, argv + 1, nargs - 1, kwargs);
    bool excess = nargs > 1 || (kwargs && ((DictObj *)kwargs)->used > 0);
    if (owner == &type_object) {
        if (type_is_user_class(t) && (C(t)->class_flags & CLASS_ABSTRACT))
            return abstract_instantiation_error(C(t));
        if (t != &type_object && !(type_is_user_class(t) && t->id == TYPE_ID_OBJECT)) {
            err_format(&type_type_error, "object.__new__(%s) is not safe, use %s.__new__()", t->name, t->name);
            return NULL;
        }
        if (excess && type_is_user_class(t)) {
            const Type *o2;
            InternEntry *en = intern("__new__"), *ei = intern("__init__");
            if (en && class_lookup(C(t), en->str, SLOT_NEW, &o2)) {
                err_format(&type_type_error, "object.__new__() takes exactly one argument (the type to instantiate)");
                return NULL;
            }
            if (ei && !class_lookup(C(t), ei->str, SLOT_INIT, &o2)) {
                err_format(&type_type_error, "%s() takes no arguments", t->name);
                return NULL;
            }
        } else if (excess) {
            err_format(&type_type_error, "object() takes no arguments");
            return NULL;
        }
        return type_is_user_class(t) ? instance_alloc(C(t)) : rt_object_new();
    }
    if (is_builtin_layout_id(owner->id)) {
        if (!type_is_subtype(t, owner)) {
            err_format(&type_type_error, "%s.__new__(%s): %s is not a subtype of %s", owner->name, t->name, t->name,
                       owner->name);
            return NULL;
        }
        if (t != owner && !type_is_user_class(t)) { /* int.__new__(bool) */
            err_format(&type_type_error, "%s.__new__(%s) is not safe, use %s.__new__()", owner->name, t->name,
                       t->name);
            return NULL;
        }
        if (is_value_layout_id(owner->id))
            return layout_value_new(owner, t, argv + 1, nargs - 1, kwargs); /* layout_slots.c */
        if (type_is_user_class(t))
            return instance_alloc(C(t));
        return owner->id == TYPE_ID_DICT ? dict_new() : list_new(0);
    }
    if (!is_exception_type(t)) {
        err_format(&type_type_error, "BaseException.__new__(%s): %s is not a subtype of BaseException", t->name,
                   t->name);
        return NULL;
    }
    Obj *args = tuple_of(argv + 1, nargs - 1);
    if (!args)
        return NULL;
    Obj *e = type_is_user_class(t) ? instance_new_of(C(t), args) : exc_new_args(t, args);
    rt_decref(args);
    return e;
}

static Obj *object_dir(Obj *self);

/* dict's and list's own methods of the slot table, for subclasses
 * (`super().__init__(...)`, the builtin __init__ of `class D(dict)`). */
static Obj *container_slot_call(int32_t slot, const Type *owner, Obj *self, Obj *const *argv, int32_t nargs,
                                Obj *kwargs) {
    bool is_dict_owner = owner->id == TYPE_ID_DICT;
    switch (slot) {
    case SLOT_INIT: {
        Obj *args = tuple_of(argv, nargs);
        if (!args)
            return NULL;
        bool ok = check_arg_range(args, owner->name, 0, 1);
        rt_decref(args);
        if (!ok)
            return NULL;
        if (is_dict_owner) {
            if ((nargs == 1 && dict_update(self, argv[0]) < 0) || (kwargs && dict_update(self, kwargs) < 0))
                return NULL;
            return new_ref(rt_none());
        }
        if (!no_kwargs(kwargs, "list"))
            return NULL;
        ListObj *l = (ListObj *)self;
        while (l->length > 0) { /* list.__init__ clears first */
            Obj *v = l->items[--l->length];
            rt_decref(v);
        }
        if (nargs == 1 && list_extend(self, argv[0]) < 0)
            return NULL;
        return new_ref(rt_none());
    }
    case SLOT_REPR:
        if (!no_kwargs(kwargs, "__repr__") || !check_slot_args(nargs, 0))
            return NULL;
        return container_repr(self);
    case SLOT_EQ: case SLOT_NE: case SLOT_LT: case SLOT_LE: case SLOT_GT: case SLOT_GE:
        if (!no_kwargs(kwargs, slot_names[slot]) || !check_slot_args(nargs, 1))
            return NULL;
        if (!is_container_type_id(type_id_of(argv[0])) || !container_compare_applies(self, argv[0]))
            return new_ref(rt_not_implemented());
        static const CompareOp ops[] = {CMP_EQ, CMP_NE, CMP_LT, CMP_LE, CMP_GT, CMP_GE}; /* slot order */
        return container_compare(ops[slot - SLOT_EQ], self, argv[0]);
    default:
        err_format(&type_not_implemented_error, "Taipan does not support %s.%s yet", owner->name, slot_name(slot));
        return NULL;
    }
}

/* Calls builtin method `slot` of `owner` on self (NULL: unbound, self is
 * argv[0]). Never dispatches back to a user override of the same name. */
/* type's own methods as a metaclass's super() reaches them: __init__
 * (accepts 1 or 3 arguments and ignores them), __call__ (creates an
 * instance of the class as type's call does), __repr__, and the attribute
 * protocol of a class. */
static Obj *type_slot_call(int32_t slot, Obj *self, Obj *const *argv, int32_t nargs, Obj *kwargs) {
    switch (slot) {
    case SLOT_INIT:
        if (nargs != 1 && nargs != 3) {
            err_format(&type_type_error, "type.__init__() takes 1 or 3 arguments");
            return NULL;
        }
        return new_ref(rt_none());
    case SLOT_CALL: {
        Obj *args = tuple_of(argv, nargs);
        if (!args)
            return NULL;
        Obj *r = is_user_class_obj(self) ? class_call(C(self), args, kwargs) : rt_call(self, args, kwargs);
        rt_decref(args);
        return r;
    }
    case SLOT_REPR:
        if (!no_kwargs(kwargs, "__repr__") || !check_slot_args(nargs, 0))
            return NULL;
        return is_user_class_obj(self) ? class_repr(self) : rt_repr(self);
    default: break;
    }
    if (!no_kwargs(kwargs, slot_name(slot)) || !check_slot_args(nargs, slot == SLOT_SETATTR ? 2 : 1))
        return NULL;
    if (!is_str(argv[0])) {
        err_format(&type_type_error, "attribute name must be string, not '%T'", argv[0]);
        return NULL;
    }
    if (!is_user_class_obj(self))
        return slot == SLOT_GETATTRIBUTE ? rt_getattr(self, argv[0])
             : none_or_null(slot == SLOT_SETATTR ? rt_setattr(self, argv[0], argv[1]) : rt_delattr(self, argv[0]));
    if (slot == SLOT_GETATTRIBUTE)
        return class_getattr(C(self), argv[0]);
    return none_or_null(class_setattr(C(self), argv[0], slot == SLOT_SETATTR ? argv[1] : NULL));
}

static Obj *slot_call(int32_t slot, const Type *owner, Obj *self, Obj *const *argv, int32_t nargs, Obj *kwargs) {
    if (slot == SLOT_NEW)
        return builtin_new(owner, argv, nargs, kwargs);
    if (!self) {
        if (nargs < 1) {
            err_format(&type_type_error, "descriptor '%s' of '%s' object needs an argument", slot_name(slot),
                       owner->name);
            return NULL;
        }
        self = argv[0];
        argv++;
        nargs--;
        if (owner != &type_object && slot != SLOT_INIT_SUBCLASS && !type_is_subtype(type_of(self), owner)) {
            err_format(&type_type_error, "descriptor '%s' requires a '%s' object but received a '%T'",
                       slot_name(slot), owner->name, self);
            return NULL;
        }
    }
    if (owner == &type_type)
        return type_slot_call(slot, self, argv, nargs, kwargs);
    if (is_builtin_layout_id(owner->id)) {
        bool value = is_value_layout_id(owner->id);
        if (slot >= SLOT_ADD || slot == SLOT_HASH || (value && (slot == SLOT_REPR || slot == SLOT_STR ||
                                                                (slot >= SLOT_EQ && slot <= SLOT_GE) || slot == SLOT_FORMAT)))
            return layout_slot_call(slot, owner, self, argv, nargs, kwargs); /* layout_slots.c */
        if (!value && (slot == SLOT_INIT || slot == SLOT_REPR || (slot >= SLOT_EQ && slot <= SLOT_GE)))
            return container_slot_call(slot, owner, self, argv, nargs, kwargs);
    }
    bool exc = owner != &type_object && is_exception(self);
    if (slot != SLOT_INIT && slot != SLOT_INIT_SUBCLASS && !no_kwargs(kwargs, slot_name(slot)))
        return NULL;
    switch (slot) {
    case SLOT_INIT:
        if (exc) {
            if (kwargs && ((DictObj *)kwargs)->used > 0) {
                err_format(&type_type_error, "%s() takes no keyword arguments", type_name_of(self));
                return NULL;
            }
            Obj *args = tuple_of(argv, nargs);
            if (!args)
                return NULL;
            exc_set_args(self, args);
            rt_decref(args);
            return new_ref(rt_none());
        }
        if ((nargs > 0 || (kwargs && ((DictObj *)kwargs)->used > 0)) && is_user_instance(self)) {
            const Type *o2;
            InternEntry *en = intern("__new__"), *ei = intern("__init__");
            if (ei && class_lookup(C(self->type), ei->str, SLOT_INIT, &o2)) {
                err_format(&type_type_error, "object.__init__() takes exactly one argument (the instance to initialize)");
                return NULL;
            }
            if (en && !class_lookup(C(self->type), en->str, SLOT_NEW, &o2)) {
                err_format(&type_type_error, "%s() takes no arguments", type_name_of(self));
                return NULL;
            }
        }
        return new_ref(rt_none());
    case SLOT_REPR:
        if (!check_slot_args(nargs, 0))
            return NULL;
        return exc ? exc_repr(self) : instance_default_repr(self);
    case SLOT_STR:
        if (!check_slot_args(nargs, 0))
            return NULL;
        return exc ? exc_str(self) : rt_repr(self);
    case SLOT_HASH:
        if (!check_slot_args(nargs, 0))
            return NULL;
        return int_from_i64(object_identity_hash(self));
    case SLOT_EQ:
        if (!check_slot_args(nargs, 1))
            return NULL;
        return new_ref(self == argv[0] ? rt_true() : rt_not_implemented());
    case SLOT_NE: {
        if (!check_slot_args(nargs, 1))
            return NULL;
        bool found;
        Obj *eq = special_call_by_name(self, "__eq__", 1, argv, &found);
        if (!found)
            return new_ref(self == argv[0] ? rt_false() : rt_not_implemented());
        if (!eq || eq == rt_not_implemented())
            return eq;
        int32_t t = rt_truthy(eq);
        rt_decref(eq);
        return t < 0 ? NULL : bool_obj(!t);
    }
    case SLOT_LT: case SLOT_LE: case SLOT_GT: case SLOT_GE: case SLOT_SUBCLASSHOOK:
        if (slot != SLOT_SUBCLASSHOOK && !check_slot_args(nargs, 1))
            return NULL;
        return new_ref(rt_not_implemented());
    case SLOT_FORMAT: {
        if (!check_slot_args(nargs, 1))
            return NULL;
        if (!is_str(argv[0])) {
            err_format(&type_type_error, "__format__() argument must be str, not %T", argv[0]);
            return NULL;
        }
        if (((StrObj *)argv[0])->length == 0)
            return rt_str(self);
        err_format(&type_type_error, "unsupported format string passed to %s.__format__", type_name_of(self));
        return NULL;
    }
    case SLOT_GETATTRIBUTE:
    case SLOT_SETATTR:
    case SLOT_DELATTR: {
        if (!check_slot_args(nargs, slot == SLOT_SETATTR ? 2 : 1))
            return NULL;
        if (!is_str(argv[0])) {
            err_format(&type_type_error, "attribute name must be string, not '%T'", argv[0]);
            return NULL;
        }
        if (slot == SLOT_GETATTRIBUTE)
            return is_user_class_obj(self) ? class_getattr(C(self), argv[0])
                 : is_user_instance(self) ? generic_getattr(self, argv[0]) : rt_getattr(self, argv[0]);
        Obj *value = slot == SLOT_SETATTR ? argv[1] : NULL;
        if (is_user_class_obj(self))
            return none_or_null(class_setattr(C(self), argv[0], value));
        if (is_user_instance(self))
            return none_or_null(generic_setattr(self, argv[0], value));
        return none_or_null(value ? rt_setattr(self, argv[0], value) : rt_delattr(self, argv[0]));
    }
    case SLOT_INIT_SUBCLASS:
        if (kwargs && ((DictObj *)kwargs)->used > 0) {
            err_format(&type_type_error, "%s.__init_subclass__() takes no keyword arguments",
                       is_type_obj(self) ? ((const Type *)self)->name : type_name_of(self));
            return NULL;
        }
        if (nargs > 0) {
            err_format(&type_type_error, "%s.__init_subclass__() takes no arguments (%d given)",
                       is_type_obj(self) ? ((const Type *)self)->name : type_name_of(self), nargs);
            return NULL;
        }
        return new_ref(rt_none());
    case SLOT_SIZEOF:
        return small_int_make(is_user_instance(self) ? (int32_t)instance_bytes(self, instance_slots(self)) : 16);
    case SLOT_DIR:
        if (!check_slot_args(nargs, 0))
            return NULL;
        return object_dir(self);
    case SLOT_WITH_TRACEBACK: {
        if (!check_slot_args(nargs, 1))
            return NULL;
        bool found;
        int32_t r = exc_setattr(self, intern("__traceback__")->str, argv[0], &found);
        return r < 0 ? NULL : new_ref(self);
    }
    case SLOT_PROP_GETTER:
    case SLOT_PROP_SETTER:
    case SLOT_PROP_DELETER:
        if (!check_slot_args(nargs, 1))
            return NULL;
        return property_copy((PropertyObj *)self, slot, argv[0]);
    default:
        err_format(&type_not_implemented_error, "Taipan does not support %s yet", slot_name(slot));
        return NULL;
    }
}

/* ---- instantiation ---------------------------------------------------------------- */

/* __call__ and __init__: counted as special_call counts (CPython counts
 * calls of objects without vectorcall). */
static Obj *call_value_with_self(Obj *attr, Obj *self, Obj *const *argv, int32_t nargs, Obj *args, Obj *kwargs) {
    if (rt_enter() < 0)
        return NULL;
    Obj *r = NULL;
    if (type_id_of(attr) == TYPE_ID_FUNCTION) {
        r = func_call_self(attr, self, argv, nargs, args, kwargs);
    } else {
        Obj *bound = descr_get(attr, self, (Obj *)type_of(self));
        if (bound)
            r = call_prepended(bound, NULL, argv, nargs, kwargs);
        rt_decref(bound);
    }
    rt_leave();
    return r;
}

static Obj *class_call(ClassObj *c, Obj *args, Obj *kwargs) {
    TupleObj *a = (TupleObj *)args;
    InternEntry *en = intern("__new__"), *ei = intern("__init__");
    if (!en || !ei) {
        err_no_memory();
        return NULL;
    }
    const Type *new_owner, *init_owner;
    int32_t slot;
    Obj *new_fn = cached_lookup(c, en->str, &slot, &new_owner);
    Obj *init_fn = cached_lookup(c, ei->str, &slot, &init_owner);
    bool excess = a->length > 0 || kwargs;
    Obj *obj;
    if (new_fn) {
        Obj *f = type_id_of(new_fn) == TYPE_ID_STATICMETHOD ? ((WrapperObj *)new_fn)->func : new_fn;
        obj = call_prepended(f, (Obj *)c, a->items, a->length, kwargs);
    } else if (is_exception_type_id(c->type.id)) {
        obj = instance_new_of(c, args);
    } else if (is_container_layout(c->type.id)) {
        obj = instance_alloc(c); /* dict.__new__/list.__new__ ignore the arguments */
    } else if (is_value_layout_id(c->type.id)) {
        obj = layout_value_new(new_owner, &c->type, a->items, a->length, kwargs); /* int.__new__(C, ...) */
    } else if (c->type.id == TYPE_ID_TYPE) {
        obj = type_new(&c->type, a->items, a->length, kwargs); /* a metaclass without __new__ */
    } else {
        if (excess && !init_fn) {
            err_format(&type_type_error, "%s() takes no arguments", c->type.name);
            return NULL;
        }
        if (c->class_flags & CLASS_ABSTRACT)
            return abstract_instantiation_error(c);
        obj = instance_alloc(c);
    }
    if (!obj || !type_is_subtype(type_of(obj), &c->type))
        return obj;
    if (init_fn) {
        Obj *r = call_value_with_self(init_fn, obj, a->items, a->length, args, kwargs);
        if (r && r != rt_none()) {
            err_format(&type_type_error, "__init__() should return None, not '%T'", r);
            rt_decref(r);
            r = NULL;
        }
        if (!r) {
            rt_decref(obj);
            return NULL;
        }
    } else if (init_owner && is_container_layout(init_owner->id)) {
        Obj *r = container_slot_call(SLOT_INIT, init_owner, obj, a->items, a->length, kwargs);
        if (!r) {
            rt_decref(obj);
            return NULL;
        }
        rt_decref(r);
    } else if (is_exception(obj)) {
        if (kwargs) {
            err_format(&type_type_error, "%s() takes no keyword arguments", type_name_of(obj));
            rt_decref(obj);
            return NULL;
        }
        exc_set_args(obj, args);
    }
    if (is_exception(obj))
        exc_refresh_report_text(obj);
    return obj;
}

Obj *rt_object_new(void) { return obj_alloc(&type_object, sizeof(Obj)); }

/* ---- property, staticmethod, classmethod -------------------------------------------- */

static Obj *null_if_none(Obj *o) { return o && o != rt_none() ? o : NULL; }

Obj *rt_builtin_property(Obj *fget, Obj *fset, Obj *fdel, Obj *doc) {
    PropertyObj *p = (PropertyObj *)obj_alloc(&type_property, sizeof(PropertyObj));
    if (!p)
        return NULL;
    p->fget = null_if_none(fget) ? new_ref(fget) : NULL;
    p->fset = null_if_none(fset) ? new_ref(fset) : NULL;
    p->fdel = null_if_none(fdel) ? new_ref(fdel) : NULL;
    p->doc = null_if_none(doc) ? new_ref(doc) : NULL;
    p->name = NULL;
    return (Obj *)p;
}

static Obj *property_copy(PropertyObj *p, int32_t which, Obj *f) {
    PropertyObj *q = (PropertyObj *)rt_builtin_property(which == SLOT_PROP_GETTER ? f : p->fget,
                                                        which == SLOT_PROP_SETTER ? f : p->fset,
                                                        which == SLOT_PROP_DELETER ? f : p->fdel, p->doc);
    if (q)
        q->name = p->name ? new_ref(p->name) : NULL;
    return (Obj *)q;
}

static Obj *property_getattr(PropertyObj *p, Obj *name) {
    if (str_equals_ascii(name, "fget"))
        return new_ref(p->fget ? p->fget : rt_none());
    if (str_equals_ascii(name, "fset"))
        return new_ref(p->fset ? p->fset : rt_none());
    if (str_equals_ascii(name, "fdel"))
        return new_ref(p->fdel ? p->fdel : rt_none());
    if (str_equals_ascii(name, "__doc__")) {
        if (p->doc)
            return new_ref(p->doc);
        if (p->fget && type_id_of(p->fget) == TYPE_ID_FUNCTION)
            return new_ref(((FuncObj *)p->fget)->doc);
        return new_ref(rt_none());
    }
    if (str_equals_ascii(name, "getter"))
        return slot_method_new(SLOT_PROP_GETTER, &type_property, (Obj *)p);
    if (str_equals_ascii(name, "setter"))
        return slot_method_new(SLOT_PROP_SETTER, &type_property, (Obj *)p);
    if (str_equals_ascii(name, "deleter"))
        return slot_method_new(SLOT_PROP_DELETER, &type_property, (Obj *)p);
    if (str_equals_ascii(name, "__class__"))
        return (Obj *)&type_property;
    raise_no_attribute((Obj *)p, name);
    return NULL;
}

Obj *rt_builtin_staticmethod(Obj *f) { return wrapper_new(&type_staticmethod, f); }
Obj *rt_builtin_classmethod(Obj *f) { return wrapper_new(&type_classmethod, f); }

/* ---- with ----------------------------------------------------------------------- */

static bool context_manager_check(Obj *mgr, Obj **enter, Obj **exit) {
    *enter = special_lookup(mgr, "__enter__");
    if (!*enter) {
        err_format(&type_type_error, "'%T' object does not support the context manager protocol", mgr);
        return false;
    }
    *exit = special_lookup(mgr, "__exit__");
    if (!*exit) {
        err_format(&type_type_error, "'%T' object does not support the context manager protocol (missed __exit__ method)",
                   mgr);
        return false;
    }
    return true;
}

Obj *rt_with_exit(Obj *mgr) {
    Obj *enter, *exit;
    if (type_id_of(mgr) == TYPE_ID_FILE) { /* fileio.c: a file's own __exit__ closes it */
        Obj *name = str_from_ascii("__exit__");
        Obj *bound = name ? rt_getattr(mgr, name) : NULL;
        rt_decref(name);
        return bound;
    }
    if (!context_manager_check(mgr, &enter, &exit))
        return NULL;
    return descr_get(exit, mgr, (Obj *)type_of(mgr));
}

Obj *rt_with_enter(Obj *mgr) {
    Obj *enter, *exit;
    if (type_id_of(mgr) == TYPE_ID_FILE) { /* __enter__ is the file itself, once checked open */
        Obj *name = str_from_ascii("__enter__");
        Obj *r = name ? rt_call_method(mgr, name, (Obj *)tuple_new(0), NULL) : NULL;
        rt_decref(name);
        return r;
    }
    if (!context_manager_check(mgr, &enter, &exit))
        return NULL;
    return special_call(mgr, enter, 0, NULL);
}

int32_t rt_with_exit_call(Obj *exit, Obj *exc) {
    Obj *argv[3];
    if (!exc) {
        argv[0] = argv[1] = argv[2] = rt_none();
    } else {
        argv[0] = (Obj *)type_of(exc);
        argv[1] = exc;
        Obj *tb = is_exception(exc) ? ((ExcObj *)exc)->traceback : NULL;
        argv[2] = tb ? tb : rt_none();
    }
    Obj *r = call_args(exit, argv, 3);
    if (!r)
        return -1;
    int32_t t = exc ? rt_truthy(r) : 0;
    rt_decref(r);
    return t;
}

/* ---- getattr & co ------------------------------------------------------------------ */

static bool check_name(Obj *name) {
    if (is_str(name))
        return true;
    err_format(&type_type_error, "attribute name must be string, not '%T'", name);
    return false;
}

Obj *rt_builtin_getattr(Obj *o, Obj *name, Obj *default_value) {
    if (!check_name(name))
        return NULL;
    Obj *r = rt_getattr(o, name);
    if (!r && default_value && err_matches(&type_attribute_error)) {
        rt_err_clear();
        return new_ref(default_value);
    }
    return r;
}

Obj *rt_builtin_hasattr(Obj *o, Obj *name) {
    if (!check_name(name))
        return NULL;
    Obj *r = rt_getattr(o, name);
    if (r) {
        rt_decref(r);
        return rt_true();
    }
    if (!err_matches(&type_attribute_error))
        return NULL;
    rt_err_clear();
    return rt_false();
}

Obj *rt_builtin_setattr(Obj *o, Obj *name, Obj *value) {
    if (!check_name(name))
        return NULL;
    return none_or_null(rt_setattr(o, name, value));
}

Obj *rt_builtin_delattr(Obj *o, Obj *name) {
    if (!check_name(name))
        return NULL;
    return none_or_null(rt_delattr(o, name));
}

Obj *rt_builtin_vars(Obj *o) {
    if (!o) {
        err_format(&type_not_implemented_error, "Taipan does not support vars() without an argument yet");
        return NULL;
    }
    if (is_user_instance(o) && instance_has_dict(o))
        return instance_dict_attr(o);
    if (is_user_class_obj(o))
        return dict_copy(C(o)->dict);
    TypeId id = type_id_of(o);
    if (id == TYPE_ID_FUNCTION || id == TYPE_ID_MODULE || (is_exception_type_id(id) && !is_user_instance(o))) {
        Obj *name = intern("__dict__")->str;
        return rt_getattr(o, name);
    }
    err_format(&type_type_error, "vars() argument must have __dict__ attribute");
    return NULL;
}

/* ---- reprs ------------------------------------------------------------------------ */

/* "mod.qualname" of a class, without the module for builtins. */
static void append_class_name(StrBuf *b, const Type *t) {
    if (!type_is_user_class(t)) {
        strbuf_append_cstr(b, t->name);
        return;
    }
    Obj *module = dict_get(C(t)->dict, intern("__module__")->str);
    if (module && is_str(module) && !str_equals_ascii(module, "builtins")) {
        strbuf_append_str_obj(b, module);
        strbuf_append_char(b, '.');
    }
    strbuf_append_str_obj(b, C(t)->qualname);
}

Obj *class_repr(Obj *cls) {
    StrBuf b;
    strbuf_init(&b);
    strbuf_append_cstr(&b, "<class '");
    append_class_name(&b, (const Type *)cls);
    strbuf_append_cstr(&b, "'>");
    return strbuf_finish(&b);
}

static Obj *repr_with_inner(const char *before, Obj *inner_of, const char *after) {
    Obj *inner = rt_repr(inner_of);
    if (!inner)
        return NULL;
    StrBuf b;
    strbuf_init(&b);
    strbuf_append_cstr(&b, before);
    strbuf_append_str_obj(&b, inner);
    strbuf_append_cstr(&b, after);
    rt_decref(inner);
    return strbuf_finish(&b);
}

Obj *class_object_repr(Obj *o) {
    StrBuf b;
    strbuf_init(&b);
    switch (type_id_of(o)) {
    case TYPE_ID_NOT_IMPLEMENTED: strbuf_release(&b); return str_from_ascii("NotImplemented");
    case TYPE_ID_ELLIPSIS: strbuf_release(&b); return str_from_ascii("Ellipsis");
    case TYPE_ID_METHOD: {
        MethodObj *m = (MethodObj *)o;
        Obj *qualname = rt_getattr(m->func, intern("__qualname__")->str);
        if (!qualname) {
            rt_err_clear();
            qualname = str_from_ascii("?");
        }
        Obj *self = rt_repr(m->self);
        if (!self || !qualname) {
            rt_decref(qualname);
            strbuf_release(&b);
            return NULL;
        }
        strbuf_append_cstr(&b, "<bound method ");
        strbuf_append_str_obj(&b, qualname);
        strbuf_append_cstr(&b, " of ");
        strbuf_append_str_obj(&b, self);
        strbuf_append_char(&b, '>');
        rt_decref(qualname);
        rt_decref(self);
        return strbuf_finish(&b);
    }
    case TYPE_ID_STATICMETHOD:
    case TYPE_ID_CLASSMETHOD:
        strbuf_release(&b);
        return repr_with_inner(o->type == &type_staticmethod ? "<staticmethod(" : "<classmethod(",
                               ((WrapperObj *)o)->func, ")>");
    case TYPE_ID_SUPER: {
        SuperObj *s = (SuperObj *)o;
        strbuf_append_cstr(&b, "<super: <class '");
        strbuf_append_cstr(&b, ((const Type *)s->type)->name);
        if (!s->obj_type) {
            strbuf_append_cstr(&b, "'>, NULL>");
            return strbuf_finish(&b);
        }
        strbuf_append_cstr(&b, "'>, <");
        strbuf_append_cstr(&b, ((const Type *)s->obj_type)->name);
        strbuf_append_cstr(&b, s->obj == s->obj_type ? " object>>" : " object>>");
        return strbuf_finish(&b);
    }
    case TYPE_ID_BUILTIN_METHOD: strbuf_release(&b); return builtin_method_repr(o); /* methods.c */
    case TYPE_ID_SLOT_METHOD: {
        SlotMethodObj *m = (SlotMethodObj *)o;
        if (m->slot == SLOT_NEW) {
            strbuf_append_cstr(&b, "<built-in method __new__ of type object at ");
            strbuf_append_address(&b, (Obj *)m->owner);
        } else if (m->self && m->owner == &type_property) {
            strbuf_append_cstr(&b, "<built-in method ");
            strbuf_append_cstr(&b, slot_name(m->slot));
            strbuf_append_cstr(&b, " of property object at ");
            strbuf_append_address(&b, m->self);
        } else if (m->self) {
            strbuf_append_cstr(&b, "<method-wrapper '");
            strbuf_append_cstr(&b, slot_name(m->slot));
            strbuf_append_cstr(&b, "' of ");
            strbuf_append_cstr(&b, type_name_of(m->self));
            strbuf_append_cstr(&b, " object at ");
            strbuf_append_address(&b, m->self);
        } else {
            strbuf_append_cstr(&b, "<slot wrapper '");
            strbuf_append_cstr(&b, slot_name(m->slot));
            strbuf_append_cstr(&b, "' of '");
            strbuf_append_cstr(&b, m->owner->name);
            strbuf_append_cstr(&b, "' objects");
        }
        strbuf_append_char(&b, '>');
        return strbuf_finish(&b);
    }
    default: break;
    }
    strbuf_append_char(&b, '<');
    append_class_name(&b, type_of(o));
    strbuf_append_cstr(&b, " object at ");
    strbuf_append_address(&b, o);
    strbuf_append_char(&b, '>');
    return strbuf_finish(&b);
}

Obj *instance_default_repr(Obj *o) { return class_object_repr(o); }

int64_t object_identity_hash(const Obj *o) {
    uint64_t address = (uint64_t)((uintptr_t)o - platform_memory_base());
    int64_t h = (int64_t)((address >> 4) | (address << 60));
    return h == -1 ? -2 : h;
}

/* dir(obj): the instance's attributes and those of its class's MRO, sorted. */
static Obj *object_dir(Obj *self) {
    Obj *names = rt_set_new();
    if (!names)
        return NULL;
    bool ok = true;
    if (is_user_instance(self)) {
        InstanceSlots *s = instance_slots(self);
        if (s->dict) {
            DictObj *d = (DictObj *)s->dict;
            for (int32_t i = 0; ok && i < d->entries_len; i++)
                if (d->entries[i].key)
                    ok = set_add_key(names, d->entries[i].key) == 0;
        } else {
            DictObj *shape = (DictObj *)C(self->type)->shape;
            for (int32_t i = 0; ok && i < shape->entries_len; i++) {
                bool is_slot;
                int32_t k = shape->entries[i].key ? shape_entry_index(shape->entries[i].value, &is_slot) : 0;
                if (shape->entries[i].key && k < s->capacity && s->values[k])
                    ok = set_add_key(names, shape->entries[i].key) == 0;
            }
        }
    }
    const Type *buf[24];
    const Type *const *mro;
    int32_t n = mro_array(is_type_obj(self) ? (const Type *)self : type_of(self), buf, 24, &mro);
    for (int32_t i = 0; ok && i < n; i++) {
        if (type_is_user_class(mro[i])) {
            DictObj *d = (DictObj *)C(mro[i])->dict;
            for (int32_t k = 0; ok && k < d->entries_len; k++)
                if (d->entries[k].key)
                    ok = set_add_key(names, d->entries[k].key) == 0;
        } else {
            for (int32_t k = 0; ok && k < SLOT_COUNT; k++)
                if (builtin_defines(mro[i], k))
                    ok = set_add_key(names, intern(slot_name(k))->str) == 0;
            if (ok && mro[i] == &type_object)
                ok = set_add_key(names, intern("__class__")->str) == 0 &&
                     set_add_key(names, intern("__doc__")->str) == 0;
        }
    }
    Obj *list = ok ? rt_builtin_sorted(names, NULL, 0) : NULL;
    rt_decref(names);
    return list;
}

/* ---- class bodies ------------------------------------------------------------------- */

Obj *rt_class_ns_load(Obj *ns, Obj *name) {
    Obj *v = dict_get(ns, name);
    return v ? new_ref(v) : NULL;
}

int32_t rt_class_ns_delete(Obj *ns, Obj *name) {
    int32_t r = dict_delete(ns, name);
    if (r == 0)
        rt_raise_name_error(name);
    return r == 1 ? 0 : -1;
}

Obj *class_getitem(Obj *cls, Obj *key, bool *found) {
    *found = false;
    if (!is_user_class_obj(cls))
        return NULL;
    InternEntry *e = intern("__class_getitem__");
    const Type *owner;
    Obj *attr = e ? class_lookup(C(cls), e->str, NAME_NONE, &owner) : NULL;
    if (!attr)
        return NULL;
    *found = true;
    Obj *bound = descr_get(attr, NULL, cls);
    if (!bound)
        return NULL;
    Obj *r = call_args(bound, &key, 1);
    rt_decref(bound);
    return r;
}

uint32_t class_release(Obj *o) {
    ClassObj *c = C(o);
    if (c->type.name)
        heap_free((void *)c->type.name, c->name_bytes);
    if (c->mro) {
        for (int32_t i = 1; i < c->mro_length; i++)
            rt_decref((Obj *)c->mro[i]);
        heap_free((void *)c->mro, (uint32_t)c->mro_length * sizeof(Type *));
    }
    if (c->lookup_cache)
        heap_free(c->lookup_cache, LOOKUP_CACHE_SIZE * (uint32_t)sizeof(LookupCacheEntry));
    c->lookup_cache = NULL;
    c->type.name = NULL;
    c->mro = NULL;
    rt_decref(c->name);
    rt_decref(c->qualname);
    rt_decref(c->bases);
    rt_decref(c->dict);
    rt_decref(c->shape);
    return sizeof(ClassObj);
}

/* ---- the class statement ------------------------------------------------------------ */

/* The builtin types CPython accepts as bases that Taipan does not support yet. */
static bool is_unsupported_base(const Type *t) {
    switch ((TypeId)t->id) {
    case TYPE_ID_SET: case TYPE_ID_FROZENSET: case TYPE_ID_TYPE:
    case TYPE_ID_ENUMERATE: case TYPE_ID_ZIP: case TYPE_ID_MAP: case TYPE_ID_FILTER: case TYPE_ID_SUPER:
    case TYPE_ID_PROPERTY: case TYPE_ID_STATICMETHOD: case TYPE_ID_CLASSMETHOD: case TYPE_ID_REVERSED:
        return true;
    default: return false;
    }
}

/* CPython's "solid base" of an exception layout: types with extra fields. */
static int32_t solid_layout(const Type *t) {
    for (const Type *b = type_is_user_class(t) ? NULL : t; b; b = b->base) {
        switch ((TypeId)b->id) {
        case TYPE_ID_OS_ERROR: case TYPE_ID_STOP_ITERATION: case TYPE_ID_SYSTEM_EXIT: case TYPE_ID_IMPORT_ERROR:
        case TYPE_ID_SYNTAX_ERROR: case TYPE_ID_UNICODE_ENCODE_ERROR: case TYPE_ID_UNICODE_DECODE_ERROR:
        case TYPE_ID_UNICODE_TRANSLATE_ERROR: case TYPE_ID_ATTRIBUTE_ERROR: case TYPE_ID_NAME_ERROR:
            return b->id;
        default: break;
        }
    }
    if (is_builtin_layout_id(t->id) || t->id == TYPE_ID_TYPE)
        return t->id;
    return is_exception_type_id(t->id) ? TYPE_ID_BASE_EXCEPTION : TYPE_ID_OBJECT;
}

static const Type *solid_type(const Type *t) {
    while (type_is_user_class(t))
        t = t->base;
    int32_t id = solid_layout(t);
    for (const Type *b = t; b; b = b->base)
        if (b->id == id)
            return b;
    return &type_object;
}

/* C3 linearisation of the bases' MROs. Returns a heap array (mro[0] left
 * for the class) and its length, or -1 with TypeError. */
static int32_t c3_merge(Obj *bases, const Type ***out) {
    TupleObj *b = (TupleObj *)bases;
    int32_t nseq = b->length + 1, total = 1;
    const Type *bufs[64][24];
    const Type *const *seqs[65];
    int32_t lens[65], pos[65];
    if (b->length > 64) {
        err_format(&type_not_implemented_error, "Taipan supports at most 64 bases");
        return -1;
    }
    for (int32_t i = 0; i < b->length; i++) {
        lens[i] = mro_array((const Type *)b->items[i], bufs[i], 24, &seqs[i]);
        pos[i] = 0;
        total += lens[i];
    }
    seqs[b->length] = (const Type *const *)b->items; /* the bases themselves, in order */
    lens[b->length] = b->length;
    pos[b->length] = 0;
    const Type **mro = (const Type **)heap_alloc((uint32_t)total * sizeof(Type *));
    if (!mro) {
        err_no_memory();
        return -1;
    }
    int32_t n = 1;
    for (;;) {
        bool any = false;
        const Type *pick = NULL;
        for (int32_t i = 0; i < nseq && !pick; i++) {
            if (pos[i] >= lens[i])
                continue;
            any = true;
            const Type *head = seqs[i][pos[i]];
            bool in_tail = false;
            for (int32_t j = 0; j < nseq && !in_tail; j++)
                for (int32_t k = pos[j] + 1; k < lens[j] && !in_tail; k++)
                    in_tail = seqs[j][k] == head;
            if (!in_tail)
                pick = head;
        }
        if (!any)
            break;
        if (!pick) {
            StrBuf msg;
            strbuf_init(&msg);
            strbuf_append_cstr(&msg, "Cannot create a consistent method resolution\norder (MRO) for bases");
            const Type *seen[65];
            int32_t nseen = 0;
            for (int32_t i = 0; i < nseq; i++) {
                if (pos[i] >= lens[i])
                    continue;
                const Type *head = seqs[i][pos[i]];
                bool dup = false;
                for (int32_t k = 0; k < nseen; k++)
                    dup = dup || seen[k] == head;
                if (dup)
                    continue;
                seen[nseen++] = head;
                strbuf_append_cstr(&msg, nseen == 1 ? " " : ", ");
                strbuf_append_cstr(&msg, head->name);
            }
            Obj *text = strbuf_finish(&msg);
            if (text) {
                err_set_str(&type_type_error, text);
                rt_decref(text);
            }
            heap_free(mro, (uint32_t)total * sizeof(Type *));
            return -1;
        }
        mro[n++] = pick;
        for (int32_t i = 0; i < nseq; i++)
            if (pos[i] < lens[i] && seqs[i][pos[i]] == pick)
                pos[i]++;
    }
    /* shrink to the exact length: the allocator is sized */
    const Type **exact = (const Type **)heap_alloc((uint32_t)n * sizeof(Type *));
    if (!exact) {
        heap_free(mro, (uint32_t)total * sizeof(Type *));
        err_no_memory();
        return -1;
    }
    memcpy(exact, mro, (size_t)n * sizeof(Type *));
    heap_free(mro, (uint32_t)total * sizeof(Type *));
    *out = exact;
    return n;
}

/* "__x" inside class C -> "_C__x" (CPython's private name mangling). */
static Obj *mangle(Obj *class_name, Obj *name) {
    StrObj *s = (StrObj *)name;
    if (s->length < 3 || str_char_at(s, 0) != '_' || str_char_at(s, 1) != '_' ||
        (str_char_at(s, s->length - 1) == '_' && str_char_at(s, s->length - 2) == '_'))
        return new_ref(name);
    StrObj *c = (StrObj *)class_name;
    int32_t skip = 0;
    while (skip < c->length && str_char_at(c, skip) == '_')
        skip++;
    if (skip == c->length)
        return new_ref(name);
    StrBuf b;
    strbuf_init(&b);
    strbuf_append_char(&b, '_');
    for (int32_t i = skip; i < c->length; i++)
        strbuf_append_codepoint(&b, str_char_at(c, i));
    strbuf_append_str_obj(&b, name);
    return strbuf_finish(&b);
}

/* __slots__: the names (a list of str, mangled) or NULL with an error. */
static Obj *slot_names_of(Obj *slots, Obj *class_name) {
    Obj *list = rt_list_new(0);
    if (!list)
        return NULL;
    Obj *it = is_str(slots) ? NULL : rt_get_iter(slots);
    if (!is_str(slots) && !it) {
        rt_decref(list);
        return NULL;
    }
    for (;;) {
        Obj *item = it ? rt_iter_next(it) : (list && ((ListObj *)list)->length == 0 ? new_ref(slots) : NULL);
        if (!item)
            break;
        if (!is_str(item)) {
            err_format(&type_type_error, "__slots__ items must be strings, not '%T'", item);
            rt_decref(item);
            break;
        }
        Obj *m = mangle(class_name, item);
        rt_decref(item);
        if (!m || list_append(list, m) < 0) {
            rt_decref(m);
            break;
        }
        rt_decref(m);
    }
    rt_decref(it);
    if (rt_err_occurred()) {
        rt_decref(list);
        return NULL;
    }
    return list;
}

typedef struct PlainInstance { Obj header; InstanceSlots slots; } PlainInstance;
typedef struct ExcInstance { ExcObj exc; InstanceSlots slots; } ExcInstance;
typedef struct DictInstance { DictObj dict; InstanceSlots slots; } DictInstance;
typedef struct ListInstance { ListObj list; InstanceSlots slots; } ListInstance;
typedef struct FloatInstance { FloatObj value; InstanceSlots slots; } FloatInstance;

static bool set_name_calls(ClassObj *c);
static bool init_subclass_call(ClassObj *c, Obj *kwargs);

static bool bases_are_types(TupleObj *b) {
    for (int32_t i = 0; i < b->length; i++)
        if (!is_type_obj(b->items[i]))
            return false;
    return true;
}

/* CPython's __build_class__: the metaclass is the explicit one, else the
 * first base's type, else type; when it is a class, the most derived of it
 * and the bases' types wins (a metaclass conflict otherwise). A winner other
 * than type is called as meta(name, bases, ns, **kw): a user metaclass
 * (its __new__ reaches type.__new__, class_create), or the class of a base
 * that is not a class (`A() takes no arguments`, `int() takes at most 2
 * arguments (3 given)`). NULL *meta_out with the class to make by type
 * itself. Steals kw when it calls. */
static Obj *call_metaclass(Obj *explicit_meta, Obj *name, Obj *bases, Obj *ns, Obj *kw, bool *called) {
    TupleObj *b = (TupleObj *)bases;
    *called = false;
    const Type *meta = explicit_meta ? NULL : b->length > 0 ? type_of(b->items[0]) : &type_type;
    if (explicit_meta && is_type_obj(explicit_meta))
        meta = (const Type *)explicit_meta;
    if (meta) {
        for (int32_t i = 0; i < b->length; i++) {
            const Type *t = type_of(b->items[i]);
            if (type_is_subtype(meta, t))
                continue;
            if (type_is_subtype(t, meta)) {
                meta = t;
                continue;
            }
            err_format(&type_type_error, "metaclass conflict: the metaclass of a derived class must be a "
                                         "(non-strict) subclass of the metaclasses of all its bases");
            *called = true;
            rt_decref(kw);
            return NULL;
        }
        if (meta == &type_type)
            return NULL;
    }
    *called = true;
    Obj *argv[3] = {name, bases, ns};
    Obj *args = tuple_of(argv, 3);
    Obj *r = args ? rt_call(meta ? (Obj *)meta : explicit_meta, args, kw) : NULL;
    rt_decref(args);
    rt_decref(kw);
    return r;
}

static Obj *class_create(const Type *meta, Obj *name, Obj *bases, Obj *ns, Obj *kw, Obj *attr_names);

/* PEP 560: a base that is not a class but has __mro_entries__ is replaced
 * by the items of the tuple it returns (typing's Generic[T], NamedTuple);
 * the original bases go to the namespace as __orig_bases__. A new
 * reference: bases itself when nothing changed. */
static Obj *resolve_mro_entries(Obj *bases, Obj *ns) {
    TupleObj *b = (TupleObj *)bases;
    if (bases_are_types(b))
        return new_ref(bases);
    Obj *list = list_new(0);
    bool changed = false;
    for (int32_t i = 0; list && i < b->length; i++) {
        Obj *base = b->items[i];
        Obj *method = is_type_obj(base) ? NULL : rt_builtin_getattr(base, intern("__mro_entries__")->str, rt_none());
        if (!is_type_obj(base) && !method)
            goto fail;
        if (!method || method == rt_none()) {
            rt_decref(method);
            if (rt_list_append(list, base) < 0)
                goto fail;
            continue;
        }
        Obj *args = tuple_of(&bases, 1);
        Obj *entries = args ? rt_call(method, args, NULL) : NULL;
        rt_decref(args);
        rt_decref(method);
        if (!entries)
            goto fail;
        if (!is_tuple(entries)) {
            err_format(&type_type_error, "__mro_entries__ must return a tuple");
            rt_decref(entries);
            goto fail;
        }
        for (int32_t k = 0; k < ((TupleObj *)entries)->length; k++) {
            if (rt_list_append(list, ((TupleObj *)entries)->items[k]) < 0) {
                rt_decref(entries);
                goto fail;
            }
        }
        rt_decref(entries);
        changed = true;
    }
    if (!list)
        return NULL;
    if (!changed) {
        rt_decref(list);
        return new_ref(bases);
    }
    if (dict_set(ns, intern("__orig_bases__")->str, bases) < 0)
        goto fail;
    Obj *t = rt_builtin_tuple(list);
    rt_decref(list);
    return t;
fail:
    rt_decref(list);
    return NULL;
}

Obj *rt_class_new(Obj *name, Obj *bases, Obj *ns, Obj *kwargs, Obj *attr_names) {
    if (kwargs && ((DictObj *)kwargs)->used == 0)
        kwargs = NULL;
    Obj *kw = NULL; /* kwargs without metaclass */
    Obj *meta = NULL;
    if (kwargs) {
        meta = dict_get(kwargs, intern("metaclass")->str);
        kw = dict_copy(kwargs);
        if (!kw || (meta && dict_delete(kw, intern("metaclass")->str) < 0)) {
            rt_decref(kw);
            return NULL;
        }
        if (((DictObj *)kw)->used == 0) {
            rt_decref(kw);
            kw = NULL;
        }
    }
    Obj *resolved = resolve_mro_entries(bases, ns);
    if (!resolved) {
        rt_decref(kw);
        return NULL;
    }
    bool called;
    Obj *r = call_metaclass(meta, name, resolved, ns, kw, &called); /* steals kw when it calls */
    if (!called)
        r = class_create(&type_type, name, resolved, ns, kw, attr_names);
    rt_decref(resolved);
    return r;
}

/* type(name, bases, ns, **kw): the bases' most derived metaclass makes it. */
Obj *type_call3(Obj *args, Obj *kwargs) {
    TupleObj *a = (TupleObj *)args;
    static const char *const wanted[3] = {"str", "tuple", "dict"};
    static const TypeId ids[3] = {TYPE_ID_STR, TYPE_ID_TUPLE, TYPE_ID_DICT};
    for (int32_t i = 0; i < 3; i++) {
        if (type_id_of(a->items[i]) != ids[i]) {
            err_format(&type_type_error, "type.__new__() argument %d must be %s, not %T", i + 1, wanted[i],
                       a->items[i]);
            return NULL;
        }
    }
    Obj *kw = kwargs && ((DictObj *)kwargs)->used > 0 ? dict_copy(kwargs) : NULL;
    if (kwargs && ((DictObj *)kwargs)->used > 0 && !kw)
        return NULL;
    bool called;
    Obj *r = call_metaclass((Obj *)&type_type, a->items[0], a->items[1], a->items[2], kw, &called);
    return called ? r : class_create(&type_type, a->items[0], a->items[1], a->items[2], kw, NULL);
}

/* type.__new__(meta, name, bases, ns, **kw): a class whose type is meta
 * (type itself or a user metaclass, which the class then references).
 * Steals kw. */
static Obj *class_create(const Type *meta, Obj *name, Obj *bases, Obj *ns, Obj *kw, Obj *attr_names) {
    TupleObj *b = (TupleObj *)bases;
    if (!bases_are_types(b)) { /* type.__new__(M, 'X', (1,), {}) */
        err_format(&type_type_error, "metaclass conflict: the metaclass of a derived class must be a "
                                     "(non-strict) subclass of the metaclasses of all its bases");
        rt_decref(kw);
        return NULL;
    }
    /* the bases: classes, no duplicates, supported layouts */
    for (int32_t i = 0; i < b->length; i++) {
        Obj *base = b->items[i];
        const Type *t = (const Type *)base;
        for (int32_t j = 0; j < i; j++) {
            if (b->items[j] == base) {
                err_format(&type_type_error, "duplicate base class %s", t->name);
                rt_decref(kw);
                return NULL;
            }
        }
        if (!type_is_user_class(t) && t != &type_object && t != &type_type && !is_exception_type(t) &&
            !is_builtin_layout_id(t->id)) {
            if (is_unsupported_base(t))
                err_format(&type_not_implemented_error, "Taipan does not support subclassing '%s' yet", t->name);
            else
                err_format(&type_type_error, "type '%s' is not an acceptable base type", t->name);
            rt_decref(kw);
            return NULL;
        }
    }
    Obj *real_bases = b->length ? new_ref(bases) : NULL;
    if (!real_bases) {
        real_bases = tuple_new(1);
        if (!real_bases) {
            rt_decref(kw);
            return NULL;
        }
        ((TupleObj *)real_bases)->items[0] = (Obj *)&type_object;
    }
    b = (TupleObj *)real_bases;
    /* the layout: CPython's best_base, the base with the most derived solid base */
    const Type *best = (const Type *)b->items[0], *best_solid = solid_type(best);
    for (int32_t i = 1; i < b->length; i++) {
        const Type *t = (const Type *)b->items[i], *solid = solid_type(t);
        if (type_is_subtype(solid, best_solid))
            ;
        else if (type_is_subtype(best_solid, solid))
            continue;
        else {
            err_format(&type_type_error, "multiple bases have instance lay-out conflict");
            rt_decref(real_bases);
            rt_decref(kw);
            return NULL;
        }
        if (solid != best_solid) {
            best = t;
            best_solid = solid;
        }
    }
    /* a plain mixin first, an exception second: the exception gives the layout */
    if (best->id == TYPE_ID_OBJECT) {
        for (int32_t i = 0; i < b->length; i++) {
            if (((const Type *)b->items[i])->id != TYPE_ID_OBJECT) {
                best = (const Type *)b->items[i];
                break;
            }
        }
    }
    const Type **mro = NULL;
    int32_t mro_length = c3_merge(real_bases, &mro);
    if (mro_length < 0) {
        rt_decref(real_bases);
        rt_decref(kw);
        return NULL;
    }
    ClassObj *c = (ClassObj *)obj_alloc(meta, sizeof(ClassObj));
    if (!c) {
        heap_free(mro, (uint32_t)mro_length * sizeof(Type *));
        rt_decref(real_bases);
        rt_decref(kw);
        return NULL;
    }
    if (meta != &type_type)
        rt_incref((Obj *)meta); /* the class is an instance of its user metaclass */
    mro[0] = &c->type;
    /* The MRO owns its other classes: the collector may clear the bases
     * tuple of a class in a garbage cycle while its instances still look
     * methods up (__del__) along the MRO. */
    for (int32_t i = 1; i < mro_length; i++)
        rt_incref((Obj *)mro[i]);
    c->mro = mro;
    c->mro_length = mro_length;
    c->bases = real_bases;
    c->type.flags = TYPE_FLAG_USER_CLASS;
    c->type.id = best->id == TYPE_ID_OBJECT ? TYPE_ID_OBJECT : best->id;
    c->type.base = best;
    c->slots_offset = is_exception_type_id(c->type.id) ? offsetof(ExcInstance, slots)
                      : c->type.id == TYPE_ID_DICT   ? offsetof(DictInstance, slots)
                      : c->type.id == TYPE_ID_LIST   ? offsetof(ListInstance, slots)
                      : c->type.id == TYPE_ID_FLOAT  ? offsetof(FloatInstance, slots)
                      : is_value_layout_id(c->type.id) ? SLOTS_AFTER_VALUE /* int, str, tuple, bytes */
                                                     : offsetof(PlainInstance, slots);
    c->name = new_ref(name);
    Obj *qualname = dict_get(ns, intern("__qualname__")->str);
    if (qualname && !is_str(qualname)) {
        err_format(&type_type_error, "type __qualname__ must be a str, not %T", qualname);
        goto fail;
    }
    c->qualname = new_ref(qualname ? qualname : name);
    if (!set_class_name(c, name))
        goto fail;
    /* the dict: the namespace minus __qualname__ and __classcell__ */
    c->dict = dict_new();
    c->shape = dict_new();
    if (!c->dict || !c->shape)
        goto fail;
    DictObj *d = (DictObj *)ns;
    Obj *classcell = NULL, *slots = NULL;
    bool has_eq = false, has_hash = false;
    for (int32_t i = 0; i < d->entries_len; i++) {
        Obj *key = d->entries[i].key, *value = d->entries[i].value;
        if (!key)
            continue;
        if (is_str(key)) {
            if (str_equals_ascii(key, "__qualname__"))
                continue;
            if (str_equals_ascii(key, "__classcell__")) {
                classcell = value;
                continue;
            }
            if (str_equals_ascii(key, "__slots__"))
                slots = value;
            has_eq = has_eq || str_equals_ascii(key, "__eq__");
            has_hash = has_hash || str_equals_ascii(key, "__hash__");
            bool as_static = str_equals_ascii(key, "__new__");
            bool as_class = str_equals_ascii(key, "__init_subclass__") || str_equals_ascii(key, "__class_getitem__");
            if ((as_static || as_class) && type_id_of(value) == TYPE_ID_FUNCTION) {
                Obj *w = wrapper_new(as_static ? &type_staticmethod : &type_classmethod, value);
                int32_t r = w ? dict_set(c->dict, key, w) : -1;
                rt_decref(w);
                if (r < 0)
                    goto fail;
                continue;
            }
        }
        if (dict_set(c->dict, key, value) < 0)
            goto fail;
    }
    if (!dict_get(c->dict, intern("__module__")->str)) {
        Obj *main = str_from_ascii("__main__");
        int32_t r = main ? dict_set(c->dict, intern("__module__")->str, main) : -1;
        rt_decref(main);
        if (r < 0)
            goto fail;
    }
    if (!dict_get(c->dict, intern("__doc__")->str) && dict_set(c->dict, intern("__doc__")->str, rt_none()) < 0)
        goto fail;
    if (has_eq && !has_hash && dict_set(c->dict, intern("__hash__")->str, rt_none()) < 0)
        goto fail;
    if (!note_abstract(c, dict_get(c->dict, intern("__abstractmethods__")->str)))
        goto fail;
    /* the shape: the first base's, then __slots__, then the compiler's hint */
    const Type *first = (const Type *)b->items[0];
    if (type_is_user_class(first)) {
        DictObj *fs = (DictObj *)C(first)->shape;
        for (int32_t i = 0; i < fs->entries_len; i++)
            if (fs->entries[i].key && dict_set(c->shape, fs->entries[i].key, fs->entries[i].value) < 0)
                goto fail;
        c->shape_length = C(first)->shape_length;
    }
    bool bases_without_dict = true;
    for (int32_t i = 0; i < b->length; i++) {
        const Type *t = (const Type *)b->items[i];
        if (type_is_user_class(t) ? !(C(t)->class_flags & CLASS_NO_DICT) : is_exception_type(t))
            bases_without_dict = false; /* BaseException has a __dict__; object, int, list ... have none */
    }
    if (slots) {
        Obj *names = slot_names_of(slots, name);
        if (!names)
            goto fail;
        bool wants_dict = false;
        ListObj *l = (ListObj *)names;
        for (int32_t i = 0; i < l->length; i++) {
            Obj *slot = l->items[i];
            if (str_equals_ascii(slot, "__dict__")) {
                wants_dict = true;
                continue;
            }
            if ((c->type.id == TYPE_ID_INT || c->type.id == TYPE_ID_TUPLE || c->type.id == TYPE_ID_BYTES) &&
                !str_equals_ascii(slot, "__weakref__")) {
                /* CPython's variable-size layouts (str is not one there) */
                err_format(&type_type_error, "nonempty __slots__ not supported for subtype of '%s'", c->type.base->name);
                rt_decref(names);
                goto fail;
            }
            if (dict_get(ns, slot)) {
                err_format(&type_value_error, "'%S' in __slots__ conflicts with class variable", slot);
                rt_decref(names);
                goto fail;
            }
            if (shape_index(c, slot) < 0) {
                if (dict_set(c->shape, slot, small_int_make(-c->shape_length - 1)) < 0) {
                    rt_decref(names);
                    goto fail;
                }
                c->shape_length++;
            }
        }
        rt_decref(names);
        /* multiple slotted bases would each need their own fixed layout */
        for (int32_t i = 1; i < b->length; i++) {
            const Type *t = (const Type *)b->items[i];
            if (type_is_user_class(t) && (C(t)->class_flags & CLASS_NO_DICT) && C(t)->shape_length > 0) {
                err_format(&type_type_error, "multiple bases have instance lay-out conflict");
                goto fail;
            }
        }
        if (bases_without_dict && !wants_dict)
            c->class_flags |= CLASS_NO_DICT;
    } else if (attr_names) {
        TupleObj *hint = (TupleObj *)attr_names;
        for (int32_t i = 0; i < hint->length; i++) {
            if (!is_str(hint->items[i]) || shape_index(c, hint->items[i]) >= 0)
                continue;
            if (dict_set(c->shape, hint->items[i], small_int_make(c->shape_length)) < 0)
                goto fail;
            c->shape_length++;
        }
    }
    if (classcell && type_id_of(classcell) == TYPE_ID_CELL)
        rt_cell_set(classcell, (Obj *)c);
    class_epoch++;
    if (!set_name_calls(c) || !init_subclass_call(c, kw))
        goto fail;
    rt_decref(kw);
    return (Obj *)c;
fail:
    rt_decref(kw);
    rt_decref((Obj *)c);
    return NULL;
}

/* __set_name__(cls, name) on every attribute that has it (a snapshot of the
 * dict: the calls may change it). */
static bool set_name_calls(ClassObj *c) {
    Obj *items = dict_copy(c->dict);
    if (!items)
        return false;
    DictObj *d = (DictObj *)items;
    bool ok = true;
    for (int32_t i = 0; ok && i < d->entries_len; i++) {
        Obj *key = d->entries[i].key, *value = d->entries[i].value;
        if (!key)
            continue;
        if (type_id_of(value) == TYPE_ID_PROPERTY) {
            PropertyObj *p = (PropertyObj *)value;
            Obj *old = p->name;
            p->name = new_ref(key);
            rt_decref(old);
            continue;
        }
        Obj *hook = special_lookup(value, "__set_name__");
        if (!hook)
            continue;
        Obj *argv[2] = {(Obj *)c, key};
        Obj *r = special_call(value, hook, 2, argv);
        if (r) {
            rt_decref(r);
            continue;
        }
        /* CPython 3.11 wraps the error, with the original as the cause */
        Obj *key_repr = rt_repr(key);
        StrBuf msg;
        strbuf_init(&msg);
        strbuf_append_cstr(&msg, "Error calling __set_name__ on '");
        strbuf_append_cstr(&msg, type_name_of(value));
        strbuf_append_cstr(&msg, "' instance ");
        if (key_repr)
            strbuf_append_str_obj(&msg, key_repr);
        strbuf_append_cstr(&msg, " in '");
        strbuf_append_cstr(&msg, c->type.name);
        strbuf_append_cstr(&msg, "'");
        strbuf_append_char(&msg, '\0');
        rt_decref(key_repr);
        if (!msg.failed)
            err_replace_from_cause(&type_runtime_error, msg.bytes);
        strbuf_release(&msg);
        ok = false;
    }
    rt_decref(items);
    return ok;
}

/* super(cls, cls).__init_subclass__(**kwargs) */
static bool init_subclass_call(ClassObj *c, Obj *kwargs) {
    InternEntry *e = intern("__init_subclass__");
    for (int32_t i = 1; i < c->mro_length; i++) {
        const Type *t = c->mro[i];
        if (type_is_user_class(t)) {
            Obj *v = dict_get(C(t)->dict, e->str);
            if (!v)
                continue;
            Obj *bound = descr_get(v, NULL, (Obj *)c);
            Obj *r = bound ? call_prepended(bound, NULL, NULL, 0, kwargs) : NULL;
            rt_decref(bound);
            rt_decref(r);
            return r != NULL;
        }
        if (builtin_defines(t, SLOT_INIT_SUBCLASS))
            break;
    }
    if (kwargs) {
        err_format(&type_type_error, "%s.__init_subclass__() takes no keyword arguments", c->type.name);
        return false;
    }
    return true;
}

/* ---- the generic entry points' class cases (methods.c, call.c dispatch here) ------- */

static Obj *builtin_type_slot(const Type *t, Obj *name, bool *handled) {
    int32_t slot = slot_of(name);
    const Type *owner = slot < SLOT_COUNT ? builtin_owner_of(t, slot) : NULL;
    if (owner) {
        *handled = true;
        return slot_method_new(slot, owner, slot == SLOT_INIT_SUBCLASS ? (Obj *)t : NULL);
    }
    Obj *v = type_data_attr(t, name, handled);
    return v;
}

static Obj *forward_to_func(Obj *func, Obj *self_obj, Obj *name) {
    Obj *r = rt_getattr(func, name);
    if (!r && err_matches(&type_attribute_error)) {
        rt_err_clear();
        raise_no_attribute(self_obj, name);
    }
    return r;
}

/* A class whose metaclass defines __getattr__: called after the class's
 * own lookup fails with AttributeError. */
static Obj *class_getattr_hooked(ClassObj *c, Obj *name) {
    Obj *r = class_getattr(c, name);
    if (r || !type_is_user_class(c->type.header.type) || !err_matches(&type_attribute_error))
        return r;
    Obj *hook = special_lookup((Obj *)c, "__getattr__");
    if (!hook)
        return NULL;
    rt_err_clear();
    return special_call((Obj *)c, hook, 1, &name);
}

Obj *classes_getattr(Obj *o, Obj *name, bool *handled) {
    *handled = true;
    if (is_user_class_obj(o)) /* before the instance case: a class may be an instance of a user metaclass */
        return class_getattr_hooked(C(o), name);
    if (type_is_user_class(o->type))
        return instance_getattr(o, name);
    switch ((TypeId)o->type->id) {
    case TYPE_ID_TYPE:
        if (type_is_user_class((const Type *)o))
            return class_getattr(C(o), name);
        *handled = false;
        return builtin_type_slot((const Type *)o, name, handled);
    case TYPE_ID_METHOD: {
        MethodObj *m = (MethodObj *)o;
        if (str_equals_ascii(name, "__self__"))
            return new_ref(m->self);
        if (str_equals_ascii(name, "__func__"))
            return new_ref(m->func);
        if (str_equals_ascii(name, "__class__"))
            return (Obj *)&type_method;
        return rt_getattr(m->func, name); /* CPython forwards everything else to the function */
    }
    case TYPE_ID_STATICMETHOD:
    case TYPE_ID_CLASSMETHOD: {
        WrapperObj *w = (WrapperObj *)o;
        if (str_equals_ascii(name, "__func__") || str_equals_ascii(name, "__wrapped__"))
            return new_ref(w->func);
        if (str_equals_ascii(name, "__class__"))
            return (Obj *)o->type;
        if (str_equals_ascii(name, "__name__") || str_equals_ascii(name, "__qualname__") ||
            str_equals_ascii(name, "__doc__") || str_equals_ascii(name, "__module__"))
            return forward_to_func(w->func, o, name);
        raise_no_attribute(o, name);
        return NULL;
    }
    case TYPE_ID_PROPERTY: return property_getattr((PropertyObj *)o, name);
    case TYPE_ID_SUPER: return super_getattr((SuperObj *)o, name);
    case TYPE_ID_BUILTIN_METHOD: return builtin_method_getattr(o, name); /* methods.c */
    case TYPE_ID_SLOT_METHOD: {
        SlotMethodObj *m = (SlotMethodObj *)o;
        if (str_equals_ascii(name, "__self__") && m->self)
            return new_ref(m->self);
        if (str_equals_ascii(name, "__name__"))
            return str_from_ascii(slot_name(m->slot));
        if (str_equals_ascii(name, "__qualname__")) {
            StrBuf b;
            strbuf_init(&b);
            strbuf_append_cstr(&b, m->owner->name);
            strbuf_append_char(&b, '.');
            strbuf_append_cstr(&b, slot_name(m->slot));
            return strbuf_finish(&b);
        }
        if (str_equals_ascii(name, "__objclass__"))
            return (Obj *)m->owner;
        if (str_equals_ascii(name, "__class__"))
            return (Obj *)o->type;
        raise_no_attribute(o, name);
        return NULL;
    }
    default:
        if (str_equals_ascii(name, "__class__"))
            return (Obj *)o->type;
        raise_no_attribute(o, name);
        return NULL;
    }
}

/* value NULL deletes. */
int32_t classes_setattr(Obj *o, Obj *name, Obj *value, bool *handled) {
    *handled = true;
    if (is_user_class_obj(o)) {
        /* a metaclass's __setattr__/__delattr__ override sees class attribute stores */
        Obj *hook = type_is_user_class(o->type) ? special_lookup(o, value ? "__setattr__" : "__delattr__") : NULL;
        if (hook) {
            Obj *args[2] = {name, value};
            Obj *r = special_call(o, hook, value ? 2 : 1, args);
            rt_decref(r);
            return r ? 0 : -1;
        }
        return class_setattr(C(o), name, value);
    }
    if (type_is_user_class(o->type))
        return instance_setattr(o, name, value);
    if (o->type->id == TYPE_ID_TYPE) {
        *handled = false;
        return -1;
    }
    if (o->type->id == TYPE_ID_METHOD || o->type->id == TYPE_ID_PROPERTY || o->type->id == TYPE_ID_OBJECT ||
        o->type->id == TYPE_ID_SUPER || o->type->id == TYPE_ID_SLOT_METHOD ||
        o->type->id == TYPE_ID_NOT_IMPLEMENTED || o->type->id == TYPE_ID_STATICMETHOD ||
        o->type->id == TYPE_ID_CLASSMETHOD) {
        bool readonly = false;
        if (o->type->id == TYPE_ID_PROPERTY)
            readonly = str_equals_ascii(name, "fget") || str_equals_ascii(name, "fset") ||
                       str_equals_ascii(name, "fdel") || str_equals_ascii(name, "__doc__");
        if (o->type->id == TYPE_ID_METHOD)
            readonly = str_equals_ascii(name, "__self__") || str_equals_ascii(name, "__func__");
        if (readonly)
            err_format(&type_attribute_error, "readonly attribute");
        else
            raise_no_attribute(o, name);
        return -1;
    }
    *handled = false;
    return -1;
}

/* rt_check_method: whether o.name can be found, without side effects (a
 * class with __getattr__/__getattribute__ is asked at call time). */
int32_t classes_check_method(Obj *o, Obj *name, bool *handled) {
    *handled = true;
    if (type_is_user_class(o->type) && !is_user_class_obj(o)) {
        ClassObj *c = C(o->type);
        if (class_hooks(c) & (HOOK_GETATTR | HOOK_GETATTRIBUTE))
            return 0;
        int32_t slot;
        const Type *owner;
        if (cached_lookup(c, name, &slot, &owner) || owner || instance_get(o, name) ||
            (instance_has_dict(o) && str_equals_ascii(name, "__dict__")) ||
            (is_exception_type_id(c->type.id) && exc_has_member(o, name)))
            return 0;
        raise_no_attribute(o, name);
        record_attribute_error(o, name);
        return -1;
    }
    if (o->type->id == TYPE_ID_TYPE && !type_is_user_class((const Type *)o)) {
        int32_t slot = slot_of(name);
        if (slot < SLOT_COUNT && builtin_owner_of((const Type *)o, slot))
            return 0;
        *handled = false;
        return 0;
    }
    Obj *v = classes_getattr(o, name, handled);
    if (!*handled)
        return 0;
    rt_decref(v);
    return v ? 0 : -1;
}

int64_t rt_method_prepare(Obj *self, Obj *name, int32_t nargs) {
    /* A compiled method of a user instance, or a builtin receiver's fast
     * entry; a super object would need its binding passed instead of itself. */
    if (!is_user_instance(self) || is_user_class_obj(self)) {
        int32_t fast = builtin_fast_method(self, name, nargs); /* methods.c: list.append, dict.get ... */
        return fast < 0 ? RT_CALL_GENERIC : (int64_t)(uint32_t)fast | ((int64_t)(uintptr_t)rt_none() << 32);
    }
    ClassObj *c = C(self->type);
    if (class_hooks(c) & HOOK_GETATTRIBUTE)
        return RT_CALL_GENERIC;
    int32_t slot;
    const Type *owner;
    Obj *f = cached_lookup(c, name, &slot, &owner);
    if (!f || type_id_of(f) != TYPE_ID_FUNCTION || instance_get(self, name))
        return RT_CALL_GENERIC;
    const FuncCode *code = ((FuncObj *)f)->code;
    if (code->flags != 0 || code->kwonly != 0 || code->argcount != nargs + 1)
        return RT_CALL_GENERIC;
    rt_incref(f); /* the call may delete the class attribute */
    return (int64_t)(uint32_t)code->direct_index | ((int64_t)(uintptr_t)f << 32);
}

Obj *classes_call_method(Obj *self, Obj *name, Obj *args, Obj *kwargs, bool *handled) {
    *handled = true;
    TupleObj *a = (TupleObj *)args;
    if (kwargs && ((DictObj *)kwargs)->used == 0)
        kwargs = NULL;
    if (type_is_user_class(self->type) && !is_user_class_obj(self)) {
        ClassObj *c = C(self->type);
        if (!(class_hooks(c) & HOOK_GETATTRIBUTE)) {
            int32_t slot;
            const Type *owner;
            Obj *attr = cached_lookup(c, name, &slot, &owner);
            if (attr && type_id_of(attr) == TYPE_ID_FUNCTION && !instance_get(self, name))
                return func_call_self(attr, self, a->items, a->length, args, kwargs);
            if (!attr && owner && !builtin_defines(owner, slot) && !instance_get(self, name)) /* ml.append(x) */
                return builtin_method_call_on(self, name, args, kwargs);
            if (!attr && owner && slot < SLOT_COUNT && !instance_get(self, name))
                return slot_call(slot, owner, self, a->items, a->length, kwargs);
        }
    } else if (self->type->id == TYPE_ID_TYPE) {
        const Type *t = (const Type *)self;
        int32_t slot = slot_of(name);
        if (type_is_user_class(t)) {
            const Type *owner;
            Obj *attr = class_lookup(C(t), name, slot, &owner);
            if (attr) {
                switch (type_id_of(attr)) {
                case TYPE_ID_FUNCTION: return func_call(attr, args, kwargs);
                case TYPE_ID_CLASSMETHOD:
                    return call_prepended(((WrapperObj *)attr)->func, self, a->items, a->length, kwargs);
                case TYPE_ID_STATICMETHOD: return rt_call(((WrapperObj *)attr)->func, args, kwargs);
                default: break;
                }
            } else if (owner && !builtin_defines(owner, slot)) { /* MyList.append(obj, x), MyDict.fromkeys(keys) */
                Obj *method = builtin_method_get(owner, name, NULL, t);
                Obj *r = method ? builtin_method_call(method, args, kwargs) : NULL;
                rt_decref(method);
                return r;
            } else if (owner && slot < SLOT_COUNT) {
                return slot_call(slot, owner, slot == SLOT_INIT_SUBCLASS ? self : NULL, a->items, a->length,
                                 kwargs);
            }
        } else {
            const Type *owner = slot < SLOT_COUNT ? builtin_owner_of(t, slot) : NULL;
            if (!owner) {
                *handled = false;
                return NULL;
            }
            return slot_call(slot, owner, slot == SLOT_INIT_SUBCLASS ? self : NULL, a->items, a->length, kwargs);
        }
    } else if (self->type->id == TYPE_ID_SUPER) {
        SuperObj *s = (SuperObj *)self;
        int32_t slot = slot_of(name);
        const Type *owner;
        Obj *attr = slot == NAME_CLASS ? NULL : super_lookup(s, name, slot, &owner);
        Obj *bind = super_binding(s);
        if (attr && type_id_of(attr) == TYPE_ID_FUNCTION && bind)
            return func_call_self(attr, bind, a->items, a->length, args, kwargs);
        if (!attr && owner && !builtin_defines(owner, slot) && bind) /* super().append(x): list's own append */
            return builtin_method_call_on(bind, name, args, kwargs);
        if (!attr && slot != NAME_CLASS && owner && slot < SLOT_COUNT && builtin_defines(owner, slot)) {
            Obj *on = slot == SLOT_NEW ? NULL : slot == SLOT_INIT_SUBCLASS ? s->obj_type : bind;
            return slot_call(slot, owner, on, a->items, a->length, kwargs);
        }
    }
    Obj *attr = classes_getattr(self, name, handled);
    if (!*handled)
        return NULL;
    if (!attr)
        return NULL;
    Obj *r = rt_call(attr, args, kwargs);
    rt_decref(attr);
    return r;
}

/* A call of anything class.c owns: classes, bound methods, staticmethod and
 * slot-method objects, instances with __call__, and the builtin types
 * object/super/property/staticmethod/classmethod. */
Obj *classes_call(Obj *callable, Obj *args, Obj *kwargs) {
    TupleObj *a = (TupleObj *)args;
    if (kwargs && ((DictObj *)kwargs)->used == 0)
        kwargs = NULL;
    if (type_is_user_class(callable->type)) {
        Obj *call = special_lookup(callable, "__call__");
        if (!call && is_user_class_obj(callable)) /* a metaclass without __call__: type's */
            return class_call(C(callable), args, kwargs);
        if (!call) {
            err_format(&type_type_error, "'%T' object is not callable", callable);
            return NULL;
        }
        return call_value_with_self(call, callable, a->items, a->length, args, kwargs);
    }
    switch ((TypeId)callable->type->id) {
    case TYPE_ID_TYPE: {
        const Type *t = (const Type *)callable;
        if (type_is_user_class(t))
            return class_call(C(t), args, kwargs);
        BuiltinId id = t == &type_object ? BUILTIN_OBJECT : t == &type_super ? BUILTIN_SUPER
                     : t == &type_property ? BUILTIN_PROPERTY : t == &type_staticmethod ? BUILTIN_STATICMETHOD
                     : t == &type_classmethod ? BUILTIN_CLASSMETHOD : BUILTIN_COUNT;
        if (t == &type_not_implemented || t == &type_ellipsis) { /* the singletons' types return them */
            if (a->length > 0 || kwargs) {
                err_format(&type_type_error, "%s takes no arguments",
                           t == &type_ellipsis ? "EllipsisType" : t->name);
                return NULL;
            }
            return t == &type_ellipsis ? rt_ellipsis() : rt_not_implemented();
        }
        if (id == BUILTIN_COUNT) { /* method, the slot wrapper types */
            err_format(&type_type_error, "cannot create '%s' instances", t->name);
            return NULL;
        }
        return classes_call_builtin(id, args, kwargs);
    }
    case TYPE_ID_METHOD: {
        MethodObj *m = (MethodObj *)callable;
        return call_prepended(m->func, m->self, a->items, a->length, kwargs);
    }
    case TYPE_ID_STATICMETHOD: return rt_call(((WrapperObj *)callable)->func, args, kwargs);
    case TYPE_ID_SLOT_METHOD: {
        SlotMethodObj *m = (SlotMethodObj *)callable;
        return slot_call(m->slot, m->owner, m->self, a->items, a->length, kwargs);
    }
    case TYPE_ID_BUILTIN_METHOD: return builtin_method_call(callable, args, kwargs); /* methods.c */
    default:
        err_format(&type_type_error, "'%T' object is not callable", callable);
        return NULL;
    }
}

static bool arity(Obj *args, const char *name, int32_t min, int32_t max) { return check_arg_range(args, name, min, max); }

/* The keyword arguments of property(fget=None, fset=None, fdel=None, doc=None). */
static bool property_args(Obj *args, Obj *kwargs, Obj **out) {
    static const char *const names[] = {"fget", "fset", "fdel", "doc"};
    int32_t n = args_count(args);
    if (n > 4) {
        err_format(&type_type_error, "property() takes at most 4 arguments (%d given)", n);
        return false;
    }
    for (int32_t i = 0; i < 4; i++)
        out[i] = i < n ? arg_at(args, i) : NULL;
    if (!kwargs)
        return true;
    DictObj *d = (DictObj *)kwargs;
    for (int32_t e = 0; e < d->entries_len; e++) {
        Obj *key = d->entries[e].key;
        if (!key)
            continue;
        int32_t k = 0;
        while (k < 4 && !str_equals_ascii(key, names[k]))
            k++;
        if (k == 4) {
            err_format(&type_type_error, "property() got an unexpected keyword argument '%S'", key);
            return false;
        }
        if (out[k]) {
            err_format(&type_type_error, "argument for property() given by name ('%s') and position (%d)", names[k],
                       k + 1);
            return false;
        }
        out[k] = d->entries[e].value;
    }
    return true;
}

Obj *classes_call_builtin(int32_t id, Obj *args, Obj *kwargs) {
    if (kwargs && ((DictObj *)kwargs)->used == 0)
        kwargs = NULL;
    int32_t n = args_count(args);
    Obj *opt2 = n > 2 ? arg_at(args, 2) : NULL;
    switch ((BuiltinId)id) {
    case BUILTIN_OBJECT:
        if (n > 0 || kwargs) {
            err_format(&type_type_error, "object() takes no arguments");
            return NULL;
        }
        return rt_object_new();
    case BUILTIN_PROPERTY: {
        Obj *p[4];
        return property_args(args, kwargs, p) ? rt_builtin_property(p[0], p[1], p[2], p[3]) : NULL;
    }
    default: break;
    }
    const char *name = id == BUILTIN_SUPER ? "super" : id == BUILTIN_GETATTR ? "getattr" : id == BUILTIN_SETATTR ? "setattr"
                     : id == BUILTIN_HASATTR ? "hasattr" : id == BUILTIN_DELATTR ? "delattr" : id == BUILTIN_VARS ? "vars"
                     : id == BUILTIN_STATICMETHOD ? "staticmethod" : "classmethod";
    if (!no_kwargs(kwargs, name))
        return NULL;
    switch ((BuiltinId)id) {
    case BUILTIN_SUPER:
        if (n > 2) {
            err_format(&type_type_error, "super() expected at most 2 arguments, got %d", n);
            return NULL;
        }
        if (n == 0) {
            err_format(&type_runtime_error, "super(): no arguments");
            return NULL;
        }
        return rt_builtin_super(arg_at(args, 0), n > 1 ? arg_at(args, 1) : NULL);
    case BUILTIN_GETATTR:
        return arity(args, name, 2, 3) ? rt_builtin_getattr(arg_at(args, 0), arg_at(args, 1), opt2) : NULL;
    case BUILTIN_SETATTR:
        return arity(args, name, 3, 3) ? rt_builtin_setattr(arg_at(args, 0), arg_at(args, 1), opt2) : NULL;
    case BUILTIN_HASATTR:
        return arity(args, name, 2, 2) ? rt_builtin_hasattr(arg_at(args, 0), arg_at(args, 1)) : NULL;
    case BUILTIN_DELATTR:
        return arity(args, name, 2, 2) ? rt_builtin_delattr(arg_at(args, 0), arg_at(args, 1)) : NULL;
    case BUILTIN_VARS:
        return arity(args, name, 0, 1) ? rt_builtin_vars(n ? arg_at(args, 0) : NULL) : NULL;
    case BUILTIN_STATICMETHOD:
        return arity(args, name, 1, 1) ? rt_builtin_staticmethod(arg_at(args, 0)) : NULL;
    default:
        return arity(args, name, 1, 1) ? rt_builtin_classmethod(arg_at(args, 0)) : NULL;
    }
}

bool classes_callable(Obj *o) {
    if (type_is_user_class(o->type))
        return special_lookup(o, "__call__") != NULL;
    TypeId id = (TypeId)o->type->id;
    return id == TYPE_ID_METHOD || id == TYPE_ID_STATICMETHOD || id == TYPE_ID_SLOT_METHOD ||
           id == TYPE_ID_BUILTIN_METHOD;
}

/* Bound methods compare by the identity of __self__ and the equality of
 * __func__ (CPython 3.8+), and hash accordingly. 1/0/-1. */
int32_t method_equal(Obj *a, Obj *b) {
    MethodObj *x = (MethodObj *)a, *y = (MethodObj *)b;
    if (x->self != y->self)
        return 0;
    return obj_equal(x->func, y->func);
}

int64_t method_hash(Obj *m) {
    int64_t f = hash_of(((MethodObj *)m)->func);
    if (f == -1)
        return -1;
    int64_t h = object_identity_hash(((MethodObj *)m)->self) ^ f;
    return h == -1 ? -2 : h;
}

Obj *class_module(const Type *t) {
    InternEntry *e = intern("__module__");
    return e && type_is_user_class(t) ? dict_get(C(t)->dict, e->str) : NULL;
}

void class_gc_clear(Obj *o) {
    class_epoch++; /* the caches hold borrowed values from this dict */
    dict_gc_clear(C(o)->dict);
}

/* ---- "Did you mean" ------------------------------------------------------------------
 * The uncaught report's suggestion for an AttributeError raised by a failed
 * lookup on a user instance or class, with CPython 3.11's metric: a
 * weighted edit distance over the UTF-8 bytes (insert/delete 2, a
 * substitution 2, or 1 when only ASCII case differs) after the common
 * prefix and suffix are dropped (beyond 40 bytes left: no match); a
 * candidate qualifies within (len(name) + len(candidate) + 3) * 2 / 6, and
 * the closest wins, ties going to the first in sorted order (dir() order).
 * Only strs and dict walks are used: the report is linked into every
 * program. */

#define SUGGEST_MAX_BYTES 40
#define SUGGEST_BUF 200

static void record_attribute_error(Obj *obj, Obj *name) {
    ExcObj *e = (ExcObj *)err_pending();
    if (!e || e->header.refcnt < 0 || !type_is_subtype(e->header.type, &type_attribute_error) || e->attr_obj)
        return;
    e->attr_name = new_ref(name);
    e->attr_obj = new_ref(obj);
}

static int32_t substitution_cost(uint8_t a, uint8_t b) {
    if (a == b)
        return 0;
    uint8_t la = a >= 'A' && a <= 'Z' ? (uint8_t)(a + 32) : a, lb = b >= 'A' && b <= 'Z' ? (uint8_t)(b + 32) : b;
    return la == lb && la >= 'a' && la <= 'z' ? 1 : 2;
}

/* The distance, or INT32_MAX when beyond the 40-byte limit. */
__attribute__((noinline, cold)) static int32_t suggestion_distance(const uint8_t *a, int32_t na, const uint8_t *b, int32_t nb) {
    while (na > 0 && nb > 0 && a[0] == b[0]) {
        a++, b++;
        na--, nb--;
    }
    while (na > 0 && nb > 0 && a[na - 1] == b[nb - 1])
        na--, nb--;
    if (na == 0 || nb == 0)
        return (na + nb) * 2;
    if (na > SUGGEST_MAX_BYTES || nb > SUGGEST_MAX_BYTES)
        return INT32_MAX;
    int32_t row[SUGGEST_MAX_BYTES + 1];
    for (int32_t j = 0; j <= nb; j++)
        row[j] = 2 * j;
    for (int32_t i = 1; i <= na; i++) {
        int32_t diagonal = row[0];
        row[0] = 2 * i;
        for (int32_t j = 1; j <= nb; j++) {
            int32_t above = row[j];
            int32_t best = diagonal + substitution_cost(a[i - 1], b[j - 1]);
            if (above + 2 < best)
                best = above + 2;
            if (row[j - 1] + 2 < best)
                best = row[j - 1] + 2;
            row[j] = best;
            diagonal = above;
        }
    }
    return row[nb];
}

typedef struct Suggestion {
    uint8_t name[SUGGEST_BUF];
    int32_t name_bytes;
    Obj *best;
    int32_t best_distance;
    int32_t candidates;
} Suggestion;

__attribute__((noinline, cold)) static void consider(Suggestion *s, Obj *candidate) {
    if (!candidate || !is_str(candidate))
        return;
    s->candidates++;
    uint8_t buf[SUGGEST_BUF];
    uint32_t n = str_to_utf8(candidate, (char *)buf, SUGGEST_BUF);
    if (n > SUGGEST_BUF)
        return;
    if ((int32_t)n == s->name_bytes && memcmp(buf, s->name, n) == 0)
        return;
    int32_t limit = (s->name_bytes + (int32_t)n + 3) * 2 / 6;
    int32_t d = suggestion_distance(s->name, s->name_bytes, buf, (int32_t)n);
    if (d > limit)
        return;
    if (!s->best || d < s->best_distance || (d == s->best_distance && str_compare(candidate, s->best) < 0)) {
        s->best = candidate;
        s->best_distance = d;
    }
}

__attribute__((noinline, cold)) static void consider_dict(Suggestion *s, Obj *d, bool slots_only_set, InstanceSlots *slots) {
    DictObj *dict = (DictObj *)d;
    for (int32_t i = 0; i < dict->entries_len; i++) {
        Obj *key = dict->entries[i].key;
        if (!key)
            continue;
        if (slots_only_set) { /* a shape: only the attributes this instance has */
            bool is_slot;
            int32_t k = shape_entry_index(dict->entries[i].value, &is_slot);
            if ((slots->dict && !is_slot) || k >= slots->capacity || !slots->values[k])
                continue;
        }
        consider(s, key);
    }
}

/* The uncaught report's name of a user exception class: its qualname,
 * prefixed with its module unless that is __main__ or builtins. */
__attribute__((cold)) static void write_report_type_name(const Type *t) {
    Obj *module = class_module(t); /* borrowed */
    if (module && is_str(module) && !str_equals_ascii(module, "__main__") && !str_equals_ascii(module, "builtins")) {
        io_write_stderr_str(module);
        io_write_stderr(".", 1);
    }
    io_write_stderr_str(((const ClassObj *)t)->qualname);
}

/* str(e) for the report by a user class's own __str__, called now (it can
 * read attributes set after the exception was made); NULL when the class
 * has none, so the text kept since the exception was made is used. */
__attribute__((cold)) static Obj *report_text_by_str(Obj *e) {
    Obj *method = special_lookup(e, "__str__");
    if (!method)
        return NULL;
    Obj *saved = rt_exc_fetch(); /* normally nothing: the report runs with none pending */
    bool called;
    Obj *text = special_call_function0(e, method, &called);
    if (called && (!text || !is_str(text))) {
        rt_decref(text);
        rt_err_clear();
        text = str_from_ascii("<exception str() failed>");
    }
    if (saved)
        rt_reraise(saved);
    return called ? text : NULL;
}

/* An instance's last reference went: __del__ first (it may resurrect the
 * object), then its attributes and layout fields; the class reference goes
 * last, after the memory (its size needs the class). */
static int32_t dealloc_instance(Obj *o) {
    if (o->type->id == TYPE_ID_TYPE) { /* a class whose metaclass is a user class */
        obj_untrack_for_free(o);
        Obj *meta = (Obj *)o->type;
        uint32_t size = class_release(o);
        live_count_adjust(-1);
        heap_free(gc_head_of(o), size + (uint32_t)sizeof(GcHead));
        rt_decref(meta);
        return 1;
    }
    if (!instance_finalize(o))
        return 0;
    obj_untrack_for_free(o);
    Obj *cls = (Obj *)o->type;
    uint32_t size = instance_release(o);
    live_count_adjust(-1);
    heap_free(gc_head_of(o), size + (uint32_t)sizeof(GcHead));
    rt_decref(cls);
    return 1;
}

int32_t rt_classes_hook(int32_t op, Obj *a) {
    switch (op) {
    case CLASSES_HOOK_DEALLOC_INSTANCE: return dealloc_instance(a);
    case CLASSES_HOOK_RELEASE:
        return (int32_t)(a->type->id == TYPE_ID_TYPE ? class_release(a) : class_object_release(a));
    case CLASSES_HOOK_TYPE_NAME: write_report_type_name((const Type *)a); return 1;
    case CLASSES_HOOK_REPORT_TEXT: return (int32_t)(intptr_t)report_text_by_str(a);
    case CLASSES_HOOK_SUGGESTION: {
        ExcObj *e = (ExcObj *)a;
        return (int32_t)(intptr_t)attribute_suggestion(e->attr_obj, e->attr_name);
    }
    default: return 0;
    }
}

__attribute__((cold)) Obj *attribute_suggestion(Obj *obj, Obj *name) {
    Suggestion s;
    uint32_t n = str_to_utf8(name, (char *)s.name, SUGGEST_BUF);
    if (n > SUGGEST_BUF)
        return NULL;
    s.name_bytes = (int32_t)n;
    s.best = NULL;
    s.best_distance = 0;
    s.candidates = 0;
    const Type *t = is_user_class_obj(obj) ? (const Type *)obj : type_of(obj);
    if (!type_is_user_class(t))
        return NULL;
    if (!is_user_class_obj(obj)) {
        InstanceSlots *slots = instance_slots(obj);
        if (slots->dict)
            consider_dict(&s, slots->dict, false, NULL);
        consider_dict(&s, C(t)->shape, true, slots);
    }
    for (int32_t i = 0; i < C(t)->mro_length; i++) {
        const Type *m = C(t)->mro[i];
        if (type_is_user_class(m)) {
            consider_dict(&s, C(m)->dict, false, NULL);
            continue;
        }
        for (int32_t k = 0; k < SLOT_COUNT; k++) {
            InternEntry *e = builtin_defines(m, k) ? intern(slot_name(k)) : NULL;
            if (e)
                consider(&s, e->str);
        }
        /* a builtin layout's named methods and data attributes (upper, bit_length ...) */
        const char *const *members = is_builtin_layout_id(m->id) ? builtin_member_names(m->id) : NULL;
        for (int32_t k = 0; members && members[k]; k++) {
            InternEntry *e = intern(members[k]);
            if (e)
                consider(&s, e->str);
        }
    }
    static const char *const more[] = {"__class__", "__doc__", "__dict__", "__module__", "__weakref__", NULL};
    for (int32_t k = 0; more[k]; k++) {
        InternEntry *e = intern(more[k]);
        if (e)
            consider(&s, e->str);
    }
    return s.candidates >= 750 ? NULL : s.best;
}
