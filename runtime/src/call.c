/*
 * call.c — calling Python values from C: rt_call for compiled functions
 * (argument binding in func.c), builtin functions, callable builtin types
 * and exception types (exc.c makes the instance); the call-site unpacking
 * helpers for f(*a, **k); and rt_builtin_object, which hands the compiler
 * the value of a builtin name (e.g. `key=len`).
 *
 * Invariants:
 *  - A compiled function is entered through its vector entry
 *    (platform_call_vector, the runtime's only indirect call); everything
 *    else dispatches by type id.
 *  - Keyword dicts reaching a callee hold only str keys (checked here, as
 *    CPython's vectorcall does), so the keyword parsers need not check.
 *  - Builtin function objects are static and immortal; calling one
 *    dispatches on its BuiltinId with a switch.
 */
#include "taipan_internal.h"

#define BUILTIN_FUNCTION(id, name) {{IMMORTAL_REFCNT, &type_builtin_function}, id, name}

static BuiltinFuncObj builtin_functions[] = {
    BUILTIN_FUNCTION(BUILTIN_LEN, "len"),       BUILTIN_FUNCTION(BUILTIN_ABS, "abs"),
    BUILTIN_FUNCTION(BUILTIN_REPR, "repr"),     BUILTIN_FUNCTION(BUILTIN_SORTED, "sorted"),
    BUILTIN_FUNCTION(BUILTIN_SUM, "sum"),       BUILTIN_FUNCTION(BUILTIN_MIN, "min"),
    BUILTIN_FUNCTION(BUILTIN_MAX, "max"),       BUILTIN_FUNCTION(BUILTIN_ANY, "any"),
    BUILTIN_FUNCTION(BUILTIN_ALL, "all"),       BUILTIN_FUNCTION(BUILTIN_ITER, "iter"),
    BUILTIN_FUNCTION(BUILTIN_NEXT, "next"),     BUILTIN_FUNCTION(BUILTIN_FORMAT, "format"),
    BUILTIN_FUNCTION(BUILTIN_ISINSTANCE, "isinstance"), BUILTIN_FUNCTION(BUILTIN_ISSUBCLASS, "issubclass"),
    BUILTIN_FUNCTION(BUILTIN_ID, "id"),         BUILTIN_FUNCTION(BUILTIN_CALLABLE, "callable"),
    BUILTIN_FUNCTION(BUILTIN_DIVMOD, "divmod"), BUILTIN_FUNCTION(BUILTIN_HASH, "hash"),
    BUILTIN_FUNCTION(BUILTIN_HEX, "hex"),       BUILTIN_FUNCTION(BUILTIN_OCT, "oct"),
    BUILTIN_FUNCTION(BUILTIN_BIN, "bin"),       BUILTIN_FUNCTION(BUILTIN_ORD, "ord"),
    BUILTIN_FUNCTION(BUILTIN_CHR, "chr"),       BUILTIN_FUNCTION(BUILTIN_ASCII, "ascii"),
    BUILTIN_FUNCTION(BUILTIN_ROUND, "round"),   BUILTIN_FUNCTION(BUILTIN_POW, "pow"),
    BUILTIN_FUNCTION(BUILTIN_GETATTR, "getattr"), BUILTIN_FUNCTION(BUILTIN_SETATTR, "setattr"),
    BUILTIN_FUNCTION(BUILTIN_HASATTR, "hasattr"), BUILTIN_FUNCTION(BUILTIN_DELATTR, "delattr"),
    BUILTIN_FUNCTION(BUILTIN_VARS, "vars"),     BUILTIN_FUNCTION(BUILTIN_PRINT, "print"),
};

Obj *rt_builtin_object(int32_t id) {
    switch ((BuiltinId)id) {
    case BUILTIN_STR: return (Obj *)&type_str;
    case BUILTIN_INT: return (Obj *)&type_int;
    case BUILTIN_FLOAT: return (Obj *)&type_float;
    case BUILTIN_BOOL: return (Obj *)&type_bool;
    case BUILTIN_LIST: return (Obj *)&type_list;
    case BUILTIN_TUPLE: return (Obj *)&type_tuple;
    case BUILTIN_DICT: return (Obj *)&type_dict;
    case BUILTIN_SET: return (Obj *)&type_set;
    case BUILTIN_FROZENSET: return (Obj *)&type_frozenset;
    case BUILTIN_REVERSED: return (Obj *)&type_reversed;
    case BUILTIN_ENUMERATE: return (Obj *)&type_enumerate;
    case BUILTIN_ZIP: return (Obj *)&type_zip;
    case BUILTIN_MAP: return (Obj *)&type_map;
    case BUILTIN_FILTER: return (Obj *)&type_filter;
    case BUILTIN_RANGE: return (Obj *)&type_range;
    case BUILTIN_BYTES: return (Obj *)&type_bytes;
    case BUILTIN_TYPE: return (Obj *)&type_type;
    case BUILTIN_OBJECT: return (Obj *)&type_object;
    case BUILTIN_SUPER: return (Obj *)&type_super;
    case BUILTIN_PROPERTY: return (Obj *)&type_property;
    case BUILTIN_STATICMETHOD: return (Obj *)&type_staticmethod;
    case BUILTIN_CLASSMETHOD: return (Obj *)&type_classmethod;
    case BUILTIN_SLICE: return (Obj *)&type_slice;
    default:
        for (uint32_t i = 0; i < sizeof builtin_functions / sizeof builtin_functions[0]; i++)
            if (builtin_functions[i].id == id)
                return (Obj *)&builtin_functions[i];
        err_format(&type_value_error, "unknown builtin id %d", id);
        return NULL;
    }
}

/* CPython's vectorcall path refuses non-str keyword names before the callee
 * sees them ("keywords must be strings"), so the binding code and the
 * builtins' keyword parsers may assume str keys. */
bool keywords_are_strings(Obj *kwargs) {
    if (!kwargs)
        return true;
    DictObj *d = (DictObj *)kwargs;
    for (int32_t i = 0; i < d->entries_len; i++) {
        if (d->entries[i].key && !is_str(d->entries[i].key)) {
            err_format(&type_type_error, "keywords must be strings");
            return false;
        }
    }
    return true;
}

/* The value of keyword `name` in kwargs (borrowed), or NULL. Every keyword
 * must be one of `allowed` (NULL-terminated), else CPython's TypeError. */
static bool take_keywords(Obj *kwargs, const char *function, const char *const *allowed, Obj **values) {
    for (int k = 0; allowed[k]; k++)
        values[k] = NULL;
    if (!kwargs)
        return true;
    DictObj *d = (DictObj *)kwargs;
    for (int32_t i = 0; i < d->entries_len; i++) {
        Obj *name = d->entries[i].key;
        if (!name)
            continue;
        int match = -1;
        for (int k = 0; allowed[k]; k++)
            if (str_equals_ascii(name, allowed[k]))
                match = k;
        if (match < 0) {
            if (!allowed[0])
                err_format(&type_type_error, "%s() takes no keyword arguments", function);
            else
                err_format(&type_type_error, "'%S' is an invalid keyword argument for %s()", name, function);
            return false;
        }
        values[match] = d->entries[i].value;
    }
    return true;
}

static Obj *optional_arg(Obj *args, int32_t i) { return args_count(args) > i ? arg_at(args, i) : NULL; }

static Obj *call_builtin(BuiltinId id, const char *name, Obj *args, Obj *kwargs) {
    if (id >= BUILTIN_OBJECT && id <= BUILTIN_CLASSMETHOD)
        return classes_call_builtin(id, args, kwargs); /* class.c */
    static const char *const none[] = {NULL};
    static const char *const sort_keys[] = {"key", "reverse", NULL};
    static const char *const min_keys[] = {"key", "default", NULL};
    static const char *const start_key[] = {"start", NULL};
    static const char *const strict_key[] = {"strict", NULL};
    Obj *kw[2];
    int32_t n = args_count(args);
    switch (id) {
    case BUILTIN_SORTED: {
        /* sorted passes its keywords on to list.sort, so CPython names sort() in their errors */
        if (!take_keywords(kwargs, "sort", sort_keys, kw) || !check_arg_range(args, name, 1, 1))
            return NULL;
        int32_t reverse = 0;
        if (kw[1]) {
            if (!is_int_like(kw[1])) {
                err_format(&type_type_error, "'%T' object cannot be interpreted as an integer", kw[1]);
                return NULL;
            }
            reverse = !int_is_zero(kw[1]);
        }
        return rt_builtin_sorted(arg_at(args, 0), kw[0], reverse);
    }
    case BUILTIN_MIN:
    case BUILTIN_MAX:
        if (!take_keywords(kwargs, name, min_keys, kw))
            return NULL;
        return id == BUILTIN_MIN ? rt_builtin_min(args, kw[0], kw[1]) : rt_builtin_max(args, kw[0], kw[1]);
    case BUILTIN_ENUMERATE:
        if (!take_keywords(kwargs, name, start_key, kw) || !check_arg_range(args, name, 1, 2))
            return NULL;
        return rt_builtin_enumerate(arg_at(args, 0), kw[0] ? kw[0] : optional_arg(args, 1));
    case BUILTIN_ZIP:
        if (!take_keywords(kwargs, name, strict_key, kw))
            return NULL;
        return rt_builtin_zip(args, kw[0] ? rt_truthy(kw[0]) : 0);
    case BUILTIN_PRINT: {
        static const char *const print_keys[] = {"sep", "end", "file", "flush", NULL};
        Obj *given[4];
        if (!take_keywords(kwargs, name, print_keys, given))
            return NULL;
        Obj *none = rt_none();
        Obj *file = given[2] ? given[2] : none;
        if (rt_print_file(args, given[0] ? given[0] : none, given[1] ? given[1] : none, file) < 0)
            return NULL;
        /* flush=True calls file.flush(); the standard streams are written unbuffered, so theirs is moot */
        if (given[3] && file != none && file != (Obj *)&sys_stdout_object && file != (Obj *)&sys_stderr_object) {
            int32_t flush = rt_truthy(given[3]);
            if (flush < 0)
                return NULL;
            if (flush) {
                Obj *method = str_from_ascii("flush");
                Obj *r = method ? rt_call_method(file, method, tuple_new(0), NULL) : NULL;
                rt_decref(method);
                if (!r)
                    return NULL;
                rt_decref(r);
            }
        }
        return new_ref(none);
    }
    case BUILTIN_STR: { /* str(object), or str(bytes, encoding, errors) decoding */
        static const char *const str_keys[] = {"object", "encoding", "errors", NULL};
        static const char *const str_params[] = {"object", "encoding", "errors"};
        Obj *given[3];
        if (!take_keywords(kwargs, name, str_keys, given))
            return NULL;
        if (n > 3) {
            err_format(&type_type_error, "str() takes at most 3 arguments (%d given)", n);
            return NULL;
        }
        for (int32_t i = 0; i < n; i++) {
            if (given[i]) {
                err_format(&type_type_error, "argument for str() given by name ('%s') and position (%d)", str_params[i],
                           i + 1);
                return NULL;
            }
            given[i] = arg_at(args, i);
        }
        Obj *object = given[0];
        if (!given[1] && !given[2])
            return object ? rt_str(object) : str_empty();
        if (!object)
            return str_empty();
        if (is_str(object)) {
            err_format(&type_type_error, "decoding str is not supported");
            return NULL;
        }
        if (!is_bytes(object)) {
            err_format(&type_type_error, "decoding to str: need a bytes-like object, %T found", object);
            return NULL;
        }
        return bytes_decode_for_str(object, given[1], given[2]);
    }
    case BUILTIN_INT: { /* int(x, base=b) */
        static const char *const base_key[] = {"base", NULL};
        if (!take_keywords(kwargs, name, base_key, kw))
            return NULL;
        if (!kw[0])
            break; /* positional only: the conversions below */
        if (n > 1) {
            err_format(&type_type_error, "int() takes at most 2 arguments (%d given)", n + 1);
            return NULL;
        }
        if (n == 0) {
            err_format(&type_type_error, "int() missing string argument");
            return NULL;
        }
        return rt_builtin_int2(arg_at(args, 0), kw[0]);
    }
    case BUILTIN_DICT: {
        if (!check_arg_range(args, name, 0, 1))
            return NULL;
        Obj *d = rt_builtin_dict(optional_arg(args, 0));
        if (d && kwargs && dict_update(d, kwargs) < 0) {
            rt_decref(d);
            return NULL;
        }
        return d;
    }
    default: break;
    }
    if (!take_keywords(kwargs, name, none, kw))
        return NULL;
    switch (id) {
    case BUILTIN_LEN:
    case BUILTIN_ABS:
    case BUILTIN_REPR:
    case BUILTIN_ANY:
    case BUILTIN_ALL:
        if (!check_exactly_one(args, name))
            return NULL;
        switch (id) {
        case BUILTIN_LEN: return rt_builtin_len(arg_at(args, 0));
        case BUILTIN_ABS: return rt_builtin_abs(arg_at(args, 0));
        case BUILTIN_REPR: return rt_repr(arg_at(args, 0));
        case BUILTIN_ANY: return rt_builtin_any(arg_at(args, 0));
        default: return rt_builtin_all(arg_at(args, 0));
        }
    case BUILTIN_ITER:
        if (!check_arg_range(args, name, 1, 2))
            return NULL;
        if (n == 2) {
            Obj *is_callable = rt_builtin_callable(arg_at(args, 0));
            bool callable = is_callable == rt_true();
            rt_decref(is_callable);
            /* iter(callable, sentinel) is not provided yet: say so rather than misbehave */
            if (callable)
                err_format(&type_not_implemented_error, "iter(callable, sentinel) is not supported by Taipan yet");
            else
                err_format(&type_type_error, "iter(v, w): v must be callable");
            return NULL;
        }
        return rt_builtin_iter(arg_at(args, 0));
    case BUILTIN_NEXT:
        return check_arg_range(args, name, 1, 2) ? rt_builtin_next(arg_at(args, 0), optional_arg(args, 1)) : NULL;
    case BUILTIN_FORMAT:
        return check_arg_range(args, name, 1, 2) ? rt_builtin_format(arg_at(args, 0), optional_arg(args, 1)) : NULL;
    case BUILTIN_ISINSTANCE: case BUILTIN_ISSUBCLASS: case BUILTIN_DIVMOD:
        if (!check_arg_range(args, name, 2, 2))
            return NULL;
        switch (id) {
        case BUILTIN_ISINSTANCE: return rt_builtin_isinstance(arg_at(args, 0), arg_at(args, 1));
        case BUILTIN_ISSUBCLASS: return rt_builtin_issubclass(arg_at(args, 0), arg_at(args, 1));
        default: return rt_builtin_divmod(arg_at(args, 0), arg_at(args, 1));
        }
    case BUILTIN_TYPE:
        if (n == 3)
            return type_call3(args, kwargs); /* class.c */
        if (n != 1) {
            err_format(&type_type_error, "type() takes 1 or 3 arguments");
            return NULL;
        }
        return rt_builtin_type(arg_at(args, 0));
    case BUILTIN_ID: case BUILTIN_CALLABLE: case BUILTIN_HASH: case BUILTIN_HEX: case BUILTIN_OCT:
    case BUILTIN_BIN: case BUILTIN_ORD: case BUILTIN_CHR: case BUILTIN_ASCII:
        if (!check_exactly_one(args, name))
            return NULL;
        switch (id) {
        case BUILTIN_ID: return rt_builtin_id(arg_at(args, 0));
        case BUILTIN_CALLABLE: return rt_builtin_callable(arg_at(args, 0));
        case BUILTIN_HASH: return rt_builtin_hash(arg_at(args, 0));
        case BUILTIN_HEX: return rt_builtin_hex(arg_at(args, 0));
        case BUILTIN_OCT: return rt_builtin_oct(arg_at(args, 0));
        case BUILTIN_BIN: return rt_builtin_bin(arg_at(args, 0));
        case BUILTIN_ORD: return rt_builtin_ord(arg_at(args, 0));
        case BUILTIN_CHR: return rt_builtin_chr(arg_at(args, 0));
        default: return rt_builtin_ascii(arg_at(args, 0));
        }
    case BUILTIN_ROUND:
        /* round takes keywords in CPython and words its arity errors accordingly */
        if (n == 0) {
            err_format(&type_type_error, "round() missing required argument 'number' (pos 1)");
            return NULL;
        }
        if (n > 2) {
            err_format(&type_type_error, "round() takes at most 2 arguments (%d given)", n);
            return NULL;
        }
        return rt_builtin_round2(arg_at(args, 0), n > 1 ? arg_at(args, 1) : rt_none());
    case BUILTIN_POW:
        return check_arg_range(args, name, 2, 3) ? rt_builtin_pow3(arg_at(args, 0), arg_at(args, 1), n > 2 ? arg_at(args, 2) : rt_none()) : NULL;
    case BUILTIN_BYTES:
        return check_arg_range(args, name, 0, 1) ? rt_builtin_bytes(optional_arg(args, 0)) : NULL;
    case BUILTIN_SUM:
        if (n == 0) {
            err_format(&type_type_error, "sum() takes at least 1 positional argument (0 given)");
            return NULL;
        }
        return check_arg_range(args, name, 1, 2) ? rt_builtin_sum(arg_at(args, 0), optional_arg(args, 1)) : NULL;
    case BUILTIN_RANGE:
        if (!check_arg_range(args, name, 1, 3))
            return NULL;
        return rt_builtin_range(arg_at(args, 0), optional_arg(args, 1), optional_arg(args, 2));
    case BUILTIN_REVERSED:
        return check_arg_range(args, name, 1, 1) ? rt_builtin_reversed(arg_at(args, 0)) : NULL;
    case BUILTIN_SLICE:
        return check_arg_range(args, name, 1, 3) ? rt_builtin_slice(arg_at(args, 0), optional_arg(args, 1), optional_arg(args, 2)) : NULL;
    case BUILTIN_MAP: {
        if (n < 2) {
            err_format(&type_type_error, "map() must have at least two arguments.");
            return NULL;
        }
        Obj *iterables = tuple_new(n - 1);
        if (!iterables)
            return NULL;
        for (int32_t i = 1; i < n; i++)
            ((TupleObj *)iterables)->items[i - 1] = new_ref(arg_at(args, i));
        Obj *m = rt_builtin_map(arg_at(args, 0), iterables);
        rt_decref(iterables);
        return m;
    }
    case BUILTIN_FILTER:
        if (n != 2) { /* CPython's filter words its arity error unlike the other builtins */
            err_format(&type_type_error, "filter expected 2 arguments, got %d", n);
            return NULL;
        }
        return rt_builtin_filter(arg_at(args, 0), arg_at(args, 1));
    default: break;
    }
    if (id == BUILTIN_INT && n >= 2) { /* int(x, base), e.g. map(int, texts, bases) */
        if (n > 2) {
            err_format(&type_type_error, "int() takes at most 2 arguments (%d given)", n);
            return NULL;
        }
        return rt_builtin_int2(arg_at(args, 0), arg_at(args, 1));
    }
    /* the conversions: zero arguments give the type's empty/zero value */
    if (!check_arg_range(args, name, 0, 1))
        return NULL;
    Obj *x = optional_arg(args, 0);
    switch (id) {
    case BUILTIN_INT: return x ? rt_builtin_int(x) : small_int_make(0);
    case BUILTIN_FLOAT: return x ? rt_builtin_float(x) : float_from_double(0.0);
    case BUILTIN_BOOL: return x ? rt_builtin_bool(x) : bool_obj(false);
    case BUILTIN_LIST: return rt_builtin_list(x);
    case BUILTIN_TUPLE: return rt_builtin_tuple(x);
    case BUILTIN_SET: return rt_builtin_set(x);
    default: return rt_builtin_frozenset(x);
    }
}

/* The builtin id a callable type stands for, or -1. */
static int32_t builtin_id_of_type(const Type *t) {
    switch ((TypeId)t->id) {
    case TYPE_ID_STR: return BUILTIN_STR;
    case TYPE_ID_INT: return BUILTIN_INT;
    case TYPE_ID_FLOAT: return BUILTIN_FLOAT;
    case TYPE_ID_BOOL: return BUILTIN_BOOL;
    case TYPE_ID_LIST: return BUILTIN_LIST;
    case TYPE_ID_TUPLE: return BUILTIN_TUPLE;
    case TYPE_ID_DICT: return BUILTIN_DICT;
    case TYPE_ID_SET: return BUILTIN_SET;
    case TYPE_ID_FROZENSET: return BUILTIN_FROZENSET;
    case TYPE_ID_REVERSED: return BUILTIN_REVERSED;
    case TYPE_ID_ENUMERATE: return BUILTIN_ENUMERATE;
    case TYPE_ID_ZIP: return BUILTIN_ZIP;
    case TYPE_ID_MAP: return BUILTIN_MAP;
    case TYPE_ID_FILTER: return BUILTIN_FILTER;
    case TYPE_ID_RANGE: return BUILTIN_RANGE;
    case TYPE_ID_BYTES: return BUILTIN_BYTES;
    case TYPE_ID_TYPE: return BUILTIN_TYPE;
    case TYPE_ID_SLICE: return BUILTIN_SLICE;
    default: return -1;
    }
}

Obj *rt_call(Obj *callable, Obj *args, Obj *kwargs) {
    if (kwargs && ((DictObj *)kwargs)->used == 0)
        kwargs = NULL;
    if (is_class_receiver(callable) && type_id_of(callable) != TYPE_ID_TYPE)
        return keywords_are_strings(kwargs) ? classes_call(callable, args, kwargs) : NULL; /* class.c */
    switch (type_id_of(callable)) {
    case TYPE_ID_FUNCTION:
        return keywords_are_strings(kwargs) ? func_call(callable, args, kwargs) : NULL; /* func.c */
    case TYPE_ID_BUILTIN_FUNCTION: {
        BuiltinFuncObj *f = (BuiltinFuncObj *)callable;
        if (!keywords_are_strings(kwargs))
            return NULL;
        /* A module's functions go through the link-time hook, so that only the
         * modules a program imports are linked into it. */
        if (f->id >= RANDOM_FUNCTION_FIRST)
            return taipan_module_call(MODULE__TAIPAN_RANDOM, callable, args, kwargs);
        if (f->id >= OS_FUNCTION_FIRST)
            return taipan_module_call(MODULE__TAIPAN_OS, callable, args, kwargs);
        if (f->id >= MATH_FUNCTION_FIRST)
            return taipan_module_call(MODULE_MATH, callable, args, kwargs);
        if (f->id >= SYS_FUNCTION_FIRST)
            return taipan_module_call(MODULE_SYS, callable, args, kwargs);
        return call_builtin((BuiltinId)f->id, f->name, args, kwargs);
    }
    case TYPE_ID_TYPE: {
        const Type *t = (const Type *)callable;
        if (type_is_user_class(t) || is_class_machinery_id(t->id))
            return keywords_are_strings(kwargs) ? classes_call(callable, args, kwargs) : NULL; /* class.c */
        if (is_exception_type(t))
            return exc_type_call(t, args, kwargs); /* exc.c: refuses every keyword itself */
        if (t->id == TYPE_ID_NONE) { /* type(None)() is None */
            if (((TupleObj *)args)->length > 0 || kwargs) {
                err_format(&type_type_error, "NoneType takes no arguments");
                return NULL;
            }
            return rt_none();
        }
        if (!keywords_are_strings(kwargs))
            return NULL;
        int32_t id = builtin_id_of_type(t);
        if (id >= 0)
            return call_builtin((BuiltinId)id, t->name, args, kwargs);
        if (t == &type_none) { /* type(None)() is None */
            if (args_count(args) > 0 || kwargs) {
                err_format(&type_type_error, "NoneType takes no arguments");
                return NULL;
            }
            return rt_none();
        }
        err_format(&type_type_error, "cannot create '%s' instances", t->name);
        return NULL;
    }
    default:
        err_format(&type_type_error, "'%T' object is not callable", callable);
        return NULL;
    }
}

/* ---- call-site unpacking: f(*a, **k) ---------------------------------------- */

/* CPython's description of a callee in call-site errors: "module.qualname()"
 * for a function whose __module__ is not builtins/None, "name()" for
 * builtins and types (and for a str naming a builtin the compiler lowers
 * inline), str(x) for anything else. */
static Obj *callee_description(Obj *callee) {
    StrBuf b;
    strbuf_init(&b);
    switch (type_id_of(callee)) {
    case TYPE_ID_FUNCTION: {
        FuncObj *f = (FuncObj *)callee;
        if (!f->module) {
            strbuf_append_cstr(&b, f->code->module_name ? f->code->module_name : "__main__");
            strbuf_append_char(&b, '.');
        } else if (type_id_of(f->module) != TYPE_ID_NONE &&
                   !(is_str(f->module) && str_equals_ascii(f->module, "builtins"))) {
            Obj *text = rt_str(f->module);
            if (!text) {
                strbuf_release(&b);
                return NULL;
            }
            strbuf_append_str_obj(&b, text);
            rt_decref(text);
            strbuf_append_char(&b, '.');
        }
        strbuf_append_str_obj(&b, f->qualname);
        break;
    }
    case TYPE_ID_BUILTIN_FUNCTION: strbuf_append_cstr(&b, ((BuiltinFuncObj *)callee)->name); break;
    case TYPE_ID_TYPE: strbuf_append_cstr(&b, ((const Type *)callee)->name); break;
    /* A str names a builtin the compiler lowers itself rather than calling (print). */
    case TYPE_ID_STR: strbuf_append_str_obj(&b, callee); break;
    default:
        strbuf_release(&b);
        return rt_str(callee);
    }
    strbuf_append_cstr(&b, "()");
    return strbuf_finish(&b);
}

static void raise_about_callee(Obj *callee, const char *fmt, Obj *arg) {
    Obj *what = callee_description(callee);
    if (what)
        err_format(&type_type_error, fmt, what, arg);
    rt_decref(what);
}

int32_t rt_call_args_extend(Obj *list, Obj *iterable, Obj *callee) {
    /* Only a non-iterable is reworded; errors raised while iterating pass through. */
    if (!is_iterable(iterable)) {
        raise_about_callee(callee, "%S argument after * must be an iterable, not %T", iterable);
        return -1;
    }
    return list_extend(list, iterable);
}

/* Non-str keys are merged as CPython does; rt_call refuses them later. */
int32_t rt_call_kwargs_merge(Obj *dict, Obj *mapping, Obj *callee) {
    if (!is_dict(mapping)) {
        raise_about_callee(callee, "%S argument after ** must be a mapping, not %T", mapping);
        return -1;
    }
    DictObj *m = (DictObj *)mapping;
    for (int32_t i = 0; i < m->entries_len; i++) {
        Obj *key = m->entries[i].key;
        if (!key)
            continue;
        int32_t status = 0;
        if (dict_lookup(dict, key, &status)) {
            Obj *text = rt_str(key); /* CPython names a non-str key by its str() */
            if (text)
                raise_about_callee(callee, "%S got multiple values for keyword argument '%S'", text);
            rt_decref(text);
            return -1;
        }
        if (status < 0 || dict_set(dict, key, m->entries[i].value) < 0)
            return -1;
    }
    return 0;
}

Obj *call_with_one_arg(Obj *callable, Obj *arg) {
    Obj *args = tuple_new(1);
    if (!args)
        return NULL;
    ((TupleObj *)args)->items[0] = new_ref(arg);
    Obj *r = rt_call(callable, args, NULL);
    rt_decref(args);
    return r;
}
