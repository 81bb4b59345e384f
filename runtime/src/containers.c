/*
 * containers.c — the container type descriptors and the glue between the
 * generic entry points (ops.c, builtins.c, object.c) and the container
 * files: release, repr, truth, len, `in`, operators, comparisons, hashing,
 * subscripts (rt_getitem/rt_setitem/rt_delitem) and the in-place operators.
 *
 * Invariants:
 *  - Every type id is_container_type_id accepts ([TYPE_ID_TUPLE,
 *    TYPE_ID_BUILTIN_FUNCTION] plus map and filter) has a case in
 *    container_release, so obj_dealloc never guesses a layout.
 *  - repr of a container that is already being repr'd (a self-containing
 *    list or dict) prints a placeholder instead of recursing; the stack of
 *    containers in progress is bounded and overflowing it is a
 *    RecursionError, as CPython's recursion limit would be.
 *  - dict and set hash only through hash_of (hash.c), which defers to
 *    tuple_hash/frozenset_hash here for the container layouts.
 */
#include "taipan_internal.h"

#define STATIC_HEADER(type_ptr) {IMMORTAL_REFCNT, (type_ptr)}
#define DEFINE_TYPE(var, pyname, type_id) \
    Type var = {STATIC_HEADER(&type_type), pyname, type_id, NULL, 0}

DEFINE_TYPE(type_tuple, "tuple", TYPE_ID_TUPLE);
DEFINE_TYPE(type_list, "list", TYPE_ID_LIST);
DEFINE_TYPE(type_dict, "dict", TYPE_ID_DICT);
DEFINE_TYPE(type_set, "set", TYPE_ID_SET);
DEFINE_TYPE(type_frozenset, "frozenset", TYPE_ID_FROZENSET);
DEFINE_TYPE(type_range, "range", TYPE_ID_RANGE);
DEFINE_TYPE(type_slice, "slice", TYPE_ID_SLICE);
DEFINE_TYPE(type_dict_keys, "dict_keys", TYPE_ID_DICT_KEYS);
DEFINE_TYPE(type_dict_values, "dict_values", TYPE_ID_DICT_VALUES);
DEFINE_TYPE(type_dict_items, "dict_items", TYPE_ID_DICT_ITEMS);
DEFINE_TYPE(type_str_iterator, "str_iterator", TYPE_ID_STR_ITERATOR);
DEFINE_TYPE(type_str_ascii_iterator, "str_ascii_iterator", TYPE_ID_STR_ITERATOR);
DEFINE_TYPE(type_list_iterator, "list_iterator", TYPE_ID_LIST_ITERATOR);
DEFINE_TYPE(type_list_reverse_iterator, "list_reverseiterator", TYPE_ID_LIST_REVERSE_ITERATOR);
DEFINE_TYPE(type_tuple_iterator, "tuple_iterator", TYPE_ID_TUPLE_ITERATOR);
DEFINE_TYPE(type_reversed, "reversed", TYPE_ID_REVERSED);
/* iter() of a user class with only __getitem__: a SeqIterObj walking up */
DEFINE_TYPE(type_seq_iterator, "iterator", TYPE_ID_REVERSED);
DEFINE_TYPE(type_dict_key_iterator, "dict_keyiterator", TYPE_ID_DICT_KEY_ITERATOR);
DEFINE_TYPE(type_dict_value_iterator, "dict_valueiterator", TYPE_ID_DICT_VALUE_ITERATOR);
DEFINE_TYPE(type_dict_item_iterator, "dict_itemiterator", TYPE_ID_DICT_ITEM_ITERATOR);
DEFINE_TYPE(type_dict_reverse_key_iterator, "dict_reversekeyiterator", TYPE_ID_DICT_REVERSE_KEY_ITERATOR);
DEFINE_TYPE(type_dict_reverse_value_iterator, "dict_reversevalueiterator", TYPE_ID_DICT_REVERSE_VALUE_ITERATOR);
DEFINE_TYPE(type_dict_reverse_item_iterator, "dict_reverseitemiterator", TYPE_ID_DICT_REVERSE_ITEM_ITERATOR);
DEFINE_TYPE(type_set_iterator, "set_iterator", TYPE_ID_SET_ITERATOR);
DEFINE_TYPE(type_range_iterator, "range_iterator", TYPE_ID_RANGE_ITERATOR);
DEFINE_TYPE(type_long_range_iterator, "longrange_iterator", TYPE_ID_RANGE_ITERATOR);
DEFINE_TYPE(type_enumerate, "enumerate", TYPE_ID_ENUMERATE);
DEFINE_TYPE(type_zip, "zip", TYPE_ID_ZIP);
DEFINE_TYPE(type_map, "map", TYPE_ID_MAP);
DEFINE_TYPE(type_filter, "filter", TYPE_ID_FILTER);
DEFINE_TYPE(type_builtin_function, "builtin_function_or_method", TYPE_ID_BUILTIN_FUNCTION);

uint32_t list_release(Obj *o);
uint32_t dict_release(Obj *o);

uint32_t container_release(Obj *o) {
    switch ((TypeId)o->type->id) {
    case TYPE_ID_TUPLE: return tuple_release(o);
    case TYPE_ID_LIST: return list_release(o);
    case TYPE_ID_DICT: return dict_release(o);
    case TYPE_ID_SET:
    case TYPE_ID_FROZENSET:
        set_release_table((SetObj *)o);
        return sizeof(SetObj);
    case TYPE_ID_RANGE:
    case TYPE_ID_SLICE: {
        /* range starts with the slice's start/stop/step shape */
        SliceObj *s = (SliceObj *)o;
        rt_decref(s->start);
        rt_decref(s->stop);
        rt_decref(s->step);
        if (o->type->id == TYPE_ID_SLICE)
            return sizeof(SliceObj);
        rt_decref(((RangeObj *)o)->length);
        return sizeof(RangeObj);
    }
    case TYPE_ID_DICT_KEYS:
    case TYPE_ID_DICT_VALUES:
    case TYPE_ID_DICT_ITEMS:
        rt_decref(((DictViewObj *)o)->dict);
        return sizeof(DictViewObj);
    case TYPE_ID_BYTES: return bytes_alloc_size(((BytesObj *)o)->length);
    case TYPE_ID_STR_ITERATOR:
    case TYPE_ID_BYTES_ITERATOR:
    case TYPE_ID_LIST_ITERATOR:
    case TYPE_ID_LIST_REVERSE_ITERATOR:
    case TYPE_ID_TUPLE_ITERATOR:
    case TYPE_ID_REVERSED:
        rt_decref(((SeqIterObj *)o)->seq);
        return sizeof(SeqIterObj);
    case TYPE_ID_DICT_KEY_ITERATOR:
    case TYPE_ID_DICT_VALUE_ITERATOR:
    case TYPE_ID_DICT_ITEM_ITERATOR:
    case TYPE_ID_DICT_REVERSE_KEY_ITERATOR:
    case TYPE_ID_DICT_REVERSE_VALUE_ITERATOR:
    case TYPE_ID_DICT_REVERSE_ITEM_ITERATOR:
        rt_decref(((DictIterObj *)o)->dict);
        return sizeof(DictIterObj);
    case TYPE_ID_SET_ITERATOR:
        rt_decref(((SetIterObj *)o)->set);
        return sizeof(SetIterObj);
    case TYPE_ID_RANGE_ITERATOR:
        rt_decref(((RangeIterObj *)o)->long_next);
        rt_decref(((RangeIterObj *)o)->long_step);
        rt_decref(((RangeIterObj *)o)->long_remaining);
        return sizeof(RangeIterObj);
    case TYPE_ID_ENUMERATE:
        rt_decref(((EnumerateObj *)o)->iter);
        rt_decref(((EnumerateObj *)o)->count);
        return sizeof(EnumerateObj);
    case TYPE_ID_ZIP:
        rt_decref(((ZipObj *)o)->iters);
        return sizeof(ZipObj);
    case TYPE_ID_MAP:
        rt_decref(((MapObj *)o)->func);
        rt_decref(((MapObj *)o)->iters);
        return sizeof(MapObj);
    case TYPE_ID_FILTER:
        rt_decref(((FilterObj *)o)->func);
        rt_decref(((FilterObj *)o)->iter);
        return sizeof(FilterObj);
    default: /* builtin functions are static and immortal */
        return sizeof(BuiltinFuncObj);
    }
}

/* ---- repr ------------------------------------------------------------ */

#define REPR_STACK_LIMIT 1000
static Obj *repr_stack[REPR_STACK_LIMIT];
static int32_t repr_depth;

/* Either pushes o (entered = true) or returns the placeholder text (or NULL
 * on error) because o is already being printed further up. */
Obj *repr_enter_or_placeholder(Obj *o, const char *placeholder, bool *entered) {
    *entered = false;
    for (int32_t i = 0; i < repr_depth; i++)
        if (repr_stack[i] == o)
            return str_from_ascii(placeholder);
    if (repr_depth == REPR_STACK_LIMIT) {
        err_format(&type_recursion_error, "maximum recursion depth exceeded while getting the repr of an object");
        return NULL;
    }
    repr_stack[repr_depth++] = o;
    *entered = true;
    return NULL;
}

void repr_leave(Obj *o) {
    (void)o; /* entries nest, so the top is always o */
    repr_depth--;
}

static Obj *object_at_repr(Obj *o) {
    static const char hex[] = "0123456789abcdef";
    uintptr_t address = (uintptr_t)o - platform_memory_base();
    char digits[2 * sizeof(uintptr_t) + 1];
    int n = 0;
    do {
        digits[n++] = hex[address & 0xF];
        address >>= 4;
    } while (address);
    StrBuf b;
    strbuf_init(&b);
    strbuf_append_char(&b, '<');
    strbuf_append_cstr(&b, o->type->name);
    strbuf_append_cstr(&b, " object at 0x");
    while (n > 0)
        strbuf_append_char(&b, digits[--n]);
    strbuf_append_char(&b, '>');
    return strbuf_finish(&b);
}

Obj *container_repr(Obj *o) {
    switch ((TypeId)o->type->id) {
    case TYPE_ID_TUPLE: return tuple_repr(o);
    case TYPE_ID_LIST: return list_repr(o);
    case TYPE_ID_DICT: return dict_repr(o);
    case TYPE_ID_SET:
    case TYPE_ID_FROZENSET: return set_repr(o);
    case TYPE_ID_RANGE: return range_repr(o);
    case TYPE_ID_SLICE: return slice_repr(o);
    case TYPE_ID_DICT_KEYS:
    case TYPE_ID_DICT_VALUES:
    case TYPE_ID_DICT_ITEMS: return dict_view_repr(o);
    case TYPE_ID_BYTES: return bytes_repr(o);
    case TYPE_ID_BUILTIN_FUNCTION: {
        StrBuf b;
        strbuf_init(&b);
        strbuf_append_cstr(&b, "<built-in function ");
        strbuf_append_cstr(&b, ((BuiltinFuncObj *)o)->name);
        strbuf_append_char(&b, '>');
        return strbuf_finish(&b);
    }
    default: return object_at_repr(o);
    }
}

/* ---- len, truth, in -------------------------------------------------- */

int64_t container_len(Obj *o) {
    switch ((TypeId)o->type->id) {
    case TYPE_ID_TUPLE: return ((TupleObj *)o)->length;
    case TYPE_ID_LIST: return ((ListObj *)o)->length;
    case TYPE_ID_DICT: return ((DictObj *)o)->used;
    case TYPE_ID_SET:
    case TYPE_ID_FROZENSET: return ((SetObj *)o)->used;
    case TYPE_ID_RANGE: return range_length_i64(o);
    case TYPE_ID_BYTES: return ((BytesObj *)o)->length;
    case TYPE_ID_DICT_KEYS:
    case TYPE_ID_DICT_VALUES:
    case TYPE_ID_DICT_ITEMS: return ((DictObj *)((DictViewObj *)o)->dict)->used;
    default:
        err_format(&type_type_error, "object of type '%T' has no len()", o);
        return -1;
    }
}

int32_t container_truthy(Obj *o) {
    switch ((TypeId)o->type->id) {
    case TYPE_ID_TUPLE:
    case TYPE_ID_LIST:
    case TYPE_ID_DICT:
    case TYPE_ID_SET:
    case TYPE_ID_FROZENSET:
    case TYPE_ID_BYTES:
    case TYPE_ID_DICT_KEYS:
    case TYPE_ID_DICT_VALUES:
    case TYPE_ID_DICT_ITEMS: return container_len(o) != 0;
    case TYPE_ID_RANGE: return !int_is_zero(((RangeObj *)o)->length);
    default: return 1;
    }
}

/* == may run user code that resizes a list, so items and length are
 * re-read on every step. */
static int32_t linear_contains(Obj *seq, Obj *item) {
    for (int32_t i = 0;; i++) {
        Obj **items = is_list(seq) ? ((ListObj *)seq)->items : ((TupleObj *)seq)->items;
        int32_t length = is_list(seq) ? ((ListObj *)seq)->length : ((TupleObj *)seq)->length;
        if (i >= length)
            return 0;
        int32_t eq = obj_equal(items[i], item);
        if (eq != 0)
            return eq;
    }
}

int32_t container_contains(Obj *c, Obj *item) {
    int32_t status;
    switch ((TypeId)c->type->id) {
    case TYPE_ID_TUPLE:
    case TYPE_ID_LIST: return linear_contains(c, item);
    case TYPE_ID_DICT: return dict_lookup(c, item, &status) ? 1 : status;
    case TYPE_ID_DICT_KEYS: return dict_lookup(((DictViewObj *)c)->dict, item, &status) ? 1 : status;
    case TYPE_ID_SET:
    case TYPE_ID_FROZENSET: return set_contains_key(c, item);
    case TYPE_ID_RANGE: return range_contains(c, item);
    case TYPE_ID_BYTES: return bytes_contains(c, item);
    case TYPE_ID_DICT_ITEMS: {
        if (!is_tuple(item) || ((TupleObj *)item)->length != 2)
            return 0;
        Obj *value = dict_lookup(((DictViewObj *)c)->dict, ((TupleObj *)item)->items[0], &status);
        return value ? obj_equal(value, ((TupleObj *)item)->items[1]) : status;
    }
    default: {
        /* values views and iterators: a linear scan of what they yield */
        Obj *it = rt_get_iter(c);
        if (!it)
            return -1;
        int32_t found = iter_contains(it, item);
        rt_decref(it);
        return found;
    }
    }
}

/* ---- comparisons and hashing ----------------------------------------- */

int32_t obj_equal(Obj *a, Obj *b) {
    if (a == b)
        return 1; /* identity implies equality in containers, as in CPython */
    /* a user __eq__ may drop the container's reference to either operand */
    rt_incref(a);
    rt_incref(b);
    Obj *r = rt_eq(a, b);
    rt_decref(a);
    rt_decref(b);
    if (!r)
        return -1;
    int32_t truth = rt_truthy(r);
    rt_decref(r);
    return truth;
}

int32_t obj_less_than(Obj *a, Obj *b) {
    rt_incref(a);
    rt_incref(b);
    Obj *r = rt_lt(a, b);
    rt_decref(a);
    rt_decref(b);
    if (!r)
        return -1;
    int32_t truth = rt_truthy(r);
    rt_decref(r);
    return truth;
}

bool container_compare_applies(Obj *a, Obj *b) {
    TypeId x = type_id_of(a), y = type_id_of(b);
    if (is_anyset(a) && is_anyset(b))
        return true;
    if ((is_set_like_view(a) || is_anyset(a)) && (is_set_like_view(b) || is_anyset(b)))
        return true; /* at least one is a keys/items view */
    return x == y && (x == TYPE_ID_TUPLE || x == TYPE_ID_LIST || x == TYPE_ID_DICT || x == TYPE_ID_RANGE ||
                      x == TYPE_ID_BYTES);
}

Obj *container_compare(CompareOp op, Obj *a, Obj *b) {
    if (is_set_like_view(a) || is_set_like_view(b))
        return dict_view_compare(op, a, b); /* dict.c */
    switch (type_id_of(a)) {
    case TYPE_ID_BYTES: return bytes_compare(op, a, b);
    case TYPE_ID_TUPLE:
    case TYPE_ID_LIST: return sequence_compare(op, a, b);
    case TYPE_ID_SET:
    case TYPE_ID_FROZENSET: return set_compare(op, a, b);
    default:
        if (op == CMP_EQ || op == CMP_NE) {
            if (type_id_of(a) == TYPE_ID_RANGE)
                return range_compare(op, a, b);
            int32_t eq = dict_equal(a, b);
            return eq < 0 ? NULL : bool_obj((eq == 1) == (op == CMP_EQ));
        }
        return rt_not_implemented(); /* dicts have no order: the caller tries the reflection, then raises */
    }
}

/* ---- operators ------------------------------------------------------- */

static bool is_sequence_count(Obj *o) { return is_int_like(o); }

Obj *container_binary(BinaryOp op, Obj *a, Obj *b, bool inplace, bool *handled) {
    *handled = true;
    TypeId x = type_id_of(a), y = type_id_of(b);
    if (op == OP_ADD && x == TYPE_ID_BYTES)
        return bytes_concat(a, b);
    if (op == OP_ADD && (x == TYPE_ID_LIST || x == TYPE_ID_TUPLE)) {
        if (x == y)
            return x == TYPE_ID_LIST ? list_concat(a, b) : tuple_concat(a, b);
        err_format(&type_type_error, "can only concatenate %s (not \"%T\") to %s",
                   x == TYPE_ID_LIST ? "list" : "tuple", b, x == TYPE_ID_LIST ? "list" : "tuple");
        return NULL;
    }
    bool seq_left = x == TYPE_ID_LIST || x == TYPE_ID_TUPLE || x == TYPE_ID_BYTES;
    bool seq_right = (y == TYPE_ID_LIST || y == TYPE_ID_TUPLE || y == TYPE_ID_BYTES) &&
                     !(inplace && (has_sequence_slots(a) || x == TYPE_ID_BYTES));
    if (op == OP_MUL && (seq_left || seq_right)) {
        Obj *seq = seq_left ? a : b, *count = seq_left ? b : a;
        if (!is_sequence_count(count) && !has_index(count)) {
            err_format(&type_type_error, "can't multiply sequence by non-int of type '%T'", count);
            return NULL;
        }
        Obj *index = number_index(count);
        if (!index)
            return NULL;
        int64_t n = int_to_i64(index);
        rt_decref(index);
        if (is_bytes(seq))
            return bytes_repeat(seq, n);
        return is_list(seq) ? list_repeat(seq, n) : tuple_repeat(seq, n);
    }
    bool set_op = op == OP_BITOR || op == OP_BITAND || op == OP_SUB || op == OP_BITXOR;
    if (set_op && is_anyset(a) && is_anyset(b))
        return set_binary(op, a, b);
    /* keys/items views take any iterable on either side (a set, which never
     * handles a view itself, defers to the view's reflected operator) */
    if (set_op && (is_set_like_view(a) || is_set_like_view(b)))
        return dict_view_binary(op, a, b); /* dict.c */
    if (op == OP_BITOR && x == TYPE_ID_DICT && y == TYPE_ID_DICT) {
        Obj *r = dict_copy(a);
        if (r && dict_update(r, b) < 0) {
            rt_decref(r);
            return NULL;
        }
        return r;
    }
    *handled = false;
    return NULL;
}

Obj *rt_inplace_add(Obj *a, Obj *b) {
    if (is_user_instance(a))
        return inplace_op(OP_ADD, a, b);
    if (is_list(a))
        return list_extend(a, b) < 0 ? NULL : new_ref(a);
    return binary_op(OP_ADD, a, b, true);
}

Obj *rt_inplace_mul(Obj *a, Obj *b) {
    if (is_user_instance(a))
        return inplace_op(OP_MUL, a, b);
    if (is_list(a) && is_user_instance(b) && special_lookup(b, "__index__")) {
        Obj *n = number_index(b);
        Obj *r = n ? rt_inplace_mul(a, n) : NULL;
        rt_decref(n);
        return r;
    }
    if (is_list(a) && is_int_like(b))
        return list_inplace_repeat(a, int_to_i64(b)) < 0 ? NULL : new_ref(a);
    return binary_op(OP_MUL, a, b, true);
}

/* set op= set mutates; frozenset op= set rebinds to a new frozenset. */
static Obj *inplace_set_op(BinaryOp op, Obj *a, Obj *b) {
    if (is_user_instance(a))
        return inplace_op(op, a, b);
    if (type_id_of(a) == TYPE_ID_SET && is_anyset(b))
        return set_inplace(op, a, b) < 0 ? NULL : new_ref(a);
    return binary_op(op, a, b, true);
}

Obj *rt_inplace_or(Obj *a, Obj *b) {
    if (is_dict(a) && !is_user_instance(a))
        return dict_update(a, b) < 0 ? NULL : new_ref(a);
    return inplace_set_op(OP_BITOR, a, b);
}

Obj *rt_inplace_and(Obj *a, Obj *b) { return inplace_set_op(OP_BITAND, a, b); }
Obj *rt_inplace_sub(Obj *a, Obj *b) { return inplace_set_op(OP_SUB, a, b); }
Obj *rt_inplace_xor(Obj *a, Obj *b) { return inplace_set_op(OP_BITXOR, a, b); }

/* ---- subscripts ------------------------------------------------------ */

static Obj *str_getitem(Obj *o, Obj *key) {
    const StrObj *s = (const StrObj *)o;
    if (is_int_like(key)) {
        int64_t i;
        if (!sequence_item_index(key, s->length, "string index out of range", &i))
            return NULL;
        uint32_t cp = str_char_at(s, (int32_t)i);
        Obj *r = str_new_uninit(1, cp < 0x100 ? 1 : cp < 0x10000 ? 2 : 4);
        if (r)
            str_set_char((StrObj *)r, 0, cp);
        return r;
    }
    if (type_id_of(key) == TYPE_ID_SLICE) {
        SliceIndices sl;
        if (slice_indices(key, s->length, &sl) < 0)
            return NULL;
        if (sl.step == 1 && sl.length == s->length)
            return str_exact(o);
        uint32_t max_cp = 0;
        for (int64_t k = 0; k < sl.length; k++) {
            uint32_t cp = str_char_at(s, (int32_t)(sl.start + k * sl.step));
            if (cp > max_cp)
                max_cp = cp;
        }
        /* the smallest kind that fits keeps equal strings byte-identical */
        Obj *r = str_new_uninit((int32_t)sl.length, max_cp < 0x100 ? 1 : max_cp < 0x10000 ? 2 : 4);
        if (!r)
            return NULL;
        for (int64_t k = 0; k < sl.length; k++)
            str_set_char((StrObj *)r, (int32_t)k, str_char_at(s, (int32_t)(sl.start + k * sl.step)));
        return r;
    }
    err_format(&type_type_error, "string indices must be integers, not '%T'", key);
    return NULL;
}

/* A user instance as a sequence subscript becomes its __index__ (the
 * sequences' own code only knows ints and slices). NULL with nothing
 * pending when key is not such an instance. */
static Obj *indexed_key(Obj *key, bool *converted) {
    *converted = is_user_instance(key) && special_lookup(key, "__index__");
    return *converted ? number_index(key) : NULL;
}

/* The builtin sequences whose subscripts take __index__ objects. */
static bool is_index_sequence(Obj *o) {
    TypeId id = type_id_of(o);
    return id == TYPE_ID_STR || id == TYPE_ID_LIST || id == TYPE_ID_TUPLE || id == TYPE_ID_RANGE ||
           id == TYPE_ID_BYTES;
}

static Obj *user_getitem(Obj *o, Obj *key) {
    bool found;
    Obj *r = special_call_by_name(o, "__getitem__", 1, &key, &found);
    if (found)
        return r;
    if (type_id_of(o) == TYPE_ID_OBJECT || is_exception(o)) {
        err_format(&type_type_error, "'%T' object is not subscriptable", o);
        return NULL;
    }
    return NULL;
}

/* __setitem__ (v non-NULL) or __delitem__ (v NULL): a class defining only
 * the other one fails the lookup as CPython's shared slot does, unless its
 * dict or list layout supplies the missing one (the builtin then answers). */
static int32_t user_assign_item(Obj *o, Obj *key, Obj *v, bool *handled) {
    const char *name = v ? "__setitem__" : "__delitem__";
    Obj *method = special_lookup(o, name);
    *handled = method || special_lookup(o, v ? "__delitem__" : "__setitem__");
    if (!method && (type_id_of(o) == TYPE_ID_DICT || type_id_of(o) == TYPE_ID_LIST))
        *handled = false;
    if (!*handled)
        return 0;
    if (!method) {
        err_format(&type_attribute_error, "%s", name);
        return -1;
    }
    Obj *args[2] = {key, v};
    Obj *r = special_call(o, method, v ? 2 : 1, args);
    if (!r)
        return -1;
    rt_decref(r);
    return 0;
}

Obj *rt_getitem(Obj *o, Obj *key) {
    if (is_user_instance(o)) {
        Obj *r = user_getitem(o, key);
        if (r || rt_err_occurred())
            return r;
    } else if (is_user_instance(key) && is_index_sequence(o)) {
        bool converted;
        Obj *index = indexed_key(key, &converted);
        if (converted) {
            Obj *r = index ? builtin_getitem(o, index) : NULL;
            rt_decref(index);
            return r;
        }
    }
    /* a class (also one whose metaclass has no __getitem__): __class_getitem__ */
    if (type_id_of(o) == TYPE_ID_TYPE && type_is_user_class((const Type *)o)) {
        bool found;
        Obj *r = class_getitem(o, key, &found);
        if (found)
            return r;
        err_format(&type_type_error, "type '%s' is not subscriptable", ((const Type *)o)->name);
        return NULL;
    }
    return builtin_getitem(o, key);
}

Obj *builtin_getitem(Obj *o, Obj *key) {
    switch (type_id_of(o)) {
    case TYPE_ID_STR: return str_getitem(o, key);
    case TYPE_ID_LIST: return list_getitem(o, key);
    case TYPE_ID_TUPLE: return tuple_getitem(o, key);
    case TYPE_ID_DICT: return dict_getitem(o, key);
    case TYPE_ID_RANGE: return range_getitem(o, key);
    case TYPE_ID_BYTES: return bytes_getitem(o, key);
    default:
        err_format(&type_type_error, "'%T' object is not subscriptable", o);
        return NULL;
    }
}

int32_t rt_setitem(Obj *o, Obj *key, Obj *v) {
    if (is_user_instance(o)) {
        bool handled;
        int32_t status = user_assign_item(o, key, v, &handled);
        if (handled)
            return status;
    } else if (is_user_instance(key) && is_list(o)) {
        bool converted;
        Obj *index = indexed_key(key, &converted);
        if (converted) {
            int32_t status = index ? list_setitem(o, index, v) : -1;
            rt_decref(index);
            return status;
        }
    }
    return builtin_setitem(o, key, v);
}

int32_t builtin_setitem(Obj *o, Obj *key, Obj *v) {
    switch (type_id_of(o)) {
    case TYPE_ID_LIST: return list_setitem(o, key, v);
    case TYPE_ID_DICT: return dict_set(o, key, v);
    default:
        err_format(&type_type_error, "'%T' object does not support item assignment", o);
        return -1;
    }
}

int32_t rt_delitem(Obj *o, Obj *key) {
    if (is_user_instance(o)) {
        bool handled;
        int32_t status = user_assign_item(o, key, NULL, &handled);
        if (handled)
            return status;
        if (type_id_of(o) == TYPE_ID_OBJECT || is_exception(o)) {
            /* a class always has CPython's sequence slots, so an index key
             * gets the sequence wording */
            err_format(&type_type_error, "'%T' object %s support item deletion", o,
                       has_index(key) ? "doesn't" : "does not");
            return -1;
        }
    } else if (is_user_instance(key) && is_list(o)) {
        bool converted;
        Obj *index = indexed_key(key, &converted);
        if (converted) {
            int32_t status = index ? list_delitem(o, index) : -1;
            rt_decref(index);
            return status;
        }
    }
    return builtin_delitem(o, key);
}

int32_t builtin_delitem(Obj *o, Obj *key) {
    switch (type_id_of(o)) {
    case TYPE_ID_LIST: return list_delitem(o, key);
    case TYPE_ID_DICT: {
        int32_t found = dict_delete(o, key);
        if (found == 0)
            raise_key_error(key);
        return found == 1 ? 0 : -1;
    }
    default:
        /* CPython words it by whether the type has sequence slots and the key
         * is an index: del (1,)[0] "doesn't", del (1,)['a'] "does not". */
        if (is_int_like(key) && has_sequence_slots(o))
            err_format(&type_type_error, "'%T' object doesn't support item deletion", o);
        else
            err_format(&type_type_error, "'%T' object does not support item deletion", o);
        return -1;
    }
}

bool index_fits(Obj *key, int64_t *out) {
    if (int_to_i64_checked(key, out))
        return true;
    err_format(&type_index_error, "cannot fit 'int' into an index-sized integer");
    return false;
}

bool sequence_item_index(Obj *key, int64_t length, const char *message, int64_t *out) {
    int64_t i;
    if (!index_fits(key, &i))
        return false;
    if (i < 0)
        i += length;
    if (i < 0 || i >= length) {
        err_format(&type_index_error, "%s", message);
        return false;
    }
    *out = i;
    return true;
}


/* Whether iterator it yields an item equal to item: 1/0, -1 on error. */
int32_t iter_contains(Obj *it, Obj *item) {
    int32_t found = 0;
    for (;;) {
        Obj *x = rt_iter_next(it);
        if (!x)
            break;
        found = obj_equal(x, item);
        rt_decref(x);
        if (found != 0)
            break;
    }
    return found == 0 && rt_err_occurred() ? -1 : found;
}
