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
 *  - A user instance is asked first (its class's methods, in CPython's
 *    operand order); then its layout's builtin behaviour applies to its
 *    value (an int subclass adds like an int), and results are exact
 *    builtin values, never instances of the subclass.
 *  - Exceptions compare and hash by identity (the generic fallbacks); their
 *    str()/repr() live in exc.c; traceback objects get CPython's default
 *    `<traceback object at 0x...>`.
 */
#include "taipan_internal.h"

static const char *const binary_symbols[] = {
    "+", "-", "*", "/", "//", "%", "** or pow()", "<<", ">>", "&", "|", "^", "@",
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
    case OP_MATMUL: break; /* binary_op refuses @ before reaching here */
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
               inplace && op == OP_POW ? "**" : binary_symbols[op], inplace ? "=" : "", a, b);
    return NULL;
}

/* {operator, reflected, in-place} dunder names, in BinaryOp order. */
static const char *const binary_dunders[][3] = {
    {"__add__", "__radd__", "__iadd__"},
    {"__sub__", "__rsub__", "__isub__"},
    {"__mul__", "__rmul__", "__imul__"},
    {"__truediv__", "__rtruediv__", "__itruediv__"},
    {"__floordiv__", "__rfloordiv__", "__ifloordiv__"},
    {"__mod__", "__rmod__", "__imod__"},
    {"__pow__", "__rpow__", "__ipow__"},
    {"__lshift__", "__rlshift__", "__ilshift__"},
    {"__rshift__", "__rrshift__", "__irshift__"},
    {"__and__", "__rand__", "__iand__"},
    {"__or__", "__ror__", "__ior__"},
    {"__xor__", "__rxor__", "__ixor__"},
    {"__matmul__", "__rmatmul__", "__imatmul__"},
};

#define NOT_IMPLEMENTED (&not_implemented_object)

/* A binary operator with a user operand follows CPython's slot protocol
 * (binary_op1 and the slot functions of typeobject.c), modelled per
 * operand: a user class defining the operator or its reflected form gets
 * the generic slot (USER_SLOT), which calls the methods found through the
 * MRO, a builtin layout's own (int.__add__, str.__mul__ ...) included;
 * otherwise the operand's builtin type has the layout's numeric slot or
 * none (LAYOUT_SLOT / NO_SLOT; sequence concatenation and repetition are
 * not numeric slots: they come after every slot declined). */
enum { NO_SLOT, USER_SLOT, LAYOUT_SLOT };

/* The builtin numeric slots, by the function CPython would call (two
 * operands with the same kind share one slot). 0: none. */
enum { KIND_NONE, KIND_INT, KIND_BOOL, KIND_FLOAT, KIND_STR_MOD, KIND_DICT_OR, KIND_SET, KIND_VIEW };

static int layout_slot_kind(BinaryOp op, Obj *x) {
    bool set_op = op == OP_SUB || op == OP_BITAND || op == OP_BITOR || op == OP_BITXOR;
    switch (type_id_of(x)) {
    case TYPE_ID_BOOL:
        return op == OP_BITAND || op == OP_BITOR || op == OP_BITXOR ? KIND_BOOL : KIND_INT;
    case TYPE_ID_INT: return op != OP_MATMUL ? KIND_INT : KIND_NONE;
    case TYPE_ID_FLOAT: return op <= OP_POW ? KIND_FLOAT : KIND_NONE;
    case TYPE_ID_STR: return op == OP_MOD ? KIND_STR_MOD : KIND_NONE;
    case TYPE_ID_DICT: return op == OP_BITOR ? KIND_DICT_OR : KIND_NONE;
    case TYPE_ID_SET:
    case TYPE_ID_FROZENSET: return set_op ? KIND_SET : KIND_NONE;
    case TYPE_ID_DICT_KEYS:
    case TYPE_ID_DICT_ITEMS: return set_op ? KIND_VIEW : KIND_NONE;
    default: return KIND_NONE;
    }
}

/* Whether the builtin slot of `kind` computes a op b (else NotImplemented). */
static bool layout_slot_takes(int kind, Obj *a, Obj *b) {
    switch (kind) {
    case KIND_INT:
    case KIND_BOOL: return is_int_like(a) && is_int_like(b);
    case KIND_FLOAT: return (is_int_like(a) || is_float(a)) && (is_int_like(b) || is_float(b));
    case KIND_STR_MOD: return is_str(a);
    case KIND_DICT_OR: return is_dict(a) && is_dict(b);
    case KIND_SET: return is_anyset(a) && is_anyset(b);
    default: return true; /* dict views take any iterable (and raise for others) */
    }
}

/* One binary operation with a user operand: the operands, the method
 * names, and what the MRO lookups found (each done once). */
typedef struct Operands {
    Obj *a, *b;
    const char *name, *reflected_name;
    Obj *a_forward, *b_reflected; /* special_lookup(a, name), special_lookup(b, reflected_name) */
    int ua, ub;                   /* each operand's own slot */
} Operands;

/* A user class defining the operator or its reflected form has the
 * generic slot; *found is what special_lookup(x, first) found. */
static int operand_slot(BinaryOp op, Obj *x, const char *first, const char *second, Obj **found) {
    *found = NULL;
    if (is_user_instance(x) && ((*found = special_lookup(x, first)) || special_lookup(x, second)))
        return USER_SLOT;
    return layout_slot_kind(op, x) != KIND_NONE ? LAYOUT_SLOT : NO_SLOT;
}

/* Returned (borrowed) when a builtin layout's slot takes the operands: the
 * caller computes the builtin operation on the values. */
static Obj layout_answers = {IMMORTAL_REFCNT, &type_not_implemented};
#define LAYOUT_ANSWERS (&layout_answers)

/* type(x).name(x, arg) through the MRO (attr: what special_lookup found, if
 * known); NotImplemented when nothing has it. */
static Obj *mro_method(Obj *x, Obj *attr, const char *name, Obj *arg) {
    if (attr)
        return special_call(x, attr, 1, &arg);
    bool found;
    Obj *r = special_method_call(x, name, 1, &arg, &found); /* class.c: a builtin layout's int.__add__ ... */
    return found ? r : NOT_IMPLEMENTED;
}

/* CPython's SLOT1BINFULL: the generic slot called with (a, b), as the slot
 * of either operand. */
static Obj *user_slot_call(const Operands *o) {
    Obj *a = o->a, *b = o->b;
    const Type *ta = type_of(a), *tb = type_of(b);
    bool do_other = ta != tb && o->ub == USER_SLOT;
    if (o->ua == USER_SLOT) {
        /* a subclass's overriding reflected method first */
        if (do_other && type_is_subtype(tb, ta) && o->b_reflected != special_lookup(a, o->reflected_name)) {
            Obj *r = mro_method(b, o->b_reflected, o->reflected_name, a);
            if (r != NOT_IMPLEMENTED)
                return r;
            do_other = false;
        }
        Obj *r = mro_method(a, o->a_forward, o->name, b);
        if (r != NOT_IMPLEMENTED || ta == tb)
            return r;
    }
    return do_other ? mro_method(b, o->b_reflected, o->reflected_name, a) : NOT_IMPLEMENTED;
}

/* One operand's slot (slot and kind are that operand's) called with (a, b). */
static Obj *slot_call_for(int slot, int kind, const Operands *o) {
    if (slot == USER_SLOT)
        return user_slot_call(o);
    return layout_slot_takes(kind, o->a, o->b) ? LAYOUT_ANSWERS : NOT_IMPLEMENTED;
}

/* CPython's binary_op1 for a user operand: a's slot, then b's (first when
 * type(b) is a proper subclass of type(a); never when both share one).
 * NotImplemented (borrowed) when every slot declined: only sequence
 * concatenation/repetition may still apply; LAYOUT_ANSWERS when a builtin
 * layout's slot takes the values. op is the operator whose layout slots
 * apply (OP_FLOORDIV for divmod). */
static Obj *user_binary_named(BinaryOp op, Obj *a, Obj *b, const char *name, const char *reflected_name) {
    const Type *ta = type_of(a), *tb = type_of(b);
    if (is_user_instance(a) && (ta == tb || !is_user_instance(b))) {
        /* the common case, quickly: a's own method, and then (b being no
         * user instance, so never a subclass of a's class) b's builtin slot */
        Obj *forward = special_lookup(a, name);
        if (forward) {
            Obj *r = special_call(a, forward, 1, &b);
            if (r != NOT_IMPLEMENTED || ta == tb)
                return r;
            int kb = layout_slot_kind(op, b);
            return kb != KIND_NONE && layout_slot_takes(kb, a, b) ? LAYOUT_ANSWERS : NOT_IMPLEMENTED;
        }
    }
    Operands o = {a, b, name, reflected_name, NULL, NULL, NO_SLOT, NO_SLOT};
    o.ua = operand_slot(op, a, name, reflected_name, &o.a_forward);
    if (ta != tb)
        o.ub = operand_slot(op, b, reflected_name, name, &o.b_reflected);
    int ka = layout_slot_kind(op, a), kb = layout_slot_kind(op, b);
    int sa = o.ua, sb = o.ub;
    if (sb == sa && (sa == USER_SLOT || ka == kb))
        sb = NO_SLOT; /* the same slot function: called once */
    Obj *r;
    if (sa != NO_SLOT) {
        if (sb != NO_SLOT && type_is_subtype(tb, ta)) {
            r = slot_call_for(sb, kb, &o);
            if (r != NOT_IMPLEMENTED)
                return r;
            sb = NO_SLOT;
        }
        r = slot_call_for(sa, ka, &o);
        if (r != NOT_IMPLEMENTED)
            return r;
    }
    return sb != NO_SLOT ? slot_call_for(sb, kb, &o) : NOT_IMPLEMENTED;
}

static Obj *user_binary(BinaryOp op, Obj *a, Obj *b) {
    return user_binary_named(op, a, b, binary_dunders[op][0], binary_dunders[op][1]);
}

Obj *user_divmod(Obj *a, Obj *b, bool *layout) {
    Obj *r = user_binary_named(OP_FLOORDIV, a, b, "__divmod__", "__rdivmod__");
    *layout = r == LAYOUT_ANSWERS;
    return *layout ? NULL : r;
}

static Obj *repeat_count(Obj *count);

Obj *inplace_op(BinaryOp op, Obj *a, Obj *b) {
    if (is_user_instance(a)) { /* __iadd__ & co: a user one, or a list/dict subclass's builtin one */
        if (op == OP_MUL && type_id_of(a) == TYPE_ID_LIST && !special_lookup(a, "__imul__")) {
            /* `*=` checks the count as a sequence repeat does, worded so,
             * where list.__imul__ called by name says "cannot be interpreted" */
            Obj *n = repeat_count(b);
            if (!n)
                return NULL;
            rt_decref(n);
        }
        bool found;
        Obj *r = special_method_call(a, binary_dunders[op][2], 1, &b, &found);
        if (found && r != NOT_IMPLEMENTED)
            return r;
    }
    if (op == OP_MOD && is_str(a))
        return rt_mod(a, b); /* str's % comes before any user __rmod__ but a subclass's */
    return binary_op(op, a, b, true);
}

/* A sequence repeat count as an int (new reference): an int, or the
 * __index__ of a user instance; NULL with CPython's TypeError otherwise. */
static Obj *repeat_count(Obj *count) {
    if (is_int_like(count))
        return new_ref(count);
    if (is_user_instance(count) && special_lookup(count, "__index__"))
        return number_index(count);
    err_format(&type_type_error, "can't multiply sequence by non-int of type '%T'", count);
    return NULL;
}

/* inplace only changes the wording of the unsupported-operand error; the
 * mutating in-place forms live with their containers. */
Obj *binary_op(BinaryOp op, Obj *a, Obj *b, bool inplace) {
    bool slots_declined = false; /* with a user operand: only the sequence operations remain */
    if (is_user_instance(a) || is_user_instance(b)) {
        Obj *r = user_binary(op, a, b);
        if (r != NOT_IMPLEMENTED && r != LAYOUT_ANSWERS)
            return r;
        slots_declined = r == NOT_IMPLEMENTED;
    }
    if (op == OP_MATMUL)
        return unsupported(op, a, b, inplace);
    bool a_int = !slots_declined && is_int_like(a), b_int = !slots_declined && is_int_like(b);
    if (a_int && b_int) {
        bool bitwise = op == OP_BITAND || op == OP_BITOR || op == OP_BITXOR;
        if (bitwise && type_id_of(a) == TYPE_ID_BOOL && type_id_of(b) == TYPE_ID_BOOL)
            return bool_binary(op, a, b);
        return int_binary(op, a, b);
    }
    bool a_num = a_int || (!slots_declined && is_float(a)), b_num = b_int || (!slots_declined && is_float(b));
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
        Obj *count = repeat_count(is_str(a) ? b : a);
        if (!count)
            return NULL;
        int64_t n;
        bool fits = int_to_i64_checked(count, &n);
        rt_decref(count);
        if (!fits) {
            err_format(&type_overflow_error, "cannot fit 'int' into an index-sized integer");
            return NULL;
        }
        return str_repeat(text, n);
    }
    /* the containers' + and * are sequence operations; their other
     * operators (set |, dict | ...) are numeric slots */
    bool sequence_op = op == OP_ADD || op == OP_MUL;
    if ((!slots_declined || sequence_op) &&
        (is_container_type_id(type_id_of(a)) || is_container_type_id(type_id_of(b)))) {
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
 * not in binary_op, so only programs that use % link the formatter. A user
 * operand's methods come first (a str subclass's __mod__, or the __rmod__
 * of a subclass of the left operand's type). */
Obj *rt_mod(Obj *a, Obj *b) {
    if (!is_str(a))
        return binary_op(OP_MOD, a, b, false);
    if (is_user_instance(a) || is_user_instance(b)) {
        Obj *r = user_binary(OP_MOD, a, b);
        if (r == NOT_IMPLEMENTED) /* a str subclass's __mod__ declined, and so did b */
            return unsupported(OP_MOD, a, b, false);
        if (r != LAYOUT_ANSWERS)
            return r;
    }
    return str_printf(a, b);
}
Obj *rt_pow(Obj *a, Obj *b) { return binary_op(OP_POW, a, b, false); }
Obj *rt_lshift(Obj *a, Obj *b) { return binary_op(OP_LSHIFT, a, b, false); }
Obj *rt_rshift(Obj *a, Obj *b) { return binary_op(OP_RSHIFT, a, b, false); }
Obj *rt_bitand(Obj *a, Obj *b) { return binary_op(OP_BITAND, a, b, false); }
Obj *rt_bitor(Obj *a, Obj *b) { return binary_op(OP_BITOR, a, b, false); }
Obj *rt_bitxor(Obj *a, Obj *b) { return binary_op(OP_BITXOR, a, b, false); }

/* The in-place forms without a mutating builtin case (containers.c has the
 * others): user __i*__ methods, then the binary protocol. */
Obj *rt_inplace_truediv(Obj *a, Obj *b) { return inplace_op(OP_TRUEDIV, a, b); }
Obj *rt_matmul(Obj *a, Obj *b) { return binary_op(OP_MATMUL, a, b, false); }
Obj *rt_inplace_matmul(Obj *a, Obj *b) { return inplace_op(OP_MATMUL, a, b); }
Obj *rt_inplace_floordiv(Obj *a, Obj *b) { return inplace_op(OP_FLOORDIV, a, b); }
Obj *rt_inplace_mod(Obj *a, Obj *b) { return inplace_op(OP_MOD, a, b); }
Obj *rt_inplace_pow(Obj *a, Obj *b) { return inplace_op(OP_POW, a, b); }
Obj *rt_inplace_lshift(Obj *a, Obj *b) { return inplace_op(OP_LSHIFT, a, b); }
Obj *rt_inplace_rshift(Obj *a, Obj *b) { return inplace_op(OP_RSHIFT, a, b); }

/* pow(a, b, m) with a user operand: only a.__pow__(b, m) is asked, as
 * CPython's slot never passes a modulus to __rpow__; then the builtin pow
 * of the values of int/float subclass instances. */
Obj *user_pow3(Obj *a, Obj *b, Obj *m) {
    if (is_user_instance(a)) {
        Obj *method = special_lookup(a, "__pow__");
        if (method) {
            Obj *args[2] = {b, m};
            Obj *r = special_call(a, method, 2, args);
            if (r != NOT_IMPLEMENTED)
                return r;
        }
    }
    if ((is_int_like(a) || is_float(a)) && (is_int_like(b) || is_float(b)) && (is_int_like(m) || is_float(m))) {
        Obj *x = layout_exact_value(a), *y = x ? layout_exact_value(b) : NULL, *z = y ? layout_exact_value(m) : NULL;
        Obj *r = z ? rt_builtin_pow3(x, y, z) : NULL;
        rt_decref(x);
        rt_decref(y);
        rt_decref(z);
        return r;
    }
    err_format(&type_type_error, "unsupported operand type(s) for ** or pow(): '%T', '%T', '%T'", a, b, m);
    return NULL;
}

static Obj *bad_unary(const char *symbol, Obj *a) {
    err_format(&type_type_error, "bad operand type for unary %s: '%T'", symbol, a);
    return NULL;
}

/* A unary dunder of a user instance; *found false when none is defined. */
static Obj *user_unary(Obj *a, const char *name, bool *found) {
    *found = false;
    return is_user_instance(a) ? special_call_by_name(a, name, 0, NULL, found) : NULL;
}

Obj *rt_neg(Obj *a) {
    bool found;
    Obj *r = user_unary(a, "__neg__", &found);
    if (found)
        return r;
    if (is_int_like(a))
        return int_neg(a);
    if (is_float(a))
        return float_from_double(-float_value(a));
    return bad_unary("-", a);
}

Obj *rt_pos(Obj *a) {
    bool found;
    Obj *r = user_unary(a, "__pos__", &found);
    if (found)
        return r;
    if (is_int_like(a))
        return int_pos(a); /* +True is the int 1 */
    if (is_float(a))
        return float_exact(a);
    return bad_unary("+", a);
}

Obj *rt_invert(Obj *a) {
    bool found;
    Obj *r = user_unary(a, "__invert__", &found);
    if (found)
        return r;
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

static const char *const compare_dunders[] = {"__lt__", "__le__", "__eq__", "__ne__", "__gt__", "__ge__"};
static const CompareOp swapped_compare[] = {CMP_GT, CMP_GE, CMP_EQ, CMP_NE, CMP_LT, CMP_LE};

static Obj *layout_compare(CompareOp op, Obj *a, Obj *b);
static Obj *compare(CompareOp op, Obj *a, Obj *b);

/* type(x)'s rich comparison of x with y; NotImplemented (borrowed) when it
 * declines. A user class without the method inherits its layout's: object's
 * == is identity and its != inverts type(x).__eq__ unless that declines;
 * int, str, tuple ... compare their values with values of their kind. */
static Obj *rich_compare_one(CompareOp op, Obj *x, Obj *y) {
    if (is_user_instance(x)) {
        Obj *method = special_lookup(x, compare_dunders[op]);
        if (method)
            return special_call(x, method, 1, &y);
        if (op == CMP_NE && !is_builtin_layout_id(x->type->id)) {
            Obj *eq = rich_compare_one(CMP_EQ, x, y);
            if (!eq || eq == NOT_IMPLEMENTED)
                return eq;
            int32_t truth = rt_truthy(eq);
            rt_decref(eq);
            return truth < 0 ? NULL : bool_obj(!truth);
        }
    }
    Obj *r = layout_compare(op, x, y);
    if (r == NOT_IMPLEMENTED && op == CMP_EQ && x == y)
        return bool_obj(true);
    return r;
}

/* CPython's do_richcompare: the reflected comparison first when type(b) is
 * a proper subclass of type(a), then a's, then the reflected one; == and !=
 * fall back to identity. */
static Obj *user_compare(CompareOp op, Obj *a, Obj *b) {
    const Type *ta = type_of(a), *tb = type_of(b);
    bool reflected_first = ta != tb && is_user_instance(b) && type_is_subtype(tb, ta);
    Obj *r;
    if (reflected_first) {
        r = rich_compare_one(swapped_compare[op], b, a);
        if (r != NOT_IMPLEMENTED)
            return r;
    }
    r = rich_compare_one(op, a, b);
    if (r != NOT_IMPLEMENTED)
        return r;
    if (!reflected_first) {
        r = rich_compare_one(swapped_compare[op], b, a);
        if (r != NOT_IMPLEMENTED)
            return r;
    }
    if (op == CMP_EQ || op == CMP_NE)
        return bool_obj((a == b) == (op == CMP_EQ));
    err_format(&type_type_error, "'%s' not supported between instances of '%T' and '%T'", compare_symbols[op], a,
               b);
    return NULL;
}

/* The builtin comparison of a and b by their layouts (a user instance
 * compares by its layout's value here); NotImplemented (borrowed) when the
 * layouts do not compare with each other. */
static Obj *layout_compare(CompareOp op, Obj *a, Obj *b) {
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
    } else if (type_id_of(a) == TYPE_ID_SLICE && type_id_of(b) == TYPE_ID_SLICE) {
        /* slices compare as the tuples (start, stop, step) */
        SliceObj *x = (SliceObj *)a, *y = (SliceObj *)b;
        Obj *tx = rt_tuple_new(3), *ty = rt_tuple_new(3);
        Obj *r = NULL;
        if (tx && ty) {
            Obj *fx[3] = {x->start, x->stop, x->step}, *fy[3] = {y->start, y->stop, y->step};
            for (int k = 0; k < 3; k++) {
                ((TupleObj *)tx)->items[k] = new_ref(fx[k]);
                ((TupleObj *)ty)->items[k] = new_ref(fy[k]);
            }
            r = compare(op, tx, ty);
        }
        rt_decref(tx);
        rt_decref(ty);
        return r;
    } else if ((op == CMP_EQ || op == CMP_NE) && type_id_of(a) == TYPE_ID_METHOD &&
               type_id_of(b) == TYPE_ID_METHOD) { /* class.c */
        int32_t eq = method_equal(a, b);
        return eq < 0 ? NULL : bool_obj((eq == 1) == (op == CMP_EQ));
    } else if ((op == CMP_EQ || op == CMP_NE) && type_id_of(a) == TYPE_ID_BUILTIN_METHOD &&
               type_id_of(b) == TYPE_ID_BUILTIN_METHOD) { /* methods.c */
        return bool_obj((builtin_method_equal(a, b) == 1) == (op == CMP_EQ));
    } else {
        return NOT_IMPLEMENTED;
    }
    return bool_obj(order_satisfies(op, order));
}

static Obj *compare(CompareOp op, Obj *a, Obj *b) {
    if (is_small_int(a) && is_small_int(b)) { /* the commonest case, without the layout dispatch */
        int32_t x = small_int_value(a), y = small_int_value(b);
        return bool_obj(order_satisfies(op, x < y ? -1 : x > y));
    }
    if (is_user_instance(a) || is_user_instance(b))
        return user_compare(op, a, b);
    Obj *r = layout_compare(op, a, b);
    if (r != NOT_IMPLEMENTED)
        return r;
    if (op == CMP_EQ || op == CMP_NE)
        return bool_obj((a == b) == (op == CMP_EQ)); /* unrelated types: identity */
    err_format(&type_type_error, "'%s' not supported between instances of '%T' and '%T'", compare_symbols[op], a, b);
    return NULL;
}

Obj *rt_lt(Obj *a, Obj *b) { return compare(CMP_LT, a, b); }
Obj *rt_le(Obj *a, Obj *b) { return compare(CMP_LE, a, b); }
Obj *rt_eq(Obj *a, Obj *b) { return compare(CMP_EQ, a, b); }
Obj *rt_ne(Obj *a, Obj *b) { return compare(CMP_NE, a, b); }
Obj *rt_gt(Obj *a, Obj *b) { return compare(CMP_GT, a, b); }
Obj *rt_ge(Obj *a, Obj *b) { return compare(CMP_GE, a, b); }


/* `item in o` for a user instance: __contains__, else a scan of iter(o)
 * (a builtin layout without __contains__ keeps its own test). */
static int32_t user_contains(Obj *o, Obj *item) {
    Obj *method = special_lookup(o, "__contains__");
    if (method) {
        if (method == &none_object) {
            err_format(&type_type_error, "'%T' object is not a container", o);
            return -1;
        }
        Obj *r = special_call(o, method, 1, &item);
        if (!r)
            return -1;
        int32_t truth = rt_truthy(r);
        rt_decref(r);
        return truth;
    }
    if (layout_defines(o->type->id, SLOT_CONTAINS))
        return builtin_contains(o, item);
    Obj *it = rt_get_iter(o);
    if (!it) {
        if (err_matches(&type_type_error)) {
            rt_err_clear();
            err_format(&type_type_error, "argument of type '%T' is not iterable", o);
        }
        return -1;
    }
    int32_t found = iter_contains(it, item); /* containers.c */
    rt_decref(it);
    return found;
}

int32_t rt_contains(Obj *container, Obj *item) {
    if (is_user_instance(container))
        return user_contains(container, item);
    return builtin_contains(container, item);
}

int32_t builtin_contains(Obj *container, Obj *item) {
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

static int32_t builtin_truthy(Obj *o);

/* __bool__ (which must return a bool), else __len__, else the layout's. */
static int32_t user_truthy(Obj *o) {
    bool found;
    Obj *r = special_call_by_name(o, "__bool__", 0, NULL, &found);
    if (found) {
        if (!r)
            return -1;
        int32_t truth = -1;
        if (type_id_of(r) == TYPE_ID_BOOL)
            truth = !int_is_zero(r);
        else
            err_format(&type_type_error, "__bool__ should return bool, returned %T", r);
        rt_decref(r);
        return truth;
    }
    if (!layout_defines(o->type->id, SLOT_BOOL)) { /* int and float decide before any __len__ */
        int64_t n = user_len(o, &found);
        if (found)
            return n < 0 ? -1 : n != 0;
    }
    return builtin_truthy(o);
}

/* Truthiness by the type id (a user instance by its layout's value). */
static int32_t builtin_truthy(Obj *o) {
    switch (type_id_of(o)) {
    case TYPE_ID_NONE: return 0;
    case TYPE_ID_BOOL:
    case TYPE_ID_INT: return !int_is_zero(o);
    case TYPE_ID_FLOAT: return float_value(o) != 0.0;
    case TYPE_ID_STR: return ((const StrObj *)o)->length != 0;
    default: return is_container_type_id(type_id_of(o)) ? container_truthy(o) : 1;
    }
}

int32_t rt_truthy(Obj *o) {
    switch (type_id_of(o)) {
    case TYPE_ID_NONE: return 0;
    case TYPE_ID_BOOL: return !int_is_zero(o);
    default: return is_user_instance(o) ? user_truthy(o) : builtin_truthy(o);
    }
}

int64_t user_len(Obj *o, bool *found) {
    Obj *r = special_call_by_name(o, "__len__", 0, NULL, found);
    if (!*found)
        return -1;
    Obj *n = r ? number_index(r) : NULL;
    rt_decref(r);
    if (!n)
        return -1;
    int64_t length = -1;
    if (int_sign(n) < 0)
        err_format(&type_value_error, "__len__() should return >= 0");
    else if (!int_to_i64_checked(n, &length))
        err_format(&type_overflow_error, "cannot fit 'int' into an index-sized integer");
    rt_decref(n);
    return length;
}

bool has_index(Obj *o) { return is_int_like(o) || (is_user_instance(o) && special_lookup(o, "__index__")); }

Obj *number_index(Obj *o) {
    if (is_int_like(o)) /* an int subclass instance gives its value as a plain int */
        return is_user_instance(o) ? int_exact(o) : new_ref(o);
    bool found = false;
    Obj *r = is_user_instance(o) ? special_call_by_name(o, "__index__", 0, NULL, &found) : NULL;
    if (!found) {
        err_format(&type_type_error, "'%T' object cannot be interpreted as an integer", o);
        return NULL;
    }
    if (r && !is_int_like(r)) {
        err_format(&type_type_error, "__index__ returned non-int (type %T)", r);
        rt_decref(r);
        return NULL;
    }
    return r;
}

Obj *rt_bool_from_i32(int32_t v) { return bool_obj(v != 0); }

static Obj *builtin_class_repr(const Type *t) {
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

static Obj *type_object_repr(Obj *o) {
    return type_is_user_class((const Type *)o) ? class_repr(o) : builtin_class_repr((const Type *)o);
}

static Obj *builtin_repr(Obj *o);
static Obj *builtin_str(Obj *o);

Obj *user_repr_slot(Obj *o) {
    bool found;
    Obj *r = special_call_by_name(o, "__repr__", 0, NULL, &found);
    if (found)
        return r;
    if (is_exception(o))
        return exc_repr(o);
    if (is_builtin_layout_id(o->type->id))
        return builtin_repr(o); /* the value's repr: MyInt(5) is 5 */
    if (o->type->id == TYPE_ID_TYPE)
        return type_object_repr(o); /* a class whose metaclass has no __repr__ */
    return instance_default_repr(o);
}

/* object.__str__ calls the repr slot without repr()'s result check, so a
 * bad __repr__ is reported as __str__'s. str and bytes have their own
 * __str__ (the value itself, the builtin repr). */
static Obj *user_str(Obj *o) {
    bool found;
    Obj *r = special_call_by_name(o, "__str__", 0, NULL, &found);
    if (!found) {
        if (is_exception(o))
            return exc_str(o);
        if (type_id_of(o) == TYPE_ID_STR)
            return str_exact(o);
        r = type_id_of(o) == TYPE_ID_BYTES ? builtin_repr(o) : user_repr_slot(o);
    }
    if (r && !is_str(r)) {
        err_format(&type_type_error, "__str__ returned non-string (type %T)", r);
        rt_decref(r);
        return NULL;
    }
    return r;
}

static Obj *user_repr(Obj *o) {
    Obj *r = user_repr_slot(o);
    if (r && !is_str(r)) {
        err_format(&type_type_error, "__repr__ returned non-string (type %T)", r);
        rt_decref(r);
        return NULL;
    }
    return r;
}

Obj *rt_str(Obj *o) { return is_user_instance(o) ? user_str(o) : builtin_str(o); }

/* str() by the type id: a user instance of int/float layout by its value */
static Obj *builtin_str(Obj *o) {
    switch (type_id_of(o)) {
    case TYPE_ID_STR: return new_ref(o);
    case TYPE_ID_INT: return int_to_decimal_str(o);
    case TYPE_ID_BOOL: return str_from_ascii(int_is_zero(o) ? "False" : "True");
    case TYPE_ID_NONE: return str_from_ascii("None");
    case TYPE_ID_FLOAT: return float_repr(float_value(o));
    case TYPE_ID_FUNCTION: return func_repr(o);
    case TYPE_ID_CELL: return cell_repr(o);
    case TYPE_ID_GENERATOR: return gen_repr(o);
    case TYPE_ID_TYPE: return type_object_repr(o);
    case TYPE_ID_MODULE: return module_repr(o);   /* sysmodule.c */
    case TYPE_ID_TEXT_IO: return text_io_repr(o); /* sysmodule.c */
    case TYPE_ID_FILE: return file_repr(o);       /* fileio.c */
    default:
        if (is_container_type_id(type_id_of(o)))
            return container_repr(o);
        if (is_exception(o))
            return exc_str(o);
        if (is_class_machinery_id(type_id_of(o)))
            return class_object_repr(o); /* class.c: methods, property, super, object(), NotImplemented */
        return object_default_repr(o);
    }
}

Obj *rt_repr(Obj *o) { return is_user_instance(o) ? user_repr(o) : builtin_repr(o); }

/* repr by the type id (a user instance by its layout's value). */
static Obj *builtin_repr(Obj *o) {
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
    case TYPE_ID_FILE:
    case TYPE_ID_TYPE: return builtin_str(o);
    default:
        if (is_container_type_id(type_id_of(o)))
            return container_repr(o);
        break;
    }
    if (is_class_machinery_id(type_id_of(o)))
        return class_object_repr(o); /* class.c */
    return is_exception(o) ? exc_repr(o) : object_default_repr(o);
}
