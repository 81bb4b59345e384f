/*
 * introspect.c — builtins that look at values as objects rather than
 * computing with them: isinstance, issubclass, type, id, callable, divmod;
 * rt_type_object (the type object for a TYPE_ID_*, for names like
 * `ValueError` used as values);
 * the data attributes of type objects and builtin functions (__name__,
 * __qualname__, __module__); and the class methods called on a type
 * receiver (dict.fromkeys, str.maketrans, float.fromhex, bytes.fromhex,
 * bytes.maketrans).
 *
 * Invariants:
 *  - Type objects are static and immortal, so type() and the isinstance
 *    family never allocate on success.
 *  - Every builtin type derives from object only, except bool (int) and the
 *    exception hierarchy; Type.base records exactly those links, so
 *    subclass tests are a walk up `base`.
 *  - This file is reached only from the entry points it defines and from
 *    rt_getattr/rt_call_method on a type receiver, so programs that never
 *    introspect do not link it.
 */
#include "taipan_internal.h"
#include <math.h>
#include <string.h>

/* ---- isinstance / issubclass ------------------------------------------ */

/* 1/0 for a match, -1 with the TypeError when cls_or_tuple (or a nested
 * tuple) holds a non-type. CPython checks lazily: entries after a match
 * are never examined, so isinstance(1, (int, 1)) is True. inst is
 * isinstance's object (NULL for issubclass): a class whose user metaclass
 * defines __instancecheck__/__subclasscheck__ answers through it (abc's
 * registered virtual subclasses), except isinstance's exact type match. */
static int32_t subclass_of_any(const Type *t, Obj *inst, Obj *cls_or_tuple, const char *error) {
    if (type_id_of(cls_or_tuple) == TYPE_ID_TYPE) {
        if (is_user_instance(cls_or_tuple) && !(inst && t == (const Type *)cls_or_tuple)) {
            Obj *hook = special_lookup(cls_or_tuple, inst ? "__instancecheck__" : "__subclasscheck__");
            if (hook) {
                Obj *arg = inst ? inst : (Obj *)t;
                Obj *r = special_call(cls_or_tuple, hook, 1, &arg);
                int32_t truth = r ? rt_truthy(r) : -1;
                rt_decref(r);
                return truth;
            }
        }
        return type_is_subtype(t, (const Type *)cls_or_tuple);
    }
    if (is_tuple(cls_or_tuple)) {
        TupleObj *tuple = (TupleObj *)cls_or_tuple;
        for (int32_t i = 0; i < tuple->length; i++) {
            int32_t r = subclass_of_any(t, inst, tuple->items[i], error);
            if (r != 0)
                return r;
        }
        return 0;
    }
    err_format(&type_type_error, "%s", error);
    return -1;
}

Obj *rt_builtin_isinstance(Obj *o, Obj *cls_or_tuple) {
    int32_t r = subclass_of_any(type_of(o), o, cls_or_tuple,
                                "isinstance() arg 2 must be a type, a tuple of types, or a union");
    return r < 0 ? NULL : bool_obj(r);
}

Obj *rt_builtin_issubclass(Obj *cls, Obj *cls_or_tuple) {
    if (type_id_of(cls) != TYPE_ID_TYPE) {
        err_format(&type_type_error, "issubclass() arg 1 must be a class");
        return NULL;
    }
    int32_t r = subclass_of_any((const Type *)cls, NULL, cls_or_tuple,
                                "issubclass() arg 2 must be a class, a tuple of classes, or a union");
    return r < 0 ? NULL : bool_obj(r);
}

/* ---- type objects by id -------------------------------------------------- */

/* Indexed by TypeId; reached only through rt_type_object, so programs that
 * never name a type as a value do not carry the table. */
static const Type *const types_by_id[TYPE_ID_COUNT] = {
    [TYPE_ID_TYPE] = &type_type, [TYPE_ID_NONE] = &type_none, [TYPE_ID_BOOL] = &type_bool,
    [TYPE_ID_INT] = &type_int, [TYPE_ID_FLOAT] = &type_float, [TYPE_ID_STR] = &type_str,
    [TYPE_ID_FUNCTION] = &type_function, [TYPE_ID_TUPLE] = &type_tuple, [TYPE_ID_LIST] = &type_list,
    [TYPE_ID_DICT] = &type_dict, [TYPE_ID_SET] = &type_set, [TYPE_ID_FROZENSET] = &type_frozenset,
    [TYPE_ID_RANGE] = &type_range, [TYPE_ID_SLICE] = &type_slice,
    [TYPE_ID_DICT_KEYS] = &type_dict_keys, [TYPE_ID_DICT_VALUES] = &type_dict_values,
    [TYPE_ID_DICT_ITEMS] = &type_dict_items, [TYPE_ID_BYTES] = &type_bytes,
    [TYPE_ID_STR_ITERATOR] = &type_str_iterator, [TYPE_ID_LIST_ITERATOR] = &type_list_iterator,
    [TYPE_ID_LIST_REVERSE_ITERATOR] = &type_list_reverse_iterator,
    [TYPE_ID_TUPLE_ITERATOR] = &type_tuple_iterator,
    [TYPE_ID_BYTES_ITERATOR] = &type_bytes_iterator, [TYPE_ID_REVERSED] = &type_reversed,
    [TYPE_ID_DICT_KEY_ITERATOR] = &type_dict_key_iterator,
    [TYPE_ID_DICT_VALUE_ITERATOR] = &type_dict_value_iterator,
    [TYPE_ID_DICT_ITEM_ITERATOR] = &type_dict_item_iterator,
    [TYPE_ID_DICT_REVERSE_KEY_ITERATOR] = &type_dict_reverse_key_iterator,
    [TYPE_ID_DICT_REVERSE_VALUE_ITERATOR] = &type_dict_reverse_value_iterator,
    [TYPE_ID_DICT_REVERSE_ITEM_ITERATOR] = &type_dict_reverse_item_iterator,
    [TYPE_ID_SET_ITERATOR] = &type_set_iterator, [TYPE_ID_RANGE_ITERATOR] = &type_range_iterator,
    [TYPE_ID_ENUMERATE] = &type_enumerate, [TYPE_ID_ZIP] = &type_zip,
    [TYPE_ID_BUILTIN_FUNCTION] = &type_builtin_function,
    [TYPE_ID_BASE_EXCEPTION] = &type_base_exception, [TYPE_ID_EXCEPTION] = &type_exception,
    [TYPE_ID_ARITHMETIC_ERROR] = &type_arithmetic_error,
    [TYPE_ID_ZERO_DIVISION_ERROR] = &type_zero_division_error,
    [TYPE_ID_OVERFLOW_ERROR] = &type_overflow_error, [TYPE_ID_LOOKUP_ERROR] = &type_lookup_error,
    [TYPE_ID_INDEX_ERROR] = &type_index_error, [TYPE_ID_KEY_ERROR] = &type_key_error,
    [TYPE_ID_VALUE_ERROR] = &type_value_error, [TYPE_ID_TYPE_ERROR] = &type_type_error,
    [TYPE_ID_NAME_ERROR] = &type_name_error,
    [TYPE_ID_UNBOUND_LOCAL_ERROR] = &type_unbound_local_error,
    [TYPE_ID_RUNTIME_ERROR] = &type_runtime_error,
    [TYPE_ID_RECURSION_ERROR] = &type_recursion_error,
    [TYPE_ID_NOT_IMPLEMENTED_ERROR] = &type_not_implemented_error,
    [TYPE_ID_MEMORY_ERROR] = &type_memory_error, [TYPE_ID_ATTRIBUTE_ERROR] = &type_attribute_error,
    [TYPE_ID_ASSERTION_ERROR] = &type_assertion_error,
    [TYPE_ID_STOP_ITERATION] = &type_stop_iteration, [TYPE_ID_EOF_ERROR] = &type_eof_error,
    [TYPE_ID_UNICODE_ERROR] = &type_unicode_error,
    [TYPE_ID_UNICODE_ENCODE_ERROR] = &type_unicode_encode_error,
    [TYPE_ID_UNICODE_DECODE_ERROR] = &type_unicode_decode_error,
    [TYPE_ID_SYSTEM_EXIT] = &type_system_exit,
    [TYPE_ID_KEYBOARD_INTERRUPT] = &type_keyboard_interrupt,
    [TYPE_ID_GENERATOR_EXIT] = &type_generator_exit,
    [TYPE_ID_FLOATING_POINT_ERROR] = &type_floating_point_error,
    [TYPE_ID_BUFFER_ERROR] = &type_buffer_error, [TYPE_ID_IMPORT_ERROR] = &type_import_error,
    [TYPE_ID_MODULE_NOT_FOUND_ERROR] = &type_module_not_found_error,
    [TYPE_ID_OS_ERROR] = &type_os_error, [TYPE_ID_BLOCKING_IO_ERROR] = &type_blocking_io_error,
    [TYPE_ID_CHILD_PROCESS_ERROR] = &type_child_process_error,
    [TYPE_ID_CONNECTION_ERROR] = &type_connection_error,
    [TYPE_ID_BROKEN_PIPE_ERROR] = &type_broken_pipe_error,
    [TYPE_ID_CONNECTION_ABORTED_ERROR] = &type_connection_aborted_error,
    [TYPE_ID_CONNECTION_REFUSED_ERROR] = &type_connection_refused_error,
    [TYPE_ID_CONNECTION_RESET_ERROR] = &type_connection_reset_error,
    [TYPE_ID_FILE_EXISTS_ERROR] = &type_file_exists_error,
    [TYPE_ID_FILE_NOT_FOUND_ERROR] = &type_file_not_found_error,
    [TYPE_ID_INTERRUPTED_ERROR] = &type_interrupted_error,
    [TYPE_ID_IS_A_DIRECTORY_ERROR] = &type_is_a_directory_error,
    [TYPE_ID_NOT_A_DIRECTORY_ERROR] = &type_not_a_directory_error,
    [TYPE_ID_PERMISSION_ERROR] = &type_permission_error,
    [TYPE_ID_PROCESS_LOOKUP_ERROR] = &type_process_lookup_error,
    [TYPE_ID_TIMEOUT_ERROR] = &type_timeout_error,
    [TYPE_ID_REFERENCE_ERROR] = &type_reference_error,
    [TYPE_ID_STOP_ASYNC_ITERATION] = &type_stop_async_iteration,
    [TYPE_ID_SYNTAX_ERROR] = &type_syntax_error,
    [TYPE_ID_INDENTATION_ERROR] = &type_indentation_error, [TYPE_ID_TAB_ERROR] = &type_tab_error,
    [TYPE_ID_SYSTEM_ERROR] = &type_system_error,
    [TYPE_ID_UNICODE_TRANSLATE_ERROR] = &type_unicode_translate_error,
    [TYPE_ID_WARNING] = &type_warning, [TYPE_ID_USER_WARNING] = &type_user_warning,
    [TYPE_ID_DEPRECATION_WARNING] = &type_deprecation_warning,
    [TYPE_ID_PENDING_DEPRECATION_WARNING] = &type_pending_deprecation_warning,
    [TYPE_ID_SYNTAX_WARNING] = &type_syntax_warning,
    [TYPE_ID_RUNTIME_WARNING] = &type_runtime_warning,
    [TYPE_ID_FUTURE_WARNING] = &type_future_warning,
    [TYPE_ID_IMPORT_WARNING] = &type_import_warning,
    [TYPE_ID_UNICODE_WARNING] = &type_unicode_warning,
    [TYPE_ID_BYTES_WARNING] = &type_bytes_warning,
    [TYPE_ID_RESOURCE_WARNING] = &type_resource_warning,
    [TYPE_ID_ENCODING_WARNING] = &type_encoding_warning, [TYPE_ID_TRACEBACK] = &type_traceback,
    [TYPE_ID_CELL] = &type_cell, [TYPE_ID_GENERATOR] = &type_generator,
    [TYPE_ID_MAP] = &type_map, [TYPE_ID_FILTER] = &type_filter,
    [TYPE_ID_MODULE] = &type_module, [TYPE_ID_TEXT_IO] = &type_text_io,
    [TYPE_ID_OBJECT] = &type_object, [TYPE_ID_NOT_IMPLEMENTED] = &type_not_implemented, [TYPE_ID_ELLIPSIS] = &type_ellipsis,
    [TYPE_ID_METHOD] = &type_method, [TYPE_ID_STATICMETHOD] = &type_staticmethod,
    [TYPE_ID_CLASSMETHOD] = &type_classmethod, [TYPE_ID_PROPERTY] = &type_property,
    [TYPE_ID_SUPER] = &type_super, [TYPE_ID_SLOT_METHOD] = &type_method_wrapper,
    [TYPE_ID_BUILTIN_METHOD] = &type_builtin_method, [TYPE_ID_FILE] = &type_text_file,
};

Obj *rt_type_object(int32_t type_id) {
    if (type_id < 0 || type_id >= TYPE_ID_COUNT || !types_by_id[type_id]) {
        err_format(&type_value_error, "unknown type id %d", type_id);
        return NULL;
    }
    return (Obj *)types_by_id[type_id];
}

/* ---- type / id / callable --------------------------------------------- */

Obj *rt_builtin_type(Obj *o) { return new_ref((Obj *)type_of(o)); } /* a user class is refcounted */

/* Objects: their address, like CPython. A tagged small int has no address,
 * so its id is the tagged word itself (2v+1 as an unsigned 32-bit value):
 * stable for the value, odd, and therefore never equal to an object's id
 * (objects are 8-aligned). */
Obj *rt_builtin_id(Obj *o) {
    if (is_small_int(o))
        return int_from_i64((int64_t)(uint32_t)(uintptr_t)o);
    return int_from_i64((int64_t)(uintptr_t)o);
}

Obj *rt_builtin_callable(Obj *o) {
    TypeId id = type_id_of(o);
    return bool_obj(id == TYPE_ID_FUNCTION || id == TYPE_ID_BUILTIN_FUNCTION || id == TYPE_ID_TYPE ||
                    (is_class_receiver(o) && classes_callable(o)));
}

/* ---- divmod ------------------------------------------------------------- */

Obj *rt_builtin_divmod(Obj *a, Obj *b) {
    bool numbers = (is_int_like(a) || is_float(a)) && (is_int_like(b) || is_float(b));
    if (is_user_instance(a) || is_user_instance(b)) {
        bool layout;
        Obj *r = user_divmod(a, b, &layout); /* ops.c */
        if (layout) {
            /* instances of int/float subclasses: the builtin divmod of their
             * values (never their own __floordiv__/__mod__) */
            Obj *x = layout_exact_value(a), *y = x ? layout_exact_value(b) : NULL;
            r = y ? rt_builtin_divmod(x, y) : NULL;
            rt_decref(x);
            rt_decref(y);
            return r;
        }
        if (r != &not_implemented_object)
            return r;
        numbers = false; /* every slot declined */
    }
    bool a_int = is_int_like(a), b_int = is_int_like(b);
    if (!numbers) {
        err_format(&type_type_error, "unsupported operand type(s) for divmod(): '%T' and '%T'", a, b);
        return NULL;
    }
    /* Checked up front because int % 0 alone words it differently. */
    if (b_int ? int_is_zero(b) : float_value(b) == 0.0) {
        err_format(&type_zero_division_error, a_int && b_int ? "integer division or modulo by zero"
                                                             : "float divmod()");
        return NULL;
    }
    /* binary_op, not rt_mod: rt_mod also handles str % args, and calling it
     * would link the printf-style formatter into every program using divmod */
    Obj *q = binary_op(OP_FLOORDIV, a, b, false);
    if (!q)
        return NULL;
    Obj *r = binary_op(OP_MOD, a, b, false);
    if (!r) {
        rt_decref(q);
        return NULL;
    }
    Obj *t = tuple_pack2(q, r);
    rt_decref(q);
    rt_decref(r);
    return t;
}

/* ---- attributes of types and builtin functions ------------------------- */

Obj *type_getattr(Obj *o, Obj *name, bool *found) {
    *found = true;
    const char *text = NULL;
    TypeId id = type_id_of(o);
    if (id == TYPE_ID_TYPE)
        text = ((const Type *)o)->name;
    else if (id == TYPE_ID_BUILTIN_FUNCTION)
        text = ((BuiltinFuncObj *)o)->name;
    /* A dotted static type name (sys.version_info) is module.name. */
    const char *dot = id == TYPE_ID_TYPE ? strrchr(text, '.') : NULL;
    if (str_equals_ascii(name, "__module__")) { /* sys's and math's functions belong to their modules */
        if (dot)
            return str_from_utf8(text, (int32_t)(dot - text));
        int32_t fid = id == TYPE_ID_BUILTIN_FUNCTION ? ((BuiltinFuncObj *)o)->id : 0;
        return str_from_ascii(fid >= RANDOM_FUNCTION_FIRST ? "_taipan_random"
                              : fid >= OS_FUNCTION_FIRST     ? "_taipan_os"
                              : fid >= MATH_FUNCTION_FIRST ? "math"
                              : fid >= SYS_FUNCTION_FIRST  ? "sys"
                                                           : "builtins");
    }
    if (str_equals_ascii(name, "__name__") || str_equals_ascii(name, "__qualname__"))
        return str_from_ascii(dot ? dot + 1 : text);
    *found = false;
    return NULL;
}

/* ---- class methods ------------------------------------------------------ */

/* cls.fromkeys(iterable, value=None): cls is dict or a subclass, whose
 * instance is made by calling it and filled through d[k] = value, as in
 * CPython (a user __setitem__ runs). */
static Obj *dict_fromkeys(Obj *cls, Obj *args, Obj *kwargs) {
    if (!check_no_kwargs(kwargs, "dict.fromkeys") || !check_arg_range(args, "fromkeys", 1, 2))
        return NULL;
    Obj *value = args_count(args) > 1 ? arg_at(args, 1) : rt_none();
    Obj *it = rt_get_iter(arg_at(args, 0));
    if (!it)
        return NULL;
    bool plain = !type_is_user_class((const Type *)cls);
    Obj *no_args = plain ? NULL : tuple_new(0);
    Obj *d = plain ? dict_new() : no_args ? rt_call(cls, no_args, NULL) : NULL;
    rt_decref(no_args);
    while (d) {
        Obj *k = rt_iter_next(it);
        if (!k)
            break;
        int32_t status = plain ? dict_set(d, k, value) : rt_setitem(d, k, value);
        rt_decref(k);
        if (status < 0) {
            rt_decref(d);
            d = NULL;
        }
    }
    rt_decref(it);
    if (d && rt_err_occurred()) {
        rt_decref(d);
        d = NULL;
    }
    return d;
}

static bool set_code_point(Obj *d, uint32_t key, Obj *value) {
    Obj *k = int_from_i64(key);
    if (!k)
        return false;
    int32_t status = dict_set(d, k, value);
    rt_decref(k);
    return status == 0;
}

/* str.maketrans(dict) or (x, y[, z]): a dict from code point (int) to the
 * replacement, the form str.translate reads. */
static Obj *str_maketrans(Obj *args, Obj *kwargs) {
    if (!check_no_kwargs(kwargs, "str.maketrans") || !check_arg_range(args, "maketrans", 1, 3))
        return NULL;
    int32_t n = args_count(args);
    Obj *x = arg_at(args, 0);
    if (n == 1) {
        if (!is_dict(x)) {
            err_format(&type_type_error, "if you give only one argument to maketrans it must be a dict");
            return NULL;
        }
        Obj *d = dict_new();
        DictObj *src = (DictObj *)x;
        for (int32_t i = 0; d && i < src->entries_len; i++) {
            Obj *k = src->entries[i].key, *v = src->entries[i].value;
            if (!k)
                continue;
            bool ok;
            if (is_str(k)) {
                if (((StrObj *)k)->length != 1) {
                    err_format(&type_value_error, "string keys in translate table must be of length 1");
                    ok = false;
                } else {
                    ok = set_code_point(d, str_char_at((StrObj *)k, 0), v);
                }
            } else if (is_int_like(k)) {
                ok = dict_set(d, k, v) == 0; /* kept as given: True stays True */
            } else {
                err_format(&type_type_error, "keys in translate table must be strings or integers");
                ok = false;
            }
            if (!ok) {
                rt_decref(d);
                d = NULL;
            }
        }
        return d;
    }
    if (!is_str(x)) {
        err_format(&type_type_error, "first maketrans argument must be a string if there is a second argument");
        return NULL;
    }
    for (int32_t i = 1; i < n; i++) {
        if (!is_str(arg_at(args, i))) {
            err_format(&type_type_error, "maketrans() argument %d must be str, not %T", i + 1, arg_at(args, i));
            return NULL;
        }
    }
    StrObj *from = (StrObj *)x, *to = (StrObj *)arg_at(args, 1);
    if (from->length != to->length) {
        err_format(&type_value_error, "the first two maketrans arguments must have equal length");
        return NULL;
    }
    Obj *d = dict_new();
    for (int32_t i = 0; d && i < from->length; i++) {
        Obj *v = int_from_i64(str_char_at(to, i));
        bool ok = v && set_code_point(d, str_char_at(from, i), v);
        rt_decref(v);
        if (!ok) {
            rt_decref(d);
            d = NULL;
        }
    }
    if (n == 3) {
        StrObj *drop = (StrObj *)arg_at(args, 2);
        for (int32_t i = 0; d && i < drop->length; i++) {
            if (!set_code_point(d, str_char_at(drop, i), rt_none())) {
                rt_decref(d);
                d = NULL;
            }
        }
    }
    return d;
}

static bool is_ascii_space(uint32_t c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

static int hex_digit(uint32_t c) {
    if (c >= '0' && c <= '9') return (int)(c - '0');
    if (c >= 'a' && c <= 'f') return (int)(c - 'a' + 10);
    if (c >= 'A' && c <= 'F') return (int)(c - 'A' + 10);
    return -1;
}

static bool ascii_word_at(const StrObj *s, int32_t *i, int32_t end, const char *word) {
    int32_t n = (int32_t)strlen(word);
    if (end - *i < n)
        return false;
    for (int32_t k = 0; k < n; k++) {
        uint32_t c = str_char_at(s, *i + k);
        if (c >= 'A' && c <= 'Z')
            c += 32;
        if (c != (uint32_t)word[k])
            return false;
    }
    *i += n;
    return true;
}

/* float.fromhex: [ws][sign](inf|infinity|nan|[0x]hex[.hex][p[sign]dec])[ws],
 * correctly rounded (half to even) to a double, subnormals included. The
 * significant hex digits are accumulated into 64 bits plus a sticky bit for
 * anything nonzero beyond them, which is enough to round to 53 bits. */
static Obj *float_fromhex(Obj *args, Obj *kwargs) {
    if (!check_no_kwargs(kwargs, "float.fromhex") || !check_exactly_one(args, "float.fromhex"))
        return NULL;
    Obj *arg = arg_at(args, 0);
    if (!is_str(arg)) {
        err_format(&type_type_error, "bad argument type for built-in operation");
        return NULL;
    }
    const StrObj *s = (const StrObj *)arg;
    int32_t i = 0, end = s->length;
    /* CPython skips only ASCII whitespace here (Py_ISSPACE) */
    while (i < end && is_ascii_space(str_char_at(s, i)))
        i++;
    while (end > i && is_ascii_space(str_char_at(s, end - 1)))
        end--;
    bool negative = false;
    if (i < end && (str_char_at(s, i) == '+' || str_char_at(s, i) == '-'))
        negative = str_char_at(s, i++) == '-';
    double result;
    int32_t save = i;
    if ((ascii_word_at(s, &i, end, "infinity") && i == end) ||
        (i = save, ascii_word_at(s, &i, end, "inf") && i == end)) {
        result = INFINITY;
    } else if (i = save, ascii_word_at(s, &i, end, "nan") && i == end) {
        result = NAN;
    } else {
        i = save;
        if (end - i >= 2 && str_char_at(s, i) == '0' && (str_char_at(s, i + 1) | 32) == 'x')
            i += 2;
        uint64_t mantissa = 0;
        int32_t kept = 0;     /* significant hex digits in mantissa (max 16) */
        bool sticky = false;  /* a nonzero digit beyond those */
        int64_t exp_adjust = 0; /* binary exponent of mantissa's last digit */
        int32_t digits = 0;
        bool seen_dot = false;
        for (; i < end; i++) {
            uint32_t c = str_char_at(s, i);
            if (c == '.' && !seen_dot) {
                seen_dot = true;
                continue;
            }
            int d = hex_digit(c);
            if (d < 0)
                break;
            digits++;
            if (kept < 16) {
                if (kept > 0 || d != 0) {
                    mantissa = mantissa << 4 | (uint64_t)d;
                    kept++;
                }
                if (seen_dot)
                    exp_adjust -= 4;
            } else {
                sticky |= d != 0;
                if (!seen_dot)
                    exp_adjust += 4;
            }
        }
        int64_t exponent = 0;
        if (digits > 0 && i < end && (str_char_at(s, i) | 32) == 'p') {
            i++;
            bool exp_negative = false;
            if (i < end && (str_char_at(s, i) == '+' || str_char_at(s, i) == '-'))
                exp_negative = str_char_at(s, i++) == '-';
            int32_t start = i;
            for (; i < end && str_char_at(s, i) >= '0' && str_char_at(s, i) <= '9'; i++)
                if (exponent < 100000000)
                    exponent = exponent * 10 + (str_char_at(s, i) - '0');
            if (i == start)
                digits = 0; /* "0x1p" is malformed */
            if (exp_negative)
                exponent = -exponent;
        }
        if (digits == 0 || i != end) {
            err_format(&type_value_error, "invalid hexadecimal floating-point string");
            return NULL;
        }
        if (mantissa == 0) {
            result = 0.0;
        } else {
            exponent += exp_adjust;
            /* value = mantissa * 2^exponent; normalise the top bit to bit 63 */
            int shift = __builtin_clzll(mantissa);
            mantissa <<= shift;
            exponent -= shift;
            int64_t top = exponent + 63; /* value in [2^top, 2^(top+1)) */
            if (top > 1023) {
                err_format(&type_overflow_error, "hexadecimal value too large to represent as a float");
                return NULL;
            }
            /* bits to keep: 53, fewer for subnormals (lowest bit is 2^-1074) */
            int64_t keep = top >= -1022 ? 53 : 53 - (-1022 - top);
            if (keep < 0) {
                result = 0.0;
            } else {
                int drop = (int)(64 - keep);
                uint64_t kept_bits = drop >= 64 ? 0 : mantissa >> drop;
                uint64_t rest = drop >= 64 ? mantissa : drop == 0 ? 0 : mantissa & (~0ULL >> (64 - drop));
                uint64_t half = drop == 0 ? 0 : 1ULL << (drop - 1);
                if (drop > 0 && (rest > half || (rest == half && (sticky || (kept_bits & 1)))))
                    kept_bits++;
                /* value = kept_bits * 2^(exponent + drop) */
                result = ldexp((double)kept_bits, (int)(exponent + drop));
                if (isinf(result)) {
                    err_format(&type_overflow_error, "hexadecimal value too large to represent as a float");
                    return NULL;
                }
            }
        }
    }
    return float_from_double(negative ? -result : result);
}

Obj *type_call_method(Obj *self, Obj *name, Obj *args, Obj *kwargs, bool *found) {
    *found = true;
    switch ((TypeId)((const Type *)self)->id) {
    case TYPE_ID_DICT:
        if (str_equals_ascii(name, "fromkeys"))
            return dict_fromkeys(self, args, kwargs);
        break;
    case TYPE_ID_STR:
        if (str_equals_ascii(name, "maketrans"))
            return str_maketrans(args, kwargs);
        break;
    case TYPE_ID_FLOAT:
        if (str_equals_ascii(name, "fromhex"))
            return float_fromhex(args, kwargs);
        break;
    case TYPE_ID_BYTES:
        if (str_equals_ascii(name, "fromhex"))
            return bytes_fromhex(args, kwargs);
        if (str_equals_ascii(name, "maketrans"))
            return bytes_maketrans(args, kwargs);
        break;
    case TYPE_ID_INT:
        if (str_equals_ascii(name, "from_bytes"))
            return int_from_bytes(args, kwargs);
        break;
    default: break;
    }
    *found = false;
    return NULL;
}
