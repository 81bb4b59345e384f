/*
 * hash.c — hash() for every hashable value, matching CPython 3.11 run with
 * PYTHONHASHSEED=0, so dict/set iteration order agrees with the oracle.
 *
 * Invariants:
 *  - A hash is never -1 (that is the error return); -1 becomes -2.
 *  - Numbers hash to their exact value modulo P = 2^61 - 1 with the sign
 *    kept, so equal ints, bools and floats hash alike (hash(1.0) == 1).
 *  - str hashes SipHash-1-3 with an all-zero key (what PYTHONHASHSEED=0
 *    gives) over the PEP 393 buffer, i.e. 1, 2 or 4 little-endian bytes per
 *    code point, and caches the result in the str's `hash` field.
 *  - Deliberate approximations, because CPython derives these from object
 *    addresses that differ between runs anyway: nan hashes to 0; None to
 *    0xFCA86420 (the constant CPython 3.12 adopted); functions, types,
 *    exceptions and iterators to their address rotated right by 4 bits.
 */
#include "taipan_internal.h"
#include <math.h>

#define HASH_MODULUS (((uint64_t)1 << 61) - 1)
#define HASH_INF 314159
#define HASH_NONE 0xFCA86420

static int64_t fix_minus_one(int64_t h) { return h == -1 ? -2 : h; }

int64_t float_hash(double v) {
    if (isnan(v))
        return 0;
    if (isinf(v))
        return v > 0 ? HASH_INF : -HASH_INF;
    if (v == 0.0)
        return 0;
    int exponent;
    double fraction = frexp(fabs(v), &exponent);
    /* |v| = mantissa * 2^(exponent-53) exactly, and 2^61 == 1 (mod P), so
     * multiplying by 2^k mod P is a rotation of the 61-bit residue by
     * k mod 61 (negative powers included: 2^-1 == 2^60). */
    uint64_t h = (uint64_t)ldexp(fraction, 53); /* < 2^53 < P, already reduced */
    int rotate = (exponent - 53) % 61;
    if (rotate < 0)
        rotate += 61;
    h = ((h << rotate) & HASH_MODULUS) | (h >> (61 - rotate));
    int64_t r = v < 0 ? -(int64_t)h : (int64_t)h;
    return fix_minus_one(r);
}

/* ---- SipHash-1-3 (one compression round, three finalisation rounds) ---- */

static inline uint64_t rotl64(uint64_t x, int b) { return (x << b) | (x >> (64 - b)); }

#define SIPROUND(v0, v1, v2, v3) \
    do { \
        v0 += v1; v1 = rotl64(v1, 13); v1 ^= v0; v0 = rotl64(v0, 32); \
        v2 += v3; v3 = rotl64(v3, 16); v3 ^= v2; \
        v0 += v3; v3 = rotl64(v3, 21); v3 ^= v0; \
        v2 += v1; v1 = rotl64(v1, 17); v1 ^= v2; v2 = rotl64(v2, 32); \
    } while (0)

uint64_t siphash13_zero_key(const uint8_t *bytes, uint32_t len) {
    /* the key (k0, k1) is (0, 0), so the initial state is the constants */
    uint64_t v0 = 0x736f6d6570736575ULL, v1 = 0x646f72616e646f6dULL;
    uint64_t v2 = 0x6c7967656e657261ULL, v3 = 0x7465646279746573ULL;
    uint32_t whole = len & ~7u;
    for (uint32_t i = 0; i < whole; i += 8) {
        uint64_t m = 0;
        for (int k = 7; k >= 0; k--)
            m = (m << 8) | bytes[i + (uint32_t)k]; /* little-endian word */
        v3 ^= m;
        SIPROUND(v0, v1, v2, v3);
        v0 ^= m;
    }
    uint64_t last = (uint64_t)len << 56;
    for (uint32_t k = 0; k < (len & 7u); k++)
        last |= (uint64_t)bytes[whole + k] << (8 * k);
    v3 ^= last;
    SIPROUND(v0, v1, v2, v3);
    v0 ^= last;
    v2 ^= 0xff;
    SIPROUND(v0, v1, v2, v3);
    SIPROUND(v0, v1, v2, v3);
    SIPROUND(v0, v1, v2, v3);
    return v0 ^ v1 ^ v2 ^ v3;
}

int64_t str_hash(Obj *o) {
    StrObj *s = (StrObj *)o;
    if (s->hash != -1)
        return s->hash;
    int64_t h = 0;
    if (s->length > 0) {
        /* The buffer is stored in the host's byte order; wasm32 and every
         * native test host are little-endian, like CPython's x86-64 oracle. */
        h = fix_minus_one((int64_t)siphash13_zero_key(s->data, (uint32_t)s->length * (uint32_t)s->kind));
    }
    s->hash = h;
    return h;
}

static int64_t unhashable(Obj *o) {
    err_format(&type_type_error, "unhashable type: '%T'", o);
    return -1;
}

/* type(o).__hash__(o) of a user class: None means unhashable; the result
 * must be an int, used as is when it fits (CPython's Py_ssize_t) and
 * reduced like an int's hash otherwise. *found false: no user __hash__. */
static int64_t user_hash(Obj *o, bool *found) {
    Obj *method = special_lookup(o, "__hash__");
    *found = method != NULL;
    if (!method)
        return 0;
    if (method == &none_object)
        return unhashable(o);
    Obj *r = special_call(o, method, 0, NULL);
    if (!r)
        return -1;
    int64_t h = -1;
    if (!is_int_like(r))
        err_format(&type_type_error, "__hash__ method should return an integer");
    else if (!int_to_i64_checked(r, &h))
        h = int_hash(r);
    else
        h = fix_minus_one(h);
    rt_decref(r);
    return h;
}

int64_t hash_of(Obj *o) {
    if (is_user_instance(o)) {
        bool found;
        int64_t h = user_hash(o, &found);
        if (found)
            return h;
    }
    switch (type_id_of(o)) {
    case TYPE_ID_INT:
    case TYPE_ID_BOOL: return int_hash(o);
    case TYPE_ID_FLOAT: return float_hash(float_value(o));
    case TYPE_ID_STR: return str_hash(o);
    case TYPE_ID_BYTES: return bytes_hash(o);
    case TYPE_ID_NONE: return HASH_NONE;
    case TYPE_ID_TUPLE: return tuple_hash(o);
    case TYPE_ID_FROZENSET: return frozenset_hash(o);
    case TYPE_ID_LIST:
    case TYPE_ID_DICT:
    case TYPE_ID_SET:
    case TYPE_ID_SLICE:
    case TYPE_ID_DICT_KEYS:
    case TYPE_ID_DICT_ITEMS: return unhashable(o);
    case TYPE_ID_METHOD: return method_hash(o); /* class.c */
    case TYPE_ID_BUILTIN_METHOD: return builtin_method_hash(o); /* methods.c */
    default: return object_identity_hash(o);
    }
}

Obj *rt_builtin_hash(Obj *o) {
    int64_t h = hash_of(o);
    return h == -1 ? NULL : int_from_i64(h);
}
