/*
 * test_math.c — replays math_cases.inc (gen_math_cases.py, CPython 3.11 as
 * the oracle): every math function called through rt_call on the module's
 * attribute (so keyword arguments take the real path), and the constants.
 * Plus hand-written checks: the module object, __module__, refcounts of
 * the big-int results, and that the dict is released. #included by
 * test_runtime.c (shares its record/outcome helpers and case_decoder.c).
 *
 * The native build links glibc's libm, like CPython, so transcendental
 * results compare bit for bit here; the wasm build (musl) is compared in
 * runtime/README.md's libm notes. test_math_accuracy checks libm_accurate.c
 * against a quad-precision oracle and glibc (see its comment).
 */

typedef struct MathCase {
    const char *name, *args, *kwargs, *want;
} MathCase;

static const MathCase math_cases[] = {
#include "math_cases.inc"
};

static void test_math_cases(void) {
    Obj *math = rt_import_builtin(MODULE_MATH);
    CHECK(math != NULL);
    for (size_t i = 0; i < sizeof math_cases / sizeof math_cases[0]; i++) {
        const MathCase *c = &math_cases[i];
        bool attr = c->name[0] == '=';
        Obj *name = str_from_ascii(attr ? c->name + 1 : c->name);
        Obj *args = decode(c->args);
        Obj *kwargs = *c->kwargs ? decode(c->kwargs) : NULL;
        Obj *fn = rt_getattr(math, name);
        Obj *result = attr ? new_ref(fn) : rt_call(fn, args, kwargs);
        char *got = outcome(result);
        report_case(c->name, name, args, kwargs != NULL, got, c->want, __LINE__);
        free(got);
        rt_decref(fn);
        rt_decref(name);
        rt_decref(args);
        rt_decref(kwargs);
    }
    math_module_release(); /* the dict counts as live objects until rt_fini */
}

static Obj *math_call1(const char *fname, Obj *arg) {
    Obj *math = rt_import_builtin(MODULE_MATH);
    Obj *name = str_from_ascii(fname);
    Obj *fn = rt_getattr(math, name);
    Obj *r = call_with_one_arg(fn, arg);
    rt_decref(fn);
    rt_decref(name);
    return r;
}

static void test_math_handwritten(void) {
    Obj *math = rt_import_builtin(MODULE_MATH);
    CHECK(math != NULL && math == rt_import_builtin(MODULE_MATH));
    CHECK_TEXT("math repr", outcome(rt_repr(math)), "\"<module 'math' (built-in)>\"");
    Obj *name = str_from_ascii("sqrt");
    Obj *fn = rt_getattr(math, name);
    CHECK_TEXT("function repr", outcome(rt_repr(fn)), "'<built-in function sqrt>'");
    Obj *module_name = str_from_ascii("__module__");
    CHECK_TEXT("__module__", outcome(rt_getattr(fn, module_name)), "'math'");
    rt_decref(module_name);
    rt_decref(fn);
    rt_decref(name);
    name = str_from_ascii("nosuch");
    CHECK_TEXT("missing attribute", outcome(rt_getattr(math, name)),
               "!AttributeError: module 'math' has no attribute 'nosuch'");
    CHECK_TEXT("from math import", outcome(rt_import_from(math, name)),
               "!ImportError: cannot import name 'nosuch' from 'math' (unknown location)");
    rt_decref(name);

    /* big results are fresh objects that release cleanly */
    int32_t live = rt_live_objects();
    Obj *n = int_from_i64(3000);
    Obj *f = math_call1("factorial", n);
    CHECK(f != NULL && int_bit_length(f) == 30332); /* python3: factorial(3000).bit_length() */
    Obj *root = math_call1("isqrt", f);
    Obj *sq = root ? int_mul(root, root) : NULL;
    CHECK(sq && int_compare(sq, f) <= 0);
    rt_decref(sq);
    rt_decref(root);
    rt_decref(f);
    rt_decref(n);
    record(rt_live_objects() == live, "math big-int results are released", "leak", "none", __LINE__);
    math_module_release();
}

/* ---- libm_accurate.c against a quad-precision oracle and glibc ----------------
 *
 * sin cos tan asin acos atan atan2 claim correct rounding: each result must
 * equal libquadmath's value (113 bits) rounded to double, except where that
 * value is within 2^-100 relative of a rounding boundary (the oracle itself
 * could be on the wrong side; none have been seen). Where they differ from
 * glibc, glibc must be the one that is not correctly rounded. sinh cosh tanh
 * log10 follow glibc's formulas, so over glibc's exp/expm1/log (this native
 * build) they must equal glibc's results exactly. 4 000 inputs per range and
 * function keep the test under a second; the million-input comparison (and
 * the wasm/musl side) is in runtime/README.md's math notes. */

static uint64_t accuracy_state;
static uint64_t accuracy_next(void) { /* xorshift64 */
    accuracy_state ^= accuracy_state << 13;
    accuracy_state ^= accuracy_state >> 7;
    accuracy_state ^= accuracy_state << 17;
    return accuracy_state;
}
static double accuracy_unit(void) { return (double)(accuracy_next() >> 11) * 0x1p-53; }

/* An input from one of the ranges: [-1,1], [-10,10], [-1e3,1e3], magnitudes
 * 2^-997..2^997, random bit patterns, and a function-specific hard range
 * (next to multiples of pi/2; next to ±1 for asin/acos). */
static double accuracy_input(int range, bool unit_domain) {
    switch (range) {
    case 0: return 2.0 * accuracy_unit() - 1.0;
    case 1: return 20.0 * accuracy_unit() - 10.0;
    case 2: return 2e3 * accuracy_unit() - 1e3;
    case 3: {
        int e = (int)(accuracy_next() % 1994) - 997;
        double v = ldexp(1.0 + accuracy_unit(), e);
        return accuracy_next() & 1 ? -v : v;
    }
    case 4: {
        uint64_t bits = accuracy_next();
        double v;
        memcpy(&v, &bits, sizeof v);
        return v;
    }
    default:
        if (unit_domain) {
            double v = 1.0 - ldexp(1.0 + accuracy_unit(), -(int)(accuracy_next() % 56) - 1);
            return accuracy_next() & 1 ? -v : v;
        } else {
            double v = floor(2e6 * accuracy_unit() - 1e6) * (M_PI / 2);
            for (int i = (int)(accuracy_next() % 8); i > 0; i--)
                v = nextafter(v, 0.0);
            return v;
        }
    }
}

static bool same_double(double a, double b) { return memcmp(&a, &b, sizeof a) == 0 || (isnan(a) && isnan(b)); }

/* q rounded to double, or false when q is too close to a rounding boundary to trust. */
static bool oracle_round(__float128 q, double *out) {
    double d = (double)q;
    *out = d;
    if (!isfinite(d) || d == 0.0 || fabs(d) < 0x1p-1000)
        return true;
    __float128 neighbour = (__float128)nextafter(d, q > (__float128)d ? INFINITY : -INFINITY);
    __float128 boundary = ((__float128)d + neighbour) / 2;
    __float128 gap = q > boundary ? q - boundary : boundary - q;
    return gap > fabsq((__float128)d) * 0x1p-100Q;
}

typedef struct AccuracyFn {
    const char *name;
    double (*mine)(double), (*glibc)(double);
    __float128 (*oracle)(__float128);
} AccuracyFn;

static double glibc_atan2_swapped(double x, double y) { return atan2(y, x); }

static void test_math_accuracy(void) {
    static const AccuracyFn rounded[] = {
        {"sin", acc_sin, sin, sinq},    {"cos", acc_cos, cos, cosq},     {"tan", acc_tan, tan, tanq},
        {"asin", acc_asin, asin, asinq}, {"acos", acc_acos, acos, acosq}, {"atan", acc_atan, atan, atanq},
        {"atan2", NULL, NULL, NULL},
    };
    static const AccuracyFn like_glibc[] = {
        {"sinh", acc_sinh, sinh, NULL}, {"cosh", acc_cosh, cosh, NULL},
        {"tanh", acc_tanh, tanh, NULL}, {"log10", acc_log10, log10, NULL},
    };
    for (size_t f = 0; f < sizeof rounded / sizeof rounded[0]; f++) {
        const AccuracyFn *fn = &rounded[f];
        bool two = fn->mine == NULL, unit = fn->mine == acc_asin || fn->mine == acc_acos;
        long wrong = 0, glibc_differs = 0, glibc_wrong = 0, skipped = 0, total = 0;
        accuracy_state = 0x9E3779B97F4A7C15u + f;
        for (int range = 0; range < 6; range++) {
            for (int i = 0; i < 4000; i++, total++) {
                double x = accuracy_input(range, unit), y = two ? accuracy_input(range, false) : 0.0;
                double got = two ? acc_atan2(y, x) : fn->mine(x);
                double glibc = two ? glibc_atan2_swapped(x, y) : fn->glibc(x);
                double want;
                if (!oracle_round(two ? atan2q((__float128)y, (__float128)x) : fn->oracle((__float128)x), &want)) {
                    skipped++;
                    continue;
                }
                if (!same_double(got, want)) {
                    if (wrong++ < 3)
                        fprintf(stderr, "math accuracy: %s(%a%s%a) = %a, correctly rounded %a\n", fn->name, two ? y : x,
                                two ? ", " : "", two ? x : 0.0, got, want);
                }
                if (!same_double(got, glibc)) {
                    glibc_differs++;
                    glibc_wrong += !same_double(glibc, want);
                }
            }
        }
        char what[120];
        snprintf(what, sizeof what, "acc_%s correctly rounded on %ld inputs (%ld wrong)", fn->name, total, wrong);
        record(wrong == 0, what, "wrong results", "none", __LINE__);
        snprintf(what, sizeof what, "acc_%s differs from glibc only where glibc is not correctly rounded", fn->name);
        record(glibc_wrong == glibc_differs, what, "a difference with glibc correctly rounded", "none", __LINE__);
        printf("math accuracy: %-5s %ld inputs, %ld differ from glibc (glibc not correctly rounded), %ld near a "
               "boundary\n", fn->name, total, glibc_differs, skipped);
    }
    for (size_t f = 0; f < sizeof like_glibc / sizeof like_glibc[0]; f++) {
        const AccuracyFn *fn = &like_glibc[f];
        long differs = 0, total = 0;
        accuracy_state = 0xD1B54A32D192ED03u + f;
        for (int range = 0; range < 6; range++) {
            for (int i = 0; i < 4000; i++, total++) {
                double x = accuracy_input(range, false);
                if (fn->mine == acc_log10)
                    x = fabs(x);
                if (range == 5) /* the hyperbolics' interesting range is up to overflow */
                    x = 1440.0 * accuracy_unit() - 720.0;
                double got = fn->mine(x), want = fn->glibc(x);
                if (!same_double(got, want) && differs++ < 3)
                    fprintf(stderr, "math accuracy: %s(%a) = %a, glibc %a\n", fn->name, x, got, want);
            }
        }
        char what[120];
        snprintf(what, sizeof what, "acc_%s equals glibc's %s on %ld inputs (%ld differ)", fn->name, fn->name, total,
                 differs);
        record(differs == 0, what, "differences", "none", __LINE__);
    }
}
