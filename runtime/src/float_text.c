/*
 * float_text.c — exact conversions between doubles and decimal digits,
 * so the runtime needs neither libc's printf nor strtod (and none of the
 * stdio machinery and indirect calls they drag in).
 *
 * Both directions rest on one exact primitive: comparing D * 10^k with
 * M * 2^j using big integers. A decimal string reads back as a double v iff
 * it lies inside v's rounding interval (the midpoints to its neighbours,
 * ends included when v's mantissa is even, as round-half-even dictates).
 *
 * Invariants:
 *  - float_shortest_digits returns the fewest digits that read back to v
 *    and, among those, the ones closest to v (CPython's repr contract).
 *  - float_from_decimal is correctly rounded (half to even) for any length
 *    of input; digits beyond MAX_DIGITS only matter through a sticky digit.
 */
#include "taipan_internal.h"
#include <math.h>
#include <string.h>

#define BIG_LIMBS 240      /* 7680 bits: enough for 800 digits scaled by 2^/5^ 1100 */
#define MAX_DIGITS 800     /* > 767, the most digits a double's midpoint needs */

typedef struct Big {
    int32_t n; /* limbs in use; zero has n == 0 */
    uint32_t limb[BIG_LIMBS];
} Big;

static void big_set_u64(Big *b, uint64_t v) {
    b->n = 0;
    while (v) {
        b->limb[b->n++] = (uint32_t)v;
        v >>= 32;
    }
}

/* b = b * factor + addend; a zero b grows a limb only if needed. */
static void big_mul_add_small(Big *b, uint32_t factor, uint32_t addend) {
    uint64_t carry = addend;
    for (int32_t i = 0; i < b->n; i++) {
        uint64_t t = (uint64_t)b->limb[i] * factor + carry;
        b->limb[i] = (uint32_t)t;
        carry = t >> 32;
    }
    if (carry && b->n < BIG_LIMBS)
        b->limb[b->n++] = (uint32_t)carry;
}

static void big_mul_pow5(Big *b, int32_t power) {
    static const uint32_t five_13 = 1220703125u; /* largest power of 5 below 2^32 */
    for (; power >= 13; power -= 13)
        big_mul_add_small(b, five_13, 0);
    uint32_t rest = 1;
    while (power-- > 0)
        rest *= 5;
    big_mul_add_small(b, rest, 0);
}

static void big_shift_left(Big *b, int32_t bits) {
    if (b->n == 0 || bits == 0)
        return;
    int32_t words = bits / 32, shift = bits % 32;
    int32_t n = b->n + words + 1;
    if (n > BIG_LIMBS)
        n = BIG_LIMBS; /* cannot happen within the documented bounds */
    for (int32_t i = n - 1; i >= 0; i--) {
        int32_t src = i - words;
        uint32_t hi = src >= 0 && src < b->n ? b->limb[src] : 0;
        uint32_t lo = src - 1 >= 0 && src - 1 < b->n ? b->limb[src - 1] : 0;
        b->limb[i] = shift ? (hi << shift) | (lo >> (32 - shift)) : hi;
    }
    b->n = n;
    while (b->n > 0 && b->limb[b->n - 1] == 0)
        b->n--;
}

static int big_compare(const Big *a, const Big *b) {
    if (a->n != b->n)
        return a->n < b->n ? -1 : 1;
    for (int32_t i = a->n - 1; i >= 0; i--)
        if (a->limb[i] != b->limb[i])
            return a->limb[i] < b->limb[i] ? -1 : 1;
    return 0;
}

static uint32_t big_divmod_small(Big *b, uint32_t divisor) {
    uint64_t rem = 0;
    for (int32_t i = b->n - 1; i >= 0; i--) {
        uint64_t cur = (rem << 32) | b->limb[i];
        b->limb[i] = (uint32_t)(cur / divisor);
        rem = cur % divisor;
    }
    while (b->n > 0 && b->limb[b->n - 1] == 0)
        b->n--;
    return (uint32_t)rem;
}

/* Sign of D*10^k - M*2^j, all quantities exact. D is consumed. */
static int compare_scaled(Big *d, int32_t k, uint64_t m, int32_t j) {
    Big r;
    big_set_u64(&r, m);
    int32_t k_pos = k > 0 ? k : 0, k_neg = k < 0 ? -k : 0;
    /* Multiply both sides by 10^k_neg so only non-negative powers remain. */
    big_mul_pow5(d, k_pos);
    big_mul_pow5(&r, k_neg);
    int32_t twos_d = k_pos, twos_r = j + k_neg;
    int32_t common = twos_d < twos_r ? twos_d : twos_r;
    big_shift_left(d, twos_d - common);
    big_shift_left(&r, twos_r - common);
    return big_compare(d, &r);
}

static void decompose(double v, uint64_t *mantissa, int32_t *exponent) {
    uint64_t bits;
    memcpy(&bits, &v, sizeof bits);
    uint32_t biased = (uint32_t)(bits >> 52) & 0x7FF;
    uint64_t fraction = bits & ((UINT64_C(1) << 52) - 1);
    if (biased == 0) {
        *mantissa = fraction;
        *exponent = -1074;
    } else {
        *mantissa = fraction | (UINT64_C(1) << 52);
        *exponent = (int32_t)biased - 1075;
    }
}

/* Where D*10^k falls relative to the rounding interval of positive finite
 * (or zero) v: -1 below it, 0 inside (reads back as v), 1 above it. */
static int interval_position(const Big *digits, int32_t k, double v) {
    uint64_t m;
    int32_t e;
    decompose(v, &m, &e);
    bool even = (m & 1) == 0;
    Big scratch = *digits;
    int above_high = compare_scaled(&scratch, k, 2 * m + 1, e - 1);
    if (above_high > 0 || (above_high == 0 && !even))
        return 1;
    if (m == 0)
        return 0;
    scratch = *digits;
    bool narrow_below = m == (UINT64_C(1) << 52) && e > -1074;
    int below_low = narrow_below ? compare_scaled(&scratch, k, 4 * m - 1, e - 2)
                                 : compare_scaled(&scratch, k, 2 * m - 1, e - 1);
    if (below_low < 0 || (below_low == 0 && !even))
        return -1;
    return 0;
}

static void big_from_digits(Big *b, const char *digits, int32_t n) {
    b->n = 0;
    for (int32_t i = 0; i < n; i++)
        big_mul_add_small(b, 10, (uint32_t)(digits[i] - '0'));
}

/* Exact decimal expansion of v (> 0): digits of N with value N * 10^scale. */
static int32_t exact_digits(double v, char *out, int32_t *scale) {
    uint64_t m;
    int32_t e;
    decompose(v, &m, &e);
    Big n;
    big_set_u64(&n, m);
    if (e >= 0) {
        big_shift_left(&n, e);
        *scale = 0;
    } else {
        big_mul_pow5(&n, -e); /* m * 2^e == m * 5^-e / 10^-e */
        *scale = e;
    }
    char reversed[MAX_DIGITS + 16];
    int32_t count = 0;
    while (n.n > 0) {
        uint32_t chunk = big_divmod_small(&n, 1000000000u);
        for (int i = 0; i < 9; i++) {
            reversed[count++] = (char)('0' + chunk % 10);
            chunk /= 10;
        }
    }
    while (count > 1 && reversed[count - 1] == '0')
        count--;
    for (int32_t i = 0; i < count; i++)
        out[i] = reversed[count - 1 - i];
    return count;
}

int32_t float_exact_digits(double v, char *out, int32_t *decimal_exponent) {
    int32_t scale;
    int32_t count = exact_digits(v, out, &scale);
    *decimal_exponent = count - 1 + scale;
    return count;
}

/* Adds one unit in the last place of digits[0..n); returns true when the
 * carry ran off the front (digits became 10^n, now stored as "1"). */
static bool increment_digits(char *digits, int32_t n) {
    for (int32_t i = n - 1; i >= 0; i--) {
        if (digits[i] != '9') {
            digits[i]++;
            return false;
        }
        digits[i] = '0';
    }
    digits[0] = '1';
    return true;
}

int32_t float_shortest_digits(double v, char out[20], int32_t *decimal_exponent) {
    char exact[MAX_DIGITS + 16];
    int32_t scale;
    int32_t total = exact_digits(v, exact, &scale);
    /* Value is exact[0..total) * 10^scale; the first digit sits at 10^top. */
    int32_t top = total - 1 + scale;
    for (int32_t p = 1; p <= 17; p++) {
        if (p >= total) {
            memcpy(out, exact, (size_t)total);
            *decimal_exponent = top;
            return total;
        }
        /* Round the exact digits to p places, half to even. */
        char down[20], up[20];
        memcpy(down, exact, (size_t)p);
        memcpy(up, exact, (size_t)p);
        bool up_carried = increment_digits(up, p);
        int cmp_half = exact[p] > '5' ? 1 : exact[p] < '5' ? -1 : 0;
        if (cmp_half == 0)
            for (int32_t i = p + 1; i < total; i++)
                if (exact[i] != '0') {
                    cmp_half = 1;
                    break;
                }
        bool round_up = cmp_half > 0 || (cmp_half == 0 && ((exact[p - 1] - '0') & 1));
        for (int attempt = 0; attempt < 2; attempt++) {
            bool use_up = attempt == 0 ? round_up : !round_up;
            const char *cand = use_up ? up : down;
            int32_t cand_top = use_up && up_carried ? top + 1 : top;
            Big big;
            big_from_digits(&big, cand, p);
            if (interval_position(&big, cand_top - (p - 1), v) == 0) {
                int32_t n = p;
                while (n > 1 && cand[n - 1] == '0')
                    n--;
                memcpy(out, cand, (size_t)n);
                *decimal_exponent = cand_top;
                return n;
            }
        }
    }
    /* 17 digits always round-trip; reaching here means a logic error. */
    memcpy(out, exact, 17);
    *decimal_exponent = top;
    return 17;
}

/* A first estimate within a few ulps; refined exactly by the caller. The
 * 2^±600 pre-scaling keeps intermediates clear of overflow/underflow. */
static double estimate(const char *digits, int32_t n, int32_t k) {
    uint64_t lead = 0;
    int32_t used = n < 19 ? n : 19;
    for (int32_t i = 0; i < used; i++)
        lead = lead * 10 + (uint64_t)(digits[i] - '0');
    int32_t exp10 = k + (n - used);
    double g = (double)lead;
    int32_t bias = exp10 < 0 ? 600 : -600;
    g = ldexp(g, bias);
    for (; exp10 >= 22; exp10 -= 22)
        g *= 1e22;
    for (; exp10 <= -22; exp10 += 22)
        g /= 1e22;
    static const double small_powers[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10,
                                          1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
                                          1e20, 1e21};
    g = exp10 >= 0 ? g * small_powers[exp10] : g / small_powers[-exp10];
    return ldexp(g, -bias);
}

double float_from_decimal(const char *digits, int32_t n, int32_t k) {
    /* Strip leading/trailing zeros: value = digits * 10^k. */
    while (n > 0 && digits[0] == '0') {
        digits++;
        n--;
    }
    while (n > 0 && digits[n - 1] == '0') {
        n--;
        k++;
    }
    if (n == 0)
        return 0.0;
    int32_t top = n - 1 + k; /* decimal exponent of the first digit */
    if (top > 309)
        return INFINITY;
    if (top < -325)
        return 0.0;
    /* Beyond MAX_DIGITS only "is anything nonzero left" matters; a trailing
     * 1 stands in for that tail (it was nonzero: zeros were stripped). */
    char kept[MAX_DIGITS + 1];
    if (n > MAX_DIGITS) {
        memcpy(kept, digits, MAX_DIGITS);
        kept[MAX_DIGITS] = '1';
        k += n - (MAX_DIGITS + 1);
        n = MAX_DIGITS + 1;
        digits = kept;
    }
    Big value;
    big_from_digits(&value, digits, n);
    double g = estimate(digits, n, k);
    if (isinf(g))
        g = 1.7976931348623157e308;
    for (;;) {
        int where = interval_position(&value, k, g);
        if (where == 0)
            return g;
        g = nextafter(g, where > 0 ? INFINITY : 0.0);
        if (isinf(g))
            return g;
    }
}
