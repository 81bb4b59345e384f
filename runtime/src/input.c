/*
 * input.c — the input([prompt]) builtin: prompt to stdout, one line from
 * stdin through WASI fd_read.
 *
 * Invariants:
 *  - stdin is read in blocks into a static buffer (in .bss, so it costs no
 *    data bytes) and bytes after the returned line stay buffered for the
 *    next call, as CPython's buffered sys.stdin does.
 *  - Only input() reaches platform_read, so only programs calling input()
 *    import fd_read.
 *  - The line is decoded as UTF-8 (malformed sequences become U+FFFD; CPython
 *    would raise UnicodeDecodeError) and loses its trailing "\n" (or "\r\n",
 *    which CPython's universal-newline stdin turns into "\n").
 */
#include "taipan_internal.h"

#define STDIN_FD 0
#define STDIN_BUFFER_BYTES 4096u

static uint8_t stdin_buffer[STDIN_BUFFER_BYTES];
static uint32_t stdin_start, stdin_end;
static bool stdin_eof;

Obj *rt_builtin_input(Obj *prompt) {
    if (prompt) {
        Obj *text = rt_str(prompt);
        if (!text)
            return NULL;
        io_write_stdout_str(text);
        rt_decref(text);
    }
    /* CPython flushes stdout before reading, prompt or not. */
    io_flush_stdout();
    StrBuf line;
    strbuf_init(&line);
    bool newline = false;
    while (!newline) {
        if (stdin_start == stdin_end) {
            if (stdin_eof)
                break;
            int32_t got = platform_read(STDIN_FD, stdin_buffer, STDIN_BUFFER_BYTES);
            if (got <= 0) {
                stdin_eof = true; /* an error reads as end of input */
                break;
            }
            stdin_start = 0;
            stdin_end = (uint32_t)got;
        }
        uint32_t i = stdin_start;
        while (i < stdin_end && stdin_buffer[i] != '\n')
            i++;
        newline = i < stdin_end;
        strbuf_append(&line, (const char *)stdin_buffer + stdin_start, i - stdin_start);
        stdin_start = newline ? i + 1 : i;
    }
    if (!newline && line.len == 0 && !line.failed) {
        strbuf_release(&line);
        err_format(&type_eof_error, "EOF when reading a line");
        return NULL;
    }
    if (newline && line.len > 0 && line.bytes[line.len - 1] == '\r')
        line.len--;
    return strbuf_finish(&line);
}
