/*
 * gen.c — generator objects: creation and the slots compiled resume
 * functions keep their live values in, the step that runs a resume function
 * (running/finished checks, the generator's own handled exception, PEP 479),
 * next/send/throw/close with CPython 3.11's semantics and messages,
 * `yield from` delegation (rt_yf_*), attributes, repr, and closing a
 * suspended generator when it is freed.
 *
 * Invariants:
 *  - state is GEN_CREATED, a resume point >= 1 (suspended), GEN_RUNNING or
 *    GEN_FINISHED. Only gen_step sets GEN_RUNNING, and it always leaves it:
 *    a resume point if the resume function yielded, else GEN_FINISHED.
 *  - A finished generator holds no slots, no handled exception and no
 *    yield-from result: they are released as soon as it finishes, as
 *    CPython clears a finished generator's frame.
 *  - The handled exception seen by the caller is the same before and after
 *    every step: whatever the body leaves handled is kept in the generator
 *    while it is suspended (and made handled again when it resumes), or
 *    released when it finishes.
 *  - A generator freed while suspended is resurrected (refcount 1) for the
 *    close; a pending exception of the code that dropped it is set aside
 *    and restored, so freeing never disturbs an exception in flight. The
 *    cycle collector closes suspended generators in cyclic garbage the same
 *    way (gen_gc_finalize) before clearing them (gen_gc_clear).
 */
#include "taipan_internal.h"

Type type_generator = {{IMMORTAL_REFCNT, &type_type}, "generator", TYPE_ID_GENERATOR, NULL, 0};

typedef enum StepOutcome { STEP_YIELDED, STEP_RETURNED, STEP_RAISED } StepOutcome;

static inline GenObj *as_gen(Obj *o) { return (GenObj *)o; }
static inline bool is_gen(const Obj *o) { return type_id_of(o) == TYPE_ID_GENERATOR; }

static uint32_t gen_size(int32_t nslots) { return (uint32_t)sizeof(GenObj) + (uint32_t)nslots * (uint32_t)sizeof(Obj *); }

Obj *rt_gen_new(Obj *func, Obj *name, Obj *qualname, int32_t resume_vector_index, int32_t nslots) {
    if (nslots < 0)
        nslots = 0;
    GenObj *g = (GenObj *)obj_alloc(&type_generator, gen_size(nslots));
    if (!g)
        return NULL;
    g->func = new_ref(func);
    g->name = new_ref(name);
    g->qualname = new_ref(qualname);
    g->yf_result = NULL;
    g->handled = NULL;
    g->state = GEN_CREATED;
    g->resume_at = 0;
    g->resume_index = resume_vector_index;
    g->nslots = nslots;
    for (int32_t i = 0; i < nslots; i++)
        g->slots[i] = NULL;
    return (Obj *)g;
}

void rt_gen_save(Obj *gen, int32_t slot, Obj *value) {
    GenObj *g = as_gen(gen);
    Obj *old = g->slots[slot]; /* NULL by contract; released anyway rather than leaked */
    g->slots[slot] = value;
    rt_decref(old);
}

Obj *rt_gen_load(Obj *gen, int32_t slot) {
    GenObj *g = as_gen(gen);
    Obj *value = g->slots[slot];
    g->slots[slot] = NULL;
    return value;
}

int32_t rt_gen_state(Obj *gen) { return as_gen(gen)->resume_at; }

void rt_gen_set_state(Obj *gen, int32_t state) {
    GenObj *g = as_gen(gen);
    g->state = state;
    g->resume_at = state;
}

/* Each field is cleared before its release, so a release that runs code
 * (another generator's close) never sees a stale pointer. */
static void clear_field(Obj **field) {
    Obj *old = *field;
    *field = NULL;
    rt_decref(old);
}

static void mark_finished(GenObj *g) {
    g->state = GEN_FINISHED;
    g->resume_at = GEN_FINISHED;
    for (int32_t i = 0; i < g->nslots; i++)
        clear_field(&g->slots[i]);
    clear_field(&g->handled);
    clear_field(&g->yf_result);
}

/* PEP 479: a StopIteration escaping the body becomes RuntimeError. */
static void convert_stop_iteration(void) {
    if (err_matches(&type_stop_iteration))
        err_replace_from_cause(&type_runtime_error, "generator raised StopIteration");
}

/* Runs the resume function once. sent: the value to send (None for
 * next()), or NULL to throw the pending exception. *value receives the
 * yielded or returned value (new reference); NULL when raised. */
static StepOutcome gen_step_held(GenObj *g, Obj *sent, Obj **value) {
    *value = NULL;
    if (g->state == GEN_RUNNING) {
        err_format(&type_value_error, "generator already executing");
        return STEP_RAISED;
    }
    if (g->state == GEN_FINISHED) {
        if (!sent)
            return STEP_RAISED; /* a throw into a finished generator raises the exception as is */
        *value = new_ref(rt_none()); /* next()/send(): StopIteration() without a value */
        return STEP_RETURNED;
    }
    if (g->state == GEN_CREATED) {
        if (!sent) {
            /* the body never runs, but 3.11 still applies PEP 479 */
            mark_finished(g);
            convert_stop_iteration();
            return STEP_RAISED;
        }
        if (sent != rt_none()) {
            err_format(&type_type_error, "can't send non-None value to a just-started generator");
            return STEP_RAISED;
        }
    }
    /* Inside, the generator's own handled exception is the handled one; with
     * none of its own, the caller's stays visible (as sys.exc_info() shows). */
    Obj *own = g->handled;
    g->handled = NULL;
    Obj *caller = own ? exc_swap_handled(own) : new_ref(rt_exc_handled());
    if (!sent && own)
        exc_chain_pending_context(); /* CPython chains a thrown exception only with the generator's own */
    g->state = GEN_RUNNING;
    Obj *argv[2] = {(Obj *)g, sent};
    Obj *result = platform_call_vector(g->resume_index, g->func, argv);
    bool yielded = result && g->state >= 1;
    if (rt_exc_handled() != caller) {
        Obj *inner = exc_swap_handled(caller);
        if (yielded)
            g->handled = inner;
        else
            rt_decref(inner);
    } else {
        rt_decref(caller);
    }
    if (yielded) {
        *value = result;
        return STEP_YIELDED;
    }
    mark_finished(g);
    if (result) {
        *value = result;
        return STEP_RETURNED;
    }
    if (!rt_err_occurred())
        err_format(&type_system_error, "error return without exception set");
    convert_stop_iteration();
    return STEP_RAISED;
}

/* The body may drop the last outside reference to its own generator
 * (`del g` of a global), so the step holds one of its own. */
static StepOutcome gen_step(GenObj *g, Obj *sent, Obj **value) {
    rt_incref((Obj *)g);
    StepOutcome outcome = gen_step_held(g, sent, value);
    rt_decref((Obj *)g);
    return outcome;
}

/* StopIteration carrying a generator's return value (stolen): no arguments
 * for None, as CPython raises it. */
static void raise_stop_iteration(Obj *value) {
    if (value == rt_none())
        err_format(&type_stop_iteration, "");
    else
        err_set_object(&type_stop_iteration, value);
    rt_decref(value);
}

/* next(g) / g.send(v): the yielded value, or StopIteration(return value). */
static Obj *gen_send(GenObj *g, Obj *sent) {
    Obj *value;
    StepOutcome outcome = gen_step(g, sent, &value);
    if (outcome == STEP_RETURNED) {
        raise_stop_iteration(value);
        return NULL;
    }
    return value;
}

Obj *gen_iter_next(Obj *gen) {
    Obj *value;
    if (gen_step(as_gen(gen), rt_none(), &value) == STEP_RETURNED) {
        rt_decref(value); /* a for loop drops the return value */
        return NULL;
    }
    return value;
}

Obj *gen_next(Obj *gen, Obj *default_value) {
    Obj *value;
    StepOutcome outcome = gen_step(as_gen(gen), rt_none(), &value);
    if (outcome != STEP_RETURNED)
        return value;
    if (default_value) {
        rt_decref(value);
        return new_ref(default_value);
    }
    raise_stop_iteration(value);
    return NULL;
}

/* Throws exc (stolen) into g. */
static Obj *gen_throw_exc(GenObj *g, Obj *exc) {
    rt_reraise(exc); /* pending unchanged: the resume function raises it at its suspension point */
    return gen_send(g, NULL);
}

/* g.close(): 0, or -1 with the exception close raises. */
static int32_t gen_close(GenObj *g) {
    if (g->state == GEN_RUNNING) {
        err_format(&type_value_error, "generator already executing");
        return -1;
    }
    if (g->state < 1) { /* not started, or finished */
        mark_finished(g);
        return 0;
    }
    err_format(&type_generator_exit, "");
    Obj *value;
    StepOutcome outcome = gen_step(g, NULL, &value);
    if (outcome == STEP_YIELDED) {
        /* it stays suspended where it yielded, as in CPython */
        rt_decref(value);
        err_format(&type_runtime_error, "generator ignored GeneratorExit");
        return -1;
    }
    if (outcome == STEP_RETURNED) {
        rt_decref(value);
        return 0;
    }
    if (err_matches(&type_generator_exit) || err_matches(&type_stop_iteration)) {
        rt_err_clear();
        return 0;
    }
    return -1;
}

/* ---- throw() arguments ------------------------------------------------------ */

static bool is_exception_class(Obj *o) {
    return type_id_of(o) == TYPE_ID_TYPE && is_exception_type((const Type *)o);
}

/* The exception throw(typ[, val[, tb]]) raises (new reference), or NULL
 * with CPython's TypeError. */
static Obj *throw_exception(Obj *args) {
    int32_t n = args_count(args);
    Obj *typ = arg_at(args, 0);
    Obj *val = n > 1 && arg_at(args, 1) != rt_none() ? arg_at(args, 1) : NULL;
    Obj *tb = n > 2 && arg_at(args, 2) != rt_none() ? arg_at(args, 2) : NULL;
    if (tb && type_id_of(tb) != TYPE_ID_TRACEBACK) {
        err_format(&type_type_error, "throw() third argument must be a traceback object");
        return NULL;
    }
    Obj *exc;
    if (is_exception_class(typ)) {
        if (val && is_exception(val) && type_is_subtype(type_of(val), (const Type *)typ)) {
            exc = new_ref(val);
        } else if (val && is_tuple(val)) {
            exc = rt_call(typ, val, NULL); /* the tuple is the argument list */
        } else if (val) {
            exc = call_with_one_arg(typ, val);
        } else {
            Obj *none = tuple_new(0);
            exc = none ? rt_call(typ, none, NULL) : NULL;
            rt_decref(none);
        }
    } else if (is_exception(typ)) {
        if (val) {
            err_format(&type_type_error, "instance exception may not have a separate value");
            return NULL;
        }
        exc = new_ref(typ);
    } else {
        err_format(&type_type_error, "exceptions must be classes or instances deriving from BaseException, not %T",
                   typ);
        return NULL;
    }
    if (exc && tb) {
        ExcObj *e = (ExcObj *)exc;
        Obj *old = e->traceback;
        e->traceback = new_ref(tb);
        rt_decref(old);
    }
    return exc;
}

/* ---- methods and attributes ------------------------------------------------ */

/* The slot wrappers __next__/__iter__ word their argument errors differently. */
static bool check_wrapper_call(Obj *args, Obj *kwargs, const char *name) {
    if (kwargs && ((DictObj *)kwargs)->used > 0) {
        err_format(&type_type_error, "wrapper %s() takes no keyword arguments", name);
        return false;
    }
    if (args_count(args) != 0) {
        err_format(&type_type_error, "expected 0 arguments, got %d", args_count(args));
        return false;
    }
    return true;
}

Obj *gen_call_method(Obj *self, Obj *name, Obj *args, Obj *kwargs, bool *found) {
    GenObj *g = as_gen(self);
    *found = true;
    if (str_equals_ascii(name, "__next__"))
        return check_wrapper_call(args, kwargs, "__next__") ? gen_send(g, rt_none()) : NULL;
    if (str_equals_ascii(name, "__iter__"))
        return check_wrapper_call(args, kwargs, "__iter__") ? new_ref(self) : NULL;
    if (str_equals_ascii(name, "send")) {
        if (!check_no_kwargs(kwargs, "generator.send") || !check_exactly_one(args, "generator.send"))
            return NULL;
        return gen_send(g, arg_at(args, 0));
    }
    if (str_equals_ascii(name, "throw")) {
        if (!check_no_kwargs(kwargs, "generator.throw") || !check_arg_range(args, "throw", 1, 3))
            return NULL;
        Obj *exc = throw_exception(args);
        return exc ? gen_throw_exc(g, exc) : NULL;
    }
    if (str_equals_ascii(name, "close")) {
        if (!check_no_kwargs(kwargs, "generator.close") || !check_no_args(args, "generator.close"))
            return NULL;
        return gen_close(g) < 0 ? NULL : new_ref(rt_none());
    }
    *found = false; /* data attributes: read, then called by rt_call_method */
    return NULL;
}

Obj *gen_getattr(Obj *self, Obj *name, bool *found) {
    GenObj *g = as_gen(self);
    *found = true;
    if (str_equals_ascii(name, "__name__"))
        return new_ref(g->name);
    if (str_equals_ascii(name, "__qualname__"))
        return new_ref(g->qualname);
    if (str_equals_ascii(name, "gi_running"))
        return bool_obj(g->state == GEN_RUNNING);
    if (str_equals_ascii(name, "gi_suspended"))
        return bool_obj(g->state >= 1);
    *found = false;
    return NULL;
}

int32_t gen_setattr(Obj *self, Obj *name, Obj *value) {
    GenObj *g = as_gen(self);
    bool is_name = str_equals_ascii(name, "__name__");
    if (is_name || str_equals_ascii(name, "__qualname__")) {
        if (!is_str(value)) {
            err_format(&type_type_error, "%s must be set to a string object", is_name ? "__name__" : "__qualname__");
            return -1;
        }
        Obj **field = is_name ? &g->name : &g->qualname;
        Obj *old = *field;
        *field = new_ref(value);
        rt_decref(old);
        return 0;
    }
    if (str_equals_ascii(name, "gi_running") || str_equals_ascii(name, "gi_suspended")) {
        err_format(&type_attribute_error, "attribute '%S' of 'generator' objects is not writable", name);
        return -1;
    }
    if (rt_check_method(self, name) == 0) {
        err_format(&type_attribute_error, "'generator' object attribute '%S' is read-only", name);
        return -1;
    }
    rt_err_clear(); /* the check's AttributeError has the same wording as this one */
    raise_no_attribute(self, name);
    return -1;
}

Obj *gen_repr(Obj *self) {
    StrBuf b;
    strbuf_init(&b);
    strbuf_append_cstr(&b, "<generator object ");
    strbuf_append_str_obj(&b, as_gen(self)->qualname);
    strbuf_append_cstr(&b, " at ");
    strbuf_append_address(&b, self);
    strbuf_append_char(&b, '>');
    return strbuf_finish(&b);
}

/* ---- yield from ---------------------------------------------------------------- */

Obj *rt_yf_iter(Obj *x) { return rt_get_iter(x); }

/* it finished with value (stolen): kept in gen for rt_yf_result. */
static Obj *yf_finished(GenObj *gen, Obj *value) {
    Obj *old = gen->yf_result;
    gen->yf_result = value;
    rt_decref(old);
    return NULL;
}

Obj *rt_yf_send(Obj *gen, Obj *it, Obj *sent) {
    GenObj *g = as_gen(gen);
    Obj *value;
    if (!sent) {
        if (!is_gen(it))
            return NULL; /* no close/throw: the exception is raised at the yield from */
        if (err_matches(&type_generator_exit)) {
            Obj *exit = rt_exc_fetch();
            if (gen_close(as_gen(it)) < 0) {
                rt_decref(exit); /* close's own error replaces GeneratorExit */
                return NULL;
            }
            rt_reraise(exit);
            return NULL;
        }
        switch (gen_step(as_gen(it), NULL, &value)) {
        case STEP_YIELDED: return value;
        case STEP_RETURNED: return yf_finished(g, value);
        default: return NULL;
        }
    }
    if (is_gen(it)) {
        switch (gen_step(as_gen(it), sent, &value)) {
        case STEP_YIELDED: return value;
        case STEP_RETURNED: return yf_finished(g, value);
        default: return NULL;
        }
    }
    if (is_user_instance(it)) {
        Obj *result;
        value = user_iter_send(it, sent, &result);
        return value || !result ? value : yf_finished(g, result);
    }
    if (sent != rt_none()) {
        err_format(&type_attribute_error, "'%T' object has no attribute 'send'", it);
        return NULL;
    }
    value = rt_iter_next(it);
    if (value || rt_err_occurred())
        return value;
    return yf_finished(g, new_ref(rt_none()));
}

Obj *rt_yf_result(Obj *gen) {
    GenObj *g = as_gen(gen);
    Obj *value = g->yf_result;
    g->yf_result = NULL;
    return value ? value : new_ref(rt_none());
}

/* ---- lifetime --------------------------------------------------------------------- */

/* Closes a suspended generator as its finalizer: an exception in flight is
 * set aside and restored, a failing close is reported as unraisable. */
static void close_as_finalizer(GenObj *g) {
    Obj *in_flight = rt_exc_fetch();
    if (gen_close(g) < 0) {
        Obj *where = gen_repr((Obj *)g);
        if (where) {
            report_unraisable(where);
            rt_decref(where);
        } else {
            rt_err_clear();
        }
    }
    if (in_flight)
        rt_reraise(in_flight);
}

bool gen_finalize(Obj *self) {
    GenObj *g = as_gen(self);
    if (g->state < 1)
        return true;
    self->refcnt = 1; /* resurrected while its finally blocks run */
    close_as_finalizer(g);
    if (--self->refcnt > 0)
        return false; /* the close stored a new reference somewhere: it lives on */
    return true;
}

/* The collector holds a reference while this runs (CPython's tp_finalize
 * of a generator in cyclic garbage). */
void gen_gc_finalize(Obj *self) {
    if (as_gen(self)->state >= 1)
        close_as_finalizer(as_gen(self));
}

/* Breaks cycles through the generator: finished (so freeing it later never
 * resumes a body whose slots are gone), with every reference dropped but
 * the name strings (which cannot hold anything). */
void gen_gc_clear(Obj *self) {
    GenObj *g = as_gen(self);
    if (g->state == GEN_RUNNING)
        return; /* cannot happen for garbage: the running frame holds it */
    mark_finished(g);
    clear_field(&g->func);
}

uint32_t gen_release(Obj *self) {
    GenObj *g = as_gen(self);
    for (int32_t i = 0; i < g->nslots; i++)
        clear_field(&g->slots[i]);
    clear_field(&g->handled);
    clear_field(&g->yf_result);
    clear_field(&g->func);
    clear_field(&g->name);
    clear_field(&g->qualname);
    return gen_size(g->nslots);
}
