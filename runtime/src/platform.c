/*
 * platform.c — the single boundary between the runtime and its host.
 *
 * On wasm32 it calls WASI (wasi_snapshot_preview1) and the memory.grow
 * instruction directly; natively (unit tests) it calls the same WASI names,
 * implemented by runtime/test/wasi_shim.c, plus a shim-provided byte arena
 * standing in for linear memory. This is the only file allowed to test
 * __wasm__, so everything else compiles identically on both targets.
 *
 * It also holds the runtime's only indirect call (platform_call_vector).
 *
 * Invariant: addresses handed out are platform_memory_base() + offset, where
 * offset is a linear-memory address (0-based on wasm).
 */
#include "taipan_internal.h"
#include <string.h>

#define WASM_PAGE_BYTES 65536u

#ifdef __wasm__
#include <wasi/api.h>

uintptr_t platform_memory_base(void) { return 0; }

uint32_t platform_memory_bytes(void) {
    return (uint32_t)__builtin_wasm_memory_size(0) * WASM_PAGE_BYTES;
}

bool platform_memory_grow(uint32_t pages) {
    return __builtin_wasm_memory_grow(0, pages) != (size_t)-1;
}

/* On wasm32 a C function pointer is an index into the module's funcref
 * table, so this cast-and-call is one call_indirect of type (i32, i32) ->
 * i32 through the table the compiler appends the program's functions to. */
typedef Obj *(*VectorEntry)(Obj *, Obj **);
Obj *platform_call_vector(int32_t index, Obj *func, Obj **argv) {
    return ((VectorEntry)(uintptr_t)index)(func, argv);
}

#else
/* Minimal re-declarations of the WASI ABI pieces the runtime uses; the
 * native test shim provides the definitions. */
typedef uint16_t __wasi_errno_t;
typedef uint32_t __wasi_fd_t;
typedef uint32_t __wasi_exitcode_t;
typedef struct __wasi_ciovec_t {
    const uint8_t *buf;
    size_t buf_len;
} __wasi_ciovec_t;
__wasi_errno_t __wasi_fd_write(__wasi_fd_t fd, const __wasi_ciovec_t *iovs,
                               size_t iovs_len, size_t *nwritten);
typedef struct __wasi_iovec_t {
    uint8_t *buf;
    size_t buf_len;
} __wasi_iovec_t;
__wasi_errno_t __wasi_fd_read(__wasi_fd_t fd, const __wasi_iovec_t *iovs,
                              size_t iovs_len, size_t *nread);
_Noreturn void __wasi_proc_exit(__wasi_exitcode_t code);
typedef size_t __wasi_size_t;
__wasi_errno_t __wasi_args_sizes_get(__wasi_size_t *argc, __wasi_size_t *argv_buf_size);
__wasi_errno_t __wasi_args_get(uint8_t **argv, uint8_t *argv_buf);
__wasi_errno_t __wasi_random_get(uint8_t *buf, __wasi_size_t buf_len);

uintptr_t taipan_shim_memory_base(void);
uint32_t taipan_shim_memory_pages(void);
bool taipan_shim_memory_grow(uint32_t pages);

uintptr_t platform_memory_base(void) { return taipan_shim_memory_base(); }
uint32_t platform_memory_bytes(void) {
    return taipan_shim_memory_pages() * WASM_PAGE_BYTES;
}
bool platform_memory_grow(uint32_t pages) { return taipan_shim_memory_grow(pages); }

/* Natively a table index is not a function pointer: the shim keeps a table
 * the tests fill with C functions standing in for compiled code. */
Obj *taipan_shim_call_vector(int32_t index, Obj *func, Obj **argv);
Obj *platform_call_vector(int32_t index, Obj *func, Obj **argv) {
    return taipan_shim_call_vector(index, func, argv);
}
#endif

void platform_write(int32_t fd, const uint8_t *bytes, uint32_t len) {
    /* Partial writes are retried; errors (e.g. closed pipe) drop the rest,
     * since there is nowhere left to report them. */
    while (len > 0) {
        __wasi_ciovec_t iov = {bytes, len};
        size_t written = 0;
        if (__wasi_fd_write((__wasi_fd_t)fd, &iov, 1, &written) != 0 || written == 0)
            return;
        bytes += written;
        len -= (uint32_t)written;
    }
}

/* Only input() calls this, so only programs using input() import fd_read
 * (the linker drops unreachable imports). Returns bytes read, 0 at end of
 * input, -1 on an error. */
int32_t platform_read(int32_t fd, uint8_t *bytes, uint32_t len) {
    __wasi_iovec_t iov = {bytes, len};
    size_t got = 0;
    if (__wasi_fd_read((__wasi_fd_t)fd, &iov, 1, &got) != 0)
        return -1;
    return (int32_t)got;
}

/* Only sys.argv calls these, so only programs importing sys import
 * args_sizes_get/args_get. */
bool platform_args_sizes(uint32_t *argc, uint32_t *buf_size) {
    __wasi_size_t count = 0, bytes = 0;
    if (__wasi_args_sizes_get(&count, &bytes) != 0)
        return false;
    *argc = (uint32_t)count;
    *buf_size = (uint32_t)bytes;
    return true;
}

bool platform_args_get(uint8_t **argv, uint8_t *buf) {
    return __wasi_args_get(argv, buf) == 0;
}

/* Only random.seed(None) (randommodule.c) calls this, so only programs
 * importing random import random_get. */
bool platform_random(uint8_t *buf, uint32_t len) {
    return __wasi_random_get(buf, len) == 0;
}

/* ---- files, directories, clocks and the environment ----------------------
 * Only open() and the _taipan_os module (os, time) reach these, so only
 * programs using them import the WASI functions involved. Results are WASI
 * errno codes (0 = success); fileio.c maps them to CPython's OSError. On the
 * native test build they are stubs that fail with ENOSYS: the native tests
 * do not touch the filesystem. */
#ifdef __wasm__
#define PREOPEN_MAX 16
#define PREOPEN_NAME_MAX 256

/* The preopened directories (WASI's capability model: a program sees only
 * the directories the host handed it, as fds from 3 up), read once. */
static struct {
    bool scanned;
    int32_t count;
    int32_t fds[PREOPEN_MAX];
    char names[PREOPEN_MAX][PREOPEN_NAME_MAX];
} preopens;

static void preopens_scan(void) {
    if (preopens.scanned)
        return;
    preopens.scanned = true;
    for (__wasi_fd_t fd = 3; preopens.count < PREOPEN_MAX; fd++) {
        __wasi_prestat_t stat;
        if (__wasi_fd_prestat_get(fd, &stat) != 0)
            break; /* EBADF past the last preopen */
        if (stat.tag != __WASI_PREOPENTYPE_DIR || stat.u.dir.pr_name_len >= PREOPEN_NAME_MAX)
            continue;
        char *name = preopens.names[preopens.count];
        if (__wasi_fd_prestat_dir_name(fd, (uint8_t *)name, stat.u.dir.pr_name_len) != 0)
            continue;
        name[stat.u.dir.pr_name_len] = 0;
        preopens.fds[preopens.count++] = (int32_t)fd;
    }
}

static bool is_current_dir_name(const char *name) {
    return (name[0] == '.' && (name[1] == 0 || (name[1] == '/' && name[2] == 0))) || name[0] == 0;
}

/* The preopen a path lives under and the path relative to it: a relative
 * path belongs to the preopen named "." (what `taipan run` and the tests
 * map the current directory to), an absolute one to the preopen with the
 * longest matching absolute name; -ENOTCAPABLE when none covers it (the
 * sandbox's refusal). */
static int32_t resolve(const char *path, const char **rel) {
    preopens_scan();
    int32_t best = -1;
    uint32_t best_len = 0;
    for (int32_t i = 0; i < preopens.count; i++) {
        const char *name = preopens.names[i];
        if (path[0] != '/') {
            if (is_current_dir_name(name)) {
                *rel = path;
                return preopens.fds[i];
            }
            continue;
        }
        uint32_t n = (uint32_t)strlen(name);
        while (n > 1 && name[n - 1] == '/')
            n--;
        if (name[0] != '/' || strncmp(path, name, n) != 0 || (n > 1 && path[n] != 0 && path[n] != '/'))
            continue;
        if (best < 0 || n > best_len) {
            best = i;
            best_len = n;
        }
    }
    if (best < 0)
        return -__WASI_ERRNO_NOTCAPABLE;
    const char *r = path + best_len;
    while (*r == '/')
        r++;
    *rel = *r ? r : ".";
    return preopens.fds[best];
}

int32_t platform_open(const char *path, uint32_t oflags, bool read, bool write, bool append, int32_t *fd) {
    const char *rel;
    int32_t dir = resolve(path, &rel);
    if (dir < 0)
        return -dir;
    /* The rights decide the host's open mode (read-only, write-only or
     * both) under uvwasi and wasmtime alike, so ask only for what the mode
     * needs: a write right on a read-only file or a directory would fail. */
    __wasi_rights_t rights = __WASI_RIGHTS_FD_SEEK | __WASI_RIGHTS_FD_TELL | __WASI_RIGHTS_FD_FILESTAT_GET;
    if (read)
        rights |= __WASI_RIGHTS_FD_READ;
    if (write)
        rights |= __WASI_RIGHTS_FD_WRITE;
    if (oflags & __WASI_OFLAGS_DIRECTORY)
        rights |= __WASI_RIGHTS_FD_READDIR; /* os.listdir */
    __wasi_fd_t opened;
    __wasi_errno_t e = __wasi_path_open((__wasi_fd_t)dir, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, rel,
                                        (__wasi_oflags_t)oflags, rights, 0,
                                        append ? __WASI_FDFLAGS_APPEND : 0, &opened);
    *fd = (int32_t)opened;
    return e;
}

int32_t platform_fd_filetype(int32_t fd, uint8_t *filetype) {
    __wasi_filestat_t st;
    __wasi_errno_t e = __wasi_fd_filestat_get((__wasi_fd_t)fd, &st);
    *filetype = e == 0 ? st.filetype : 0;
    return e;
}

int32_t platform_stat(const char *path, bool follow, uint8_t *filetype, uint64_t *size, uint64_t *mtime_ns) {
    const char *rel;
    int32_t dir = resolve(path, &rel);
    if (dir < 0)
        return -dir;
    __wasi_filestat_t st;
    __wasi_errno_t e = __wasi_path_filestat_get((__wasi_fd_t)dir, follow ? __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW : 0,
                                                rel, &st);
    if (e == 0) {
        *filetype = st.filetype;
        *size = st.size;
        *mtime_ns = st.mtim;
    }
    return e;
}

int32_t platform_seek(int32_t fd, int64_t offset, int32_t whence, uint64_t *position) {
    __wasi_filesize_t pos = 0;
    __wasi_errno_t e = __wasi_fd_seek((__wasi_fd_t)fd, offset, (__wasi_whence_t)whence, &pos);
    *position = pos;
    return e;
}

int32_t platform_close(int32_t fd) { return __wasi_fd_close((__wasi_fd_t)fd); }

int32_t platform_read_some(int32_t fd, uint8_t *bytes, uint32_t len, uint32_t *got) {
    __wasi_iovec_t iov = {bytes, len};
    size_t n = 0;
    __wasi_errno_t e = __wasi_fd_read((__wasi_fd_t)fd, &iov, 1, &n);
    *got = (uint32_t)n;
    return e;
}

int32_t platform_write_all(int32_t fd, const uint8_t *bytes, uint32_t len) {
    while (len > 0) {
        __wasi_ciovec_t iov = {bytes, len};
        size_t written = 0;
        __wasi_errno_t e = __wasi_fd_write((__wasi_fd_t)fd, &iov, 1, &written);
        if (e != 0)
            return e;
        if (written == 0)
            return __WASI_ERRNO_IO;
        bytes += written;
        len -= (uint32_t)written;
    }
    return 0;
}

int32_t platform_path_op(PlatformPathOp op, const char *path) {
    const char *rel;
    int32_t dir = resolve(path, &rel);
    if (dir < 0)
        return -dir;
    switch (op) {
    case PATH_UNLINK: return __wasi_path_unlink_file((__wasi_fd_t)dir, rel);
    case PATH_MKDIR: return __wasi_path_create_directory((__wasi_fd_t)dir, rel);
    default: return __wasi_path_remove_directory((__wasi_fd_t)dir, rel);
    }
}

int32_t platform_rename(const char *from, const char *to) {
    const char *rel_from, *rel_to;
    int32_t dir_from = resolve(from, &rel_from);
    if (dir_from < 0)
        return -dir_from;
    int32_t dir_to = resolve(to, &rel_to);
    if (dir_to < 0)
        return -dir_to;
    return __wasi_path_rename((__wasi_fd_t)dir_from, rel_from, (__wasi_fd_t)dir_to, rel_to);
}

int32_t platform_readdir(int32_t fd, uint8_t *buf, uint32_t len, uint64_t cookie, uint32_t *used) {
    __wasi_size_t n = 0;
    __wasi_errno_t e = __wasi_fd_readdir((__wasi_fd_t)fd, buf, len, cookie, &n);
    *used = (uint32_t)n;
    return e;
}

int32_t platform_clock(int32_t clock_id, uint64_t *ns) {
    __wasi_timestamp_t t = 0;
    __wasi_errno_t e = __wasi_clock_time_get((__wasi_clockid_t)clock_id, 1, &t);
    *ns = t;
    return e;
}

/* WASI has no sleep: a poll on one relative monotonic-clock timeout is it. */
int32_t platform_sleep(uint64_t ns) {
    __wasi_subscription_t sub;
    memset(&sub, 0, sizeof sub);
    sub.u.tag = __WASI_EVENTTYPE_CLOCK;
    sub.u.u.clock.id = __WASI_CLOCKID_MONOTONIC;
    sub.u.u.clock.timeout = ns;
    __wasi_event_t event;
    __wasi_size_t n = 0;
    return __wasi_poll_oneoff(&sub, &event, 1, &n);
}

bool platform_environ_sizes(uint32_t *count, uint32_t *buf_size) {
    __wasi_size_t c = 0, b = 0;
    if (__wasi_environ_sizes_get(&c, &b) != 0)
        return false;
    *count = (uint32_t)c;
    *buf_size = (uint32_t)b;
    return true;
}

bool platform_environ_get(uint8_t **env, uint8_t *buf) { return __wasi_environ_get(env, buf) == 0; }

#else
#define NATIVE_ENOSYS 52 /* WASI's ENOSYS */
int32_t platform_open(const char *path, uint32_t oflags, bool read, bool write, bool append, int32_t *fd) {
    (void)path, (void)oflags, (void)read, (void)write, (void)append;
    *fd = -1;
    return NATIVE_ENOSYS;
}
int32_t platform_fd_filetype(int32_t fd, uint8_t *filetype) {
    (void)fd;
    *filetype = 0;
    return NATIVE_ENOSYS;
}
int32_t platform_stat(const char *path, bool follow, uint8_t *filetype, uint64_t *size, uint64_t *mtime_ns) {
    (void)path, (void)follow, (void)filetype, (void)size, (void)mtime_ns;
    return NATIVE_ENOSYS;
}
int32_t platform_seek(int32_t fd, int64_t offset, int32_t whence, uint64_t *position) {
    (void)fd, (void)offset, (void)whence;
    *position = 0;
    return NATIVE_ENOSYS;
}
int32_t platform_close(int32_t fd) { return (void)fd, NATIVE_ENOSYS; }
int32_t platform_read_some(int32_t fd, uint8_t *bytes, uint32_t len, uint32_t *got) {
    int32_t n = platform_read(fd, bytes, len);
    *got = n > 0 ? (uint32_t)n : 0;
    return n < 0 ? NATIVE_ENOSYS : 0;
}
int32_t platform_write_all(int32_t fd, const uint8_t *bytes, uint32_t len) {
    platform_write(fd, bytes, len);
    return 0;
}
int32_t platform_path_op(PlatformPathOp op, const char *path) { return (void)op, (void)path, NATIVE_ENOSYS; }
int32_t platform_rename(const char *from, const char *to) { return (void)from, (void)to, NATIVE_ENOSYS; }
int32_t platform_readdir(int32_t fd, uint8_t *buf, uint32_t len, uint64_t cookie, uint32_t *used) {
    (void)fd, (void)buf, (void)len, (void)cookie;
    *used = 0;
    return NATIVE_ENOSYS;
}
int32_t platform_clock(int32_t clock_id, uint64_t *ns) {
    (void)clock_id;
    *ns = 0;
    return 0;
}
int32_t platform_sleep(uint64_t ns) { return (void)ns, 0; }
bool platform_environ_sizes(uint32_t *count, uint32_t *buf_size) {
    *count = *buf_size = 0;
    return true;
}
bool platform_environ_get(uint8_t **env, uint8_t *buf) { return (void)env, (void)buf, true; }
#endif

_Noreturn void platform_exit(int32_t code) {
    __wasi_proc_exit((__wasi_exitcode_t)code);
}

#ifdef __wasm__
/* Exporting _initialize makes the linked runtime a WASI "reactor". Without
 * it wasm-ld treats the module as a command and wraps every export in a
 * function that runs the static destructors after each call, which the
 * compiler would otherwise pay for on every runtime call. The compiled
 * program's _start calls this once before anything else. */
extern void __wasm_call_ctors(void);
__attribute__((export_name("_initialize"))) void platform_initialize(void) {
    __wasm_call_ctors();
}
#endif
