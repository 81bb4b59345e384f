/*
 * test_builtins.c — replays builtin_cases.inc (gen_builtin_cases.py, CPython
 * 3.11 as the oracle): isinstance/issubclass/type/callable/divmod, type and
 * builtin-function attributes, class methods, bytes and the codecs. Plus
 * hand-written checks: id(), input() over a scripted stdin, immortal bytes
 * constants and refcounts. #included by test_runtime.c (shares its helpers
 * and decode_value from test_str_methods.c).
 *
 * Invariant: every group releases what it creates (live count unchanged).
 */

/* Named builtin values for the 't' tag: types, exception types, builtin
 * functions. */
static Obj *named_object(const char *name, size_t n) {
    static const struct { const char *name; const Type *type; } types[] = {
        {"int", &type_int}, {"bool", &type_bool}, {"float", &type_float}, {"str", &type_str},
        {"list", &type_list}, {"tuple", &type_tuple}, {"dict", &type_dict}, {"set", &type_set},
        {"frozenset", &type_frozenset}, {"range", &type_range}, {"NoneType", &type_none},
        {"bytes", &type_bytes}, {"type", &type_type}, {"enumerate", &type_enumerate}, {"zip", &type_zip},
        {"reversed", &type_reversed},
        {"BaseException", &type_base_exception}, {"Exception", &type_exception},
        {"ArithmeticError", &type_arithmetic_error}, {"ZeroDivisionError", &type_zero_division_error},
        {"OverflowError", &type_overflow_error}, {"LookupError", &type_lookup_error},
        {"IndexError", &type_index_error}, {"KeyError", &type_key_error}, {"ValueError", &type_value_error},
        {"TypeError", &type_type_error}, {"NameError", &type_name_error},
        {"UnboundLocalError", &type_unbound_local_error}, {"RuntimeError", &type_runtime_error},
        {"RecursionError", &type_recursion_error}, {"NotImplementedError", &type_not_implemented_error},
        {"MemoryError", &type_memory_error}, {"AttributeError", &type_attribute_error},
        {"AssertionError", &type_assertion_error}, {"StopIteration", &type_stop_iteration},
        {"EOFError", &type_eof_error}, {"UnicodeError", &type_unicode_error},
        {"UnicodeEncodeError", &type_unicode_encode_error}, {"UnicodeDecodeError", &type_unicode_decode_error},
    };
    static const struct { const char *name; int32_t id; } functions[] = {
        {"len", BUILTIN_LEN}, {"abs", BUILTIN_ABS}, {"repr", BUILTIN_REPR}, {"sorted", BUILTIN_SORTED},
        {"sum", BUILTIN_SUM}, {"min", BUILTIN_MIN}, {"max", BUILTIN_MAX}, {"any", BUILTIN_ANY},
        {"all", BUILTIN_ALL}, {"iter", BUILTIN_ITER}, {"next", BUILTIN_NEXT}, {"format", BUILTIN_FORMAT},
    };
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
        if (strlen(types[i].name) == n && !strncmp(types[i].name, name, n))
            return (Obj *)types[i].type;
    for (size_t i = 0; i < sizeof functions / sizeof functions[0]; i++)
        if (strlen(functions[i].name) == n && !strncmp(functions[i].name, name, n))
            return rt_builtin_object(functions[i].id);
    for (int32_t id = 0; id < TYPE_ID_COUNT; id++) { /* the rest through rt_type_object */
        Obj *t = rt_type_object(id);
        if (t && strlen(((Type *)t)->name) == n && !strncmp(((Type *)t)->name, name, n))
            return t;
    }
    fprintf(stderr, "unknown named object %.*s\n", (int)n, name);
    abort();
}

typedef struct BuiltinCase {
    const char *kind, *self, *args, *kwargs, *want;
} BuiltinCase;

static const BuiltinCase builtin_cases[] = {
#include "builtin_cases.inc"
};

static Obj *bool_status(int32_t status) { return status < 0 ? NULL : rt_bool_from_i32(status); }

static Obj *run_builtin_case(const BuiltinCase *c, Obj *self, Obj *args, Obj *kwargs) {
    const char *kind = c->kind;
    Obj **a = ((TupleObj *)args)->items;
    if (!strncmp(kind, "m:", 2)) {
        Obj *name = str_from_ascii(kind + 2);
        Obj *r = rt_call_method(self, name, args, kwargs);
        rt_decref(name);
        return r;
    }
    if (!strcmp(kind, "isinstance")) return rt_builtin_isinstance(self, a[0]);
    if (!strcmp(kind, "issubclass")) return rt_builtin_issubclass(self, a[0]);
    if (!strcmp(kind, "type")) return new_ref(rt_builtin_type(self));
    if (!strcmp(kind, "typename")) {
        Obj *name = str_from_ascii("__name__");
        Obj *r = rt_getattr(rt_builtin_type(self), name);
        rt_decref(name);
        return r;
    }
    if (!strcmp(kind, "callable")) return rt_builtin_callable(self);
    if (!strcmp(kind, "divmod")) return rt_builtin_divmod(self, a[0]);
    if (!strcmp(kind, "getattr")) return rt_getattr(self, a[0]);
    if (!strcmp(kind, "check")) return rt_check_method(self, a[0]) == 0 ? new_ref(rt_none()) : NULL;
    if (!strcmp(kind, "int2")) return rt_builtin_int2(self, a[0]);
    if (!strcmp(kind, "translate_with")) {
        Obj *name = str_from_ascii("maketrans");
        Obj *table = rt_call_method((Obj *)&type_str, name, args, NULL);
        rt_decref(name);
        if (!table)
            return NULL;
        name = str_from_ascii("translate");
        Obj *one = tuple_new(1);
        ((TupleObj *)one)->items[0] = table;
        Obj *r = rt_call_method(self, name, one, NULL);
        rt_decref(one);
        rt_decref(name);
        return r;
    }
    if (!strcmp(kind, "repr")) return rt_repr(self);
    if (!strcmp(kind, "hash")) return rt_builtin_hash(self);
    if (!strcmp(kind, "len")) return rt_builtin_len(self);
    if (!strcmp(kind, "list")) return rt_builtin_list(self);
    if (!strcmp(kind, "truthy")) return rt_bool_from_i32(rt_truthy(self));
    if (!strcmp(kind, "add")) return rt_add(self, a[0]);
    if (!strcmp(kind, "mul")) return rt_mul(self, a[0]);
    if (!strcmp(kind, "eq")) return rt_eq(self, a[0]);
    if (!strcmp(kind, "ne")) return rt_ne(self, a[0]);
    if (!strcmp(kind, "lt")) return rt_lt(self, a[0]);
    if (!strcmp(kind, "le")) return rt_le(self, a[0]);
    if (!strcmp(kind, "gt")) return rt_gt(self, a[0]);
    if (!strcmp(kind, "ge")) return rt_ge(self, a[0]);
    if (!strcmp(kind, "contains")) return bool_status(rt_contains(self, a[0]));
    if (!strcmp(kind, "getitem")) return rt_getitem(self, a[0]);
    if (!strcmp(kind, "slice")) {
        Obj *s = rt_slice_new(a[0], a[1], a[2]);
        Obj *r = rt_getitem(self, s);
        rt_decref(s);
        return r;
    }
    if (!strcmp(kind, "bytes")) {
        /* also through rt_call of the type object, which must agree */
        Obj *via_call = rt_call((Obj *)&type_bytes, args, NULL);
        Obj *r = rt_builtin_bytes(((TupleObj *)args)->length ? a[0] : NULL);
        if ((via_call == NULL) != (r == NULL) || (r && rt_eq(r, via_call) != rt_true()))
            record(0, "bytes() and rt_call(bytes) agree", "differ", "same", __LINE__);
        rt_decref(via_call);
        rt_err_clear();
        if (!r)
            r = rt_builtin_bytes(((TupleObj *)args)->length ? a[0] : NULL);
        return r;
    }
    fprintf(stderr, "unknown builtin case kind %s\n", kind);
    abort();
}

static void test_builtin_cases(void) {
    for (size_t i = 0; i < sizeof builtin_cases / sizeof builtin_cases[0]; i++) {
        const BuiltinCase *c = &builtin_cases[i];
        Obj *self = decode(c->self);
        Obj *args = decode(c->args);
        Obj *kwargs = *c->kwargs ? decode(c->kwargs) : NULL;
        char *got = outcome(run_builtin_case(c, self, args, kwargs));
        report_case(c->kind, self, args, kwargs != NULL, got, c->want, __LINE__);
        free(got);
        rt_decref(self);
        rt_decref(args);
        rt_decref(kwargs);
    }
}

static void test_builtin_handwritten(void) {
    /* repr's small isprintable table agrees with the property records for
     * every code point */
    uint32_t mismatches = 0;
    for (uint32_t cp = 0; cp <= 0x10FFFF; cp++)
        mismatches += unicode_is_printable(cp) != ((unicode_flags(cp) & UFLAG_PRINTABLE) != 0 ||
                                                   (cp >= 0x20 && cp < 0x7F));
    record(mismatches == 0, "printable table matches the records", "mismatch", "none", __LINE__);

    /* id(): stable for a value, distinct for distinct live objects; tagged
     * ints give their odd tagged word */
    Obj *five = small_int_make(5);
    Obj *id5 = rt_builtin_id(five);
    CHECK_TEXT("id of a small int is its tagged word", outcome(id5), "11");
    Obj *l1 = rt_list_new(0), *l2 = rt_list_new(0);
    Obj *i1 = rt_builtin_id(l1), *i2 = rt_builtin_id(l2), *i1b = rt_builtin_id(l1);
    CHECK_TEXT("id differs between objects", outcome(rt_ne(i1, i2)), "True");
    CHECK_TEXT("id is stable", outcome(rt_eq(i1, i1b)), "True");
    rt_decref(i1);
    rt_decref(i2);
    rt_decref(i1b);
    rt_decref(l1);
    rt_decref(l2);

    /* bytes constants are immortal and shared by slicing the whole */
    Obj *k = rt_const_bytes("ab\0c", 4);
    CHECK_TEXT("const bytes repr", outcome(rt_repr(k)), "\"b'ab\\\\x00c'\"");
    int32_t live = rt_live_objects();
    Obj *whole = rt_slice_new(rt_none(), rt_none(), rt_none());
    Obj *same = rt_getitem(k, whole);
    record(same == k, "b[:] returns the same bytes", "copy", "same", __LINE__);
    rt_decref(same);
    rt_decref(whole);
    Obj *it = rt_get_iter(k);
    Obj *dunder_name = str_from_ascii("__name__");
    CHECK_TEXT("bytes iterator type", outcome(rt_getattr(rt_builtin_type(it), dunder_name)), "'bytes_iterator'");
    rt_decref(dunder_name);
    rt_decref(it);
    record(rt_live_objects() == live, "bytes iteration releases", "leak", "none", __LINE__);

    /* input(): prompt written and flushed, the line without its newline,
     * "\r\n" handled, a last line without newline, then EOFError */
    shim_set_stdin("first\nsecond\r\n\nlast");
    shim_capture_begin();
    Obj *prompt = str_from_ascii("> ");
    Obj *a = rt_builtin_input(prompt);
    Obj *b = rt_builtin_input(NULL);
    Obj *c = rt_builtin_input(small_int_make(7));
    Obj *d = rt_builtin_input(NULL);
    const ShimCapture *out = shim_capture_end(1);
    CHECK_TEXT("input prompts", strdup(out->bytes), "> 7");
    CHECK_TEXT("input line 1", outcome(a), "'first'");
    CHECK_TEXT("input line 2 (crlf)", outcome(b), "'second'");
    CHECK_TEXT("input empty line", outcome(c), "''");
    CHECK_TEXT("input last line", outcome(d), "'last'");
    CHECK_TEXT("input at EOF", outcome(rt_builtin_input(NULL)), "!EOFError: EOF when reading a line");
    CHECK_TEXT("input stays at EOF", outcome(rt_builtin_input(NULL)), "!EOFError: EOF when reading a line");
    rt_decref(prompt);
    shim_set_stdin(NULL);
}
