/*
 * func.c — Python function objects: creation, str(), and the arity check
 * performed before the compiler's indirect call through its own table.
 *
 * Invariants:
 *  - A function owns a reference to its name; param_names is static data
 *    (nparams NUL-terminated UTF-8 names laid end to end) and never freed.
 *  - Only exact positional arity is supported for now; errors reproduce
 *    CPython's wording including singular/plural and the name lists.
 */
#include "taipan_internal.h"
#include <string.h>

Obj *rt_func_new(Obj *name, int32_t nparams, int32_t table_index, const char *param_names) {
    FuncObj *f = (FuncObj *)obj_alloc(&type_function, sizeof(FuncObj));
    if (!f)
        return NULL;
    f->name = new_ref(name);
    f->nparams = nparams;
    f->table_index = table_index;
    f->param_names = param_names;
    return (Obj *)f;
}

Obj *func_repr(Obj *o) {
    static const char hex[] = "0123456789abcdef";
    const FuncObj *f = (const FuncObj *)o;
    uintptr_t address = (uintptr_t)o - platform_memory_base();
    char digits[2 * sizeof(uintptr_t) + 1];
    int n = 0;
    do {
        digits[n++] = hex[address & 0xF];
        address >>= 4;
    } while (address);
    StrBuf b;
    strbuf_init(&b);
    strbuf_append_cstr(&b, "<function ");
    strbuf_append_str_obj(&b, f->name);
    strbuf_append_cstr(&b, " at 0x");
    while (n > 0)
        strbuf_append_char(&b, digits[--n]);
    strbuf_append_char(&b, '>');
    return strbuf_finish(&b);
}

static const char *param_name_at(const FuncObj *f, int32_t index) {
    const char *p = f->param_names;
    for (int32_t i = 0; i < index; i++)
        p += strlen(p) + 1;
    return p;
}

static void raise_missing(const FuncObj *f, int32_t nargs) {
    int32_t missing = f->nparams - nargs;
    StrBuf names;
    strbuf_init(&names);
    for (int32_t k = 0; k < missing; k++) {
        if (k > 0) {
            /* 'a' and 'b' for two; 'a', 'b', and 'c' for more */
            if (missing > 2)
                strbuf_append_cstr(&names, ",");
            strbuf_append_cstr(&names, k == missing - 1 ? " and " : " ");
        }
        strbuf_append_char(&names, '\'');
        strbuf_append_cstr(&names, param_name_at(f, nargs + k));
        strbuf_append_char(&names, '\'');
    }
    strbuf_append_char(&names, '\0');
    if (names.failed) {
        strbuf_release(&names);
        err_no_memory();
        return;
    }
    err_format(&type_type_error, "%S() missing %d required positional argument%s: %s",
               f->name, missing, missing == 1 ? "" : "s", names.bytes);
    strbuf_release(&names);
}

int32_t rt_func_prepare_call(Obj *callee, int32_t nargs) {
    TypeId id = type_id_of(callee);
    /* Builtins and types are callable too, through rt_call with an argument tuple. */
    if (id == TYPE_ID_BUILTIN_FUNCTION || id == TYPE_ID_TYPE)
        return RT_CALL_GENERIC;
    if (id != TYPE_ID_FUNCTION) {
        err_format(&type_type_error, "'%T' object is not callable", callee);
        return -1;
    }
    const FuncObj *f = (const FuncObj *)callee;
    if (nargs == f->nparams)
        return f->table_index;
    if (nargs > f->nparams) {
        err_format(&type_type_error, "%S() takes %d positional argument%s but %d %s given",
                   f->name, f->nparams, f->nparams == 1 ? "" : "s", nargs,
                   nargs == 1 ? "was" : "were");
    } else {
        raise_missing(f, nargs);
    }
    return -1;
}
