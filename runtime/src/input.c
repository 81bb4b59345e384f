/*
 * input.c — reading stdin: the input([prompt]) builtin (prompt to stdout,
 * one line without its newline) and sys.stdin's readline, read and
 * readlines (stdin_read_text, called through sysmodule.c).
 *
 * Invariants:
 *  - stdin is read in blocks into a static buffer (in .bss, so it costs no
 *    data bytes) and bytes after what a call returns stay buffered for the
 *    next call, so input() and sys.stdin share one stream, as in CPython.
 *  - Only input() and sys.stdin's methods reach platform_read, and the
 *    latter only through the sys module's link-time hook, so only programs
 *    calling input() or importing sys import fd_read.
 *  - Text is decoded as UTF-8 (malformed sequences become U+FFFD; CPython
 *    would raise UnicodeDecodeError); size limits count code points. "\r\n"
 *    reads as "\n" (CPython's universal newlines; a lone "\r" is kept).
 */
#include "taipan_internal.h"

#define STDIN_FD 0
#define STDIN_BUFFER_BYTES 4096u

static uint8_t stdin_buffer[STDIN_BUFFER_BYTES];
static uint32_t stdin_start, stdin_end;
static bool stdin_eof;

/* true when at least one byte is buffered, reading a block if needed. */
static bool stdin_fill(void) {
    if (stdin_start < stdin_end)
        return true;
    if (stdin_eof)
        return false;
    int32_t got = platform_read(STDIN_FD, stdin_buffer, STDIN_BUFFER_BYTES);
    if (got <= 0) {
        stdin_eof = true; /* an error reads as end of input */
        return false;
    }
    stdin_start = 0;
    stdin_end = (uint32_t)got;
    return true;
}

/* Moves up to max_chars code points (all when negative) from stdin to out,
 * stopping after a '\n' when one_line; true when it stopped at a '\n'. */
static bool stdin_take(StrBuf *out, int64_t max_chars, bool one_line) {
    int64_t chars = 0;
    while (stdin_fill()) {
        uint32_t i = stdin_start;
        bool newline = false, full = false;
        while (i < stdin_end) {
            uint8_t byte = stdin_buffer[i];
            if ((byte & 0xC0) != 0x80) { /* a code point starts here */
                if (max_chars >= 0 && chars == max_chars) {
                    full = true;
                    break;
                }
                chars++;
            }
            i++;
            if (one_line && byte == '\n') {
                newline = true;
                break;
            }
        }
        strbuf_append(out, (const char *)stdin_buffer + stdin_start, i - stdin_start);
        stdin_start = i;
        if (newline)
            return true;
        if (full)
            break;
    }
    return false;
}

/* "\r\n" -> "\n" in place. */
static void strip_carriage_returns(StrBuf *b) {
    uint32_t kept = 0;
    for (uint32_t i = 0; i < b->len; i++)
        if (!(b->bytes[i] == '\r' && i + 1 < b->len && b->bytes[i + 1] == '\n'))
            b->bytes[kept++] = b->bytes[i];
    b->len = kept;
}

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
    bool newline = stdin_take(&line, -1, true);
    if (!newline && line.len == 0 && !line.failed) {
        strbuf_release(&line);
        err_format(&type_eof_error, "EOF when reading a line");
        return NULL;
    }
    if (newline)
        line.len--;
    if (newline && line.len > 0 && line.bytes[line.len - 1] == '\r')
        line.len--;
    return strbuf_finish(&line);
}

Obj *stdin_read_text(int64_t max_chars, bool one_line) {
    io_flush_stdout(); /* like input(): output written so far appears before blocking */
    StrBuf text;
    strbuf_init(&text);
    stdin_take(&text, max_chars, one_line);
    strip_carriage_returns(&text);
    return strbuf_finish(&text);
}
