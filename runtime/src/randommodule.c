/*
 * randommodule.c — _taipan_random, the private core of runtime/lib/random.py:
 * the Mersenne Twister (MT19937) state and the operations that touch every
 * word of it. random.py keeps everything else (argument checks, randrange,
 * choice, the distributions) in Python; this module exists because words of
 * 32 bits do not fit Taipan's 31-bit small ints, so in Python each step of
 * the generator would allocate.
 *
 *   new()                  -> a fresh state buffer (unseeded: all zero)
 *   seed(state, n)         init_by_array from the non-negative int n, split
 *                          into 32-bit words least significant first (zero is
 *                          one zero word), as CPython seeds; n None: 624 words
 *                          from the host's entropy (WASI random_get)
 *   random(state)          -> float in [0, 1) from two words: (a>>5, b>>6)
 *   getrandbits(state, k)  -> int of k >= 0 bits, words least significant
 *                          first, the last one keeping its top k%32 bits
 *   getstate(state)        -> tuple of the 624 words and the index
 *   setstate(state, tuple) CPython's checks and messages for that tuple
 *
 * Invariants:
 *  - A state is a bytes object of STATE_BYTES bytes that only this module
 *    writes: the 624 words, then the index of the next word to temper
 *    (624 = twist first). random.py creates it with new() and never lets it
 *    escape, so mutating it in place is invisible to Python code; its
 *    cached hash is never computed, and reset after each write anyway.
 *  - Functions are static builtin_function_or_method objects with ids from
 *    RANDOM_FUNCTION_FIRST on (rt_call routes them here through the
 *    program's module-call hook, so programs that never import random link
 *    none of this, nor the random_get import).
 */
#include "taipan_internal.h"
#include <string.h>

#define STATIC_HEADER(type_ptr) {IMMORTAL_REFCNT, (type_ptr)}

#define MT_N 624
#define MT_M 397
#define MT_MATRIX_A 0x9908B0DFu
#define MT_UPPER 0x80000000u
#define MT_LOWER 0x7FFFFFFFu
#define STATE_BYTES ((MT_N + 1) * 4)

typedef enum RandomFunctionId {
    R_NEW = RANDOM_FUNCTION_FIRST, R_SEED, R_RANDOM, R_GETRANDBITS, R_GETSTATE, R_SETSTATE,
} RandomFunctionId;

#define RANDOM_FUNCTION(id, name) {STATIC_HEADER(&type_builtin_function), id, name}
static BuiltinFuncObj random_functions[] = {
    RANDOM_FUNCTION(R_NEW, "new"),           RANDOM_FUNCTION(R_SEED, "seed"),
    RANDOM_FUNCTION(R_RANDOM, "random"),     RANDOM_FUNCTION(R_GETRANDBITS, "getrandbits"),
    RANDOM_FUNCTION(R_GETSTATE, "getstate"), RANDOM_FUNCTION(R_SETSTATE, "setstate"),
};

static ModuleObj random_module = {.header = STATIC_HEADER(&type_module), .name = "_taipan_random"};

Obj *random_module_import(void) {
    if (random_module.dict)
        return (Obj *)&random_module;
    Obj *d = dict_new();
    if (!d)
        return NULL;
    bool ok = dict_put_steal(d, "__name__", str_from_ascii("_taipan_random"));
    for (uint32_t i = 0; ok && i < sizeof random_functions / sizeof random_functions[0]; i++)
        ok = dict_put_steal(d, random_functions[i].name, (Obj *)&random_functions[i]);
    if (!ok) {
        rt_decref(d);
        return NULL;
    }
    random_module.dict = d;
    return (Obj *)&random_module;
}

void random_module_release(void) {
    Obj *d = random_module.dict;
    random_module.dict = NULL;
    rt_decref(d);
}

/* ---- the generator ------------------------------------------------------------ */

typedef struct MtState {
    uint32_t words[MT_N];
    uint32_t index;
} MtState;

/* The state buffer behind a state argument, or NULL with a TypeError. */
static MtState *state_of(Obj *state) {
    if (!is_bytes(state) || ((BytesObj *)state)->length != STATE_BYTES) {
        err_format(&type_type_error, "expected a random state, not %T", state);
        return NULL;
    }
    ((BytesObj *)state)->hash = -1;
    return (MtState *)((BytesObj *)state)->data;
}

static void init_genrand(MtState *s, uint32_t seed) {
    uint32_t *mt = s->words;
    mt[0] = seed;
    for (uint32_t i = 1; i < MT_N; i++)
        mt[i] = 1812433253u * (mt[i - 1] ^ (mt[i - 1] >> 30)) + i;
    s->index = MT_N;
}

static void init_by_array(MtState *s, const uint32_t *key, uint32_t length) {
    uint32_t *mt = s->words;
    init_genrand(s, 19650218u);
    uint32_t i = 1, j = 0;
    for (uint32_t k = MT_N > length ? MT_N : length; k; k--) {
        mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >> 30)) * 1664525u)) + key[j] + j;
        i++;
        j++;
        if (i >= MT_N) {
            mt[0] = mt[MT_N - 1];
            i = 1;
        }
        if (j >= length)
            j = 0;
    }
    for (uint32_t k = MT_N - 1; k; k--) {
        mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >> 30)) * 1566083941u)) - i;
        i++;
        if (i >= MT_N) {
            mt[0] = mt[MT_N - 1];
            i = 1;
        }
    }
    mt[0] = 0x80000000u; /* the top bit set: the state is never all zeros */
}

static inline uint32_t twist_word(uint32_t upper, uint32_t lower, uint32_t far) {
    uint32_t y = (upper & MT_UPPER) | (lower & MT_LOWER);
    return far ^ (y >> 1) ^ ((y & 1) ? MT_MATRIX_A : 0);
}

static uint32_t genrand(MtState *s) {
    uint32_t *mt = s->words;
    if (s->index >= MT_N) { /* regenerate all N words at once */
        uint32_t k = 0;
        for (; k < MT_N - MT_M; k++)
            mt[k] = twist_word(mt[k], mt[k + 1], mt[k + MT_M]);
        for (; k < MT_N - 1; k++)
            mt[k] = twist_word(mt[k], mt[k + 1], mt[k + MT_M - MT_N]);
        mt[MT_N - 1] = twist_word(mt[MT_N - 1], mt[0], mt[MT_M - 1]);
        s->index = 0;
    }
    uint32_t y = mt[s->index++];
    y ^= y >> 11;
    y ^= (y << 7) & 0x9D2C5680u;
    y ^= (y << 15) & 0xEFC60000u;
    return y ^ (y >> 18);
}

/* ---- the functions --------------------------------------------------------------- */

static Obj *random_new(Obj *args) {
    if (!check_no_args(args, "new"))
        return NULL;
    Obj *state = bytes_new(STATE_BYTES);
    if (state)
        memset(((BytesObj *)state)->data, 0, STATE_BYTES);
    return state;
}

static Obj *random_seed_from_entropy(MtState *s) {
    uint32_t key[MT_N];
    if (!platform_random((uint8_t *)key, sizeof key)) {
        err_format(&type_os_error, "random_get failed");
        return NULL;
    }
    init_by_array(s, key, MT_N);
    return rt_none();
}

static Obj *random_seed(Obj *args) {
    if (!check_arg_range(args, "seed", 2, 2))
        return NULL;
    MtState *s = state_of(arg_at(args, 0));
    if (!s)
        return NULL;
    Obj *n = arg_at(args, 1);
    if (n == &none_object)
        return random_seed_from_entropy(s);
    if (!is_int_like(n) || int_sign(n) < 0) {
        err_format(&type_type_error, "seed must be a non-negative int, not %T", n);
        return NULL;
    }
    if (is_small_int(n)) {
        uint32_t word = (uint32_t)small_int_value(n);
        init_by_array(s, &word, 1);
    } else {
        const IntObj *big = (const IntObj *)n;
        if (big->size == 0) { /* False */
            uint32_t zero = 0;
            init_by_array(s, &zero, 1);
        } else {
            init_by_array(s, big->digits, (uint32_t)big->size);
        }
    }
    return rt_none();
}

static Obj *random_random(Obj *args) {
    if (!check_exactly_one(args, "random"))
        return NULL;
    MtState *s = state_of(arg_at(args, 0));
    if (!s)
        return NULL;
    uint32_t a = genrand(s) >> 5, b = genrand(s) >> 6;
    return float_from_double((a * 67108864.0 + b) * (1.0 / 9007199254740992.0));
}

static Obj *random_getrandbits(Obj *args) {
    if (!check_arg_range(args, "getrandbits", 2, 2))
        return NULL;
    MtState *s = state_of(arg_at(args, 0));
    if (!s)
        return NULL;
    Obj *bits = arg_at(args, 1);
    if (!is_int_like(bits)) {
        err_format(&type_type_error, "'%T' object cannot be interpreted as an integer", bits);
        return NULL;
    }
    int64_t k;
    if (!int_to_i64_checked(bits, &k) || k > INT32_MAX || k < INT32_MIN) {
        rt_err_clear();
        err_format(&type_overflow_error, "Python int too large to convert to C int");
        return NULL;
    }
    if (k < 0) {
        err_format(&type_value_error, "number of bits must be non-negative");
        return NULL;
    }
    if (k <= 32)
        return int_from_i64(k == 0 ? 0 : (int64_t)(genrand(s) >> (32 - k)));
    uint32_t count = (uint32_t)((k - 1) / 32 + 1);
    uint32_t *digits = heap_alloc(count * 4);
    if (!digits) {
        err_no_memory();
        return NULL;
    }
    for (uint32_t i = 0; i < count; i++, k -= 32) {
        uint32_t r = genrand(s);
        digits[i] = k < 32 ? r >> (32 - k) : r;
    }
    Obj *result = int_from_magnitude(digits, (int32_t)count, false);
    heap_free(digits, count * 4);
    return result;
}

static Obj *random_getstate(Obj *args) {
    if (!check_exactly_one(args, "getstate"))
        return NULL;
    MtState *s = state_of(arg_at(args, 0));
    if (!s)
        return NULL;
    Obj *t = tuple_new(MT_N + 1);
    if (!t)
        return NULL;
    TupleObj *items = (TupleObj *)t;
    for (int32_t i = 0; i < MT_N + 1; i++) {
        items->items[i] = int_from_i64(i < MT_N ? s->words[i] : s->index);
        if (!items->items[i]) {
            for (int32_t j = i; j < MT_N + 1; j++)
                items->items[j] = small_int_make(0);
            rt_decref(t);
            return NULL;
        }
    }
    return t;
}

/* CPython reads each word as a C unsigned long (64 bits) and keeps its low 32. */
static bool state_word(Obj *o, uint32_t *out) {
    if (!is_int_like(o)) {
        err_format(&type_type_error, "an integer is required");
        return false;
    }
    if (int_sign(o) < 0) {
        err_format(&type_overflow_error, "can't convert negative value to unsigned int");
        return false;
    }
    if (!is_small_int(o) && ((const IntObj *)o)->size > 2) {
        err_format(&type_overflow_error, "Python int too large to convert to C unsigned long");
        return false;
    }
    *out = is_small_int(o) ? (uint32_t)small_int_value(o) : ((const IntObj *)o)->size ? ((const IntObj *)o)->digits[0] : 0;
    return true;
}

static Obj *random_setstate(Obj *args) {
    if (!check_arg_range(args, "setstate", 2, 2))
        return NULL;
    MtState *s = state_of(arg_at(args, 0));
    if (!s)
        return NULL;
    Obj *t = arg_at(args, 1);
    if (!is_tuple(t)) {
        err_format(&type_type_error, "state vector must be a tuple");
        return NULL;
    }
    TupleObj *items = (TupleObj *)t;
    if (items->length != MT_N + 1) {
        err_format(&type_value_error, "state vector is the wrong size");
        return NULL;
    }
    uint32_t words[MT_N];
    for (int32_t i = 0; i < MT_N; i++)
        if (!state_word(items->items[i], &words[i]))
            return NULL;
    Obj *last = items->items[MT_N];
    if (!is_int_like(last)) {
        err_format(&type_type_error, "'%T' object cannot be interpreted as an integer", last);
        return NULL;
    }
    int64_t index;
    if (!int_to_i64_checked(last, &index)) {
        rt_err_clear();
        err_format(&type_overflow_error, "Python int too large to convert to C long");
        return NULL;
    }
    if (index < 0 || index > MT_N) {
        err_format(&type_value_error, "invalid state");
        return NULL;
    }
    memcpy(s->words, words, sizeof words);
    s->index = (uint32_t)index;
    return rt_none();
}

Obj *rt_module_call__taipan_random(Obj *function, Obj *args, Obj *kwargs) {
    BuiltinFuncObj *f = (BuiltinFuncObj *)function;
    if (!check_no_kwargs(kwargs, f->name))
        return NULL;
    switch ((RandomFunctionId)f->id) {
    case R_NEW: return random_new(args);
    case R_SEED: return random_seed(args);
    case R_RANDOM: return random_random(args);
    case R_GETRANDBITS: return random_getrandbits(args);
    case R_GETSTATE: return random_getstate(args);
    case R_SETSTATE: return random_setstate(args);
    }
    err_format(&type_system_error, "unknown _taipan_random function %d", f->id);
    return NULL;
}
