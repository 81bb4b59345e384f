/*
 * unicode.c — the small Unicode character-class tables the runtime needs
 * (whitespace for strip-like parsing, decimal digits for int()/float()).
 *
 * Invariant: answers match Python's str.isspace() and unicodedata.decimal()
 * for every code point the tables list; the digit table covers the common
 * Nd blocks only, a full table comes with full Unicode support.
 */
#include "taipan_internal.h"

bool unicode_is_space(uint32_t cp) {
    if (cp == ' ' || (cp >= 0x09 && cp <= 0x0D) || (cp >= 0x1C && cp <= 0x1F))
        return true;
    if (cp < 0x85)
        return false;
    return cp == 0x85 || cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) ||
           cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

static const uint32_t digit_zeros[] = {
    0x0030, 0x0660, 0x06F0, 0x07C0, 0x0966, 0x09E6, 0x0A66, 0x0AE6, 0x0B66,
    0x0BE6, 0x0C66, 0x0CE6, 0x0D66, 0x0DE6, 0x0E50, 0x0ED0, 0x0F20, 0x1040,
    0x1090, 0x17E0, 0x1810, 0xA620, 0xA8D0, 0xA900, 0xFF10,
};

int32_t unicode_decimal_value(uint32_t cp) {
    for (uint32_t i = 0; i < sizeof digit_zeros / sizeof digit_zeros[0]; i++)
        if (cp >= digit_zeros[i] && cp <= digit_zeros[i] + 9)
            return (int32_t)(cp - digit_zeros[i]);
    return -1;
}
