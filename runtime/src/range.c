/*
 * range.c — support for compiled `for i in range(...)` loops, which count
 * over boxed/tagged ints instead of materialising a range object.
 *
 * Invariant: rt_range_continue is only called after rt_range_check has
 * accepted the same start/stop/step, so it may assume int-like operands
 * and a nonzero step, and never raises.
 */
#include "taipan_internal.h"

int32_t rt_range_check(Obj *start, Obj *stop, Obj *step) {
    Obj *args[3] = {start, stop, step};
    for (int i = 0; i < 3; i++) {
        if (!is_int_like(args[i])) {
            err_format(&type_type_error, "'%T' object cannot be interpreted as an integer", args[i]);
            return -1;
        }
    }
    if (int_is_zero(step)) {
        err_format(&type_value_error, "range() arg 3 must not be zero");
        return -1;
    }
    return 0;
}

int32_t rt_range_continue(Obj *i, Obj *stop, Obj *step) {
    int order = int_compare(i, stop);
    return int_sign(step) > 0 ? order < 0 : order > 0;
}

Obj *rt_range_arg(Obj *o) { return number_index(o); }
