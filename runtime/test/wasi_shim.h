/*
 * wasi_shim.h — test-side controls of the native WASI shim (captured
 * output, memory limit, the stand-in function table). The runtime itself never includes this.
 */
#ifndef TAIPAN_WASI_SHIM_H
#define TAIPAN_WASI_SHIM_H
#include <stddef.h>
#include <stdint.h>

typedef struct ShimCapture {
    size_t len;
    char bytes[1 << 16];
} ShimCapture;

void shim_capture_begin(void);
const ShimCapture *shim_capture_end(int fd); /* stops capturing */
const ShimCapture *shim_captured(int fd);
void shim_set_page_limit(uint32_t pages);
uint32_t shim_pages(void);
void shim_set_stdin(const char *text); /* input() reads this (NULL = real fd 0) */
/* What args_get reports (sys.argv); argv NULL restores {"program.py"}. */
void shim_set_args(int argc, const char *const *argv);
/* The function table natively: entry i is what a compiled function's
 * vector_index i would reach through call_indirect on wasm. */
struct Obj;
typedef struct Obj *(*ShimVectorFn)(struct Obj *func, struct Obj **argv);
#define SHIM_TABLE_SIZE 64
void shim_set_table_entry(int32_t index, ShimVectorFn fn);
#endif
