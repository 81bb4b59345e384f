/*
 * io.c — buffered stdout/stderr over platform_write.
 *
 * Invariants:
 *  - stdout bytes sit in an 8 KiB buffer until it fills or a flush; stderr
 *    bytes sit in their own buffer until the reporter flushes.
 *  - Before any byte is queued for stderr, stdout is flushed, so the two
 *    streams interleave in program order when they share a terminal/pipe.
 *  - str objects are encoded to UTF-8 straight into the buffer.
 */
#include "taipan_internal.h"

#define STDOUT_FD 1
#define STDERR_FD 2
#define BUFFER_BYTES 8192u

/* Zero-initialised on purpose: the buffers then live in .bss and cost no
 * bytes in the module's data section. The fd is derived from which one it is. */
typedef struct OutBuffer {
    uint32_t used;
    uint8_t bytes[BUFFER_BYTES];
} OutBuffer;

static OutBuffer stdout_buffer;
static OutBuffer stderr_buffer;

static void buffer_flush(OutBuffer *b) {
    if (b->used) {
        platform_write(b == &stderr_buffer ? STDERR_FD : STDOUT_FD, b->bytes, b->used);
        b->used = 0;
    }
}

static void buffer_write(OutBuffer *b, const uint8_t *bytes, uint32_t n) {
    while (n > 0) {
        if (b->used == BUFFER_BYTES)
            buffer_flush(b);
        uint32_t room = BUFFER_BYTES - b->used;
        uint32_t chunk = n < room ? n : room;
        for (uint32_t i = 0; i < chunk; i++)
            b->bytes[b->used + i] = bytes[i];
        b->used += chunk;
        bytes += chunk;
        n -= chunk;
    }
}

static void buffer_write_str(OutBuffer *b, const Obj *o) {
    const StrObj *s = (const StrObj *)o;
    for (int32_t i = 0; i < s->length; i++) {
        uint32_t cp = str_char_at(s, i);
        if (cp < 0x80 && b->used < BUFFER_BYTES) {
            b->bytes[b->used++] = (uint8_t)cp; /* fast path for ASCII */
        } else {
            uint8_t encoded[4];
            buffer_write(b, encoded, utf8_encode(cp, encoded));
        }
    }
}

void io_write_stdout(const char *bytes, uint32_t n) {
    buffer_write(&stdout_buffer, (const uint8_t *)bytes, n);
}

void io_write_stdout_str(const Obj *s) { buffer_write_str(&stdout_buffer, s); }

void io_write_stderr(const char *bytes, uint32_t n) {
    io_flush_stdout();
    buffer_write(&stderr_buffer, (const uint8_t *)bytes, n);
}

void io_write_stderr_str(const Obj *s) {
    io_flush_stdout();
    buffer_write_str(&stderr_buffer, s);
}

void io_flush_stdout(void) { buffer_flush(&stdout_buffer); }
void io_flush_stderr(void) { buffer_flush(&stderr_buffer); }
