/*
 * methods.c — attribute access and method calls on builtin objects:
 * rt_getattr (data attributes of range, slice, exceptions, functions and
 * generators; user classes, their instances and objects go to class.c first),
 * rt_delattr,
 * rt_setattr (functions store attributes; builtin receivers refuse with
 * CPython's wording) and rt_call_method
 * (dispatch on the type id, then on the method name), the builtin methods as
 * values (BuiltinMethodObj: `lst.append` is CPython's
 * builtin_function_or_method, `list.append` its method_descriptor), plus the
 * argument checks every builtin method shares, worded as CPython words them.
 *
 * Invariants:
 *  - args is always a tuple and kwargs a dict or NULL; neither is modified.
 *  - An unknown name raises AttributeError "'T' object has no attribute
 *    'name'" whether it is read or called.
 *  - The member tables below are the one list of the names a builtin type
 *    has; a method value exists exactly for the ones that are not data
 *    members, and calling it reaches the same dispatch (builtin_dispatch)
 *    as calling the method directly, never a user class's override.
 */
#include "taipan_internal.h"
#include <string.h>

/* Member lookups compare against whole tables of names, and most
 * candidates differ in their first byte: one pass that stops at the first
 * difference, with no strlen. */
bool str_equals_ascii(const Obj *s, const char *ascii) {
    const StrObj *str = (const StrObj *)s;
    if (str->kind != 1)
        return false;
    const uint8_t *data = (const uint8_t *)str->data;
    int32_t n = str->length;
    for (int32_t i = 0; i < n; i++) {
        uint8_t c = (uint8_t)ascii[i];
        if (c == 0 || c != data[i]) /* ascii ended first, or differs (a str may hold NUL) */
            return false;
    }
    return ascii[n] == 0;
}

/* A cache of name_index's answers, direct-mapped on the (table, name)
 * addresses. Only immortal names enter it: their address names the same
 * text for the whole run, and the compiler's method and attribute names are
 * all immortal constants, so a call site's lookup is one probe after its
 * first run instead of a scan with a compare per name. */
#define NAME_CACHE_SIZE 1024
static struct {
    const Obj *name;
    const char *const *names;
    int32_t index;
} name_cache[NAME_CACHE_SIZE];

int32_t name_index(const Obj *name, const char *const *names, int32_t count) {
    bool cacheable = name->refcnt < 0;
    uint32_t slot = (uint32_t)(((uintptr_t)name >> 3) ^ ((uintptr_t)names >> 2) * 31u) % NAME_CACHE_SIZE;
    if (cacheable && name_cache[slot].name == name && name_cache[slot].names == names)
        return name_cache[slot].index;
    int32_t index = -1;
    for (int32_t k = 0; (count < 0 || k < count) && names[k]; k++)
        if (str_equals_ascii(name, names[k])) {
            index = k;
            break;
        }
    if (cacheable) {
        name_cache[slot].name = name;
        name_cache[slot].names = names;
        name_cache[slot].index = index;
    }
    return index;
}

/* ---- fast entries ----------------------------------------------------------
 * The commonest builtin methods, called with exactly these positional
 * arguments, skip the generic path (an argument tuple, the member check,
 * the per-type dispatch by name): rt_method_prepare hands compiled code the
 * entry's table index, as it does a compiled method's. Each entry is the
 * same implementation the generic path reaches, so only the cost differs. */
static const char *const fast_method_names[] = {"append", "pop", "get", "keys", "values", "items", "add",
                                                "startswith", "endswith", "join", "extend", "setdefault",
                                                "discard", NULL};
static const struct {
    TypeId type;
    int8_t name; /* index in fast_method_names */
    int8_t nargs;
} fast_methods[FAST_METHOD_COUNT] = {
    [FAST_LIST_APPEND] = {TYPE_ID_LIST, 0, 1},    [FAST_LIST_POP] = {TYPE_ID_LIST, 1, 0},
    [FAST_DICT_GET] = {TYPE_ID_DICT, 2, 1},       [FAST_DICT_GET_OR] = {TYPE_ID_DICT, 2, 2},
    [FAST_DICT_KEYS] = {TYPE_ID_DICT, 3, 0},      [FAST_DICT_VALUES] = {TYPE_ID_DICT, 4, 0},
    [FAST_DICT_ITEMS] = {TYPE_ID_DICT, 5, 0},     [FAST_SET_ADD] = {TYPE_ID_SET, 6, 1},
    [FAST_STR_STARTSWITH] = {TYPE_ID_STR, 7, 1}, [FAST_STR_ENDSWITH] = {TYPE_ID_STR, 8, 1},
    [FAST_STR_JOIN] = {TYPE_ID_STR, 9, 1},        [FAST_LIST_POP_AT] = {TYPE_ID_LIST, 1, 1},
    [FAST_LIST_EXTEND] = {TYPE_ID_LIST, 10, 1},   [FAST_DICT_SETDEFAULT] = {TYPE_ID_DICT, 11, 2},
    [FAST_SET_DISCARD] = {TYPE_ID_SET, 12, 1},
};
/* Table indices the compiler reported; 0 (no entry there) = not placed. */
static int32_t fast_method_index[FAST_METHOD_COUNT];

void rt_set_fast_method(int32_t id, int32_t table_index) {
    if (id >= 0 && id < FAST_METHOD_COUNT)
        fast_method_index[id] = table_index;
}

int32_t builtin_fast_method(Obj *self, Obj *name, int32_t nargs) {
    TypeId id = type_id_of(self);
    if ((id != TYPE_ID_LIST && id != TYPE_ID_DICT && id != TYPE_ID_SET && id != TYPE_ID_STR) || !is_str(name))
        return -1;
    int32_t k = name_index(name, fast_method_names, -1);
    if (k < 0)
        return -1;
    for (int32_t i = 0; i < FAST_METHOD_COUNT; i++)
        if (fast_methods[i].name == k && fast_methods[i].type == id && fast_methods[i].nargs == nargs)
            return fast_method_index[i] > 0 ? fast_method_index[i] : -1;
    return -1;
}

int32_t args_count(Obj *args) { return ((TupleObj *)args)->length; }

bool check_no_kwargs(Obj *kwargs, const char *qualified_name) {
    if (!kwargs || ((DictObj *)kwargs)->used == 0)
        return true;
    err_format(&type_type_error, "%s() takes no keyword arguments", qualified_name);
    return false;
}

bool check_exactly_one(Obj *args, const char *qualified_name) {
    int32_t n = args_count(args);
    if (n == 1)
        return true;
    err_format(&type_type_error, "%s() takes exactly one argument (%d given)", qualified_name, n);
    return false;
}

bool check_no_args(Obj *args, const char *qualified_name) {
    int32_t n = args_count(args);
    if (n == 0)
        return true;
    err_format(&type_type_error, "%s() takes no arguments (%d given)", qualified_name, n);
    return false;
}

/* CPython's _PyArg_CheckPositional wording: "pop expected at most 1
 * argument, got 2", "insert expected 2 arguments, got 1". */
bool check_arg_range(Obj *args, const char *name, int32_t min, int32_t max) {
    int32_t n = args_count(args);
    if (n < min) {
        err_format(&type_type_error, "%s expected %s%d argument%s, got %d", name,
                   min == max ? "" : "at least ", min, min == 1 ? "" : "s", n);
        return false;
    }
    if (n > max) {
        err_format(&type_type_error, "%s expected %s%d argument%s, got %d", name,
                   min == max ? "" : "at most ", max, max == 1 ? "" : "s", n);
        return false;
    }
    return true;
}

void raise_no_attribute(Obj *o, Obj *name) {
    err_format(&type_attribute_error, "'%T' object has no attribute '%S'", o, name);
}

/* ---- the member tables ---------------------------------------------------
 * One NULL-terminated list per receiver type of every name that rt_getattr or
 * rt_call_method accepts on it (methods and data attributes alike, because
 * `x.real(...)` finds the attribute and only then fails to call it). Both
 * rt_check_method and the not-found decision of rt_call_method/rt_getattr
 * read these, so the early check the compiler emits before evaluating the
 * arguments can never disagree with the call itself. The per-type modules
 * still pick their implementation by name; a name missing here is simply
 * never dispatched. */
static const char *const str_members[] = {
    "split", "rsplit", "splitlines", "join", "strip", "lstrip", "rstrip", "partition", "rpartition",
    "replace", "find", "rfind", "index", "rindex", "count", "startswith", "endswith", "upper", "lower",
    "title", "capitalize", "swapcase", "casefold", "center", "ljust", "rjust", "zfill", "expandtabs",
    "isalpha", "isdecimal", "isdigit", "isnumeric", "isalnum", "isspace", "isupper", "islower", "istitle",
    "isprintable", "isidentifier", "isascii", "removeprefix", "removesuffix", "translate", "format",
    "format_map", "encode", "maketrans", "__getitem__", "__len__", "__contains__", "__iter__", NULL};
static const char *const list_members[] = {"append", "extend", "insert", "pop", "remove", "index", "count",
                                           "clear", "copy", "reverse", "sort", "__getitem__", "__setitem__",
                                           "__delitem__", "__len__", "__contains__", "__iter__", NULL};
static const char *const tuple_members[] = {"index", "count", "__getitem__", "__len__", "__contains__", "__iter__",
                                            NULL};
static const char *const dict_members[] = {"keys", "values", "items", "get", "setdefault", "pop", "popitem",
                                           "update", "clear", "copy", "fromkeys", "__getitem__", "__setitem__",
                                           "__delitem__", "__len__", "__contains__", "__iter__", NULL};
static const char *const set_members[] = {
    "copy", "union", "intersection", "difference", "symmetric_difference", "issubset", "issuperset",
    "isdisjoint", "add", "remove", "discard", "pop", "clear", "update", "intersection_update",
    "difference_update", "symmetric_difference_update", "__len__", "__contains__", "__iter__", NULL};
/* frozenset has the non-mutating ones */
static const char *const frozenset_members[] = {"copy", "union", "intersection", "difference",
                                                "symmetric_difference", "issubset", "issuperset",
                                                "isdisjoint", "__len__", "__contains__", "__iter__", NULL};
static const char *const range_members[] = {"index", "count", "start", "stop", "step", "__getitem__", "__len__",
                                            "__contains__", "__iter__", NULL};
static const char *const slice_members[] = {"start", "stop", "step", "indices", NULL};
static const char *const bytes_members[] = {"decode", "split", "fromhex", "join", "strip", "lstrip",
                                            "rstrip", "startswith", "endswith", "find", "rfind", "index",
                                            "rindex", "count", "replace", "upper", "lower", "hex",
                                            "isdigit", "isalpha", "translate", "maketrans", "__getitem__",
                                            "__len__", "__contains__", "__iter__", NULL};
static const char *const int_members[] = {"bit_length", "bit_count", "conjugate", "as_integer_ratio",
                                          "to_bytes", "from_bytes", "real", "imag", "numerator",
                                          "denominator", NULL};
static const char *const float_members[] = {"is_integer", "as_integer_ratio", "hex", "conjugate",
                                            "fromhex", "real", "imag", NULL};
static const char *const set_like_view_members[] = {"isdisjoint", NULL}; /* dict_keys, dict_items */
static const char *const named_members[] = {"__name__", "__qualname__", "__module__", NULL};
/* a type's: the three data members, and type.mro (C.mro() binds to C) */
static const char *const type_members[] = {"__name__", "__qualname__", "__module__", "mro", NULL};
/* every builtin iterator but the generator (its own table) */
static const char *const iterator_members[] = {"__next__", "__iter__", NULL};
static const char *const generator_members[] = {"__next__", "__iter__", "send", "throw", "close", "__name__",
                                                "__qualname__", "gi_running", "gi_suspended", NULL};

/* Class and static methods reachable on the type object itself
 * (int.from_bytes, bytes.maketrans); on an instance they are bound to its
 * type. A static method's __self__ is None. */
typedef enum TypeMethodKind { NOT_TYPE_METHOD, CLASS_METHOD, STATIC_METHOD } TypeMethodKind;
static TypeMethodKind type_method_kind(int32_t type_id, Obj *name) {
    switch ((TypeId)type_id) {
    case TYPE_ID_DICT: return str_equals_ascii(name, "fromkeys") ? CLASS_METHOD : NOT_TYPE_METHOD;
    case TYPE_ID_STR: return str_equals_ascii(name, "maketrans") ? STATIC_METHOD : NOT_TYPE_METHOD;
    case TYPE_ID_FLOAT: return str_equals_ascii(name, "fromhex") ? CLASS_METHOD : NOT_TYPE_METHOD;
    case TYPE_ID_BYTES:
        return str_equals_ascii(name, "fromhex") ? CLASS_METHOD
               : str_equals_ascii(name, "maketrans") ? STATIC_METHOD : NOT_TYPE_METHOD;
    case TYPE_ID_INT:
    case TYPE_ID_BOOL: return str_equals_ascii(name, "from_bytes") ? CLASS_METHOD : NOT_TYPE_METHOD;
    default: return NOT_TYPE_METHOD;
    }
}

static const char *const *members_of(TypeId id) {
    switch (id) {
    case TYPE_ID_STR: return str_members;
    case TYPE_ID_LIST: return list_members;
    case TYPE_ID_TUPLE: return tuple_members;
    case TYPE_ID_DICT: return dict_members;
    case TYPE_ID_SET: return set_members;
    case TYPE_ID_FROZENSET: return frozenset_members;
    case TYPE_ID_RANGE: return range_members;
    case TYPE_ID_SLICE: return slice_members;
    case TYPE_ID_BYTES: return bytes_members;
    case TYPE_ID_INT:
    case TYPE_ID_BOOL: return int_members;
    case TYPE_ID_FLOAT: return float_members;
    case TYPE_ID_TYPE: return type_members;
    case TYPE_ID_BUILTIN_FUNCTION: return named_members;
    case TYPE_ID_GENERATOR: return generator_members;
    case TYPE_ID_DICT_KEYS:
    case TYPE_ID_DICT_ITEMS: return set_like_view_members;
    case TYPE_ID_MAP:
    case TYPE_ID_FILTER: return iterator_members;
    default: return id >= TYPE_ID_STR_ITERATOR && id <= TYPE_ID_ZIP ? iterator_members : NULL;
    }
}

static bool is_data_member(TypeId id, Obj *name);

/* name's entry in static type t's member table when it is a method, else
 * NULL (data members; TextIOWrapper's table lives in sysmodule.c). */
static const char *method_entry(const Type *t, Obj *name) {
    TypeId id = (TypeId)t->id;
    if (type_is_user_class(t) || type_id_of(name) != TYPE_ID_STR || is_data_member(id, name))
        return NULL;
    const char *const *names = members_of(id);
    int32_t k = names ? name_index(name, names, -1) : -1;
    return k < 0 ? NULL : names[k];
}

/* Whether static type t's instances have method name (data members such
 * as int.real or range.start are not methods). */
bool builtin_type_has_method(const Type *t, Obj *name) {
    if (t->id == TYPE_ID_TEXT_IO && !type_is_user_class(t))
        return type_id_of(name) == TYPE_ID_STR && text_io_has_member(name);
    if (t->id == TYPE_ID_FILE && !type_is_user_class(t))
        return type_id_of(name) == TYPE_ID_STR && file_has_member(name) && !file_is_data_member(name);
    return method_entry(t, name) != NULL;
}

static bool has_member(Obj *self, Obj *name) {
    if (type_id_of(name) != TYPE_ID_STR)
        return false;
    TypeId id = type_id_of(self);
    if (is_exception_type_id(id))
        return exc_has_member(self, name); /* exc.c */
    if (id == TYPE_ID_FUNCTION)
        return func_has_member(self, name); /* func.c: fixed names and __dict__ */
    if (id == TYPE_ID_MODULE)
        return module_has_attr(self, name); /* sysmodule.c: the module's dict */
    if (id == TYPE_ID_TEXT_IO)
        return text_io_has_member(name);
    if (id == TYPE_ID_FILE)
        return file_has_member(name);
    const char *const *names = members_of(id);
    if (names && name_index(name, names, -1) >= 0)
        return true;
    if (id == TYPE_ID_TYPE) /* str.upper, dict.fromkeys */
        return builtin_type_has_method((const Type *)self, name) ||
               type_method_kind(((const Type *)self)->id, name) != NOT_TYPE_METHOD;
    return false;
}

const char *const *builtin_member_names(int32_t type_id) { return members_of((TypeId)type_id); }

/* The AttributeError of a failed lookup, worded per receiver kind. */
static void raise_missing(Obj *self, Obj *name) {
    if (type_id_of(self) == TYPE_ID_TYPE)
        err_format(&type_attribute_error, "type object '%s' has no attribute '%S'", ((const Type *)self)->name,
                   name);
    else if (type_id_of(self) == TYPE_ID_MODULE)
        err_format(&type_attribute_error, "module '%s' has no attribute '%S'", ((ModuleObj *)self)->name, name);
    else if (type_id_of(self) == TYPE_ID_TEXT_IO) /* CPython names the class with its module here */
        err_format(&type_attribute_error, "'_io.TextIOWrapper' object has no attribute '%S'", name);
    else if (type_id_of(self) == TYPE_ID_FILE)
        err_format(&type_attribute_error, "'_io.%s' object has no attribute '%S'", self->type->name, name);
    else
        raise_no_attribute(self, name);
}

int32_t rt_check_method(Obj *self, Obj *name) {
    if (is_class_receiver(self) && is_str(name)) { /* class.c: user classes and their objects */
        bool handled;
        int32_t r = classes_check_method(self, name, &handled);
        if (handled)
            return r;
    }
    if (has_member(self, name))
        return 0;
    raise_missing(self, name);
    return -1;
}

/* The static type whose method table serves t's instances (bool's methods
 * are int's, as in CPython: int.bit_length is what True.bit_length binds). */
static const Type *method_owner(const Type *t) { return t->id == TYPE_ID_BOOL ? &type_int : t; }

/* The receivers builtin_dispatch has a case for. */
static bool has_builtin_methods(TypeId id) {
    switch (id) {
    case TYPE_ID_STR: case TYPE_ID_LIST: case TYPE_ID_TUPLE: case TYPE_ID_DICT: case TYPE_ID_SET:
    case TYPE_ID_FROZENSET: case TYPE_ID_RANGE: case TYPE_ID_BYTES: case TYPE_ID_GENERATOR:
    case TYPE_ID_DICT_KEYS: case TYPE_ID_DICT_ITEMS: case TYPE_ID_TEXT_IO: case TYPE_ID_FILE: case TYPE_ID_INT:
    case TYPE_ID_BOOL: case TYPE_ID_FLOAT: case TYPE_ID_FUNCTION: case TYPE_ID_MAP: case TYPE_ID_FILTER:
    case TYPE_ID_TYPE: return true;
    default: return id >= TYPE_ID_STR_ITERATOR && id <= TYPE_ID_ZIP; /* iterators: __next__, __iter__ */
    }
}

Obj *rt_getattr(Obj *o, Obj *name) {
    TypeId id = type_id_of(o);
    if (is_user_instance(o) && is_str(name)) {
        Obj *v = instance_getattr_fast(o, name); /* class.c: self.x, the common case */
        if (v)
            return new_ref(v);
    }
    if (is_class_receiver(o)) { /* class.c: user classes and their objects */
        bool handled;
        Obj *value = classes_getattr(o, name, &handled);
        if (handled)
            return value;
    }
    if (id == TYPE_ID_MODULE)
        return module_getattr(o, name); /* sysmodule.c */
    if (id == TYPE_ID_RANGE || id == TYPE_ID_SLICE) {
        SliceObj *s = (SliceObj *)o; /* range shares the start/stop/step prefix */
        if (str_equals_ascii(name, "start"))
            return new_ref(s->start);
        if (str_equals_ascii(name, "stop"))
            return new_ref(s->stop);
        if (str_equals_ascii(name, "step"))
            return new_ref(s->step);
    }
    if (id == TYPE_ID_INT || id == TYPE_ID_BOOL || id == TYPE_ID_FLOAT) {
        bool found;
        Obj *value = number_getattr(o, name, &found); /* number_methods.c */
        if (found)
            return value;
    }
    if (is_exception_type_id(id) && type_id_of(name) == TYPE_ID_STR) {
        bool found;
        Obj *value = exc_getattr(o, name, &found); /* exc.c */
        if (found)
            return value;
    }
    if (id == TYPE_ID_FUNCTION) {
        bool found;
        Obj *value = func_getattr(o, name, &found); /* func.c */
        if (found)
            return value;
    }
    if (id == TYPE_ID_FILE && type_id_of(name) == TYPE_ID_STR) {
        bool found;
        Obj *value = file_getattr(o, name, &found); /* fileio.c: closed, name, mode, encoding */
        if (found)
            return value;
    }
    if (id == TYPE_ID_TUPLE && is_struct_seq(o)) {
        bool found;
        Obj *value = struct_seq_getattr(o, name, &found); /* sysmodule.c: sys.version_info.major */
        if (found)
            return value;
    }
    if (id == TYPE_ID_GENERATOR && type_id_of(name) == TYPE_ID_STR) {
        bool found;
        Obj *value = gen_getattr(o, name, &found); /* gen.c */
        if (found)
            return value;
    }
    if (id == TYPE_ID_TYPE || id == TYPE_ID_BUILTIN_FUNCTION) {
        bool found;
        Obj *value = type_getattr(o, name, &found); /* introspect.c */
        if (found)
            return value;
        if (id == TYPE_ID_TYPE) {
            const Type *t = (const Type *)o; /* a static type: user classes went to class.c */
            if (builtin_type_has_method(t, name) || type_method_kind(t->id, name) != NOT_TYPE_METHOD)
                return builtin_method_get(method_owner(t), name, NULL, t); /* str.upper, dict.fromkeys */
            if (!has_member(o, name)) {
                err_format(&type_attribute_error, "type object '%s' has no attribute '%S'", t->name, name);
                return NULL;
            } /* else a method of type itself, bound to t below: int.mro */
        }
    }
    /* the members left are methods: lst.append, sys.stdout.write, f.__get__ */
    if (has_builtin_methods(id) && has_member(o, name))
        return builtin_method_get(method_owner(type_of(o)), name, o, type_of(o));
    if (type_id_of(name) == TYPE_ID_STR && str_equals_ascii(name, "__class__"))
        return new_ref((Obj *)type_of(o));
    raise_missing(o, name);
    return NULL;
}

/* Data attributes of the builtin instances (CPython's member and getset
 * descriptors): assigning one is "not writable"/"readonly", unlike a method. */
static bool is_data_member(TypeId id, Obj *name) {
    static const char *const number[] = {"real", "imag", "numerator", "denominator", NULL};
    static const char *const bounds[] = {"start", "stop", "step", NULL};
    static const char *const generator[] = {"__name__", "__qualname__", "gi_running", "gi_suspended", NULL};
    const char *const *names = id == TYPE_ID_RANGE || id == TYPE_ID_SLICE ? bounds
                               : id == TYPE_ID_GENERATOR ? generator
                               : id == TYPE_ID_TYPE || id == TYPE_ID_BUILTIN_FUNCTION ? named_members : number;
    int limit = id == TYPE_ID_FLOAT ? 2 : 4;
    if (id != TYPE_ID_INT && id != TYPE_ID_BOOL && id != TYPE_ID_FLOAT && id != TYPE_ID_RANGE && id != TYPE_ID_SLICE &&
        id != TYPE_ID_GENERATOR && id != TYPE_ID_TYPE && id != TYPE_ID_BUILTIN_FUNCTION)
        return false;
    for (int k = 0; k < limit && names[k]; k++)
        if (str_equals_ascii(name, names[k]))
            return true;
    return false;
}

int32_t rt_setattr(Obj *obj, Obj *name, Obj *value) {
    TypeId id = type_id_of(obj);
    if (value && is_user_instance(obj) && is_str(name) && instance_setattr_fast(obj, name, value)) /* class.c */
        return 0;
    if (is_class_receiver(obj)) { /* class.c: user classes and their objects */
        bool handled;
        int32_t r = classes_setattr(obj, name, value, &handled);
        if (handled)
            return r;
    }
    if (id == TYPE_ID_FUNCTION)
        return func_setattr(obj, name, value); /* func.c */
    if (id == TYPE_ID_MODULE && is_str(name))
        return module_setattr(obj, name, value); /* sysmodule.c: into the module's dict */
    if (id == TYPE_ID_GENERATOR && is_str(name))
        return gen_setattr(obj, name, value); /* gen.c: __name__/__qualname__ are writable */
    if (id == TYPE_ID_TYPE) {
        err_format(&type_type_error, "cannot set '%S' attribute of immutable type '%s'", name,
                   ((const Type *)obj)->name);
        return -1;
    }
    if (is_exception_type_id(id) && is_str(name)) { /* args, __cause__, __context__, __traceback__ ... */
        bool found;
        int32_t r = exc_setattr(obj, name, value, &found);
        return found ? r : exc_store_attr(obj, name, value); /* anything else: the exception's __dict__ */
    }
    if (is_data_member(id, name) || (id == TYPE_ID_TUPLE && is_struct_seq(obj) && struct_seq_has_field(obj, name))) {
        if (id == TYPE_ID_RANGE || id == TYPE_ID_SLICE || id == TYPE_ID_TUPLE)
            err_format(&type_attribute_error, "readonly attribute");
        else /* the descriptor belongs to int, so bool says 'int' too */
            err_format(&type_attribute_error, "attribute '%S' of '%s' objects is not writable", name,
                       id == TYPE_ID_FLOAT ? "float" : "int");
        return -1;
    }
    /* methods, and __doc__ of the builtin types that define one */
    if ((is_container_type_id(id) || id == TYPE_ID_INT || id == TYPE_ID_BOOL || id == TYPE_ID_FLOAT ||
         id == TYPE_ID_STR) && (has_member(obj, name) || str_equals_ascii(name, "__doc__"))) {
        err_format(&type_attribute_error, "'%T' object attribute '%S' is read-only", obj, name);
        return -1;
    }
    raise_missing(obj, name);
    return -1;
}

/* `del obj.name`: user instances and classes (class.c), function and
 * module attributes; everything else refuses as rt_setattr does. */
int32_t rt_delattr(Obj *obj, Obj *name) {
    if (is_class_receiver(obj)) {
        bool handled;
        int32_t r = classes_setattr(obj, name, NULL, &handled);
        if (handled)
            return r;
    }
    TypeId id = type_id_of(obj);
    if (is_exception_type_id(id) && is_str(name)) {
        bool found;
        int32_t r = exc_setattr(obj, name, NULL, &found);
        return found ? r : exc_store_attr(obj, name, NULL);
    }
    if (id == TYPE_ID_MODULE && is_str(name))
        return module_delattr(obj, name); /* sysmodule.c */
    if (id == TYPE_ID_FUNCTION) {
        FuncObj *f = (FuncObj *)obj;
        int32_t r = f->dict ? dict_delete(f->dict, name) : 0;
        if (r != 0)
            return r == 1 ? 0 : -1;
    }
    if (id == TYPE_ID_TYPE) {
        err_format(&type_type_error, "cannot set '%S' attribute of immutable type '%s'", name,
                   ((const Type *)obj)->name);
        return -1;
    }
    if (is_data_member(id, name)) {
        err_format(&type_attribute_error, "readonly attribute");
        return -1;
    }
    raise_missing(obj, name);
    return -1;
}

/* A class or static method of builtin type cls (dict.fromkeys,
 * int.from_bytes ...), also when reached through an instance. */
static Obj *type_method_call(const Type *cls, Obj *name, Obj *args, Obj *kwargs) {
    bool found;
    if (cls->id == TYPE_ID_BOOL) { /* bool.from_bytes is int's, converted by bool() */
        Obj *value = type_call_method((Obj *)&type_int, name, args, kwargs, &found);
        if (!value)
            return NULL;
        Obj *flag = bool_obj(!int_is_zero(value));
        rt_decref(value);
        return flag;
    }
    if (type_is_user_class(cls)) { /* MyInt.from_bytes(...) is MyInt(int.from_bytes(...)) */
        Obj *r = layout_class_method_call((Obj *)cls, name, args, kwargs, &found); /* layout_slots.c */
        if (found)
            return r;
    }
    return type_call_method((Obj *)cls, name, args, kwargs, &found); /* introspect.c */
}

static Obj *descriptor_call(const Type *owner, Obj *name, Obj *args, Obj *kwargs);
static Obj *function_get(Obj *f, Obj *args, Obj *kwargs);
static bool is_dunder(Obj *name);
static bool is_slot_wrapper(const Type *owner, Obj *name);

/* The static type whose methods an object of type t has: a dict/list
 * subclass's are dict's/list's, bool's are int's. */
static const Type *layout_type(const Type *t) {
    return type_is_user_class(t) ? (const Type *)rt_type_object(t->id) : method_owner(t);
}

/* The argument checks of a one-or-no-argument dunder: a slot wrapper's
 * wording ("expected 1 argument, got 0"), or a method's
 * ("list.__getitem__() takes exactly one argument (0 given)"). */
static bool dunder_args(Obj *self, Obj *name, Obj *args, Obj *kwargs, int32_t expected) {
    const Type *owner = layout_type(type_of(self));
    bool has_kwargs = kwargs && ((DictObj *)kwargs)->used > 0;
    int32_t n = args_count(args);
    if (is_slot_wrapper(owner, name)) {
        if (has_kwargs)
            err_format(&type_type_error, "wrapper %S() takes no keyword arguments", name);
        else if (n != expected)
            err_format(&type_type_error, "expected %d argument%s, got %d", expected, expected == 1 ? "" : "s", n);
        return !has_kwargs && n == expected;
    }
    if (has_kwargs)
        err_format(&type_type_error, "%s.%S() takes no keyword arguments", owner->name, name);
    else if (n != expected)
        err_format(&type_type_error, "%s.%S() takes exactly one argument (%d given)", owner->name, name, n);
    return !has_kwargs && n == expected;
}

/* The item, size, membership and iteration dunders of the containers, str,
 * bytes, range and the iterators: the builtin operation itself, never a
 * user class's (super().__getitem__(i) in a list subclass must not call it
 * back). */
static Obj *container_dunder(Obj *self, Obj *name, Obj *args, Obj *kwargs, bool *found) {
    enum { GETITEM, SETITEM, DELITEM, CONTAINS, ITER, NEXT, LEN, OTHER } which =
        str_equals_ascii(name, "__getitem__")    ? GETITEM
        : str_equals_ascii(name, "__setitem__")  ? SETITEM
        : str_equals_ascii(name, "__delitem__")  ? DELITEM
        : str_equals_ascii(name, "__contains__") ? CONTAINS
        : str_equals_ascii(name, "__iter__")     ? ITER
        : str_equals_ascii(name, "__next__")     ? NEXT
        : str_equals_ascii(name, "__len__")      ? LEN : OTHER;
    *found = which != OTHER;
    if (!*found)
        return NULL;
    int32_t expected = which == SETITEM ? 2 : which <= CONTAINS ? 1 : 0;
    if (!dunder_args(self, name, args, kwargs, expected))
        return NULL;
    Obj *key = expected > 0 ? arg_at(args, 0) : NULL;
    switch (which) {
    case GETITEM: return builtin_getitem(self, key);
    case SETITEM: return builtin_setitem(self, key, arg_at(args, 1)) < 0 ? NULL : new_ref(rt_none());
    case DELITEM: return builtin_delitem(self, key) < 0 ? NULL : new_ref(rt_none());
    case CONTAINS: {
        int32_t r = builtin_contains(self, key);
        return r < 0 ? NULL : bool_obj(r);
    }
    case ITER: return builtin_get_iter(self); /* an iterator's is itself */
    case NEXT: return rt_builtin_next(self, NULL); /* StopIteration at the end */
    default: {
        int64_t n = is_str(self) ? ((const StrObj *)self)->length : container_len(self);
        return n < 0 ? NULL : int_from_i64(n);
    }
    }
}

static Obj *descriptor_get(Obj *m, Obj *args, Obj *kwargs);

/* The builtin method `name` of self's type, chosen by type id: the one
 * dispatch that method calls and method values share. It never consults a
 * user class: on a dict/list subclass instance it is dict's or list's own
 * method. A type receiver calls a class/static method or, for an instance
 * method, acts as its descriptor (str.upper("a")). *found false, nothing
 * pending: no such method (a data member such as int.real). */
static Obj *builtin_dispatch(Obj *self, Obj *name, Obj *args, Obj *kwargs, bool *found) {
    *found = true;
    TypeId id = type_id_of(self);
    const Type *cls = id == TYPE_ID_TYPE ? (const Type *)self : type_of(self);
    if (type_method_kind(cls->id, name) != NOT_TYPE_METHOD) /* {}.fromkeys(...) is dict.fromkeys(...) */
        return type_method_call(cls, name, args, kwargs);
    if (is_dunder(name) && (is_str(self) || is_container_type_id(id)))
        return container_dunder(self, name, args, kwargs, found);
    switch (id) {
    case TYPE_ID_STR: return str_call_method(self, name, args, kwargs); /* str_methods.c */
    case TYPE_ID_LIST: return list_call_method(self, name, args, kwargs, found);
    case TYPE_ID_TUPLE: return tuple_call_method(self, name, args, kwargs, found);
    case TYPE_ID_DICT: return dict_call_method(self, name, args, kwargs, found);
    case TYPE_ID_SET:
    case TYPE_ID_FROZENSET: return set_call_method(self, name, args, kwargs, found);
    case TYPE_ID_RANGE: return range_call_method(self, name, args, kwargs, found);
    case TYPE_ID_BYTES: return bytes_call_method(self, name, args, kwargs, found); /* bytes.c */
    case TYPE_ID_GENERATOR: return gen_call_method(self, name, args, kwargs, found); /* gen.c */
    case TYPE_ID_DICT_KEYS:
    case TYPE_ID_DICT_ITEMS: return dict_view_call_method(self, name, args, kwargs, found); /* dict.c */
    case TYPE_ID_TEXT_IO: return text_io_call_method(self, name, args, kwargs); /* sysmodule.c */
    case TYPE_ID_FILE: return file_call_method(self, name, args, kwargs);       /* fileio.c */
    case TYPE_ID_INT:
    case TYPE_ID_BOOL:
    case TYPE_ID_FLOAT: return number_call_method(self, name, args, kwargs, found); /* number_methods.c */
    case TYPE_ID_FUNCTION:
        if (str_equals_ascii(name, "__get__"))
            return function_get(self, args, kwargs);
        break;
    case TYPE_ID_SLICE:
        if (str_equals_ascii(name, "indices"))
            return check_no_kwargs(kwargs, "slice.indices") ? slice_indices_method(self, args) : NULL; /* iter.c */
        break;
    case TYPE_ID_BUILTIN_METHOD:
        if (str_equals_ascii(name, "__get__"))
            return descriptor_get(self, args, kwargs);
        break;
    case TYPE_ID_TYPE:
        if (builtin_type_has_method(cls, name)) /* str.upper("a"); type.mro(int) */
            return descriptor_call(method_owner(cls), name, args, kwargs);
        if (str_equals_ascii(name, "mro")) /* int.mro(), C.mro(): type's own method */
            return type_mro_method(self, args, kwargs); /* class.c */
        break;
    default: break;
    }
    *found = false;
    return NULL;
}

/* The str methods that hand back the receiver itself even for a str
 * subclass (CPython shares the whole input there): partition/rpartition
 * without a match, format/format_map of a template without fields. */
static bool keeps_subclass_receiver(Obj *self, Obj *name) {
    return is_str(self) && (str_equals_ascii(name, "partition") || str_equals_ascii(name, "rpartition") ||
                            str_equals_ascii(name, "format") || str_equals_ascii(name, "format_map"));
}

Obj *rt_call_method(Obj *self, Obj *name, Obj *args, Obj *kwargs) {
    if (is_class_receiver(self)) { /* class.c: user classes and their objects */
        if (!keywords_are_strings(kwargs)) /* as rt_call: the binder assumes str keys */
            return NULL;
        bool handled;
        Obj *r = classes_call_method(self, name, args, kwargs, &handled);
        if (handled)
            return r;
    }
    if (!has_member(self, name)) {
        raise_missing(self, name);
        return NULL;
    }
    if (!keywords_are_strings(kwargs)) /* as rt_call: the methods' keyword parsers assume str keys */
        return NULL;
    bool found;
    Obj *result = builtin_dispatch(self, name, args, kwargs, &found);
    if (found)
        return result;
    /* A data attribute in the table (range.start, int.real, ...): read it
     * and call the value, so the error is CPython's "not callable". */
    Obj *attr = rt_getattr(self, name);
    if (!attr)
        return NULL;
    result = rt_call(attr, args, kwargs);
    rt_decref(attr);
    return result;
}

Obj *builtin_method_call_on(Obj *obj, Obj *name, Obj *args, Obj *kwargs) {
    bool found;
    if (is_user_instance(obj) && is_value_layout_id(obj->type->id) && !keeps_subclass_receiver(obj, name)) {
        /* a method of an int/str/tuple ... subclass's layout runs on the
         * plain value, so a result that would be the receiver itself
         * ('a'.strip(), (5).conjugate() ...) is an exact value, as CPython
         * copies a subclass instance there */
        Obj *value = layout_exact_value(obj);
        Obj *r = value ? builtin_dispatch(value, name, args, kwargs, &found) : NULL;
        rt_decref(value);
        if (value && !found)
            raise_missing(obj, name);
        return r;
    }
    Obj *r = builtin_dispatch(obj, name, args, kwargs, &found);
    if (!found)
        raise_missing(obj, name);
    return r;
}

/* ---- builtin methods as values ------------------------------------------------
 * A BuiltinMethodObj names a method by (owner, name) and calls it through
 * builtin_dispatch, so the member tables stay the only list of methods.
 * CPython has four types here: builtin_function_or_method (bound) and
 * method_descriptor (on the type) for ordinary methods, method-wrapper and
 * wrapper_descriptor for the dunder slots (gen.__next__, f.__get__). */
#define STATIC_TYPE(var, pyname) Type var = {{IMMORTAL_REFCNT, &type_type}, pyname, TYPE_ID_BUILTIN_METHOD, NULL, 0}
STATIC_TYPE(type_builtin_method, "builtin_function_or_method");
STATIC_TYPE(type_method_descriptor, "method_descriptor");
STATIC_TYPE(type_builtin_method_wrapper, "method-wrapper");
STATIC_TYPE(type_builtin_wrapper_descriptor, "wrapper_descriptor");

/* Which dunder methods CPython implements as slot wrappers (wrapper_descriptor
 * / method-wrapper, with their own messages) rather than as methods: all of
 * these but list's and dict's __getitem__ and dict's and set's __contains__. */
static bool is_slot_wrapper(const Type *owner, Obj *name) {
    if (!is_dunder(name))
        return false;
    int32_t id = owner->id;
    if (str_equals_ascii(name, "__getitem__"))
        return id != TYPE_ID_LIST && id != TYPE_ID_DICT;
    if (str_equals_ascii(name, "__contains__"))
        return id != TYPE_ID_DICT && id != TYPE_ID_SET && id != TYPE_ID_FROZENSET;
    return true;
}

static bool is_dunder(Obj *name) {
    const StrObj *s = (const StrObj *)name;
    return s->kind == 1 && s->length > 4 && s->data[0] == '_' && s->data[1] == '_' && s->data[s->length - 1] == '_' &&
           s->data[s->length - 2] == '_';
}

static Obj *builtin_method_new(Obj *self, Obj *name, const Type *owner) {
    bool dunder = is_slot_wrapper(owner, name);
    const Type *type = self ? (dunder ? &type_builtin_method_wrapper : &type_builtin_method)
                            : (dunder ? &type_builtin_wrapper_descriptor : &type_method_descriptor);
    BuiltinMethodObj *m = (BuiltinMethodObj *)obj_alloc(type, sizeof(BuiltinMethodObj));
    if (!m)
        return NULL;
    m->self = self ? new_ref(self) : NULL;
    m->name = new_ref(name);
    m->owner = owner;
    return (Obj *)m;
}

/* Method descriptors are made once per member-table entry and kept
 * (immortal), as CPython keeps them in the type's dict: `str.upper is
 * str.upper`, and `key=str.lower` allocates nothing. */
#define DESCRIPTOR_CACHE_SIZE 256 /* above the number of table entries */
static struct DescriptorCacheEntry {
    const char *member; /* the member table's string: identifies (type, name) */
    const Type *owner;
    Obj *descriptor;
} descriptor_cache[DESCRIPTOR_CACHE_SIZE];

static Obj *method_descriptor(const Type *owner, Obj *name) {
    const char *member = method_entry(owner, name);
    if (!member)
        return builtin_method_new(NULL, name, owner); /* TextIOWrapper's: made each time */
    uint32_t h = (uint32_t)(((uintptr_t)member >> 2) * 2654435761u) >> 24;
    for (uint32_t k = 0; k < DESCRIPTOR_CACHE_SIZE; k++) {
        struct DescriptorCacheEntry *e = &descriptor_cache[(h + k) & (DESCRIPTOR_CACHE_SIZE - 1)];
        if (e->member == member && e->owner == owner)
            return e->descriptor;
        if (e->member)
            continue;
        Obj *immortal_name = str_from_ascii(member);
        Obj *d = immortal_name ? builtin_method_new(NULL, immortal_name, owner) : NULL;
        rt_decref(immortal_name);
        if (!d)
            return NULL;
        obj_make_immortal(((BuiltinMethodObj *)d)->name);
        obj_make_immortal(d);
        e->member = member;
        e->owner = owner;
        e->descriptor = d;
        return d;
    }
    return builtin_method_new(NULL, name, owner);
}

Obj *builtin_method_get(const Type *owner, Obj *name, Obj *obj, const Type *cls) {
    if (type_method_kind(owner->id, name) != NOT_TYPE_METHOD)
        return builtin_method_new((Obj *)(obj ? type_of(obj) : cls), name, owner);
    return obj ? builtin_method_new(obj, name, owner) : method_descriptor(owner, name);
}

uint32_t builtin_method_release(Obj *o) {
    BuiltinMethodObj *m = (BuiltinMethodObj *)o;
    Obj *self = m->self, *name = m->name;
    m->self = m->name = NULL;
    rt_decref(self);
    rt_decref(name);
    return sizeof(BuiltinMethodObj);
}

/* A descriptor's self check; on a dunder (wrapper_descriptor) CPython words
 * it as the slot wrappers do. */
static bool descriptor_applies(const Type *owner, Obj *name, Obj *self) {
    if (type_is_subtype(type_of(self), owner))
        return true;
    if (is_slot_wrapper(owner, name))
        err_format(&type_type_error, "descriptor '%S' requires a '%s' object but received a '%T'", name, owner->name,
                   self);
    else
        err_format(&type_type_error, "descriptor '%S' for '%s' objects doesn't apply to a '%T' object", name,
                   owner->name, self);
    return false;
}

/* list.append(lst, x): the first argument is self. */
static Obj *descriptor_call(const Type *owner, Obj *name, Obj *args, Obj *kwargs) {
    int32_t n = args_count(args);
    if (n == 0) {
        if (is_slot_wrapper(owner, name))
            err_format(&type_type_error, "descriptor '%S' of '%s' object needs an argument", name, owner->name);
        else
            err_format(&type_type_error, "unbound method %s.%S() needs an argument", owner->name, name);
        return NULL;
    }
    Obj *self = arg_at(args, 0);
    if (!descriptor_applies(owner, name, self))
        return NULL;
    SliceIndices after_self = {1, n, 1, n - 1};
    Obj *rest = tuple_slice(args, &after_self);
    if (!rest)
        return NULL;
    Obj *r = builtin_method_call_on(self, name, rest, kwargs);
    rt_decref(rest);
    return r;
}

/* The `obj, type=None` arguments of a __get__. */
static bool get_args(Obj *args, Obj *kwargs, Obj **obj, Obj **type) {
    if (!check_no_kwargs(kwargs, "__get__") || !check_arg_range(args, "__get__", 1, 2))
        return false;
    *obj = arg_at(args, 0);
    *type = args_count(args) > 1 ? arg_at(args, 1) : rt_none();
    if (*obj == rt_none() && *type == rt_none()) {
        err_format(&type_type_error, "__get__(None, None) is invalid");
        return false;
    }
    return true;
}

/* f.__get__(obj, type=None): a method bound to obj; f itself when obj is None. */
static Obj *function_get(Obj *f, Obj *args, Obj *kwargs) {
    Obj *obj, *type;
    if (!get_args(args, kwargs, &obj, &type))
        return NULL;
    if (obj == rt_none())
        return new_ref(f);
    return bound_method_new(f, obj); /* class.c */
}

/* list.append.__get__(obj, type=None) (d the descriptor): the method bound
 * to obj; the descriptor itself when obj is None. */
static Obj *descriptor_get(Obj *d, Obj *args, Obj *kwargs) {
    BuiltinMethodObj *m = (BuiltinMethodObj *)d;
    Obj *obj, *type;
    if (!get_args(args, kwargs, &obj, &type))
        return NULL;
    if (obj == rt_none())
        return new_ref(d);
    if (!descriptor_applies(m->owner, m->name, obj))
        return NULL;
    return builtin_method_get(m->owner, m->name, obj, type_of(obj));
}

Obj *builtin_method_call(Obj *o, Obj *args, Obj *kwargs) {
    BuiltinMethodObj *m = (BuiltinMethodObj *)o;
    if (!m->self)
        return descriptor_call(m->owner, m->name, args, kwargs);
    return builtin_method_call_on(m->self, m->name, args, kwargs);
}

/* "T.name": T the class of __self__ (the class itself for a class method),
 * or the owner for a descriptor. */
static Obj *builtin_method_qualname(BuiltinMethodObj *m) {
    const Type *t = !m->self ? m->owner : type_id_of(m->self) == TYPE_ID_TYPE ? (const Type *)m->self
                                                                             : type_of(m->self);
    StrBuf b;
    strbuf_init(&b);
    if (type_is_user_class(t))
        strbuf_append_str_obj(&b, ((const ClassObj *)t)->qualname);
    else
        strbuf_append_cstr(&b, t->name);
    strbuf_append_char(&b, '.');
    strbuf_append_str_obj(&b, m->name);
    return strbuf_finish(&b);
}

Obj *builtin_method_getattr(Obj *o, Obj *name) {
    BuiltinMethodObj *m = (BuiltinMethodObj *)o;
    if (str_equals_ascii(name, "__name__"))
        return new_ref(m->name);
    if (str_equals_ascii(name, "__qualname__"))
        return builtin_method_qualname(m);
    if (str_equals_ascii(name, "__class__"))
        return (Obj *)o->type;
    if (m->self) {
        if (str_equals_ascii(name, "__self__")) /* a static method's is None */
            return new_ref(type_method_kind(m->owner->id, m->name) == STATIC_METHOD ? rt_none() : m->self);
        if (str_equals_ascii(name, "__module__"))
            return new_ref(rt_none());
    } else {
        if (str_equals_ascii(name, "__objclass__"))
            return (Obj *)m->owner;
        if (str_equals_ascii(name, "__get__"))
            return builtin_method_new(o, name, &type_method_descriptor);
    }
    raise_no_attribute(o, name);
    return NULL;
}

Obj *builtin_method_repr(Obj *o) {
    BuiltinMethodObj *m = (BuiltinMethodObj *)o;
    StrBuf b;
    strbuf_init(&b);
    bool dunder = is_slot_wrapper(m->owner, m->name);
    if (!m->self) {
        strbuf_append_cstr(&b, dunder ? "<slot wrapper '" : "<method '");
        strbuf_append_str_obj(&b, m->name);
        strbuf_append_cstr(&b, "' of '");
        strbuf_append_cstr(&b, m->owner->name);
        strbuf_append_cstr(&b, "' objects>");
        return strbuf_finish(&b);
    }
    strbuf_append_cstr(&b, dunder ? "<method-wrapper '" : "<built-in method ");
    strbuf_append_str_obj(&b, m->name);
    strbuf_append_cstr(&b, dunder ? "' of " : " of ");
    /* CPython prints the type's tp_name, which has the module for _io's */
    strbuf_append_cstr(&b, type_id_of(m->self) == TYPE_ID_TEXT_IO ? "_io.TextIOWrapper" : type_name_of(m->self));
    strbuf_append_cstr(&b, " object at ");
    strbuf_append_address(&b, m->self);
    strbuf_append_char(&b, '>');
    return strbuf_finish(&b);
}

int32_t builtin_method_equal(Obj *a, Obj *b) {
    BuiltinMethodObj *x = (BuiltinMethodObj *)a, *y = (BuiltinMethodObj *)b;
    return x->self == y->self && x->owner == y->owner && x->name && y->name && str_equal(x->name, y->name);
}

int64_t builtin_method_hash(Obj *o) {
    BuiltinMethodObj *m = (BuiltinMethodObj *)o;
    int64_t h = object_identity_hash(m->self ? m->self : (const Obj *)m->owner) ^ str_hash(m->name);
    return h == -1 ? -2 : h;
}
