/*
 * test_functions.c — function objects, argument binding, cells and the
 * call-site/display helpers (#included by test_runtime.c). call_cases.inc
 * (gen_call_cases.py, CPython 3.11 as the oracle) is replayed through
 * rt_call; hand-written checks cover the fast-path decision, attributes,
 * refcounts, cells, call-site unpacking (f(*a, **k)), starred displays,
 * rt_unpack_ex and rt_print_tuple, each expected text taken from python3.
 *
 * Invariant: C functions registered in the shim's table stand in for
 * compiled code; the echo entry returns the tuple of the parameters it was
 * given, so a case's result shows which argument landed in which slot.
 */

typedef struct CallSig {
    int32_t argcount, posonly, kwonly, flags;
    const char *names;
    const char *qualname;
    const char *defaults;   /* encoded tuple or NULL */
    const char *kwdefaults; /* encoded dict or NULL */
} CallSig;

typedef struct CallCase {
    int32_t sig;
    const char *args;
    const char *kwargs; /* encoded dict or NULL */
    const char *want;
} CallCase;

#include "call_cases.inc"

#define ECHO_INDEX 1
#define DIRECT_INDEX 7
#define FAIL_INDEX 2

static int32_t code_params(const FuncCode *c) {
    return c->argcount + c->kwonly + ((c->flags & FUNC_VARARGS) != 0) + ((c->flags & FUNC_VARKW) != 0);
}

/* The compiled-code stand-in: (func, argv) -> tuple(argv). */
static Obj *echo_entry(Obj *func, Obj **argv) {
    int32_t n = code_params(((FuncObj *)func)->code);
    Obj *t = rt_tuple_new(n);
    for (int32_t i = 0; i < n; i++) {
        if (!argv[i] || (!is_small_int(argv[i]) && argv[i]->refcnt == 0))
            abort(); /* every slot is bound and alive */
        rt_tuple_init(t, i, new_ref(argv[i]));
    }
    return t;
}

/* A body that raises, to check the slots are still released. */
static Obj *failing_entry(Obj *func, Obj **argv) {
    (void)func;
    (void)argv;
    err_format(&type_value_error, "boom");
    return NULL;
}

static Obj *make_function(const FuncCode *code, const char *qualname, Obj *defaults, Obj *kwdefaults,
                          Obj *closure) {
    const char *last = strrchr(qualname, '.');
    Obj *name = str_from_utf8(last ? last + 1 : qualname, (int32_t)strlen(last ? last + 1 : qualname));
    Obj *qual = str_from_utf8(qualname, (int32_t)strlen(qualname));
    Obj *f = rt_func_new(code, name, qual, NULL, defaults, kwdefaults, closure);
    rt_decref(name);
    rt_decref(qual);
    return f;
}

static void test_call_cases(void) {
    shim_set_table_entry(ECHO_INDEX, echo_entry);
    for (size_t i = 0; i < sizeof call_cases / sizeof call_cases[0]; i++) {
        const CallCase *c = &call_cases[i];
        const CallSig *s = &call_sigs[c->sig];
        FuncCode code = {s->argcount, s->posonly, s->kwonly, s->flags, DIRECT_INDEX, ECHO_INDEX, s->names, NULL};
        Obj *defaults = s->defaults ? decode(s->defaults) : NULL;
        Obj *kwdefaults = s->kwdefaults ? decode(s->kwdefaults) : NULL;
        Obj *f = make_function(&code, s->qualname, defaults, kwdefaults, NULL);
        rt_decref(defaults);
        rt_decref(kwdefaults);
        Obj *args = decode(c->args);
        Obj *kwargs = c->kwargs ? decode(c->kwargs) : NULL;
        char *got = outcome(rt_call(f, args, kwargs));
        report_case("call", f, args, kwargs != NULL, got, c->want, (int)i);
        free(got);
        rt_decref(args);
        rt_decref(kwargs);
        rt_decref(f);
    }
}

static char *attr_outcome(Obj *o, const char *name) {
    Obj *n = str_from_ascii(name);
    Obj *v = rt_getattr(o, n);
    rt_decref(n);
    return outcome(v);
}

static char *setattr_outcome(Obj *o, const char *name, Obj *value) {
    Obj *n = str_from_ascii(name);
    int32_t status = rt_setattr(o, n, value);
    rt_decref(n);
    return status_outcome(status);
}

static void test_function_objects(void) {
    shim_set_table_entry(ECHO_INDEX, echo_entry);
    shim_set_table_entry(FAIL_INDEX, failing_entry);
    static const FuncCode simple = {2, 0, 0, 0, DIRECT_INDEX, ECHO_INDEX, "a\0b\0", NULL};
    static const FuncCode with_kwonly = {1, 0, 1, 0, DIRECT_INDEX, ECHO_INDEX, "a\0k\0", NULL};
    static const FuncCode with_varargs = {0, 0, 0, FUNC_VARARGS, DIRECT_INDEX, ECHO_INDEX, "args\0", NULL};
    static const FuncCode failing = {1, 0, 0, FUNC_VARKW, DIRECT_INDEX, FAIL_INDEX, "a\0kw\0", NULL};
    static const FuncCode many = {10, 0, 0, 0, DIRECT_INDEX, ECHO_INDEX, "a\0b\0c\0d\0e\0f\0g\0h\0i\0j\0", NULL};
    int32_t base = rt_live_objects();

    /* the fast path: exact positional arity, no binding needed */
    Obj *f = make_function(&simple, "f", NULL, NULL, NULL);
    CHECK(rt_func_prepare_call(f, 2) == DIRECT_INDEX);
    CHECK(rt_func_prepare_call(f, 1) == RT_CALL_GENERIC);
    CHECK(rt_func_prepare_call(f, 3) == RT_CALL_GENERIC);
    Obj *k = make_function(&with_kwonly, "k", NULL, NULL, NULL);
    CHECK(rt_func_prepare_call(k, 1) == RT_CALL_GENERIC);
    Obj *v = make_function(&with_varargs, "v", NULL, NULL, NULL);
    CHECK(rt_func_prepare_call(v, 0) == RT_CALL_GENERIC);
    CHECK(rt_func_prepare_call(rt_builtin_object(BUILTIN_LEN), 1) == RT_CALL_GENERIC);
    CHECK(rt_func_prepare_call(rt_builtin_object(BUILTIN_INT), 1) == RT_CALL_GENERIC);
    CHECK_TEXT("not callable", status_outcome(rt_func_prepare_call(small_int_make(1), 0)),
               "!TypeError: 'int' object is not callable");
    CHECK_TEXT("call non-callable", outcome(rt_call(rt_none(), rt_tuple_new(0), NULL)),
               "!TypeError: 'NoneType' object is not callable");

    /* *args shares the argument tuple when no positional parameter takes from it */
    Obj *args = parse_literal("(1, 'x')");
    Obj *r = rt_call(v, args, NULL);
    CHECK(r && ((TupleObj *)r)->items[0] == args);
    rt_decref(r);

    /* more parameters than the on-stack slot array holds */
    Obj *m = make_function(&many, "m", NULL, NULL, NULL);
    Obj *ten = parse_literal("(1, 2, 3, 4, 5, 6, 7, 8, 9)");
    Obj *kw = parse_literal("{'j': 10}");
    CHECK_TEXT("ten slots", outcome(rt_call(m, ten, kw)), "(1, 2, 3, 4, 5, 6, 7, 8, 9, 10)");
    CHECK_TEXT("ten missing", outcome(rt_call(m, ten, NULL)),
               "!TypeError: m() missing 1 required positional argument: 'j'");
    rt_decref(kw);
    rt_decref(ten);

    /* a failing body: bound slots (and the **kwargs dict) are released */
    Obj *bad = make_function(&failing, "bad", NULL, NULL, NULL);
    kw = parse_literal("{'x': [1, 2]}");
    Obj *one = parse_literal("([3],)");
    int32_t before = rt_live_objects();
    CHECK_TEXT("failing body", outcome(rt_call(bad, one, kw)), "!ValueError: boom");
    CHECK(rt_live_objects() == before);
    rt_decref(one);

    /* non-str keywords, refused before binding (vectorcall), but not by exception types */
    Obj *intkey = parse_literal("{1: 2}");
    CHECK_TEXT("int key function", outcome(rt_call(f, args, intkey)), "!TypeError: keywords must be strings");
    CHECK_TEXT("int key builtin", outcome(rt_call(rt_builtin_object(BUILTIN_LEN), args, intkey)),
               "!TypeError: keywords must be strings");
    CHECK_TEXT("int key dict()", outcome(rt_call(rt_builtin_object(BUILTIN_DICT), rt_tuple_new(0), intkey)),
               "!TypeError: keywords must be strings");
    CHECK_TEXT("int key ValueError", outcome(rt_call(rt_type_object(TYPE_ID_VALUE_ERROR), rt_tuple_new(0), intkey)),
               "!TypeError: ValueError() takes no keyword arguments");
    Obj *list = parse_literal("[]");
    Obj *append = str_from_ascii("append");
    CHECK_TEXT("int key method", outcome(rt_call_method(list, append, args, intkey)),
               "!TypeError: keywords must be strings");
    rt_decref(append);
    rt_decref(list);

    /* repr, identity, hash */
    Obj *nested = make_function(&simple, "outer.<locals>.inner", NULL, NULL, NULL);
    char *text = repr_text(nested);
    CHECK(strncmp(text, "<function outer.<locals>.inner at 0x", 36) == 0 && text[strlen(text) - 1] == '>');
    free(text);
    CHECK(rt_eq(f, f) == rt_true() && rt_eq(f, nested) == rt_false());
    CHECK(hash_of(f) == hash_of(f));
    CHECK_TEXT("qualname in errors", outcome(rt_call(nested, rt_tuple_new(0), NULL)),
               "!TypeError: outer.<locals>.inner() missing 2 required positional arguments: 'a' and 'b'");

    /* attributes */
    Obj *defaults = parse_literal("(2,)"), *kwdefaults = parse_literal("{'k': 3}");
    Obj *doc = str_from_ascii("docs");
    Obj *name = str_from_ascii("g"), *qual = str_from_ascii("g");
    Obj *g = rt_func_new(&with_kwonly, name, qual, doc, defaults, kwdefaults, NULL);
    CHECK(name->refcnt == 2 && doc->refcnt == 2 && defaults->refcnt == 2 && kwdefaults->refcnt == 2);
    CHECK_TEXT("__name__", attr_outcome(g, "__name__"), "'g'");
    CHECK_TEXT("__qualname__", attr_outcome(nested, "__qualname__"), "'outer.<locals>.inner'");
    CHECK_TEXT("__name__ nested", attr_outcome(nested, "__name__"), "'inner'");
    CHECK_TEXT("__doc__", attr_outcome(g, "__doc__"), "'docs'");
    CHECK_TEXT("__doc__ none", attr_outcome(f, "__doc__"), "None");
    CHECK_TEXT("__defaults__", attr_outcome(g, "__defaults__"), "(2,)");
    CHECK_TEXT("__defaults__ none", attr_outcome(f, "__defaults__"), "None");
    CHECK_TEXT("__kwdefaults__", attr_outcome(g, "__kwdefaults__"), "{'k': 3}");
    CHECK_TEXT("__kwdefaults__ none", attr_outcome(f, "__kwdefaults__"), "None");
    CHECK_TEXT("__closure__ none", attr_outcome(f, "__closure__"), "None");
    CHECK_TEXT("__module__", attr_outcome(f, "__module__"), "'__main__'");
    CHECK_TEXT("__dict__", attr_outcome(f, "__dict__"), "{}");
    CHECK_TEXT("missing", attr_outcome(f, "x"), "!AttributeError: 'function' object has no attribute 'x'");
    CHECK(rt_func_default(g, 0) == ((TupleObj *)defaults)->items[0]);
    Obj *kname = str_from_ascii("k");
    CHECK(rt_func_kwdefault(g, kname) == small_int_make(3));
    rt_decref(kname);
    /* defaults fill the last positionals; kwdefaults the keyword-only ones */
    CHECK_TEXT("defaults bound", outcome(rt_call(g, rt_tuple_new(0), NULL)),
               "(2, 3)");
    Obj *seven = small_int_make(7);
    CHECK_TEXT("set x", setattr_outcome(f, "x", seven), "0");
    CHECK_TEXT("get x", attr_outcome(f, "x"), "7");
    CHECK_TEXT("__dict__ after", attr_outcome(f, "__dict__"), "{'x': 7}");
    Obj *x = str_from_ascii("x"), *y = str_from_ascii("y");
    CHECK(rt_check_method(f, x) == 0);
    CHECK_TEXT("check missing", status_outcome(rt_check_method(f, y)),
               "!AttributeError: 'function' object has no attribute 'y'");
    /* f.x(...) calls the stored value: 7 is not callable */
    CHECK_TEXT("call stored", outcome(rt_call_method(f, x, args, NULL)), "!TypeError: 'int' object is not callable");
    CHECK_TEXT("store builtin", setattr_outcome(f, "y", rt_builtin_object(BUILTIN_LEN)), "0");
    Obj *pair = parse_literal("([1, 2],)");
    CHECK_TEXT("call stored builtin", outcome(rt_call_method(f, y, pair, NULL)), "2");
    rt_decref(pair);
    rt_decref(x);
    rt_decref(y);
    Obj *other = str_from_ascii("renamed");
    CHECK_TEXT("set __name__", setattr_outcome(f, "__name__", other), "0");
    CHECK_TEXT("get __name__", attr_outcome(f, "__name__"), "'renamed'");
    CHECK_TEXT("__qualname__ kept", attr_outcome(f, "__qualname__"), "'f'");
    CHECK_TEXT("set __qualname__", setattr_outcome(f, "__qualname__", other), "0");
    CHECK_TEXT("qualname used", outcome(rt_call(f, rt_tuple_new(0), NULL)),
               "!TypeError: renamed() missing 2 required positional arguments: 'a' and 'b'");
    rt_decref(other);
    CHECK_TEXT("__name__ int", setattr_outcome(f, "__name__", seven),
               "!TypeError: __name__ must be set to a string object");
    CHECK_TEXT("__qualname__ int", setattr_outcome(f, "__qualname__", seven),
               "!TypeError: __qualname__ must be set to a string object");
    CHECK_TEXT("__doc__ any", setattr_outcome(f, "__doc__", seven), "0");
    CHECK_TEXT("__doc__ read", attr_outcome(f, "__doc__"), "7");
    CHECK_TEXT("__defaults__ int", setattr_outcome(f, "__defaults__", seven),
               "!TypeError: __defaults__ must be set to a tuple object");
    CHECK_TEXT("__kwdefaults__ int", setattr_outcome(f, "__kwdefaults__", seven),
               "!TypeError: __kwdefaults__ must be set to a dict object");
    CHECK_TEXT("__dict__ int", setattr_outcome(f, "__dict__", seven),
               "!TypeError: __dict__ must be set to a dictionary, not a 'int'");
    CHECK_TEXT("__closure__", setattr_outcome(f, "__closure__", seven), "!AttributeError: readonly attribute");
    CHECK_TEXT("__defaults__ set", setattr_outcome(f, "__defaults__", defaults), "0");
    Obj *three = parse_literal("(1, 2, 3)");
    CHECK_TEXT("takes from", outcome(rt_call(f, three, NULL)),
               "!TypeError: renamed() takes from 1 to 2 positional arguments but 3 were given");
    rt_decref(three);
    CHECK_TEXT("__defaults__ none", setattr_outcome(f, "__defaults__", rt_none()), "0");
    CHECK_TEXT("__defaults__ gone", attr_outcome(f, "__defaults__"), "None");
    Obj *mod = str_from_ascii("m");
    CHECK_TEXT("__module__ set", setattr_outcome(f, "__module__", mod), "0");
    CHECK_TEXT("__module__ read", attr_outcome(f, "__module__"), "'m'");
    rt_decref(mod);
    rt_decref(name); rt_decref(qual); rt_decref(doc); rt_decref(defaults); rt_decref(kwdefaults);

    /* other receivers refuse new attributes with CPython's wording */
    Obj *s = str_from_ascii("s"), *l = parse_literal("[]"), *d = parse_literal("{}"), *t = parse_literal("(1,)");
    CHECK_TEXT("int.y", setattr_outcome(small_int_make(5), "y", seven),
               "!AttributeError: 'int' object has no attribute 'y'");
    CHECK_TEXT("str.y", setattr_outcome(s, "y", seven), "!AttributeError: 'str' object has no attribute 'y'");
    CHECK_TEXT("list.y", setattr_outcome(l, "y", seven), "!AttributeError: 'list' object has no attribute 'y'");
    CHECK_TEXT("dict.y", setattr_outcome(d, "y", seven), "!AttributeError: 'dict' object has no attribute 'y'");
    CHECK_TEXT("tuple.y", setattr_outcome(t, "y", seven), "!AttributeError: 'tuple' object has no attribute 'y'");
    CHECK_TEXT("None.y", setattr_outcome(rt_none(), "y", seven),
               "!AttributeError: 'NoneType' object has no attribute 'y'");
    CHECK_TEXT("list.append", setattr_outcome(l, "append", seven),
               "!AttributeError: 'list' object attribute 'append' is read-only");
    CHECK_TEXT("str.upper", setattr_outcome(s, "upper", seven),
               "!AttributeError: 'str' object attribute 'upper' is read-only");
    CHECK_TEXT("dict.fromkeys", setattr_outcome(d, "fromkeys", seven),
               "!AttributeError: 'dict' object attribute 'fromkeys' is read-only");
    CHECK_TEXT("int.__doc__", setattr_outcome(small_int_make(5), "__doc__", seven),
               "!AttributeError: 'int' object attribute '__doc__' is read-only");
    CHECK_TEXT("int.real", setattr_outcome(small_int_make(5), "real", seven),
               "!AttributeError: attribute 'real' of 'int' objects is not writable");
    CHECK_TEXT("True.real", setattr_outcome(rt_true(), "real", seven),
               "!AttributeError: attribute 'real' of 'int' objects is not writable");
    Obj *fl = float_from_double(1.5);
    CHECK_TEXT("float.real", setattr_outcome(fl, "real", seven),
               "!AttributeError: attribute 'real' of 'float' objects is not writable");
    CHECK_TEXT("float.hex", setattr_outcome(fl, "hex", seven),
               "!AttributeError: 'float' object attribute 'hex' is read-only");
    rt_decref(fl);
    Obj *range = rt_builtin_range(small_int_make(3), NULL, NULL);
    CHECK_TEXT("range.start", setattr_outcome(range, "start", seven), "!AttributeError: readonly attribute");
    rt_decref(range);
    CHECK_TEXT("int.x type", setattr_outcome(rt_builtin_object(BUILTIN_INT), "x", seven),
               "!TypeError: cannot set 'x' attribute of immutable type 'int'");
    CHECK_TEXT("len.x", setattr_outcome(rt_builtin_object(BUILTIN_LEN), "x", seven),
               "!AttributeError: 'builtin_function_or_method' object has no attribute 'x'");
    rt_decref(s); rt_decref(l); rt_decref(d); rt_decref(t);

    rt_decref(intkey); rt_decref(kw); rt_decref(args);
    rt_decref(f); rt_decref(k); rt_decref(v); rt_decref(m); rt_decref(bad); rt_decref(nested); rt_decref(g);
    CHECK(rt_live_objects() == base);
}

static void test_cells(void) {
    int32_t base = rt_live_objects();
    Obj *cell = rt_cell_new();
    Obj *x = str_from_ascii("x");
    CHECK_TEXT("empty local", outcome(rt_cell_get(cell, x, 0)),
               "!UnboundLocalError: cannot access local variable 'x' where it is not associated with a value");
    CHECK_TEXT("empty free", outcome(rt_cell_get(cell, x, 1)),
               "!NameError: cannot access free variable 'x' where it is not associated with a value in enclosing scope");
    char *text = repr_text(cell);
    CHECK(strncmp(text, "<cell at 0x", 11) == 0 && strstr(text, ": empty>") != NULL);
    free(text);
    Obj *l = parse_literal("[1]");
    rt_cell_set(cell, l);
    CHECK(l->refcnt == 2);
    CHECK_TEXT("get", outcome(rt_cell_get(cell, x, 1)), "[1]");
    text = repr_text(cell);
    CHECK(strstr(text, ": list object at 0x") != NULL);
    free(text);
    rt_cell_set(cell, small_int_make(4));
    CHECK(l->refcnt == 1);
    rt_cell_set(cell, l);
    rt_cell_set(cell, NULL);
    CHECK(l->refcnt == 1);
    CHECK(rt_cell_get(cell, x, 0) == NULL);
    rt_err_clear();
    rt_cell_set(cell, l);
    /* a closure tuple is owned by the function; cells reach it by index */
    Obj *closure = rt_tuple_new(1);
    rt_tuple_init(closure, 0, new_ref(cell));
    static const FuncCode code = {0, 0, 0, 0, DIRECT_INDEX, ECHO_INDEX, "", NULL};
    Obj *f = make_function(&code, "outer.<locals>.inner", NULL, NULL, closure);
    rt_decref(closure);
    CHECK(rt_closure_cell(f, 0) == cell);
    text = attr_outcome(f, "__closure__");
    CHECK(strncmp(text, "(<cell at 0x", 12) == 0);
    free(text);
    Obj *cell_type = rt_builtin_type(cell);
    CHECK_TEXT("type(cell)", attr_outcome(cell_type, "__name__"), "'cell'");
    rt_decref(cell_type);
    rt_decref(cell);
    rt_decref(l);
    rt_decref(f); /* releases the closure, the cell and the list */
    rt_decref(x);
    CHECK(rt_live_objects() == base);
}

static void test_call_site_unpacking(void) {
    int32_t base = rt_live_objects();
    static const FuncCode code = {0, 0, 0, FUNC_VARARGS | FUNC_VARKW, DIRECT_INDEX, ECHO_INDEX, "a\0k\0", NULL};
    Obj *opt = make_function(&code, "opt", NULL, NULL, NULL);
    Obj *inner = make_function(&code, "o.<locals>.opt", NULL, NULL, NULL);
    Obj *h = make_function(&code, "h", NULL, NULL, NULL);
    Obj *five = small_int_make(5);
    Obj *list = parse_literal("[0]");
    Obj *src = parse_literal("(1, 2)");
    CHECK(rt_call_args_extend(list, src, opt) == 0);
    CHECK_TEXT("extended", repr_text(list), "[0, 1, 2]");
    CHECK_TEXT("* function", status_outcome(rt_call_args_extend(list, five, opt)),
               "!TypeError: __main__.opt() argument after * must be an iterable, not int");
    CHECK_TEXT("* nested", status_outcome(rt_call_args_extend(list, five, inner)),
               "!TypeError: __main__.o.<locals>.opt() argument after * must be an iterable, not int");
    CHECK_TEXT("* builtin", status_outcome(rt_call_args_extend(list, five, rt_builtin_object(BUILTIN_LEN))),
               "!TypeError: len() argument after * must be an iterable, not int");
    CHECK_TEXT("* type", status_outcome(rt_call_args_extend(list, five, rt_builtin_object(BUILTIN_INT))),
               "!TypeError: int() argument after * must be an iterable, not int");
    CHECK_TEXT("* exception type", status_outcome(rt_call_args_extend(list, five, rt_type_object(TYPE_ID_VALUE_ERROR))),
               "!TypeError: ValueError() argument after * must be an iterable, not int");
    CHECK_TEXT("* non-callable", status_outcome(rt_call_args_extend(list, rt_none(), five)),
               "!TypeError: 5 argument after * must be an iterable, not NoneType");
    Obj *mod = str_from_ascii("m");
    Obj *modname = str_from_ascii("__module__");
    rt_setattr(inner, modname, mod);
    CHECK_TEXT("* module m", status_outcome(rt_call_args_extend(list, five, inner)),
               "!TypeError: m.o.<locals>.opt() argument after * must be an iterable, not int");
    rt_setattr(inner, modname, rt_none());
    CHECK_TEXT("* module None", status_outcome(rt_call_args_extend(list, five, inner)),
               "!TypeError: o.<locals>.opt() argument after * must be an iterable, not int");
    rt_decref(mod);
    rt_decref(modname);

    Obj *kw = parse_literal("{'x': 1}");
    Obj *more = parse_literal("{'y': 2}");
    CHECK(rt_call_kwargs_merge(kw, more, h) == 0);
    CHECK_TEXT("merged", repr_text(kw), "{'x': 1, 'y': 2}");
    Obj *dup = parse_literal("{'x': 3}");
    CHECK_TEXT("** duplicate", status_outcome(rt_call_kwargs_merge(kw, dup, h)),
               "!TypeError: __main__.h() got multiple values for keyword argument 'x'");
    CHECK_TEXT("** not mapping", status_outcome(rt_call_kwargs_merge(kw, five, opt)),
               "!TypeError: __main__.opt() argument after ** must be a mapping, not int");
    Obj *l2 = parse_literal("[1]");
    CHECK_TEXT("** list", status_outcome(rt_call_kwargs_merge(kw, l2, rt_builtin_object(BUILTIN_LEN))),
               "!TypeError: len() argument after ** must be a mapping, not list");
    /* non-str keys merge (CPython reports duplicates by str(key)); the call refuses them */
    Obj *ik = parse_literal("{(1, 2): 1}");
    Obj *acc = parse_literal("{}");
    CHECK(rt_call_kwargs_merge(acc, ik, h) == 0);
    CHECK_TEXT("** dup tuple key", status_outcome(rt_call_kwargs_merge(acc, ik, h)),
               "!TypeError: __main__.h() got multiple values for keyword argument '(1, 2)'");
    CHECK_TEXT("call with it", outcome(rt_call(h, src, acc)), "!TypeError: keywords must be strings");
    CHECK_TEXT("call merged", outcome(rt_call(h, src, kw)), "((1, 2), {'x': 1, 'y': 2})");
    rt_decref(ik); rt_decref(acc); rt_decref(l2); rt_decref(dup); rt_decref(more); rt_decref(kw);
    rt_decref(src); rt_decref(list); rt_decref(opt); rt_decref(inner); rt_decref(h);
    CHECK(rt_live_objects() == base);
}

static char *unpack_ex_outcome(const char *literal, int32_t before, int32_t after) {
    Obj *o = parse_literal(literal);
    char *text = outcome(rt_unpack_ex(o, before, after));
    rt_decref(o);
    return text;
}

static void test_display_helpers(void) {
    int32_t base = rt_live_objects();
    Obj *five = small_int_make(5);
    Obj *l = rt_list_new(0);
    CHECK(rt_list_append(l, five) == 0);
    Obj *src = parse_literal("'ab'");
    CHECK(rt_list_extend(l, src) == 0);
    CHECK_TEXT("[*x]", repr_text(l), "[5, 'a', 'b']");
    CHECK_TEXT("[*5]", status_outcome(rt_list_extend(l, five)),
               "!TypeError: Value after * must be an iterable, not int");
    CHECK_TEXT("(*x,)", outcome(rt_list_to_tuple(l)), "(5, 'a', 'b')");
    Obj *empty = rt_list_new(0);
    Obj *et = rt_list_to_tuple(empty);
    CHECK(et->refcnt < 0); /* the immortal () */
    Obj *s = rt_set_new();
    CHECK(rt_set_update(s, l) == 0);
    CHECK(rt_set_update(s, src) == 0);
    CHECK_TEXT("{*x}", repr_text(s), "{'a', 5, 'b'}");
    CHECK_TEXT("{*5}", status_outcome(rt_set_update(s, five)), "!TypeError: 'int' object is not iterable");
    rt_decref(s); rt_decref(et); rt_decref(empty); rt_decref(src); rt_decref(l);

    /* expected values from python3 (PYTHONHASHSEED=0 for the set order above): `a, *b, c = it` */
    CHECK_TEXT("ux 1 1", unpack_ex_outcome("[1, 2, 3, 4, 5]", 1, 1), "(1, [2, 3, 4], 5)");
    CHECK_TEXT("ux empty middle", unpack_ex_outcome("[1, 2]", 1, 1), "(1, [], 2)");
    CHECK_TEXT("ux short", unpack_ex_outcome("[1]", 1, 1),
               "!ValueError: not enough values to unpack (expected at least 2, got 1)");
    CHECK_TEXT("ux short before", unpack_ex_outcome("[]", 2, 1),
               "!ValueError: not enough values to unpack (expected at least 3, got 0)");
    CHECK_TEXT("ux str", unpack_ex_outcome("'abc'", 0, 2), "(['a'], 'b', 'c')");
    CHECK_TEXT("ux range", unpack_ex_outcome("range(0, 10)", 2, 3), "(0, 1, [2, 3, 4, 5, 6], 7, 8, 9)");
    CHECK_TEXT("ux tuple", unpack_ex_outcome("(1, 2, 3)", 3, 0), "(1, 2, 3, [])");
    CHECK_TEXT("ux all", unpack_ex_outcome("[]", 0, 0), "([],)");
    CHECK_TEXT("ux dict", unpack_ex_outcome("{'a': 1, 'b': 2}", 1, 0), "('a', ['b'])");
    Obj *lst = parse_literal("[1, 2, 3]");
    Obj *it = rt_get_iter(lst);
    CHECK_TEXT("ux iterator", outcome(rt_unpack_ex(it, 0, 4)),
               "!ValueError: not enough values to unpack (expected at least 4, got 3)");
    rt_decref(it); rt_decref(lst);
    CHECK_TEXT("ux int", outcome(rt_unpack_ex(five, 1, 1)), "!TypeError: cannot unpack non-iterable int object");
    CHECK_TEXT("ux None", outcome(rt_unpack_ex(rt_none(), 0, 0)),
               "!TypeError: cannot unpack non-iterable NoneType object");

    /* print(*args, sep=..., end=...) */
    Obj *args = parse_literal("(1, 'a', [2])");
    Obj *sep = str_from_ascii("-"), *end = str_from_ascii("!\n");
    shim_capture_begin();
    CHECK(rt_print_tuple(args, sep, end) == 0);
    CHECK(rt_print_tuple(args, rt_none(), rt_none()) == 0);
    Obj *none_args = rt_tuple_new(0);
    CHECK(rt_print_tuple(none_args, sep, rt_none()) == 0);
    CHECK_TEXT("print sep int", status_outcome(rt_print_tuple(args, five, rt_none())),
               "!TypeError: sep must be None or a string, not int");
    CHECK_TEXT("print end int", status_outcome(rt_print_tuple(args, rt_none(), five)),
               "!TypeError: end must be None or a string, not int");
    io_flush_stdout();
    CHECK_TEXT("print output", strdup(shim_capture_end(1)->bytes), "1-a-[2]!\n1 a [2]\n\n");
    rt_decref(args); rt_decref(sep); rt_decref(end);
    CHECK(rt_live_objects() == base);
}

static void test_functions_all(void) {
    test_call_cases();
    test_function_objects();
    test_cells();
    test_call_site_unpacking();
    test_display_helpers();
}
