/*
 * sysmodule.c — module objects and the sys module (math lives in
 * mathmodule.c; rt_import_builtin routes to it): `import sys` / `from sys import x` (rt_import_builtin,
 * rt_import_from), attribute access on modules, sys's functions (exit,
 * getrecursionlimit, setrecursionlimit, intern), the sys.stdin /
 * sys.stdout / sys.stderr stream objects (CPython's TextIOWrapper: write,
 * flush, readline, read, readlines, iteration), sys.modules and sys's
 * struct sequences (version_info, float_info).
 *
 * Invariants:
 *  - A module object is static and immortal; its attributes live in a heap
 *    dict built on the first import. modules_release (called by rt_fini)
 *    drops that dict, so everything a program stored in sys is freed and the
 *    debug live count still ends at 0. The dict is referenced from an
 *    untracked static object, so the cycle collector always sees it as
 *    reachable from outside.
 *  - sys's functions are static builtin_function_or_method objects whose ids
 *    (SysFunctionId) lie beyond every BuiltinId; rt_call routes those ids
 *    here. Nothing reachable from rt_call or rt_call_method touches the WASI
 *    argument calls: only building the module does (sys.argv), so programs
 *    that never import sys import no args_get/args_sizes_get.
 *  - sys.stdout writes go through io.c's stdout buffer, sys.stderr writes
 *    through its stderr path (which flushes stdout first) and are flushed
 *    at each newline, like CPython's line-buffered stderr.
 *  - sys.stdin reads through input.c (one buffer shared with input()), and
 *    only through sys's link-time hook (the SYS_STDIN_* ids): stream methods
 *    and iteration are reachable from every program, the hook's sys branch
 *    only from programs importing sys, so only those link fd_read.
 *  - sys.modules is a dict in sys's dict, built on the first `import sys`
 *    from the modules imported so far and kept current by rt_import_builtin
 *    and rt_import_module (a program module is added when its body starts
 *    and dropped again if the body raises). modules_dict borrows it; it is
 *    cleared with sys's dict. The entry script (__main__) is not a module
 *    object in Taipan and is absent.
 */
#include "taipan_internal.h"
#include <string.h>

#define STATIC_HEADER(type_ptr) {IMMORTAL_REFCNT, (type_ptr)}

Type type_module = {STATIC_HEADER(&type_type), "module", TYPE_ID_MODULE, NULL, 0};
Type type_text_io = {STATIC_HEADER(&type_type), "TextIOWrapper", TYPE_ID_TEXT_IO, NULL, 0};

TextIOObj sys_stdin_object = {STATIC_HEADER(&type_text_io), 0};
TextIOObj sys_stdout_object = {STATIC_HEADER(&type_text_io), 1};
TextIOObj sys_stderr_object = {STATIC_HEADER(&type_text_io), 2};

static ModuleObj sys_module = {.header = STATIC_HEADER(&type_module), .name = "sys"};

/* sys.modules (borrowed from sys's dict; NULL until sys is imported) and the
 * runtime's own modules imported so far, by BuiltinModuleId. */
static Obj *modules_dict;
static ModuleObj *builtin_modules_imported[MODULE_COUNT];
/* Program modules imported so far (loaded or partially), newest first. */
static ModuleObj *imported_modules;

#define SYS_FUNCTION(id, name) {STATIC_HEADER(&type_builtin_function), id, name}
static BuiltinFuncObj sys_functions[] = {
    SYS_FUNCTION(SYS_EXIT, "exit"),
    SYS_FUNCTION(SYS_GETRECURSIONLIMIT, "getrecursionlimit"),
    SYS_FUNCTION(SYS_SETRECURSIONLIMIT, "setrecursionlimit"),
    SYS_FUNCTION(SYS_INTERN, "intern"),
};

/* sys.stdin's methods, called through the hook (never stored in sys's dict). */
static BuiltinFuncObj stdin_functions[] = {
    SYS_FUNCTION(SYS_STDIN_READLINE, "readline"),
    SYS_FUNCTION(SYS_STDIN_READ, "read"),
    SYS_FUNCTION(SYS_STDIN_READLINES, "readlines"),
    SYS_FUNCTION(SYS_STDIN_NEXT, "__next__"),
};

/* ---- building sys ---------------------------------------------------------- */

/* sys.argv from the WASI arguments. CPython always has at least argv[0]
 * (the empty string when the host passes nothing). */
static Obj *build_argv(void) {
    uint32_t argc = 0, buf_size = 0;
    if (!platform_args_sizes(&argc, &buf_size))
        argc = buf_size = 0;
    uint32_t pointers_bytes = (argc + 1) * (uint32_t)sizeof(uint8_t *);
    uint8_t **argv = heap_alloc(pointers_bytes);
    uint8_t *buf = heap_alloc(buf_size + 1);
    Obj *list = NULL;
    if (!argv || !buf) {
        err_no_memory();
        goto done;
    }
    if (argc > 0 && !platform_args_get(argv, buf))
        argc = 0;
    list = list_new(0);
    for (uint32_t i = 0; list && i < argc; i++) {
        uint32_t n = 0;
        while (argv[i][n])
            n++;
        Obj *arg = str_from_utf8((const char *)argv[i], (int32_t)n);
        if (!arg || list_append(list, arg) < 0) {
            rt_decref(arg);
            rt_decref(list);
            list = NULL;
            break;
        }
        rt_decref(arg);
    }
    if (list && argc == 0 && list_append(list, str_empty()) < 0) {
        rt_decref(list);
        list = NULL;
    }
done:
    if (argv)
        heap_free(argv, pointers_bytes);
    if (buf)
        heap_free(buf, buf_size + 1);
    return list;
}


/* ---- struct sequences ---------------------------------------------------------- */

static const char *const version_info_fields[] = {"major", "minor", "micro", "releaselevel", "serial", NULL};
static const char *const float_info_fields[] = {"max", "max_exp", "max_10_exp", "min", "min_exp", "min_10_exp",
                                                "dig", "mant_dig", "epsilon", "radix", "rounds", NULL};
static StructSeqType type_version_info = {
    {STATIC_HEADER(&type_type), "sys.version_info", TYPE_ID_TUPLE, &type_tuple, TYPE_FLAG_STRUCT_SEQ},
    version_info_fields};
static StructSeqType type_float_info = {
    {STATIC_HEADER(&type_type), "sys.float_info", TYPE_ID_TUPLE, &type_tuple, TYPE_FLAG_STRUCT_SEQ},
    float_info_fields};

/* A struct sequence of `type` from its items (stolen; any NULL fails it all). */
static Obj *struct_seq_new(StructSeqType *type, Obj **items, int32_t n) {
    Obj *t = tuple_new(n);
    bool ok = t != NULL;
    for (int32_t i = 0; i < n; i++)
        ok = ok && items[i];
    if (!ok) {
        for (int32_t i = 0; i < n; i++)
            if (items[i])
                rt_decref(items[i]);
        if (t) {
            for (int32_t i = 0; i < n; i++)
                ((TupleObj *)t)->items[i] = small_int_make(0);
            rt_decref(t);
        }
        return NULL;
    }
    for (int32_t i = 0; i < n; i++)
        ((TupleObj *)t)->items[i] = items[i];
    t->type = &type->type; /* same layout: still a tuple to every operation */
    return t;
}

/* (3, 11, 7, 'final', 0): the CPython version whose behaviour Taipan follows. */
static Obj *build_version_info(void) {
    Obj *items[] = {small_int_make(3), small_int_make(11), small_int_make(7), str_from_ascii("final"),
                    small_int_make(0)};
    return struct_seq_new(&type_version_info, items, 5);
}

/* The IEEE 754 binary64 limits (CPython's float_info wherever Taipan runs). */
static Obj *build_float_info(void) {
    Obj *items[] = {float_from_double(1.7976931348623157e308), small_int_make(1024), small_int_make(308),
                    float_from_double(2.2250738585072014e-308), small_int_make(-1021), small_int_make(-307),
                    small_int_make(15), small_int_make(53), float_from_double(2.220446049250313e-16),
                    small_int_make(2), small_int_make(1)};
    return struct_seq_new(&type_float_info, items, 11);
}

static int32_t struct_seq_field(Obj *o, Obj *name) {
    if (!is_str(name))
        return -1;
    const char *const *fields = ((const StructSeqType *)o->type)->fields;
    for (int32_t i = 0; fields[i]; i++)
        if (str_equals_ascii(name, fields[i]))
            return i;
    return -1;
}

bool struct_seq_has_field(Obj *o, Obj *name) { return struct_seq_field(o, name) >= 0; }

Obj *struct_seq_getattr(Obj *o, Obj *name, bool *found) {
    int32_t i = struct_seq_field(o, name);
    *found = i >= 0;
    return *found ? new_ref(((TupleObj *)o)->items[i]) : NULL;
}

/* sys.version_info(major=3, minor=11, ...) */
Obj *struct_seq_repr(Obj *o) {
    const StructSeqType *type = (const StructSeqType *)o->type;
    TupleObj *t = (TupleObj *)o;
    StrBuf b;
    strbuf_init(&b);
    strbuf_append_cstr(&b, type->type.name);
    strbuf_append_char(&b, '(');
    for (int32_t i = 0; i < t->length; i++) {
        if (i > 0)
            strbuf_append_cstr(&b, ", ");
        strbuf_append_cstr(&b, type->fields[i]);
        strbuf_append_char(&b, '=');
        Obj *text = rt_repr(t->items[i]);
        if (!text) {
            strbuf_release(&b);
            return NULL;
        }
        strbuf_append_str_obj(&b, text);
        rt_decref(text);
    }
    strbuf_append_char(&b, ')');
    return strbuf_finish(&b);
}

/* ---- sys.modules ------------------------------------------------------------------- */

static int32_t modules_dict_add(ModuleObj *m) {
    if (!modules_dict)
        return 0;
    Obj *name = str_from_utf8(m->name, (int32_t)strlen(m->name));
    int32_t r = name ? dict_set(modules_dict, name, (Obj *)m) : -1;
    rt_decref(name);
    return r;
}

/* Drops a module whose body raised, keeping that exception pending: the
 * entry's own key is found by scanning values, so nothing is allocated. */
static void modules_dict_discard(ModuleObj *m) {
    if (!modules_dict)
        return;
    DictObj *d = (DictObj *)modules_dict;
    for (int32_t i = 0; i < d->entries_len; i++) {
        if (d->entries[i].key && d->entries[i].value == (Obj *)m) {
            Obj *key = new_ref(d->entries[i].key);
            dict_delete(modules_dict, key);
            rt_decref(key);
            return;
        }
    }
}

/* The modules imported before sys itself: the runtime's, then the program's oldest first. */
static Obj *build_modules_dict(void) {
    Obj *d = dict_new();
    if (!d)
        return NULL;
    modules_dict = d;
    bool ok = modules_dict_add(&sys_module) == 0;
    for (int32_t id = 0; ok && id < MODULE_COUNT; id++)
        if (builtin_modules_imported[id])
            ok = modules_dict_add(builtin_modules_imported[id]) == 0;
    int32_t count = 0;
    for (ModuleObj *m = imported_modules; m; m = m->next)
        count++;
    for (int32_t k = count - 1; ok && k >= 0; k--) {
        ModuleObj *m = imported_modules;
        for (int32_t j = 0; j < k; j++)
            m = m->next;
        if (m->state != MODULE_UNLOADED)
            ok = modules_dict_add(m) == 0;
    }
    modules_dict = NULL; /* rt_import_builtin points it at the dict once sys's dict holds it */
    if (!ok) {
        rt_decref(d);
        return NULL;
    }
    return d;
}

static Obj *build_sys_dict(void) {
    Obj *d = dict_new();
    if (!d)
        return NULL;
    bool ok = dict_put_steal(d, "__name__", str_from_ascii("sys")) && dict_put_steal(d, "argv", build_argv()) &&
              dict_put_steal(d, "byteorder", str_from_ascii("little")) &&
              dict_put_steal(d, "maxsize", int_from_i64(INT64_MAX)) && dict_put_steal(d, "maxunicode", int_from_i64(0x10FFFF)) &&
              dict_put_steal(d, "platform", str_from_ascii("wasi")) &&
              dict_put_steal(d, "version", str_from_ascii("3.11.7 (taipan) [wasm32-wasi]")) &&
              dict_put_steal(d, "hexversion", int_from_i64(0x030B07F0)) &&
              dict_put_steal(d, "version_info", build_version_info()) &&
              dict_put_steal(d, "float_info", build_float_info()) &&
              dict_put_steal(d, "modules", build_modules_dict()) &&
              dict_put_steal(d, "stdin", (Obj *)&sys_stdin_object) &&
              dict_put_steal(d, "stdout", (Obj *)&sys_stdout_object) && dict_put_steal(d, "stderr", (Obj *)&sys_stderr_object);
    for (uint32_t i = 0; ok && i < sizeof sys_functions / sizeof sys_functions[0]; i++)
        ok = dict_put_steal(d, sys_functions[i].name, (Obj *)&sys_functions[i]);
    if (!ok) {
        rt_decref(d);
        return NULL;
    }
    return d;
}

Obj *rt_import_builtin(int32_t module_id) {
    Obj *m;
    if (module_id == MODULE_MATH) {
        m = math_module_import(); /* mathmodule.c */
    } else if (module_id == MODULE__TAIPAN_OS) {
        m = os_module_import(); /* osmodule.c */
    } else if (module_id == MODULE__TAIPAN_RANDOM) {
        m = random_module_import(); /* randommodule.c */
    } else if (module_id == MODULE_SYS) {
        if (!sys_module.dict) {
            sys_module.dict = build_sys_dict();
            if (!sys_module.dict)
                return NULL;
            int32_t status;
            Obj *name = str_from_ascii("modules");
            modules_dict = name ? dict_lookup(sys_module.dict, name, &status) : NULL;
            rt_decref(name);
        }
        m = (Obj *)&sys_module;
    } else {
        err_format(&type_value_error, "unknown builtin module id %d", module_id);
        return NULL;
    }
    if (m && !builtin_modules_imported[module_id]) {
        builtin_modules_imported[module_id] = (ModuleObj *)m;
        if (modules_dict_add((ModuleObj *)m) < 0)
            return NULL;
    }
    return m;
}

/* ---- the program's own modules ------------------------------------------------ */

typedef Obj *(*ModuleBody)(Obj *func);

Obj *rt_import_module(ModuleObj *m) {
    if (m->state != MODULE_UNLOADED)
        return (Obj *)m;
    if (m->parent && !rt_import_module(m->parent))
        return NULL;
    if (m->state != MODULE_UNLOADED) /* the package's body imported it */
        return (Obj *)m;
    if (!m->header.type) {
        m->header.refcnt = IMMORTAL_REFCNT;
        m->header.type = &type_module;
        m->next = imported_modules;
        imported_modules = m;
    }
    m->state = MODULE_INITIALIZING;
    if (modules_dict_add(m) < 0) {
        m->state = MODULE_UNLOADED;
        return NULL;
    }
    /* A table index is a function pointer in wasm: the body's direct entry takes only its (null) function object. */
    Obj *result = ((ModuleBody)(uintptr_t)m->body_index)(NULL);
    if (!result) {
        m->state = MODULE_UNLOADED; /* CPython drops it from sys.modules: the next import runs the body again */
        modules_dict_discard(m);
        return NULL;
    }
    rt_decref(result);
    m->state = MODULE_LOADED;
    if (m->parent) {
        Obj *attr = str_from_utf8(m->attr, (int32_t)strlen(m->attr));
        int32_t status = attr ? module_setattr((Obj *)m->parent, attr, (Obj *)m) : -1;
        rt_decref(attr);
        if (status < 0)
            return NULL;
    }
    return (Obj *)m;
}

/* The cell holding global `name` of a program module, or NULL when the module has no such global. */
static Obj **module_cell(ModuleObj *m, Obj *name) {
    const char *p = m->names;
    for (int32_t i = 0; i < m->ncells; i++, p += strlen(p) + 1)
        if (str_equals_utf8(name, p))
            return &m->cells[i];
    return NULL;
}

void modules_release(void) {
    Obj *d = sys_module.dict;
    sys_module.dict = NULL; /* cleared first: releasing values may run code */
    modules_dict = NULL;
    rt_decref(d);
    math_module_release();
    os_module_release();
    random_module_release();
    for (ModuleObj *m = imported_modules; m; m = m->next) {
        d = m->dict;
        m->dict = NULL;
        rt_decref(d);
    }
}

/* ---- module attributes ----------------------------------------------------- */

static Obj *module_lookup(Obj *module, Obj *name, int32_t *status) {
    *status = 0;
    if (!is_str(name))
        return NULL;
    ModuleObj *m = (ModuleObj *)module;
    Obj **cell = module_cell(m, name);
    if (cell && *cell)
        return *cell;
    Obj *d = m->dict;
    if (!d)
        return NULL;
    return dict_lookup(d, name, status);
}

/* "partially initialized module 'm'" while its body runs, as CPython words it. */
static bool module_initializing(Obj *module) { return ((ModuleObj *)module)->state == MODULE_INITIALIZING; }

bool module_has_attr(Obj *module, Obj *name) {
    int32_t status;
    Obj *value = module_lookup(module, name, &status);
    if (status < 0)
        rt_err_clear(); /* str keys cannot fail to compare; keep the check total */
    return value != NULL;
}

Obj *module_getattr(Obj *module, Obj *name) {
    int32_t status;
    Obj *value = module_lookup(module, name, &status);
    if (value)
        return new_ref(value);
    if (status == 0 && module_initializing(module))
        err_format(&type_attribute_error,
                   "partially initialized module '%s' has no attribute '%S' (most likely due to a circular import)",
                   ((ModuleObj *)module)->name, name);
    else if (status == 0)
        err_format(&type_attribute_error, "module '%s' has no attribute '%S'", ((ModuleObj *)module)->name, name);
    return NULL;
}

int32_t module_setattr(Obj *module, Obj *name, Obj *value) {
    ModuleObj *m = (ModuleObj *)module;
    Obj **cell = module_cell(m, name);
    if (cell) { /* the module's own code reads it there */
        Obj *old = *cell;
        *cell = new_ref(value);
        rt_decref(old);
        return 0;
    }
    if (!m->dict) {
        m->dict = dict_new();
        if (!m->dict)
            return -1;
    }
    return dict_set(m->dict, name, value);
}

Obj *rt_import_from(Obj *module, Obj *name) {
    if (type_id_of(module) != TYPE_ID_MODULE)
        return rt_getattr(module, name);
    int32_t status;
    Obj *value = module_lookup(module, name, &status);
    if (value)
        return new_ref(value);
    if (status < 0)
        return NULL;
    ModuleObj *m = (ModuleObj *)module;
    /* `from pkg import sub` imports the submodule when the package lacks the attribute. */
    for (ModuleObj **child = m->children; child && *child; child++) {
        if (!str_equals_utf8(name, (*child)->attr))
            continue;
        if (!rt_import_module(*child))
            return NULL;
        value = module_lookup(module, name, &status);
        if (value)
            return new_ref(value);
        if (status < 0)
            return NULL;
        /* Not bound on the package yet (it is still initialising): CPython finds it in sys.modules. */
        return (Obj *)*child;
    }
    if (!m->file)
        err_format(&type_import_error, "cannot import name '%S' from '%s' (unknown location)", name, m->name);
    else if (module_initializing(module))
        err_format(&type_import_error,
                   "cannot import name '%S' from partially initialized module '%s' (most likely due to a circular import) (%s)",
                   name, m->name, m->file);
    else
        err_format(&type_import_error, "cannot import name '%S' from '%s' (%s)", name, m->name, m->file);
    return NULL;
}

Obj *module_repr(Obj *module) {
    ModuleObj *m = (ModuleObj *)module;
    StrBuf b;
    strbuf_init(&b);
    strbuf_append_cstr(&b, "<module '");
    strbuf_append_cstr(&b, m->name);
    if (m->file) {
        strbuf_append_cstr(&b, "' from '");
        strbuf_append_cstr(&b, m->file);
        strbuf_append_cstr(&b, "'>");
    } else {
        strbuf_append_cstr(&b, "' (built-in)>");
    }
    return strbuf_finish(&b);
}

/* `del module.name`: unbinds the global (the module's own code then sees it
 * unbound) or drops the stored attribute; CPython's message otherwise. */
int32_t module_delattr(Obj *module, Obj *name) {
    ModuleObj *m = (ModuleObj *)module;
    Obj **cell = module_cell(m, name);
    if (cell && *cell) {
        Obj *old = *cell;
        *cell = NULL;
        rt_decref(old);
        return 0;
    }
    int32_t r = m->dict ? dict_delete(m->dict, name) : 0;
    if (r == 1)
        return 0;
    if (r == 0)
        err_format(&type_attribute_error, "'module' object has no attribute '%S'", name);
    return -1;
}

/* dir(obj): a module's names (module_dir), else, for user instances and
 * classes, obj.__dir__() sorted. */
Obj *rt_builtin_dir(Obj *o) {
    if (!o) {
        err_format(&type_not_implemented_error, "Taipan does not support dir() without an argument yet");
        return NULL;
    }
    if (type_id_of(o) == TYPE_ID_MODULE)
        return module_dir(o);
    if (!is_class_receiver(o)) { /* the builtin types have no __dir__ yet */
        err_format(&type_not_implemented_error, "Taipan does not support dir() of '%T' objects yet", o);
        return NULL;
    }
    Obj *args = tuple_new(0);
    Obj *name = str_from_ascii("__dir__");
    Obj *names = args && name ? rt_call_method(o, name, args, NULL) : NULL;
    rt_decref(args);
    rt_decref(name);
    if (!names)
        return NULL;
    Obj *sorted = rt_builtin_sorted(names, NULL, 0);
    rt_decref(names);
    return sorted;
}

/* dir(module): the bound globals and the names stored from outside, sorted. */
Obj *module_dir(Obj *module) {
    ModuleObj *m = (ModuleObj *)module;
    Obj *names = list_new(0);
    if (!names)
        return NULL;
    const char *p = m->names;
    for (int32_t i = 0; i < m->ncells; i++, p += strlen(p) + 1) {
        if (!m->cells[i])
            continue;
        Obj *name = str_from_utf8(p, (int32_t)strlen(p));
        int32_t status = name ? list_append(names, name) : -1;
        rt_decref(name);
        if (status < 0)
            goto failed;
    }
    if (m->dict) {
        Obj *it = dict_iter(m->dict, TYPE_ID_DICT_KEY_ITERATOR);
        if (!it)
            goto failed;
        Obj *key;
        while ((key = dict_iter_next(it))) {
            int32_t status = list_append(names, key);
            rt_decref(key);
            if (status < 0) {
                rt_decref(it);
                goto failed;
            }
        }
        rt_decref(it);
        if (rt_err_occurred())
            goto failed;
    }
    if (list_sort(names, NULL, false) < 0)
        goto failed;
    return names;
failed:
    rt_decref(names);
    return NULL;
}

/* ---- sys's functions --------------------------------------------------------- */

/* sys.exit([arg]): SystemExit(arg). CPython quirk kept: a tuple argument
 * becomes the exception's args itself, so sys.exit((1, 2)).code == (1, 2)
 * and sys.exit(()) exits like sys.exit(). */
static Obj *sys_exit(Obj *args) {
    if (!check_arg_range(args, "exit", 0, 1))
        return NULL;
    Obj *exc_args = args;
    if (args_count(args) == 1)
        exc_args = is_tuple(arg_at(args, 0)) ? new_ref(arg_at(args, 0)) : new_ref(args);
    else
        rt_incref(exc_args);
    Obj *exc = exc_new_args(&type_system_exit, exc_args);
    rt_decref(exc_args);
    if (exc) {
        rt_raise(exc);
        rt_decref(exc);
    }
    return NULL;
}

/* CPython compares the new limit with the depth as its C code sees it: the
 * Python frames plus the call into setrecursionlimit itself. */
static Obj *sys_setrecursionlimit(Obj *args) {
    if (!check_exactly_one(args, "sys.setrecursionlimit"))
        return NULL;
    Obj *n = arg_at(args, 0);
    if (!is_int_like(n)) {
        err_format(&type_type_error, "'%T' object cannot be interpreted as an integer", n);
        return NULL;
    }
    int64_t limit;
    if (!int_to_i64_checked(n, &limit) || limit > INT32_MAX || limit < INT32_MIN) {
        err_format(&type_overflow_error, "Python int too large to convert to C int");
        return NULL;
    }
    if (limit < 1) {
        err_format(&type_value_error, "recursion limit must be greater or equal than 1");
        return NULL;
    }
    int32_t depth = exc_frame_depth() + 1;
    if (depth >= limit) {
        err_format(&type_recursion_error,
                   "cannot set the recursion limit to %d at the recursion depth %d: the limit is too low",
                   (int32_t)limit, depth);
        return NULL;
    }
    exc_set_recursion_limit((int32_t)limit);
    return rt_none();
}

/* A size argument of sys.stdin's methods: an int, or None for -1. */
static bool stdin_size_arg(Obj *args, const char *name, int64_t *size) {
    *size = -1;
    if (!check_arg_range(args, name, 0, 1))
        return false;
    if (args_count(args) == 0 || arg_at(args, 0) == &none_object)
        return true;
    Obj *n = arg_at(args, 0);
    if (!is_int_like(n)) {
        err_format(&type_type_error, "argument should be integer or None, not '%T'", n);
        return false;
    }
    if (!int_to_i64_checked(n, size)) {
        rt_err_clear();
        err_format(&type_overflow_error, "Python int too large to convert to C ssize_t");
        return false;
    }
    return true;
}

/* sys.stdin.readlines([hint]): lines until their total length reaches hint (all when hint <= 0). */
static Obj *stdin_readlines(Obj *args) {
    int64_t hint;
    if (!stdin_size_arg(args, "readlines", &hint))
        return NULL;
    Obj *lines = list_new(0);
    int64_t total = 0;
    while (lines) {
        Obj *line = stdin_read_text(-1, true);
        if (!line || ((StrObj *)line)->length == 0 || list_append(lines, line) < 0) {
            bool failed = !line || ((StrObj *)line)->length != 0;
            rt_decref(line);
            if (failed) {
                rt_decref(lines);
                return NULL;
            }
            break;
        }
        total += ((StrObj *)line)->length;
        rt_decref(line);
        if (hint > 0 && total >= hint)
            break;
    }
    return lines;
}

static Obj *stdin_call(SysFunctionId id, Obj *args) {
    int64_t size;
    switch (id) {
    case SYS_STDIN_READLINE: return stdin_size_arg(args, "readline", &size) ? stdin_read_text(size, true) : NULL;
    case SYS_STDIN_READ: return stdin_size_arg(args, "read", &size) ? stdin_read_text(size, false) : NULL;
    case SYS_STDIN_READLINES: return stdin_readlines(args);
    default: { /* SYS_STDIN_NEXT: "" at the end stops the iteration (NULL, no error) */
        Obj *line = stdin_read_text(-1, true);
        if (line && ((StrObj *)line)->length == 0) {
            rt_decref(line);
            return NULL;
        }
        return line;
    }
    }
}

Obj *sys_call_function(BuiltinFuncObj *f, Obj *args, Obj *kwargs) {
    if (f->id >= SYS_STDIN_READLINE)
        return stdin_call((SysFunctionId)f->id, args); /* text_io_call_method refused keywords */
    if (kwargs && ((DictObj *)kwargs)->used > 0) {
        err_format(&type_type_error, "sys.%s() takes no keyword arguments", f->name);
        return NULL;
    }
    switch ((SysFunctionId)f->id) {
    case SYS_EXIT: return sys_exit(args);
    case SYS_GETRECURSIONLIMIT:
        return check_no_args(args, "sys.getrecursionlimit") ? int_from_i64(exc_recursion_limit()) : NULL;
    case SYS_SETRECURSIONLIMIT: return sys_setrecursionlimit(args);
    case SYS_STDIN_READLINE: case SYS_STDIN_READ: case SYS_STDIN_READLINES: case SYS_STDIN_NEXT: break;
    case SYS_INTERN:
        if (!check_exactly_one(args, "sys.intern"))
            return NULL;
        if (!is_str(arg_at(args, 0))) {
            err_format(&type_type_error, "intern() argument must be str, not %T", arg_at(args, 0));
            return NULL;
        }
        return new_ref(arg_at(args, 0)); /* equal strs compare equal anyway; identity is not promised */
    }
    err_format(&type_system_error, "unknown sys function %d", f->id);
    return NULL;
}

/* ---- sys.stdout / sys.stderr -------------------------------------------------- */

void text_io_write_str(int32_t fd, Obj *s) {
    if (fd != 2) {
        io_write_stdout_str(s);
        return;
    }
    io_write_stderr_str(s);
    const StrObj *str = (const StrObj *)s;
    for (int32_t i = 0; i < str->length; i++) {
        if (str_char_at(str, i) == '\n') { /* line buffering */
            io_flush_stderr();
            break;
        }
    }
}

static const char *const text_io_members[] = {"write",    "flush", "writable",  "readable",
                                              "fileno",   "read",  "readline",  "readlines",
                                              "__iter__", "__next__", NULL};

bool text_io_has_member(Obj *name) {
    return name_index(name, text_io_members, -1) >= 0;
}

/* CPython raises io.UnsupportedOperation (an OSError) for the wrong direction. */
static Obj *unsupported(const char *what) {
    err_format(&type_os_error, "%s", what);
    return NULL;
}

/* next(sys.stdin); the other streams are not readable. */
Obj *text_io_next(Obj *stream) {
    if (((TextIOObj *)stream)->fd != 0)
        return unsupported("not readable");
    return taipan_module_call(MODULE_SYS, (Obj *)&stdin_functions[3], NULL, NULL);
}

Obj *text_io_call_method(Obj *stream, Obj *name, Obj *args, Obj *kwargs) {
    int32_t fd = ((TextIOObj *)stream)->fd;
    for (int32_t k = 0; k < 3; k++) { /* readline, read, readlines */
        if (!str_equals_ascii(name, stdin_functions[k].name))
            continue;
        if (!check_no_kwargs(kwargs, stdin_functions[k].name))
            return NULL;
        if (fd != 0)
            return unsupported("not readable");
        return taipan_module_call(MODULE_SYS, (Obj *)&stdin_functions[k], args, NULL);
    }
    if (str_equals_ascii(name, "__iter__"))
        return check_no_kwargs(kwargs, "TextIOWrapper.__iter__") && check_no_args(args, "TextIOWrapper.__iter__")
                   ? new_ref(stream)
                   : NULL;
    if (str_equals_ascii(name, "__next__")) {
        if (!check_no_kwargs(kwargs, "TextIOWrapper.__next__") || !check_no_args(args, "TextIOWrapper.__next__"))
            return NULL;
        Obj *line = text_io_next(stream);
        if (!line && !rt_err_occurred())
            err_format(&type_stop_iteration, "");
        return line;
    }
    if (str_equals_ascii(name, "write")) {
        if (!check_no_kwargs(kwargs, "TextIOWrapper.write") || !check_exactly_one(args, "TextIOWrapper.write"))
            return NULL;
        if (fd == 0)
            return unsupported("not writable");
        Obj *s = arg_at(args, 0);
        if (!is_str(s)) {
            err_format(&type_type_error, "write() argument must be str, not %T", s);
            return NULL;
        }
        text_io_write_str(fd, s);
        return int_from_i64(((StrObj *)s)->length);
    }
    const char *qualified = str_equals_ascii(name, "flush")      ? "TextIOWrapper.flush"
                            : str_equals_ascii(name, "writable") ? "TextIOWrapper.writable"
                            : str_equals_ascii(name, "readable") ? "TextIOWrapper.readable"
                                                                 : "TextIOWrapper.fileno";
    if (!check_no_kwargs(kwargs, qualified) || !check_no_args(args, qualified))
        return NULL;
    if (str_equals_ascii(name, "flush")) {
        if (fd == 2)
            io_flush_stderr();
        else
            io_flush_stdout();
        return rt_none();
    }
    if (str_equals_ascii(name, "writable"))
        return bool_obj(fd != 0);
    if (str_equals_ascii(name, "readable"))
        return bool_obj(fd == 0);
    return small_int_make(fd);
}

Obj *text_io_repr(Obj *stream) {
    int32_t fd = ((TextIOObj *)stream)->fd;
    return str_from_ascii(fd == 0   ? "<_io.TextIOWrapper name='<stdin>' mode='r' encoding='utf-8'>"
                          : fd == 2 ? "<_io.TextIOWrapper name='<stderr>' mode='w' encoding='utf-8'>"
                                    : "<_io.TextIOWrapper name='<stdout>' mode='w' encoding='utf-8'>");
}

/* The entry point the compiler's taipan_module_call calls for sys's functions. */
Obj *rt_module_call_sys(Obj *function, Obj *args, Obj *kwargs) {
    return sys_call_function((BuiltinFuncObj *)function, args, kwargs);
}
