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
 * runtime/README.md's libm notes.
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
