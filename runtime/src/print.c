/*
 * print.c — the pieces the compiler lowers print(a, b, sep=S, end=E) into:
 * argument validation, one call per item, and the terminator; and
 * rt_print_tuple for print(*args, ...); rt_print_file for print(..., file=f)
 * (sys.stdout / None take the stdout path, sys.stderr the stderr stream,
 * anything else its write method).
 *
 * Invariant: sep and end are validated once by rt_print_check before any
 * item is written, so a bad keyword never produces partial output.
 */
#include "taipan_internal.h"

static bool none_or_str(Obj *o, const char *what) {
    if (type_id_of(o) == TYPE_ID_NONE || is_str(o))
        return true;
    err_format(&type_type_error, "%s must be None or a string, not %T", what, o);
    return false;
}

int32_t rt_print_check(Obj *sep, Obj *end) {
    return none_or_str(sep, "sep") && none_or_str(end, "end") ? 0 : -1;
}

static void write_separator(Obj *sep, int32_t first) {
    if (first)
        return;
    if (is_str(sep))
        io_write_stdout_str(sep);
    else
        io_write_stdout(" ", 1);
}

/* The compiler's specialisation for an item proven to be a str: it needs
 * no str() dispatch, so a program that prints only strings links none of
 * the number formatting. */
void rt_print_item_str(Obj *s, Obj *sep, int32_t first) {
    write_separator(sep, first);
    io_write_stdout_str(s);
}

int32_t rt_print_item(Obj *o, Obj *sep, int32_t first) {
    write_separator(sep, first);
    if (is_str(o) && !is_user_instance(o)) { /* a str subclass prints its str(), which it may define */
        io_write_stdout_str(o);
        return 0;
    }
    Obj *text = rt_str(o);
    if (!text)
        return -1;
    io_write_stdout_str(text);
    rt_decref(text);
    return 0;
}

int32_t rt_print_end(Obj *end) {
    if (is_str(end))
        io_write_stdout_str(end);
    else
        io_write_stdout("\n", 1);
    return 0;
}

/* print(*args, ...): the argument count is known only at run time. */
int32_t rt_print_tuple(Obj *args, Obj *sep, Obj *end) {
    if (rt_print_check(sep, end) < 0)
        return -1;
    TupleObj *t = (TupleObj *)args;
    for (int32_t i = 0; i < t->length; i++)
        if (rt_print_item(t->items[i], sep, i == 0) < 0)
            return -1;
    return rt_print_end(end);
}

/* ---- print(..., file=f) -------------------------------------------------- */

/* One piece of print's output to a file other than stdout: sys.stderr
 * writes straight to the stderr stream; anything else gets f.write(piece),
 * looked up on every call as CPython does (so a missing write fails at the
 * first piece, after sep/end were validated). */
static int32_t write_piece(Obj *file, Obj *piece) {
    if (file == (Obj *)&sys_stderr_object) {
        text_io_write_str(2, piece);
        return 0;
    }
    Obj *name = str_from_ascii("write");
    Obj *args = name ? tuple_new(1) : NULL;
    if (!args) {
        rt_decref(name);
        return -1;
    }
    ((TupleObj *)args)->items[0] = new_ref(piece);
    Obj *result = rt_call_method(file, name, args, NULL);
    rt_decref(args);
    rt_decref(name);
    if (!result)
        return -1;
    rt_decref(result);
    return 0;
}

static int32_t write_piece_or_default(Obj *file, Obj *piece, const char *otherwise) {
    if (is_str(piece))
        return write_piece(file, piece);
    Obj *text = str_from_ascii(otherwise);
    if (!text)
        return -1;
    int32_t status = write_piece(file, text);
    rt_decref(text);
    return status;
}

int32_t rt_print_file(Obj *args, Obj *sep, Obj *end, Obj *file) {
    if (file == rt_none() || file == (Obj *)&sys_stdout_object)
        return rt_print_tuple(args, sep, end);
    if (rt_print_check(sep, end) < 0)
        return -1;
    TupleObj *t = (TupleObj *)args;
    for (int32_t i = 0; i < t->length; i++) {
        /* CPython writes the separator before computing str() of the item */
        if (i > 0 && write_piece_or_default(file, sep, " ") < 0)
            return -1;
        Obj *text = rt_str(t->items[i]);
        if (!text)
            return -1;
        int32_t status = write_piece(file, text);
        rt_decref(text);
        if (status < 0)
            return -1;
    }
    return write_piece_or_default(file, end, "\n");
}
