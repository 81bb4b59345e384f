/*
 * bigint.c — magnitude arithmetic for arbitrary-precision ints: add,
 * subtract, schoolbook and Karatsuba multiplication, Knuth's long division,
 * shifts. See bigint.h for the conventions.
 *
 * Invariants:
 *  - Digits are full 32-bit words; every digit*digit+digit+digit fits a
 *    64-bit twodigit_t exactly ((2^32-1)^2 + 2(2^32-1) = 2^64-1), so inner
 *    loops need no carry tests beyond the high word.
 *  - Scratch memory comes from heap_alloc and is always released before
 *    returning, on success and on failure.
 */
#include "taipan_internal.h"
#include "bigint.h"
#include <string.h>

digit_t *nat_scratch(int32_t n) {
    if (n <= 0)
        n = 1;
    if ((uint32_t)n > (1u << 29))
        return NULL;
    return (digit_t *)heap_alloc((uint32_t)n * (uint32_t)sizeof(digit_t));
}

void nat_scratch_free(digit_t *p, int32_t n) {
    if (n <= 0)
        n = 1;
    heap_free(p, (uint32_t)n * (uint32_t)sizeof(digit_t));
}

int32_t nat_trim(const digit_t *a, int32_t n) {
    while (n > 0 && a[n - 1] == 0)
        n--;
    return n;
}

int nat_compare(const digit_t *a, int32_t na, const digit_t *b, int32_t nb) {
    if (na != nb)
        return na < nb ? -1 : 1;
    for (int32_t i = na - 1; i >= 0; i--)
        if (a[i] != b[i])
            return a[i] < b[i] ? -1 : 1;
    return 0;
}

digit_t nat_add(digit_t *r, const digit_t *a, int32_t na, const digit_t *b, int32_t nb) {
    twodigit_t carry = 0;
    int32_t i = 0;
    for (; i < nb; i++) {
        carry += (twodigit_t)a[i] + b[i];
        r[i] = (digit_t)carry;
        carry >>= DIGIT_BITS;
    }
    for (; i < na; i++) {
        carry += a[i];
        r[i] = (digit_t)carry;
        carry >>= DIGIT_BITS;
    }
    return (digit_t)carry;
}

digit_t nat_sub(digit_t *r, const digit_t *a, int32_t na, const digit_t *b, int32_t nb) {
    digit_t borrow = 0;
    int32_t i = 0;
    for (; i < nb; i++) {
        twodigit_t diff = (twodigit_t)a[i] - b[i] - borrow;
        r[i] = (digit_t)diff;
        borrow = (digit_t)(diff >> 63); /* wrapped below zero */
    }
    for (; i < na; i++) {
        twodigit_t diff = (twodigit_t)a[i] - borrow;
        r[i] = (digit_t)diff;
        borrow = (digit_t)(diff >> 63);
    }
    return borrow;
}

digit_t nat_mul_small_add(digit_t *r, const digit_t *a, int32_t n, digit_t m, digit_t add) {
    twodigit_t carry = add;
    for (int32_t i = 0; i < n; i++) {
        carry += (twodigit_t)a[i] * m;
        r[i] = (digit_t)carry;
        carry >>= DIGIT_BITS;
    }
    return (digit_t)carry;
}

digit_t nat_div_small(digit_t *q, const digit_t *a, int32_t n, digit_t d) {
    twodigit_t rem = 0;
    for (int32_t i = n - 1; i >= 0; i--) {
        twodigit_t cur = (rem << DIGIT_BITS) | a[i];
        q[i] = (digit_t)(cur / d);
        rem = cur % d;
    }
    return (digit_t)rem;
}

digit_t nat_shift_left(digit_t *r, const digit_t *a, int32_t n, int bits) {
    if (bits == 0) {
        memmove(r, a, (size_t)n * sizeof(digit_t));
        return 0;
    }
    digit_t out = 0;
    for (int32_t i = 0; i < n; i++) {
        digit_t d = a[i];
        r[i] = (d << bits) | out;
        out = d >> (DIGIT_BITS - bits);
    }
    return out;
}

digit_t nat_shift_right(digit_t *r, const digit_t *a, int32_t n, int bits) {
    if (bits == 0) {
        memmove(r, a, (size_t)n * sizeof(digit_t));
        return 0;
    }
    digit_t in = 0;
    for (int32_t i = n - 1; i >= 0; i--) {
        digit_t d = a[i];
        r[i] = (d >> bits) | in;
        in = d << (DIGIT_BITS - bits);
    }
    return in >> (DIGIT_BITS - bits);
}

int64_t nat_bit_length(const digit_t *a, int32_t n) {
    if (n == 0)
        return 0;
    return (int64_t)(n - 1) * DIGIT_BITS + (DIGIT_BITS - __builtin_clz(a[n - 1]));
}

/* r[0..na+nb) = a * b, the O(na*nb) way. */
static void mul_schoolbook(digit_t *r, const digit_t *a, int32_t na, const digit_t *b, int32_t nb) {
    memset(r, 0, (size_t)(na + nb) * sizeof(digit_t));
    for (int32_t i = 0; i < nb; i++) {
        digit_t m = b[i];
        if (m == 0)
            continue;
        twodigit_t carry = 0;
        digit_t *row = r + i;
        for (int32_t j = 0; j < na; j++) {
            carry += (twodigit_t)a[j] * m + row[j];
            row[j] = (digit_t)carry;
            carry >>= DIGIT_BITS;
        }
        row[na] = (digit_t)carry;
    }
}

/* r[0..n) += t[0..nt) where the true sum is known to fit in n digits. */
static void add_into(digit_t *r, int32_t n, const digit_t *t, int32_t nt) {
    digit_t carry = nat_add(r, r, nt, t, nt);
    for (int32_t i = nt; carry && i < n; i++) {
        r[i] += 1;
        carry = r[i] == 0;
    }
}

static bool mul_karatsuba(digit_t *r, const digit_t *a, int32_t na, const digit_t *b, int32_t nb);

/* a is much longer than b: multiply b by na/nb slices of a so every
 * Karatsuba call sees balanced operands. */
static bool mul_unbalanced(digit_t *r, const digit_t *a, int32_t na, const digit_t *b, int32_t nb) {
    digit_t *part = nat_scratch(2 * nb);
    if (!part)
        return false;
    memset(r, 0, (size_t)(na + nb) * sizeof(digit_t));
    bool ok = true;
    for (int32_t offset = 0; offset < na && ok; offset += nb) {
        int32_t slice = na - offset < nb ? na - offset : nb;
        ok = slice >= nb ? mul_karatsuba(part, b, nb, a + offset, slice)
                         : mul_karatsuba(part, a + offset, slice, b, nb);
        if (ok)
            add_into(r + offset, na + nb - offset, part, slice + nb);
    }
    nat_scratch_free(part, 2 * nb);
    return ok;
}

/* na >= nb. Splits at h: a = a1*B^h + a0, b = b1*B^h + b0, and uses
 * a*b = z2*B^2h + (z1 - z2 - z0)*B^h + z0 with z1 = (a0+a1)(b0+b1). */
static bool mul_karatsuba(digit_t *r, const digit_t *a, int32_t na, const digit_t *b, int32_t nb) {
    if (nb < KARATSUBA_CUTOFF) {
        mul_schoolbook(r, a, na, b, nb);
        return true;
    }
    if (na >= 2 * nb)
        return mul_unbalanced(r, a, na, b, nb);
    int32_t h = na / 2;
    if (nb <= h) /* cannot happen since na < 2*nb, kept for safety */
        return mul_unbalanced(r, a, na, b, nb);
    const digit_t *a0 = a, *a1 = a + h, *b0 = b, *b1 = b + h;
    int32_t na1 = na - h, nb1 = nb - h;
    /* scratch: sum_a (na1+1), sum_b (na1+1), middle (2*na1+2) */
    int32_t sum_len = na1 + 1;
    int32_t scratch_len = 4 * sum_len;
    digit_t *scratch = nat_scratch(scratch_len);
    if (!scratch)
        return false;
    digit_t *sum_a = scratch, *sum_b = scratch + sum_len, *middle = scratch + 2 * sum_len;

    /* z0 into r[0..2h), z2 into r[2h..na+nb) */
    bool ok = mul_karatsuba(r, a0, h, b0, h);
    if (ok)
        ok = na1 >= nb1 ? mul_karatsuba(r + 2 * h, a1, na1, b1, nb1)
                        : mul_karatsuba(r + 2 * h, b1, nb1, a1, na1);
    if (ok) {
        sum_a[na1] = nat_add(sum_a, a1, na1, a0, h);
        /* b1 may be one digit longer than b0 when na == nb is odd */
        memset(sum_b, 0, (size_t)sum_len * sizeof(digit_t));
        if (nb1 > h)
            sum_b[nb1] = nat_add(sum_b, b1, nb1, b0, h);
        else
            sum_b[h] = nat_add(sum_b, b0, h, b1, nb1);
        int32_t la = nat_trim(sum_a, sum_len), lb = nat_trim(sum_b, sum_len);
        memset(middle, 0, (size_t)(2 * sum_len) * sizeof(digit_t));
        if (la && lb)
            ok = la >= lb ? mul_karatsuba(middle, sum_a, la, sum_b, lb)
                          : mul_karatsuba(middle, sum_b, lb, sum_a, la);
    }
    if (ok) {
        int32_t lm = 2 * sum_len;
        int32_t z0_len = nat_trim(r, 2 * h);
        int32_t z2_len = nat_trim(r + 2 * h, na + nb - 2 * h);
        nat_sub(middle, middle, lm, r, z0_len);
        nat_sub(middle, middle, lm, r + 2 * h, z2_len);
        lm = nat_trim(middle, lm);
        add_into(r + h, na + nb - h, middle, lm);
    }
    nat_scratch_free(scratch, scratch_len);
    return ok;
}

bool nat_mul(digit_t *r, const digit_t *a, int32_t na, const digit_t *b, int32_t nb) {
    if (na < nb) {
        const digit_t *t = a; a = b; b = t;
        int32_t tn = na; na = nb; nb = tn;
    }
    if (nb == 0) {
        memset(r, 0, (size_t)na * sizeof(digit_t));
        return true;
    }
    return mul_karatsuba(r, a, na, b, nb);
}

/* Knuth, TAOCP vol. 2, 4.3.1 Algorithm D, on normalised copies. */
bool nat_divmod(digit_t *q, digit_t *r, const digit_t *a, int32_t na, const digit_t *b, int32_t nb) {
    if (nb == 1) {
        digit_t *quotient = q ? q : nat_scratch(na);
        if (!quotient)
            return false;
        digit_t rem = nat_div_small(quotient, a, na, b[0]);
        if (!q)
            nat_scratch_free(quotient, na);
        if (r)
            r[0] = rem;
        return true;
    }
    int shift = __builtin_clz(b[nb - 1]);
    int32_t scratch_len = na + 1 + nb;
    digit_t *u = nat_scratch(scratch_len);
    if (!u)
        return false;
    digit_t *v = u + na + 1;
    u[na] = nat_shift_left(u, a, na, shift);
    nat_shift_left(v, b, nb, shift);
    digit_t v_top = v[nb - 1], v_next = v[nb - 2];
    for (int32_t j = na - nb; j >= 0; j--) {
        /* Estimate the quotient digit from the top two digits of the
         * running remainder; it is at most two too large. */
        twodigit_t top = ((twodigit_t)u[j + nb] << DIGIT_BITS) | u[j + nb - 1];
        twodigit_t qhat = top / v_top;
        twodigit_t rhat = top % v_top;
        while (qhat > 0xFFFFFFFFu ||
               qhat * v_next > ((rhat << DIGIT_BITS) | u[j + nb - 2])) {
            qhat--;
            rhat += v_top;
            if (rhat > 0xFFFFFFFFu)
                break;
        }
        /* u[j..j+nb] -= qhat * v */
        twodigit_t mul_carry = 0;
        digit_t borrow = 0;
        for (int32_t i = 0; i < nb; i++) {
            mul_carry += qhat * v[i];
            twodigit_t diff = (twodigit_t)u[j + i] - (digit_t)mul_carry - borrow;
            u[j + i] = (digit_t)diff;
            borrow = (digit_t)(diff >> 63);
            mul_carry >>= DIGIT_BITS;
        }
        twodigit_t diff = (twodigit_t)u[j + nb] - mul_carry - borrow;
        u[j + nb] = (digit_t)diff;
        if (diff >> 63) {
            /* qhat was one too large: add v back */
            qhat--;
            digit_t carry = nat_add(u + j, u + j, nb, v, nb);
            u[j + nb] += carry;
        }
        if (q)
            q[j] = (digit_t)qhat;
    }
    if (r)
        nat_shift_right(r, u, nb, shift);
    nat_scratch_free(u, scratch_len);
    return true;
}
