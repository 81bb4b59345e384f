/*
 * osmodule.c — _taipan_os, the private module under the os and time
 * modules written in Python (runtime/lib/os, runtime/lib/time.py): the few
 * primitives that need WASI (platform.c): clocks, sleep, the environment,
 * and the directory operations.
 *
 * Invariants:
 *  - Like math (mathmodule.c), the module object is static and immortal;
 *    its dict is built on the first import and dropped by
 *    os_module_release (rt_fini). Its functions are static builtin function
 *    objects with ids from OS_FUNCTION_FIRST on; rt_call sends those here
 *    through taipan_module_call, so programs that import neither os nor
 *    time link none of this.
 *  - The functions check only what the Python wrappers cannot: argument
 *    counts and types are the wrappers' business, so their messages name
 *    the public function; a filesystem failure raises err_os's OSError
 *    with the path as its filename.
 */
#include "taipan_internal.h"
#include <string.h>

#define STATIC_HEADER(type_ptr) {IMMORTAL_REFCNT, (type_ptr)}
#define OFLAG_DIRECTORY 2
#define DIRENT_HEADER 24 /* d_next u64, d_ino u64, d_namlen u32, d_type u8, padding */

typedef enum OsFunctionId {
    OS_CLOCK_NS = OS_FUNCTION_FIRST, OS_SLEEP_NS, OS_ENVIRON, OS_LISTDIR, OS_STAT, OS_REMOVE, OS_MKDIR, OS_RMDIR,
    OS_RENAME,
} OsFunctionId;

#define OS_FUNCTION(id, name) {STATIC_HEADER(&type_builtin_function), id, name}
static BuiltinFuncObj os_functions[] = {
    OS_FUNCTION(OS_CLOCK_NS, "clock_ns"), OS_FUNCTION(OS_SLEEP_NS, "sleep_ns"), OS_FUNCTION(OS_ENVIRON, "environ"),
    OS_FUNCTION(OS_LISTDIR, "listdir"),   OS_FUNCTION(OS_STAT, "stat"),          OS_FUNCTION(OS_REMOVE, "remove"),
    OS_FUNCTION(OS_MKDIR, "mkdir"),       OS_FUNCTION(OS_RMDIR, "rmdir"),        OS_FUNCTION(OS_RENAME, "rename"),
};

static ModuleObj os_module = {.header = STATIC_HEADER(&type_module), .name = "_taipan_os"};

Obj *os_module_import(void) {
    if (os_module.dict)
        return (Obj *)&os_module;
    Obj *d = dict_new();
    if (!d)
        return NULL;
    bool ok = dict_put_steal(d, "__name__", str_from_ascii("_taipan_os"));
    for (uint32_t i = 0; ok && i < sizeof os_functions / sizeof os_functions[0]; i++)
        ok = dict_put_steal(d, os_functions[i].name, (Obj *)&os_functions[i]);
    if (!ok) {
        rt_decref(d);
        return NULL;
    }
    os_module.dict = d;
    return (Obj *)&os_module;
}

void os_module_release(void) {
    Obj *d = os_module.dict;
    os_module.dict = NULL;
    rt_decref(d);
}

/* ---- the functions ------------------------------------------------------------ */

static Obj *arg(Obj *args, int32_t i) { return ((TupleObj *)args)->items[i]; }

static Obj *os_clock_ns(Obj *clock_id) {
    uint64_t ns;
    int32_t e = platform_clock((int32_t)int_to_i64(clock_id), &ns);
    if (e != 0) {
        err_os(e, NULL);
        return NULL;
    }
    return int_from_i64((int64_t)ns);
}

static Obj *os_sleep_ns(Obj *ns) {
    int64_t n = int_to_i64(ns);
    int32_t e = n > 0 ? platform_sleep((uint64_t)n) : 0;
    if (e != 0) {
        err_os(e, NULL);
        return NULL;
    }
    return new_ref(rt_none());
}

/* The environment WASI hands the program, as a dict of str (NAME=VALUE
 * strings; one without '=' is skipped, as CPython skips it). */
static Obj *os_environ(void) {
    uint32_t count, size;
    if (!platform_environ_sizes(&count, &size)) {
        err_os(29, NULL);
        return NULL;
    }
    Obj *d = dict_new();
    if (!d || count == 0)
        return d;
    uint8_t **pointers = heap_alloc(count * (uint32_t)sizeof(uint8_t *));
    uint8_t *buf = heap_alloc(size ? size : 1);
    bool ok = pointers && buf && platform_environ_get(pointers, buf);
    if (!pointers || !buf)
        err_no_memory();
    else if (!ok)
        err_os(29, NULL);
    for (uint32_t i = 0; ok && i < count; i++) {
        const char *entry = (const char *)pointers[i];
        const char *eq = strchr(entry, '=');
        if (!eq || eq == entry)
            continue;
        Obj *key = str_from_utf8(entry, (int32_t)(eq - entry));
        Obj *value = key ? str_from_utf8(eq + 1, (int32_t)strlen(eq + 1)) : NULL;
        ok = value && dict_set(d, key, value) == 0;
        rt_decref(key);
        rt_decref(value);
    }
    if (pointers)
        heap_free(pointers, count * (uint32_t)sizeof(uint8_t *));
    if (buf)
        heap_free(buf, size ? size : 1);
    if (!ok) {
        rt_decref(d);
        return NULL;
    }
    return d;
}

/* Appends the names in buf[0, used) to names; *next is the cookie after the
 * last whole entry. Returns the bytes consumed (whole entries only), or -1. */
static int64_t add_dirents(Obj *names, const uint8_t *buf, uint32_t used, uint64_t *next) {
    uint32_t at = 0;
    while (at + DIRENT_HEADER <= used) {
        uint64_t d_next;
        uint32_t namlen;
        memcpy(&d_next, buf + at, 8);
        memcpy(&namlen, buf + at + 16, 4);
        if (at + DIRENT_HEADER + namlen > used)
            break; /* truncated: read again from *next */
        const char *name = (const char *)buf + at + DIRENT_HEADER;
        bool dots = (namlen == 1 && name[0] == '.') || (namlen == 2 && name[0] == '.' && name[1] == '.');
        if (!dots) {
            Obj *s = str_from_utf8(name, (int32_t)namlen);
            int32_t r = s ? list_append(names, s) : -1;
            rt_decref(s);
            if (r < 0)
                return -1;
        }
        *next = d_next;
        at += DIRENT_HEADER + namlen;
    }
    return at;
}

static Obj *os_listdir(Obj *path) {
    char *p = path_to_cstring(path, "listdir");
    if (!p)
        return NULL;
    int32_t fd = -1;
    int32_t e = platform_open(p, OFLAG_DIRECTORY, true, false, false, &fd);
    path_free(p);
    if (e != 0) {
        err_os(e, path);
        return NULL;
    }
    Obj *names = list_new(0);
    uint32_t cap = 4096;
    uint8_t *buf = names ? heap_alloc(cap) : NULL;
    if (names && !buf)
        err_no_memory();
    uint64_t cookie = 0;
    while (buf) {
        uint32_t used = 0;
        e = platform_readdir(fd, buf, cap, cookie, &used);
        if (e != 0) {
            err_os(e, path);
            break;
        }
        int64_t consumed = add_dirents(names, buf, used, &cookie);
        if (consumed < 0)
            break;
        if (used < cap) { /* the whole rest fitted: done */
            heap_free(buf, cap);
            buf = NULL;
            (void)platform_close(fd);
            return names;
        }
        if (consumed == 0) { /* one entry larger than the buffer */
            uint8_t *grown = heap_alloc(cap * 2);
            heap_free(buf, cap);
            buf = grown;
            cap *= 2;
            if (!buf)
                err_no_memory();
        }
    }
    if (buf)
        heap_free(buf, cap);
    (void)platform_close(fd);
    rt_decref(names);
    return NULL;
}

/* (filetype, size, mtime_ns): what os.path and os.stat need. */
static Obj *os_stat(Obj *path, Obj *follow) {
    char *p = path_to_cstring(path, "stat");
    if (!p)
        return NULL;
    uint8_t filetype = 0;
    uint64_t size = 0, mtime = 0;
    int32_t e = platform_stat(p, rt_truthy(follow) > 0, &filetype, &size, &mtime);
    path_free(p);
    if (e != 0) {
        err_os(e, path);
        return NULL;
    }
    Obj *t = tuple_new(3);
    if (!t)
        return NULL;
    Obj **items = ((TupleObj *)t)->items;
    items[0] = int_from_i64(filetype);
    items[1] = int_from_i64((int64_t)size);
    items[2] = int_from_i64((int64_t)mtime);
    if (!items[0] || !items[1] || !items[2]) {
        rt_decref(t);
        return NULL;
    }
    return t;
}

static Obj *os_path_op(PlatformPathOp op, Obj *path, const char *function) {
    char *p = path_to_cstring(path, function);
    if (!p)
        return NULL;
    int32_t e = platform_path_op(op, p);
    path_free(p);
    if (e != 0) {
        err_os(e, path);
        return NULL;
    }
    return new_ref(rt_none());
}

static Obj *os_rename(Obj *from, Obj *to) {
    char *a = path_to_cstring(from, "rename");
    if (!a)
        return NULL;
    char *b = path_to_cstring(to, "rename");
    if (!b) {
        path_free(a);
        return NULL;
    }
    int32_t e = platform_rename(a, b);
    path_free(a);
    path_free(b);
    if (e != 0) {
        err_os(e, from);
        return NULL;
    }
    return new_ref(rt_none());
}

Obj *os_call_function(BuiltinFuncObj *f, Obj *args, Obj *kwargs) {
    static const int8_t arity[] = {1, 1, 0, 1, 2, 1, 1, 1, 2};
    int32_t expected = arity[f->id - OS_FUNCTION_FIRST];
    if (!check_no_kwargs(kwargs, f->name) || !check_arg_range(args, f->name, expected, expected))
        return NULL;
    if ((f->id == OS_CLOCK_NS || f->id == OS_SLEEP_NS) && !is_int_like(arg(args, 0))) {
        err_format(&type_type_error, "'%T' object cannot be interpreted as an integer", arg(args, 0));
        return NULL;
    }
    switch ((OsFunctionId)f->id) {
    case OS_CLOCK_NS: return os_clock_ns(arg(args, 0));
    case OS_SLEEP_NS: return os_sleep_ns(arg(args, 0));
    case OS_ENVIRON: return os_environ();
    case OS_LISTDIR: return os_listdir(arg(args, 0));
    case OS_STAT: return os_stat(arg(args, 0), arg(args, 1));
    case OS_REMOVE: return os_path_op(PATH_UNLINK, arg(args, 0), "remove");
    case OS_MKDIR: return os_path_op(PATH_MKDIR, arg(args, 0), "mkdir");
    case OS_RMDIR: return os_path_op(PATH_RMDIR, arg(args, 0), "rmdir");
    case OS_RENAME: return os_rename(arg(args, 0), arg(args, 1));
    }
    err_format(&type_system_error, "unknown _taipan_os function %d", f->id);
    return NULL;
}

/* The entry point the compiler's taipan_module_call calls for _taipan_os's functions. */
Obj *rt_module_call__taipan_os(Obj *function, Obj *args, Obj *kwargs) {
    return os_call_function((BuiltinFuncObj *)function, args, kwargs);
}
