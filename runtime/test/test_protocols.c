/*
 * test_protocols.c — dunder dispatch through user classes (ops.c and the
 * container files), #included by test_runtime.c after test_classes.c
 * (whose class helpers it uses). C stand-ins play the compiled methods.
 * The point is mostly memory safety under ASan: user __eq__ methods that
 * empty the dict, set or list being searched, and sorts that fail midway.
 * Expected texts are python3 3.11's.
 *
 * Invariant: every test releases what it creates (the runner checks the
 * live count).
 */

#define PROTO_EQ_CLEAR_INDEX 50
#define PROTO_HASH_INDEX 51
#define PROTO_NOT_IMPLEMENTED_INDEX 52
#define PROTO_NEXT_INDEX 53
#define PROTO_SELF_INDEX 54
#define PROTO_REPR_CLEAR_INDEX 55

static Obj *proto_target; /* what the mutating __eq__ clears (borrowed) */

/* def __eq__(self, other): target.clear(); return False */
static Obj *proto_eq_clear_entry(Obj *func, Obj **argv) {
    (void)func;
    (void)argv;
    Obj *name = cls_str("clear");
    Obj *empty = rt_tuple_new(0);
    Obj *r = rt_call_method(proto_target, name, empty, NULL);
    rt_decref(empty);
    rt_decref(name);
    if (!r)
        return NULL;
    rt_decref(r);
    return rt_false();
}

/* def __repr__(self): target.clear(); return 'R' */
static Obj *proto_repr_clear_entry(Obj *func, Obj **argv) {
    Obj *r = proto_eq_clear_entry(func, argv);
    if (!r)
        return NULL;
    return cls_str("R");
}

/* def __hash__(self): return 5 */
static Obj *proto_hash_entry(Obj *func, Obj **argv) {
    (void)func;
    (void)argv;
    return small_int_make(5);
}

/* def m(self, other): return NotImplemented */
static Obj *proto_not_implemented_entry(Obj *func, Obj **argv) {
    (void)func;
    (void)argv;
    return rt_not_implemented();
}

static int32_t proto_next_left;
/* def __next__(self): counts down, then raises StopIteration */
static Obj *proto_next_entry(Obj *func, Obj **argv) {
    (void)func;
    (void)argv;
    if (proto_next_left <= 0) {
        err_format(&type_stop_iteration, "");
        return NULL;
    }
    return small_int_make(--proto_next_left);
}

/* def __iter__(self): return self */
static Obj *proto_self_entry(Obj *func, Obj **argv) {
    (void)func;
    return new_ref(argv[0]);
}

static Obj *proto_instance(Obj *cls) {
    Obj *empty = rt_tuple_new(0);
    Obj *o = rt_call(cls, empty, NULL);
    rt_decref(empty);
    return o;
}

/* A user __eq__ that empties the container being searched must not leave
 * the lookup reading freed tables or items. */
static void test_protocols_mutating_eq(void) {
    shim_set_table_entry(PROTO_EQ_CLEAR_INDEX, proto_eq_clear_entry);
    shim_set_table_entry(PROTO_HASH_INDEX, proto_hash_entry);
    static const FuncCode eq_code = {2, 0, 0, 0, 0, PROTO_EQ_CLEAR_INDEX, "self\0other\0", NULL};
    static const FuncCode hash_code = {1, 0, 0, 0, 0, PROTO_HASH_INDEX, "self\0", NULL};
    Obj *empty = rt_tuple_new(0);
    Obj *ns = rt_dict_new();
    Obj *eq = cls_func(&eq_code, "M.__eq__", NULL);
    Obj *hash = cls_func(&hash_code, "M.__hash__", NULL);
    ns_put(ns, "__eq__", eq);
    ns_put(ns, "__hash__", hash);
    Obj *m = cls_make("M", empty, ns, NULL);
    rt_decref(ns);
    Obj *a = proto_instance(m), *b = proto_instance(m);
    CHECK(rt_builtin_hash(a) == small_int_make(5));

    Obj *d = rt_dict_new();
    CHECK(rt_dict_setitem(d, a, small_int_make(1)) == 0);
    for (int32_t i = 0; i < 20; i++)
        CHECK(rt_dict_setitem(d, small_int_make(100 + 8 * i), small_int_make(i)) == 0);
    proto_target = d;
    CHECK(rt_contains(d, b) == 0);
    CHECK(((DictObj *)d)->used == 0);
    CHECK(rt_dict_setitem(d, a, small_int_make(1)) == 0);
    CHECK(rt_dict_setitem(d, b, small_int_make(2)) == 0); /* clears, restarts, inserts */
    CHECK_TEXT("dict after", outcome(rt_builtin_len(d)), "1");
    rt_decref(d);

    Obj *s = rt_set_new();
    CHECK(rt_set_add(s, a) == 0);
    CHECK(rt_set_add(s, small_int_make(7)) == 0);
    proto_target = s;
    CHECK(rt_contains(s, b) == 0);
    CHECK(rt_set_add(s, a) == 0);
    CHECK(rt_set_add(s, b) == 0);
    CHECK_TEXT("set after", outcome(rt_builtin_len(s)), "1");
    rt_decref(s);

    Obj *l = rt_list_new(0);
    CHECK(list_append(l, a) == 0);
    CHECK(list_append(l, small_int_make(1)) == 0);
    CHECK(list_append(l, small_int_make(2)) == 0);
    proto_target = l;
    CHECK(rt_contains(l, b) == 0);
    CHECK_TEXT("list after in", outcome(new_ref(l)), "[]");
    CHECK(list_append(l, a) == 0);
    CHECK(list_append(l, b) == 0);
    Obj *other = rt_list_new(0);
    CHECK(list_append(other, b) == 0);
    CHECK(list_append(other, b) == 0);
    CHECK(rt_eq(l, other) == rt_false());
    CHECK(list_append(l, a) == 0);
    Obj *name = cls_str("count");
    Obj *args = tuple_of1(b);
    CHECK_TEXT("list.count", outcome(rt_call_method(l, name, args, NULL)), "0");
    rt_decref(name);
    name = cls_str("remove");
    CHECK(list_append(l, a) == 0);
    CHECK_TEXT("list.remove", outcome(rt_call_method(l, name, args, NULL)),
               "!ValueError: list.remove(x): x not in list");
    rt_decref(name);
    rt_decref(args);
    rt_decref(other);
    rt_decref(l);

    proto_target = NULL;
    rt_decref(a);
    rt_decref(b);
    rt_decref(m);
    rt_decref(eq);
    rt_decref(hash);
    rt_decref(empty);
    rt_gc_collect();
}

/* NotImplemented from every method falls back to CPython's defaults. */
static void test_protocols_not_implemented(void) {
    shim_set_table_entry(PROTO_NOT_IMPLEMENTED_INDEX, proto_not_implemented_entry);
    static const FuncCode ni_code = {2, 0, 0, 0, 0, PROTO_NOT_IMPLEMENTED_INDEX, "self\0other\0", NULL};
    Obj *empty = rt_tuple_new(0);
    Obj *ns = rt_dict_new();
    Obj *ni = cls_func(&ni_code, "N.m", NULL);
    static const char *const names[] = {"__add__", "__radd__", "__iadd__", "__lt__", "__gt__", "__eq__"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        ns_put(ns, names[i], ni);
    Obj *n = cls_make("N", empty, ns, NULL);
    rt_decref(ns);
    Obj *x = proto_instance(n), *y = proto_instance(n);
    Obj *one = small_int_make(1);
    CHECK_TEXT("N + 1", outcome(rt_add(x, one)), "!TypeError: unsupported operand type(s) for +: 'N' and 'int'");
    CHECK_TEXT("1 + N", outcome(rt_add(one, x)), "!TypeError: unsupported operand type(s) for +: 'int' and 'N'");
    CHECK_TEXT("N += 1", outcome(rt_inplace_add(x, one)),
               "!TypeError: unsupported operand type(s) for +=: 'N' and 'int'");
    CHECK_TEXT("N **= 1", outcome(rt_inplace_pow(x, one)),
               "!TypeError: unsupported operand type(s) for **=: 'N' and 'int'");
    CHECK_TEXT("'' + N", outcome(rt_add(str_empty(), x)),
               "!TypeError: can only concatenate str (not \"N\") to str");
    CHECK_TEXT("N < N", outcome(rt_lt(x, y)), "!TypeError: '<' not supported between instances of 'N' and 'N'");
    CHECK_TEXT("N <= 1", outcome(rt_le(x, one)), "!TypeError: '<=' not supported between instances of 'N' and 'int'");
    CHECK(rt_eq(x, x) == rt_true());
    CHECK(rt_eq(x, y) == rt_false());
    CHECK(rt_ne(x, y) == rt_true());
    CHECK(rt_ne(x, x) == rt_false());
    CHECK_TEXT("hash of N", outcome(rt_builtin_hash(x)), "!TypeError: unhashable type: 'N'");
    /* a failing sort leaves every item in the list */
    Obj *l = rt_list_new(0);
    for (int32_t i = 0; i < 70; i++)
        CHECK(list_append(l, i % 2 ? x : y) == 0);
    CHECK_TEXT("sort", status_outcome(list_sort(l, NULL, false)),
               "!TypeError: '<' not supported between instances of 'N' and 'N'");
    CHECK(((ListObj *)l)->length == 70);
    rt_decref(l);
    rt_decref(x);
    rt_decref(y);
    rt_decref(n);
    rt_decref(ni);
    rt_decref(empty);
    rt_gc_collect();
}

/* __iter__ returning self and __next__ raising StopIteration. */
static void test_protocols_iteration(void) {
    shim_set_table_entry(PROTO_NEXT_INDEX, proto_next_entry);
    shim_set_table_entry(PROTO_SELF_INDEX, proto_self_entry);
    static const FuncCode next_code = {1, 0, 0, 0, 0, PROTO_NEXT_INDEX, "self\0", NULL};
    static const FuncCode self_code = {1, 0, 0, 0, 0, PROTO_SELF_INDEX, "self\0", NULL};
    Obj *empty = rt_tuple_new(0);
    Obj *ns = rt_dict_new();
    Obj *next = cls_func(&next_code, "It.__next__", NULL);
    Obj *iter = cls_func(&self_code, "It.__iter__", NULL);
    ns_put(ns, "__next__", next);
    ns_put(ns, "__iter__", iter);
    Obj *cls = cls_make("It", empty, ns, NULL);
    rt_decref(ns);
    Obj *it = proto_instance(cls);
    proto_next_left = 3;
    CHECK_TEXT("list(It())", outcome(rt_builtin_list(it)), "[2, 1, 0]");
    CHECK(rt_iter_next(it) == NULL && !rt_err_occurred());
    CHECK_TEXT("next(it)", outcome(rt_builtin_next(it, NULL)), "!StopIteration");
    CHECK_TEXT("next(it, 9)", outcome(rt_builtin_next(it, small_int_make(9))), "9");
    proto_next_left = 4;
    CHECK_TEXT("sorted", outcome(rt_builtin_sorted(it, NULL, 0)), "[0, 1, 2, 3]");
    proto_next_left = 2;
    CHECK_TEXT("unpack", outcome(rt_unpack(it, 2)), "(1, 0)");
    proto_next_left = 1;
    CHECK_TEXT("unpack short", outcome(rt_unpack(it, 2)),
               "!ValueError: not enough values to unpack (expected 2, got 1)");
    CHECK_TEXT("len(it)", outcome(rt_builtin_len(it)), "!TypeError: object of type 'It' has no len()");
    CHECK(rt_truthy(it) == 1);
    rt_decref(it);
    rt_decref(cls);
    rt_decref(next);
    rt_decref(iter);
    rt_decref(empty);
    rt_gc_collect();
}

/* A user __repr__ that empties the container being printed. */
static void test_protocols_mutating_repr(void) {
    shim_set_table_entry(PROTO_REPR_CLEAR_INDEX, proto_repr_clear_entry);
    static const FuncCode repr_code = {1, 0, 0, 0, 0, PROTO_REPR_CLEAR_INDEX, "self\0", NULL};
    Obj *empty = rt_tuple_new(0);
    Obj *ns = rt_dict_new();
    Obj *repr = cls_func(&repr_code, "R.__repr__", NULL);
    ns_put(ns, "__repr__", repr);
    Obj *cls = cls_make("R", empty, ns, NULL);
    rt_decref(ns);
    Obj *d = rt_dict_new();
    Obj *r = proto_instance(cls);
    CHECK(rt_dict_setitem(d, small_int_make(1), r) == 0);
    CHECK(rt_dict_setitem(d, r, small_int_make(2)) == 0);
    rt_decref(r);
    proto_target = d;
    CHECK_TEXT("dict repr", outcome(rt_repr(d)), "'{1: R}'");
    rt_decref(d);
    Obj *s = rt_set_new();
    r = proto_instance(cls);
    CHECK(rt_set_add(s, r) == 0);
    CHECK(rt_set_add(s, small_int_make(3)) == 0);
    rt_decref(r);
    proto_target = s;
    Obj *text = rt_repr(s);
    CHECK(text && ((StrObj *)text)->length == 6); /* {3, R} or {R, 3} */
    rt_decref(text);
    rt_decref(s);
    Obj *l = rt_list_new(0);
    r = proto_instance(cls);
    CHECK(list_append(l, r) == 0);
    CHECK(list_append(l, small_int_make(4)) == 0);
    rt_decref(r);
    proto_target = l;
    CHECK_TEXT("list repr", outcome(rt_repr(l)), "'[R]'");
    rt_decref(l);
    proto_target = NULL;
    rt_decref(cls);
    rt_decref(repr);
    rt_decref(empty);
    rt_gc_collect();
}

static void test_protocols(void) {
    test_protocols_mutating_eq();
    test_protocols_mutating_repr();
    test_protocols_not_implemented();
    test_protocols_iteration();
}
