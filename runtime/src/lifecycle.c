/*
 * lifecycle.c — runtime start-up and shutdown: rt_init, rt_fini, rt_exit.
 *
 * Invariants:
 *  - rt_init runs once before any other entry point that allocates.
 *  - rt_fini first collects cyclic garbage (the program's globals are
 *    released by then), so generators in cycles are closed before exit as
 *    CPython's shutdown collection does, and the debug live count below
 *    sees only real leaks. It then leaves both output streams flushed; in
 *    debug builds it reports the live-object count on stderr so tests can
 *    detect leaks.
 */
#include "taipan_internal.h"

void rt_init(uint32_t heap_start) {
    heap_init(heap_start);
    gc_init();
}

void rt_fini(void) {
    /* sysmodule.c: the imported modules' dicts, so what the program left in
     * sys (acyclic) is freed and the debug live count below stays exact */
    modules_release();
    io_flush_stdout();
    io_flush_stderr();
#ifdef TAIPAN_DEBUG
    StrBuf line;
    char text[64];
    uint32_t n = 0;
    strbuf_init(&line);
    strbuf_append_cstr(&line, "taipan-debug: live-objects ");
    strbuf_append_i64(&line, rt_live_objects());
    strbuf_append_char(&line, '\n');
    for (; n < line.len && n < sizeof text; n++)
        text[n] = line.bytes[n];
    strbuf_release(&line);
    io_write_stderr(text, n);
    io_flush_stderr();
#endif
}

_Noreturn void rt_exit(int32_t code) {
    rt_fini();
    platform_exit(code);
}
