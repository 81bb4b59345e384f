/*
 * test_classes.c — user classes (class.c), #included by test_runtime.c:
 * rt_class_new (C3 MRO and its errors, layouts, __slots__, shapes seeded
 * from the compiler's hint), instances (attribute storage, __dict__
 * switching to dict mode, AttributeError wording), class attributes,
 * methods through C stand-ins for compiled functions (bound methods,
 * rt_call_method without a bound method, super, property, staticmethod,
 * classmethod), exception subclasses, subclasses of dict/list and of the
 * value layouts (int, str, tuple, float, bytes: where the attributes sit,
 * exact results, slot methods, cycles), special_lookup, __del__ and the
 * cycle collector, builtin methods as values (lst.append, list.append
 * through a list subclass). Expected texts are python3 3.11's.
 *
 * Invariant: every test releases what it creates (the runner checks the
 * live count); class cycles are collected with rt_gc_collect.
 */

#define CLS_ECHO_INDEX 41
#define CLS_INIT_INDEX 42
#define CLS_CONST_INDEX 43
#define CLS_DEL_INDEX 44
#define CLS_SUPER_INDEX 45

#define CHECK_PREFIX(what, got, want) \
    do { \
        char *got_text_ = (got); \
        record(strncmp(got_text_, (want), strlen(want)) == 0, (what), got_text_, (want), __LINE__); \
        free(got_text_); \
    } while (0)

static Obj *cls_str(const char *s) { return str_from_utf8(s, (int32_t)strlen(s)); }

/* (func, argv) -> tuple(argv), as test_functions.c's echo. */
static Obj *cls_echo_entry(Obj *func, Obj **argv) {
    int32_t n = code_params(((FuncObj *)func)->code);
    Obj *t = rt_tuple_new(n);
    for (int32_t i = 0; i < n; i++)
        rt_tuple_init(t, i, new_ref(argv[i]));
    return t;
}

/* def __init__(self, v): self.v = v */
static Obj *cls_init_entry(Obj *func, Obj **argv) {
    (void)func;
    Obj *name = cls_str("v");
    int32_t r = rt_setattr(argv[0], name, argv[1]);
    rt_decref(name);
    return r < 0 ? NULL : rt_none();
}

/* def getter(self): return 42 */
static Obj *cls_const_entry(Obj *func, Obj **argv) {
    (void)func;
    (void)argv;
    return small_int_make(42);
}

static int cls_del_calls;
/* def __del__(self): deleted += 1 */
static Obj *cls_del_entry(Obj *func, Obj **argv) {
    (void)func;
    (void)argv;
    cls_del_calls++;
    return rt_none();
}

/* def m(self): return super().m()   (the __class__ cell is closure[0]) */
static Obj *cls_super_entry(Obj *func, Obj **argv) {
    Obj *cell = rt_closure_cell(func, 0);
    Obj *cls = ((CellObj *)cell)->value;
    Obj *s = rt_super_zero(cls, argv[0]);
    if (!s)
        return NULL;
    Obj *name = cls_str("m");
    Obj *r = rt_call_method(s, name, rt_tuple_new(0), NULL);
    rt_decref(name);
    rt_decref(s);
    return r;
}

static Obj *cls_func(const FuncCode *code, const char *qualname, Obj *closure) {
    return make_function(code, qualname, NULL, NULL, closure);
}

/* class NAME(*bases): ns items (name, value) pairs, NULL-terminated */
static Obj *cls_make(const char *name, Obj *bases, Obj *ns, const char *const *hint) {
    Obj *n = cls_str(name);
    int32_t nh = 0;
    while (hint && hint[nh])
        nh++;
    Obj *h = rt_tuple_new(nh);
    for (int32_t i = 0; i < nh; i++)
        rt_tuple_init(h, i, cls_str(hint[i]));
    Obj *q = cls_str(name);
    Obj *qk = cls_str("__qualname__");
    dict_set(ns, qk, q);
    Obj *c = rt_class_new(n, bases, ns, NULL, h);
    rt_decref(q);
    rt_decref(qk);
    rt_decref(n);
    rt_decref(h);
    return c;
}

static void ns_put(Obj *ns, const char *key, Obj *value) {
    Obj *k = cls_str(key);
    dict_set(ns, k, value);
    rt_decref(k);
}

static Obj *tuple_of1(Obj *a) {
    Obj *t = rt_tuple_new(1);
    rt_tuple_init(t, 0, new_ref(a));
    return t;
}
static Obj *tuple_of2(Obj *a, Obj *b) {
    Obj *t = rt_tuple_new(2);
    rt_tuple_init(t, 0, new_ref(a));
    rt_tuple_init(t, 1, new_ref(b));
    return t;
}

static char *cls_attr(Obj *o, const char *name) { return attr_outcome(o, name); }

static void test_class_mro(void) {
    Obj *empty = rt_tuple_new(0);
    Obj *ns = rt_dict_new();
    Obj *a = cls_make("A", empty, ns, NULL);
    rt_decref(ns);
    ns = rt_dict_new();
    Obj *b = cls_make("B", empty, ns, NULL);
    rt_decref(ns);
    Obj *ab = tuple_of2(a, b);
    ns = rt_dict_new();
    Obj *x = cls_make("X", ab, ns, NULL);
    rt_decref(ns);
    CHECK_TEXT("X.__mro__", cls_attr(x, "__mro__"),
               "(<class '__main__.X'>, <class '__main__.A'>, <class '__main__.B'>, <class 'object'>)");
    CHECK_TEXT("X.__bases__", cls_attr(x, "__bases__"), "(<class '__main__.A'>, <class '__main__.B'>)");
    CHECK_TEXT("A.__bases__", cls_attr(a, "__bases__"), "(<class 'object'>,)");
    CHECK_TEXT("X.__base__", cls_attr(x, "__base__"), "<class '__main__.A'>");
    CHECK_TEXT("X.__name__", cls_attr(x, "__name__"), "'X'");
    CHECK_TEXT("X.__module__", cls_attr(x, "__module__"), "'__main__'");
    CHECK_TEXT("X.__doc__", cls_attr(x, "__doc__"), "None");
    CHECK_TEXT("X.nope", cls_attr(x, "nope"), "!AttributeError: type object 'X' has no attribute 'nope'");
    /* class E(A, X): A precedes X but X's MRO puts A after X */
    Obj *ax = tuple_of2(a, x);
    ns = rt_dict_new();
    CHECK_TEXT("bad MRO", outcome(cls_make("E", ax, ns, NULL)),
               "!TypeError: Cannot create a consistent method resolution\norder (MRO) for bases A, X");
    rt_decref(ns);
    Obj *aa = tuple_of2(a, a);
    ns = rt_dict_new();
    CHECK_TEXT("duplicate base", outcome(cls_make("E", aa, ns, NULL)), "!TypeError: duplicate base class A");
    rt_decref(ns);
    Obj *boolb = tuple_of1((Obj *)&type_bool);
    ns = rt_dict_new();
    CHECK_TEXT("bool base", outcome(cls_make("E", boolb, ns, NULL)),
               "!TypeError: type 'bool' is not an acceptable base type");
    rt_decref(ns);
    Obj *setb = tuple_of1((Obj *)&type_set);
    ns = rt_dict_new();
    CHECK_TEXT("set base", outcome(cls_make("E", setb, ns, NULL)),
               "!NotImplementedError: Taipan does not support subclassing 'set' yet");
    rt_decref(ns);
    Obj *int_str = tuple_of2((Obj *)&type_int, (Obj *)&type_str);
    ns = rt_dict_new();
    CHECK_TEXT("int, str bases", outcome(cls_make("E", int_str, ns, NULL)),
               "!TypeError: multiple bases have instance lay-out conflict");
    rt_decref(ns);
    rt_decref(int_str);
    Obj *conflict = tuple_of2((Obj *)&type_os_error, (Obj *)&type_stop_iteration);
    ns = rt_dict_new();
    CHECK_TEXT("layout conflict", outcome(cls_make("E", conflict, ns, NULL)),
               "!TypeError: multiple bases have instance lay-out conflict");
    rt_decref(ns);
    /* diamond: D(B1, B2), B1(A), B2(A) -> D B1 B2 A object */
    Obj *ta = tuple_of1(a);
    ns = rt_dict_new();
    Obj *b1 = cls_make("B1", ta, ns, NULL);
    rt_decref(ns);
    ns = rt_dict_new();
    Obj *b2 = cls_make("B2", ta, ns, NULL);
    rt_decref(ns);
    Obj *bb = tuple_of2(b1, b2);
    ns = rt_dict_new();
    Obj *d = cls_make("D", bb, ns, NULL);
    rt_decref(ns);
    CHECK_TEXT("diamond", cls_attr(d, "__mro__"),
               "(<class '__main__.D'>, <class '__main__.B1'>, <class '__main__.B2'>, <class '__main__.A'>, <class "
               "'object'>)");
    CHECK(rt_builtin_issubclass(d, a) == rt_true() && rt_builtin_issubclass(a, d) == rt_false());
    CHECK(rt_builtin_issubclass(d, (Obj *)&type_object) == rt_true());
    CHECK_TEXT("class repr", outcome(new_ref(d)), "<class '__main__.D'>");
    Obj *objs[] = {empty, a, b, ab, x, ax, aa, boolb, setb, conflict, ta, b1, b2, bb, d};
    for (size_t i = 0; i < sizeof objs / sizeof objs[0]; i++)
        rt_decref(objs[i]);
    rt_gc_collect();
}

static void test_class_instances(void) {
    shim_set_table_entry(CLS_ECHO_INDEX, cls_echo_entry);
    shim_set_table_entry(CLS_INIT_INDEX, cls_init_entry);
    static const FuncCode init_code = {2, 0, 0, 0, 0, CLS_INIT_INDEX, "self\0v\0", NULL};
    static const FuncCode m_code = {2, 0, 0, 0, 0, CLS_ECHO_INDEX, "self\0a\0", NULL};
    Obj *empty = rt_tuple_new(0);
    Obj *ns = rt_dict_new();
    Obj *init = cls_func(&init_code, "P.__init__", NULL);
    Obj *m = cls_func(&m_code, "P.m", NULL);
    ns_put(ns, "__init__", init);
    ns_put(ns, "m", m);
    ns_put(ns, "count", small_int_make(0));
    static const char *const hint[] = {"v", "w", NULL};
    Obj *p = cls_make("P", empty, ns, hint);
    rt_decref(ns);
    CHECK(((ClassObj *)p)->shape_length == 2);
    Obj *one = small_int_make(1);
    Obj *args1 = tuple_of1(one);
    Obj *obj = rt_call(p, args1, NULL);
    CHECK(obj && is_user_instance(obj) && obj->type == (Type *)p);
    CHECK_TEXT("obj.v", cls_attr(obj, "v"), "1");
    CHECK_TEXT("obj.w unset", cls_attr(obj, "w"), "!AttributeError: 'P' object has no attribute 'w'");
    {
        Obj *typo = cls_str("cuont");
        Obj *s = attribute_suggestion(obj, typo);
        CHECK_TEXT("Did you mean", s ? text_outcome(new_ref(s)) : strdup("(none)"), "count");
        rt_decref(typo);
        typo = cls_str("zzzz");
        CHECK(attribute_suggestion(obj, typo) == NULL);
        rt_decref(typo);
    }
    CHECK_TEXT("obj.count (class)", cls_attr(obj, "count"), "0");
    /* P.count += 1 stores into the class dict */
    CHECK_TEXT("P.count = 5", setattr_outcome(p, "count", small_int_make(5)), "0");
    CHECK_TEXT("obj.count", cls_attr(obj, "count"), "5");
    CHECK_TEXT("obj.z = 3", setattr_outcome(obj, "z", small_int_make(3)), "0");
    CHECK(((ClassObj *)p)->shape_length == 3);
    CHECK_TEXT("obj.z", cls_attr(obj, "z"), "3");
    /* a method call prepends self without a bound method */
    Obj *mname = cls_str("m");
    Obj *r = rt_call_method(obj, mname, args1, NULL);
    CHECK(r && is_tuple(r) && ((TupleObj *)r)->items[0] == obj && ((TupleObj *)r)->items[1] == one);
    rt_decref(r);
    CHECK_TEXT("wrong arity", outcome(rt_call_method(obj, mname, empty, NULL)),
               "!TypeError: P.m() missing 1 required positional argument: 'a'");
    Obj *bound = rt_getattr(obj, mname);
    CHECK(bound && type_id_of(bound) == TYPE_ID_METHOD);
    r = rt_call(bound, args1, NULL);
    CHECK(r && ((TupleObj *)r)->items[0] == obj);
    rt_decref(r);
    CHECK_PREFIX("P.m is the function", outcome(rt_getattr(p, mname)), "<function P.m at 0x");
    rt_decref(bound);
    CHECK_TEXT("no args", outcome(rt_call(p, empty, NULL)),
               "!TypeError: P.__init__() missing 1 required positional argument: 'v'");
    /* __dict__ switches the instance to dict storage for good */
    Obj *d = rt_builtin_vars(obj);
    CHECK_TEXT("vars(obj)", outcome(new_ref(d)), "{'v': 1, 'z': 3}");
    CHECK_TEXT("obj.q = 4", setattr_outcome(obj, "q", small_int_make(4)), "0");
    CHECK_TEXT("vars after", outcome(new_ref(d)), "{'v': 1, 'z': 3, 'q': 4}");
    rt_decref(d);
    Obj *zname = cls_str("z");
    CHECK(rt_delattr(obj, zname) == 0);
    CHECK_TEXT("del twice", status_outcome(rt_delattr(obj, zname)),
               "!AttributeError: 'P' object has no attribute 'z'");
    CHECK(rt_builtin_hasattr(obj, zname) == rt_false());
    CHECK_TEXT("getattr default", outcome(rt_builtin_getattr(obj, zname, one)), "1");
    rt_decref(zname);
    CHECK(rt_builtin_isinstance(obj, p) == rt_true());
    CHECK(rt_builtin_isinstance(obj, (Obj *)&type_object) == rt_true());
    CHECK(rt_builtin_isinstance(one, p) == rt_false());
    CHECK_TEXT("obj.__class__", cls_attr(obj, "__class__"), "<class '__main__.P'>");
    CHECK_PREFIX("repr", outcome(new_ref(obj)), "<__main__.P object at 0x");
    rt_decref(obj);
    rt_decref(mname);
    rt_decref(args1);
    rt_decref(init);
    rt_decref(m);
    /* a class with no __init__ refuses arguments */
    ns = rt_dict_new();
    Obj *plain = cls_make("Plain", empty, ns, NULL);
    rt_decref(ns);
    Obj *args = tuple_of1(one);
    CHECK_TEXT("Plain(1)", outcome(rt_call(plain, args, NULL)), "!TypeError: Plain() takes no arguments");
    rt_decref(args);
    rt_decref(plain);
    rt_decref(p);
    rt_decref(empty);
    rt_gc_collect();
}

static void test_class_descriptors(void) {
    shim_set_table_entry(CLS_ECHO_INDEX, cls_echo_entry);
    shim_set_table_entry(CLS_CONST_INDEX, cls_const_entry);
    static const FuncCode get_code = {1, 0, 0, 0, 0, CLS_CONST_INDEX, "self\0", NULL};
    static const FuncCode f_code = {1, 0, 0, 0, 0, CLS_ECHO_INDEX, "a\0", NULL};
    Obj *empty = rt_tuple_new(0);
    Obj *getter = cls_func(&get_code, "Q.x", NULL);
    Obj *f = cls_func(&f_code, "Q.f", NULL);
    Obj *prop = rt_builtin_property(getter, NULL, NULL, NULL);
    Obj *sm = rt_builtin_staticmethod(f);
    Obj *cm = rt_builtin_classmethod(f);
    Obj *ns = rt_dict_new();
    ns_put(ns, "x", prop);
    ns_put(ns, "s", sm);
    ns_put(ns, "c", cm);
    Obj *q = cls_make("Q", empty, ns, NULL);
    rt_decref(ns);
    Obj *obj = rt_call(q, empty, NULL);
    CHECK_TEXT("property get", cls_attr(obj, "x"), "42");
    CHECK_TEXT("property set", setattr_outcome(obj, "x", small_int_make(1)),
               "!AttributeError: property 'x' of 'Q' object has no setter");
    CHECK_PREFIX("Q.x", cls_attr(q, "x"), "<property object at 0x");
    CHECK_PREFIX("staticmethod", cls_attr(obj, "s"), "<function Q.f at 0x");
    Obj *cname = cls_str("c");
    Obj *r = rt_call_method(obj, cname, empty, NULL);
    CHECK(r && ((TupleObj *)r)->items[0] == q);
    rt_decref(r);
    r = rt_call_method(q, cname, empty, NULL);
    CHECK(r && ((TupleObj *)r)->items[0] == q);
    rt_decref(r);
    rt_decref(cname);
    CHECK_TEXT("bound classmethod repr", cls_attr(q, "c"), "<bound method Q.f of <class '__main__.Q'>>");
    CHECK_PREFIX("staticmethod repr", outcome(new_ref(sm)), "<staticmethod(<function Q.f at 0x");
    rt_decref(obj);
    rt_decref(q);
    rt_decref(getter);
    rt_decref(f);
    rt_decref(prop);
    rt_decref(sm);
    rt_decref(cm);
    rt_decref(empty);
    rt_gc_collect();
}

static void test_class_exceptions(void) {
    Obj *empty = rt_tuple_new(0);
    Obj *bases = tuple_of1((Obj *)&type_value_error);
    Obj *ns = rt_dict_new();
    Obj *e_cls = cls_make("E", bases, ns, NULL);
    rt_decref(ns);
    CHECK(e_cls && ((Type *)e_cls)->id == TYPE_ID_VALUE_ERROR);
    Obj *msg = cls_str("boom");
    Obj *args = tuple_of1(msg);
    Obj *e = rt_call(e_cls, args, NULL);
    CHECK(e && is_exception(e));
    CHECK_TEXT("str(E('boom'))", text_outcome(rt_str(e)), "boom");
    CHECK_TEXT("repr(E('boom'))", text_outcome(rt_repr(e)), "E('boom')");
    CHECK_TEXT("e.args", cls_attr(e, "args"), "('boom',)");
    CHECK(rt_exc_matches(e, (Obj *)&type_exception) == 1 && rt_exc_matches(e, e_cls) == 1);
    CHECK(rt_exc_matches(e, (Obj *)&type_key_error) == 0);
    CHECK_TEXT("e.note = 1", setattr_outcome(e, "note", small_int_make(1)), "0");
    CHECK_TEXT("e.note", cls_attr(e, "note"), "1");
    rt_raise(e_cls);
    Obj *raised = rt_exc_fetch();
    CHECK(raised && raised->type == (Type *)e_cls);
    rt_decref(raised);
    Obj *kw = rt_dict_new();
    ns_put(kw, "x", small_int_make(1));
    CHECK_TEXT("E(x=1)", outcome(rt_call(e_cls, empty, kw)), "!TypeError: E() takes no keyword arguments");
    rt_decref(kw);
    rt_decref(e);
    rt_decref(args);
    rt_decref(msg);
    rt_decref(e_cls);
    rt_decref(bases);
    rt_decref(empty);
    rt_gc_collect();
}

static void test_class_slots_and_special(void) {
    Obj *empty = rt_tuple_new(0);
    Obj *ns = rt_dict_new();
    Obj *slots = tuple_of1(cls_str("a"));
    rt_decref(((TupleObj *)slots)->items[0]); /* tuple_of1 took its own reference */
    ns_put(ns, "__slots__", slots);
    Obj *s_cls = cls_make("S", empty, ns, NULL);
    rt_decref(ns);
    rt_decref(slots);
    Obj *s = rt_call(s_cls, empty, NULL);
    CHECK_TEXT("s.a unset", cls_attr(s, "a"), "!AttributeError: 'S' object has no attribute 'a'");
    CHECK_TEXT("s.a = 1", setattr_outcome(s, "a", small_int_make(1)), "0");
    CHECK_TEXT("s.a", cls_attr(s, "a"), "1");
    CHECK_TEXT("s.b = 1", setattr_outcome(s, "b", small_int_make(1)), "!AttributeError: 'S' object has no attribute 'b'");
    CHECK_TEXT("s.__dict__", cls_attr(s, "__dict__"), "!AttributeError: 'S' object has no attribute '__dict__'");
    CHECK_TEXT("vars(s)", outcome(rt_builtin_vars(s)), "!TypeError: vars() argument must have __dict__ attribute");
    CHECK(special_lookup(s, "__repr__") == NULL && special_lookup(s, "__len__") == NULL);
    rt_decref(s);
    rt_decref(s_cls);
    /* __eq__ without __hash__ sets __hash__ = None */
    shim_set_table_entry(CLS_ECHO_INDEX, cls_echo_entry);
    static const FuncCode eq_code = {2, 0, 0, 0, 0, CLS_ECHO_INDEX, "self\0o\0", NULL};
    Obj *eq = cls_func(&eq_code, "H.__eq__", NULL);
    ns = rt_dict_new();
    ns_put(ns, "__eq__", eq);
    Obj *h_cls = cls_make("H", empty, ns, NULL);
    rt_decref(ns);
    Obj *h = rt_call(h_cls, empty, NULL);
    CHECK(special_lookup(h, "__hash__") == rt_none());
    CHECK(special_lookup(h, "__eq__") == eq);
    bool found;
    Obj *argv[1] = {small_int_make(3)};
    Obj *r = special_call_by_name(h, "__eq__", 1, argv, &found);
    CHECK(found && r && ((TupleObj *)r)->items[0] == h);
    rt_decref(r);
    r = special_call_by_name(h, "__lt__", 1, argv, &found);
    CHECK(!found && !r && !rt_err_occurred());
    rt_decref(h);
    rt_decref(h_cls);
    rt_decref(eq);
    rt_decref(empty);
    rt_gc_collect();
}

static void test_class_del_and_gc(void) {
    shim_set_table_entry(CLS_DEL_INDEX, cls_del_entry);
    shim_set_table_entry(CLS_ECHO_INDEX, cls_echo_entry);
    shim_set_table_entry(CLS_SUPER_INDEX, cls_super_entry);
    static const FuncCode del_code = {1, 0, 0, 0, 0, CLS_DEL_INDEX, "self\0", NULL};
    static const FuncCode m_code = {1, 0, 0, 0, 0, CLS_ECHO_INDEX, "self\0", NULL};
    static const FuncCode super_code = {1, 0, 0, 0, 0, CLS_SUPER_INDEX, "self\0", NULL};
    int32_t live = rt_live_objects();
    Obj *empty = rt_tuple_new(0);
    Obj *del = cls_func(&del_code, "D.__del__", NULL);
    Obj *ns = rt_dict_new();
    ns_put(ns, "__del__", del);
    Obj *m = cls_func(&m_code, "D.m", NULL);
    ns_put(ns, "m", m);
    Obj *d_cls = cls_make("D", empty, ns, NULL);
    rt_decref(ns);
    cls_del_calls = 0;
    Obj *d = rt_call(d_cls, empty, NULL);
    rt_decref(d);
    CHECK(cls_del_calls == 1);
    /* a self-referencing instance: __del__ runs once, from the collector */
    d = rt_call(d_cls, empty, NULL);
    CHECK_TEXT("d.me = d", setattr_outcome(d, "me", d), "0");
    rt_decref(d);
    CHECK(cls_del_calls == 1);
    rt_gc_collect();
    CHECK(cls_del_calls == 2);
    /* class E(D): def m(self): return super().m()  -- a class <-> cell cycle */
    Obj *cell = rt_cell_new();
    Obj *closure = tuple_of1(cell);
    Obj *sm = cls_func(&super_code, "E.m", closure);
    ns = rt_dict_new();
    ns_put(ns, "m", sm);
    ns_put(ns, "__classcell__", cell);
    Obj *bases = tuple_of1(d_cls);
    Obj *e_cls = cls_make("E", bases, ns, NULL);
    rt_decref(ns);
    CHECK(((CellObj *)cell)->value == e_cls);
    Obj *e = rt_call(e_cls, empty, NULL);
    Obj *mname = cls_str("m");
    Obj *r = rt_call_method(e, mname, empty, NULL);
    CHECK(r && ((TupleObj *)r)->items[0] == e);
    rt_decref(r);
    rt_decref(mname);
    rt_decref(e);
    CHECK(cls_del_calls == 3);
    rt_decref(bases);
    rt_decref(closure);
    rt_decref(cell);
    rt_decref(sm);
    rt_decref(e_cls);
    rt_decref(d_cls);
    rt_decref(del);
    rt_decref(m);
    rt_decref(empty);
    rt_gc_collect();
    CHECK(rt_live_objects() == live);
}

static void test_class_container_bases(void) {
    Obj *empty = rt_tuple_new(0);
    Obj *bases = tuple_of1((Obj *)&type_dict);
    Obj *ns = rt_dict_new();
    Obj *d_cls = cls_make("D", bases, ns, NULL);
    rt_decref(ns);
    rt_decref(bases);
    Obj *kw = rt_dict_new();
    ns_put(kw, "a", small_int_make(1));
    Obj *d = rt_call(d_cls, empty, kw);
    rt_decref(kw);
    CHECK(d && is_dict(d) && is_user_instance(d));
    CHECK_TEXT("D(a=1)", outcome(new_ref(d)), "{'a': 1}");
    CHECK_TEXT("d.x = 2", setattr_outcome(d, "x", small_int_make(2)), "0");
    CHECK_TEXT("d.x", cls_attr(d, "x"), "2");
    Obj *keys = cls_str("keys");
    CHECK_TEXT("d.keys()", outcome(rt_call_method(d, keys, empty, NULL)), "dict_keys(['a'])");
    rt_decref(keys);
    CHECK(rt_builtin_isinstance(d, (Obj *)&type_dict) == rt_true());
    rt_decref(d);
    rt_decref(d_cls);
    bases = tuple_of1((Obj *)&type_list);
    ns = rt_dict_new();
    Obj *l_cls = cls_make("L", bases, ns, NULL);
    rt_decref(ns);
    rt_decref(bases);
    Obj *src = rt_list_new(0);
    rt_list_append(src, small_int_make(3));
    Obj *args = tuple_of1(src);
    Obj *l = rt_call(l_cls, args, NULL);
    CHECK_TEXT("L([3])", outcome(new_ref(l)), "[3]");
    CHECK_TEXT("len", outcome(rt_builtin_len(l)), "1");
    rt_decref(l);
    rt_decref(args);
    rt_decref(src);
    rt_decref(l_cls);
    rt_decref(empty);
    rt_gc_collect();
}

/* Builtin methods as values (methods.c's BuiltinMethodObj): a bound
 * method outliving its receiver's other references, the descriptor on the
 * type and through a list subclass, the errors of a wrong self, equality,
 * and a cycle through a stored method (collected). */
static void test_builtin_method_values(void) {
    Obj *empty = rt_tuple_new(0);
    Obj *lst = rt_list_new(0);
    Obj *append_name = cls_str("append");
    Obj *add = rt_getattr(lst, append_name);
    CHECK_PREFIX("lst.append", outcome(new_ref(add)), "<built-in method append of list object at 0x");
    CHECK_TEXT("__qualname__", attr_outcome(add, "__qualname__"), "'list.append'");
    rt_decref(lst); /* the method keeps it */
    Obj *args = tuple_of1(small_int_make(7));
    CHECK_TEXT("add(7)", outcome(rt_call(add, args, NULL)), "None");
    CHECK_TEXT("__self__", attr_outcome(add, "__self__"), "[7]");
    Obj *again = rt_getattr(((BuiltinMethodObj *)add)->self, append_name);
    CHECK(rt_eq(add, again) == rt_true() && hash_of(add) == hash_of(again));
    rt_decref(again);
    Obj *descriptor = rt_getattr((Obj *)&type_list, append_name);
    CHECK_TEXT("list.append", outcome(new_ref(descriptor)), "<method 'append' of 'list' objects>");
    CHECK(rt_getattr((Obj *)&type_list, append_name) == descriptor); /* made once */
    CHECK_TEXT("list.append()", outcome(rt_call(descriptor, empty, NULL)),
               "!TypeError: unbound method list.append() needs an argument");
    Obj *wrong = tuple_of2(small_int_make(1), small_int_make(2));
    CHECK_TEXT("list.append(1, 2)", outcome(rt_call(descriptor, wrong, NULL)),
               "!TypeError: descriptor 'append' for 'list' objects doesn't apply to a 'int' object");
    rt_decref(wrong);
    /* class L(list) with def append(self, v) replaced by list's own through the descriptor */
    Obj *bases = tuple_of1((Obj *)&type_list);
    Obj *ns = rt_dict_new();
    Obj *l_cls = cls_make("L", bases, ns, NULL);
    rt_decref(ns);
    rt_decref(bases);
    Obj *l = rt_call(l_cls, empty, NULL);
    Obj *self_and_item = tuple_of2(l, small_int_make(5));
    CHECK_TEXT("list.append(l, 5)", outcome(rt_call(descriptor, self_and_item, NULL)), "None");
    CHECK_TEXT("L.append", attr_outcome(l_cls, "append"), "<method 'append' of 'list' objects>");
    Obj *l_add = rt_getattr(l, append_name);
    CHECK_TEXT("l.append.__qualname__", attr_outcome(l_add, "__qualname__"), "'L.append'");
    rt_decref(self_and_item);
    /* l holds its own append: a cycle only the collector frees */
    Obj *method_arg = tuple_of1(l_add);
    CHECK_TEXT("l.append(l.append)", outcome(rt_call_method(l, append_name, method_arg, NULL)), "None");
    rt_decref(method_arg);
    rt_decref(l_add);
    rt_decref(l);
    rt_decref(l_cls);
    rt_decref(args);
    rt_decref(add);
    rt_decref(append_name);
    rt_decref(empty);
    rt_gc_collect();
}

/* class C(base): pass */
static Obj *cls_subclass_of(const char *name, const Type *base) {
    Obj *bases = tuple_of1((Obj *)base);
    Obj *ns = rt_dict_new();
    Obj *c = cls_make(name, bases, ns, NULL);
    rt_decref(ns);
    rt_decref(bases);
    return c;
}

/* Where a value-layout instance keeps its attributes: right after the
 * value's data, rounded up to 8 bytes (int, str, tuple, bytes). */
static uint32_t expected_slots_offset(uint32_t value_bytes) { return (value_bytes + 7u) & ~7u; }

static void test_class_value_bases(void) {
    int32_t live = rt_live_objects();
    Obj *empty = rt_tuple_new(0);
    /* int: a big value, zero and a small negative one, each with attributes */
    Obj *i_cls = cls_subclass_of("I", &type_int);
    Obj *text = cls_str("1180591620717411303424"); /* 2**70: three digits */
    Obj *args = tuple_of1(text);
    Obj *big = rt_call(i_cls, args, NULL);
    rt_decref(args);
    rt_decref(text);
    CHECK(big && type_id_of(big) == TYPE_ID_INT && big->type == (Type *)i_cls && ((IntObj *)big)->size == 3);
    CHECK((char *)instance_slots(big) - (char *)big == (ptrdiff_t)expected_slots_offset(int_alloc_size(3)));
    CHECK_TEXT("repr(big)", outcome(new_ref(big)), "1180591620717411303424");
    for (int k = 0; k < 20; k++) { /* past the inline area: the values move to a heap block */
        char attr[16];
        snprintf(attr, sizeof attr, "a%d", k);
        CHECK_TEXT("big.aK = K", setattr_outcome(big, attr, small_int_make(k)), "0");
    }
    CHECK_TEXT("big.a19", cls_attr(big, "a19"), "19");
    Obj *sum = rt_add(big, small_int_make(1));
    CHECK(sum && sum->type == &type_int);
    CHECK_TEXT("big + 1", outcome(sum), "1180591620717411303425");
    CHECK(hash_of(big) == int_hash(big));
    rt_decref(big);
    Obj *zero = rt_call(i_cls, empty, NULL);
    CHECK(zero && !is_small_int(zero) && ((IntObj *)zero)->size == 0);
    CHECK((char *)instance_slots(zero) - (char *)zero == (ptrdiff_t)expected_slots_offset(int_alloc_size(0)));
    CHECK_TEXT("I()", outcome(new_ref(zero)), "0");
    CHECK(int_exact(zero) == small_int_make(0));
    rt_decref(zero);
    args = tuple_of1(small_int_make(-5));
    Obj *neg = rt_call(i_cls, args, NULL);
    rt_decref(args);
    CHECK(neg && ((IntObj *)neg)->size == -1 && ((IntObj *)neg)->digits[0] == 5);
    CHECK_TEXT("-I(-5)", outcome(rt_neg(neg)), "5");
    Obj *add = cls_str("__add__");
    Obj *pair = tuple_of2(neg, small_int_make(7));
    CHECK_TEXT("int.__add__(I(-5), 7)", outcome(rt_call_method((Obj *)&type_int, add, pair, NULL)), "2");
    rt_decref(pair);
    pair = tuple_of2(neg, rt_const_float(1.5));
    CHECK_TEXT("int.__add__(I(-5), 1.5)", outcome(rt_call_method((Obj *)&type_int, add, pair, NULL)),
               "NotImplemented");
    rt_decref(pair);
    rt_decref(add);
    rt_decref(neg);
    rt_decref(i_cls);
    /* str: a two-byte kind, its cached hash and a plain copy */
    Obj *s_cls = cls_subclass_of("S", &type_str);
    Obj *euro = str_from_utf8("a\xe2\x82\xac", 4);
    args = tuple_of1(euro);
    Obj *s = rt_call(s_cls, args, NULL);
    rt_decref(args);
    CHECK(s && is_str(s) && ((StrObj *)s)->kind == 2 && ((StrObj *)s)->length == 2);
    CHECK((char *)instance_slots(s) - (char *)s == (ptrdiff_t)expected_slots_offset(str_alloc_size(2, 2)));
    CHECK_TEXT("s.tag = s", setattr_outcome(s, "tag", s), "0"); /* a cycle through an attribute */
    CHECK(hash_of(s) == hash_of(euro));
    Obj *copy = str_exact(s);
    CHECK(copy && copy->type == &type_str && str_equal(copy, euro));
    rt_decref(copy);
    rt_decref(euro);
    rt_decref(s);
    rt_decref(s_cls);
    /* tuple: items and attributes both close cycles; the collector frees them */
    Obj *t_cls = cls_subclass_of("T", &type_tuple);
    Obj *inner = rt_list_new(0);
    Obj *items = tuple_of2(small_int_make(1), inner);
    args = tuple_of1(items);
    Obj *t = rt_call(t_cls, args, NULL);
    rt_decref(args);
    rt_decref(items);
    CHECK(t && is_tuple(t) && ((TupleObj *)t)->length == 2);
    CHECK((char *)instance_slots(t) - (char *)t ==
          (ptrdiff_t)expected_slots_offset((uint32_t)offsetof(TupleObj, items) + 2 * (uint32_t)sizeof(Obj *)));
    rt_list_append(inner, t);
    CHECK_TEXT("t.me = t", setattr_outcome(t, "me", t), "0");
    CHECK_TEXT("repr(t)", outcome(new_ref(t)), "(1, [(...)])");
    rt_decref(inner);
    rt_decref(t);
    rt_decref(t_cls);
    /* float: a fixed offset; bytes: after the data */
    Obj *f_cls = cls_subclass_of("F", &type_float);
    args = tuple_of1(rt_const_float(2.5));
    Obj *f = rt_call(f_cls, args, NULL);
    rt_decref(args);
    CHECK(f && is_float(f) && float_value(f) == 2.5);
    CHECK_TEXT("f.unit = 'C'", setattr_outcome(f, "unit", f_cls), "0");
    Obj *plain = float_exact(f);
    CHECK(plain && plain->type == &type_float);
    rt_decref(plain);
    rt_decref(f);
    rt_decref(f_cls);
    Obj *b_cls = cls_subclass_of("B", &type_bytes);
    Obj *raw = bytes_from((const uint8_t *)"xyz", 3);
    args = tuple_of1(raw);
    Obj *b = rt_call(b_cls, args, NULL);
    rt_decref(args);
    rt_decref(raw);
    CHECK(b && is_bytes(b) && ((BytesObj *)b)->length == 3);
    CHECK((char *)instance_slots(b) - (char *)b == (ptrdiff_t)expected_slots_offset(bytes_alloc_size(3)));
    CHECK_TEXT("repr(b)", outcome(new_ref(b)), "b'xyz'");
    rt_decref(b);
    rt_decref(b_cls);
    rt_decref(empty);
    rt_gc_collect();
    CHECK(rt_live_objects() == live);
}

static void test_classes(void) {
    test_builtin_method_values();
    test_class_value_bases();
    test_class_container_bases();
    test_class_mro();
    test_class_instances();
    test_class_descriptors();
    test_class_exceptions();
    test_class_slots_and_special();
    test_class_del_and_gc();
}
