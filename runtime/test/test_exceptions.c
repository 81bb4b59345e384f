/*
 * test_exceptions.c — exception objects (args, str, repr, attributes, calls
 * of exception types), except-clause matching, the handled exception and
 * implicit chaining, the raise entry points, and the uncaught report built
 * from a hand-made traceback table. #included by test_runtime.c.
 *
 * The expected reports are what python3 3.11 prints for the equivalent
 * programs (quoted above each check), with the same file names.
 * Invariant: each test releases everything it creates.
 */

/* ---- a traceback table built by hand ------------------------------------- */

typedef struct TestSite {
    uint32_t line, frame;
    const char *text; /* NULL = no source line */
    uint16_t indent, first, second, third;
} TestSite;

static uint32_t tb_table_words[8192]; /* 4-byte aligned, as the compiler lays it out */

/* frames: alternating name, file; the layout is the one in README.md */
static void set_table(const char *const *frames, uint32_t nframes, const TestSite *sites, uint32_t nsites) {
    uint8_t *t = (uint8_t *)tb_table_words;
    char strings[8192];
    uint32_t used = 0;
#define ADD_STRING(s) (memcpy(strings + used, (s), strlen(s) + 1), used += (uint32_t)strlen(s) + 1, used - (uint32_t)strlen(s) - 1)
    uint32_t header[2] = {nframes, nsites};
    memcpy(t, header, 8);
    uint8_t *p = t + 8;
    for (uint32_t i = 0; i < nframes; i++) {
        uint32_t offsets[2];
        offsets[0] = ADD_STRING(frames[2 * i]);
        offsets[1] = ADD_STRING(frames[2 * i + 1]);
        memcpy(p, offsets, 8);
        p += 8;
    }
    for (uint32_t i = 0; i < nsites; i++) {
        uint32_t w[3] = {sites[i].line, sites[i].frame, sites[i].text ? ADD_STRING(sites[i].text) : 0xFFFFFFFFu};
        uint16_t h[4] = {sites[i].indent, sites[i].first, sites[i].second, sites[i].third};
        memcpy(p, w, 12);
        memcpy(p + 12, h, 8);
        p += 20;
    }
    memcpy(p, strings, used);
#undef ADD_STRING
    rt_set_traceback_table(t);
}

/* The report of the pending exception: stderr text (malloc'd) and the code. */
static char *report(int32_t *code) {
    shim_capture_begin();
    *code = rt_report_uncaught();
    char *text = strdup(shim_capture_end(2)->bytes);
    return text;
}

static Obj *tuple_of(int n, ...) {
    va_list ap;
    va_start(ap, n);
    Obj *t = rt_tuple_new(n);
    for (int i = 0; i < n; i++)
        rt_tuple_init(t, i, va_arg(ap, Obj *)); /* steals */
    va_end(ap);
    return t;
}

/* exception_type(*args) through rt_call, as compiled code calls it */
static Obj *call_type(const Type *type, Obj *args) {
    Obj *e = rt_call((Obj *)type, args, NULL);
    rt_decref(args);
    return e;
}

static char *str_text(Obj *o, bool repr) {
    Obj *s = repr ? rt_repr(o) : rt_str(o);
    if (!s)
        return take_error();
    char *text = utf8_of(s);
    rt_decref(s);
    return text;
}

static char *attr_text(Obj *o, const char *name) {
    Obj *n = str_from_ascii(name);
    Obj *v = rt_getattr(o, n);
    rt_decref(n);
    return outcome(v);
}

static void test_exception_objects(void) {
    /* repr/str for 0, 1, 2 args, non-str args and KeyError */
    static const struct { const char *repr, *str; } want[] = {
        {"ValueError()", ""},
        {"ValueError('x')", "x"},
        {"ValueError('a', 1)", "('a', 1)"},
        {"ValueError(3)", "3"},
        {"KeyError('k')", "'k'"},
        {"KeyError('k', 1)", "('k', 1)"},
        {"KeyError()", ""},
        {"SystemExit(None)", "None"},
    };
    Obj *made[8];
    made[0] = call_type(&type_value_error, tuple_of(0));
    made[1] = call_type(&type_value_error, tuple_of(1, str_from_ascii("x")));
    made[2] = call_type(&type_value_error, tuple_of(2, str_from_ascii("a"), small_int_make(1)));
    made[3] = call_type(&type_value_error, tuple_of(1, small_int_make(3)));
    made[4] = call_type(&type_key_error, tuple_of(1, str_from_ascii("k")));
    made[5] = call_type(&type_key_error, tuple_of(2, str_from_ascii("k"), small_int_make(1)));
    made[6] = call_type(&type_key_error, tuple_of(0));
    made[7] = call_type(&type_system_exit, tuple_of(1, rt_none()));
    for (int i = 0; i < 8; i++) {
        CHECK_TEXT("exception repr", str_text(made[i], true), want[i].repr);
        CHECK_TEXT("exception str", str_text(made[i], false), want[i].str);
    }
    CHECK_TEXT("args", attr_text(made[2], "args"), "('a', 1)");
    CHECK_TEXT("args empty", attr_text(made[0], "args"), "()");
    CHECK_TEXT("__cause__", attr_text(made[1], "__cause__"), "None");
    CHECK_TEXT("__context__", attr_text(made[1], "__context__"), "None");
    CHECK_TEXT("__suppress_context__", attr_text(made[1], "__suppress_context__"), "False");
    CHECK_TEXT("__traceback__", attr_text(made[1], "__traceback__"), "None");
    CHECK_TEXT("SystemExit(None).code", attr_text(made[7], "code"), "None");
    CHECK_TEXT("no code on ValueError", attr_text(made[1], "code"),
               "!AttributeError: 'ValueError' object has no attribute 'code'");
    CHECK_TEXT("no value on ValueError", attr_text(made[1], "value"),
               "!AttributeError: 'ValueError' object has no attribute 'value'");
    Obj *name = str_from_ascii("args");
    CHECK(rt_check_method(made[1], name) == 0);
    rt_decref(name);
    /* identity equality and hash */
    Obj *eq = rt_eq(made[1], made[1]);
    CHECK(eq == rt_true());
    Obj *other = call_type(&type_value_error, tuple_of(1, str_from_ascii("x")));
    Obj *ne = rt_eq(made[1], other);
    CHECK(ne == rt_false());
    CHECK(hash_of(made[1]) == hash_of(made[1]));
    rt_decref(other);
    for (int i = 0; i < 8; i++)
        rt_decref(made[i]);

    /* StopIteration.value, SystemExit.code */
    Obj *s0 = call_type(&type_stop_iteration, tuple_of(0));
    Obj *s2 = call_type(&type_stop_iteration, tuple_of(2, small_int_make(1), small_int_make(2)));
    Obj *x0 = call_type(&type_system_exit, tuple_of(0));
    Obj *x1 = call_type(&type_system_exit, tuple_of(1, small_int_make(4)));
    Obj *x2 = call_type(&type_system_exit, tuple_of(2, small_int_make(1), small_int_make(2)));
    CHECK_TEXT("StopIteration().value", attr_text(s0, "value"), "None");
    CHECK_TEXT("StopIteration(1, 2).value", attr_text(s2, "value"), "1");
    CHECK_TEXT("SystemExit().code", attr_text(x0, "code"), "None");
    CHECK_TEXT("SystemExit(4).code", attr_text(x1, "code"), "4");
    CHECK_TEXT("SystemExit(1, 2).code", attr_text(x2, "code"), "(1, 2)");
    rt_decref(s0); rt_decref(s2); rt_decref(x0); rt_decref(x1); rt_decref(x2);

    /* next() of an exhausted iterator: StopIteration() with no arguments */
    Obj *empty = tuple_of(0);
    Obj *it = rt_get_iter(empty);
    CHECK(rt_builtin_next(it, NULL) == NULL);
    Obj *stop = rt_exc_fetch();
    CHECK_TEXT("next() StopIteration", str_text(stop, true), "StopIteration()");
    CHECK_TEXT("next() StopIteration.value", attr_text(stop, "value"), "None");
    rt_decref(stop); rt_decref(it); rt_decref(empty);

    /* keyword arguments */
    Obj *kwargs = rt_dict_new();
    Obj *key = str_from_ascii("x");
    rt_dict_setitem(kwargs, key, small_int_make(1));
    Obj *args = tuple_of(0);
    CHECK_TEXT("kwargs", outcome(rt_call((Obj *)&type_value_error, args, kwargs)),
               "!TypeError: ValueError() takes no keyword arguments");
    CHECK_TEXT("kwargs OSError", outcome(rt_call((Obj *)&type_os_error, args, kwargs)),
               "!TypeError: OSError() takes no keyword arguments");
    rt_decref(args); rt_decref(key); rt_decref(kwargs);

    /* KeyError from a dict lookup carries the key itself */
    Obj *d = rt_dict_new();
    Obj *k = tuple_of(2, small_int_make(1), str_from_ascii("a"));
    CHECK(rt_getitem(d, k) == NULL);
    Obj *e = rt_exc_fetch();
    CHECK(e && e->type == &type_key_error);
    CHECK(((TupleObj *)((ExcObj *)e)->args)->items[0] == k);
    CHECK_TEXT("KeyError str", str_text(e, false), "(1, 'a')");
    CHECK_TEXT("KeyError repr", str_text(e, true), "KeyError((1, 'a'))");
    rt_decref(e); rt_decref(k); rt_decref(d);

    /* every exception type: name, base and rt_type_object */
    CHECK(rt_type_object(TYPE_ID_TAB_ERROR) == (Obj *)&type_tab_error);
    CHECK(type_tab_error.base == &type_indentation_error && type_indentation_error.base == &type_syntax_error);
    CHECK(rt_type_object(TYPE_ID_TRACEBACK) == (Obj *)&type_traceback);
    CHECK(rt_type_object(TYPE_ID_INT) == (Obj *)&type_int);
    char bad_id[64];
    snprintf(bad_id, sizeof bad_id, "!ValueError: unknown type id %d", (int)TYPE_ID_COUNT);
    CHECK_TEXT("bad type id", outcome(rt_type_object(TYPE_ID_COUNT)), bad_id);
    for (int32_t id = TYPE_ID_BASE_EXCEPTION; id <= TYPE_ID_LAST_EXCEPTION; id++) {
        const Type *t = (const Type *)rt_type_object(id);
        CHECK(t && t->id == id && type_is_subtype(t, &type_base_exception));
    }
}

static Obj *cls(const Type *t) { return (Obj *)t; }

static void test_exception_matching(void) {
    Obj *e = call_type(&type_key_error, tuple_of(0));
    CHECK(rt_exc_matches(e, cls(&type_key_error)) == 1);
    CHECK(rt_exc_matches(e, cls(&type_lookup_error)) == 1);
    CHECK(rt_exc_matches(e, cls(&type_base_exception)) == 1);
    CHECK(rt_exc_matches(e, cls(&type_index_error)) == 0);
    Obj *t1 = tuple_of(2, cls(&type_index_error), cls(&type_key_error));
    Obj *t2 = tuple_of(2, cls(&type_index_error), cls(&type_value_error));
    Obj *t3 = tuple_of(0);
    CHECK(rt_exc_matches(e, t1) == 1);
    CHECK(rt_exc_matches(e, t2) == 0);
    CHECK(rt_exc_matches(e, t3) == 0);
    /* CPython 3.11: `except int`, `except (KeyError, 1)` and even a nested
     * tuple are rejected */
    Obj *bad1 = tuple_of(2, cls(&type_key_error), small_int_make(1));
    Obj *bad2 = tuple_of(2, cls(&type_index_error), tuple_of(1, cls(&type_key_error)));
    const char *msg = "!TypeError: catching classes that do not inherit from BaseException is not allowed";
    CHECK(rt_exc_matches(e, cls(&type_int)) == -1);
    CHECK_TEXT("except int", take_error(), msg);
    CHECK(rt_exc_matches(e, small_int_make(1)) == -1);
    CHECK_TEXT("except 1", take_error(), msg);
    CHECK(rt_exc_matches(e, bad1) == -1);
    CHECK_TEXT("except (KeyError, 1)", take_error(), msg);
    CHECK(rt_exc_matches(e, bad2) == -1);
    CHECK_TEXT("except nested", take_error(), msg);
    rt_decref(t1); rt_decref(t2); rt_decref(t3); rt_decref(bad1); rt_decref(bad2); rt_decref(e);
}

static void test_raise_and_chaining(void) {
    /* rt_raise of a class and of an instance; bad values */
    CHECK(rt_raise(cls(&type_value_error)) == -1);
    Obj *a = rt_exc_fetch();
    CHECK(a && a->type == &type_value_error && ((TupleObj *)((ExcObj *)a)->args)->length == 0);
    CHECK(rt_err_occurred() == 0);
    CHECK(rt_raise(small_int_make(5)) == -1);
    CHECK_TEXT("raise 5", take_error(), "!TypeError: exceptions must derive from BaseException");
    CHECK(rt_raise(cls(&type_int)) == -1);
    CHECK_TEXT("raise int", take_error(), "!TypeError: exceptions must derive from BaseException");
    CHECK(rt_raise_from(cls(&type_value_error), small_int_make(5)) == -1);
    CHECK_TEXT("from 5", take_error(), "!TypeError: exception causes must derive from BaseException");
    CHECK(rt_raise_from(small_int_make(5), small_int_make(5)) == -1);
    CHECK_TEXT("5 from 5", take_error(), "!TypeError: exceptions must derive from BaseException");

    /* an instance is raised as itself */
    CHECK(rt_raise(a) == -1);
    CHECK(err_pending() == a);
    Obj *again = rt_exc_fetch();
    CHECK(again == a);
    rt_decref(again);

    /* implicit context: while a is handled, a new exception chains to it */
    Obj *prev = rt_exc_set_handled(a);
    CHECK(prev == NULL);
    err_format(&type_type_error, "inner");
    Obj *b = rt_exc_fetch();
    CHECK(((ExcObj *)b)->context == a && !((ExcObj *)b)->suppress_context);
    CHECK_TEXT("__context__", attr_text(b, "__context__"), "ValueError()");

    /* raise a while handling b (whose context is a): the b -> a link is cut */
    Obj *outer = rt_exc_set_handled(b);
    CHECK(outer == a);
    CHECK(rt_raise(a) == -1);
    CHECK(((ExcObj *)a)->context == b);
    CHECK(((ExcObj *)b)->context == NULL);
    Obj *a2 = rt_exc_fetch();
    rt_decref(a2);
    /* re-raises change nothing */
    CHECK(rt_reraise_handled(0) == -1);
    CHECK(err_pending() == b && ((ExcObj *)b)->context == NULL && ((ExcObj *)b)->traceback == NULL);
    Obj *b2 = rt_exc_fetch();
    CHECK(rt_reraise(b2) == -1); /* steals */
    CHECK(err_pending() == b && ((ExcObj *)b)->context == NULL);
    rt_err_clear();
    /* raising the handled exception itself does not chain it to itself */
    CHECK(rt_raise(b) == -1);
    CHECK(((ExcObj *)b)->context == NULL);
    rt_err_clear();
    rt_exc_restore_handled(outer); /* a handled again; b released by the runtime */
    rt_exc_restore_handled(prev);  /* nothing handled */
    CHECK(rt_exc_set_handled(a) == NULL);
    rt_exc_restore_handled(NULL);

    /* raise ... from ...: cause set, context still recorded, suppressed */
    prev = rt_exc_set_handled(b);
    CHECK(rt_raise_from(cls(&type_runtime_error), a) == -1);
    Obj *r = rt_exc_fetch();
    ExcObj *re = (ExcObj *)r;
    CHECK(re->cause == a && re->context == b && re->suppress_context);
    CHECK_TEXT("__cause__", attr_text(r, "__cause__"), "ValueError()");
    CHECK_TEXT("__suppress_context__", attr_text(r, "__suppress_context__"), "True");
    rt_decref(r);
    CHECK(rt_raise_from(cls(&type_runtime_error), rt_none()) == -1);
    r = rt_exc_fetch();
    re = (ExcObj *)r;
    CHECK(re->cause == NULL && re->context == b && re->suppress_context);
    rt_decref(r);
    CHECK(rt_raise_from(cls(&type_runtime_error), cls(&type_key_error)) == -1);
    r = rt_exc_fetch();
    CHECK(((ExcObj *)r)->cause && ((ExcObj *)r)->cause->type == &type_key_error);
    rt_decref(r);
    rt_exc_restore_handled(prev);

    /* a pre-existing context cycle does not hang the chaining walk */
    ExcObj *x = (ExcObj *)call_type(&type_value_error, tuple_of(0));
    ExcObj *y = (ExcObj *)call_type(&type_type_error, tuple_of(0));
    x->context = new_ref((Obj *)y);
    y->context = new_ref((Obj *)x);
    prev = rt_exc_set_handled((Obj *)x);
    err_format(&type_runtime_error, "z");
    Obj *z = rt_exc_fetch();
    CHECK(((ExcObj *)z)->context == (Obj *)x);
    rt_decref(z);
    rt_exc_restore_handled(prev);
    rt_decref(x->context); /* break the cycle by hand */
    x->context = NULL;
    rt_decref((Obj *)x);
    rt_decref((Obj *)y);

    /* bare raise with nothing handled */
    static const char *const frames[] = {"<module>", "t.py"};
    static const TestSite sites[] = {{7, 0, "raise", 0, 0, 0, 0}};
    set_table(frames, 1, sites, 1);
    CHECK(rt_reraise_handled(0) == -1);
    int32_t code;
    CHECK_TEXT("bare raise", report(&code),
               "Traceback (most recent call last):\n"
               "  File \"t.py\", line 7, in <module>\n"
               "    raise\n"
               "RuntimeError: No active exception to reraise\n");
    CHECK(code == 1);
    rt_set_traceback_table(NULL);
    rt_decref(b);
    rt_decref(a);
}

static void test_traceback_report(void) {
    int32_t code;
    /* a.py:
     *   def f():
     *       return 1 / 0
     *   f()                                                              */
    static const char *const frames_a[] = {"<module>", "/tmp/py/a.py", "f", "/tmp/py/a.py"};
    static const TestSite sites_a[] = {{3, 0, "f()", 0, 0, 0, 0}, {2, 1, "return 1 / 0", 7, 2, 1, 2}};
    set_table(frames_a, 2, sites_a, 2);
    shim_capture_begin();
    io_write_stdout("out\n", 4);
    err_format(&type_zero_division_error, "division by zero");
    rt_traceback_add(1);
    rt_traceback_add(0);
    CHECK_TEXT("a.py", report(&code),
               "Traceback (most recent call last):\n"
               "  File \"/tmp/py/a.py\", line 3, in <module>\n"
               "    f()\n"
               "  File \"/tmp/py/a.py\", line 2, in f\n"
               "    return 1 / 0\n"
               "           ~~^~~\n"
               "ZeroDivisionError: division by zero\n");
    CHECK(code == 1 && rt_err_occurred() == 0);
    CHECK_TEXT("stdout flushed before the report", strdup(shim_capture_end(1)->bytes), "out\n");

    /* the same without source text and carets */
    static const TestSite bare_a[] = {{3, 0, NULL, 0, 0, 0, 0}, {2, 1, NULL, 0, 0, 0, 0}};
    set_table(frames_a, 2, bare_a, 2);
    err_format(&type_zero_division_error, "division by zero");
    rt_traceback_add(1);
    rt_traceback_add(0);
    CHECK_TEXT("a.py without text", report(&code),
               "Traceback (most recent call last):\n"
               "  File \"/tmp/py/a.py\", line 3, in <module>\n"
               "  File \"/tmp/py/a.py\", line 2, in f\n"
               "ZeroDivisionError: division by zero\n");

    /* b.py:
     *   def g(x):
     *       try:
     *           return {}[x]
     *       except KeyError as e:
     *           raise ValueError("bad", x) from e
     *   g("k")                                                           */
    static const char *const frames_b[] = {"<module>", "/tmp/py/b.py", "g", "/tmp/py/b.py"};
    static const TestSite sites_b[] = {{6, 0, "g(\"k\")", 0, 0, 0, 0},
                                       {3, 1, "return {}[x]", 7, 2, 3, 0},
                                       {5, 1, "raise ValueError(\"bad\", x) from e", 0, 0, 0, 0}};
    set_table(frames_b, 2, sites_b, 3);
    Obj *d = rt_dict_new(), *k = str_from_ascii("k");
    CHECK(rt_getitem(d, k) == NULL);
    rt_traceback_add(1);
    Obj *e = rt_exc_fetch();
    Obj *prev = rt_exc_set_handled(e);
    CHECK(rt_exc_matches(e, cls(&type_key_error)) == 1);
    Obj *v = call_type(&type_value_error, tuple_of(2, str_from_ascii("bad"), new_ref(k)));
    rt_raise_from(v, e);
    rt_decref(v);
    rt_traceback_add(2);
    rt_exc_restore_handled(prev);
    rt_decref(e);
    rt_traceback_add(0);
    CHECK_TEXT("b.py", report(&code),
               "Traceback (most recent call last):\n"
               "  File \"/tmp/py/b.py\", line 3, in g\n"
               "    return {}[x]\n"
               "           ~~^^^\n"
               "KeyError: 'k'\n"
               "\n"
               "The above exception was the direct cause of the following exception:\n"
               "\n"
               "Traceback (most recent call last):\n"
               "  File \"/tmp/py/b.py\", line 6, in <module>\n"
               "    g(\"k\")\n"
               "  File \"/tmp/py/b.py\", line 5, in g\n"
               "    raise ValueError(\"bad\", x) from e\n"
               "ValueError: ('bad', 'k')\n");
    rt_decref(d);
    rt_decref(k);

    /* c.py:
     *   try:
     *       raise TypeError
     *   except TypeError:
     *       raise RuntimeError(3)                                        */
    static const char *const frames_c[] = {"<module>", "/tmp/py/c.py"};
    static const TestSite sites_c[] = {{2, 0, "raise TypeError", 0, 0, 0, 0},
                                       {4, 0, "raise RuntimeError(3)", 0, 0, 0, 0}};
    set_table(frames_c, 1, sites_c, 2);
    rt_raise(cls(&type_type_error));
    rt_traceback_add(0);
    e = rt_exc_fetch();
    prev = rt_exc_set_handled(e);
    v = call_type(&type_runtime_error, tuple_of(1, small_int_make(3)));
    rt_raise(v);
    rt_decref(v);
    rt_traceback_add(1);
    rt_exc_restore_handled(prev);
    rt_decref(e);
    CHECK_TEXT("c.py", report(&code),
               "Traceback (most recent call last):\n"
               "  File \"/tmp/py/c.py\", line 2, in <module>\n"
               "    raise TypeError\n"
               "TypeError\n"
               "\n"
               "During handling of the above exception, another exception occurred:\n"
               "\n"
               "Traceback (most recent call last):\n"
               "  File \"/tmp/py/c.py\", line 4, in <module>\n"
               "    raise RuntimeError(3)\n"
               "RuntimeError: 3\n");

    /* d.py / e.py: f(n) recursing n times before raising KeyError("x") */
    static const char *const frames_d[] = {"<module>", "/tmp/py/d.py", "f", "/tmp/py/d.py"};
    static const TestSite sites_d[] = {{5, 0, "f(5)", 0, 0, 0, 0},
                                       {4, 1, "f(n - 1)", 0, 0, 0, 0},
                                       {3, 1, "raise KeyError(\"x\")", 0, 0, 0, 0}};
    set_table(frames_d, 2, sites_d, 3);
    const char *entry = "  File \"/tmp/py/d.py\", line 4, in f\n    f(n - 1)\n";
    for (int depth = 4; depth <= 5; depth++) {
        v = call_type(&type_key_error, tuple_of(1, str_from_ascii("x")));
        rt_raise(v);
        rt_decref(v);
        rt_traceback_add(2);
        for (int i = 0; i < depth; i++)
            rt_traceback_add(1);
        rt_traceback_add(0);
        char want[1024];
        snprintf(want, sizeof want,
                 "Traceback (most recent call last):\n"
                 "  File \"/tmp/py/d.py\", line 5, in <module>\n"
                 "    f(5)\n%s%s%s"
                 "  [Previous line repeated %d more time%s]\n"
                 "  File \"/tmp/py/d.py\", line 3, in f\n"
                 "    raise KeyError(\"x\")\n"
                 "KeyError: 'x'\n",
                 entry, entry, entry, depth - 3, depth - 3 == 1 ? "" : "s");
        CHECK_TEXT("repetition", report(&code), want);
    }

    /* 1000 identical entries: three lines and 997 more; beyond 1000 entries
     * only the innermost 1000 are shown (the module frame is dropped) */
    for (int total = 1000; total <= 1002; total += 2) {
        err_format(&type_recursion_error, "maximum recursion depth exceeded");
        for (int i = 0; i < total - (total > 1000); i++)
            rt_traceback_add(1);
        if (total > 1000)
            rt_traceback_add(0);
        char want[1024];
        snprintf(want, sizeof want,
                 "Traceback (most recent call last):\n%s%s%s"
                 "  [Previous line repeated 997 more times]\n"
                 "RecursionError: maximum recursion depth exceeded\n",
                 entry, entry, entry);
        CHECK_TEXT("1000 entries", report(&code), want);
    }

    /* no table: no frame lines, the header still says there was a traceback */
    rt_set_traceback_table(NULL);
    err_format(&type_value_error, "v");
    rt_traceback_add(0);
    CHECK_TEXT("no table", report(&code), "Traceback (most recent call last):\nValueError: v\n");
    /* a cause that was never raised prints no header */
    v = call_type(&type_value_error, tuple_of(0));
    Obj *c = call_type(&type_key_error, tuple_of(1, small_int_make(1)));
    rt_raise_from(v, c);
    CHECK_TEXT("unraised cause", report(&code),
               "KeyError: 1\n\nThe above exception was the direct cause of the following exception:\n\nValueError\n");
    rt_decref(v);
    rt_decref(c);
    /* entries on the static MemoryError instance go with the report */
    set_table(frames_a, 2, sites_a, 2);
    err_no_memory();
    rt_traceback_add(0);
    CHECK_TEXT("MemoryError", report(&code),
               "Traceback (most recent call last):\n  File \"/tmp/py/a.py\", line 3, in <module>\n    f()\nMemoryError\n");
    rt_set_traceback_table(NULL);
}

static void test_system_exit(void) {
    static const struct { int kind; int64_t value; const char *text; int32_t code; const char *err; } cases[] = {
        {0, 0, NULL, 0, ""},             /* raise SystemExit */
        {1, 3, NULL, 3, ""},             /* SystemExit(3) */
        {1, -1, NULL, -1, ""},           /* sys.exit(-1): exit status 255 */
        {1, 256, NULL, 256, ""},         /* the OS keeps the low 8 bits: 0 */
        {1, (int64_t)1 << 40, NULL, 0, ""},
        {1, ((int64_t)1 << 31) - 1, NULL, 2147483647, ""},
        {2, 0, "bye", 1, "bye\n"},
        {2, 0, "", 1, "\n"},
        {3, 0, NULL, 0, ""},             /* SystemExit(None) */
        {4, 0, NULL, 1, ""},             /* SystemExit(True) */
        {5, 0, NULL, 1, "(1, 2)\n"},     /* SystemExit(1, 2) */
        {6, 0, NULL, -1, ""},            /* SystemExit(2**70) */
        {7, 0, NULL, 1, "3.5\n"},        /* SystemExit(3.5) */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        Obj *args;
        switch (cases[i].kind) {
        case 0: args = NULL; break;
        case 1: args = tuple_of(1, int_from_i64(cases[i].value)); break;
        case 2: args = tuple_of(1, str_from_ascii(cases[i].text)); break;
        case 3: args = tuple_of(1, rt_none()); break;
        case 4: args = tuple_of(1, rt_true()); break;
        case 5: args = tuple_of(2, small_int_make(1), small_int_make(2)); break;
        case 6: {
            Obj *big = int_from_i64((int64_t)1 << 35);
            Obj *sq = rt_mul(big, big);
            rt_decref(big);
            args = tuple_of(1, sq);
            break;
        }
        default: args = tuple_of(1, float_from_double(3.5)); break;
        }
        if (args) {
            Obj *e = call_type(&type_system_exit, args);
            rt_raise(e);
            rt_decref(e);
        } else {
            rt_raise(cls(&type_system_exit));
        }
        rt_traceback_add(0); /* never printed for SystemExit */
        int32_t code;
        CHECK_TEXT("SystemExit output", report(&code), cases[i].err);
        CHECK(code == cases[i].code);
    }
}

static void test_exceptions(void) {
    test_exception_objects();
    test_exception_matching();
    test_raise_and_chaining();
    test_traceback_report();
    test_system_exit();
}
