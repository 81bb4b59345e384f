/*
 * match.c — the runtime side of structural pattern matching (PEP 634):
 * which subjects are sequences and mappings, length tests, mapping lookups
 * that tell a missing key from a failed lookup, `**rest`, and class
 * patterns (isinstance, then what positional sub-patterns match).
 *
 * Invariants:
 *  - Tests return 1 or 0, and -1 only with an exception pending.
 *  - An absent result (a missing key or attribute) is NULL with nothing
 *    pending; NULL with an exception pending is a failure.
 */
#include "taipan_internal.h"

/* str, bytes and bytearray are sequences that sequence patterns refuse. */
int32_t rt_match_sequence(Obj *subject) {
    switch (type_id_of(subject)) {
    case TYPE_ID_LIST:
    case TYPE_ID_TUPLE:
    case TYPE_ID_RANGE:
        return 1;
    default:
        return 0;
    }
}

int32_t rt_match_mapping(Obj *subject) { return is_dict(subject) ? 1 : 0; }

int32_t rt_match_len(Obj *subject, int32_t n, int32_t at_least) {
    int64_t len = container_len(subject);
    if (len < 0)
        return -1;
    return (at_least ? len >= n : len == n) ? 1 : 0;
}

Obj *rt_match_mapping_get(Obj *subject, Obj *key) {
    int32_t status = 0;
    Obj *value = dict_lookup(subject, key, &status);
    return value ? new_ref(value) : NULL;
}

Obj *rt_match_mapping_rest(Obj *subject, Obj *keys) {
    Obj *rest = dict_copy(subject);
    if (!rest)
        return NULL;
    TupleObj *t = (TupleObj *)keys;
    for (int32_t i = 0; i < t->length; i++) {
        if (dict_delete(rest, t->items[i]) < 0) {
            rt_decref(rest);
            return NULL;
        }
    }
    return rest;
}

/* The builtin classes whose single positional sub-pattern matches the subject itself. */
static bool matches_self(const Type *cls) {
    switch (cls->id) {
    case TYPE_ID_BOOL: case TYPE_ID_BYTES: case TYPE_ID_DICT: case TYPE_ID_FLOAT:
    case TYPE_ID_FROZENSET: case TYPE_ID_INT: case TYPE_ID_LIST: case TYPE_ID_SET:
    case TYPE_ID_STR: case TYPE_ID_TUPLE:
        return true;
    default:
        return false;
    }
}

/* cls.__match_args__ of a user class as a new tuple reference; NULL with
 * nothing pending when the class has none. */
static Obj *match_args_of(Obj *cls, bool *error) {
    *error = false;
    Obj *name = str_from_ascii("__match_args__");
    Obj *args = name ? rt_getattr(cls, name) : NULL;
    rt_decref(name);
    if (!args) {
        if (err_matches(&type_attribute_error))
            rt_err_clear();
        else
            *error = true;
        return NULL;
    }
    if (!is_tuple(args)) {
        err_format(&type_type_error, "%s.__match_args__ must be a tuple (got %T)", ((const Type *)cls)->name, args);
        rt_decref(args);
        *error = true;
        return NULL;
    }
    return args;
}

/* The checks of positional sub-patterns against __match_args__: the count
 * and str names. The attributes themselves are read by rt_match_class_arg,
 * in the order the compiled pattern asks for them. */
static int32_t match_positional_attrs(Obj *cls, Obj *args, int32_t npositional) {
    int32_t allowed = ((TupleObj *)args)->length;
    if (npositional > allowed) {
        err_format(&type_type_error, "%s() accepts %d positional sub-pattern%s (%d given)",
                   ((const Type *)cls)->name, allowed, allowed == 1 ? "" : "s", npositional);
        return -1;
    }
    for (int32_t i = 0; i < npositional; i++) {
        Obj *name = ((TupleObj *)args)->items[i];
        if (!is_str(name)) {
            err_format(&type_type_error, "__match_args__ elements must be strings (got %T)", name);
            return -1;
        }
    }
    return 1;
}

int32_t rt_match_class(Obj *subject, Obj *cls, int32_t npositional) {
    if (type_id_of(cls) != TYPE_ID_TYPE) {
        err_format(&type_type_error, "called match pattern must be a type");
        return -1;
    }
    const Type *type = (const Type *)cls;
    if (!type_is_subtype(type_of(subject), type))
        return 0;
    int32_t allowed = matches_self(type) ? 1 : 0;
    if (npositional > 0 && type_is_user_class(type)) {
        bool error;
        Obj *args = match_args_of(cls, &error);
        if (error)
            return -1;
        if (args) {
            int32_t status = match_positional_attrs(cls, args, npositional);
            rt_decref(args);
            return status;
        }
    }
    if (npositional > allowed) {
        err_format(&type_type_error, "%s() accepts %d positional sub-pattern%s (%d given)",
                   type->name, allowed, allowed == 1 ? "" : "s", npositional);
        return -1;
    }
    return 1;
}

/* The index-th positional sub-pattern's value: the attribute named by
 * __match_args__[index] (NULL with nothing pending when the subject lacks
 * it: no match), or, for a self-matching class without __match_args__, the
 * subject. */
Obj *rt_match_class_arg(Obj *subject, Obj *cls, int32_t index) {
    if (type_is_user_class((const Type *)cls)) {
        bool error;
        Obj *args = match_args_of(cls, &error);
        if (error)
            return NULL;
        if (args) {
            Obj *value = rt_match_attr(subject, ((TupleObj *)args)->items[index]);
            rt_decref(args);
            return value;
        }
    }
    return new_ref(subject);
}

Obj *rt_match_attr(Obj *subject, Obj *name) {
    Obj *value = rt_getattr(subject, name);
    if (!value && err_matches(&type_attribute_error))
        rt_err_clear();
    return value;
}
