/*
 * builtins.c — the builtin functions the compiler calls directly with one
 * argument: abs, int, float, str, repr, bool, len and round(x).
 *
 * Invariant: each returns a new reference or NULL with CPython's exception
 * type and message for the same argument.
 */
#include "taipan_internal.h"
#include <math.h>

Obj *rt_builtin_abs(Obj *o) {
    if (is_user_instance(o)) {
        bool found;
        Obj *r = special_call_by_name(o, "__abs__", 0, NULL, &found);
        if (found)
            return r;
    }
    if (is_int_like(o))
        return int_abs(o);
    if (is_float(o))
        return float_from_double(fabs(float_value(o)));
    err_format(&type_type_error, "bad operand type for abs(): '%T'", o);
    return NULL;
}

/* int(x) of a user instance: __int__, else __index__; each must give an int. */
static Obj *user_int(Obj *o, bool *found) {
    Obj *r = special_call_by_name(o, "__int__", 0, NULL, found);
    if (!*found) {
        if (!special_lookup(o, "__index__"))
            return NULL;
        *found = true;
        return number_index(o);
    }
    if (r && !is_int_like(r)) {
        err_format(&type_type_error, "__int__ returned non-int (type %T)", r);
        rt_decref(r);
        return NULL;
    }
    return r;
}

Obj *rt_builtin_int(Obj *o) {
    if (is_user_instance(o)) {
        bool found;
        Obj *r = user_int(o, &found);
        if (found)
            return r;
    }
    if (is_int_like(o))
        return int_exact(o);
    if (is_float(o))
        return int_from_double(float_value(o));
    if (is_str(o))
        return int_parse_decimal(o);
    err_format(&type_type_error,
               "int() argument must be a string, a bytes-like object or a real number, not '%T'", o);
    return NULL;
}

/* float(x) of a user instance: __float__ (which must give a float), else
 * __index__. */
static Obj *user_float(Obj *o, bool *found) {
    Obj *r = special_call_by_name(o, "__float__", 0, NULL, found);
    if (!*found) {
        if (!special_lookup(o, "__index__"))
            return NULL;
        *found = true;
        Obj *i = number_index(o);
        r = i ? rt_builtin_float(i) : NULL;
        rt_decref(i);
        return r;
    }
    if (r && !is_float(r)) {
        err_format(&type_type_error, "%T.__float__ returned non-float (type %T)", o, r);
        rt_decref(r);
        return NULL;
    }
    return r;
}

Obj *rt_builtin_float(Obj *o) {
    if (is_user_instance(o)) {
        bool found;
        Obj *r = user_float(o, &found);
        if (found)
            return r;
    }
    if (is_float(o))
        return float_exact(o);
    if (is_int_like(o)) {
        double d;
        return int_to_double(o, &d) ? float_from_double(d) : NULL;
    }
    if (is_str(o))
        return float_parse(o);
    err_format(&type_type_error, "float() argument must be a string or a real number, not '%T'", o);
    return NULL;
}

Obj *rt_builtin_str(Obj *o) { return rt_str(o); }
Obj *rt_builtin_repr(Obj *o) { return rt_repr(o); }

Obj *rt_builtin_bool(Obj *o) {
    int32_t truth = rt_truthy(o);
    return truth < 0 ? NULL : bool_obj(truth);
}

Obj *rt_builtin_len(Obj *o) {
    if (is_user_instance(o)) {
        bool found;
        int64_t n = user_len(o, &found);
        if (found)
            return n < 0 ? NULL : int_from_i64(n);
    }
    if (is_str(o))
        return int_from_i64(((const StrObj *)o)->length);
    if (is_container_type_id(type_id_of(o))) {
        int64_t n = container_len(o);
        return n < 0 ? NULL : int_from_i64(n);
    }
    err_format(&type_type_error, "object of type '%T' has no len()", o);
    return NULL;
}

/* Round half to even without depending on the FPU rounding mode:
 * d - floor(d) is exact for every finite double. */
static double round_half_even(double d) {
    double below = floor(d);
    double diff = d - below;
    if (diff > 0.5)
        return below + 1.0;
    if (diff < 0.5)
        return below;
    return fmod(below, 2.0) == 0.0 ? below : below + 1.0;
}

Obj *rt_builtin_round1(Obj *o) {
    if (is_user_instance(o)) {
        bool found;
        Obj *r = special_call_by_name(o, "__round__", 0, NULL, &found);
        if (found)
            return r;
    }
    if (is_int_like(o))
        return int_exact(o);
    if (is_float(o)) {
        double d = float_value(o);
        return int_from_double(isfinite(d) ? round_half_even(d) : d);
    }
    err_format(&type_type_error, "type %T doesn't define __round__ method", o);
    return NULL;
}
