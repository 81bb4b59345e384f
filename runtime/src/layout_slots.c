/*
 * layout_slots.c — the special methods of the builtin layouts a user class
 * can derive from (int, float, str, tuple, bytes, list, dict) as class.c's
 * slot methods, and the construction of instances of subclasses of the
 * value layouts: what `int.__add__(a, b)`, `super().__getitem__(k)`,
 * `str.__repr__(s)`, `super().__new__(cls, v)` and `MyInt(5)` run.
 *
 * Invariants:
 *  - A slot method never dispatches back to a user override of its name
 *    (an override's super() call lands here): the receiver of a value
 *    layout is first turned into its exact builtin value (int_exact ...),
 *    whose generic operations (binary_op, rt_repr, hash_of ...) involve no
 *    user class; a list or dict receiver is used in place through the by-id
 *    functions of list.c, dict.c and iter.c.
 *  - The numeric methods answer NotImplemented for an operand their type
 *    does not take (int.__add__(1, 1.5)), as CPython's slot wrappers do; the
 *    sequence concatenations raise CPython's TypeError instead.
 *  - Results are exact builtin values, never instances of the subclass;
 *    argument errors use CPython's wording for each kind of method (slot
 *    wrapper, METH_NOARGS, METH_O).
 */
#include "taipan_internal.h"
#include <math.h>

bool layout_defines(int32_t layout, int32_t slot) {
    if (!is_builtin_layout_id(layout))
        return false;
    bool num = layout == TYPE_ID_INT || layout == TYPE_ID_FLOAT;
    bool seq = layout == TYPE_ID_STR || layout == TYPE_ID_TUPLE || layout == TYPE_ID_BYTES || layout == TYPE_ID_LIST;
    switch ((Slot)slot) {
    case SLOT_NEW: case SLOT_REPR: case SLOT_HASH: case SLOT_EQ: case SLOT_NE: case SLOT_LT: case SLOT_LE:
    case SLOT_GT: case SLOT_GE: case SLOT_GETATTRIBUTE: return true;
    case SLOT_INIT: case SLOT_SETITEM: case SLOT_DELITEM: case SLOT_REVERSED:
        return layout == TYPE_ID_LIST || layout == TYPE_ID_DICT;
    case SLOT_STR: return layout == TYPE_ID_STR || layout == TYPE_ID_BYTES;
    case SLOT_FORMAT: return num || layout == TYPE_ID_STR;
    case SLOT_ADD: case SLOT_MUL: case SLOT_RMUL: return num || seq;
    case SLOT_MOD: case SLOT_RMOD: return num || layout == TYPE_ID_STR;
    case SLOT_RADD: case SLOT_SUB: case SLOT_RSUB: case SLOT_TRUEDIV: case SLOT_RTRUEDIV: case SLOT_FLOORDIV:
    case SLOT_RFLOORDIV: case SLOT_POW: case SLOT_RPOW: case SLOT_DIVMOD: case SLOT_RDIVMOD: case SLOT_NEG:
    case SLOT_POS: case SLOT_ABS: case SLOT_BOOL: case SLOT_INT: case SLOT_FLOAT: case SLOT_ROUND:
    case SLOT_TRUNC: case SLOT_FLOOR: case SLOT_CEIL: return num;
    case SLOT_LSHIFT: case SLOT_RLSHIFT: case SLOT_RSHIFT: case SLOT_RRSHIFT: case SLOT_AND: case SLOT_RAND:
    case SLOT_XOR: case SLOT_RXOR: case SLOT_INVERT: case SLOT_INDEX: return layout == TYPE_ID_INT;
    case SLOT_OR: case SLOT_ROR: return layout == TYPE_ID_INT || layout == TYPE_ID_DICT;
    case SLOT_GETNEWARGS: return is_value_layout_id(layout);
    /* list.__getitem__, dict.__getitem__ and dict.__contains__ are methods
     * in CPython (method_descriptor), found through methods.c's tables */
    case SLOT_GETITEM: return layout == TYPE_ID_STR || layout == TYPE_ID_TUPLE || layout == TYPE_ID_BYTES;
    case SLOT_CONTAINS: return seq;
    case SLOT_LEN: case SLOT_ITER: return seq || layout == TYPE_ID_DICT;
    case SLOT_BYTES: return layout == TYPE_ID_BYTES;
    case SLOT_IADD: case SLOT_IMUL: return layout == TYPE_ID_LIST;
    case SLOT_IOR: return layout == TYPE_ID_DICT;
    default: return false;
    }
}

Obj *layout_exact_value(Obj *o) {
    switch (type_id_of(o)) {
    case TYPE_ID_INT:
    case TYPE_ID_BOOL: return int_exact(o);
    case TYPE_ID_FLOAT: return float_exact(o);
    case TYPE_ID_STR: return str_exact(o);
    case TYPE_ID_TUPLE: return tuple_exact(o);
    case TYPE_ID_BYTES: return bytes_exact(o);
    default: return new_ref(o);
    }
}

Obj *layout_value_new(const Type *owner, const Type *cls, Obj *const *argv, int32_t nargs, Obj *kwargs) {
    Obj *args = tuple_new(nargs);
    if (!args)
        return NULL;
    for (int32_t i = 0; i < nargs; i++)
        ((TupleObj *)args)->items[i] = new_ref(argv[i]);
    /* int(...), str(...) ...: the builtin constructor's own argument rules */
    Obj *value = rt_call((Obj *)owner, args, kwargs);
    rt_decref(args);
    if (!value || !type_is_user_class(cls))
        return value;
    Obj *instance = value_instance_new(cls, value); /* class.c */
    rt_decref(value);
    return instance;
}

/* The builtin type whose layout user class cls has (int for class C(Mixin, int)). */
static const Type *layout_type_of(const Type *cls) {
    while (type_is_user_class(cls))
        cls = cls->base;
    return cls;
}

Obj *layout_class_method_call(Obj *cls, Obj *name, Obj *args, Obj *kwargs, bool *found) {
    const Type *base = layout_type_of((const Type *)cls);
    Obj *value = type_call_method((Obj *)base, name, args, kwargs, found); /* introspect.c */
    if (!*found || !value || str_equals_ascii(name, "maketrans")) /* maketrans is static */
        return value;
    Obj *r;
    if (base->id == TYPE_ID_DICT) { /* cls() filled through its own __setitem__, as CPython does */
        r = rt_call(cls, tuple_new(0), NULL); /* () is immortal */
        DictObj *d = (DictObj *)value;
        for (int32_t i = 0; r && i < d->entries_len; i++) {
            if (d->entries[i].key && rt_setitem(r, d->entries[i].key, d->entries[i].value) < 0) {
                rt_decref(r);
                r = NULL;
            }
        }
    } else { /* cls(value) */
        Obj *one = tuple_new(1);
        if (!one) {
            rt_decref(value);
            return NULL;
        }
        ((TupleObj *)one)->items[0] = new_ref(value);
        r = rt_call(cls, one, NULL);
        rt_decref(one);
    }
    rt_decref(value);
    return r;
}

/* ---- argument checks, worded per kind of method ------------------------------- */

static const char *name_of(int32_t slot) { return slot_method_name(slot); }

/* A slot wrapper's "expected 1 argument, got 0"; CPython's ternary and
 * setitem wrappers print an empty function name before it. */
static bool wrapper_arity(int32_t nargs, int32_t min, int32_t max, bool blank_name) {
    if (nargs >= min && nargs <= max)
        return true;
    const char *bound = min == max ? "" : nargs < min ? "at least " : "at most ";
    int32_t n = nargs < min ? min : max;
    err_format(&type_type_error, "%sexpected %s%d argument%s, got %d", blank_name ? " " : "", bound, n,
               n == 1 ? "" : "s", nargs);
    return false;
}

/* METH_NOARGS / METH_O methods: "int.__trunc__() takes no arguments (1 given)". */
static bool method_arity(const Type *owner, int32_t slot, int32_t nargs, int32_t expected) {
    if (nargs == expected)
        return true;
    if (expected == 0)
        err_format(&type_type_error, "%s.%s() takes no arguments (%d given)", owner->name, name_of(slot), nargs);
    else
        err_format(&type_type_error, "%s.%s() takes exactly one argument (%d given)", owner->name, name_of(slot),
                   nargs);
    return false;
}

static bool is_method_not_wrapper(int32_t id, int32_t slot) {
    switch ((Slot)slot) {
    case SLOT_TRUNC: case SLOT_FLOOR: case SLOT_CEIL: case SLOT_ROUND: case SLOT_GETNEWARGS: case SLOT_FORMAT:
    case SLOT_BYTES: case SLOT_REVERSED: return true;
    case SLOT_GETITEM: return id == TYPE_ID_LIST || id == TYPE_ID_DICT;
    default: return false;
    }
}

static bool check_arguments(const Type *owner, int32_t slot, int32_t nargs, Obj *kwargs) {
    bool method = is_method_not_wrapper(owner->id, slot);
    if (kwargs && ((DictObj *)kwargs)->used > 0) {
        if (method)
            err_format(&type_type_error, "%s.%s() takes no keyword arguments", owner->name, name_of(slot));
        else
            err_format(&type_type_error, "wrapper %s() takes no keyword arguments", name_of(slot));
        return false;
    }
    switch ((Slot)slot) {
    case SLOT_POW: case SLOT_RPOW: return wrapper_arity(nargs, 1, 2, true);
    case SLOT_SETITEM: return wrapper_arity(nargs, 2, 2, true);
    case SLOT_ROUND:
        if (nargs <= 1)
            return true;
        err_format(&type_type_error, "__round__ expected at most 1 argument, got %d", nargs);
        return false;
    case SLOT_FORMAT: case SLOT_GETITEM:
        return method ? method_arity(owner, slot, nargs, 1) : wrapper_arity(nargs, 1, 1, false);
    case SLOT_TRUNC: case SLOT_FLOOR: case SLOT_CEIL: case SLOT_GETNEWARGS: case SLOT_BYTES: case SLOT_REVERSED:
        return method_arity(owner, slot, nargs, 0);
    case SLOT_REPR: case SLOT_STR: case SLOT_HASH: case SLOT_NEG: case SLOT_POS: case SLOT_ABS: case SLOT_INVERT:
    case SLOT_BOOL: case SLOT_INT: case SLOT_FLOAT: case SLOT_INDEX: case SLOT_LEN: case SLOT_ITER:
        return wrapper_arity(nargs, 0, 0, false);
    default: return wrapper_arity(nargs, 1, 1, false); /* the binary ones, comparisons, contains, delitem */
    }
}

/* ---- the numeric methods ----------------------------------------------------------- */

#define NOT_IMPLEMENTED (&not_implemented_object)

/* Whether a number of layout id takes other as the second operand. */
static bool number_accepts(int32_t id, Obj *other) {
    return is_int_like(other) || (id == TYPE_ID_FLOAT && is_float(other));
}

static Obj *exact_number(Obj *o) { return is_float(o) ? float_exact(o) : int_exact(o); }

/* int/float binary methods, divmod and pow with its optional modulus. */
static Obj *number_binary_slot(int32_t slot, int32_t id, Obj *v, Obj *const *argv, int32_t nargs) {
    bool divmod = slot == SLOT_DIVMOD || slot == SLOT_RDIVMOD;
    bool reflected = divmod ? slot == SLOT_RDIVMOD : ((slot - SLOT_ADD) & 1) != 0;
    Obj *other = argv[0];
    Obj *mod = nargs > 1 && argv[1] != rt_none() ? argv[1] : NULL;
    if (mod && id == TYPE_ID_FLOAT) { /* float's pow checks the modulus first */
        err_format(&type_type_error, "pow() 3rd argument not allowed unless all arguments are integers");
        return NULL;
    }
    if (!number_accepts(id, other) || (mod && !is_int_like(mod)))
        return new_ref(NOT_IMPLEMENTED);
    Obj *o = exact_number(other), *m = mod ? exact_number(mod) : NULL;
    Obj *r = NULL;
    if (o && (!mod || m)) {
        Obj *x = reflected ? o : v, *y = reflected ? v : o;
        if (divmod)
            r = rt_builtin_divmod(x, y);
        else if (m)
            r = rt_builtin_pow3(x, y, m);
        else
            r = binary_op((BinaryOp)((slot - SLOT_ADD) >> 1), x, y, false);
    }
    rt_decref(o);
    rt_decref(m);
    return r;
}

static Obj *number_unary_slot(int32_t slot, Obj *v, Obj *const *argv, int32_t nargs) {
    switch ((Slot)slot) {
    case SLOT_NEG: return rt_neg(v);
    case SLOT_POS: return rt_pos(v);
    case SLOT_ABS: return rt_builtin_abs(v);
    case SLOT_INVERT: return rt_invert(v);
    case SLOT_BOOL: return rt_builtin_bool(v);
    case SLOT_INT: return rt_builtin_int(v);
    case SLOT_FLOAT: return rt_builtin_float(v);
    case SLOT_INDEX: return new_ref(v);
    case SLOT_ROUND: return nargs ? rt_builtin_round2(v, argv[0]) : rt_builtin_round1(v);
    case SLOT_TRUNC: case SLOT_FLOOR: case SLOT_CEIL: {
        if (!is_float(v))
            return new_ref(v);
        double d = float_value(v);
        return int_from_double(slot == SLOT_TRUNC ? trunc(d) : slot == SLOT_FLOOR ? floor(d) : ceil(d));
    }
    default:
        err_format(&type_not_implemented_error, "Taipan does not support %s yet", name_of(slot));
        return NULL;
    }
}

/* ---- the sequence and mapping methods ------------------------------------------------ */

/* A sequence's repeat count: int-like or __index__, else CPython's TypeError. */
static bool repeat_count(Obj *count, int64_t *n) {
    Obj *index = number_index(count);
    if (!index)
        return false;
    bool fits = int_to_i64_checked(index, n);
    rt_decref(index);
    if (!fits)
        err_format(&type_overflow_error, "cannot fit 'int' into an index-sized integer");
    return fits;
}

static Obj *sequence_binary_slot(int32_t slot, int32_t id, Obj *self, Obj *v, Obj *other) {
    const char *name = id == TYPE_ID_STR ? "str" : id == TYPE_ID_TUPLE ? "tuple" : id == TYPE_ID_LIST ? "list" : "bytes";
    switch ((Slot)slot) {
    case SLOT_ADD:
        if (id == TYPE_ID_BYTES)
            return bytes_concat(v, other);
        if ((int32_t)type_id_of(other) != id) {
            err_format(&type_type_error, "can only concatenate %s (not \"%T\") to %s", name, other, name);
            return NULL;
        }
        return id == TYPE_ID_STR ? str_concat(v, other) : id == TYPE_ID_TUPLE ? tuple_concat(v, other)
                                                                               : list_concat(v, other);
    case SLOT_MUL:
    case SLOT_RMUL: {
        int64_t n;
        if (!repeat_count(other, &n))
            return NULL;
        switch (id) {
        case TYPE_ID_STR: return str_repeat(v, n);
        case TYPE_ID_TUPLE: return tuple_repeat(v, n);
        case TYPE_ID_LIST: return list_repeat(v, n);
        default: return bytes_repeat(v, n);
        }
    }
    /* str % args by the formatter itself (no user __mod__/__rmod__), on the
     * instance: a format without directives comes back as it is */
    case SLOT_MOD: return str_printf(self, other);
    case SLOT_RMOD: return is_str(other) ? str_printf(other, self) : new_ref(NOT_IMPLEMENTED);
    case SLOT_IADD: return list_extend(v, other) < 0 ? NULL : new_ref(v);
    case SLOT_IMUL: {
        int64_t n;
        if (!repeat_count(other, &n))
            return NULL;
        return list_inplace_repeat(v, n) < 0 ? NULL : new_ref(v);
    }
    default: return NULL;
    }
}

/* A list index given as a user instance with __index__ (the by-id list
 * code only knows ints and slices); new reference. */
static Obj *list_key(Obj *key) {
    if (is_user_instance(key) && !is_int_like(key) && special_lookup(key, "__index__"))
        return number_index(key);
    return new_ref(key);
}

static Obj *container_item_slot(int32_t slot, Obj *self, Obj *const *argv) {
    bool list = type_id_of(self) == TYPE_ID_LIST;
    Obj *key = list ? list_key(argv[0]) : new_ref(argv[0]);
    if (!key)
        return NULL;
    Obj *r = NULL;
    switch ((Slot)slot) {
    case SLOT_GETITEM: r = list ? list_getitem(self, key) : dict_getitem(self, key); break;
    case SLOT_SETITEM:
        r = (list ? list_setitem(self, key, argv[1]) : dict_set(self, key, argv[1])) < 0 ? NULL : new_ref(rt_none());
        break;
    default: { /* SLOT_DELITEM */
        int32_t status;
        if (list) {
            status = list_delitem(self, key);
        } else {
            status = dict_delete(self, key);
            if (status == 0)
                raise_key_error(key);
            status = status == 1 ? 0 : -1;
        }
        r = status < 0 ? NULL : new_ref(rt_none());
        break;
    }
    }
    rt_decref(key);
    return r;
}

/* The comparisons: NotImplemented unless other has the owner's kind of value. */
static Obj *compare_slot(int32_t slot, int32_t id, Obj *v, Obj *other) {
    bool applies = id == TYPE_ID_INT ? is_int_like(other)
                 : id == TYPE_ID_FLOAT ? is_int_like(other) || is_float(other)
                                       : (int32_t)type_id_of(other) == id;
    if (!applies)
        return new_ref(NOT_IMPLEMENTED);
    Obj *o = layout_exact_value(other);
    if (!o)
        return NULL;
    Obj *r; /* a switch, not a table of function pointers: the runtime makes no indirect calls */
    switch ((Slot)slot) {
    case SLOT_EQ: r = rt_eq(v, o); break;
    case SLOT_NE: r = rt_ne(v, o); break;
    case SLOT_LT: r = rt_lt(v, o); break;
    case SLOT_LE: r = rt_le(v, o); break;
    case SLOT_GT: r = rt_gt(v, o); break;
    default: r = rt_ge(v, o); break;
    }
    rt_decref(o);
    return r;
}

/* format(self, spec) by the layout: '' is str(self) (a user __str__
 * included, as CPython's format_obj), anything else formats the value. */
static Obj *format_slot(Obj *self, Obj *v, Obj *spec) {
    if (!is_str(spec)) {
        err_format(&type_type_error, "__format__() argument must be str, not %T", spec);
        return NULL;
    }
    if (((StrObj *)spec)->length == 0)
        return rt_str(self);
    return rt_format(v, spec);
}

Obj *layout_slot_call(int32_t slot, const Type *owner, Obj *self, Obj *const *argv, int32_t nargs, Obj *kwargs) {
    if (!check_arguments(owner, slot, nargs, kwargs))
        return NULL;
    int32_t id = owner->id;
    bool container = !is_value_layout_id(id);
    if (container && slot == SLOT_HASH) {
        err_format(&type_type_error, "unhashable type: '%T'", self);
        return NULL;
    }
    Obj *v = container ? new_ref(self) : layout_exact_value(self);
    if (!v)
        return NULL;
    Obj *r;
    switch ((Slot)slot) {
    case SLOT_REPR: r = rt_repr(v); break;
    case SLOT_STR: r = rt_str(v); break;
    case SLOT_HASH: {
        int64_t h = hash_of(v);
        r = h == -1 ? NULL : int_from_i64(h);
        break;
    }
    case SLOT_EQ: case SLOT_NE: case SLOT_LT: case SLOT_LE: case SLOT_GT: case SLOT_GE:
        r = compare_slot(slot, id, v, argv[0]);
        break;
    case SLOT_FORMAT: r = format_slot(self, v, argv[0]); break;
    case SLOT_GETNEWARGS:
        r = tuple_new(1);
        if (r)
            ((TupleObj *)r)->items[0] = new_ref(v);
        break;
    case SLOT_LEN: {
        int64_t n = is_str(v) ? ((StrObj *)v)->length : container_len(v);
        r = n < 0 ? NULL : int_from_i64(n);
        break;
    }
    case SLOT_GETITEM: r = container ? container_item_slot(slot, v, argv) : rt_getitem(v, argv[0]); break;
    case SLOT_SETITEM:
    case SLOT_DELITEM: r = container_item_slot(slot, v, argv); break;
    case SLOT_CONTAINS: {
        int32_t found = container ? container_contains(v, argv[0]) : rt_contains(v, argv[0]);
        r = found < 0 ? NULL : bool_obj(found);
        break;
    }
    case SLOT_ITER: r = builtin_get_iter(v); break;
    case SLOT_REVERSED: r = builtin_reversed(v); break;
    case SLOT_BYTES: r = new_ref(v); break;
    case SLOT_OR: case SLOT_ROR: case SLOT_IOR:
        if (id == TYPE_ID_DICT) {
            if (slot == SLOT_IOR) {
                r = dict_update(v, argv[0]) < 0 ? NULL : new_ref(v);
            } else if (!is_dict(argv[0])) {
                r = new_ref(NOT_IMPLEMENTED);
            } else { /* a merged plain dict: the left operand's items, then the right's */
                Obj *left = slot == SLOT_OR ? v : argv[0], *right = slot == SLOT_OR ? argv[0] : v;
                r = dict_copy(left);
                if (r && dict_update(r, right) < 0) {
                    rt_decref(r);
                    r = NULL;
                }
            }
            break;
        }
        r = number_binary_slot(slot, id, v, argv, nargs);
        break;
    default:
        if (slot >= SLOT_ADD && slot <= SLOT_RDIVMOD && (id == TYPE_ID_INT || id == TYPE_ID_FLOAT))
            r = number_binary_slot(slot, id, v, argv, nargs);
        else if (slot >= SLOT_ADD && slot <= SLOT_RDIVMOD)
            r = sequence_binary_slot(slot, id, self, v, argv[0]);
        else if (slot == SLOT_IADD || slot == SLOT_IMUL)
            r = sequence_binary_slot(slot, id, self, v, argv[0]);
        else
            r = number_unary_slot(slot, v, argv, nargs);
        break;
    }
    rt_decref(v);
    return r;
}
