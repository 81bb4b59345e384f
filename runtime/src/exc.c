/*
 * exc.c — exception types and objects, the pending exception, the handled
 * exception (CPython's exc_info), implicit chaining, the raise entry points,
 * message formatting, str/repr/attributes of exceptions and the
 * recursion-depth guard. The traceback table and the uncaught-exception
 * report live in traceback.c.
 *
 * Invariants:
 *  - At most one exception is pending; setting a new one releases the old.
 *  - Every path that makes a NEW exception pending goes through raise_new,
 *    which chains the handled exception in as __context__; re-raises
 *    (rt_reraise, rt_reraise_handled) keep the exception unchanged. An
 *    exception thrown into a generator is chained explicitly
 *    (exc_chain_pending_context) with the generator's own handled one.
 *  - The handled exception is owned here; a generator swaps its own in
 *    while it runs and out when it yields (exc_swap_handled, gen.c).
 *  - Raising MemoryError never allocates: it uses a static immortal instance
 *    whose args is the immortal empty tuple. It never takes a __context__
 *    (it would keep the handled exception alive forever), and its traceback
 *    is dropped each time it is raised again.
 *  - Code reachable from every program (err_format, err_set_str, exc_new,
 *    the report) never calls the generic str()/repr(): that would link every
 *    type's repr into every program. Exceptions made from arbitrary objects
 *    (exc_new_args: exception-type calls, err_set_object) compute str(e)
 *    once when made and keep it in report_text for the uncaught report.
 *    (A function-pointer hook does not work here: the pointer's table entry
 *    is an element segment that Binaryen keeps alive in every program.)
 *  - The frame depth counts the module body as one frame (like CPython), so
 *    user recursion hits RecursionError when depth would exceed the limit
 *    (1000 unless sys.setrecursionlimit changed it).
 */
#include "taipan_internal.h"
#include <stdarg.h>
#include <string.h>

#define STATIC_HEADER(type_ptr) {IMMORTAL_REFCNT, (type_ptr)}
#define DEFINE_EXC(var, pyname, type_id, base_ptr) \
    Type var = {STATIC_HEADER(&type_type), pyname, type_id, base_ptr, 0}

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
DEFINE_EXC(type_system_exit, "SystemExit", TYPE_ID_SYSTEM_EXIT, &type_base_exception);
DEFINE_EXC(type_keyboard_interrupt, "KeyboardInterrupt", TYPE_ID_KEYBOARD_INTERRUPT, &type_base_exception);
DEFINE_EXC(type_generator_exit, "GeneratorExit", TYPE_ID_GENERATOR_EXIT, &type_base_exception);
DEFINE_EXC(type_floating_point_error, "FloatingPointError", TYPE_ID_FLOATING_POINT_ERROR, &type_arithmetic_error);
DEFINE_EXC(type_buffer_error, "BufferError", TYPE_ID_BUFFER_ERROR, &type_exception);
DEFINE_EXC(type_import_error, "ImportError", TYPE_ID_IMPORT_ERROR, &type_exception);
DEFINE_EXC(type_module_not_found_error, "ModuleNotFoundError", TYPE_ID_MODULE_NOT_FOUND_ERROR, &type_import_error);
DEFINE_EXC(type_os_error, "OSError", TYPE_ID_OS_ERROR, &type_exception);
DEFINE_EXC(type_blocking_io_error, "BlockingIOError", TYPE_ID_BLOCKING_IO_ERROR, &type_os_error);
DEFINE_EXC(type_child_process_error, "ChildProcessError", TYPE_ID_CHILD_PROCESS_ERROR, &type_os_error);
DEFINE_EXC(type_connection_error, "ConnectionError", TYPE_ID_CONNECTION_ERROR, &type_os_error);
DEFINE_EXC(type_broken_pipe_error, "BrokenPipeError", TYPE_ID_BROKEN_PIPE_ERROR, &type_connection_error);
DEFINE_EXC(type_connection_aborted_error, "ConnectionAbortedError", TYPE_ID_CONNECTION_ABORTED_ERROR, &type_connection_error);
DEFINE_EXC(type_connection_refused_error, "ConnectionRefusedError", TYPE_ID_CONNECTION_REFUSED_ERROR, &type_connection_error);
DEFINE_EXC(type_connection_reset_error, "ConnectionResetError", TYPE_ID_CONNECTION_RESET_ERROR, &type_connection_error);
DEFINE_EXC(type_file_exists_error, "FileExistsError", TYPE_ID_FILE_EXISTS_ERROR, &type_os_error);
DEFINE_EXC(type_file_not_found_error, "FileNotFoundError", TYPE_ID_FILE_NOT_FOUND_ERROR, &type_os_error);
DEFINE_EXC(type_interrupted_error, "InterruptedError", TYPE_ID_INTERRUPTED_ERROR, &type_os_error);
DEFINE_EXC(type_is_a_directory_error, "IsADirectoryError", TYPE_ID_IS_A_DIRECTORY_ERROR, &type_os_error);
DEFINE_EXC(type_not_a_directory_error, "NotADirectoryError", TYPE_ID_NOT_A_DIRECTORY_ERROR, &type_os_error);
DEFINE_EXC(type_permission_error, "PermissionError", TYPE_ID_PERMISSION_ERROR, &type_os_error);
DEFINE_EXC(type_process_lookup_error, "ProcessLookupError", TYPE_ID_PROCESS_LOOKUP_ERROR, &type_os_error);
DEFINE_EXC(type_timeout_error, "TimeoutError", TYPE_ID_TIMEOUT_ERROR, &type_os_error);
DEFINE_EXC(type_reference_error, "ReferenceError", TYPE_ID_REFERENCE_ERROR, &type_exception);
DEFINE_EXC(type_stop_async_iteration, "StopAsyncIteration", TYPE_ID_STOP_ASYNC_ITERATION, &type_exception);
DEFINE_EXC(type_syntax_error, "SyntaxError", TYPE_ID_SYNTAX_ERROR, &type_exception);
DEFINE_EXC(type_indentation_error, "IndentationError", TYPE_ID_INDENTATION_ERROR, &type_syntax_error);
DEFINE_EXC(type_tab_error, "TabError", TYPE_ID_TAB_ERROR, &type_indentation_error);
DEFINE_EXC(type_system_error, "SystemError", TYPE_ID_SYSTEM_ERROR, &type_exception);
DEFINE_EXC(type_unicode_translate_error, "UnicodeTranslateError", TYPE_ID_UNICODE_TRANSLATE_ERROR, &type_unicode_error);
DEFINE_EXC(type_warning, "Warning", TYPE_ID_WARNING, &type_exception);
DEFINE_EXC(type_user_warning, "UserWarning", TYPE_ID_USER_WARNING, &type_warning);
DEFINE_EXC(type_deprecation_warning, "DeprecationWarning", TYPE_ID_DEPRECATION_WARNING, &type_warning);
DEFINE_EXC(type_pending_deprecation_warning, "PendingDeprecationWarning", TYPE_ID_PENDING_DEPRECATION_WARNING, &type_warning);
DEFINE_EXC(type_syntax_warning, "SyntaxWarning", TYPE_ID_SYNTAX_WARNING, &type_warning);
DEFINE_EXC(type_runtime_warning, "RuntimeWarning", TYPE_ID_RUNTIME_WARNING, &type_warning);
DEFINE_EXC(type_future_warning, "FutureWarning", TYPE_ID_FUTURE_WARNING, &type_warning);
DEFINE_EXC(type_import_warning, "ImportWarning", TYPE_ID_IMPORT_WARNING, &type_warning);
DEFINE_EXC(type_unicode_warning, "UnicodeWarning", TYPE_ID_UNICODE_WARNING, &type_warning);
DEFINE_EXC(type_bytes_warning, "BytesWarning", TYPE_ID_BYTES_WARNING, &type_warning);
DEFINE_EXC(type_resource_warning, "ResourceWarning", TYPE_ID_RESOURCE_WARNING, &type_warning);
DEFINE_EXC(type_encoding_warning, "EncodingWarning", TYPE_ID_ENCODING_WARNING, &type_warning);

#define DEFAULT_RECURSION_LIMIT 1000

static Obj *pending;
static Obj *handled; /* owned; the exception an except/finally block is handling */
static ExcObj memory_error_instance = {STATIC_HEADER(&type_memory_error), NULL, NULL, NULL, NULL, false, NULL, NULL, NULL, NULL};
static int32_t frame_depth; /* the module body's own rt_enter makes it 1 */
static int32_t recursion_limit = DEFAULT_RECURSION_LIMIT; /* sys.setrecursionlimit changes it */

static void set_pending(Obj *exc) {
    Obj *old = pending;
    pending = exc;
    rt_decref(old);
}

/* Implicit chaining, as CPython does when an exception is set while another
 * is being handled: exc.__context__ = handled, after cutting any link in
 * handled's context chain that points back at exc (so no cycle forms). The
 * walk uses Floyd's tortoise so a pre-existing cycle cannot loop forever. */
static void chain_context(ExcObj *exc) {
    if (!handled || handled == (Obj *)exc || exc == &memory_error_instance)
        return;
    ExcObj *o = (ExcObj *)handled, *slow = o;
    bool advance_slow = false;
    while (o->context) {
        if (o->context == (Obj *)exc) {
            o->context = NULL;
            rt_decref((Obj *)exc); /* the caller holds a reference too */
            break;
        }
        o = (ExcObj *)o->context;
        if (advance_slow)
            slow = (ExcObj *)slow->context;
        advance_slow = !advance_slow;
        if (o == slow)
            break;
    }
    Obj *old = exc->context;
    exc->context = new_ref(handled);
    rt_decref(old);
}

/* Makes a newly raised exception (stolen) pending. */
static void raise_new(Obj *exc) {
    chain_context((ExcObj *)exc);
    set_pending(exc);
}

static Obj *exc_alloc(const Type *type, Obj *args) {
    ExcObj *e = (ExcObj *)obj_alloc(type, sizeof(ExcObj));
    if (!e)
        return NULL;
    e->args = new_ref(args);
    e->traceback = e->cause = e->context = e->report_text = e->attr_name = e->attr_obj = e->dict = NULL;
    e->suppress_context = false;
    return (Obj *)e;
}

Obj *exc_new(const Type *type, Obj *message) {
    Obj *args = tuple_new(1);
    if (!args)
        return NULL;
    ((TupleObj *)args)->items[0] = new_ref(message);
    Obj *e = exc_alloc(type, args);
    rt_decref(args);
    return e;
}

/* Whether the report can print str(e) without the generic str/repr. */
static bool has_plain_text(const ExcObj *e) {
    const TupleObj *args = (const TupleObj *)e->args;
    return args->length == 0 ||
           (args->length == 1 && is_str(args->items[0]) && e->header.type->id != TYPE_ID_KEY_ERROR);
}

/* Recomputes report_text after args changed (user exception classes,
 * `e.args = ...`): the uncaught report prints it. */
void exc_refresh_report_text(Obj *o) {
    ExcObj *e = (ExcObj *)o;
    Obj *old = e->report_text;
    e->report_text = NULL;
    rt_decref(old);
    if (has_plain_text(e))
        return;
    Obj *saved = pending;
    pending = NULL;
    Obj *text = exc_str(o);
    if (!text) {
        rt_err_clear();
        text = str_from_ascii("<exception str() failed>");
        rt_err_clear();
    }
    pending = saved;
    e->report_text = text;
}

void exc_set_args(Obj *o, Obj *args) {
    ExcObj *e = (ExcObj *)o;
    Obj *old = e->args;
    e->args = new_ref(args);
    rt_decref(old);
    exc_refresh_report_text(o);
}

int32_t exc_setattr(Obj *o, Obj *name, Obj *value, bool *found) {
    ExcObj *e = (ExcObj *)o;
    *found = true;
    if (e == &memory_error_instance) {
        err_format(&type_type_error, "cannot set attributes of the static MemoryError");
        return -1;
    }
    if (str_equals_ascii(name, "args")) {
        if (!value) {
            err_format(&type_type_error, "args may not be deleted");
            return -1;
        }
        Obj *t = rt_builtin_tuple(value);
        if (!t)
            return -1;
        exc_set_args(o, t);
        rt_decref(t);
        return 0;
    }
    bool none = !value || value == rt_none();
    Obj **field = NULL;
    if (str_equals_ascii(name, "__traceback__")) {
        if (!value) {
            err_format(&type_type_error, "__traceback__ may not be deleted");
            return -1;
        }
        if (!none && type_id_of(value) != TYPE_ID_TRACEBACK) {
            err_format(&type_type_error, "__traceback__ must be a traceback or None");
            return -1;
        }
        field = &e->traceback;
    } else if (str_equals_ascii(name, "__cause__") || str_equals_ascii(name, "__context__")) {
        bool cause = str_equals_ascii(name, "__cause__");
        if (!value) {
            err_format(&type_type_error, "%s may not be deleted", cause ? "__cause__" : "__context__");
            return -1;
        }
        if (!none && !is_exception(value)) {
            err_format(&type_type_error, "exception %s must be None or derive from BaseException",
                       cause ? "cause" : "context");
            return -1;
        }
        field = cause ? &e->cause : &e->context;
        if (cause)
            e->suppress_context = true;
    } else if (str_equals_ascii(name, "__suppress_context__")) {
        if (!value) {
            err_format(&type_type_error, "__suppress_context__ may not be deleted");
            return -1;
        }
        int32_t t = rt_truthy(value);
        if (t < 0)
            return -1;
        e->suppress_context = t != 0;
        return 0;
    } else {
        *found = false;
        return -1;
    }
    Obj *old = *field;
    *field = none ? NULL : new_ref(value);
    rt_decref(old);
    return 0;
}

int32_t exc_store_attr(Obj *o, Obj *name, Obj *value) {
    ExcObj *e = (ExcObj *)o;
    if (e == &memory_error_instance) {
        err_format(&type_attribute_error, "'MemoryError' object has no attribute '%S'", name);
        return -1;
    }
    if (!value) {
        int32_t r = e->dict ? dict_delete(e->dict, name) : 0;
        if (r == 0)
            err_format(&type_attribute_error, "'%T' object has no attribute '%S'", o, name);
        return r == 1 ? 0 : -1;
    }
    if (!e->dict && !(e->dict = dict_new()))
        return -1;
    return dict_set(e->dict, name, value);
}

Obj *exc_new_args(const Type *type, Obj *args) {
    ExcObj *e = (ExcObj *)exc_alloc(type, args);
    if (!e || has_plain_text(e))
        return (Obj *)e;
    Obj *saved = pending; /* normally NULL; kept apart so a failing str() cannot replace it */
    pending = NULL;
    Obj *text = exc_str((Obj *)e);
    if (!text) {
        rt_err_clear();
        text = str_from_ascii("<exception str() failed>");
        rt_err_clear();
    }
    pending = saved;
    e->report_text = text; /* NULL only when even that failed: the report prints nothing */
    return (Obj *)e;
}

uint32_t exc_release(Obj *o) {
    ExcObj *e = (ExcObj *)o;
    rt_decref(e->args);
    rt_decref(e->traceback);
    rt_decref(e->cause);
    rt_decref(e->context);
    rt_decref(e->report_text);
    rt_decref(e->attr_name);
    rt_decref(e->attr_obj);
    rt_decref(e->dict);
    return sizeof(ExcObj);
}

void err_no_memory(void) {
    memory_error_instance.args = tuple_new(0); /* the immortal (), never allocates */
    Obj *dropped = memory_error_instance.traceback;
    memory_error_instance.traceback = NULL;
    rt_decref(dropped);
    set_pending((Obj *)&memory_error_instance);
}

void err_set_str(const Type *type, Obj *message) {
    Obj *exc = exc_new(type, message);
    if (exc)
        raise_new(exc);
}

void err_set_object(const Type *type, Obj *value) {
    Obj *args = tuple_new(1);
    if (!args)
        return;
    ((TupleObj *)args)->items[0] = new_ref(value);
    Obj *exc = exc_new_args(type, args);
    rt_decref(args);
    if (exc)
        raise_new(exc);
}

/* An empty message means no arguments (CPython's PyErr_SetNone).
 * %S takes a str object, and there is deliberately no %R: err_format is
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
    if (b.len == 0) { /* like PyErr_SetNone: no arguments, so StopIteration().args == () */
        strbuf_release(&b);
        Obj *exc = exc_alloc(type, tuple_new(0));
        if (exc)
            raise_new(exc);
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

/* ---- catching and re-raising ------------------------------------------- */

Obj *rt_exc_fetch(void) {
    Obj *e = pending;
    pending = NULL;
    return e;
}

static bool is_exception_class(Obj *o) {
    return type_id_of(o) == TYPE_ID_TYPE && is_exception_type((const Type *)o);
}

static bool matches(const Type *t, Obj *spec) {
    if (is_tuple(spec)) {
        TupleObj *tuple = (TupleObj *)spec;
        for (int32_t i = 0; i < tuple->length; i++)
            if (matches(t, tuple->items[i]))
                return true;
        return false;
    }
    return type_id_of(spec) == TYPE_ID_TYPE && type_is_subtype(t, (const Type *)spec);
}

int32_t rt_exc_matches(Obj *exc, Obj *spec) {
    /* CPython 3.11 validates the top level only: a nested tuple is rejected
     * (`except (A, (B,))` is a TypeError), yet matching itself recurses. */
    bool valid = is_exception_class(spec);
    if (is_tuple(spec)) {
        TupleObj *tuple = (TupleObj *)spec;
        valid = true;
        for (int32_t i = 0; i < tuple->length && valid; i++)
            valid = is_exception_class(tuple->items[i]);
    }
    if (!valid) {
        err_format(&type_type_error, "catching classes that do not inherit from BaseException is not allowed");
        return -1;
    }
    return matches(type_of(exc), spec);
}

Obj *rt_exc_set_handled(Obj *exc) {
    Obj *prev = handled;
    handled = new_ref(exc);
    return prev;
}

Obj *rt_exc_handled(void) { return handled; }

void rt_exc_restore_handled(Obj *prev) {
    Obj *current = handled;
    handled = prev;
    rt_decref(current);
}

Obj *exc_swap_handled(Obj *exc) {
    Obj *prev = handled;
    handled = exc;
    return prev;
}

void exc_chain_pending_context(void) {
    if (pending && pending != (Obj *)&memory_error_instance)
        chain_context((ExcObj *)pending);
}

void err_replace_from_cause(const Type *type, const char *message) {
    Obj *cause = rt_exc_fetch();
    err_format(type, "%s", message);
    ExcObj *e = (ExcObj *)pending;
    if (!cause || !e || e == &memory_error_instance) {
        rt_decref(cause);
        return;
    }
    /* the new exception is fresh, so neither link can close a cycle */
    Obj *old_cause = e->cause, *old_context = e->context;
    e->cause = cause;
    e->context = new_ref(cause);
    e->suppress_context = true;
    rt_decref(old_cause);
    rt_decref(old_context);
}

/* The exception `raise x` raises (new reference), or NULL with what_error
 * set as a TypeError when x is neither an exception nor an exception class. */
static Obj *exception_to_raise(Obj *x, const char *what_error) {
    if (is_exception(x))
        return new_ref(x);
    if (is_exception_class(x) && type_is_user_class((const Type *)x)) {
        /* a user class runs its __new__/__init__ (class.c) */
        Obj *e = rt_call(x, tuple_new(0), NULL);
        if (e && !is_exception(e)) {
            err_format(&type_type_error, "calling %s should have returned an instance of BaseException, not %T",
                       ((const Type *)x)->name, e);
            rt_decref(e);
            return NULL;
        }
        return e;
    }
    if (is_exception_class(x))
        return exc_alloc((const Type *)x, tuple_new(0));
    err_format(&type_type_error, "%s", what_error);
    return NULL;
}

int32_t rt_raise(Obj *x) {
    Obj *exc = exception_to_raise(x, "exceptions must derive from BaseException");
    if (exc)
        raise_new(exc);
    return -1;
}

int32_t rt_raise_from(Obj *x, Obj *cause) {
    Obj *exc = exception_to_raise(x, "exceptions must derive from BaseException");
    if (!exc)
        return -1;
    Obj *cause_exc = NULL;
    if (cause != rt_none()) {
        cause_exc = exception_to_raise(cause, "exception causes must derive from BaseException");
        if (!cause_exc) {
            rt_decref(exc);
            return -1;
        }
    }
    ExcObj *e = (ExcObj *)exc;
    if (e == &memory_error_instance) {
        rt_decref(cause_exc); /* the static instance keeps no references */
    } else {
        Obj *old = e->cause;
        e->cause = cause_exc;
        rt_decref(old);
        e->suppress_context = true;
    }
    raise_new(exc);
    return -1;
}

int32_t rt_reraise(Obj *exc) {
    set_pending(exc);
    return -1;
}

int32_t rt_reraise_handled(int32_t site) {
    if (handled) {
        set_pending(new_ref(handled));
        return -1;
    }
    err_format(&type_runtime_error, "No active exception to reraise");
    rt_traceback_add(site);
    return -1;
}

/* ---- calls, str, repr and attributes ---------------------------------- */

Obj *exc_type_call(const Type *type, Obj *args, Obj *kwargs) {
    if (kwargs && ((DictObj *)kwargs)->used > 0) {
        err_format(&type_type_error, "%s() takes no keyword arguments", type->name);
        return NULL;
    }
    return exc_new_args(type, args);
}

/* OSError(errno, strerror) reads "[Errno 2] No such file or directory",
 * followed by ": 'name'" when a filename was given (kept in the exception's
 * dict: CPython leaves it out of args). */
static Obj *os_error_str(Obj *o) {
    TupleObj *args = (TupleObj *)((ExcObj *)o)->args;
    Obj *filename = NULL;
    if (((ExcObj *)o)->dict) {
        int32_t status = 0;
        Obj *key = str_from_ascii("filename");
        if (!key)
            return NULL;
        filename = dict_lookup(((ExcObj *)o)->dict, key, &status);
        rt_decref(key);
        if (status < 0)
            return NULL;
        if (filename == rt_none())
            filename = NULL;
    }
    Obj *parts[3] = {rt_str(args->items[0]), rt_str(args->items[1]), filename ? rt_repr(filename) : NULL};
    Obj *r = NULL;
    if (parts[0] && parts[1] && (parts[2] || !filename)) {
        StrBuf b;
        strbuf_init(&b);
        strbuf_append_cstr(&b, "[Errno ");
        strbuf_append_str_obj(&b, parts[0]);
        strbuf_append_cstr(&b, "] ");
        strbuf_append_str_obj(&b, parts[1]);
        if (parts[2]) {
            strbuf_append_cstr(&b, ": ");
            strbuf_append_str_obj(&b, parts[2]);
        }
        r = strbuf_finish(&b);
    }
    for (int i = 0; i < 3; i++)
        rt_decref(parts[i]);
    return r;
}

Obj *exc_str(Obj *o) {
    TupleObj *args = (TupleObj *)((ExcObj *)o)->args;
    if (args->length == 2 && type_is_subtype(o->type, &type_os_error))
        return os_error_str(o);
    switch (args->length) {
    case 0: return str_empty();
    case 1: /* KeyError shows the key as it would be written */
        return o->type->id == TYPE_ID_KEY_ERROR ? rt_repr(args->items[0]) : rt_str(args->items[0]);
    default: return rt_repr((Obj *)args);
    }
}

Obj *exc_repr(Obj *o) {
    TupleObj *args = (TupleObj *)((ExcObj *)o)->args;
    Obj *inner = args->length == 1 ? rt_repr(args->items[0]) : args->length > 1 ? rt_repr((Obj *)args) : NULL;
    if (args->length > 0 && !inner)
        return NULL;
    StrBuf b;
    strbuf_init(&b);
    strbuf_append_cstr(&b, o->type->name);
    if (args->length == 1)
        strbuf_append_char(&b, '(');
    if (inner)
        strbuf_append_str_obj(&b, inner);
    else
        strbuf_append_char(&b, '(');
    if (args->length <= 1)
        strbuf_append_char(&b, ')');
    rt_decref(inner);
    return strbuf_finish(&b);
}

static const char *const exc_members[] = {"args", "__cause__", "__context__", "__suppress_context__",
                                          "__traceback__", NULL};

bool exc_has_member(Obj *e, Obj *name) {
    if (name_index(name, exc_members, -1) >= 0)
        return true;
    if (str_equals_ascii(name, "__dict__") && !type_is_user_class(e->type))
        return true;
    int32_t status = 0;
    if (((ExcObj *)e)->dict && dict_lookup(((ExcObj *)e)->dict, name, &status))
        return true;
    if (type_is_subtype(e->type, &type_stop_iteration) && str_equals_ascii(name, "value"))
        return true;
    if (type_is_subtype(e->type, &type_attribute_error) && (str_equals_ascii(name, "name") || str_equals_ascii(name, "obj")))
        return true;
    if (type_is_subtype(e->type, &type_os_error) &&
        (str_equals_ascii(name, "errno") || str_equals_ascii(name, "strerror") || str_equals_ascii(name, "filename") ||
         str_equals_ascii(name, "filename2")))
        return true;
    return type_is_subtype(e->type, &type_system_exit) && str_equals_ascii(name, "code");
}

static Obj *or_none(Obj *o) { return new_ref(o ? o : rt_none()); }

Obj *exc_getattr(Obj *o, Obj *name, bool *found) {
    ExcObj *e = (ExcObj *)o;
    TupleObj *args = (TupleObj *)e->args;
    *found = true;
    if (str_equals_ascii(name, "args"))
        return new_ref(e->args);
    if (str_equals_ascii(name, "__cause__"))
        return or_none(e->cause);
    if (str_equals_ascii(name, "__context__"))
        return or_none(e->context);
    if (str_equals_ascii(name, "__suppress_context__"))
        return bool_obj(e->suppress_context);
    if (str_equals_ascii(name, "__traceback__"))
        return or_none(e->traceback);
    if (type_is_subtype(o->type, &type_attribute_error) && str_equals_ascii(name, "name"))
        return or_none(e->attr_name);
    if (type_is_subtype(o->type, &type_attribute_error) && str_equals_ascii(name, "obj"))
        return or_none(e->attr_obj);
    if (e->dict) {
        int32_t status = 0;
        Obj *v = dict_lookup(e->dict, name, &status);
        if (v || status < 0)
            return v ? new_ref(v) : NULL;
    }
    if (str_equals_ascii(name, "__dict__") && !type_is_user_class(o->type) && e != &memory_error_instance) {
        if (!e->dict)
            e->dict = dict_new();
        return e->dict ? new_ref(e->dict) : NULL;
    }
    if (type_is_subtype(o->type, &type_os_error) && (str_equals_ascii(name, "errno") || str_equals_ascii(name, "strerror")))
        return new_ref(args->length == 2 ? args->items[str_equals_ascii(name, "errno") ? 0 : 1] : rt_none());
    if (type_is_subtype(o->type, &type_os_error) && (str_equals_ascii(name, "filename") || str_equals_ascii(name, "filename2")))
        return new_ref(rt_none()); /* a given filename is in the dict, read above */
    if (exc_has_member(o, name)) { /* StopIteration.value or SystemExit.code */
        if (args->length == 0)
            return new_ref(rt_none());
        if (args->length == 1 || str_equals_ascii(name, "value"))
            return new_ref(args->items[0]);
        return new_ref(e->args);
    }
    *found = false;
    return NULL;
}

/* ---- frames ------------------------------------------------------------ */

int32_t rt_enter(void) {
    if (frame_depth >= recursion_limit) {
        err_format(&type_recursion_error, "maximum recursion depth exceeded");
        return -1;
    }
    frame_depth++;
    return 0;
}

void rt_leave(void) { frame_depth--; }

int32_t exc_recursion_limit(void) { return recursion_limit; }
void exc_set_recursion_limit(int32_t limit) { recursion_limit = limit; }
int32_t exc_frame_depth(void) { return frame_depth; }
