/*
 * case_decoder.c — the decoding/compare/report helpers shared by the
 * replayers of the python3-oracle case tables (test_str_methods.c,
 * test_format.c, test_builtins.c). #included by test_runtime.c (before
 * them) so it shares its record/outcome/utf8_of helpers; the matching
 * encoder is oracle_encoding.py.
 *
 * Encoding: s<n>:<utf-8> str, i<int>; int, f<repr>; float, N None, T True,
 * F False, (..) tuple, [..] list, {k v ..} dict; gen_builtin_cases.py adds
 * b<n>:<bytes>, t<name>; named builtin, X<list> set, Z<list> frozenset,
 * R<tuple> range (test_format.c's format_decode_value adds its own R and <..>).
 *
 * Invariant: every decoded value is a new reference; report_case releases
 * what it creates.
 */

/* Decodes the container at *p ('(' tuple, '[' list, '{' dict), reading its
 * items with `item` (so an extended decoder recurses into itself). */
static Obj *decode_compound(const char **p, Obj *(*item)(const char **)) {
    char tag = *(*p)++;
    if (tag == '{') {
        Obj *d = rt_dict_new();
        while (**p != '}') {
            Obj *k = item(p);
            Obj *v = item(p);
            rt_dict_setitem(d, k, v);
            rt_decref(k);
            rt_decref(v);
        }
        (*p)++;
        return d;
    }
    Obj *l = rt_list_new(0);
    while (**p != (tag == '(' ? ')' : ']')) {
        Obj *v = item(p);
        list_append(l, v);
        rt_decref(v);
    }
    (*p)++;
    if (tag == '[')
        return l;
    Obj *t = rt_builtin_tuple(l);
    rt_decref(l);
    return t;
}

static Obj *named_object(const char *name, size_t n); /* test_builtins.c */

/* Decodes gen_str_cases.py's length-prefixed value encoding (new ref), plus
 * gen_builtin_cases.py's tags for bytes, named builtins, sets and ranges. */
static Obj *decode_value(const char **p) {
    char tag = *(*p)++;
    switch (tag) {
    case 'b': {
        char *colon;
        long n = strtol(*p, &colon, 10);
        Obj *b = bytes_from((const uint8_t *)colon + 1, (int32_t)n);
        *p = colon + 1 + n;
        return b;
    }
    case 't': {
        const char *semi = strchr(*p, ';');
        Obj *o = named_object(*p, (size_t)(semi - *p));
        *p = semi + 1;
        return o;
    }
    case 'X': case 'Z': case 'R': {
        Obj *inner = decode_value(p);
        Obj *r;
        if (tag == 'X')
            r = rt_builtin_set(inner);
        else if (tag == 'Z')
            r = rt_builtin_frozenset(inner);
        else
            r = rt_builtin_range(((TupleObj *)inner)->items[0], ((TupleObj *)inner)->items[1],
                                 ((TupleObj *)inner)->items[2]);
        rt_decref(inner);
        return r;
    }
    case 'N': return rt_none();
    case 'T': return rt_true();
    case 'F': return rt_false();
    case 's': {
        char *colon;
        long n = strtol(*p, &colon, 10);
        Obj *s = str_from_utf8(colon + 1, (int32_t)n);
        *p = colon + 1 + n;
        return s;
    }
    case 'i': case 'f': {
        const char *semi = strchr(*p, ';');
        char *text = strndup(*p, (size_t)(semi - *p)); /* ints may have thousands of digits */
        *p = semi + 1;
        Obj *v;
        if (tag == 'f') {
            v = float_from_double(strtod(text, NULL));
        } else {
            Obj *digits = str_from_ascii(text);
            v = int_parse_decimal(digits);
            rt_decref(digits);
        }
        free(text);
        return v;
    }
    case '(': case '[': case '{':
        (*p)--;
        return decode_compound(p, decode_value);
    default:
        fprintf(stderr, "bad encoded value at %s\n", *p - 1);
        abort();
    }
}

static Obj *decode(const char *text) { return decode_value(&text); }


/* Records one replayed case: a pass, or a failure naming the kind and the
 * reprs of self and args (a repr that fails shows as "?"). */
static void report_case(const char *kind, Obj *self, Obj *args, bool has_kwargs, const char *got,
                        const char *want, int line) {
    if (strcmp(got, want) == 0) {
        record(1, "", "", "", line);
        return;
    }
    Obj *self_repr = rt_repr(self);
    Obj *args_repr = rt_repr(args);
    char *sr = self_repr ? utf8_of(self_repr) : strdup("?"), *ar = args_repr ? utf8_of(args_repr) : strdup("?");
    rt_err_clear();
    char what[600];
    snprintf(what, sizeof what, "%s on %.200s args %.200s%s", kind, sr, ar, has_kwargs ? " +kwargs" : "");
    record(0, what, got, want, line);
    free(sr);
    free(ar);
    rt_decref(self_repr);
    rt_decref(args_repr);
}
