/*
 * ops.c — operator dispatch for the compiler: binary and unary arithmetic,
 * rich comparisons, `in`, truthiness, str() and repr().
 *
 * Invariants:
 *  - Dispatch is by type id (switches), mirroring CPython's coercion order:
 *    int-like op int-like stays int; any float operand promotes to float;
 *    str concatenation/repetition next; everything else is a TypeError with
 *    CPython's exact wording.
 *  - bool is int-like everywhere except &, |, ^ between two bools, which
 *    stay bool.
 *  - Container operands (type ids TUPLE..BUILTIN_FUNCTION) are handed to
 *    containers.c after the scalar cases, so scalar paths stay unchanged.
 *  - Exceptions compare and hash by identity (the generic fallbacks); their
 *    str()/repr() live in exc.c; traceback objects get CPython's default
 *    `<traceback object at 0x...>`.
 */
#include "taipan_internal.h"

static const char *const binary_symbols[] = {
    "+", "-", "*", "/", "//", "%", "** or pow()", "<<", ">>", "&", "|", "^",
};

static Obj *int_binary(BinaryOp op, Obj *a, Obj *b) {
    switch (op) {
    case OP_ADD: return int_add(a, b);
    case OP_SUB: return int_sub(a, b);
    case OP_MUL: return int_mul(a, b);
    case OP_TRUEDIV: return int_truediv(a, b);
    case OP_FLOORDIV: return int_floordiv(a, b);
    case OP_MOD: return int_mod(a, b);
    case OP_POW: return int_pow(a, b);
    case OP_LSHIFT: return int_lshift(a, b);
    case OP_RSHIFT: return int_rshift(a, b);
    case OP_BITAND: return int_bitand(a, b);
    case OP_BITOR: return int_bitor(a, b);
    case OP_BITXOR: return int_bitxor(a, b);
    }
    return NULL;
}

static Obj *bool_binary(BinaryOp op, Obj *a, Obj *b) {
    bool x = int_to_i64(a) != 0, y = int_to_i64(b) != 0;
    switch (op) {
    case OP_BITAND: return bool_obj(x && y);
    case OP_BITOR: return bool_obj(x || y);
    default: return bool_obj(x != y);
    }
}

/* Returns NULL without an exception when the op has no float meaning. */
static Obj *float_binary(BinaryOp op, double x, double y) {
    switch (op) {
    case OP_ADD: return float_add(x, y);
    case OP_SUB: return float_sub(x, y);
    case OP_MUL: return float_mul(x, y);
    case OP_TRUEDIV: return float_truediv(x, y);
    case OP_FLOORDIV: return float_floordiv(x, y);
    case OP_MOD: return float_mod(x, y);
    case OP_POW: return float_pow(x, y);
    default: return NULL;
    }
}

static bool as_double(Obj *o, double *out) {
    if (is_float(o)) {
        *out = float_value(o);
        return true;
    }
    if (is_int_like(o))
        return int_to_double(o, out);
    return false;
}

static Obj *unsupported(BinaryOp op, Obj *a, Obj *b, bool inplace) {
    err_format(&type_type_error, "unsupported operand type(s) for %s%s: '%T' and '%T'",
               binary_symbols[op], inplace ? "=" : "", a, b);
    return NULL;
}

/* inplace only changes the wording of the unsupported-operand error; the
 * mutating in-place forms live with their containers. */
Obj *binary_op(BinaryOp op, Obj *a, Obj *b, bool inplace) {
    bool a_int = is_int_like(a), b_int = is_int_like(b);
    if (a_int && b_int) {
        bool bitwise = op == OP_BITAND || op == OP_BITOR || op == OP_BITXOR;
        if (bitwise && type_id_of(a) == TYPE_ID_BOOL && type_id_of(b) == TYPE_ID_BOOL)
            return bool_binary(op, a, b);
        return int_binary(op, a, b);
    }
    bool a_num = a_int || is_float(a), b_num = b_int || is_float(b);
    if (a_num && b_num && op <= OP_POW) {
        double x, y;
        if (!as_double(a, &x) || !as_double(b, &y))
            return NULL;
        return float_binary(op, x, y);
    }
    if (op == OP_ADD && is_str(a)) {
        if (is_str(b))
            return str_concat(a, b);
        err_format(&type_type_error, "can only concatenate str (not \"%T\") to str", b);
        return NULL;
    }
    /* CPython tries the left operand's repeat first; for *= a left operand
     * with any sequence slots (dict, set, ...) then fails instead. */
    if (op == OP_MUL &&
        (is_str(a) ||
         (is_str(b) && !is_bytes(a) && !(inplace ? has_sequence_slots(a) : is_list(a) || is_tuple(a))))) {
        Obj *text = is_str(a) ? a : b;
        Obj *count = is_str(a) ? b : a;
        if (is_int_like(count)) {
            int64_t n;
            if (!int_to_i64_checked(count, &n)) {
                err_format(&type_overflow_error, "cannot fit 'int' into an index-sized integer");
                return NULL;
            }
            return str_repeat(text, n);
        }
        err_format(&type_type_error, "can't multiply sequence by non-int of type '%T'", count);
        return NULL;
    }
    if (is_container_type_id(type_id_of(a)) || is_container_type_id(type_id_of(b))) {
        bool handled;
        Obj *result = container_binary(op, a, b, inplace, &handled);
        if (handled)
            return result;
    }
    return unsupported(op, a, b, inplace);
}

Obj *rt_add(Obj *a, Obj *b) { return binary_op(OP_ADD, a, b, false); }
Obj *rt_sub(Obj *a, Obj *b) { return binary_op(OP_SUB, a, b, false); }
Obj *rt_mul(Obj *a, Obj *b) { return binary_op(OP_MUL, a, b, false); }
Obj *rt_truediv(Obj *a, Obj *b) { return binary_op(OP_TRUEDIV, a, b, false); }
Obj *rt_floordiv(Obj *a, Obj *b) { return binary_op(OP_FLOORDIV, a, b, false); }
/* str % x is printf-style formatting (printf_format.c). It is tested here,
 * not in binary_op, so only programs that use % link the formatter. */
Obj *rt_mod(Obj *a, Obj *b) { return is_str(a) ? str_printf(a, b) : binary_op(OP_MOD, a, b, false); }
Obj *rt_pow(Obj *a, Obj *b) { return binary_op(OP_POW, a, b, false); }
Obj *rt_lshift(Obj *a, Obj *b) { return binary_op(OP_LSHIFT, a, b, false); }
Obj *rt_rshift(Obj *a, Obj *b) { return binary_op(OP_RSHIFT, a, b, false); }
Obj *rt_bitand(Obj *a, Obj *b) { return binary_op(OP_BITAND, a, b, false); }
Obj *rt_bitor(Obj *a, Obj *b) { return binary_op(OP_BITOR, a, b, false); }
Obj *rt_bitxor(Obj *a, Obj *b) { return binary_op(OP_BITXOR, a, b, false); }

static Obj *bad_unary(const char *symbol, Obj *a) {
    err_format(&type_type_error, "bad operand type for unary %s: '%T'", symbol, a);
    return NULL;
}

Obj *rt_neg(Obj *a) {
    if (is_int_like(a))
        return int_neg(a);
    if (is_float(a))
        return float_from_double(-float_value(a));
    return bad_unary("-", a);
}

Obj *rt_pos(Obj *a) {
    if (is_int_like(a))
        return int_pos(a); /* +True is the int 1 */
    if (is_float(a))
        return new_ref(a);
    return bad_unary("+", a);
}

Obj *rt_invert(Obj *a) {
    if (is_int_like(a))
        return int_invert(a);
    return bad_unary("~", a);
}

static const char *const compare_symbols[] = {"<", "<=", "==", "!=", ">", ">="};

/* order is -1/0/1, or 2 when the operands are unordered (nan). */
static bool order_satisfies(CompareOp op, int order) {
    if (order == 2)
        return op == CMP_NE;
    switch (op) {
    case CMP_LT: return order < 0;
    case CMP_LE: return order <= 0;
    case CMP_EQ: return order == 0;
    case CMP_NE: return order != 0;
    case CMP_GT: return order > 0;
    default: return order >= 0;
    }
}

static int double_order(double x, double y) {
    if (x < y) return -1;
    if (x > y) return 1;
    if (x == y) return 0;
    return 2;
}

static Obj *compare(CompareOp op, Obj *a, Obj *b) {
    bool a_int = is_int_like(a), b_int = is_int_like(b);
    int order;
    if (a_int && b_int) {
        order = int_compare(a, b);
    } else if (a_int && is_float(b)) {
        order = int_compare_double(a, float_value(b));
    } else if (is_float(a) && b_int) {
        order = int_compare_double(b, float_value(a));
        order = order == 2 ? 2 : -order;
    } else if (is_float(a) && is_float(b)) {
        order = double_order(float_value(a), float_value(b));
    } else if (is_str(a) && is_str(b)) {
        if (op == CMP_EQ || op == CMP_NE)
            return bool_obj(str_equal(a, b) == (op == CMP_EQ));
        order = str_compare(a, b);
    } else if (is_container_type_id(type_id_of(a)) && is_container_type_id(type_id_of(b)) &&
               container_compare_applies(a, b)) {
        return container_compare(op, a, b);
    } else if (op == CMP_EQ || op == CMP_NE) {
        return bool_obj((a == b) == (op == CMP_EQ)); /* unrelated types: identity */
    } else {
        err_format(&type_type_error, "'%s' not supported between instances of '%T' and '%T'",
                   compare_symbols[op], a, b);
        return NULL;
    }
    return bool_obj(order_satisfies(op, order));
}

Obj *rt_lt(Obj *a, Obj *b) { return compare(CMP_LT, a, b); }
Obj *rt_le(Obj *a, Obj *b) { return compare(CMP_LE, a, b); }
Obj *rt_eq(Obj *a, Obj *b) { return compare(CMP_EQ, a, b); }
Obj *rt_ne(Obj *a, Obj *b) { return compare(CMP_NE, a, b); }
Obj *rt_gt(Obj *a, Obj *b) { return compare(CMP_GT, a, b); }
Obj *rt_ge(Obj *a, Obj *b) { return compare(CMP_GE, a, b); }

int32_t rt_contains(Obj *container, Obj *item) {
    if (is_str(container)) {
        if (is_str(item))
            return str_contains(container, item);
        err_format(&type_type_error, "'in <string>' requires string as left operand, not %T", item);
        return -1;
    }
    if (is_container_type_id(type_id_of(container)))
        return container_contains(container, item);
    err_format(&type_type_error, "argument of type '%T' is not iterable", container);
    return -1;
}

int32_t rt_truthy(Obj *o) {
    switch (type_id_of(o)) {
    case TYPE_ID_NONE: return 0;
    case TYPE_ID_BOOL:
    case TYPE_ID_INT: return !int_is_zero(o);
    case TYPE_ID_FLOAT: return float_value(o) != 0.0;
    case TYPE_ID_STR: return ((const StrObj *)o)->length != 0;
    default: return is_container_type_id(type_id_of(o)) ? container_truthy(o) : 1;
    }
}

Obj *rt_bool_from_i32(int32_t v) { return bool_obj(v != 0); }

static Obj *class_repr(const Type *t) {
    StrBuf b;
    strbuf_init(&b);
    strbuf_append_cstr(&b, "<class '");
    strbuf_append_cstr(&b, t->name);
    strbuf_append_cstr(&b, "'>");
    return strbuf_finish(&b);
}

/* <traceback object at 0x...>: the only remaining kind. */
static Obj *object_default_repr(Obj *o) {
    static const char hex[] = "0123456789abcdef";
    char address[2 + 2 * sizeof(uintptr_t) + 1];
    uintptr_t v = (uintptr_t)o;
    int n = 0;
    char digits[2 * sizeof(uintptr_t)];
    do {
        digits[n++] = hex[v & 15];
        v >>= 4;
    } while (v);
    address[0] = '0';
    address[1] = 'x';
    for (int i = 0; i < n; i++)
        address[2 + i] = digits[n - 1 - i];
    address[2 + n] = '\0';
    StrBuf b;
    strbuf_init(&b);
    strbuf_append_cstr(&b, "<");
    strbuf_append_cstr(&b, o->type->name);
    strbuf_append_cstr(&b, " object at ");
    strbuf_append_cstr(&b, address);
    strbuf_append_char(&b, '>');
    return strbuf_finish(&b);
}

Obj *rt_str(Obj *o) {
    switch (type_id_of(o)) {
    case TYPE_ID_STR: return new_ref(o);
    case TYPE_ID_INT: return int_to_decimal_str(o);
    case TYPE_ID_BOOL: return str_from_ascii(int_is_zero(o) ? "False" : "True");
    case TYPE_ID_NONE: return str_from_ascii("None");
    case TYPE_ID_FLOAT: return float_repr(float_value(o));
    case TYPE_ID_FUNCTION: return func_repr(o);
    case TYPE_ID_CELL: return cell_repr(o);
    case TYPE_ID_GENERATOR: return gen_repr(o);
    case TYPE_ID_TYPE: return class_repr((const Type *)o);
    case TYPE_ID_MODULE: return module_repr(o);   /* sysmodule.c */
    case TYPE_ID_TEXT_IO: return text_io_repr(o); /* sysmodule.c */
    default:
        if (is_container_type_id(type_id_of(o)))
            return container_repr(o);
        if (is_exception(o))
            return exc_str(o);
        return object_default_repr(o);
    }
}

Obj *rt_repr(Obj *o) {
    switch (type_id_of(o)) {
    case TYPE_ID_STR: return str_repr(o);
    case TYPE_ID_INT:
    case TYPE_ID_BOOL:
    case TYPE_ID_NONE:
    case TYPE_ID_FLOAT:
    case TYPE_ID_FUNCTION:
    case TYPE_ID_CELL:
    case TYPE_ID_GENERATOR:
    case TYPE_ID_MODULE:
    case TYPE_ID_TEXT_IO:
    case TYPE_ID_TYPE: return rt_str(o);
    default:
        if (is_container_type_id(type_id_of(o)))
            return container_repr(o);
        break;
    }
    return is_exception(o) ? exc_repr(o) : object_default_repr(o);
}
