/*
 * mathmodule.c — the math module: constants (pi e tau inf nan), the
 * floating-point functions (sin cos tan asin acos atan atan2 sinh cosh
 * tanh log10 from libm_accurate.c, which match CPython-on-glibc where musl
 * does not; the rest over wasi-libc's libm, musl), the exact integer
 * functions (gcd lcm factorial comb perm isqrt over int.c's big ints),
 * fsum, prod, hypot and isclose, with CPython 3.11's results, result types
 * and messages.
 *
 * Invariants:
 *  - Like sys (sysmodule.c), the module object is static and immortal; its
 *    attribute dict is built on the first import and dropped by
 *    math_module_release (rt_fini), so the debug live count ends at 0.
 *  - The functions are static builtin_function_or_method objects with ids
 *    from MATH_FUNCTION_FIRST on; rt_call sends those here with the
 *    keyword dict (only isclose and prod take keywords; the rest refuse
 *    them with CPython's wording, which differs per calling convention).
 *  - Errors follow CPython's rule for libm results: a NaN from a non-NaN
 *    argument is "math domain error" (ValueError); an infinity from finite
 *    arguments is "math range error" (OverflowError) for the functions that
 *    can overflow (exp, cosh, sinh, pow) and a domain error otherwise. errno
 *    is not consulted: musl does not set it, and the classification above
 *    is what decides CPython's outcome on glibc too.
 *  - Float arguments accept float, int and bool ("must be real number, not
 *    str"); ints too large for a double raise OverflowError "int too large to
 *    convert to float", except in log/log2/log10, which scale them (frexp)
 *    like CPython. Integer arguments accept int and bool only.
 */
#include "taipan_internal.h"
#include <math.h>

#define STATIC_HEADER(type_ptr) {IMMORTAL_REFCNT, (type_ptr)}

typedef enum MathFunctionId {
    M_SQRT = MATH_FUNCTION_FIRST, M_EXP, M_LOG, M_LOG2, M_LOG10, M_POW, M_SIN, M_COS, M_TAN, M_ASIN, M_ACOS,
    M_ATAN, M_ATAN2, M_SINH, M_COSH, M_TANH, M_HYPOT, M_FLOOR, M_CEIL, M_TRUNC, M_FABS, M_FMOD, M_COPYSIGN,
    M_ISNAN, M_ISINF, M_ISFINITE, M_ISCLOSE, M_GCD, M_LCM, M_FACTORIAL, M_COMB, M_PERM, M_ISQRT, M_FSUM,
    M_PROD, M_DEGREES, M_RADIANS,
} MathFunctionId;

#define MATH_FUNCTION(id, name) {STATIC_HEADER(&type_builtin_function), id, name}
static BuiltinFuncObj math_functions[] = {
    MATH_FUNCTION(M_SQRT, "sqrt"), MATH_FUNCTION(M_EXP, "exp"), MATH_FUNCTION(M_LOG, "log"),
    MATH_FUNCTION(M_LOG2, "log2"), MATH_FUNCTION(M_LOG10, "log10"), MATH_FUNCTION(M_POW, "pow"),
    MATH_FUNCTION(M_SIN, "sin"), MATH_FUNCTION(M_COS, "cos"), MATH_FUNCTION(M_TAN, "tan"),
    MATH_FUNCTION(M_ASIN, "asin"), MATH_FUNCTION(M_ACOS, "acos"), MATH_FUNCTION(M_ATAN, "atan"),
    MATH_FUNCTION(M_ATAN2, "atan2"), MATH_FUNCTION(M_SINH, "sinh"), MATH_FUNCTION(M_COSH, "cosh"),
    MATH_FUNCTION(M_TANH, "tanh"), MATH_FUNCTION(M_HYPOT, "hypot"), MATH_FUNCTION(M_FLOOR, "floor"),
    MATH_FUNCTION(M_CEIL, "ceil"), MATH_FUNCTION(M_TRUNC, "trunc"), MATH_FUNCTION(M_FABS, "fabs"),
    MATH_FUNCTION(M_FMOD, "fmod"), MATH_FUNCTION(M_COPYSIGN, "copysign"), MATH_FUNCTION(M_ISNAN, "isnan"),
    MATH_FUNCTION(M_ISINF, "isinf"), MATH_FUNCTION(M_ISFINITE, "isfinite"), MATH_FUNCTION(M_ISCLOSE, "isclose"),
    MATH_FUNCTION(M_GCD, "gcd"), MATH_FUNCTION(M_LCM, "lcm"), MATH_FUNCTION(M_FACTORIAL, "factorial"),
    MATH_FUNCTION(M_COMB, "comb"), MATH_FUNCTION(M_PERM, "perm"), MATH_FUNCTION(M_ISQRT, "isqrt"),
    MATH_FUNCTION(M_FSUM, "fsum"), MATH_FUNCTION(M_PROD, "prod"), MATH_FUNCTION(M_DEGREES, "degrees"),
    MATH_FUNCTION(M_RADIANS, "radians"),
};

static ModuleObj math_module = {.header = STATIC_HEADER(&type_module), .name = "math"};

#define PI 3.141592653589793238462643383279502884
#define E 2.718281828459045235360287471352662498
#define LLONG_MAX_TEXT "9223372036854775807"

/* ---- the module object ------------------------------------------------------- */


Obj *math_module_import(void) {
    if (math_module.dict)
        return (Obj *)&math_module;
    Obj *d = dict_new();
    if (!d)
        return NULL;
    bool ok = dict_put_steal(d, "__name__", str_from_ascii("math")) && dict_put_steal(d, "pi", float_from_double(PI)) &&
              dict_put_steal(d, "e", float_from_double(E)) && dict_put_steal(d, "tau", float_from_double(2 * PI)) &&
              dict_put_steal(d, "inf", float_from_double(INFINITY)) && dict_put_steal(d, "nan", float_from_double(NAN));
    for (uint32_t i = 0; ok && i < sizeof math_functions / sizeof math_functions[0]; i++)
        ok = dict_put_steal(d, math_functions[i].name, (Obj *)&math_functions[i]);
    if (!ok) {
        rt_decref(d);
        return NULL;
    }
    math_module.dict = d;
    return (Obj *)&math_module;
}

void math_module_release(void) {
    Obj *d = math_module.dict;
    math_module.dict = NULL;
    rt_decref(d);
}

/* ---- argument conversion and errors ---------------------------------------- */

static Obj *domain_error(void) {
    err_format(&type_value_error, "math domain error");
    return NULL;
}

static Obj *range_error(void) {
    err_format(&type_overflow_error, "math range error");
    return NULL;
}

/* PyFloat_AsDouble: float, int, bool, and objects with __float__ or
 * __index__ (through float(), which checks what they return). */
static bool to_double(Obj *o, double *out) {
    if (is_float(o)) {
        *out = float_value(o);
        return true;
    }
    if (is_int_like(o))
        return int_to_double(o, out);
    if (is_user_instance(o) && (special_lookup(o, "__float__") || special_lookup(o, "__index__"))) {
        Obj *f = rt_builtin_float(o);
        if (!f)
            return false;
        *out = float_value(f);
        rt_decref(f);
        return true;
    }
    err_format(&type_type_error, "must be real number, not %T", o);
    return false;
}

/* operator.index: int and bool only (3.11 refuses floats outright). */
static bool is_index(Obj *o) {
    if (is_int_like(o))
        return true;
    err_format(&type_type_error, "'%T' object cannot be interpreted as an integer", o);
    return false;
}

/* Classifies a libm result as CPython's math_1/math_2 do (see the header). */
static Obj *checked_result(double r, bool args_nan, bool args_finite, bool can_overflow) {
    if (isnan(r) && !args_nan)
        return domain_error();
    if (isinf(r) && args_finite)
        return can_overflow ? range_error() : domain_error();
    return float_from_double(r);
}

static Obj *unary(Obj *arg, double (*fn)(double), bool can_overflow) {
    double x;
    if (!to_double(arg, &x))
        return NULL;
    return checked_result(fn(x), isnan(x), isfinite(x), can_overflow);
}

/* ---- logarithms ------------------------------------------------------------ */

/* One logarithm of an int or float. Ints are checked for positivity and,
 * when too large for a double, scaled: log(m * 2^e) = log(m) + e*log(2). */
static bool log_of(Obj *arg, double (*fn)(double), double *out) {
    if (is_int_like(arg)) {
        if (int_sign(arg) <= 0) {
            domain_error();
            return false;
        }
        double x;
        if (int_to_double(arg, &x)) {
            *out = fn(x);
            return true;
        }
        rt_err_clear(); /* OverflowError: too big for a double */
        int64_t e;
        double m = int_frexp_abs(arg, &e);
        *out = fn(m) + fn(2.0) * (double)e;
        return true;
    }
    double x;
    if (!to_double(arg, &x))
        return false;
    double r = fn(x);
    if ((isnan(r) && !isnan(x)) || (isinf(r) && isfinite(x))) { /* log(0) is -inf: a domain error */
        domain_error();
        return false;
    }
    *out = r;
    return true;
}

static Obj *math_log(Obj *args) {
    int32_t n = args_count(args);
    if (n < 1 || n > 2) {
        err_format(&type_type_error, "math.log requires 1 to 2 arguments");
        return NULL;
    }
    double num, den;
    if (!log_of(arg_at(args, 0), log, &num))
        return NULL;
    if (n == 1)
        return float_from_double(num);
    if (!log_of(arg_at(args, 1), log, &den))
        return NULL;
    return float_truediv(num, den); /* "float division by zero" for base 1 */
}

static Obj *math_log_one(Obj *arg, double (*fn)(double)) {
    double r;
    return log_of(arg, fn, &r) ? float_from_double(r) : NULL;
}

/* ---- two-argument float functions ---------------------------------------------- */

/* pow as CPython's math.pow: the non-finite cases are decided here (C99
 * Annex F values), finite ** finite goes to libm and is classified. */
static Obj *math_pow(double x, double y) {
    double r;
    if (!isfinite(x) || !isfinite(y)) {
        if (isnan(x))
            r = y == 0.0 ? 1.0 : x;
        else if (isnan(y))
            r = x == 1.0 ? 1.0 : y;
        else if (isinf(x)) {
            bool odd_y = isfinite(y) && fmod(fabs(y), 2.0) == 1.0;
            if (y > 0.0)
                r = odd_y ? x : fabs(x);
            else if (y == 0.0)
                r = 1.0;
            else
                r = odd_y ? copysign(0.0, x) : 0.0;
        } else if (fabs(x) == 1.0)
            r = 1.0;
        else if (y > 0.0 && fabs(x) > 1.0)
            r = y;
        else if (y < 0.0 && fabs(x) < 1.0)
            r = -y;
        else
            r = 0.0;
        return float_from_double(r);
    }
    r = pow(x, y);
    if (isnan(r))
        return domain_error(); /* negative ** non-integer */
    if (isinf(r))
        return x == 0.0 ? domain_error() : range_error(); /* 0 ** negative, or overflow */
    return float_from_double(r);
}

/* atan2 with the special values spelled out (as CPython does, so a libm's
 * handling of infinities and signed zeros cannot leak through). */
static double atan2_special(double y, double x) {
    if (isnan(x) || isnan(y))
        return NAN;
    if (isinf(y)) {
        if (isinf(x))
            return copysign(signbit(x) ? 0.75 * PI : 0.25 * PI, y);
        return copysign(0.5 * PI, y);
    }
    if (isinf(x) || y == 0.0)
        return signbit(x) ? copysign(PI, y) : copysign(0.0, y);
    return acc_atan2(y, x);
}

static Obj *binary_float(MathFunctionId id, Obj *args) {
    double x, y;
    if (!to_double(arg_at(args, 0), &x) || !to_double(arg_at(args, 1), &y))
        return NULL;
    bool any_nan = isnan(x) || isnan(y), finite = isfinite(x) && isfinite(y);
    switch (id) {
    case M_POW: return math_pow(x, y);
    case M_ATAN2: return checked_result(atan2_special(x, y), any_nan, finite, false);
    case M_COPYSIGN: return float_from_double(copysign(x, y));
    default: /* fmod: x for finite x and infinite y (libm agrees, CPython makes sure) */
        if (isinf(y) && isfinite(x))
            return float_from_double(x);
        return checked_result(fmod(x, y), any_nan, true, false);
    }
}

/* ---- hypot: a scaled, compensated norm ------------------------------------------ */

/* Exact a*b = hi + lo (Veltkamp/Dekker splitting; no overflow for |a|,|b| <= 1). */
static void two_product(double a, double b, double *hi, double *lo) {
    const double split = 134217729.0; /* 2^27 + 1 */
    double ca = split * a, cb = split * b;
    double ah = ca - (ca - a), al = a - ah;
    double bh = cb - (cb - b), bl = b - bh;
    *hi = a * b;
    *lo = ((ah * bh - *hi) + ah * bl + al * bh) + al * bl;
}

/* sqrt(sum of squares) of non-negative values with max their largest
 * (finite, non-zero). The values are scaled by a power of two so the
 * largest lies in [0.5, 1) (exact), the squares are summed in a
 * double-double that starts at 1.0 (keeping the running sum's exponent
 * fixed so the fast two-sum is valid), and one Newton step on the
 * residual corrects the square root: results are correctly rounded in all
 * but rare near-halfway cases, as CPython's own hypot. */
static double vector_norm(double *v, int32_t n, double max) {
    int max_e;
    frexp(max, &max_e);
    if (max_e < -1023) { /* subnormal max: 2^-max_e would overflow; lift by DBL_MIN first */
        const double dbl_min = 2.2250738585072014e-308;
        for (int32_t i = 0; i < n; i++)
            v[i] /= dbl_min;
        return dbl_min * vector_norm(v, n, max / dbl_min);
    }
    double scale = ldexp(1.0, -max_e);
    double csum = 1.0, frac1 = 0.0, frac2 = 0.0, hi, lo;
    for (int32_t i = 0; i < n; i++) {
        double x = v[i] * scale;
        two_product(x, x, &hi, &lo);
        double s = csum + hi;
        frac2 += hi - (s - csum);
        csum = s;
        frac1 += lo;
    }
    double h = sqrt(csum - 1.0 + (frac1 + frac2));
    two_product(-h, h, &hi, &lo);
    double s = csum + hi;
    frac2 += hi - (s - csum);
    csum = s;
    frac1 += lo;
    double residual = csum - 1.0 + (frac1 + frac2);
    h += residual / (2.0 * h);
    return h / scale;
}

static Obj *math_hypot(Obj *args) {
    int32_t n = args_count(args);
    double inline_space[16];
    double *v = inline_space;
    uint32_t bytes = (uint32_t)n * (uint32_t)sizeof(double);
    if (n > 16 && !(v = heap_alloc(bytes))) {
        err_no_memory();
        return NULL;
    }
    double max = 0.0;
    bool found_nan = false, ok = true;
    for (int32_t i = 0; i < n && ok; i++) {
        double x = 0.0;
        ok = to_double(arg_at(args, i), &x);
        x = fabs(x);
        v[i] = x;
        found_nan |= isnan(x);
        if (x > max)
            max = x;
    }
    double r = 0.0;
    if (ok) {
        if (isinf(max)) /* an infinity wins over a NaN */
            r = max;
        else if (found_nan)
            r = NAN;
        else if (max == 0.0 || n <= 1)
            r = max;
        else
            r = vector_norm(v, n, max);
    }
    if (v != inline_space)
        heap_free(v, bytes);
    return ok ? float_from_double(r) : NULL;
}

/* ---- fsum: exact partials (Shewchuk), rounded once ------------------------------ */

static Obj *math_fsum(Obj *iterable) {
    Obj *it = rt_get_iter(iterable);
    if (!it)
        return NULL;
    double inline_space[32];
    double *p = inline_space;
    int32_t n = 0, cap = 32;
    double special_sum = 0.0, inf_sum = 0.0;
    bool failed = false;
    for (;;) {
        Obj *item = rt_iter_next(it);
        if (!item) {
            failed = rt_err_occurred();
            break;
        }
        double x;
        bool ok = to_double(item, &x);
        rt_decref(item);
        if (!ok) {
            failed = true;
            break;
        }
        double xsave = x;
        int32_t i = 0;
        /* Add x into the non-overlapping partials, keeping every rounding
         * error as a new partial: the partials' sum stays exact. */
        for (int32_t j = 0; j < n; j++) {
            double y = p[j];
            if (fabs(x) < fabs(y)) {
                double t = x;
                x = y;
                y = t;
            }
            double hi = x + y, lo = y - (hi - x);
            if (lo != 0.0)
                p[i++] = lo;
            x = hi;
        }
        n = i;
        if (x != 0.0) {
            if (!isfinite(x)) {
                /* from an inf/nan summand, or from overflow of finite ones */
                if (isfinite(xsave)) {
                    err_format(&type_overflow_error, "intermediate overflow in fsum");
                    failed = true;
                    break;
                }
                if (isinf(xsave))
                    inf_sum += xsave;
                special_sum += xsave;
                n = 0;
            } else {
                if (n == cap) {
                    int32_t new_cap = cap * 2;
                    double *grown = heap_alloc((uint32_t)new_cap * (uint32_t)sizeof(double));
                    if (!grown) {
                        err_no_memory();
                        failed = true;
                        break;
                    }
                    for (int32_t k = 0; k < n; k++)
                        grown[k] = p[k];
                    if (p != inline_space)
                        heap_free(p, (uint32_t)cap * (uint32_t)sizeof(double));
                    p = grown;
                    cap = new_cap;
                }
                p[n++] = x;
            }
        }
    }
    rt_decref(it);
    double hi = 0.0;
    if (!failed && special_sum == 0.0 && n > 0) {
        /* Sum from the largest partial down while the additions are exact;
         * then round half-even across the partials: if the first inexact
         * remainder and the next partial have the same sign, the true sum
         * lies beyond the halfway point the remainder alone suggests. */
        double lo = 0.0;
        hi = p[--n];
        while (n > 0) {
            double x = hi, y = p[--n];
            hi = x + y;
            lo = y - (hi - x);
            if (lo != 0.0)
                break;
        }
        if (n > 0 && ((lo < 0.0 && p[n - 1] < 0.0) || (lo > 0.0 && p[n - 1] > 0.0))) {
            double y = lo * 2.0, x = hi + y;
            if (y == x - hi)
                hi = x;
        }
    }
    if (p != inline_space)
        heap_free(p, (uint32_t)cap * (uint32_t)sizeof(double));
    if (failed)
        return NULL;
    if (special_sum != 0.0) {
        if (isnan(inf_sum)) {
            err_format(&type_value_error, "-inf + inf in fsum");
            return NULL;
        }
        return float_from_double(special_sum);
    }
    return float_from_double(hi);
}

/* ---- floor, ceil, trunc ----------------------------------------------------------- */

static Obj *rounding(MathFunctionId id, Obj *arg) {
    if (is_user_instance(arg)) {
        /* type(x).__floor__ & co through the MRO (a user one, or the int/float
         * layout's own); floor/ceil then fall back to float(x) */
        const char *name = id == M_FLOOR ? "__floor__" : id == M_CEIL ? "__ceil__" : "__trunc__";
        bool found;
        Obj *r = special_method_call(arg, name, 0, NULL, &found);
        if (found)
            return r;
        if (id != M_TRUNC && (special_lookup(arg, "__float__") || special_lookup(arg, "__index__"))) {
            Obj *f = rt_builtin_float(arg);
            r = f ? rounding(id, f) : NULL;
            rt_decref(f);
            return r;
        }
    }
    if (is_int_like(arg))
        return int_pos(arg); /* ints are their own floor; bool becomes int */
    double x;
    if (id == M_TRUNC && !is_float(arg)) {
        err_format(&type_type_error, "type %T doesn't define __trunc__ method", arg);
        return NULL;
    }
    if (!to_double(arg, &x)) /* floor and ceil fall back to float(x) */
        return NULL;
    return int_from_double(id == M_FLOOR ? floor(x) : id == M_CEIL ? ceil(x) : trunc(x)); /* exact */
}

/* ---- integer functions ----------------------------------------------------------- */

static Obj *int_const(int64_t v) { return int_from_i64(v); }

/* gcd of |a| and |b| by Euclid over ints (a, b int-like). */
static Obj *gcd2(Obj *a, Obj *b) {
    Obj *x = int_abs(a), *y = x ? int_abs(b) : NULL;
    while (x && y && !int_is_zero(y)) {
        Obj *r = int_mod(x, y);
        rt_decref(x);
        x = y;
        y = r;
    }
    if (!y) {
        rt_decref(x);
        return NULL;
    }
    rt_decref(y);
    return x;
}

static Obj *math_gcd_lcm(MathFunctionId id, Obj *args) {
    int32_t n = args_count(args);
    Obj *acc = int_const(id == M_GCD ? 0 : 1);
    for (int32_t i = 0; i < n && acc; i++) {
        Obj *x = arg_at(args, i);
        if (!is_index(x)) { /* every argument is checked, even after the result is settled */
            rt_decref(acc);
            return NULL;
        }
        Obj *next;
        if (id == M_GCD) {
            next = gcd2(acc, x);
        } else if (int_is_zero(acc) || int_is_zero(x)) {
            next = int_const(0);
        } else { /* |acc / gcd * x| */
            Obj *g = gcd2(acc, x);
            Obj *q = g ? int_floordiv(acc, g) : NULL;
            Obj *m = q ? int_mul(q, x) : NULL;
            next = m ? int_abs(m) : NULL;
            rt_decref(g);
            rt_decref(q);
            rt_decref(m);
        }
        rt_decref(acc);
        acc = next;
    }
    return acc;
}

/* prod_{t=lo}^{hi-1} (n - t), hi > lo, by binary splitting so the big
 * multiplications are balanced (Karatsuba pays off). */
static Obj *falling_product(Obj *n, int64_t lo, int64_t hi) {
    if (hi - lo == 1) {
        Obj *t = int_const(lo);
        Obj *r = t ? int_sub(n, t) : NULL;
        rt_decref(t);
        return r;
    }
    int64_t mid = lo + (hi - lo) / 2;
    Obj *a = falling_product(n, lo, mid);
    Obj *b = a ? falling_product(n, mid, hi) : NULL;
    Obj *r = b ? int_mul(a, b) : NULL;
    rt_decref(a);
    rt_decref(b);
    return r;
}

static Obj *factorial_of(Obj *n) {
    if (!is_index(n))
        return NULL;
    if (int_sign(n) < 0) {
        err_format(&type_value_error, "factorial() not defined for negative values");
        return NULL;
    }
    int64_t v;
    if (!int_to_i64_checked(n, &v)) {
        err_format(&type_overflow_error, "factorial() argument should not exceed " LLONG_MAX_TEXT);
        return NULL;
    }
    return v == 0 ? int_const(1) : falling_product(n, 0, v);
}

static Obj *math_perm(Obj *args) {
    if (!check_arg_range(args, "perm", 1, 2))
        return NULL;
    Obj *n = arg_at(args, 0), *k = args_count(args) > 1 ? arg_at(args, 1) : rt_none();
    if (type_id_of(k) == TYPE_ID_NONE)
        return factorial_of(n);
    if (!is_index(n) || !is_index(k))
        return NULL;
    if (int_sign(n) < 0) {
        err_format(&type_value_error, "n must be a non-negative integer");
        return NULL;
    }
    if (int_sign(k) < 0) {
        err_format(&type_value_error, "k must be a non-negative integer");
        return NULL;
    }
    if (int_compare(n, k) < 0)
        return int_const(0);
    int64_t kv;
    if (!int_to_i64_checked(k, &kv)) {
        err_format(&type_overflow_error, "k must not exceed " LLONG_MAX_TEXT);
        return NULL;
    }
    return kv == 0 ? int_const(1) : falling_product(n, 0, kv);
}

static Obj *math_comb(Obj *args) {
    if (!check_arg_range(args, "comb", 2, 2))
        return NULL;
    Obj *n = arg_at(args, 0), *k = arg_at(args, 1);
    if (!is_index(n) || !is_index(k))
        return NULL;
    if (int_sign(n) < 0) {
        err_format(&type_value_error, "n must be a non-negative integer");
        return NULL;
    }
    if (int_sign(k) < 0) {
        err_format(&type_value_error, "k must be a non-negative integer");
        return NULL;
    }
    Obj *rest = int_sub(n, k);
    if (!rest)
        return NULL;
    if (int_sign(rest) < 0) {
        rt_decref(rest);
        return int_const(0);
    }
    Obj *small = int_compare(rest, k) < 0 ? rest : k; /* comb(n, k) == comb(n, n - k) */
    int64_t kv;
    bool fits = int_to_i64_checked(small, &kv);
    rt_decref(rest);
    if (!fits) {
        err_format(&type_overflow_error, "min(n - k, k) must not exceed " LLONG_MAX_TEXT);
        return NULL;
    }
    if (kv == 0)
        return int_const(1);
    /* n (n-1) ... (n-k+1) / k!: the division is exact */
    Obj *top = falling_product(n, 0, kv);
    Obj *kobj = top ? int_const(kv) : NULL;
    Obj *bottom = kobj ? falling_product(kobj, 0, kv) : NULL;
    Obj *r = bottom ? int_floordiv(top, bottom) : NULL;
    rt_decref(top);
    rt_decref(kobj);
    rt_decref(bottom);
    return r;
}

/* floor(sqrt(n)) exactly: Newton's iteration from above, x' = (x + n/x) / 2,
 * which decreases monotonically to the answer and stops when it no longer
 * decreases. */
static Obj *math_isqrt(Obj *n) {
    if (!is_index(n))
        return NULL;
    if (int_sign(n) < 0) {
        err_format(&type_value_error, "isqrt() argument must be nonnegative");
        return NULL;
    }
    int64_t v;
    if (int_to_i64_checked(n, &v) && v < ((int64_t)1 << 52)) { /* sqrt of an exact double, then fixed up */
        int64_t r = (int64_t)sqrt((double)v);
        while (r * r > v)
            r--;
        while ((r + 1) * (r + 1) <= v)
            r++;
        return int_const(r);
    }
    int64_t bits = int_bit_length(n);
    Obj *one = int_const(1);
    Obj *shift = int_const((bits + 1) / 2);
    Obj *x = int_lshift(one, shift); /* 2^ceil(bits/2) > sqrt(n) */
    rt_decref(shift);
    while (x) {
        Obj *q = int_floordiv(n, x);
        Obj *s = q ? int_add(x, q) : NULL;
        Obj *y = s ? int_rshift(s, one) : NULL;
        rt_decref(q);
        rt_decref(s);
        if (!y) {
            rt_decref(x);
            x = NULL;
            break;
        }
        if (int_compare(y, x) >= 0) {
            rt_decref(y);
            break;
        }
        rt_decref(x);
        x = y;
    }
    return x;
}

/* ---- keyword-taking functions: isclose, prod ----------------------------------- */

static int32_t kw_count(Obj *kwargs) { return kwargs ? ((DictObj *)kwargs)->used : 0; }

static Obj *kw_lookup(Obj *kwargs, const char *name) {
    if (!kwargs)
        return NULL;
    DictObj *d = (DictObj *)kwargs;
    for (int32_t i = 0; i < d->entries_len; i++)
        if (d->entries[i].key && str_equals_ascii(d->entries[i].key, name))
            return d->entries[i].value;
    return NULL;
}

/* The keyword that no parameter took: CPython names a positional parameter
 * given twice, or else the unknown keyword. */
static void raise_extra_keyword(Obj *kwargs, const char *function, const char *const *positional, int32_t nargs,
                                const char *const *keyword_only) {
    DictObj *d = (DictObj *)kwargs;
    for (int32_t i = 0; i < d->entries_len; i++) {
        Obj *key = d->entries[i].key;
        if (!key)
            continue;
        bool known = false;
        for (int32_t p = 0; positional[p]; p++) {
            if (str_equals_ascii(key, positional[p])) {
                if (p < nargs) {
                    err_format(&type_type_error, "argument for %s() given by name ('%s') and position (%d)",
                               function, positional[p], p + 1);
                    return;
                }
                known = true;
            }
        }
        for (int32_t p = 0; keyword_only[p]; p++)
            known |= str_equals_ascii(key, keyword_only[p]);
        if (!known) {
            err_format(&type_type_error, "'%S' is an invalid keyword argument for %s()", key, function);
            return;
        }
    }
}

/* isclose(a, b, *, rel_tol=1e-09, abs_tol=0.0) */
static Obj *math_isclose(Obj *args, Obj *kwargs) {
    static const char *const positional[] = {"a", "b", NULL};
    static const char *const keyword_only[] = {"rel_tol", "abs_tol", NULL};
    int32_t nargs = args_count(args), nkw = kw_count(kwargs);
    if (nargs + nkw > 4) {
        err_format(&type_type_error, "isclose() takes at most 4 arguments (%d given)", nargs + nkw);
        return NULL;
    }
    if (nargs > 2) {
        err_format(&type_type_error, "isclose() takes exactly 2 positional arguments (%d given)", nargs);
        return NULL;
    }
    Obj *values[4];
    int32_t used = 0;
    for (int32_t p = 0; p < 2; p++) {
        values[p] = p < nargs ? arg_at(args, p) : kw_lookup(kwargs, positional[p]);
        if (!values[p]) {
            err_format(&type_type_error, "isclose() missing required argument '%s' (pos %d)", positional[p], p + 1);
            return NULL;
        }
        used += p >= nargs;
    }
    for (int32_t p = 0; p < 2; p++) {
        values[2 + p] = kw_lookup(kwargs, keyword_only[p]);
        used += values[2 + p] != NULL;
    }
    if (used < nkw) {
        raise_extra_keyword(kwargs, "isclose", positional, nargs, keyword_only);
        return NULL;
    }
    double a, b, rel_tol = 1e-09, abs_tol = 0.0;
    if (!to_double(values[0], &a) || !to_double(values[1], &b) || (values[2] && !to_double(values[2], &rel_tol)) ||
        (values[3] && !to_double(values[3], &abs_tol)))
        return NULL;
    if (rel_tol < 0.0 || abs_tol < 0.0) {
        err_format(&type_value_error, "tolerances must be non-negative");
        return NULL;
    }
    if (a == b) /* also equal infinities */
        return bool_obj(true);
    if (isinf(a) || isinf(b))
        return bool_obj(false);
    double diff = fabs(b - a);
    return bool_obj(diff <= fabs(rel_tol * b) || diff <= fabs(rel_tol * a) || diff <= abs_tol);
}

/* prod(iterable, /, *, start=1): plain left-to-right multiplication (CPython's
 * int and float fast paths give the same values as the generic operator). */
static Obj *math_prod(Obj *args, Obj *kwargs) {
    static const char *const positional[] = {NULL};
    static const char *const keyword_only[] = {"start", NULL};
    int32_t nargs = args_count(args), nkw = kw_count(kwargs);
    if (nargs + nkw > 2) {
        err_format(&type_type_error, "prod() takes at most 2 arguments (%d given)", nargs + nkw);
        return NULL;
    }
    if (nargs != 1) {
        err_format(&type_type_error, "prod() takes exactly 1 positional argument (%d given)", nargs);
        return NULL;
    }
    Obj *start = kw_lookup(kwargs, "start");
    if (nkw > (start != NULL)) {
        raise_extra_keyword(kwargs, "prod", positional, nargs, keyword_only);
        return NULL;
    }
    Obj *it = rt_get_iter(arg_at(args, 0));
    if (!it)
        return NULL;
    Obj *acc = start ? new_ref(start) : int_const(1);
    while (acc) {
        Obj *item = rt_iter_next(it);
        if (!item) {
            if (rt_err_occurred()) {
                rt_decref(acc);
                acc = NULL;
            }
            break;
        }
        Obj *next = rt_mul(acc, item);
        rt_decref(item);
        rt_decref(acc);
        acc = next;
    }
    rt_decref(it);
    return acc;
}

/* ---- dispatch ------------------------------------------------------------------- */

static double deg_from_rad(double x) { return x * (180.0 / PI); }
static double rad_from_deg(double x) { return x * (PI / 180.0); }

static bool one_arg(Obj *args, const char *name) {
    int32_t n = args_count(args);
    if (n == 1)
        return true;
    err_format(&type_type_error, "math.%s() takes exactly one argument (%d given)", name, n);
    return false;
}

Obj *math_call_function(BuiltinFuncObj *f, Obj *args, Obj *kwargs) {
    MathFunctionId id = (MathFunctionId)f->id;
    if (id == M_ISCLOSE)
        return math_isclose(args, kwargs);
    if (id == M_PROD)
        return math_prod(args, kwargs);
    if (kw_count(kwargs) > 0) { /* log is METH_VARARGS and words it without the module */
        err_format(&type_type_error, id == M_LOG ? "%s() takes no keyword arguments" : "math.%s() takes no keyword arguments",
                   f->name);
        return NULL;
    }
    switch (id) {
    case M_LOG: return math_log(args);
    case M_HYPOT: return math_hypot(args);
    case M_GCD: case M_LCM: return math_gcd_lcm(id, args);
    case M_PERM: return math_perm(args);
    case M_COMB: return math_comb(args);
    case M_POW: case M_ATAN2: case M_FMOD: case M_COPYSIGN:
        return check_arg_range(args, f->name, 2, 2) ? binary_float(id, args) : NULL;
    default: break;
    }
    if (!one_arg(args, f->name))
        return NULL;
    Obj *x = arg_at(args, 0);
    switch (id) {
    case M_SQRT: return unary(x, sqrt, false);
    case M_EXP: return unary(x, exp, true);
    case M_LOG2: return math_log_one(x, log2);
    case M_LOG10: return math_log_one(x, acc_log10);
    case M_SIN: return unary(x, acc_sin, false);
    case M_COS: return unary(x, acc_cos, false);
    case M_TAN: return unary(x, acc_tan, false);
    case M_ASIN: return unary(x, acc_asin, false);
    case M_ACOS: return unary(x, acc_acos, false);
    case M_ATAN: return unary(x, acc_atan, false);
    case M_SINH: return unary(x, acc_sinh, true);
    case M_COSH: return unary(x, acc_cosh, true);
    case M_TANH: return unary(x, acc_tanh, false);
    case M_FABS: return unary(x, fabs, false);
    case M_DEGREES: case M_RADIANS: { /* no range check: degrees(1e308) is inf in CPython */
        double v;
        if (!to_double(x, &v))
            return NULL;
        return float_from_double(id == M_DEGREES ? deg_from_rad(v) : rad_from_deg(v));
    }
    case M_FLOOR: case M_CEIL: case M_TRUNC: return rounding(id, x);
    case M_ISNAN: case M_ISINF: case M_ISFINITE: {
        double v;
        if (!to_double(x, &v))
            return NULL;
        return bool_obj(id == M_ISNAN ? isnan(v) : id == M_ISINF ? isinf(v) : isfinite(v));
    }
    case M_FACTORIAL: return factorial_of(x);
    case M_ISQRT: return math_isqrt(x);
    case M_FSUM: return math_fsum(x);
    default: break;
    }
    err_format(&type_system_error, "unknown math function %d", f->id);
    return NULL;
}

/* The entry point the compiler's taipan_module_call calls for math's functions. */
Obj *rt_module_call_math(Obj *function, Obj *args, Obj *kwargs) {
    return math_call_function((BuiltinFuncObj *)function, args, kwargs);
}
