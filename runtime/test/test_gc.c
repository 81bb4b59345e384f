/*
 * test_gc.c — the cycle collector (gc.c), #included by test_runtime.c after
 * test_generators.c (it reuses its stand-in conventions and tuple_of).
 *
 * Each case builds a structure by hand, drops the C references and checks
 * what rt_gc_collect reports and that the debug live count returns to
 * where it started (ASan catches a use after free or a double free if the
 * collector clears or frees something still in use). Also: cycles kept
 * alive from outside, generator finalizers (quiet, raising, resurrecting),
 * the automatic threshold at safepoints, the collection at exit, and an acyclic
 * workload's cost.
 * Invariant: each test releases everything it creates.
 */
#include <time.h>

#define GC_GEN_INDEX 60 /* table entries 60.. hold this file's stand-ins */

static Obj *gc_keep;  /* a list the resurrecting stand-in appends to */
static int gc_finals; /* how often a stand-in's finally block ran */

/* def gfin(x):      # x is slot 0 (the test stores it)
 *     try:
 *         yield 1
 *     finally:
 *         gc_finals += 1 */
static Obj *gc_fin_resume(Obj *func, Obj **argv) {
    (void)func;
    Obj *gen = argv[0];
    if (rt_gen_state(gen) == 0) {
        rt_gen_set_state(gen, 1);
        return small_int_make(1);
    }
    gc_finals++;
    return argv[1] ? new_ref(rt_none()) : NULL;
}

/* def gres(x):
 *     try:
 *         yield 1
 *     finally:
 *         gc_keep.append(x)   # resurrects x (and the cycle through it) */
static Obj *gc_resurrect_resume(Obj *func, Obj **argv) {
    (void)func;
    Obj *gen = argv[0];
    if (rt_gen_state(gen) == 0) {
        rt_gen_set_state(gen, 1);
        return small_int_make(1);
    }
    gc_finals++;
    Obj *x = rt_gen_load(gen, 0);
    Obj *in_flight = rt_exc_fetch();
    rt_list_append(gc_keep, x);
    rt_decref(x);
    if (in_flight)
        rt_reraise(in_flight);
    return argv[1] ? new_ref(rt_none()) : NULL;
}

/* def graise():
 *     try:
 *         yield 1
 *     finally:
 *         raise ValueError("gc boom") */
static Obj *gc_raise_resume(Obj *func, Obj **argv) {
    (void)func;
    Obj *gen = argv[0];
    if (rt_gen_state(gen) == 0) {
        rt_gen_set_state(gen, 1);
        return small_int_make(1);
    }
    Obj *e = argv[1] ? NULL : rt_exc_fetch();
    rt_decref(e);
    err_format(&type_value_error, "gc boom");
    return NULL;
}

static void gc_register(void) {
    shim_set_table_entry(GC_GEN_INDEX, gc_fin_resume);
    shim_set_table_entry(GC_GEN_INDEX + 1, gc_resurrect_resume);
    shim_set_table_entry(GC_GEN_INDEX + 2, gc_raise_resume);
}

/* A started generator (suspended at its yield) whose slot 0 is x (stolen). */
static Obj *gc_gen(int32_t which, const char *name, Obj *x) {
    Obj *q = str_from_ascii(name);
    Obj *g = rt_gen_new(NULL, q, q, GC_GEN_INDEX + which, 1);
    rt_decref(q);
    rt_gen_save(g, 0, x);
    rt_decref(rt_builtin_next(g, NULL));
    return g;
}

static Obj *gc_self_list(void) {
    Obj *l = rt_list_new(0);
    rt_list_append(l, l);
    return l;
}

static void test_gc_simple_cycles(void) {
    int32_t base = rt_live_objects();
    CHECK(rt_gc_collect() == 0);

    /* l = []; l.append(l) */
    rt_decref(gc_self_list());
    CHECK(rt_live_objects() == base + 1);
    CHECK(rt_gc_collect() == 1);
    CHECK(rt_live_objects() == base);

    /* l = []; d = {}; l.append(d); d['k'] = l */
    Obj *l = rt_list_new(0), *d = rt_dict_new(), *k = str_from_ascii("k");
    rt_list_append(l, d);
    rt_dict_setitem(d, k, l);
    rt_decref(k);
    rt_decref(l);
    rt_decref(d);
    CHECK(rt_gc_collect() == 2);
    CHECK(rt_live_objects() == base);

    /* def outer(): def f(): return f  — f -> closure tuple -> cell -> f */
    static const FuncCode code = {0, 0, 0, 0, DIRECT_INDEX, ECHO_INDEX, "", NULL};
    Obj *cell = rt_cell_new();
    Obj *closure = tuple_of(1, new_ref(cell));
    Obj *name = str_from_ascii("f"), *qual = str_from_ascii("outer.<locals>.f");
    Obj *f = rt_func_new(&code, name, qual, NULL, NULL, NULL, closure);
    rt_cell_set(cell, f);
    rt_decref(name);
    rt_decref(qual);
    rt_decref(closure);
    rt_decref(cell);
    rt_decref(f);
    CHECK(rt_live_objects() > base);
    CHECK(rt_gc_collect() == 3);
    CHECK(rt_live_objects() == base);

    /* e = ValueError(l); l.append(e) — exception -> args -> list -> exception,
     * with two traceback entries hanging off the exception */
    l = rt_list_new(0);
    Obj *args = tuple_of(1, new_ref(l));
    Obj *e = exc_new_args(&type_value_error, args);
    rt_decref(args);
    rt_list_append(l, e);
    rt_decref(l);
    rt_raise(e); /* borrowed: the pending exception takes its own reference */
    rt_decref(e);
    rt_traceback_add(0);
    rt_traceback_add(1);
    e = rt_exc_fetch();
    rt_decref(e);
    CHECK(rt_gc_collect() == 5);
    CHECK(rt_live_objects() == base);

    /* containers and iterators in cycles: it = iter(l); l.append(it), and so on */
    for (int kind = 0; kind < 9; kind++) {
        Obj *holder = rt_list_new(0), *s = NULL, *made = NULL;
        switch (kind) {
        case 0: made = rt_get_iter(holder); break;                      /* list_iterator */
        case 1: made = rt_builtin_reversed(holder); break;              /* list_reverseiterator */
        case 2: made = rt_builtin_enumerate(holder, NULL); break;
        case 3: made = rt_builtin_zip(s = tuple_of(1, new_ref(holder)), 0); break;
        case 4: made = rt_builtin_map(rt_builtin_object(BUILTIN_LEN), s = tuple_of(1, new_ref(holder))); break;
        case 5: made = rt_builtin_filter(rt_none(), holder); break;
        case 6: made = rt_slice_new(holder, rt_none(), rt_none()); break;
        case 7: { /* d = {}; d['v'] = d.keys(); holder.append(d) */
            Obj *dd = rt_dict_new();
            Obj *keys = str_from_ascii("keys"), *no_args = rt_tuple_new(0);
            made = rt_call_method(dd, keys, no_args, NULL);
            rt_decref(keys);
            rt_decref(no_args);
            rt_dict_setitem(dd, small_int_make(1), made);
            rt_decref(made);
            made = dd;
            break;
        }
        default: { /* s = {f}, f.__defaults__ = (s,) via a tuple built directly */
            Obj *fn = str_from_ascii("g");
            Obj *set = rt_set_new();
            Obj *defaults = tuple_of(1, new_ref(set));
            Obj *g = rt_func_new(&code, fn, fn, NULL, defaults, NULL, NULL);
            rt_set_add(set, g);
            rt_decref(g);
            rt_decref(defaults);
            rt_decref(fn);
            made = set;
            break;
        }
        }
        rt_decref(s);
        CHECK(made != NULL);
        rt_list_append(holder, made);
        rt_decref(made);
        rt_decref(holder);
        int32_t n = rt_gc_collect();
        CHECK(n >= 2);
        record(rt_live_objects() == base, "container cycle freed", "leak", "none", __LINE__);
    }
}

static void test_gc_survivors(void) {
    int32_t base = rt_live_objects();
    /* a cycle still referenced from outside survives, intact */
    Obj *l = gc_self_list();
    CHECK(rt_gc_collect() == 0);
    CHECK(l->refcnt == 2 && ((ListObj *)l)->length == 1 && ((ListObj *)l)->items[0] == l);
    rt_decref(l);
    CHECK(rt_gc_collect() == 1);
    CHECK(rt_live_objects() == base);

    /* a cycle hanging off a surviving (acyclic) object survives with it */
    Obj *outer = rt_list_new(0), *inner = gc_self_list();
    Obj *t = tuple_of(2, new_ref(inner), str_from_ascii("x"));
    rt_list_append(outer, t);
    rt_decref(t);
    rt_decref(inner);
    CHECK(rt_gc_collect() == 0);
    CHECK(inner->refcnt == 2 && ((ListObj *)inner)->items[0] == inner);
    rt_decref(outer); /* the tuple goes by refcounting; the cycle needs the collector */
    CHECK(rt_live_objects() == base + 1);
    CHECK(rt_gc_collect() == 1);
    CHECK(rt_live_objects() == base);

    /* acyclic garbage is still freed by refcounting alone */
    Obj *nested = tuple_of(2, tuple_of(2, small_int_make(1), tuple_of(1, str_from_ascii("a"))),
                           rt_list_new(0));
    CHECK(rt_live_objects() == base + 5);
    rt_decref(nested);
    CHECK(rt_live_objects() == base);
    CHECK(rt_gc_collect() == 0);

    /* a half-built tuple (NULL items) is safe to collect around */
    t = rt_tuple_new(3);
    rt_tuple_init(t, 0, gc_self_list());
    CHECK(rt_gc_collect() == 0);
    rt_tuple_init(t, 1, rt_none());
    rt_tuple_init(t, 2, rt_none());
    rt_decref(t);
    CHECK(rt_gc_collect() == 1);
    CHECK(rt_live_objects() == base);
}

static void test_gc_generators(void) {
    int32_t base = rt_live_objects();
    gc_register();
    /* g's slot holds a list holding g: the cycle is closed (finally runs) and freed */
    gc_finals = 0;
    Obj *l = rt_list_new(0);
    Obj *g = gc_gen(0, "gfin", new_ref(l));
    rt_list_append(l, g);
    rt_decref(l);
    rt_decref(g);
    CHECK(gc_finals == 0);
    shim_capture_begin();
    CHECK(rt_gc_collect() == 2);
    CHECK_TEXT("gc finalizer quiet", strdup(shim_capture_end(2)->bytes), "");
    CHECK(gc_finals == 1);
    CHECK(rt_live_objects() == base);

    /* a finalizer that raises: reported as unraisable, the cycle still freed */
    l = rt_list_new(0);
    g = gc_gen(2, "graise", new_ref(l));
    rt_list_append(l, g);
    Obj *r = rt_repr(g);
    char *where = utf8_of(r);
    rt_decref(r);
    rt_decref(l);
    rt_decref(g);
    err_format(&type_key_error, "in flight"); /* a pending exception is kept */
    shim_capture_begin();
    CHECK(rt_gc_collect() == 2);
    char want[256];
    snprintf(want, sizeof want, "Exception ignored in: %s\nValueError: gc boom\n", where);
    CHECK_TEXT("gc finalizer unraisable", strdup(shim_capture_end(2)->bytes), want);
    free(where);
    CHECK_TEXT("gc keeps the pending exception", take_error(), "!KeyError: 'in flight'");
    CHECK(rt_live_objects() == base);

    /* a finalizer that resurrects part of the cycle: nothing is cleared */
    gc_finals = 0;
    gc_keep = rt_list_new(0);
    l = rt_list_new(0);
    g = gc_gen(1, "gres", new_ref(l));
    rt_list_append(l, g);
    rt_decref(l);
    rt_decref(g);
    CHECK(rt_gc_collect() == 0);
    CHECK(gc_finals == 1);
    CHECK(((ListObj *)gc_keep)->length == 1);
    l = ((ListObj *)gc_keep)->items[0];
    CHECK(((ListObj *)l)->length == 1 && type_id_of(((ListObj *)l)->items[0]) == TYPE_ID_GENERATOR);
    CHECK(((GenObj *)((ListObj *)l)->items[0])->state == GEN_FINISHED);
    /* finishing released the slot, so the cycle is gone: refcounting frees the rest */
    rt_decref(gc_keep);
    gc_keep = NULL;
    CHECK(rt_live_objects() == base);
    CHECK(rt_gc_collect() == 0);
    CHECK(gc_finals == 1);

    /* a generator referencing itself through its slot */
    gc_finals = 0;
    Obj *q = str_from_ascii("gself");
    g = rt_gen_new(NULL, q, q, GC_GEN_INDEX, 1);
    rt_decref(q);
    rt_gen_save(g, 0, new_ref(g));
    rt_decref(rt_builtin_next(g, NULL));
    rt_decref(g);
    CHECK(rt_gc_collect() == 1);
    CHECK(gc_finals == 1);
    CHECK(rt_live_objects() == base);
}

static void test_gc_threshold(void) {
    int32_t base = rt_live_objects();
    /* cyclic garbage made in a loop is reclaimed without explicit collections */
    int32_t peak = 0;
    uint32_t pages = shim_pages();
    for (int i = 0; i < 200000; i++) {
        Obj *a = rt_list_new(0), *b = rt_dict_new();
        rt_list_append(a, b);
        rt_dict_setitem(b, small_int_make(i), a);
        rt_decref(a);
        rt_decref(b);
        rt_gc_poll(); /* the safepoint compiled code reaches at each loop back edge */
        if (rt_live_objects() - base > peak)
            peak = rt_live_objects() - base;
    }
    record(peak <= 2 * 10000 + 2, "automatic collections bound the live count", "grows", "bounded", __LINE__);
    record(shim_pages() - pages < 256, "automatic collections bound memory", "grows", "bounded", __LINE__);
    rt_gc_collect();
    CHECK(rt_live_objects() == base);

    /* survivors raise the threshold: many live tracked objects are not
     * rescanned on every few allocations */
    Obj *keep = rt_list_new(0);
    for (int i = 0; i < 30000; i++) {
        Obj *t = tuple_of(1, small_int_make(i));
        rt_list_append(keep, t);
        rt_decref(t);
    }
    rt_gc_collect();
    CHECK(gc_threshold >= 30000);
    rt_decref(keep);
    CHECK(rt_live_objects() == base);
}

/* A million small tuples built and dropped (acyclic): the GcHead link,
 * unlink and counters are the whole cost; printed for the report. */
static void test_gc_acyclic_timing(void) {
    int32_t base = rt_live_objects();
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (int i = 0; i < 1000000; i++) {
        Obj *t = tuple_of(2, small_int_make(i), tuple_of(1, small_int_make(i)));
        rt_decref(t);
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    printf("gc timing: 1M (i, (i,)) tuples built and dropped %.1f ms\n",
           (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6);
    CHECK(rt_live_objects() == base);
}

/* rt_gc_final, which _start calls before rt_exit, collects before the debug
 * line: cyclic garbage (and a generator finalizer in it) is gone by then. */
static void test_gc_at_exit(void) {
    int32_t base = rt_live_objects();
    gc_finals = 0;
    rt_decref(gc_self_list());
    Obj *l = rt_list_new(0);
    Obj *g = gc_gen(0, "gfin", new_ref(l));
    rt_list_append(l, g);
    rt_decref(l);
    rt_decref(g);
    CHECK(rt_live_objects() == base + 4); /* and the name str */
    char want[64];
    snprintf(want, sizeof want, "taipan-debug: live-objects %d\n", base);
    shim_capture_begin();
    rt_gc_final();
    rt_fini();
    CHECK_TEXT("fini collects cycles", strdup(shim_capture_end(2)->bytes), want);
    CHECK(gc_finals == 1);
    CHECK(rt_live_objects() == base);
}

static void test_gc(void) {
    test_gc_simple_cycles();
    test_gc_survivors();
    test_gc_generators();
    test_gc_threshold();
    test_gc_acyclic_timing();
    test_gc_at_exit();
}
