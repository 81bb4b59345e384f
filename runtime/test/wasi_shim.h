/*
 * wasi_shim.h — test-side controls of the native WASI shim (captured
 * output, memory limit). The runtime itself never includes this.
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
#endif
