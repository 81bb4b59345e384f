/*
 * unicode.c — per-code-point Unicode properties and case mappings, read
 * from the generated tables in unicode_tables.c (runtime/tools/gen_unicode.py).
 * Everything the str methods, repr, int() and float() ask about a single
 * code point goes through here.
 *
 * Invariants:
 *  - Answers equal CPython 3.11's for every code point 0..0x10FFFF, because
 *    the tables were produced by asking CPython itself (see the generator).
 *  - Callers pass cp <= 0x10FFFF (every str code point is).
 *  - Case mappings produce 1 to 3 code points (Unicode's SpecialCasing
 *    maximum); context rules such as the final sigma are the caller's job
 *    (str_methods.c), exactly as in CPython.
 */
#include "taipan_internal.h"
#include "unicode_tables.h"

static const UnicodeRecord *record_of(uint32_t cp) {
    uint32_t top = unicode_level1[cp >> (UNICODE_SHIFT2 + UNICODE_SHIFT3)];
    uint32_t mid = unicode_level2[(top << UNICODE_SHIFT2) + ((cp >> UNICODE_SHIFT3) & UNICODE_MASK2)];
    return &unicode_records[unicode_level3[(mid << UNICODE_SHIFT3) + (cp & UNICODE_MASK3)]];
}

uint32_t unicode_flags(uint32_t cp) { return record_of(cp)->flags; }

bool unicode_is_space(uint32_t cp) {
    /* ASCII first: strip() and int() spend nearly all their time there. */
    if (cp < 0x80)
        return cp == ' ' || (cp >= 0x09 && cp <= 0x0D) || (cp >= 0x1C && cp <= 0x1F);
    return (record_of(cp)->flags & UFLAG_SPACE) != 0;
}

/* From the small boundary table, not the property records: str repr calls
 * this, and repr is reachable from nearly every program, so it must not pull
 * in the 34 KB case/property tables. printable iff an odd number of
 * boundaries are <= cp (the state starts non-printable at U+0000). */
bool unicode_is_printable(uint32_t cp) {
    if (cp < 0x80)
        return cp >= 0x20 && cp < 0x7F;
    if (cp > 0x10FFFF)
        return false;
    uint32_t plane = cp >> 16, low = cp & 0xFFFF;
    uint32_t lo = unicode_printable_plane_start[plane], hi = unicode_printable_plane_start[plane + 1];
    while (lo < hi) { /* first boundary in the plane above low */
        uint32_t mid = (lo + hi) / 2;
        if (unicode_printable_bounds[mid] <= low)
            lo = mid + 1;
        else
            hi = mid;
    }
    return (lo & 1) != 0;
}

int32_t unicode_decimal_value(uint32_t cp) {
    if (cp < 0x80)
        return cp >= '0' && cp <= '9' ? (int32_t)(cp - '0') : -1;
    uint32_t flags = record_of(cp)->flags;
    if (!(flags & UFLAG_DECIMAL))
        return -1;
    return (int32_t)((flags >> UNICODE_DECIMAL_SHIFT) & 0xF);
}

int32_t unicode_case_map(uint32_t cp, UnicodeCase which, uint32_t out[3]) {
    static const uint32_t ext_flag[4] = {UFLAG_UPPER_EXT, UFLAG_LOWER_EXT, UFLAG_TITLE_EXT, UFLAG_FOLD_EXT};
    const UnicodeRecord *r = record_of(cp);
    uint8_t code = r->map[which];
    if (r->flags & ext_flag[which]) {
        const uint32_t *seq = &unicode_special_case[unicode_special_offsets[code]];
        for (uint32_t k = 0; k < seq[0]; k++)
            out[k] = seq[1 + k];
        return (int32_t)seq[0];
    }
    out[0] = (uint32_t)((int32_t)cp + unicode_deltas[code]);
    return 1;
}
