/*
 * exc.c — exception types, the single pending exception, message
 * formatting, uncaught-exception reporting and the recursion-depth guard.
 *
 * Invariants:
 *  - At most one exception is pending; setting a new one releases the old.
 *  - Raising MemoryError never allocates: it uses a static immortal instance.
 *  - The frame depth counts the module body as one frame (like CPython), so
 *    user recursion hits RecursionError when depth would exceed 1000.
 */
#include "taipan_internal.h"
#include <stdarg.h>
#include <string.h>

#define STATIC_HEADER(type_ptr) {IMMORTAL_REFCNT, (type_ptr)}
#define DEFINE_EXC(var, pyname, type_id, base_ptr) \
    Type var = {STATIC_HEADER(&type_type), pyname, type_id, base_ptr}

DEFINE_EXC(type_base_exception, "BaseException", TYPE_ID_BASE_EXCEPTION, NULL);
DEFINE_EXC(type_exception, "Exception", TYPE_ID_EXCEPTION, &type_base_exception);
DEFINE_EXC(type_arithmetic_error, "ArithmeticError", TYPE_ID_ARITHMETIC_ERROR, &type_exception);
DEFINE_EXC(type_zero_division_error, "ZeroDivisionError", TYPE_ID_ZERO_DIVISION_ERROR, &type_arithmetic_error);
DEFINE_EXC(type_overflow_error, "OverflowError", TYPE_ID_OVERFLOW_ERROR, &type_arithmetic_error);
DEFINE_EXC(type_lookup_error, "LookupError", TYPE_ID_LOOKUP_ERROR, &type_exception);
DEFINE_EXC(type_index_error, "IndexError", TYPE_ID_INDEX_ERROR, &type_lookup_error);
DEFINE_EXC(type_key_error, "KeyError", TYPE_ID_KEY_ERROR, &type_lookup_error);
DEFINE_EXC(type_value_error, "ValueError", TYPE_ID_VALUE_ERROR, &type_exception);
DEFINE_EXC(type_type_error, "TypeError", TYPE_ID_TYPE_ERROR, &type_exception);
DEFINE_EXC(type_name_error, "NameError", TYPE_ID_NAME_ERROR, &type_exception);
DEFINE_EXC(type_unbound_local_error, "UnboundLocalError", TYPE_ID_UNBOUND_LOCAL_ERROR, &type_name_error);
DEFINE_EXC(type_runtime_error, "RuntimeError", TYPE_ID_RUNTIME_ERROR, &type_exception);
DEFINE_EXC(type_recursion_error, "RecursionError", TYPE_ID_RECURSION_ERROR, &type_runtime_error);
DEFINE_EXC(type_not_implemented_error, "NotImplementedError", TYPE_ID_NOT_IMPLEMENTED_ERROR, &type_runtime_error);
DEFINE_EXC(type_memory_error, "MemoryError", TYPE_ID_MEMORY_ERROR, &type_exception);
DEFINE_EXC(type_attribute_error, "AttributeError", TYPE_ID_ATTRIBUTE_ERROR, &type_exception);
DEFINE_EXC(type_assertion_error, "AssertionError", TYPE_ID_ASSERTION_ERROR, &type_exception);
DEFINE_EXC(type_stop_iteration, "StopIteration", TYPE_ID_STOP_ITERATION, &type_exception);
DEFINE_EXC(type_eof_error, "EOFError", TYPE_ID_EOF_ERROR, &type_exception);
DEFINE_EXC(type_unicode_error, "UnicodeError", TYPE_ID_UNICODE_ERROR, &type_value_error);
DEFINE_EXC(type_unicode_encode_error, "UnicodeEncodeError", TYPE_ID_UNICODE_ENCODE_ERROR, &type_unicode_error);
DEFINE_EXC(type_unicode_decode_error, "UnicodeDecodeError", TYPE_ID_UNICODE_DECODE_ERROR, &type_unicode_error);

#define RECURSION_LIMIT 1000

static Obj *pending;
static ExcObj memory_error_instance = {STATIC_HEADER(&type_memory_error), NULL};
static int32_t frame_depth = 1; /* the module body */

static void set_pending(Obj *exc) {
    Obj *old = pending;
    pending = exc;
    rt_decref(old);
}

Obj *exc_new(const Type *type, Obj *message) {
    ExcObj *e = (ExcObj *)obj_alloc(type, sizeof(ExcObj));
    if (!e)
        return NULL;
    e->message = new_ref(message);
    return (Obj *)e;
}

void err_no_memory(void) {
    memory_error_instance.message = str_empty();
    set_pending((Obj *)&memory_error_instance);
}

void err_set_str(const Type *type, Obj *message) {
    Obj *exc = exc_new(type, message);
    if (exc)
        set_pending(exc);
}

/* %S takes a str object, and there is deliberately no %R: err_format is
 * reachable from every program (any program can raise), so anything it can
 * call, such as repr() and with it the Unicode tables, would be linked into
 * every program. Callers that need a repr compute it and pass it as %S. */

void err_format(const Type *type, const char *fmt, ...) {
    StrBuf b;
    strbuf_init(&b);
    va_list args;
    va_start(args, fmt);
    for (const char *p = fmt; *p; p++) {
        if (*p != '%') {
            strbuf_append_char(&b, *p);
            continue;
        }
        switch (*++p) {
        case 's': strbuf_append_cstr(&b, va_arg(args, const char *)); break;
        case 'd': strbuf_append_i64(&b, va_arg(args, int32_t)); break;
        case 'D': strbuf_append_i64(&b, va_arg(args, int64_t)); break;
        case 'T': strbuf_append_cstr(&b, type_name_of(va_arg(args, Obj *))); break;
        case 'S': strbuf_append_str_obj(&b, va_arg(args, Obj *)); break;
        case '%': strbuf_append_char(&b, '%'); break;
        default: p--; strbuf_append_char(&b, '%'); break; /* keep a stray % */
        }
    }
    va_end(args);
    if (b.failed) {
        strbuf_release(&b);
        err_no_memory();
        return;
    }
    Obj *message = strbuf_finish(&b);
    if (!message)
        return; /* MemoryError already pending */
    err_set_str(type, message);
    rt_decref(message);
}

void err_int_overflow(void) {
    err_format(&type_overflow_error,
               "int too large: integers beyond 64 bits are not supported yet");
}

Obj *err_pending(void) { return pending; }

bool err_matches(const Type *type) {
    return pending && type_is_subtype(pending->type, type);
}

int32_t rt_err_occurred(void) { return pending != NULL; }

void rt_err_clear(void) { set_pending(NULL); }

void rt_raise_name_error(Obj *name) {
    err_format(&type_name_error, "name '%S' is not defined", name);
}

void rt_raise_unbound_local(Obj *name) {
    err_format(&type_unbound_local_error,
               "cannot access local variable '%S' where it is not associated with a value",
               name);
}

int32_t rt_report_uncaught(void) {
    static const char header[] = "Traceback (most recent call last):\n";
    io_flush_stdout();
    io_write_stderr(header, sizeof header - 1);
    if (pending) {
        const char *name = pending->type->name;
        io_write_stderr(name, (uint32_t)strlen(name));
        Obj *message = ((ExcObj *)pending)->message;
        if (message && ((StrObj *)message)->length > 0) {
            io_write_stderr(": ", 2);
            io_write_stderr_str(message);
        }
        io_write_stderr("\n", 1);
    }
    io_flush_stderr();
    rt_err_clear();
    return 1;
}

int32_t rt_enter(void) {
    if (frame_depth >= RECURSION_LIMIT) {
        err_format(&type_recursion_error, "maximum recursion depth exceeded");
        return -1;
    }
    frame_depth++;
    return 0;
}

void rt_leave(void) { frame_depth--; }
