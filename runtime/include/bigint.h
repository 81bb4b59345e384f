/*
 * bigint.h — natural-number (magnitude) arithmetic on little-endian arrays
 * of 32-bit digits, the engine under int.c. Nothing here knows about
 * objects, signs or exceptions; int.c layers Python semantics on top.
 *
 * Invariants:
 *  - A magnitude is (digits, n): digits[0] is least significant. Inputs
 *    need not be trimmed unless stated; outputs have the documented length
 *    and the caller trims with nat_trim.
 *  - Functions that need scratch space take it from the runtime heap and
 *    return false when it is exhausted (the caller raises MemoryError).
 *  - Output arrays never alias inputs unless a function says it may.
 */
#ifndef TAIPAN_BIGINT_H
#define TAIPAN_BIGINT_H

#include <stdbool.h>
#include <stdint.h>

typedef uint32_t digit_t;
typedef uint64_t twodigit_t;
#define DIGIT_BITS 32

/* Below this many digits (of the shorter operand) schoolbook multiplication
 * beats Karatsuba's extra additions. */
#define KARATSUBA_CUTOFF 40

int32_t nat_trim(const digit_t *a, int32_t n);
/* -1/0/1; both operands trimmed. */
int nat_compare(const digit_t *a, int32_t na, const digit_t *b, int32_t nb);
/* r[0..na) = a + b, na >= nb; returns the carry out. r may alias a. */
digit_t nat_add(digit_t *r, const digit_t *a, int32_t na, const digit_t *b, int32_t nb);
/* r[0..na) = a - b, a >= b as numbers, na >= nb; returns the borrow (0). r may alias a. */
digit_t nat_sub(digit_t *r, const digit_t *a, int32_t na, const digit_t *b, int32_t nb);
/* r[0..na+nb) = a * b (Karatsuba above the cutoff). r must not alias. */
bool nat_mul(digit_t *r, const digit_t *a, int32_t na, const digit_t *b, int32_t nb);
/* r[0..n) = a * m + add; returns the carry digit. r may alias a. */
digit_t nat_mul_small_add(digit_t *r, const digit_t *a, int32_t n, digit_t m, digit_t add);
/* q[0..n) = a / d (d != 0); returns a % d. q may alias a. */
digit_t nat_div_small(digit_t *q, const digit_t *a, int32_t n, digit_t d);
/* Truncating division of trimmed a (na) by trimmed b (nb >= 1, b != 0):
 * q[0..na-nb+1) and r[0..nb). Requires na >= nb. Either output may be NULL. */
bool nat_divmod(digit_t *q, digit_t *r, const digit_t *a, int32_t na, const digit_t *b, int32_t nb);
/* r[0..n) = a << bits (0 <= bits < 32); returns the digit shifted out. r may alias a. */
digit_t nat_shift_left(digit_t *r, const digit_t *a, int32_t n, int bits);
/* r[0..n) = a >> bits (0 <= bits < 32); returns the bits shifted out, in
 * the low end of the result. r may alias a. */
digit_t nat_shift_right(digit_t *r, const digit_t *a, int32_t n, int bits);
/* Number of significant bits of a trimmed magnitude (0 for zero). */
int64_t nat_bit_length(const digit_t *a, int32_t n);

/* Scratch digit arrays from the runtime heap (NULL when exhausted). */
digit_t *nat_scratch(int32_t n);
void nat_scratch_free(digit_t *p, int32_t n);

#endif
