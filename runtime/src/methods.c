/*
 * methods.c — attribute access and method calls on builtin objects:
 * rt_getattr (data attributes of range and slice) and rt_call_method
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

Obj *rt_getattr(Obj *o, Obj *name) {
    TypeId id = type_id_of(o);
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
    if (id == TYPE_ID_TYPE || id == TYPE_ID_BUILTIN_FUNCTION || id == TYPE_ID_FUNCTION) {
        bool found;
        Obj *value = type_getattr(o, name, &found); /* introspect.c */
        if (found)
            return value;
        if (id == TYPE_ID_TYPE) {
            err_format(&type_attribute_error, "type object '%s' has no attribute '%S'", ((const Type *)o)->name, name);
            return NULL;
        }
    }
    raise_no_attribute(o, name);
    return NULL;
}

Obj *rt_call_method(Obj *self, Obj *name, Obj *args, Obj *kwargs) {
    bool found = false;
    Obj *result = NULL;
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
    case TYPE_ID_FLOAT: result = number_call_method(self, name, args, kwargs, &found); break; /* number_methods.c */
    default: break;
    }
    if (!found)
        raise_no_attribute(self, name);
    return result;
}
