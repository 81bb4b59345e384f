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
