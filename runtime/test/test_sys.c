/*
 * test_sys.c — the sys module (sysmodule.c) and print(file=...) (print.c):
 * the module object and its attribute errors, `from sys import`, sys.exit's
 * exception (tuple quirk included), the recursion limit, the stream objects
 * and sys.argv from the shim's args_get. Expected texts are CPython 3.11's.
 * Included by test_runtime.c (uses tuple_of/report from test_exceptions.c).
 */

static Obj *sys_attr(Obj *sys, const char *name) {
    Obj *n = str_from_ascii(name);
    Obj *v = rt_getattr(sys, n);
    rt_decref(n);
    return v;
}

/* sys.<name>(*args) the way compiled code calls it: check, then call. */
static Obj *sys_call(Obj *receiver, const char *name, Obj *args /* stolen */) {
    Obj *n = str_from_ascii(name);
    Obj *result = rt_check_method(receiver, n) < 0 ? NULL : rt_call_method(receiver, n, args, NULL);
    rt_decref(n);
    rt_decref(args);
    return result;
}

static void test_sys_module_object(void) {
    Obj *sys = rt_import_builtin(MODULE_SYS);
    CHECK(sys != NULL && sys == rt_import_builtin(MODULE_SYS));
    CHECK(sys->refcnt < 0);
    CHECK_TEXT("repr(sys)", outcome(new_ref(sys)), "<module 'sys' (built-in)>");
    CHECK_TEXT("type(sys)", outcome(rt_builtin_type(sys)), "<class 'module'>");
    char bad_id_message[64];
    snprintf(bad_id_message, sizeof bad_id_message, "!ValueError: unknown builtin module id %d", (int)MODULE_COUNT);
    CHECK_TEXT("bad module id", outcome(rt_import_builtin(MODULE_COUNT)), bad_id_message);
    CHECK_TEXT("sys.maxsize", outcome(sys_attr(sys, "maxsize")), "9223372036854775807");
    CHECK_TEXT("sys.byteorder", outcome(sys_attr(sys, "byteorder")), "'little'");
    CHECK_TEXT("sys.platform", outcome(sys_attr(sys, "platform")), "'wasi'");
    CHECK_TEXT("sys.__name__", outcome(sys_attr(sys, "__name__")), "'sys'");
    CHECK_TEXT("sys.version_info", outcome(sys_attr(sys, "version_info")), "sys.version_info(major=3, minor=11, micro=7, releaselevel='final', serial=0)");
    Obj *info = sys_attr(sys, "version_info");
    Obj *floor = tuple_of(2, small_int_make(3), small_int_make(8));
    CHECK_TEXT("version_info >= (3, 8)", outcome(rt_ge(info, floor)), "True");
    rt_decref(info);
    rt_decref(floor);
    Obj *version = sys_attr(sys, "version");
    char *v = utf8_of(version);
    CHECK(strncmp(v, "3.11.7", 6) == 0);
    free(v);
    rt_decref(version);
    CHECK_TEXT("sys.exit", outcome(sys_attr(sys, "exit")), "<built-in function exit>");
    Obj *exit_fn = sys_attr(sys, "exit");
    CHECK_TEXT("sys.exit.__module__", outcome(sys_attr(exit_fn, "__module__")), "'sys'");
    CHECK_TEXT("callable(sys.exit)", outcome(rt_builtin_callable(exit_fn)), "True");
    rt_decref(exit_fn);
    CHECK_TEXT("sys.xyz", outcome(sys_attr(sys, "xyz")), "!AttributeError: module 'sys' has no attribute 'xyz'");
    Obj *name = str_from_ascii("xyz");
    CHECK_TEXT("check sys.xyz()", status_outcome(rt_check_method(sys, name)),
               "!AttributeError: module 'sys' has no attribute 'xyz'");
    CHECK_TEXT("from sys import xyz", outcome(rt_import_from(sys, name)),
               "!ImportError: cannot import name 'xyz' from 'sys' (unknown location)");
    /* setattr stores into the module dict; import_from then finds it */
    Obj *value = str_from_ascii("mine");
    CHECK(rt_setattr(sys, name, value) == 0);
    CHECK_TEXT("sys.xyz after set", outcome(rt_import_from(sys, name)), "'mine'");
    CHECK(rt_check_method(sys, name) == 0);
    rt_decref(value);
    rt_decref(name);
    Obj *maxsize = str_from_ascii("maxsize");
    CHECK_TEXT("from sys import maxsize", outcome(rt_import_from(sys, maxsize)), "9223372036854775807");
    rt_decref(maxsize);
    /* a non-callable attribute called as a method */
    CHECK_TEXT("sys.maxsize()", outcome(sys_call(sys, "maxsize", rt_tuple_new(0))),
               "!TypeError: 'int' object is not callable");
    modules_release();
}

static void test_sys_exit_and_limits(void) {
    Obj *sys = rt_import_builtin(MODULE_SYS);
    static const struct { int kind; const char *args; const char *code; } cases[] = {
        {0, "()", "None"},       /* sys.exit() */
        {1, "(3,)", "3"},        /* sys.exit(3) */
        {2, "('msg',)", "'msg'"},
        {3, "(1, 2)", "(1, 2)"}, /* the tuple becomes args itself */
        {4, "()", "None"},       /* sys.exit(()) */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        Obj *args;
        switch (cases[i].kind) {
        case 0: args = rt_tuple_new(0); break;
        case 1: args = tuple_of(1, small_int_make(3)); break;
        case 2: args = tuple_of(1, str_from_ascii("msg")); break;
        case 3: args = tuple_of(1, tuple_of(2, small_int_make(1), small_int_make(2))); break;
        default: args = tuple_of(1, rt_tuple_new(0)); break;
        }
        CHECK(sys_call(sys, "exit", args) == NULL);
        CHECK(err_matches(&type_system_exit));
        Obj *e = rt_exc_fetch();
        CHECK_TEXT("SystemExit args", outcome(new_ref(((ExcObj *)e)->args)), cases[i].args);
        CHECK_TEXT("SystemExit code", outcome(sys_attr(e, "code")), cases[i].code);
        rt_decref(e);
    }
    /* leave = sys.exit; leave("bye") through rt_call, then the report */
    Obj *leave = sys_attr(sys, "exit");
    Obj *args = tuple_of(1, str_from_ascii("bye"));
    CHECK(rt_call(leave, args, NULL) == NULL);
    rt_decref(args);
    int32_t code;
    CHECK_TEXT("sys.exit('bye') report", report(&code), "bye\n");
    CHECK(code == 1);
    args = tuple_of(2, small_int_make(1), small_int_make(2));
    CHECK_TEXT("sys.exit(1, 2)", outcome(rt_call(leave, args, NULL)),
               "!TypeError: exit expected at most 1 argument, got 2");
    Obj *kwargs = rt_dict_new();
    Obj *key = str_from_ascii("code");
    rt_dict_setitem(kwargs, key, small_int_make(1));
    CHECK_TEXT("sys.exit(code=1)", outcome(rt_call(leave, rt_tuple_new(0), kwargs)),
               "!TypeError: sys.exit() takes no keyword arguments");
    rt_decref(key);
    rt_decref(kwargs);
    rt_decref(args);
    rt_decref(leave);

    /* the recursion limit; depth as CPython counts it: frames + 1 */
    CHECK_TEXT("getrecursionlimit()", outcome(sys_call(sys, "getrecursionlimit", rt_tuple_new(0))), "1000");
    CHECK_TEXT("getrecursionlimit(1)", outcome(sys_call(sys, "getrecursionlimit", tuple_of(1, small_int_make(1)))),
               "!TypeError: sys.getrecursionlimit() takes no arguments (1 given)");
    CHECK_TEXT("setrecursionlimit(0)", outcome(sys_call(sys, "setrecursionlimit", tuple_of(1, small_int_make(0)))),
               "!ValueError: recursion limit must be greater or equal than 1");
    CHECK_TEXT("setrecursionlimit('a')",
               outcome(sys_call(sys, "setrecursionlimit", tuple_of(1, str_from_ascii("a")))),
               "!TypeError: 'str' object cannot be interpreted as an integer");
    CHECK_TEXT("setrecursionlimit(2**40)",
               outcome(sys_call(sys, "setrecursionlimit", tuple_of(1, int_from_i64((int64_t)1 << 40)))),
               "!OverflowError: Python int too large to convert to C int");
    CHECK_TEXT("setrecursionlimit()", outcome(sys_call(sys, "setrecursionlimit", rt_tuple_new(0))),
               "!TypeError: sys.setrecursionlimit() takes exactly one argument (0 given)");
    CHECK(rt_enter() == 0); /* the module body */
    CHECK(rt_enter() == 0); /* a function */
    CHECK_TEXT("setrecursionlimit(3) at depth 3",
               outcome(sys_call(sys, "setrecursionlimit", tuple_of(1, small_int_make(3)))),
               "!RecursionError: cannot set the recursion limit to 3 at the recursion depth 3: the limit is too low");
    CHECK_TEXT("setrecursionlimit(4)", outcome(sys_call(sys, "setrecursionlimit", tuple_of(1, small_int_make(4)))),
               "None");
    CHECK(rt_enter() == 0 && rt_enter() == 0);
    CHECK_TEXT("depth beyond 4", status_outcome(rt_enter()), "!RecursionError: maximum recursion depth exceeded");
    rt_leave();
    rt_leave();
    rt_leave();
    rt_leave();
    CHECK_TEXT("setrecursionlimit(True) outside any frame",
               outcome(sys_call(sys, "setrecursionlimit", tuple_of(1, rt_true()))),
               "!RecursionError: cannot set the recursion limit to 1 at the recursion depth 1: the limit is too low");
    CHECK_TEXT("getrecursionlimit() still 4", outcome(sys_call(sys, "getrecursionlimit", rt_tuple_new(0))), "4");
    CHECK_TEXT("setrecursionlimit(1000)",
               outcome(sys_call(sys, "setrecursionlimit", tuple_of(1, small_int_make(1000)))), "None");
    CHECK_TEXT("intern('ab')", outcome(sys_call(sys, "intern", tuple_of(1, str_from_ascii("ab")))), "'ab'");
    CHECK_TEXT("intern(1)", outcome(sys_call(sys, "intern", tuple_of(1, small_int_make(1)))),
               "!TypeError: intern() argument must be str, not int");
    modules_release();
}

static void test_sys_streams(void) {
    Obj *sys = rt_import_builtin(MODULE_SYS);
    Obj *out = sys_attr(sys, "stdout"), *err = sys_attr(sys, "stderr");
    CHECK(out == (Obj *)&sys_stdout_object && err == (Obj *)&sys_stderr_object);
    CHECK_TEXT("type(sys.stdout).__name__", outcome(sys_attr(rt_builtin_type(out), "__name__")), "'TextIOWrapper'");
    CHECK_TEXT("repr(sys.stderr)", outcome(new_ref(err)),
               "<_io.TextIOWrapper name='<stderr>' mode='w' encoding='utf-8'>");
    shim_capture_begin();
    CHECK_TEXT("stdout.write", outcome(sys_call(out, "write", tuple_of(1, str_from_ascii("h\xC3\xA9llo\n")))), "6");
    CHECK_TEXT("stderr.write", outcome(sys_call(err, "write", tuple_of(1, str_from_ascii("oops\n")))), "5");
    CHECK_TEXT("stdout.flush", outcome(sys_call(out, "flush", rt_tuple_new(0))), "None");
    CHECK_TEXT("stderr.flush", outcome(sys_call(err, "flush", rt_tuple_new(0))), "None");
    CHECK_TEXT("captured stdout", strdup(shim_captured(1)->bytes), "h\xC3\xA9llo\n");
    CHECK_TEXT("captured stderr", strdup(shim_capture_end(2)->bytes), "oops\n");
    CHECK_TEXT("write(1)", outcome(sys_call(out, "write", tuple_of(1, small_int_make(1)))),
               "!TypeError: write() argument must be str, not int");
    CHECK_TEXT("write()", outcome(sys_call(out, "write", rt_tuple_new(0))),
               "!TypeError: TextIOWrapper.write() takes exactly one argument (0 given)");
    CHECK_TEXT("flush(1)", outcome(sys_call(out, "flush", tuple_of(1, small_int_make(1)))),
               "!TypeError: TextIOWrapper.flush() takes no arguments (1 given)");
    CHECK_TEXT("stdout.xyz()", outcome(sys_call(out, "xyz", rt_tuple_new(0))),
               "!AttributeError: '_io.TextIOWrapper' object has no attribute 'xyz'");

    /* print(..., file=f) */
    Obj *none = rt_none(), *dash = str_from_ascii("-"), *bang = str_from_ascii("!\n");
    Obj *items = tuple_of(2, str_from_ascii("a"), small_int_make(42));
    shim_capture_begin();
    CHECK(rt_print_file(items, none, none, none) == 0);
    CHECK(rt_print_file(items, dash, bang, out) == 0);
    CHECK(rt_print_file(items, none, none, err) == 0);
    CHECK(rt_print_file(items, dash, bang, err) == 0);
    io_flush_stdout();
    io_flush_stderr();
    CHECK_TEXT("print to stdout", strdup(shim_captured(1)->bytes), "a 42\na-42!\n");
    CHECK_TEXT("print to stderr", strdup(shim_capture_end(2)->bytes), "a 42\na-42!\n");
    CHECK_TEXT("print(file=42)", status_outcome(rt_print_file(items, none, none, small_int_make(42))),
               "!AttributeError: 'int' object has no attribute 'write'");
    CHECK_TEXT("print(file=42, sep=1)", status_outcome(rt_print_file(items, small_int_make(1), none, small_int_make(42))),
               "!TypeError: sep must be None or a string, not int");
    Obj *pieces = rt_list_new(0);
    CHECK_TEXT("print(file=[])", status_outcome(rt_print_file(items, none, none, pieces)),
               "!AttributeError: 'list' object has no attribute 'write'");
    rt_decref(pieces);
    rt_decref(items);
    rt_decref(dash);
    rt_decref(bang);
    rt_decref(out);
    rt_decref(err);
    modules_release();
}

static void test_sys_argv(void) {
    static const char *const args[] = {"app.py", "one", "h\xC3\xA9"};
    shim_set_args(3, args);
    Obj *sys = rt_import_builtin(MODULE_SYS);
    CHECK_TEXT("sys.argv", outcome(sys_attr(sys, "argv")), "['app.py', 'one', 'h\xC3\xA9']");
    /* argv is an ordinary list: appending works and is released at the end */
    Obj *argv = sys_attr(sys, "argv");
    Obj *extra = str_from_ascii("more");
    CHECK(rt_list_append(argv, extra) == 0);
    rt_decref(extra);
    rt_decref(argv);
    CHECK_TEXT("sys.argv after append", outcome(sys_attr(sys, "argv")), "['app.py', 'one', 'h\xC3\xA9', 'more']");
    modules_release();
    shim_set_args(0, args); /* no arguments at all: CPython's [''] */
    sys = rt_import_builtin(MODULE_SYS);
    CHECK_TEXT("sys.argv with none", outcome(sys_attr(sys, "argv")), "['']");
    modules_release();
    shim_set_args(0, NULL);
}

static void test_sys(void) {
    test_sys_module_object();
    test_sys_exit_and_limits();
    test_sys_streams();
    test_sys_argv();
}
