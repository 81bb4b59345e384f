/*
 * func.c — Python function objects and closure cells: creation, repr,
 * attributes (__name__ __qualname__ __doc__ __module__ __defaults__
 * __kwdefaults__ __closure__ __dict__ and user attributes), the fast-path
 * decision of rt_func_prepare_call, and the binding of an argument tuple and
 * keyword dict to the parameters (func_call), with CPython 3.11's checks and
 * wording, before the call through the function's vector entry.
 *
 * Invariants:
 *  - A function owns every Obj* field; its FuncCode (and param_names) is the
 *    compiler's static data and is never freed.
 *  - Binding fills a slot array of owned references, one per parameter, and
 *    releases it after the call; a slot is NULL only until it is bound, and
 *    the vector entry is reached only when every slot is filled.
 *  - The checks run in CPython's order: keywords (unexpected, positional-only
 *    passed by keyword, multiple values) before too many positional, then
 *    missing positional, then missing keyword-only.
 *  - Replacing a field stores the new value before releasing the old one,
 *    so a release that frees objects never sees a half-updated function.
 */
#include "taipan_internal.h"
#include <string.h>

#define INLINE_SLOTS 8

static int32_t param_count(const FuncCode *c) {
    return c->argcount + c->kwonly + ((c->flags & FUNC_VARARGS) != 0) + ((c->flags & FUNC_VARKW) != 0);
}

static const char *param_name_at(const FuncCode *c, int32_t index) {
    const char *p = c->param_names;
    for (int32_t i = 0; i < index; i++)
        p += strlen(p) + 1;
    return p;
}

/* Whether str s spells the UTF-8 text (parameter names and module global
 * names may be non-ASCII). */
bool str_equals_utf8(const Obj *s, const char *utf8) {
    const StrObj *str = (const StrObj *)s;
    const uint8_t *p = (const uint8_t *)utf8;
    for (int32_t i = 0; i < str->length; i++) {
        if (!*p)
            return false;
        uint32_t cp = *p++;
        int extra = cp >= 0xF0 ? 3 : cp >= 0xE0 ? 2 : cp >= 0xC0 ? 1 : 0;
        cp &= extra == 3 ? 0x07 : extra == 2 ? 0x0F : extra == 1 ? 0x1F : 0x7F;
        while (extra-- > 0 && *p)
            cp = (cp << 6) | (*p++ & 0x3F);
        if (cp != str_char_at(str, i))
            return false;
    }
    return *p == '\0';
}

Obj *rt_func_new(const FuncCode *code, Obj *name, Obj *qualname, Obj *doc, Obj *defaults, Obj *kwdefaults,
                 Obj *closure) {
    FuncObj *f = (FuncObj *)obj_alloc(&type_function, sizeof(FuncObj));
    if (!f)
        return NULL;
    f->code = code;
    f->name = new_ref(name);
    f->qualname = new_ref(qualname);
    f->doc = new_ref(doc ? doc : rt_none());
    f->module = NULL;
    /* CPython keeps None rather than an empty tuple/dict when a function has no defaults */
    f->defaults = defaults && ((TupleObj *)defaults)->length > 0 ? new_ref(defaults) : NULL;
    f->kwdefaults = kwdefaults && ((DictObj *)kwdefaults)->used > 0 ? new_ref(kwdefaults) : NULL;
    f->closure = closure ? new_ref(closure) : NULL;
    f->dict = NULL;
    return (Obj *)f;
}

uint32_t func_release(Obj *o) {
    FuncObj *f = (FuncObj *)o;
    rt_decref(f->name);
    rt_decref(f->qualname);
    rt_decref(f->doc);
    rt_decref(f->module);
    rt_decref(f->defaults);
    rt_decref(f->kwdefaults);
    rt_decref(f->closure);
    rt_decref(f->dict);
    return sizeof(FuncObj);
}

static void append_hex_address(StrBuf *b, uintptr_t address) {
    static const char hex[] = "0123456789abcdef";
    char digits[2 * sizeof(uintptr_t)];
    int n = 0;
    do {
        digits[n++] = hex[address & 0xF];
        address >>= 4;
    } while (address);
    strbuf_append_cstr(b, "0x");
    while (n > 0)
        strbuf_append_char(b, digits[--n]);
}

/* Addresses are printed as linear-memory offsets, as on wasm; a tagged int
 * has no address, so its tagged word stands in (as id() does). */
static uintptr_t address_of(const Obj *o) {
    return is_small_int(o) ? (uintptr_t)(uint32_t)(uintptr_t)o : (uintptr_t)o - platform_memory_base();
}

void strbuf_append_address(StrBuf *b, const Obj *o) { append_hex_address(b, address_of(o)); }

Obj *func_repr(Obj *o) {
    StrBuf b;
    strbuf_init(&b);
    strbuf_append_cstr(&b, "<function ");
    strbuf_append_str_obj(&b, ((FuncObj *)o)->qualname);
    strbuf_append_cstr(&b, " at ");
    strbuf_append_address(&b, o);
    strbuf_append_char(&b, '>');
    return strbuf_finish(&b);
}

/* ---- the fast path and the compiler's accessors ------------------------- */

/* Trampolines: entries shaped as a direct entry, (callee, a0..an-1), for
 * a compiled function whose parameters need binding (defaults, *args,
 * keyword-only ones) or a bound method of one. The compiler calls them
 * through the table just as a direct entry, so these calls build no
 * argument tuple: the binder reads the arguments where they lie. The
 * compiler puts them in the table only when the program has dynamic calls
 * (a C function whose address the runtime took would be kept, and with it
 * everything it reaches, in every program) and reports where, once. */
static int32_t trampoline_base = -1;

void rt_set_call_trampolines(int32_t first_index) { trampoline_base = first_index; }

Obj *rt_call_positional_0(Obj *callee) { return call_function_or_method(callee, NULL, 0); }
Obj *rt_call_positional_1(Obj *callee, Obj *a0) {
    Obj *argv[] = {a0};
    return call_function_or_method(callee, argv, 1);
}
Obj *rt_call_positional_2(Obj *callee, Obj *a0, Obj *a1) {
    Obj *argv[] = {a0, a1};
    return call_function_or_method(callee, argv, 2);
}
Obj *rt_call_positional_3(Obj *callee, Obj *a0, Obj *a1, Obj *a2) {
    Obj *argv[] = {a0, a1, a2};
    return call_function_or_method(callee, argv, 3);
}
Obj *rt_call_positional_4(Obj *callee, Obj *a0, Obj *a1, Obj *a2, Obj *a3) {
    Obj *argv[] = {a0, a1, a2, a3};
    return call_function_or_method(callee, argv, 4);
}

static int32_t trampoline_index(int32_t nargs) {
    return trampoline_base >= 0 && nargs >= 0 && nargs <= 4 ? trampoline_base + nargs : RT_CALL_GENERIC;
}

int32_t rt_func_prepare_call(Obj *callee, int32_t nargs) {
    TypeId id = type_id_of(callee);
    if (id == TYPE_ID_FUNCTION) {
        const FuncCode *c = ((FuncObj *)callee)->code;
        /* Exactly the parameters, nothing to bind: the compiler calls the direct entry itself. */
        if (c->flags == 0 && c->kwonly == 0 && c->argcount == nargs)
            return c->direct_index;
        return trampoline_index(nargs);
    }
    if (id == TYPE_ID_METHOD && type_id_of(((MethodObj *)callee)->func) == TYPE_ID_FUNCTION)
        return trampoline_index(nargs);
    if (id == TYPE_ID_BUILTIN_FUNCTION || id == TYPE_ID_TYPE)
        return RT_CALL_GENERIC;
    if (is_class_receiver(callee) && classes_callable(callee)) /* class.c: methods, instances with __call__ */
        return RT_CALL_GENERIC;
    err_format(&type_type_error, "'%T' object is not callable", callee);
    return -1;
}

/* The compiler asks only for defaults that existed when it made the
 * function; a program may have replaced __defaults__ since, hence the checks. */
Obj *rt_func_default(Obj *func, int32_t index) {
    FuncObj *f = (FuncObj *)func;
    if (!f->defaults || index < 0 || index >= ((TupleObj *)f->defaults)->length) {
        err_format(&type_type_error, "%S() has no default for argument %d", f->qualname, index);
        return NULL;
    }
    return ((TupleObj *)f->defaults)->items[index];
}

Obj *rt_func_kwdefault(Obj *func, Obj *name) {
    FuncObj *f = (FuncObj *)func;
    int32_t status = 0;
    Obj *v = f->kwdefaults ? dict_lookup(f->kwdefaults, name, &status) : NULL;
    if (!v && status == 0)
        err_format(&type_type_error, "%S() missing 1 required keyword-only argument: '%S'", f->qualname, name);
    return v;
}

Obj *rt_closure_cell(Obj *func, int32_t index) { return ((TupleObj *)((FuncObj *)func)->closure)->items[index]; }

/* ---- binding ------------------------------------------------------------- */

/* "'a'", "'a' and 'b'", "'a', 'b', and 'c'" over the unbound slots in [start, end). */
static void raise_missing(const FuncObj *f, Obj **slots, int32_t start, int32_t end, const char *kind,
                          int32_t missing) {
    StrBuf names;
    strbuf_init(&names);
    int32_t k = 0;
    for (int32_t i = start; i < end; i++) {
        if (slots[i])
            continue;
        if (k > 0) {
            if (missing > 2)
                strbuf_append_char(&names, ',');
            strbuf_append_cstr(&names, k == missing - 1 ? " and " : " ");
        }
        strbuf_append_char(&names, '\'');
        strbuf_append_cstr(&names, param_name_at(f->code, i));
        strbuf_append_char(&names, '\'');
        k++;
    }
    strbuf_append_char(&names, '\0');
    if (names.failed)
        err_no_memory();
    else
        err_format(&type_type_error, "%S() missing %d required %s argument%s: %s", f->qualname, missing, kind,
                   missing == 1 ? "" : "s", names.bytes);
    strbuf_release(&names);
}

static void raise_too_many(const FuncObj *f, int32_t given, int32_t kwonly_given) {
    const FuncCode *c = f->code;
    int32_t defcount = f->defaults ? ((TupleObj *)f->defaults)->length : 0;
    char takes[48], given_text[96];
    StrBuf b;
    strbuf_init(&b);
    if (defcount) {
        strbuf_append_cstr(&b, "from ");
        strbuf_append_i64(&b, c->argcount - defcount);
        strbuf_append_cstr(&b, " to ");
    }
    strbuf_append_i64(&b, c->argcount);
    strbuf_append_char(&b, '\0');
    strcpy(takes, b.bytes); /* at most "from -2147483648 to 2147483647" */
    strbuf_release(&b);
    bool plural = defcount ? true : c->argcount != 1;
    strbuf_init(&b);
    strbuf_append_i64(&b, given);
    if (kwonly_given) {
        strbuf_append_cstr(&b, given == 1 ? " positional argument (and " : " positional arguments (and ");
        strbuf_append_i64(&b, kwonly_given);
        strbuf_append_cstr(&b, kwonly_given == 1 ? " keyword-only argument)" : " keyword-only arguments)");
    }
    strbuf_append_char(&b, '\0');
    strcpy(given_text, b.bytes);
    strbuf_release(&b);
    err_format(&type_type_error, "%S() takes %s positional argument%s but %s %s given", f->qualname, takes,
               plural ? "s" : "", given_text, given == 1 && !kwonly_given ? "was" : "were");
}

/* The parameter named key among [from, to), or -1. */
static int32_t find_param(const FuncCode *c, Obj *key, int32_t from, int32_t to) {
    const char *p = c->param_names;
    for (int32_t i = 0; i < to; i++) {
        if (i >= from && str_equals_utf8(key, p))
            return i;
        p += strlen(p) + 1;
    }
    return -1;
}

/* CPython reports every positional-only parameter that was passed by
 * keyword, in parameter order; false when there is none. */
static bool raise_posonly_as_keyword(const FuncObj *f, Obj *kwargs) {
    const FuncCode *c = f->code;
    const DictObj *d = (const DictObj *)kwargs;
    StrBuf names;
    strbuf_init(&names);
    bool any = false;
    const char *p = c->param_names;
    for (int32_t i = 0; i < c->posonly; i++, p += strlen(p) + 1) {
        for (int32_t e = 0; e < d->entries_len; e++) {
            if (d->entries[e].key && str_equals_utf8(d->entries[e].key, p)) {
                if (any)
                    strbuf_append_cstr(&names, ", ");
                strbuf_append_cstr(&names, p);
                any = true;
                break;
            }
        }
    }
    strbuf_append_char(&names, '\0');
    if (any) {
        if (names.failed)
            err_no_memory();
        else
            err_format(&type_type_error,
                       "%S() got some positional-only arguments passed as keyword arguments: '%s'", f->qualname,
                       names.bytes);
    }
    strbuf_release(&names);
    return any;
}

/* kwdefaults[name] for a parameter name given as UTF-8 (borrowed or NULL). */
static Obj *kwdefault_for(const FuncObj *f, const char *name) {
    if (!f->kwdefaults)
        return NULL;
    const DictObj *d = (const DictObj *)f->kwdefaults;
    for (int32_t e = 0; e < d->entries_len; e++)
        if (d->entries[e].key && is_str(d->entries[e].key) && str_equals_utf8(d->entries[e].key, name))
            return d->entries[e].value;
    return NULL;
}

/* The positional arguments are self (when not NULL) followed by argv[0..n);
 * args_tuple, when given, is the tuple argv points into (so *args can share
 * it instead of copying). */
static int32_t bind(FuncObj *f, Obj *self, Obj *const *argv, int32_t n, Obj *args_tuple, Obj *kwargs,
                    Obj **slots) {
    const FuncCode *c = f->code;
    int32_t first = self != NULL;
    int32_t nargs = n + first, argcount = c->argcount, named = argcount + c->kwonly;
    int32_t npos = nargs < argcount ? nargs : argcount;
    for (int32_t i = 0; i < npos; i++)
        slots[i] = new_ref(i < first ? self : argv[i - first]);
    int32_t next = named;
    if (c->flags & FUNC_VARARGS) {
        Obj *rest;
        if (npos == first && args_tuple) {
            rest = new_ref(args_tuple); /* tuples are immutable: share the whole argument tuple */
        } else {
            rest = tuple_new(nargs - npos);
            if (!rest)
                return -1;
            for (int32_t i = npos; i < nargs; i++) /* self too when there is no named parameter */
                ((TupleObj *)rest)->items[i - npos] = new_ref(i < first ? self : argv[i - first]);
        }
        slots[next++] = rest;
    }
    Obj *kwdict = NULL;
    if (c->flags & FUNC_VARKW) {
        kwdict = dict_new();
        if (!kwdict)
            return -1;
        slots[next] = kwdict;
    }
    if (kwargs) {
        DictObj *d = (DictObj *)kwargs;
        for (int32_t e = 0; e < d->entries_len; e++) {
            Obj *key = d->entries[e].key, *value = d->entries[e].value;
            if (!key)
                continue;
            /* positional-only names are not keyword targets: with **kwargs they land there */
            int32_t j = find_param(c, key, c->posonly, named);
            if (j < 0) {
                if (kwdict) {
                    if (dict_set(kwdict, key, value) < 0)
                        return -1;
                    continue;
                }
                if (!raise_posonly_as_keyword(f, kwargs))
                    err_format(&type_type_error, "%S() got an unexpected keyword argument '%S'", f->qualname,
                               key);
                return -1;
            }
            if (slots[j]) {
                err_format(&type_type_error, "%S() got multiple values for argument '%S'", f->qualname, key);
                return -1;
            }
            slots[j] = new_ref(value);
        }
    }
    if (nargs > argcount && !(c->flags & FUNC_VARARGS)) {
        int32_t kwonly_given = 0;
        for (int32_t i = argcount; i < named; i++)
            kwonly_given += slots[i] != NULL;
        raise_too_many(f, nargs, kwonly_given);
        return -1;
    }
    if (nargs < argcount) {
        int32_t defcount = f->defaults ? ((TupleObj *)f->defaults)->length : 0;
        int32_t first_default = argcount - defcount; /* defaults belong to the last positionals */
        int32_t missing = 0;
        for (int32_t i = nargs; i < first_default; i++)
            missing += slots[i] == NULL;
        if (missing) {
            raise_missing(f, slots, 0, first_default, "positional", missing);
            return -1;
        }
        for (int32_t i = nargs > first_default ? nargs : first_default; i < argcount; i++)
            if (!slots[i])
                slots[i] = new_ref(((TupleObj *)f->defaults)->items[i - first_default]);
    }
    if (c->kwonly > 0) {
        int32_t missing = 0;
        for (int32_t i = argcount; i < named; i++) {
            if (slots[i])
                continue;
            Obj *v = kwdefault_for(f, param_name_at(c, i));
            if (v)
                slots[i] = new_ref(v);
            else
                missing++;
        }
        if (missing) {
            raise_missing(f, slots, argcount, named, "keyword-only", missing);
            return -1;
        }
    }
    return 0;
}

Obj *func_call(Obj *callee, Obj *args, Obj *kwargs) {
    TupleObj *a = (TupleObj *)args;
    return func_call_self(callee, NULL, a->items, a->length, args, kwargs);
}

/* A method call: self (or NULL) prepended to argv without building a tuple
 * or a bound method; the binder counts self as CPython does
 * ("C.m() takes 1 positional argument but 2 were given"). */
Obj *func_call_self(Obj *callee, Obj *self, Obj *const *argv, int32_t nargs, Obj *args_tuple, Obj *kwargs) {
    FuncObj *f = (FuncObj *)callee;
    int32_t n = param_count(f->code);
    Obj *inline_slots[INLINE_SLOTS];
    Obj **slots = inline_slots;
    uint32_t bytes = (uint32_t)n * (uint32_t)sizeof(Obj *);
    if (n > INLINE_SLOTS) {
        slots = (Obj **)heap_alloc(bytes);
        if (!slots) {
            err_no_memory();
            return NULL;
        }
    }
    for (int32_t i = 0; i < n; i++)
        slots[i] = NULL;
    Obj *result = NULL;
    if (bind(f, self, argv, nargs, args_tuple, kwargs, slots) == 0)
        result = platform_call_vector(f->code->vector_index, callee, slots);
    for (int32_t i = 0; i < n; i++)
        rt_decref(slots[i]);
    if (slots != inline_slots)
        heap_free(slots, bytes);
    return result;
}

/* ---- attributes ------------------------------------------------------------ */

/* __get__ is the one method (methods.c binds it); the rest are data */
static const char *const func_members[] = {"__name__", "__qualname__", "__doc__", "__module__", "__defaults__",
                                           "__kwdefaults__", "__closure__", "__dict__", "__get__", NULL};

static Obj *func_dict(FuncObj *f) {
    if (!f->dict)
        f->dict = dict_new();
    return f->dict;
}

bool func_has_member(Obj *o, Obj *name) {
    if (name_index(name, func_members, -1) >= 0)
        return true;
    FuncObj *f = (FuncObj *)o;
    int32_t status = 0;
    return f->dict && dict_lookup(f->dict, name, &status) != NULL;
}

/* The __module__ a function gets from the module that defined it. */
static Obj *func_default_module(const FuncObj *f) {
    const char *name = f->code->module_name;
    return name ? str_from_utf8(name, (int32_t)strlen(name)) : str_from_ascii("__main__");
}

static Obj *or_none(Obj *o) { return new_ref(o ? o : rt_none()); }

Obj *func_getattr(Obj *o, Obj *name, bool *found) {
    FuncObj *f = (FuncObj *)o;
    *found = true;
    if (str_equals_ascii(name, "__name__"))
        return new_ref(f->name);
    if (str_equals_ascii(name, "__qualname__"))
        return new_ref(f->qualname);
    if (str_equals_ascii(name, "__doc__"))
        return new_ref(f->doc);
    if (str_equals_ascii(name, "__module__"))
        return f->module ? new_ref(f->module) : func_default_module(f);
    if (str_equals_ascii(name, "__defaults__"))
        return or_none(f->defaults);
    if (str_equals_ascii(name, "__kwdefaults__"))
        return or_none(f->kwdefaults);
    if (str_equals_ascii(name, "__closure__"))
        return or_none(f->closure);
    if (str_equals_ascii(name, "__dict__")) {
        Obj *d = func_dict(f);
        return d ? new_ref(d) : NULL;
    }
    int32_t status = 0;
    Obj *v = f->dict ? dict_lookup(f->dict, name, &status) : NULL;
    if (v)
        return new_ref(v);
    *found = status < 0;
    return NULL;
}

/* Stores value (a new reference) in *field, then releases the old value. */
static int32_t replace_field(Obj **field, Obj *value) {
    Obj *old = *field;
    *field = value;
    rt_decref(old);
    return 0;
}

int32_t func_setattr(Obj *o, Obj *name, Obj *value) {
    FuncObj *f = (FuncObj *)o;
    bool is_name = str_equals_ascii(name, "__name__");
    if (is_name || str_equals_ascii(name, "__qualname__")) {
        if (!is_str(value)) {
            err_format(&type_type_error, "%s must be set to a string object", is_name ? "__name__" : "__qualname__");
            return -1;
        }
        return replace_field(is_name ? &f->name : &f->qualname, new_ref(value));
    }
    if (str_equals_ascii(name, "__doc__"))
        return replace_field(&f->doc, new_ref(value));
    if (str_equals_ascii(name, "__module__"))
        return replace_field(&f->module, new_ref(value));
    bool none = type_id_of(value) == TYPE_ID_NONE;
    if (str_equals_ascii(name, "__defaults__")) {
        if (!none && !is_tuple(value)) {
            err_format(&type_type_error, "__defaults__ must be set to a tuple object");
            return -1;
        }
        return replace_field(&f->defaults, none ? NULL : new_ref(value));
    }
    if (str_equals_ascii(name, "__kwdefaults__")) {
        if (!none && !is_dict(value)) {
            err_format(&type_type_error, "__kwdefaults__ must be set to a dict object");
            return -1;
        }
        return replace_field(&f->kwdefaults, none ? NULL : new_ref(value));
    }
    if (str_equals_ascii(name, "__dict__")) {
        if (!is_dict(value)) {
            err_format(&type_type_error, "__dict__ must be set to a dictionary, not a '%T'", value);
            return -1;
        }
        return replace_field(&f->dict, new_ref(value));
    }
    if (str_equals_ascii(name, "__closure__") || str_equals_ascii(name, "__globals__") ||
        str_equals_ascii(name, "__builtins__")) {
        err_format(&type_attribute_error, "readonly attribute");
        return -1;
    }
    Obj *d = func_dict(f);
    return d ? dict_set(d, name, value) : -1;
}

/* ---- cells ------------------------------------------------------------------ */

Obj *rt_cell_new(void) {
    CellObj *c = (CellObj *)obj_alloc(&type_cell, sizeof(CellObj));
    if (c)
        c->value = NULL;
    return (Obj *)c;
}

Obj *rt_cell_get(Obj *cell, Obj *name, int32_t is_free) {
    Obj *v = ((CellObj *)cell)->value;
    if (v)
        return new_ref(v);
    if (is_free)
        err_format(&type_name_error,
                   "cannot access free variable '%S' where it is not associated with a value in enclosing scope",
                   name);
    else
        rt_raise_unbound_local(name);
    return NULL;
}

void rt_cell_set(Obj *cell, Obj *value) {
    CellObj *c = (CellObj *)cell;
    Obj *old = c->value;
    c->value = value ? new_ref(value) : NULL;
    rt_decref(old); /* last: releasing may free objects that reach this cell */
}

uint32_t cell_release(Obj *o) {
    rt_decref(((CellObj *)o)->value);
    return sizeof(CellObj);
}

/* CPython: "<cell at 0x...: int object at 0x...>" or "<cell at 0x...: empty>". */
Obj *cell_repr(Obj *o) {
    Obj *v = ((CellObj *)o)->value;
    StrBuf b;
    strbuf_init(&b);
    strbuf_append_cstr(&b, "<cell at ");
    strbuf_append_address(&b, o);
    if (v) {
        strbuf_append_cstr(&b, ": ");
        strbuf_append_cstr(&b, type_name_of(v));
        strbuf_append_cstr(&b, " object at ");
        strbuf_append_address(&b, v);
    } else {
        strbuf_append_cstr(&b, ": empty");
    }
    strbuf_append_char(&b, '>');
    return strbuf_finish(&b);
}
