/*
 * taipan_internal.h — layouts and helpers shared between runtime source
 * files (and the native unit tests). Not part of the compiler ABI.
 *
 * Invariants:
 *  - Every heap object is created by obj_alloc and released by obj_dealloc;
 *    the allocator is sized (callers pass the size back on free), so each
 *    object kind must be able to recompute its allocation size.
 *  - Ints are exposed only through int_* helpers so a bigint payload can
 *    later replace the int64 one without touching callers.
 */
#ifndef TAIPAN_INTERNAL_H
#define TAIPAN_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
#include "taipan.h"

/* ---- tagging ---------------------------------------------------------- */
#define SMALL_INT_MIN (-(1 << 30))
#define SMALL_INT_MAX ((1 << 30) - 1)
#define IMMORTAL_REFCNT (-1)

static inline bool is_small_int(const Obj *o) { return ((uintptr_t)o & 1) != 0; }
static inline int32_t small_int_value(const Obj *o) {
    /* Truncate to 32 bits first so native (64-bit) builds keep the 31-bit range. */
    return (int32_t)(intptr_t)o >> 1;
}
static inline Obj *small_int_make(int32_t v) {
    return (Obj *)(intptr_t)(int32_t)(((uint32_t)v << 1) | 1u);
}

/* ---- object layouts --------------------------------------------------- */
/* Arbitrary precision (int.c, bigint.c): sign + magnitude in 32-bit
 * digits stored inline. size is the signed digit count (negative for a
 * negative value, 0 only for the bool False); digits has |size| entries,
 * least significant first, with no leading zero digit. */
typedef struct IntObj {
    Obj header;
    int32_t size;
    uint32_t digits[];
} IntObj;

/* The static True/False objects: IntObj's layout with one digit. */
typedef struct BoolObj {
    Obj header;
    int32_t size;
    uint32_t digits[1];
} BoolObj;

typedef struct FloatObj {
    Obj header;
    double value;
} FloatObj;

typedef struct StrObj {
    Obj header;
    int32_t length; /* code points */
    int32_t kind;   /* 1, 2 or 4 bytes per code point */
    int64_t hash;   /* -1 until computed (hash.c) */
    uint8_t data[];
} StrObj;

/* A compiled function. code is the compiler's static descriptor (never
 * freed); every Obj* field is owned. defaults/kwdefaults/closure/dict/module
 * NULL mean None / None / None / not created yet / '__main__'. */
typedef struct FuncObj {
    Obj header;
    const FuncCode *code;
    Obj *name;       /* str */
    Obj *qualname;   /* str */
    Obj *doc;        /* any value (None when there is no docstring) */
    Obj *module;     /* any value, or NULL for '__main__' */
    Obj *defaults;   /* tuple or NULL */
    Obj *kwdefaults; /* dict or NULL */
    Obj *closure;    /* tuple of cells or NULL */
    Obj *dict;       /* the __dict__, created on demand, or NULL */
} FuncObj;

/* A closure cell; value NULL = empty. */
typedef struct CellObj {
    Obj header;
    Obj *value; /* owned or NULL */
} CellObj;

/* Every exception instance. args is never NULL for a live exception (the
 * static MemoryError instance points at the immortal empty tuple). cause
 * and context NULL mean None. report_text is str(e) computed when the
 * exception was made from arbitrary args (see exc.c: the uncaught report
 * must not link the generic str/repr into every program); NULL otherwise. */
typedef struct ExcObj {
    Obj header;
    Obj *args;      /* tuple, owned */
    Obj *traceback; /* TbEntry chain, newest (outermost frame) first, or NULL; owned */
    Obj *cause;     /* owned or NULL */
    Obj *context;   /* owned or NULL */
    bool suppress_context;
    Obj *report_text; /* str, owned, or NULL */
    /* AttributeError.name / .obj (3.10+), set by class.c's failed lookups
     * for the report's "Did you mean" suggestion; owned or NULL. */
    Obj *attr_name, *attr_obj;
    /* A builtin exception's own attributes (`e.code = 5`; CPython gives
     * exceptions a __dict__), created on first store; user exception
     * classes keep theirs in InstanceSlots instead. Owned or NULL. */
    Obj *dict;
} ExcObj;

/* One traceback entry: a call site in the compiler's traceback table. */
typedef struct TbEntry {
    Obj header;
    Obj *next; /* owned TbEntry or NULL */
    int32_t site;
} TbEntry;

/* ---- type descriptors (object.c, exc.c) -------------------------------- */
extern Type type_type, type_none, type_bool, type_int, type_float, type_str,
    type_function;
extern Type type_base_exception, type_exception, type_arithmetic_error,
    type_zero_division_error, type_overflow_error, type_lookup_error,
    type_index_error, type_key_error, type_value_error, type_type_error,
    type_name_error, type_unbound_local_error, type_runtime_error,
    type_recursion_error, type_not_implemented_error, type_memory_error,
    type_attribute_error, type_assertion_error, type_eof_error, type_unicode_error,
    type_unicode_encode_error, type_unicode_decode_error, type_system_exit,
    type_keyboard_interrupt, type_generator_exit, type_floating_point_error,
    type_buffer_error, type_import_error, type_module_not_found_error, type_os_error,
    type_blocking_io_error, type_child_process_error, type_connection_error,
    type_broken_pipe_error, type_connection_aborted_error, type_connection_refused_error,
    type_connection_reset_error, type_file_exists_error, type_file_not_found_error,
    type_interrupted_error, type_is_a_directory_error, type_not_a_directory_error,
    type_permission_error, type_process_lookup_error, type_timeout_error,
    type_reference_error, type_stop_async_iteration, type_syntax_error,
    type_indentation_error, type_tab_error, type_system_error,
    type_unicode_translate_error, type_warning, type_user_warning,
    type_deprecation_warning, type_pending_deprecation_warning, type_syntax_warning,
    type_runtime_warning, type_future_warning, type_import_warning,
    type_unicode_warning, type_bytes_warning, type_resource_warning,
    type_encoding_warning, type_traceback, type_cell;

extern Obj none_object;
extern BoolObj true_object, false_object;

static inline TypeId type_id_of(const Obj *o) {
    return is_small_int(o) ? TYPE_ID_INT : (TypeId)o->type->id;
}
static inline const Type *type_of(const Obj *o) {
    return is_small_int(o) ? &type_int : o->type;
}
static inline const char *type_name_of(const Obj *o) { return type_of(o)->name; }
static inline bool is_int_like(const Obj *o) {
    TypeId id = type_id_of(o);
    return id == TYPE_ID_INT || id == TYPE_ID_BOOL;
}
static inline bool is_str(const Obj *o) { return type_id_of(o) == TYPE_ID_STR; }
static inline bool is_float(const Obj *o) { return type_id_of(o) == TYPE_ID_FLOAT; }
static inline bool is_exception_type_id(int32_t id) {
    return id >= TYPE_ID_BASE_EXCEPTION && id <= TYPE_ID_LAST_EXCEPTION;
}
static inline bool is_exception_type(const Type *t) { return is_exception_type_id(t->id); }
static inline bool is_exception(const Obj *o) { return is_exception_type_id(type_id_of(o)); }
bool type_is_subtype(const Type *t, const Type *base);

static inline Obj *new_ref(Obj *o) { rt_incref(o); return o; }

/* ---- class.c: user classes ---------------------------------------------
 * The contract every protocol uses to route through user classes. */
static inline bool type_is_user_class(const Type *t) { return (t->flags & TYPE_FLAG_USER_CLASS) != 0; }
static inline bool is_user_instance(const Obj *o) { return !is_small_int(o) && type_is_user_class(o->type); }
/* CPython's special-method lookup of `name` (an ASCII dunder) on type(o)'s
 * MRO, never the instance: the attribute (borrowed) when the first class in
 * the MRO that defines `name` is a user class, else NULL (the builtin
 * behaviour of o's layout type applies). A user class may define it as
 * None (`__hash__ = None`): that is returned as None. No exception is ever
 * set. */
Obj *special_lookup(const Obj *o, const char *name);
/* Calls attr (from special_lookup) as a method of o: functions get o
 * prepended, other descriptors are bound through __get__ first; args
 * borrowed. New reference, or NULL with an exception pending. */
Obj *special_call(Obj *o, Obj *attr, int32_t nargs, Obj *const *args);
/* special_lookup + special_call; *found = false (and NULL, nothing
 * pending) when no user class defines `name`. */
Obj *special_call_by_name(Obj *o, const char *name, int32_t nargs, Obj *const *args, bool *found);
/* type(o).name(o, *args) as CPython's slot functions call a method: the
 * first class of the MRO that defines name, a user class's attribute or a
 * builtin layout's own operator method (int.__add__, str.__mul__ ...);
 * *found false (NULL, nothing pending) when none does. */
Obj *special_method_call(Obj *o, const char *name, int32_t nargs, Obj *const *args, bool *found);
/* The NotImplemented singleton (borrowed, immortal). */
extern Obj not_implemented_object;
/* The builtin methods class.c knows by number: object's, BaseException's,
 * and those of the builtin layouts (layout_slots.c). A SlotMethodObj holds
 * one (object.__init__, int.__add__, super().__getitem__ ...). */
typedef enum Slot {
    SLOT_INIT, SLOT_NEW, SLOT_REPR, SLOT_STR, SLOT_HASH, SLOT_EQ, SLOT_NE, SLOT_LT, SLOT_LE, SLOT_GT, SLOT_GE,
    SLOT_FORMAT, SLOT_GETATTRIBUTE, SLOT_SETATTR, SLOT_DELATTR, SLOT_INIT_SUBCLASS, SLOT_SUBCLASSHOOK,
    SLOT_REDUCE, SLOT_REDUCE_EX, SLOT_SIZEOF, SLOT_DIR,
    SLOT_OBJECT_COUNT, /* the ones above are object's */
    SLOT_SETSTATE = SLOT_OBJECT_COUNT, SLOT_WITH_TRACEBACK,
    /* the builtin layouts' operators: each binary one (in BinaryOp order,
     * without @) followed by its reflected form, so SLOT_ADD + 2 * op + r */
    SLOT_ADD, SLOT_RADD, SLOT_SUB, SLOT_RSUB, SLOT_MUL, SLOT_RMUL, SLOT_TRUEDIV, SLOT_RTRUEDIV,
    SLOT_FLOORDIV, SLOT_RFLOORDIV, SLOT_MOD, SLOT_RMOD, SLOT_POW, SLOT_RPOW, SLOT_LSHIFT, SLOT_RLSHIFT,
    SLOT_RSHIFT, SLOT_RRSHIFT, SLOT_AND, SLOT_RAND, SLOT_OR, SLOT_ROR, SLOT_XOR, SLOT_RXOR,
    SLOT_DIVMOD, SLOT_RDIVMOD, SLOT_NEG, SLOT_POS, SLOT_ABS, SLOT_INVERT, SLOT_BOOL, SLOT_INT,
    SLOT_FLOAT, SLOT_INDEX, SLOT_ROUND, SLOT_TRUNC, SLOT_FLOOR, SLOT_CEIL, SLOT_GETNEWARGS, SLOT_LEN,
    SLOT_GETITEM, SLOT_CONTAINS, SLOT_ITER, SLOT_BYTES, SLOT_SETITEM, SLOT_DELITEM, SLOT_REVERSED,
    SLOT_IADD, SLOT_IMUL, SLOT_IOR,
    SLOT_CALL, /* type.__call__ (a metaclass's super().__call__) */
    SLOT_COUNT,
    /* data attributes the builtin layouts define (never values of SlotMethodObj) */
    NAME_CLASS = SLOT_COUNT, NAME_DOC, NAME_EXC_MEMBER,
    NAME_NONE = -1
} Slot;
/* Per-instance attribute storage of a user-class instance, placed after
 * the layout type's own fields (ClassObj.slots_offset). Values are indexed
 * by the class's shape (name -> index); a NULL value is an unset
 * attribute. Once __dict__ is asked for, `dict` holds every attribute
 * except the __slots__ ones, which stay in `values` (the instance stays in
 * dict mode for good). */
typedef struct InstanceSlots {
    Obj *dict;               /* owned, or NULL while in shape mode */
    Obj **values;            /* the inline area after this struct, or a heap block */
    int32_t capacity;        /* entries in values */
    int16_t inline_capacity; /* entries of the inline area (fixed at allocation) */
    int16_t flags;           /* INSTANCE_FINALIZED: __del__ already ran */
} InstanceSlots;
#define INSTANCE_FINALIZED 1
/* A class made by a class statement. Starts with Type so everything that
 * treats a TYPE_ID_TYPE object as a Type keeps working: header type
 * &type_type, name an owned UTF-8 copy of __name__, id the layout TypeId,
 * base CPython's __base__, flags TYPE_FLAG_USER_CLASS. */
typedef struct ClassObj {
    Type type;
    Obj *name, *qualname; /* str */
    Obj *bases;           /* tuple of classes (owned) */
    const Type **mro;     /* mro[0] == this class (not counted); the rest owned (static types are immortal) */
    int32_t mro_length;
    int32_t class_flags;  /* CLASS_* */
    Obj *dict;            /* dict str -> value: __module__, __doc__, methods, class attributes */
    Obj *shape;           /* dict str -> small int index shared by the instances */
    int32_t shape_length;
    uint32_t slots_offset;  /* where InstanceSlots sits in an instance */
    uint32_t name_bytes;    /* allocation size of type.name */
    uint32_t hooks, hooks_epoch; /* cached: which of __getattr__ & co the MRO overrides (class.c) */
    struct LookupCacheEntry *lookup_cache; /* class.c: MRO lookups by (immortal) name, or NULL */
} ClassObj;
#define CLASS_NO_DICT 1   /* __slots__ without __dict__: the shape is fixed */
#define CLASS_ABSTRACT 2  /* a non-empty __abstractmethods__ was set: object.__new__ refuses (abc) */
/* The builtin layouts a user class can give its instances besides object
 * and the exceptions: the containers whose object comes first (dict, list)
 * and the immutable value types (int, float, str, tuple, bytes), whose value
 * is copied into the subclass instance when it is made. The instance's
 * header type is the class and its type id the layout's, so the by-id code
 * reads the value in place. */
static inline bool is_value_layout_id(int32_t id) {
    return id == TYPE_ID_INT || id == TYPE_ID_FLOAT || id == TYPE_ID_STR || id == TYPE_ID_TUPLE ||
           id == TYPE_ID_BYTES;
}
static inline bool is_builtin_layout_id(int32_t id) {
    return is_value_layout_id(id) || id == TYPE_ID_DICT || id == TYPE_ID_LIST;
}
/* slots_offset of the variable-size layouts (int, str, tuple, bytes): the
 * InstanceSlots follow the value's own data, rounded up to 8 bytes, so
 * their place depends on the instance (value_slots_offset, class.c). */
#define SLOTS_AFTER_VALUE 0u
uint32_t value_slots_offset(const Obj *o);
static inline InstanceSlots *instance_slots(Obj *o) {
    uint32_t offset = ((const ClassObj *)o->type)->slots_offset;
    if (offset == SLOTS_AFTER_VALUE)
        offset = value_slots_offset(o);
    return (InstanceSlots *)((char *)o + offset);
}
/* A new instance of user class cls (a value layout: int, float, str, tuple,
 * bytes) holding value, an exact builtin value of that layout (borrowed). */
Obj *value_instance_new(const Type *cls, Obj *value);
const char *slot_method_name(int32_t slot); /* "__add__" */
/* layout_slots.c: the builtin layouts' own special methods. */
bool layout_defines(int32_t layout, int32_t slot); /* builtin type `layout` has `slot` in its __dict__ */
/* owner.slot(self, *argv): int.__add__, str.__repr__, list.__getitem__ ...;
 * self is an instance of owner (a subclass's included). */
Obj *layout_slot_call(int32_t slot, const Type *owner, Obj *self, Obj *const *argv, int32_t nargs, Obj *kwargs);
/* owner.__new__(cls, *argv, **kwargs) for a value layout owner: the
 * builtin constructor's value, in a new instance of cls when cls is a user
 * class. */
Obj *layout_value_new(const Type *owner, const Type *cls, Obj *const *argv, int32_t nargs, Obj *kwargs);
Obj *layout_exact_value(Obj *o); /* int_exact, str_exact ... by the layout of o; new_ref otherwise */
/* cls.name(*args, **kwargs) for a class method of cls's builtin layout
 * (from_bytes, fromkeys, fromhex, maketrans) on a user class cls; *found
 * false (NULL, nothing pending) for other names. */
Obj *layout_class_method_call(Obj *cls, Obj *name, Obj *args, Obj *kwargs, bool *found);
/* The other objects of class.c. Each is a header followed by its owned
 * Obj* fields (class_object_fields tells gc.c where they are). */
typedef struct MethodObj { Obj header; Obj *func; Obj *self; } MethodObj;       /* bound method */
typedef struct WrapperObj { Obj header; Obj *func; } WrapperObj;               /* staticmethod, classmethod */
typedef struct PropertyObj { Obj header; Obj *fget, *fset, *fdel, *doc, *name; } PropertyObj;
typedef struct SuperObj { Obj header; Obj *type; Obj *obj; Obj *obj_type; } SuperObj;
/* object.__init__ & co: self NULL = unbound (wrapper_descriptor), else bound (method-wrapper). */
typedef struct SlotMethodObj { Obj header; Obj *self; int32_t slot; const Type *owner; } SlotMethodObj;
/* A builtin type's method as a value (methods.c): bound to self, or self
 * NULL for the method descriptor of owner (list.append). name is a str;
 * owner is the static type that defines the method. A class or static
 * method (dict.fromkeys, str.maketrans) is bound to the type it was read
 * through. */
typedef struct BuiltinMethodObj { Obj header; Obj *self; Obj *name; const Type *owner; } BuiltinMethodObj;
static inline bool is_class_machinery_id(int32_t id) { return id >= TYPE_ID_OBJECT && id <= TYPE_ID_ELLIPSIS; }
/* The owned Obj* fields of a class.c object (not instances or classes). */
int32_t class_object_fields(Obj *o, Obj ***first);
extern Type type_object, type_not_implemented, type_method, type_staticmethod, type_classmethod,
    type_property, type_super, type_slot_wrapper, type_method_wrapper, type_ellipsis;
/* repr(instance) when no class defines __repr__: <__main__.C object at 0x...>;
 * repr(class): <class '__main__.C'> (builtin types: <class 'int'>). */
Obj *instance_default_repr(Obj *o);
Obj *class_repr(Obj *cls);
/* cls[key] on a class: __class_getitem__(key) when the class defines it;
 * *found false (NULL, nothing pending) otherwise. */
Obj *class_getitem(Obj *cls, Obj *key, bool *found);
/* object.__hash__: the identity hash hash.c uses for plain objects. */
int64_t object_identity_hash(const Obj *o);
/* The objects of class.c: repr, release (returns the size), gc hooks. */
Obj *class_object_repr(Obj *o);           /* method, staticmethod, classmethod, property, super, slot methods */
bool instance_finalize(Obj *o);           /* runs __del__ once; false: resurrected, do not free */
uint32_t class_release(Obj *o);           /* a ClassObj: drops owned refs; returns the size */
uint32_t class_object_release(Obj *o);    /* TYPE_ID_METHOD..TYPE_ID_BUILTIN_METHOD */
void class_gc_clear(Obj *o);              /* gc: empties a class's dict (and drops the lookup caches) */
/* A user instance: its attributes and its layout's fields (not the class
 * reference, which the caller drops after freeing); returns the size. */
uint32_t instance_release(Obj *o);
bool instance_needs_finalize(Obj *o);     /* gc: a user instance with __del__ not yet run */
void instance_gc_finalize(Obj *o);        /* gc: runs __del__ (marks it finalized) */
/* Method calls with self prepended, without building a bound method:
 * f a compiled function; args a tuple or (argv, nargs); kwargs or NULL. */
Obj *func_call_self(Obj *f, Obj *self, Obj *const *argv, int32_t nargs, Obj *args_tuple, Obj *kwargs);
/* class.c: callable(*argv) for a compiled function or a bound method
 * (func.c's call trampolines), as rt_call would with a tuple of argv. */
Obj *call_function_or_method(Obj *callable, Obj *const *argv, int32_t nargs);
/* bytes.c: str(b, encoding, errors), bytes.decode with str()'s argument
 * errors; encoding and errors may be NULL (utf-8, strict). */
Obj *bytes_decode_for_str(Obj *self, Obj *encoding, Obj *errors);
/* class.c: the fast path of a user instance's attributes (see there): the
 * value of o.name (borrowed) or NULL, meaning "take the full protocol", not
 * an error; and o.name = value done (true) or left to the full protocol. */
Obj *instance_getattr_fast(Obj *o, Obj *name);
bool instance_setattr_fast(Obj *o, Obj *name, Obj *value);
/* exceptions made by a class call: the storage of a user subclass */
void exc_refresh_report_text(Obj *e);                 /* exc.c: after args changed */
/* exc.c: assigning/deleting (value NULL) args __traceback__ __cause__
 * __context__ __suppress_context__; *found false for other names. */
int32_t exc_setattr(Obj *e, Obj *name, Obj *value, bool *found);
/* A builtin exception's other attributes (value NULL deletes): 0 / -1. */
int32_t exc_store_attr(Obj *e, Obj *name, Obj *value);
/* The generic entry points' cases for what class.c owns (user instances
 * and classes, the TYPE_ID_OBJECT..TYPE_ID_ELLIPSIS objects, and the
 * dunder methods/attributes of builtin types such as object.__init__).
 * *handled false (nothing pending) sends the caller on to its own cases. */
Obj *classes_getattr(Obj *o, Obj *name, bool *handled);
int32_t classes_setattr(Obj *o, Obj *name, Obj *value, bool *handled); /* value NULL deletes */
int32_t classes_check_method(Obj *o, Obj *name, bool *handled);
Obj *classes_call_method(Obj *self, Obj *name, Obj *args, Obj *kwargs, bool *handled);
Obj *classes_call(Obj *callable, Obj *args, Obj *kwargs);
Obj *classes_call_builtin(int32_t id, Obj *args, Obj *kwargs); /* BUILTIN_OBJECT..BUILTIN_CLASSMETHOD */
bool classes_callable(Obj *o);
/* methods.c: builtin methods as values (BuiltinMethodObj). Whether static
 * type t defines method name (the member tables; data members such as
 * int.real are not methods). */
bool builtin_type_has_method(const Type *t, Obj *name);
/* name of builtin type owner (builtin_type_has_method) as found through
 * obj (an instance of a subtype), or, obj NULL, through the class cls: the
 * bound builtin method, or the method descriptor (list.append); class and
 * static methods are bound to the class. New reference. */
Obj *builtin_method_get(const Type *owner, Obj *name, Obj *obj, const Type *cls);
/* obj.name() for a builtin method of obj's layout type, never a user
 * class's override (super().append(x) in a list subclass). */
Obj *builtin_method_call_on(Obj *obj, Obj *name, Obj *args, Obj *kwargs);
Obj *builtin_method_call(Obj *m, Obj *args, Obj *kwargs); /* calling a BuiltinMethodObj */
Obj *builtin_method_getattr(Obj *m, Obj *name);
Obj *builtin_method_repr(Obj *m);
int32_t builtin_method_equal(Obj *a, Obj *b); /* same __self__ (identity), owner and name: 1/0 */
int64_t builtin_method_hash(Obj *m);
uint32_t builtin_method_release(Obj *m); /* object.c frees these directly, not through taipan.classes */
extern Type type_builtin_method, type_method_descriptor, type_builtin_method_wrapper, type_builtin_wrapper_descriptor;
const char *const *builtin_member_names(int32_t type_id); /* methods.c: that table (NULL-terminated) or NULL */
/* attr(o) when attr is a plain compiled function, else *called false: the
 * lean special call of the paths every program links (dealloc, gc, the
 * uncaught report), which must not pull in the descriptor machinery. */
Obj *special_call_function0(Obj *o, Obj *attr, bool *called);
Obj *class_module(const Type *t); /* a user class's __module__ (borrowed) or NULL */
/* The uncaught report's "Did you mean: 'x'?" for an AttributeError about
 * name on a user instance or class (CPython's suggestion metric over
 * dir(obj)); borrowed str or NULL. */
Obj *attribute_suggestion(Obj *obj, Obj *name);
Obj *bound_method_new(Obj *func, Obj *self); /* a bound method (type `method`) */
Obj *type_mro_method(Obj *cls, Obj *args, Obj *kwargs); /* type.mro(cls): the MRO as a list */
int32_t method_equal(Obj *a, Obj *b); /* two bound methods: same __self__, equal __func__; 1/0/-1 */
int64_t method_hash(Obj *m);          /* a bound method's hash (hash.c) */
/* Whether rt_getattr & co must ask class.c first. */
static inline bool is_class_receiver(const Obj *o) {
    return !is_small_int(o) && (type_is_user_class(o->type) || is_class_machinery_id(o->type->id) ||
                                o->type->id == TYPE_ID_TYPE);
}
Obj *type_call3(Obj *args, Obj *kwargs);           /* class.c: type(name, bases, ns, **kw) */
void exc_set_args(Obj *e, Obj *args);                 /* exc.c: e.args = args (a tuple), report text refreshed */
static inline Obj *bool_obj(bool v) { return v ? (Obj *)&true_object : (Obj *)&false_object; }

/* ---- platform.c: the only place that knows wasm from native ----------- */
uintptr_t platform_memory_base(void);
uint32_t platform_memory_bytes(void);
bool platform_memory_grow(uint32_t pages);
void platform_write(int32_t fd, const uint8_t *bytes, uint32_t len);
int32_t platform_read(int32_t fd, uint8_t *bytes, uint32_t len); /* 0 = end of input, -1 = error */
_Noreturn void platform_exit(int32_t code);
/* The program's arguments (WASI args_sizes_get/args_get): *argc and the
 * bytes of the NUL-terminated strings end to end; then fills argv (argc
 * pointers) and buf (buf_size bytes). Only sys.argv reaches these, so only
 * programs importing sys import the two WASI functions. false on error. */
bool platform_args_sizes(uint32_t *argc, uint32_t *buf_size);
bool platform_args_get(uint8_t **argv, uint8_t *buf);
/* Files, directories, clocks and the environment over WASI (fileio.c and
 * osmodule.c are the only callers). Each returns a WASI errno, 0 on success.
 * Paths are NUL-terminated UTF-8, resolved against the preopened
 * directories: a relative path against the one named ".", an absolute one
 * against the longest matching absolute preopen. oflags are WASI's
 * (CREAT 1, DIRECTORY 2, EXCL 4, TRUNC 8); whence is SET 0, CUR 1, END 2;
 * filetype is WASI's (3 directory, 4 regular file, 7 symlink). */
int32_t platform_open(const char *path, uint32_t oflags, bool read, bool write, bool append, int32_t *fd);
int32_t platform_fd_filetype(int32_t fd, uint8_t *filetype);
int32_t platform_stat(const char *path, bool follow, uint8_t *filetype, uint64_t *size, uint64_t *mtime_ns);
int32_t platform_seek(int32_t fd, int64_t offset, int32_t whence, uint64_t *position);
int32_t platform_close(int32_t fd);
int32_t platform_read_some(int32_t fd, uint8_t *bytes, uint32_t len, uint32_t *got); /* *got 0 = end of file */
int32_t platform_write_all(int32_t fd, const uint8_t *bytes, uint32_t len);
typedef enum PlatformPathOp { PATH_UNLINK, PATH_MKDIR, PATH_RMDIR } PlatformPathOp;
int32_t platform_path_op(PlatformPathOp op, const char *path);
int32_t platform_rename(const char *from, const char *to);
/* WASI fd_readdir: dirents (24-byte header, then the name) from cookie on. */
int32_t platform_readdir(int32_t fd, uint8_t *buf, uint32_t len, uint64_t cookie, uint32_t *used);
int32_t platform_clock(int32_t clock_id, uint64_t *ns); /* 0 realtime, 1 monotonic, 2 process CPU time */
int32_t platform_sleep(uint64_t ns);                    /* poll_oneoff on a monotonic-clock timeout */
bool platform_environ_sizes(uint32_t *count, uint32_t *buf_size);
bool platform_environ_get(uint8_t **env, uint8_t *buf);
/* len bytes of the host's entropy (WASI random_get); only random.seed(None)
 * reaches it. false on error. */
bool platform_random(uint8_t *buf, uint32_t len);
/* Calls the compiled function at table index `index` as (func, argv): the
 * runtime's only indirect call (call_indirect on wasm). */
Obj *platform_call_vector(int32_t index, Obj *func, Obj **argv);

/* ---- alloc.c ---------------------------------------------------------- */
void heap_init(uint32_t heap_start);
void *heap_alloc(uint32_t size);          /* NULL when memory is exhausted */
void heap_free(void *block, uint32_t size);
uint32_t heap_size_class_bytes(uint32_t size);

/* ---- object.c --------------------------------------------------------- */
/* obj_alloc raises MemoryError; obj_alloc_quiet just returns NULL (for
 * callers that must not replace a pending exception). A tracked type's
 * object comes with a GcHead in front and its body zeroed. */
Obj *obj_alloc(const Type *type, uint32_t size);
Obj *obj_alloc_quiet(const Type *type, uint32_t size);
void obj_dealloc(Obj *o);
/* Frees an object whose fields are already released (or never set):
 * untracks it, frees its block (GcHead included) and counts it dead. */
void obj_free_memory(Obj *o, uint32_t size);
/* Unlinks a tracked object from the collector's list before its memory is freed. */
void obj_untrack_for_free(Obj *o);
void obj_make_immortal(Obj *o);
void live_count_adjust(int32_t delta);

/* ---- gc.c: the cycle collector ------------------------------------------
 * Every heap object of a type that can hold references to tracked objects
 * is allocated with a GcHead immediately BEFORE its Obj header, so the
 * header compiled code relies on (refcnt at offset 0, type at offset 4) is
 * unchanged. The heads form one doubly linked list (gc_list, a sentinel)
 * of every tracked object: linked in obj_alloc, unlinked in obj_dealloc
 * before the fields are released, or in obj_make_immortal. Static and
 * immortal objects have no head and are never looked at (refcnt < 0). */
typedef struct GcHead {
    struct GcHead *next, *prev;
    int32_t gc_refs; /* scratch during a collection */
    int32_t flags;   /* GC_* bits; 0 outside a collection */
} GcHead;
_Static_assert(sizeof(GcHead) % 8 == 0, "GcHead keeps objects 8-aligned");

/* Types whose objects are tracked. Not tracked: int, float, str, bytes
 * (no references), range and the range/str/bytes iterators (they hold only
 * ints, str or bytes), builtin functions and types (static). */
#define GC_BIT(id) (1ull << ((id) & 63))
#define GC_TRACKED_LOW /* ids below 64 (a static assert below checks) */ \
    (GC_BIT(TYPE_ID_TYPE) /* user classes; the static types are immortal */ | GC_BIT(TYPE_ID_FUNCTION) | GC_BIT(TYPE_ID_TUPLE) | GC_BIT(TYPE_ID_LIST) | GC_BIT(TYPE_ID_DICT) | \
     GC_BIT(TYPE_ID_SET) | GC_BIT(TYPE_ID_FROZENSET) | GC_BIT(TYPE_ID_SLICE) | GC_BIT(TYPE_ID_DICT_KEYS) | \
     GC_BIT(TYPE_ID_DICT_VALUES) | GC_BIT(TYPE_ID_DICT_ITEMS) | GC_BIT(TYPE_ID_LIST_ITERATOR) | \
     GC_BIT(TYPE_ID_LIST_REVERSE_ITERATOR) | GC_BIT(TYPE_ID_TUPLE_ITERATOR) | GC_BIT(TYPE_ID_REVERSED) | \
     GC_BIT(TYPE_ID_DICT_KEY_ITERATOR) | GC_BIT(TYPE_ID_DICT_VALUE_ITERATOR) | \
     GC_BIT(TYPE_ID_DICT_ITEM_ITERATOR) | GC_BIT(TYPE_ID_DICT_REVERSE_KEY_ITERATOR) | \
     GC_BIT(TYPE_ID_DICT_REVERSE_VALUE_ITERATOR) | GC_BIT(TYPE_ID_DICT_REVERSE_ITEM_ITERATOR) | \
     GC_BIT(TYPE_ID_SET_ITERATOR) | GC_BIT(TYPE_ID_ENUMERATE) | GC_BIT(TYPE_ID_ZIP))
_Static_assert(TYPE_ID_ZIP < 64 && TYPE_ID_BASE_EXCEPTION < 64 && TYPE_ID_LAST_EXCEPTION >= 64,"GC_TRACKED_LOW covers the low ids");
/* One mask test on the allocation/deallocation fast paths. */
static inline bool gc_type_tracked(int32_t id) {
    if (id < 64)
        return ((GC_TRACKED_LOW >> id) & 1) != 0 || id >= TYPE_ID_BASE_EXCEPTION;
    return id <= TYPE_ID_LAST_EXCEPTION || id == TYPE_ID_TRACEBACK || id == TYPE_ID_CELL ||
           id == TYPE_ID_GENERATOR || id == TYPE_ID_MAP || id == TYPE_ID_FILTER ||
           id == TYPE_ID_OBJECT || (id >= TYPE_ID_METHOD && id <= TYPE_ID_BUILTIN_METHOD);
}
/* Whether objects of type t carry a GcHead: a tracked layout, or any user
 * class (an instance of a subclass of int or str holds attributes too). */
static inline bool type_tracked(const Type *t) { return gc_type_tracked(t->id) || type_is_user_class(t); }
static inline GcHead *gc_head_of(Obj *o) { return (GcHead *)o - 1; }
static inline Obj *gc_obj_of(GcHead *h) { return (Obj *)(h + 1); }

extern GcHead gc_list;          /* sentinel of the tracked objects */
extern int32_t gc_pending;      /* tracked allocations minus deallocations since the last collection */
extern int32_t gc_threshold;    /* gc_pending beyond this triggers a collection */
extern int32_t gc_tracked_count;
extern bool gc_running;

static inline void gc_link(GcHead *h) {
    GcHead *last = gc_list.prev;
    h->next = &gc_list;
    h->prev = last;
    h->gc_refs = 0;
    h->flags = 0;
    last->next = h;
    gc_list.prev = h;
    gc_tracked_count++;
}
static inline void gc_unlink(GcHead *h) {
    h->prev->next = h->next;
    h->next->prev = h->prev;
    h->next = h->prev = h;
    gc_tracked_count--;
}
void gc_init(void);
int32_t gc_collect(void);      /* a full collection; 0 while one is running */
/* gen.c: the collector's hooks into generators */
void gen_gc_finalize(Obj *g); /* closes a suspended generator (unraisable report on error) */
void gen_gc_clear(Obj *g);    /* drops every reference; the generator becomes finished */
void dict_gc_clear(Obj *d);   /* dict.c: dict.clear() */

/* ---- exc.c ------------------------------------------------------------ */
/* Format directives: %s C string (UTF-8), %d int32, %D int64, %T type name of
 * an Obj*, %S str() of an Obj*, %R repr() of an Obj*, %% literal. */
void err_format(const Type *type, const char *fmt, ...);
void err_set_str(const Type *type, Obj *message); /* message borrowed */
void err_no_memory(void);
void err_int_overflow(void);
Obj *err_pending(void);                      /* borrowed or NULL */
bool err_matches(const Type *type);
Obj *exc_new(const Type *type, Obj *message);     /* args = (message,); borrowed */
Obj *exc_new_args(const Type *type, Obj *args);   /* args a tuple, borrowed */
void err_set_object(const Type *type, Obj *value); /* raises type(value); borrowed */
uint32_t exc_release(Obj *e);                     /* drops owned refs; returns the size */
Obj *exc_str(Obj *e);                             /* str(e) */
Obj *exc_repr(Obj *e);                            /* repr(e) */
Obj *exc_type_call(const Type *type, Obj *args, Obj *kwargs); /* ValueError(...) */
Obj *exc_getattr(Obj *e, Obj *name, bool *found); /* args __cause__ ... */
bool exc_has_member(Obj *e, Obj *name);
/* Steals exc (may be NULL) and makes it the handled exception; returns the
 * previous one (owned, may be NULL). Generators swap their own in and out. */
Obj *exc_swap_handled(Obj *exc);
/* Chains the handled exception into the pending one as its __context__
 * (what raising does), for an exception thrown into a generator. */
void exc_chain_pending_context(void);
/* Replaces the pending exception by a new type(message) whose __cause__
 * and __context__ are the old one (CPython's _PyErr_FormatFromCause). */
void err_replace_from_cause(const Type *type, const char *message);
/* traceback.c */
uint32_t traceback_release(Obj *tb); /* iterative over the whole chain */
/* Prints the pending exception as CPython's default unraisable hook does
 * ("Exception ignored in: <where>", the traceback, "Type: str(e)") and
 * clears it; where is a str (borrowed). */
void report_unraisable(Obj *where);
/* The recursion guard (exc.c): the limit rt_enter enforces, and the current
 * frame depth (the module body counts as 1). */
int32_t exc_recursion_limit(void);
void exc_set_recursion_limit(int32_t limit);
int32_t exc_frame_depth(void);

/* ---- int.c ------------------------------------------------------------ */
Obj *int_from_i64(int64_t v);
/* o must be int-like. int_to_i64 saturates to INT64_MIN/INT64_MAX beyond
 * int64 (so an oversized index still reads as out of range);
 * int_to_i64_checked reports whether the value fits instead. */
int64_t int_to_i64(const Obj *o);
bool int_to_i64_checked(const Obj *o, int64_t *out);
uint32_t int_alloc_size(int32_t ndigits); /* bytes of a boxed int with ndigits digits */
Obj *int_pos(Obj *a);          /* +a: bool -> int, int -> itself */
/* The value of an int-like object as an exact int: an int itself, a bool or
 * an instance of an int subclass as a new plain int (a builtin operation
 * never hands a subclass instance out as its result, as in CPython). */
Obj *int_exact(Obj *a);
int64_t int_hash(const Obj *a);  /* CPython's modular hash (never -1) */
Obj *int_add(Obj *a, Obj *b);
Obj *int_sub(Obj *a, Obj *b);
Obj *int_mul(Obj *a, Obj *b);
Obj *int_truediv(Obj *a, Obj *b);
Obj *int_floordiv(Obj *a, Obj *b);
Obj *int_mod(Obj *a, Obj *b);
Obj *int_pow(Obj *a, Obj *b);
Obj *int_lshift(Obj *a, Obj *b);
Obj *int_rshift(Obj *a, Obj *b);
Obj *int_bitand(Obj *a, Obj *b);
Obj *int_bitor(Obj *a, Obj *b);
Obj *int_bitxor(Obj *a, Obj *b);
Obj *int_neg(Obj *a);
Obj *int_invert(Obj *a);
Obj *int_abs(Obj *a);
int int_compare(const Obj *a, const Obj *b); /* -1, 0, 1 */
bool int_is_zero(const Obj *a);
int int_sign(const Obj *a);
bool int_to_double(const Obj *a, double *out); /* false + OverflowError if too big */
int int_compare_double(const Obj *a, double d); /* -1, 0, 1, or 2 if unordered */
/* a != 0: |a| = m * 2^e, m in [0.5, 1) correctly rounded to 53 bits (math.log of huge ints) */
double int_frexp_abs(const Obj *a, int64_t *e);
int64_t int_bit_length(const Obj *a); /* of |a|; 0 for 0 */
Obj *int_to_decimal_str(const Obj *a);
Obj *int_from_double(double d); /* truncates; inf/nan raise */
Obj *int_parse_decimal(Obj *str); /* int(str) */
Obj *int_from_magnitude(const uint32_t *digits, int32_t n, bool negative); /* copies digits */
Obj *int_from_bytes(Obj *args, Obj *kwargs); /* int.from_bytes (number_methods.c) */

/* ---- hash.c ----------------------------------------------------------- */
/* hash(o) as CPython 3.11 with PYTHONHASHSEED=0; -1 with TypeError
 * "unhashable type: 'list'" for unhashable values. */
int64_t hash_of(Obj *o);
int64_t float_hash(double v);
int64_t str_hash(Obj *s); /* cached in StrObj.hash */
uint64_t siphash13_zero_key(const uint8_t *bytes, uint32_t len); /* CPython's str/bytes hash core */

/* ---- float.c ---------------------------------------------------------- */
Obj *float_from_double(double v);
Obj *float_exact(Obj *o); /* a float subclass instance as a plain float (int_exact's rule) */
static inline double float_value(const Obj *o) { return ((const FloatObj *)o)->value; }
Obj *float_add(double a, double b);
Obj *float_sub(double a, double b);
Obj *float_mul(double a, double b);
Obj *float_truediv(double a, double b);
Obj *float_floordiv(double a, double b);
Obj *float_mod(double a, double b);
Obj *float_pow(double a, double b);
/* Writes repr(v) NUL-terminated into buf (>= 32 bytes); returns length. */
int32_t float_repr_chars(double v, char *buf);
Obj *float_repr(double v);
Obj *float_parse(Obj *str); /* float(str) */

/* ---- float_text.c: exact decimal <-> double ------------------------------ */
/* v finite and > 0: shortest round-trip digits (no trailing zeros), with the
 * decimal exponent of the first digit. */
int32_t float_shortest_digits(double v, char out[20], int32_t *decimal_exponent);
/* Correctly rounded digits[0..n) * 10^k (ASCII digits, n may be huge). */
double float_from_decimal(const char *digits, int32_t n, int32_t k);
/* v finite and > 0: every digit of v's exact decimal expansion (no trailing
 * zeros; at most FLOAT_EXACT_DIGITS_MAX), with the decimal exponent of the
 * first digit. The formatting code rounds this string, so it is exact. */
#define FLOAT_EXACT_DIGITS_MAX 816
int32_t float_exact_digits(double v, char *out, int32_t *decimal_exponent);

/* ---- str.c ------------------------------------------------------------ */
Obj *str_new_uninit(int32_t length, int32_t kind);
Obj *str_from_utf8(const char *bytes, int32_t nbytes);
Obj *str_from_ascii(const char *cstr);
Obj *str_empty(void); /* immortal '' */
Obj *str_exact(Obj *o); /* o itself, or a str subclass instance as a plain str (int_exact's rule) */
static inline uint32_t str_char_at(const StrObj *s, int32_t i) {
    switch (s->kind) {
    case 1: return s->data[i];
    case 2: return ((const uint16_t *)s->data)[i];
    default: return ((const uint32_t *)s->data)[i];
    }
}
void str_set_char(StrObj *s, int32_t i, uint32_t cp);
uint32_t str_alloc_size(int32_t length, int32_t kind);
Obj *str_concat(Obj *a, Obj *b);
Obj *str_repeat(Obj *s, int64_t count);
int str_compare(const Obj *a, const Obj *b);
bool str_equal(const Obj *a, const Obj *b);
int32_t str_contains(Obj *haystack, Obj *needle);
Obj *str_repr(Obj *s);
/* Encodes UTF-8 into out (capacity bytes); returns bytes needed in total. */
uint32_t str_to_utf8(const Obj *s, char *out, uint32_t capacity);
uint32_t utf8_encode(uint32_t cp, uint8_t out[4]);

/* ---- strbuf.c: growable UTF-8 byte buffer for building text ----------- */
typedef struct StrBuf {
    char *bytes;
    uint32_t len, cap;
    bool heap_owned;
    bool failed; /* an allocation failed; the content is truncated */
    char inline_space[128];
} StrBuf;
void strbuf_init(StrBuf *b);
void strbuf_append(StrBuf *b, const char *bytes, uint32_t n);
void strbuf_append_cstr(StrBuf *b, const char *cstr);
void strbuf_append_char(StrBuf *b, char c);
void strbuf_append_codepoint(StrBuf *b, uint32_t cp);
void strbuf_append_i64(StrBuf *b, int64_t v);
void strbuf_append_str_obj(StrBuf *b, const Obj *s);
Obj *strbuf_finish(StrBuf *b); /* new str (MemoryError on failure); releases b */
void strbuf_release(StrBuf *b);

/* ---- unicode.c (tables generated into unicode_tables.c) --------------- */
bool unicode_is_space(uint32_t cp);
bool unicode_is_printable(uint32_t cp);
int32_t unicode_decimal_value(uint32_t cp); /* -1 if not a decimal digit */
uint32_t unicode_flags(uint32_t cp);        /* UFLAG_* bits, see src/unicode_tables.h */
typedef enum UnicodeCase { UCASE_UPPER, UCASE_LOWER, UCASE_TITLE, UCASE_FOLD } UnicodeCase;
/* Full (possibly multi-character) mapping of one code point without
 * context; writes 1..3 code points to out and returns the count. */
int32_t unicode_case_map(uint32_t cp, UnicodeCase which, uint32_t out[3]);

/* ---- str_methods.c ----------------------------------------------------- */
/* Every str method; unknown names raise AttributeError. */
Obj *str_call_method(Obj *self, Obj *name, Obj *args, Obj *kwargs);

/* ---- format_spec.c, printf_format.c, str_format.c, number_methods.c ---- */
/* |v| rounded half-even on its exact decimal value: digits[0..n) (no
 * trailing zeros) with the first digit at 10^exponent; n == 0 for zero. */
typedef struct RoundedDigits {
    char digits[FLOAT_EXACT_DIGITS_MAX];
    int32_t n;
    int32_t exponent;
} RoundedDigits;
void float_round_fixed(double v, int64_t fraction_digits, RoundedDigits *out);
void float_round_significant(double v, int64_t significant, RoundedDigits *out);
/* Appends |v| as type 'e', 'f', 'g' (precision >= 0) or 'r' (repr digits),
 * with '#' (alternate) and add_dot_0 (format's empty type: at least one
 * fraction digit) semantics; returns whether a minus sign belongs in front
 * (never for nan; not for a value rounding to zero when no_neg_zero). */
bool float_format_magnitude(StrBuf *out, double v, char type, int64_t precision, bool alternate,
                            bool add_dot_0, bool no_neg_zero);
/* The magnitude digits of an int-like value in base 2, 8, 10 or 16. */
Obj *int_magnitude_digits(Obj *value, int32_t base);
Obj *str_printf(Obj *format, Obj *args);                  /* str % args */
Obj *str_format_method(Obj *self, Obj *args, Obj *kwargs); /* str.format */
Obj *str_format_map(Obj *self, Obj *args, Obj *kwargs);    /* str.format_map */
/* int/bool and float methods; *found false (no error) for unknown names. */
Obj *number_call_method(Obj *self, Obj *name, Obj *args, Obj *kwargs, bool *found);
Obj *number_getattr(Obj *self, Obj *name, bool *found); /* real imag numerator denominator */

/* ---- io.c ------------------------------------------------------------- */
void io_write_stdout(const char *bytes, uint32_t n);
void io_write_stdout_str(const Obj *s);
void io_write_stderr(const char *bytes, uint32_t n);
void io_write_stderr_str(const Obj *s);
void io_flush_stdout(void);
void io_flush_stderr(void);

/* ---- func.c ----------------------------------------------------------- */
Obj *func_repr(Obj *f);
/* "0x..." of an object as id() sees it (a linear-memory offset on wasm). */
void strbuf_append_address(StrBuf *b, const Obj *o);
Obj *cell_repr(Obj *c);
uint32_t func_release(Obj *f); /* drops owned refs; returns the size */
uint32_t cell_release(Obj *c);
/* Binds args (tuple) and kwargs (dict of str keys, or NULL) to f's
 * parameters as CPython does and calls its vector entry. */
Obj *func_call(Obj *f, Obj *args, Obj *kwargs);
/* Attributes of a function; *found false (no error) for unknown names. */
Obj *func_getattr(Obj *f, Obj *name, bool *found);
bool func_has_member(Obj *f, Obj *name);
int32_t func_setattr(Obj *f, Obj *name, Obj *value);

/* ---- gen.c ------------------------------------------------------------ */
/* A generator. state is GEN_CREATED, a resume point >= 1 (suspended there),
 * GEN_FINISHED or GEN_RUNNING; resume_at is what rt_gen_state reports while
 * the resume function runs (state is GEN_RUNNING then). Every Obj* is owned. */
typedef struct GenObj {
    Obj header;
    Obj *func;     /* the generator function, or NULL */
    Obj *name;     /* str */
    Obj *qualname; /* str */
    Obj *yf_result; /* a finished `yield from`'s result until rt_yf_result, or NULL */
    Obj *handled;  /* the generator's own handled exception while suspended, or NULL */
    int32_t state;
    int32_t resume_at;
    int32_t resume_index; /* table index of the resume function's vector entry */
    int32_t nslots;
    Obj *slots[]; /* the live values saved across a yield, or NULL */
} GenObj;
extern Type type_generator;
Obj *gen_repr(Obj *g);
/* Closes a suspended generator whose refcount reached zero (its finally
 * blocks run; an error is reported as unraisable). false: it was
 * resurrected and must not be freed. */
bool gen_finalize(Obj *g);
uint32_t gen_release(Obj *g); /* drops owned refs; returns the size */
Obj *gen_iter_next(Obj *g);   /* rt_iter_next: NULL without an exception when finished */
Obj *gen_next(Obj *g, Obj *default_value); /* next(g[, default]): StopIteration(value) */
Obj *gen_getattr(Obj *g, Obj *name, bool *found);
int32_t gen_setattr(Obj *g, Obj *name, Obj *value);
Obj *gen_call_method(Obj *g, Obj *name, Obj *args, Obj *kwargs, bool *found);

/* ---- containers (tuple.c list.c dict.c set.c iter.c containers.c
 *      methods.c call.c iter_builtins.c) ------------------------------------ */
typedef struct TupleObj {
    Obj header;
    int32_t length;
    int32_t hash_unused; /* keeps items 8-aligned on wasm32 too */
    Obj *items[];        /* owned */
} TupleObj;

typedef struct ListObj {
    Obj header;
    int32_t length;
    int32_t capacity;
    Obj **items; /* heap block of capacity slots (NULL when 0); items owned */
} ListObj;

/* Dicts keep insertion order in `entries`; `index` is an open-addressing
 * table of entry positions (DICT_SLOT_EMPTY / DICT_SLOT_DELETED markers).
 * A deleted entry keeps its slot with key == NULL until the next resize. */
typedef struct DictEntry {
    int64_t hash;
    Obj *key;   /* owned; NULL for a deleted entry */
    Obj *value; /* owned */
} DictEntry;

typedef struct DictObj {
    Obj header;
    int32_t used;          /* live entries (len) */
    int32_t entries_len;   /* entries appended so far, deleted included */
    int32_t entries_cap;
    int32_t index_size;    /* power of two, or 0 before the first insert */
    int32_t *index;
    DictEntry *entries;
} DictObj;

/* Sets mirror CPython's open-addressing table (linear probes, then
 * perturbation) so iteration order matches CPython for equal hashes. */
typedef struct SetEntry {
    int64_t hash;
    Obj *key; /* owned; NULL = never used; &set_dummy_key = deleted */
} SetEntry;

typedef struct SetObj {
    Obj header;
    int32_t used;  /* live keys */
    int32_t fill;  /* live + deleted slots */
    int32_t mask;  /* table size - 1 */
    int32_t finger; /* where set.pop resumes scanning, as in CPython */
    SetEntry *table;
    int64_t hash;  /* frozenset hash cache, -1 until computed */
} SetObj;

typedef struct RangeObj {
    Obj header;
    Obj *start, *stop, *step; /* owned ints, as given (bools converted) */
    Obj *length;              /* owned int */
} RangeObj;

typedef struct SliceObj {
    Obj header;
    Obj *start, *stop, *step; /* owned; None for an omitted part */
} SliceObj;

typedef struct DictViewObj {
    Obj header;
    Obj *dict; /* owned */
} DictViewObj;

/* str/list/tuple/reversed iterators walk an index; `seq` is released (set
 * to NULL) once exhausted, as CPython does. */
typedef struct SeqIterObj {
    Obj header;
    Obj *seq;
    int32_t index;
} SeqIterObj;

typedef struct DictIterObj {
    Obj header;
    Obj *dict;             /* owned; NULL once exhausted */
    int32_t position;      /* next entry to look at */
    int32_t expected_used; /* -1 after a size-change error (sticky) */
    int32_t remaining;     /* entries left to yield; catches key changes */
} DictIterObj;

typedef struct SetIterObj {
    Obj header;
    Obj *set;              /* owned; NULL once exhausted */
    int32_t position;
    int32_t expected_used; /* -1 after a size-change error (sticky) */
} SetIterObj;

typedef struct RangeIterObj {
    Obj header;
    int64_t next, step, remaining; /* when every value fits in int64 */
    Obj *long_next, *long_step, *long_remaining; /* otherwise (owned), else NULL */
} RangeIterObj;

typedef struct EnumerateObj {
    Obj header;
    Obj *iter;  /* owned */
    Obj *count; /* owned int */
} EnumerateObj;

typedef struct ZipObj {
    Obj header;
    Obj *iters; /* owned tuple of iterators */
    int32_t strict;
} ZipObj;

typedef struct MapObj {
    Obj header;
    Obj *func;  /* owned */
    Obj *iters; /* owned tuple of iterators, at least one */
} MapObj;

typedef struct FilterObj {
    Obj header;
    Obj *func; /* owned; None keeps the truthy items */
    Obj *iter; /* owned */
} FilterObj;

typedef struct BuiltinFuncObj {
    Obj header;
    int32_t id; /* BuiltinId */
    const char *name;
} BuiltinFuncObj;

extern Type type_tuple, type_list, type_dict, type_set, type_frozenset, type_range,
    type_slice, type_dict_keys, type_dict_values, type_dict_items, type_str_iterator,
    type_str_ascii_iterator, type_list_iterator, type_list_reverse_iterator,
    type_tuple_iterator, type_reversed, type_dict_key_iterator, type_dict_value_iterator,
    type_dict_item_iterator, type_dict_reverse_key_iterator, type_dict_reverse_value_iterator,
    type_dict_reverse_item_iterator, type_set_iterator,
    type_range_iterator, type_long_range_iterator, type_enumerate, type_zip, type_map, type_filter,
    type_builtin_function,
    type_bytes, type_bytes_iterator;
extern Type type_stop_iteration;
extern Obj set_dummy_key;

static inline bool is_container_type_id(TypeId id) {
    return (id >= TYPE_ID_TUPLE && id <= TYPE_ID_BUILTIN_FUNCTION) || id == TYPE_ID_MAP || id == TYPE_ID_FILTER;
}
static inline bool is_tuple(const Obj *o) { return type_id_of(o) == TYPE_ID_TUPLE; }
static inline bool is_list(const Obj *o) { return type_id_of(o) == TYPE_ID_LIST; }
/* A list or tuple whose items a builtin may read in place instead of
 * iterating it: not an instance of a subclass with its own __iter__
 * (CPython reads the items of exact lists and tuples only). */
static inline bool is_item_sequence(const Obj *o) {
    return (is_list(o) || is_tuple(o)) && (!is_user_instance(o) || !special_lookup(o, "__iter__"));
}
static inline bool is_dict(const Obj *o) { return type_id_of(o) == TYPE_ID_DICT; }
static inline bool is_anyset(const Obj *o) {
    TypeId id = type_id_of(o);
    return id == TYPE_ID_SET || id == TYPE_ID_FROZENSET;
}

/* str and the containers with CPython sequence slots (for `in`/len/repeat) */
static inline bool has_sequence_slots(const Obj *o) {
    TypeId id = type_id_of(o);
    return id == TYPE_ID_STR || (id >= TYPE_ID_TUPLE && id <= TYPE_ID_DICT_ITEMS && id != TYPE_ID_SLICE);
}

/* The rich-comparison and binary operators, in ops.c's table order. */
typedef enum CompareOp { CMP_LT, CMP_LE, CMP_EQ, CMP_NE, CMP_GT, CMP_GE } CompareOp;
typedef enum BinaryOp {
    OP_ADD, OP_SUB, OP_MUL, OP_TRUEDIV, OP_FLOORDIV, OP_MOD, OP_POW,
    OP_LSHIFT, OP_RSHIFT, OP_BITAND, OP_BITOR, OP_BITXOR,
    OP_MATMUL /* no builtin type implements @; only user classes (__matmul__) */
} BinaryOp;
/* ops.c: the generic operator, with "+=" style wording when inplace. */
Obj *binary_op(BinaryOp op, Obj *a, Obj *b, bool inplace);

/* containers.c: the hooks ops.c/builtins.c/object.c call for these types */
uint32_t container_release(Obj *o); /* drops owned refs; returns the size */
Obj *container_repr(Obj *o);
int32_t container_truthy(Obj *o);
int64_t container_len(Obj *o); /* -1 + TypeError when unsized */
int32_t container_contains(Obj *container, Obj *item);
/* *handled = false means "not a container operation" (no error set). */
Obj *container_binary(BinaryOp op, Obj *a, Obj *b, bool inplace, bool *handled);
bool container_compare_applies(Obj *a, Obj *b); /* same-kind sequences, sets, dicts... */
/* NotImplemented (borrowed, immortal) for an ordering of dicts, as CPython's dict answers. */
Obj *container_compare(CompareOp op, Obj *a, Obj *b);
int32_t obj_equal(Obj *a, Obj *b);     /* identity first, then ==; 1/0/-1 */
int32_t obj_less_than(Obj *a, Obj *b); /* a < b as 1/0/-1 */
int64_t tuple_hash(Obj *t);            /* CPython's xxHash-style tuple hash; for hash_of */
int64_t frozenset_hash(Obj *s);
Obj *repr_enter_or_placeholder(Obj *o, const char *placeholder, bool *entered);
void repr_leave(Obj *o);

/* index and slice arithmetic shared by the sequences */
typedef struct SliceIndices {
    int64_t start, stop, step, length;
} SliceIndices;
int32_t slice_indices(Obj *slice, int64_t length, SliceIndices *out);
Obj *slice_indices_method(Obj *slice, Obj *args); /* slice.indices(length) */
/* An int index as int64, or IndexError "cannot fit 'int' into an
 * index-sized integer" (CPython's wording for subscripts beyond int64). */
bool index_fits(Obj *key, int64_t *out);
/* An int subscript of a sequence of `length` items, negative counting from the
 * end; raises IndexError(message) when out of range. */
bool sequence_item_index(Obj *key, int64_t length, const char *message, int64_t *out);

/* tuple.c */
Obj *tuple_new(int32_t n); /* items NULL; fill every slot before use */
Obj *tuple_exact(Obj *o);  /* o itself, or a tuple subclass instance as a plain tuple (int_exact's rule) */
Obj *tuple_pack2(Obj *a, Obj *b); /* borrowed */
Obj *tuple_getitem(Obj *t, Obj *key);
Obj *tuple_slice(Obj *t, const SliceIndices *s);
Obj *tuple_concat(Obj *a, Obj *b);
Obj *tuple_repeat(Obj *t, int64_t count);
Obj *tuple_repr(Obj *t);
Obj *sequence_compare(CompareOp op, Obj *a, Obj *b); /* two lists or two tuples */
uint32_t tuple_release(Obj *t);
Obj *sequence_index(Obj *self, Obj *args); /* tuple.index / list.index */
Obj *sequence_count(Obj *self, Obj *needle);

/* list.c */
Obj *list_new(int32_t length); /* items NULL; fill every slot before use */
int32_t list_append(Obj *l, Obj *v); /* v borrowed */
int32_t list_extend(Obj *l, Obj *iterable);
Obj *list_getitem(Obj *l, Obj *key);
int32_t list_setitem(Obj *l, Obj *key, Obj *v);
int32_t list_delitem(Obj *l, Obj *key);
Obj *list_concat(Obj *a, Obj *b);
Obj *list_repeat(Obj *l, int64_t count);
int32_t list_inplace_repeat(Obj *l, int64_t count);
Obj *list_repr(Obj *l);
int32_t list_sort(Obj *l, Obj *key, bool reverse);
Obj *list_call_method(Obj *self, Obj *name, Obj *args, Obj *kwargs, bool *found);
Obj *tuple_call_method(Obj *self, Obj *name, Obj *args, Obj *kwargs, bool *found);
Obj *sequence_from_iterable(Obj *iterable); /* a list, or the tuple/list itself */

/* dict.c */
Obj *dict_new(void);
int32_t dict_set(Obj *d, Obj *key, Obj *value);         /* borrowed */
bool dict_put_steal(Obj *d, const char *key, Obj *value); /* ASCII key; steals value; NULL value: false */
Obj *dict_lookup(Obj *d, Obj *key, int32_t *status);    /* borrowed value or NULL; status -1 on error */
int32_t dict_delete(Obj *d, Obj *key);                  /* 1 deleted, 0 missing, -1 error */
int32_t dict_update(Obj *d, Obj *source);               /* dict or iterable of pairs */
Obj *dict_getitem(Obj *d, Obj *key);
Obj *dict_copy(Obj *d);
Obj *dict_repr(Obj *d);
Obj *dict_view_repr(Obj *view);
/* keys and items views are set-like (values views are not): the operators
 * & | ^ - with any iterable on either side (a set result), comparisons
 * against sets and set-like views, isdisjoint. */
static inline bool is_set_like_view(const Obj *o) {
    TypeId id = type_id_of(o);
    return id == TYPE_ID_DICT_KEYS || id == TYPE_ID_DICT_ITEMS;
}
Obj *dict_view_binary(BinaryOp op, Obj *a, Obj *b);   /* a or b set-like */
Obj *dict_view_compare(CompareOp op, Obj *a, Obj *b); /* a or b set-like, the other set-like or any-set */
Obj *dict_view_call_method(Obj *self, Obj *name, Obj *args, Obj *kwargs, bool *found);
int32_t dict_equal(Obj *a, Obj *b);
Obj *dict_iter(Obj *d, TypeId kind);
Obj *dict_iter_next(Obj *it);
Obj *dict_call_method(Obj *self, Obj *name, Obj *args, Obj *kwargs, bool *found);
void raise_key_error(Obj *key);

/* set.c */
Obj *set_new_of_type(const Type *type);
int32_t set_add_key(Obj *s, Obj *key);          /* borrowed */
int32_t set_contains_key(Obj *s, Obj *key);     /* 1/0/-1 */
int32_t set_update_from(Obj *s, Obj *iterable);
Obj *set_copy_as(Obj *s, const Type *type);
Obj *set_binary(BinaryOp op, Obj *a, Obj *b);   /* both any-set */
Obj *set_intersection(Obj *s, Obj *other);      /* s any-set, other any iterable */
int32_t set_difference_update(Obj *s, Obj *other);
int32_t set_symmetric_difference_update(Obj *s, Obj *other);
int32_t set_inplace(BinaryOp op, Obj *a, Obj *b);
Obj *set_compare(CompareOp op, Obj *a, Obj *b);
Obj *set_repr(Obj *s);
Obj *set_iter(Obj *s);
Obj *set_iter_next(Obj *it);
Obj *set_call_method(Obj *self, Obj *name, Obj *args, Obj *kwargs, bool *found);
void set_release_table(SetObj *s);

/* iter.c: range, slice and the iterator objects */
Obj *range_new_checked(Obj *start, Obj *stop, Obj *step);
Obj *range_getitem(Obj *r, Obj *key);
int32_t range_contains(Obj *r, Obj *item);
Obj *range_repr(Obj *r);
Obj *slice_repr(Obj *s);
Obj *reversed_new(Obj *sequence);
/* iter(o) / reversed(o) by o's type id, never through a user class's
 * __iter__/__reversed__ (list.__iter__ and friends as slot methods). */
Obj *builtin_get_iter(Obj *o);
Obj *builtin_reversed(Obj *o);
Obj *range_compare(CompareOp op, Obj *a, Obj *b);
Obj *range_call_method(Obj *self, Obj *name, Obj *args, Obj *kwargs, bool *found);
int64_t range_length_i64(Obj *r); /* -1 + OverflowError beyond int64 */
bool is_iterable(Obj *o);         /* rt_get_iter would succeed */
/* The builtin item, membership and iteration operations without the user
 * class dispatch rt_getitem & co do first: what `super().__getitem__(i)`
 * in a list subclass reaches (containers.c, ops.c, iter.c). */
Obj *builtin_getitem(Obj *o, Obj *key);
int32_t builtin_setitem(Obj *o, Obj *key, Obj *v);
int32_t builtin_delitem(Obj *o, Obj *key);
int32_t builtin_contains(Obj *container, Obj *item);
int32_t iter_contains(Obj *it, Obj *item); /* containers.c: a scan for an equal item; 1/0/-1 */
Obj *builtin_get_iter(Obj *o);

/* call.c */
Obj *call_with_one_arg(Obj *callable, Obj *arg); /* rt_call(callable, (arg,)) */
/* false with TypeError "keywords must be strings" when a key of kwargs (may be NULL) is not a str */
bool keywords_are_strings(Obj *kwargs);

/* methods.c: argument checking shared by the builtin methods */
bool str_equals_ascii(const Obj *s, const char *ascii);
/* The index of str `name` in a table of ASCII names (count entries, or up to
 * a NULL entry when count < 0), -1 if absent; cached for immortal names. */
int32_t name_index(const Obj *name, const char *const *names, int32_t count);
/* The table index of the fast entry for `self.name(nargs positional
 * arguments)` on an exact builtin receiver (taipan.h's FastMethodId), or -1
 * when there is none or the program did not place it in the table. */
int32_t builtin_fast_method(Obj *self, Obj *name, int32_t nargs);
bool str_equals_utf8(const Obj *s, const char *utf8); /* func.c */
int32_t args_count(Obj *args);
bool check_no_kwargs(Obj *kwargs, const char *qualified_name);
bool check_exactly_one(Obj *args, const char *qualified_name);
bool check_no_args(Obj *args, const char *qualified_name);
bool check_arg_range(Obj *args, const char *name, int32_t min, int32_t max);
static inline Obj *arg_at(Obj *args, int32_t i) { return ((TupleObj *)args)->items[i]; }
void raise_no_attribute(Obj *o, Obj *name);

/* sysmodule.c: module objects and the sys module. A module is static and
 * immortal; its attribute dict is a heap dict made on import and released
 * by modules_release (rt_fini), so the debug live count still ends at 0. */
typedef struct ModuleObj {
    Obj header;
    const char *name;
    Obj *dict; /* owned str -> value, NULL until imported; a program module's
                  names stored from outside that its own code never binds */
    /* The program's own modules only (zero for sys and math): the compiler
     * lays these objects out in the data segment (runtime/README.md,
     * "The program's modules"); rt_import_module fills in the header. */
    int32_t state;              /* MODULE_UNLOADED, MODULE_INITIALIZING, MODULE_LOADED */
    int32_t body_index;         /* table index of the module body: (Obj *func) -> Obj* */
    struct ModuleObj *parent;   /* the package, or NULL */
    const char *attr;           /* the last component of name: its attribute in parent */
    const char *file;           /* __file__, UTF-8 */
    int32_t ncells;
    Obj **cells;                /* the module's globals, by slot; NULL = unbound */
    const char *names;          /* ncells NUL-terminated UTF-8 names end to end */
    struct ModuleObj **children; /* NULL-terminated: submodules the program contains */
    struct ModuleObj *next;     /* the list of imported program modules */
} ModuleObj;
#define MODULE_UNLOADED 0
#define MODULE_INITIALIZING 1
#define MODULE_LOADED 2
/* sys.stdout / sys.stderr: fd 1 or 2, static and immortal. */
typedef struct TextIOObj {
    Obj header;
    int32_t fd;
} TextIOObj;
extern Type type_module, type_text_io;
extern TextIOObj sys_stdout_object, sys_stderr_object;
/* The builtin_function_or_method ids of sys's functions: beyond every
 * BuiltinId (the compiler's ids), so rt_call can route them to sysmodule.c. */
typedef enum SysFunctionId {
    SYS_FUNCTION_FIRST = 1000,
    SYS_EXIT = SYS_FUNCTION_FIRST,
    SYS_GETRECURSIONLIMIT,
    SYS_SETRECURSIONLIMIT,
    SYS_INTERN,
    /* sys.stdin's reading methods: not in sys's dict, but called through
     * sys's link-time hook so only programs importing sys link stdin reading. */
    SYS_STDIN_READLINE,
    SYS_STDIN_READ,
    SYS_STDIN_READLINES,
    SYS_STDIN_NEXT,
} SysFunctionId;
Obj *sys_call_function(BuiltinFuncObj *f, Obj *args, Obj *kwargs);
/* mathmodule.c: the math module. Its functions' ids start at
 * MATH_FUNCTION_FIRST, beyond sys's, so rt_call routes ids >= it to math. */
#define MATH_FUNCTION_FIRST 1100
Obj *math_call_function(BuiltinFuncObj *f, Obj *args, Obj *kwargs);
/* osmodule.c: _taipan_os, the primitives under runtime/lib's os and time.
 * Its functions' ids start at OS_FUNCTION_FIRST, beyond math's. */
#define OS_FUNCTION_FIRST 1200
Obj *os_call_function(BuiltinFuncObj *f, Obj *args, Obj *kwargs);
Obj *os_module_import(void);  /* the immortal module; its dict built once */
void os_module_release(void); /* rt_fini, through modules_release */
Obj *math_module_import(void); /* the immortal module; its dict built once */
void math_module_release(void); /* rt_fini, through modules_release */
/* randommodule.c: _taipan_random, the Mersenne Twister core of random.py;
 * its functions' ids start at RANDOM_FUNCTION_FIRST, beyond _taipan_os's. */
#define RANDOM_FUNCTION_FIRST 1300
Obj *random_module_import(void);
void random_module_release(void);
/* libm_accurate.c: correctly rounded (to ~2^-100) replacements for musl's
 * transcendental functions, so math results match CPython-on-glibc bit for
 * bit. C99 Annex F special values; NaN/inf results are classified by the
 * caller. */
double acc_sin(double x);
double acc_cos(double x);
double acc_tan(double x);
double acc_asin(double x);
double acc_acos(double x);
double acc_atan(double x);
double acc_atan2(double y, double x);
double acc_sinh(double x);
double acc_cosh(double x);
double acc_tanh(double x);
double acc_log10(double x);
Obj *module_getattr(Obj *module, Obj *name); /* AttributeError "module 'sys' has no attribute 'x'" */
/* Calls a function of runtime module `module` (a BuiltinModuleId). In wasm
 * this is an import that the compiler defines when it links a program,
 * calling rt_module_call_<name> only for the modules the program imports
 * (a module's functions cannot be reached otherwise), so the others are not
 * linked in. The native tests define it in wasi_shim.c. */
#ifdef __wasm__
__attribute__((import_module("taipan"), import_name("module_call")))
#endif
Obj *taipan_module_call(int32_t module, Obj *function, Obj *args, Obj *kwargs);
/* The class machinery reached from code every program links (dealloc, the
 * uncaught-exception report) goes through this import, which the compiler
 * defines as rt_classes_hook when the program can make classes or their
 * objects and as "return 0" otherwise, so class.c stays out of programs
 * without classes. op is a CLASSES_HOOK_*; the native tests define it in
 * wasi_shim.c as rt_classes_hook. */
#define CLASSES_HOOK_DEALLOC_INSTANCE 0 /* a: instance; 1 when freed, 0 when __del__ resurrected it */
#define CLASSES_HOOK_RELEASE 1          /* a: a class or class.c object; its size after releasing its fields */
#define CLASSES_HOOK_TYPE_NAME 2        /* a: a user exception class; writes its report name, returns 1 */
#define CLASSES_HOOK_REPORT_TEXT 3      /* a: a user exception; str(e) by its own __str__ (new ref), or 0 */
#define CLASSES_HOOK_SUGGESTION 4       /* a: an exception; the "Did you mean" name (new ref), or 0 */
#ifdef __wasm__
__attribute__((import_module("taipan"), import_name("classes")))
#endif
int32_t taipan_classes(int32_t op, Obj *a);
bool module_has_attr(Obj *module, Obj *name);
int32_t module_setattr(Obj *module, Obj *name, Obj *value);
Obj *module_repr(Obj *module);
Obj *module_dir(Obj *module); /* sorted list of the module's attribute names */
int32_t module_delattr(Obj *module, Obj *name); /* `del module.name` */
Obj *text_io_repr(Obj *stream);
bool text_io_has_member(Obj *name);
Obj *text_io_call_method(Obj *stream, Obj *name, Obj *args, Obj *kwargs);
/* Writes a str to fd 1 or 2 as sys.stdout/sys.stderr.write do. */
void text_io_write_str(int32_t fd, Obj *s);
Obj *text_io_next(Obj *stream); /* next(sys.stdin): a line, or NULL (no error) at the end */
void modules_release(void); /* rt_fini: drops every imported module's dict */
/* sys's struct sequences (sys.version_info, sys.float_info): tuples whose
 * static type has id TYPE_ID_TUPLE (every tuple operation applies), base
 * tuple and TYPE_FLAG_STRUCT_SEQ; their field names give read-only
 * attributes and CPython's `sys.version_info(major=3, ...)` repr. */
typedef struct StructSeqType {
    Type type;
    const char *const *fields; /* one per item, NULL-terminated */
} StructSeqType;
static inline bool is_struct_seq(const Obj *o) {
    return !is_small_int(o) && (o->type->flags & TYPE_FLAG_STRUCT_SEQ) != 0;
}
Obj *struct_seq_getattr(Obj *o, Obj *name, bool *found); /* *found false (no error): not a field */
bool struct_seq_has_field(Obj *o, Obj *name);
Obj *struct_seq_repr(Obj *o);
/* input.c: sys.stdin's text: up to max_chars code points (all when
 * negative), stopping after a newline when one_line; "" at end of input. */
Obj *stdin_read_text(int64_t max_chars, bool one_line);

/* fileio.c: the objects open() returns (TYPE_ID_FILE) and the OSError of
 * a failed filesystem call. err_os raises the OSError subclass CPython
 * raises for a WASI errno, with CPython's (Linux) errno and message, and
 * the filename when not NULL. */
extern Type type_text_file, type_buffered_reader, type_buffered_writer, type_buffered_random;
extern Type type_unsupported_operation; /* io.UnsupportedOperation */
void err_os(int32_t wasi_errno, Obj *filename);
/* A str path as a heap NUL-terminated UTF-8 copy, freed with path_free;
 * NULL with CPython's TypeError ("FUNCTION: path should be string...", or
 * open()'s wording when function is NULL) or ValueError (embedded NUL). */
char *path_to_cstring(Obj *path, const char *function);
void path_free(char *path);
uint32_t file_release(Obj *o); /* obj_dealloc: flushes and closes an open file */
Obj *file_repr(Obj *o);
bool file_has_member(Obj *name);
bool file_is_data_member(Obj *name);
Obj *file_getattr(Obj *o, Obj *name, bool *found); /* closed, name, mode, encoding */
Obj *file_call_method(Obj *self, Obj *name, Obj *args, Obj *kwargs);
Obj *file_iter_next(Obj *o); /* the next line; NULL with nothing pending at the end */

/* introspect.c: attributes of types/builtin functions and class methods
 * on a type receiver; *found false (no error) for unknown names */
Obj *type_getattr(Obj *o, Obj *name, bool *found);
Obj *type_call_method(Obj *self, Obj *name, Obj *args, Obj *kwargs, bool *found);

/* bytes.c: immutable byte strings */
typedef struct BytesObj {
    Obj header;
    int32_t length;
    int32_t unused; /* keeps hash 8-aligned */
    int64_t hash;   /* -1 until computed */
    uint8_t data[];
} BytesObj;
static inline bool is_bytes(const Obj *o) { return type_id_of(o) == TYPE_ID_BYTES; }
Obj *bytes_new(int32_t length); /* data uninitialised; MemoryError on failure */
Obj *bytes_exact(Obj *o);        /* o itself, or a bytes subclass instance as plain bytes (int_exact's rule) */
Obj *bytes_from(const uint8_t *data, int32_t length);
uint32_t bytes_alloc_size(int32_t length);
Obj *bytes_repr(Obj *b);
int64_t bytes_hash(Obj *b);
int32_t bytes_contains(Obj *b, Obj *item);
Obj *bytes_getitem(Obj *b, Obj *key);
Obj *bytes_concat(Obj *a, Obj *b);
Obj *bytes_repeat(Obj *b, int64_t count);
Obj *bytes_compare(CompareOp op, Obj *a, Obj *b);
Obj *bytes_iter_next(SeqIterObj *it);
Obj *bytes_call_method(Obj *self, Obj *name, Obj *args, Obj *kwargs, bool *found);
Obj *bytes_fromhex(Obj *args, Obj *kwargs);
Obj *bytes_maketrans(Obj *args, Obj *kwargs);
Obj *str_encode(Obj *self, Obj *args, Obj *kwargs); /* str.encode */

/* ---- protocols (ops.c and the files that consume objects): dunder
 * dispatch through user classes. Every helper tests is_user_instance
 * before any lookup, so builtin values keep their fast paths. */
/* operator.index(o): a new int reference (int or __index__'s result), else
 * TypeError "'V' object cannot be interpreted as an integer". */
Obj *number_index(Obj *o);
bool has_index(Obj *o);             /* int-like, or a user class with __index__ */
/* `a op= b` for a user instance a: __iop__, then the binary protocol with
 * "op=" wording. */
Obj *inplace_op(BinaryOp op, Obj *a, Obj *b);
/* The user-class parts of len()/truth/in/iteration: *found false (nothing
 * pending) when no user class supplies the protocol. */
int64_t user_len(Obj *o, bool *found); /* __len__ with CPython's result checks; -1 on error */
bool user_has_iter(Obj *o);            /* __iter__, or __getitem__ (the sequence protocol) */
Obj *user_get_iter(Obj *o);            /* iter(o) for a user instance */
Obj *user_iter_next(Obj *it);          /* __next__: NULL and nothing pending at StopIteration */
/* One `yield from` step into a user iterator: __next__ (sent None) or
 * send(sent). At StopIteration: NULL with nothing pending and its value in
 * *result (new reference). */
Obj *user_iter_send(Obj *it, Obj *sent, Obj **result);
Obj *user_repr_slot(Obj *o);           /* type(o).__repr__(o), unchecked */
Obj *user_pow3(Obj *a, Obj *b, Obj *m); /* pow(a, b, m) with a user operand, m not None */
/* divmod() with a user operand through CPython's slot protocol: a method's
 * result; *layout (and NULL, nothing pending) when an int/float layout's
 * builtin divmod takes the values; NotImplemented (borrowed) when every
 * slot declined. */
Obj *user_divmod(Obj *a, Obj *b, bool *layout);
/* iter() of an object with only __getitem__ (CPython's `iterator`): a
 * SeqIterObj with TYPE_ID_REVERSED's layout that counts upwards. */
extern Type type_seq_iterator;

#endif
