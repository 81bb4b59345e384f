/*
 * methods.c — attribute access and method calls on builtin objects:
 * rt_getattr (data attributes of range, slice, exceptions, functions and
 * generators; user classes, their instances and objects go to class.c first),
 * rt_delattr,
 * rt_setattr (functions store attributes; builtin receivers refuse with
 * CPython's wording) and rt_call_method
 * (dispatch on the type id, then on the method name), plus the argument
 * checks every builtin method shares, worded as CPython words them.
 *
 * Invariants:
 *  - args is always a tuple and kwargs a dict or NULL; neither is modified.
 *  - An unknown name raises AttributeError "'T' object has no attribute
 *    'name'" whether it is read or called.
 */
#include "taipan_internal.h"
#include <string.h>

bool str_equals_ascii(const Obj *s, const char *ascii) {
    const StrObj *str = (const StrObj *)s;
    int32_t n = (int32_t)strlen(ascii);
    if (str->kind != 1 || str->length != n)
        return false;
    return memcmp(str->data, ascii, (size_t)n) == 0;
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
    "format_map", "encode", "maketrans", NULL};
static const char *const list_members[] = {"append", "extend", "insert", "pop", "remove", "index", "count",
                                           "clear", "copy", "reverse", "sort", NULL};
static const char *const tuple_members[] = {"index", "count", NULL};
static const char *const dict_members[] = {"keys", "values", "items", "get", "setdefault", "pop", "popitem",
                                           "update", "clear", "copy", "fromkeys", NULL};
static const char *const set_members[] = {
    "copy", "union", "intersection", "difference", "symmetric_difference", "issubset", "issuperset",
    "isdisjoint", "add", "remove", "discard", "pop", "clear", "update", "intersection_update",
    "difference_update", "symmetric_difference_update", NULL};
/* frozenset has the first eight (the non-mutating ones) */
static const char *const frozenset_members[] = {"copy", "union", "intersection", "difference",
                                                "symmetric_difference", "issubset", "issuperset",
                                                "isdisjoint", NULL};
static const char *const range_members[] = {"index", "count", "start", "stop", "step", NULL};
static const char *const slice_members[] = {"start", "stop", "step", NULL};
static const char *const bytes_members[] = {"decode", "split", "fromhex", "join", "strip", "lstrip",
                                            "rstrip", "startswith", "endswith", "find", "rfind", "index",
                                            "rindex", "count", "replace", "upper", "lower", "hex",
                                            "isdigit", "isalpha", "translate", "maketrans", NULL};
static const char *const int_members[] = {"bit_length", "bit_count", "conjugate", "as_integer_ratio",
                                          "to_bytes", "from_bytes", "real", "imag", "numerator",
                                          "denominator", NULL};
static const char *const float_members[] = {"is_integer", "as_integer_ratio", "hex", "conjugate",
                                            "fromhex", "real", "imag", NULL};
static const char *const set_like_view_members[] = {"isdisjoint", NULL}; /* dict_keys, dict_items */
static const char *const named_members[] = {"__name__", "__qualname__", "__module__", NULL};
static const char *const generator_members[] = {"__next__", "__iter__", "send", "throw", "close", "__name__",
                                                "__qualname__", "gi_running", "gi_suspended", NULL};

/* Class and static methods reachable on the type object itself
 * (int.from_bytes, bytes.maketrans). */
static bool is_type_method(int32_t type_id, Obj *name) {
    switch ((TypeId)type_id) {
    case TYPE_ID_DICT: return str_equals_ascii(name, "fromkeys");
    case TYPE_ID_STR: return str_equals_ascii(name, "maketrans");
    case TYPE_ID_FLOAT: return str_equals_ascii(name, "fromhex");
    case TYPE_ID_BYTES: return str_equals_ascii(name, "fromhex") || str_equals_ascii(name, "maketrans");
    case TYPE_ID_INT: return str_equals_ascii(name, "from_bytes");
    default: return false;
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
    case TYPE_ID_TYPE:
    case TYPE_ID_BUILTIN_FUNCTION: return named_members;
    case TYPE_ID_GENERATOR: return generator_members;
    case TYPE_ID_DICT_KEYS:
    case TYPE_ID_DICT_ITEMS: return set_like_view_members;
    default: return NULL;
    }
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
    const char *const *names = members_of(id);
    for (int k = 0; names && names[k]; k++)
        if (str_equals_ascii(name, names[k]))
            return true;
    if (id == TYPE_ID_TYPE)
        return is_type_method(((const Type *)self)->id, name);
    return false;
}

/* For class.c: whether a subclass instance of a builtin layout has name as
 * a member of the layout (dispatched here by type id). */
bool builtin_has_member(Obj *self, Obj *name) { return has_member(self, name); }

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

Obj *rt_getattr(Obj *o, Obj *name) {
    TypeId id = type_id_of(o);
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
            err_format(&type_attribute_error, "type object '%s' has no attribute '%S'", ((const Type *)o)->name, name);
            return NULL;
        }
    }
    raise_missing(o, name);
    return NULL;
}

/* Data attributes of the builtin instances (CPython's member and getset
 * descriptors): assigning one is "not writable"/"readonly", unlike a method. */
static bool is_data_member(TypeId id, Obj *name) {
    static const char *const number[] = {"real", "imag", "numerator", "denominator", NULL};
    static const char *const bounds[] = {"start", "stop", "step", NULL};
    const char *const *names = id == TYPE_ID_RANGE || id == TYPE_ID_SLICE ? bounds : number;
    int limit = id == TYPE_ID_FLOAT ? 2 : 4;
    if (id != TYPE_ID_INT && id != TYPE_ID_BOOL && id != TYPE_ID_FLOAT && id != TYPE_ID_RANGE && id != TYPE_ID_SLICE)
        return false;
    for (int k = 0; k < limit && names[k]; k++)
        if (str_equals_ascii(name, names[k]))
            return true;
    return false;
}

int32_t rt_setattr(Obj *obj, Obj *name, Obj *value) {
    TypeId id = type_id_of(obj);
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
    if (is_data_member(id, name)) {
        if (id == TYPE_ID_RANGE || id == TYPE_ID_SLICE)
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

/* `del obj.name`: user instances and classes (class.c), function
 * attributes; everything else refuses as rt_setattr does. */
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

/* The str methods that hand back the receiver itself even for a str
 * subclass (CPython shares the whole input there): partition/rpartition
 * without a match, format/format_map of a template without fields. */
static bool keeps_subclass_receiver(Obj *self, Obj *name) {
    return is_str(self) && (str_equals_ascii(name, "partition") || str_equals_ascii(name, "rpartition") ||
                            str_equals_ascii(name, "format") || str_equals_ascii(name, "format_map"));
}

Obj *rt_call_method(Obj *self, Obj *name, Obj *args, Obj *kwargs) {
    bool found = false;
    Obj *result = NULL;
    if (is_class_receiver(self)) { /* class.c: user classes and their objects */
        if (!keywords_are_strings(kwargs)) /* as rt_call: the binder assumes str keys */
            return NULL;
        bool handled;
        Obj *r = classes_call_method(self, name, args, kwargs, &handled);
        if (handled)
            return r;
        if (is_user_instance(self) && is_value_layout_id(self->type->id) && !keeps_subclass_receiver(self, name)) {
            /* a method of an int/str/tuple ... subclass's layout runs on the
             * plain value, so a result that would be the receiver itself
             * ('a'.strip(), (5).real ...) is an exact value, as CPython
             * copies a subclass instance there */
            Obj *value = layout_exact_value(self);
            r = value ? rt_call_method(value, name, args, kwargs) : NULL;
            rt_decref(value);
            return r;
        }
    }
    if (!has_member(self, name)) {
        raise_missing(self, name);
        return NULL;
    }
    if (!keywords_are_strings(kwargs)) /* as rt_call: the methods' keyword parsers assume str keys */
        return NULL;
    switch (type_id_of(self)) {
    case TYPE_ID_STR:
        /* static/class methods also answer on an instance: 'x'.maketrans(...) */
        if (str_equals_ascii(name, "maketrans"))
            return type_call_method((Obj *)&type_str, name, args, kwargs, &found);
        return str_call_method(self, name, args, kwargs); /* str_methods.c */
    case TYPE_ID_LIST: result = list_call_method(self, name, args, kwargs, &found); break;
    case TYPE_ID_TUPLE: result = tuple_call_method(self, name, args, kwargs, &found); break;
    case TYPE_ID_DICT:
        if (str_equals_ascii(name, "fromkeys")) /* {}.fromkeys(...) is dict.fromkeys(...) */
            return type_call_method((Obj *)&type_dict, name, args, kwargs, &found);
        result = dict_call_method(self, name, args, kwargs, &found);
        break;
    case TYPE_ID_SET:
    case TYPE_ID_FROZENSET: result = set_call_method(self, name, args, kwargs, &found); break;
    case TYPE_ID_RANGE: result = range_call_method(self, name, args, kwargs, &found); break;
    case TYPE_ID_BYTES: result = bytes_call_method(self, name, args, kwargs, &found); break; /* bytes.c, fromhex too */
    case TYPE_ID_GENERATOR: result = gen_call_method(self, name, args, kwargs, &found); break; /* gen.c */
    case TYPE_ID_DICT_KEYS:
    case TYPE_ID_DICT_ITEMS: result = dict_view_call_method(self, name, args, kwargs, &found); break; /* dict.c */
    case TYPE_ID_TEXT_IO: return text_io_call_method(self, name, args, kwargs); /* sysmodule.c */
    case TYPE_ID_TYPE:
        result = type_call_method(self, name, args, kwargs, &found); /* introspect.c */
        if (!found) {
            err_format(&type_attribute_error, "type object '%s' has no attribute '%S'",
                       ((const Type *)self)->name, name);
            return NULL;
        }
        break;
    case TYPE_ID_INT:
    case TYPE_ID_BOOL:
        /* class methods answer on an instance too: (5).from_bytes(...) */
        if (str_equals_ascii(name, "from_bytes")) {
            Obj *value = type_call_method((Obj *)&type_int, name, args, kwargs, &found);
            /* True.from_bytes is bool.from_bytes, which returns bool(value) */
            if (value && type_id_of(self) == TYPE_ID_BOOL) {
                Obj *flag = bool_obj(!int_is_zero(value));
                rt_decref(value);
                return flag;
            }
            return value;
        }
        result = number_call_method(self, name, args, kwargs, &found);
        break;
    case TYPE_ID_FLOAT:
        if (str_equals_ascii(name, "fromhex"))
            return type_call_method((Obj *)&type_float, name, args, kwargs, &found);
        result = number_call_method(self, name, args, kwargs, &found); break; /* number_methods.c */
    default: break;
    }
    if (!found) {
        /* A data attribute in the table (range.start, int.real, ...): read it
         * and call the value, so the error is CPython's "not callable". */
        Obj *attr = rt_getattr(self, name);
        if (!attr)
            return NULL;
        result = rt_call(attr, args, kwargs);
        rt_decref(attr);
    }
    return result;
}
