/*
 * traceback.c — traceback entries (the "traceback" objects behind
 * __traceback__), the compiler's traceback table, and the uncaught-exception
 * report in the format of CPython 3.11's default excepthook, and the
 * "Exception ignored in:" report of its default unraisable hook.
 *
 * The table (static data of the compiled module, read in place, little
 * endian, 4-byte aligned):
 *   u32 frame_count, u32 site_count,
 *   frames[frame_count] { u32 name, file }                         (8 bytes)
 *   sites[site_count]   { u32 line, frame, text; u16 indent, first, second, third }  (20 bytes)
 *   strings: NUL-terminated UTF-8; offsets above are relative to here;
 *            text == 0xFFFFFFFF means no source line.
 *
 * Invariants:
 *  - rt_traceback_add never replaces the pending exception: when an entry
 *    cannot be allocated the frame is silently left out.
 *  - A chain is released iteratively (it can be ~1000 entries long), so
 *    freeing it never recurses. Entries are gc-tracked like every object
 *    that holds references (gc.c), although a chain cannot form a cycle by
 *    itself: `next` is set once, to an older entry.
 *  - The reports never call the generic str()/repr() (see exc.c): they print
 *    a single str argument themselves and otherwise the report_text computed
 *    when the exception was made.
 */
#include "taipan_internal.h"
#include <string.h>

/* Cold code linked into every program: kept out of line so it stays small. */
#define COLD __attribute__((noinline, cold))

Type type_traceback = {{IMMORTAL_REFCNT, &type_type}, "traceback", TYPE_ID_TRACEBACK, NULL, 0};

#define TB_RECURSIVE_CUTOFF 3 /* CPython prints a repeated line at most 3 times */
#define TB_LIMIT 1000         /* sys.tracebacklimit's default */
#define NO_TEXT 0xFFFFFFFFu

static const uint8_t *table;

void rt_set_traceback_table(const void *t) { table = (const uint8_t *)t; }

static uint32_t read_u32(const uint8_t *p) {
    uint32_t v;
    memcpy(&v, p, 4);
    return v;
}

static uint32_t read_u16(const uint8_t *p) {
    uint16_t v;
    memcpy(&v, p, 2);
    return v;
}

void rt_traceback_add(int32_t site) {
    if (!err_pending())
        return;
    /* Allocated before the pending exception is read: the allocation may
     * run a collection (and generator finalizers, which set the pending
     * exception aside and restore it). Quiet: a failure must not replace
     * the exception being recorded. */
    TbEntry *entry = (TbEntry *)obj_alloc_quiet(&type_traceback, sizeof(TbEntry));
    if (!entry)
        return;
    ExcObj *e = (ExcObj *)err_pending();
    if (!e) {
        obj_free_memory((Obj *)entry, sizeof(TbEntry));
        return;
    }
    entry->next = e->traceback; /* the reference moves to the new entry */
    entry->site = site;
    e->traceback = (Obj *)entry;
}

uint32_t traceback_release(Obj *tb) {
    Obj *next = ((TbEntry *)tb)->next;
    while (next && next->refcnt >= 0 && --next->refcnt == 0) {
        Obj *after = ((TbEntry *)next)->next;
        obj_free_memory(next, sizeof(TbEntry));
        next = after;
    }
    return sizeof(TbEntry);
}

/* ---- printing ----------------------------------------------------------- */

COLD static void write_cstr(const char *s) { io_write_stderr(s, (uint32_t)strlen(s)); }

COLD static void write_u32(uint32_t v) {
    char buf[10];
    int n = 0;
    do {
        buf[sizeof buf - 1 - n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    io_write_stderr(buf + sizeof buf - n, (uint32_t)n);
}

COLD static void write_repeated(char c, uint32_t n) {
    char buf[64];
    memset(buf, c, sizeof buf);
    while (n > 0) {
        uint32_t k = n < sizeof buf ? n : (uint32_t)sizeof buf;
        io_write_stderr(buf, k);
        n -= k;
    }
}

typedef struct Site {
    uint32_t line, frame, text;
    uint32_t indent, first, second, third;
} Site;

COLD static bool read_site(int32_t index, Site *s) {
    if (!table || index < 0 || (uint32_t)index >= read_u32(table + 4))
        return false;
    const uint8_t *p = table + 8 + 8 * read_u32(table) + 20 * (uint32_t)index;
    s->line = read_u32(p);
    s->frame = read_u32(p + 4);
    s->text = read_u32(p + 8);
    s->indent = read_u16(p + 12);
    s->first = read_u16(p + 14);
    s->second = read_u16(p + 16);
    s->third = read_u16(p + 18);
    return s->frame < read_u32(table);
}

COLD static const char *table_string(uint32_t offset) {
    return (const char *)table + 8 + 8 * read_u32(table) + 20 * read_u32(table + 4) + offset;
}

COLD static void print_site(const Site *s) {
    const uint8_t *frame = table + 8 + 8 * s->frame;
    write_cstr("  File \"");
    write_cstr(table_string(read_u32(frame + 4)));
    write_cstr("\", line ");
    write_u32(s->line);
    write_cstr(", in ");
    write_cstr(table_string(read_u32(frame)));
    write_cstr("\n");
    if (s->text != NO_TEXT) {
        write_cstr("    ");
        write_cstr(table_string(s->text));
        write_cstr("\n");
    }
    if (s->first + s->second + s->third > 0) {
        write_repeated(' ', 4 + s->indent);
        if (s->second == 0) {
            write_repeated('^', s->first);
        } else {
            write_repeated('~', s->first);
            write_repeated('^', s->second);
            write_repeated('~', s->third);
        }
        write_cstr("\n");
    }
}

COLD static void print_repeated(uint32_t count) {
    uint32_t more = count - TB_RECURSIVE_CUTOFF;
    write_cstr("  [Previous line repeated ");
    write_u32(more);
    write_cstr(more == 1 ? " more time]\n" : " more times]\n");
}

/* CPython's tb_printinternal: the last TB_LIMIT entries, with runs of the
 * same (frame, line) cut after TB_RECURSIVE_CUTOFF lines. */
COLD static void print_traceback(Obj *tb) {
    write_cstr("Traceback (most recent call last):\n");
    uint32_t length = 0;
    for (Obj *t = tb; t; t = ((TbEntry *)t)->next)
        length++;
    Obj *t = tb;
    for (uint32_t skip = length > TB_LIMIT ? length - TB_LIMIT : 0; skip > 0; skip--)
        t = ((TbEntry *)t)->next;
    uint32_t count = 0, last_frame = 0, last_line = 0;
    bool have_last = false;
    for (; t; t = ((TbEntry *)t)->next) {
        Site s;
        if (!read_site(((TbEntry *)t)->site, &s))
            continue;
        if (!have_last || s.frame != last_frame || s.line != last_line) {
            if (count > TB_RECURSIVE_CUTOFF)
                print_repeated(count);
            last_frame = s.frame;
            last_line = s.line;
            have_last = true;
            count = 0;
        }
        if (++count <= TB_RECURSIVE_CUTOFF)
            print_site(&s);
    }
    if (count > TB_RECURSIVE_CUTOFF)
        print_repeated(count);
}

/* str(e) as the report can produce it: borrowed, or NULL for ''. */
COLD static Obj *report_text(ExcObj *e) {
    if (e->report_text)
        return e->report_text;
    TupleObj *args = (TupleObj *)e->args;
    if (args && args->length == 1 && is_str(args->items[0]))
        return args->items[0];
    return NULL;
}

/* The exception's type as the report names it: a user class by its
 * qualname, prefixed with its module unless that is __main__ or builtins. */
COLD static void write_type_name(const Type *t) {
    if (!type_is_user_class(t))
        write_cstr(t->name);
    else
        taipan_classes(CLASSES_HOOK_TYPE_NAME, (Obj *)t); /* class.c */
}

/* str(e) for the report: a user class's own __str__ is called now (it can
 * read attributes set after the exception was made); otherwise the text
 * kept since the exception was made. *owned: the caller releases it. */
COLD static Obj *report_text_now(ExcObj *e, bool *owned) {
    *owned = false;
    if (type_is_user_class(e->header.type)) {
        Obj *text = (Obj *)(intptr_t)taipan_classes(CLASSES_HOOK_REPORT_TEXT, (Obj *)e); /* class.c */
        if (text) {
            *owned = true;
            return text;
        }
    }
    return report_text(e);
}

COLD static void print_exception(ExcObj *e) {
    if (e->traceback)
        print_traceback(e->traceback);
    write_type_name(e->header.type);
    bool owned;
    Obj *text = report_text_now(e, &owned);
    if (text && ((StrObj *)text)->length > 0) {
        write_cstr(": ");
        io_write_stderr_str(text);
    }
    if (owned)
        rt_decref(text);
    /* CPython 3.10+ offers the closest attribute name (only class.c's
     * lookups record name and obj) */
    Obj *suggestion = e->attr_obj && e->attr_name ? (Obj *)(intptr_t)taipan_classes(CLASSES_HOOK_SUGGESTION, (Obj *)e) : NULL;
    if (suggestion) {
        write_cstr(". Did you mean: '");
        io_write_stderr_str(suggestion);
        write_cstr("'?");
    }
    write_cstr("\n");
}

/* CPython's print_exception_recursive follows one predecessor per step
 * (the cause if set, else the context unless suppressed), stopping at an
 * exception it has already printed, so the chain is a list: collect it,
 * then print it oldest first. */
COLD static void print_chain(ExcObj *exc) {
    ExcObj *inline_chain[16];
    ExcObj **chain = inline_chain;
    uint32_t n = 0, cap = 16;
    chain[n++] = exc;
    for (;;) {
        ExcObj *last = chain[n - 1];
        Obj *next = last->cause ? last->cause : last->suppress_context ? NULL : last->context;
        bool seen = false;
        for (uint32_t i = 0; next && i < n; i++)
            seen = seen || chain[i] == (ExcObj *)next;
        if (!next || seen)
            break;
        if (n == cap) {
            ExcObj **bigger = (ExcObj **)heap_alloc(2 * cap * (uint32_t)sizeof *chain);
            if (!bigger)
                break; /* print what fits rather than nothing */
            memcpy(bigger, chain, n * sizeof *chain);
            if (chain != inline_chain)
                heap_free(chain, cap * (uint32_t)sizeof *chain);
            chain = bigger;
            cap *= 2;
        }
        chain[n++] = (ExcObj *)next;
    }
    for (uint32_t i = n; i-- > 0;) {
        print_exception(chain[i]);
        if (i > 0)
            write_cstr(chain[i - 1]->cause == (Obj *)chain[i]
                           ? "\nThe above exception was the direct cause of the following exception:\n\n"
                           : "\nDuring handling of the above exception, another exception occurred:\n\n");
    }
    if (chain != inline_chain)
        heap_free(chain, cap * (uint32_t)sizeof *chain);
}

/* CPython passes SystemExit.code to exit(): None is 0, an int is truncated
 * to C int (beyond a C long it is -1), anything else is printed and is 1. */
COLD static int32_t system_exit_code(ExcObj *e) {
    TupleObj *args = (TupleObj *)e->args;
    Obj *code = args->length == 0 ? rt_none() : args->length == 1 ? args->items[0] : (Obj *)args;
    if (code == rt_none())
        return 0;
    if (is_int_like(code)) {
        int64_t v;
        return int_to_i64_checked(code, &v) ? (int32_t)(uint32_t)(uint64_t)v : -1;
    }
    Obj *text = report_text(e);
    if (text)
        io_write_stderr_str(text);
    write_cstr("\n");
    return 1;
}

int32_t rt_report_uncaught(void) {
    io_flush_stdout();
    ExcObj *e = (ExcObj *)rt_exc_fetch();
    int32_t code = 1;
    if (!e)
        write_cstr("Traceback (most recent call last):\n");
    else if (type_is_subtype(e->header.type, &type_system_exit))
        code = system_exit_code(e);
    else
        print_chain(e);
    io_flush_stderr();
    if (e && e->header.refcnt < 0 && e->traceback) {
        /* the static MemoryError instance: its entries go with the report */
        Obj *tb = e->traceback;
        e->traceback = NULL;
        rt_decref(tb);
    }
    rt_decref((Obj *)e);
    return code;
}

/* CPython's default unraisable hook prints no chained exceptions and always
 * writes ": " after the type name, even when str(e) is empty. Nothing here
 * ends the program: SystemExit is printed like any other exception. */
COLD void report_unraisable(Obj *where) {
    io_flush_stdout();
    ExcObj *e = (ExcObj *)rt_exc_fetch();
    write_cstr("Exception ignored in: ");
    io_write_stderr_str(where);
    write_cstr("\n");
    if (e) {
        if (e->traceback)
            print_traceback(e->traceback);
        write_type_name(e->header.type);
        write_cstr(": ");
        bool owned;
        Obj *text = report_text_now(e, &owned);
        if (text)
            io_write_stderr_str(text);
        if (owned)
            rt_decref(text);
        write_cstr("\n");
    }
    io_flush_stderr();
    rt_decref((Obj *)e);
}
