/*
 * wasi_shim.c — native stand-ins for the WASI calls and linear memory the
 * runtime uses, so the unchanged runtime sources run under ASan/UBSan.
 *
 * Invariants:
 *  - "Linear memory" is one aligned arena; address 0 of the wasm view maps to
 *    its start, and it grows in 64 KiB pages up to a test-adjustable limit.
 *  - The function table (compiled functions' vector entries) is an array of
 *    C function pointers the tests register; calling an empty entry aborts.
 *  - While capture is on, fd 1/2 bytes go to in-memory buffers the tests can
 *    inspect instead of the real descriptors.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "wasi_shim.h"

#define PAGE 65536u
#define ARENA_MAX_PAGES 2048u /* 128 MiB */

typedef uint16_t __wasi_errno_t;
typedef struct __wasi_ciovec_t {
    const uint8_t *buf;
    size_t buf_len;
} __wasi_ciovec_t;

static uint8_t *arena;
static uint32_t arena_pages = 17; /* matches the 1 MiB stack + data a wasm module starts with */
static uint32_t page_limit = ARENA_MAX_PAGES;

static ShimCapture captures[3];
static bool capturing;

uintptr_t taipan_shim_memory_base(void) {
    if (!arena) {
        arena = aligned_alloc(PAGE, (size_t)ARENA_MAX_PAGES * PAGE);
        if (!arena)
            abort();
    }
    return (uintptr_t)arena;
}

uint32_t taipan_shim_memory_pages(void) { return arena_pages; }

bool taipan_shim_memory_grow(uint32_t pages) {
    if (arena_pages + (uint64_t)pages > page_limit)
        return false;
    arena_pages += pages;
    return true;
}

void shim_set_page_limit(uint32_t pages) {
    page_limit = pages > ARENA_MAX_PAGES ? ARENA_MAX_PAGES : pages;
}

uint32_t shim_pages(void) { return arena_pages; }

static ShimVectorFn table[SHIM_TABLE_SIZE];

void shim_set_table_entry(int32_t index, ShimVectorFn fn) {
    if (index < 0 || index >= SHIM_TABLE_SIZE)
        abort();
    table[index] = fn;
}

/* A call through an empty or out-of-range entry traps, as call_indirect does. */
struct Obj *taipan_shim_call_vector(int32_t index, struct Obj *func, struct Obj **argv) {
    if (index < 0 || index >= SHIM_TABLE_SIZE || !table[index])
        abort();
    return table[index](func, argv);
}

void shim_capture_begin(void) {
    for (int fd = 1; fd <= 2; fd++)
        captures[fd].len = 0;
    capturing = true;
}

const ShimCapture *shim_capture_end(int fd) {
    capturing = false;
    captures[fd].bytes[captures[fd].len] = '\0';
    return &captures[fd];
}

const ShimCapture *shim_captured(int fd) {
    captures[fd].bytes[captures[fd].len] = '\0';
    return &captures[fd];
}

__wasi_errno_t __wasi_fd_write(uint32_t fd, const __wasi_ciovec_t *iovs, size_t iovs_len,
                               size_t *nwritten) {
    size_t total = 0;
    for (size_t i = 0; i < iovs_len; i++) {
        if (capturing && (fd == 1 || fd == 2)) {
            ShimCapture *c = &captures[fd];
            size_t room = sizeof c->bytes - 1 - c->len;
            size_t n = iovs[i].buf_len < room ? iovs[i].buf_len : room;
            memcpy(c->bytes + c->len, iovs[i].buf, n);
            c->len += n;
            total += iovs[i].buf_len;
        } else {
            ssize_t w = write((int)fd, iovs[i].buf, iovs[i].buf_len);
            if (w < 0)
                return 8; /* EBADF-ish; the runtime only checks for nonzero */
            total += (size_t)w;
        }
    }
    *nwritten = total;
    return 0;
}

/* stdin for input(): a string set by the tests (NULL = the real fd 0). */
static const char *stdin_text;
static size_t stdin_pos;

void shim_set_stdin(const char *text) {
    stdin_text = text;
    stdin_pos = 0;
}

typedef struct ShimIovec {
    uint8_t *buf;
    size_t buf_len;
} ShimIovec;

__wasi_errno_t __wasi_fd_read(uint32_t fd, const ShimIovec *iovs, size_t iovs_len, size_t *nread) {
    size_t total = 0;
    for (size_t i = 0; i < iovs_len; i++) {
        if (stdin_text && fd == 0) {
            size_t left = strlen(stdin_text + stdin_pos);
            size_t n = iovs[i].buf_len < left ? iovs[i].buf_len : left;
            memcpy(iovs[i].buf, stdin_text + stdin_pos, n);
            stdin_pos += n;
            total += n;
        } else {
            ssize_t r = read((int)fd, iovs[i].buf, iovs[i].buf_len);
            if (r < 0)
                return 8;
            total += (size_t)r;
            if ((size_t)r < iovs[i].buf_len)
                break;
        }
    }
    *nread = total;
    return 0;
}

/* The program arguments args_get reports (sys.argv); tests set them. */
static const char *const default_args[] = {"program.py"};
static const char *const *shim_args = default_args;
static int shim_argc = 1;

void shim_set_args(int argc, const char *const *argv) {
    shim_args = argv ? argv : default_args;
    shim_argc = argv ? argc : 1;
}

__wasi_errno_t __wasi_args_sizes_get(size_t *argc, size_t *buf_size) {
    size_t total = 0;
    for (int i = 0; i < shim_argc; i++)
        total += strlen(shim_args[i]) + 1;
    *argc = (size_t)shim_argc;
    *buf_size = total;
    return 0;
}

__wasi_errno_t __wasi_args_get(uint8_t **argv, uint8_t *buf) {
    for (int i = 0; i < shim_argc; i++) {
        size_t n = strlen(shim_args[i]) + 1;
        memcpy(buf, shim_args[i], n);
        argv[i] = buf;
        buf += n;
    }
    return 0;
}

/* Deterministic "entropy": the tests only need random_get to succeed. */
__wasi_errno_t __wasi_random_get(uint8_t *buf, size_t len) {
    for (size_t i = 0; i < len; i++)
        buf[i] = (uint8_t)(i * 131u + 7u);
    return 0;
}

_Noreturn void __wasi_proc_exit(uint32_t code) { exit((int)code); }
