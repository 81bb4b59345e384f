#!/usr/bin/env python3
"""gen_unicode.py — writes runtime/src/unicode_tables.c, the per-code-point
Unicode data the str methods, repr, int() and float() need.

Usage: python3 runtime/tools/gen_unicode.py [--output PATH]
(default: runtime/src/unicode_tables.c next to this script's runtime/).

Invariants:
 - Every property is derived from what this python3 (CPython 3.11, Unicode
   14.0) itself returns for each code point, e.g. chr(c).upper() or
   chr(c).isprintable(), so the runtime agrees with CPython by construction.
   The script refuses to run under another Unicode version so a regenerated
   file never silently changes.
 - The output is deterministic (no timestamps, sorted/stable order); the
   native test run regenerates it into a temp file and compares bytes.
 - Layout: a three-level table of deduplicated blocks (the block sizes are
   chosen to minimise bytes) leading to a deduplicated record per code point.
   A record stores property flags, the decimal value and four case mappings
   (upper, lower, title, casefold) as one byte each. A single-character
   mapping is a delta from the code point (so whole alphabets share one
   record), stored as an index into a table of the distinct deltas; a
   multi-character one (special casing, e.g. 'ß'.upper() == 'SS') sets the
   kind's *_EXT flag and indexes a table of offsets into
   unicode_special_case, which holds a length followed by the code points.
"""
import os
import sys
import unicodedata

EXPECTED_UNICODE = "14.0.0"

# Flag bits; unicode.c mirrors these names (UFLAG_*).
FLAGS = [
    "ALPHA", "DECIMAL", "DIGIT", "NUMERIC", "SPACE", "UPPER", "LOWER", "TITLE",
    "PRINTABLE", "XID_START", "XID_CONTINUE", "CASED", "CASE_IGNORABLE", "LINEBREAK",
    "UPPER_EXT", "LOWER_EXT", "TITLE_EXT", "FOLD_EXT",
]
BIT = {name: 1 << i for i, name in enumerate(FLAGS)}
DECIMAL_SHIFT = 24  # decimal value 0..9 lives in bits 24..27

SIGMA = "\u03a3"
FINAL_SIGMA = "\u03c2"


def final_sigma_after(prefix):
    """True when CPython lowers a capital sigma after `prefix` to the final form."""
    return (prefix + SIGMA).lower()[-1] == FINAL_SIGMA


def properties(cp):
    ch = chr(cp)
    flags = 0
    if ch.isalpha(): flags |= BIT["ALPHA"]
    if ch.isdecimal(): flags |= BIT["DECIMAL"]
    if ch.isdigit(): flags |= BIT["DIGIT"]
    if ch.isnumeric(): flags |= BIT["NUMERIC"]
    if ch.isspace(): flags |= BIT["SPACE"]
    if ch.isupper(): flags |= BIT["UPPER"]
    if ch.islower(): flags |= BIT["LOWER"]
    # A one-character istitle() is "titlecase or uppercase"; keep the titlecase part.
    if ch.istitle() and not ch.isupper(): flags |= BIT["TITLE"]
    if ch.isprintable(): flags |= BIT["PRINTABLE"]
    # isidentifier() accepts '_' first as well as XID_Start; the runtime uses this
    # flag for the first character, so folding '_' in is exactly right.
    if ch.isidentifier(): flags |= BIT["XID_START"]
    if ("a" + ch).isidentifier(): flags |= BIT["XID_CONTINUE"]
    if len(("a" + ch + "b").splitlines()) == 2 and ch not in "ab": flags |= BIT["LINEBREAK"]
    # Cased drives title(): a character after a cased one is lowered, so the
    # trailing 'a' stays lower-case exactly when ch is cased.
    cased = (ch + "a").title()[-1] == "a"
    if cased:
        flags |= BIT["CASED"]
    # Case-ignorable drives the final-sigma rule, which skips ignorable
    # characters looking back for a cased one: ch + 'Σ' is final iff ch is cased
    # and not ignorable; 'A' + ch + 'Σ' is final iff ch is ignorable or cased.
    if (cased and not final_sigma_after(ch)) or (not cased and final_sigma_after("A" + ch)):
        flags |= BIT["CASE_IGNORABLE"]
    decimal = int(ch) if ch.isdecimal() else 0
    assert decimal == (unicodedata.decimal(ch, 0))
    flags |= decimal << DECIMAL_SHIFT
    return flags


def main():
    if unicodedata.unidata_version != EXPECTED_UNICODE:
        sys.exit(f"gen_unicode.py: need Unicode {EXPECTED_UNICODE} (CPython 3.11), "
                 f"this python3 has {unicodedata.unidata_version}")
    here = os.path.dirname(os.path.abspath(__file__))
    output = os.path.join(os.path.dirname(here), "src", "unicode_tables.c")
    if len(sys.argv) == 3 and sys.argv[1] == "--output":
        output = sys.argv[2]
    elif len(sys.argv) != 1:
        sys.exit("usage: gen_unicode.py [--output PATH]")

    special = []          # flattened [len, c1, ..] sequences
    special_offset = {}   # tuple of code points -> index into special_offsets
    special_offsets = []  # offset of each sequence in special
    deltas = {}           # delta -> index into the delta table

    def mapping(cp, mapped, ext_flag):
        """(index into the delta table or special_offsets, extra flag bits)"""
        if len(mapped) == 1:
            return deltas.setdefault(ord(mapped) - cp, len(deltas)), 0
        key = tuple(ord(m) for m in mapped)
        if key not in special_offset:
            special_offset[key] = len(special_offsets)
            special_offsets.append(len(special))
            special.extend((len(key),) + key)
        return special_offset[key], BIT[ext_flag]

    records = []
    record_index = {}
    per_cp = []
    for cp in range(0x110000):
        ch = chr(cp)
        flags = properties(cp)
        fields = []
        for text, ext in ((ch.upper(), "UPPER_EXT"), (ch.lower(), "LOWER_EXT"),
                          (ch.title(), "TITLE_EXT"), (ch.casefold(), "FOLD_EXT")):
            value, extra = mapping(cp, text, ext)
            fields.append(value)
            flags |= extra
        rec = (flags, *fields)
        if rec not in record_index:
            record_index[rec] = len(records)
            records.append(rec)
        per_cp.append(record_index[rec])
    assert len(deltas) < 256 and len(special_offsets) < 256, "mapping codes must fit a byte"

    def width(n):
        return 1 if n <= 256 else 2 if n <= 65536 else 4

    def split(values, shift):
        """Deduplicated blocks of 2**shift values: (index, concatenated blocks, count)."""
        size, ids, index, blocks = 1 << shift, {}, [], []
        for start in range(0, len(values), size):
            block = tuple(values[start:start + size])
            if block not in ids:
                ids[block] = len(ids)
                blocks.extend(block)
            index.append(ids[block])
        return index, blocks, len(ids)

    # Three levels: cp >> (SHIFT2 + SHIFT3) -> level1 -> level2 -> level3 -> record.
    # Pick the shifts that minimise the total index bytes.
    best = None
    for shift3 in range(3, 10):
        mid, level3, n3 = split(per_cp, shift3)
        for shift2 in range(3, 10):
            level1, level2, n2 = split(mid, shift2)
            total = len(level1) * width(n2) + len(level2) * width(n3) + len(level3) * width(len(records))
            if best is None or total < best[0]:
                best = (total, shift2, shift3, level1, level2, level3, n2, n3)
    _, shift2, shift3, level1, level2, level3, n2, n3 = best

    ctype = {1: "uint8_t", 2: "uint16_t", 4: "uint32_t"}
    types = [ctype[width(n2)], ctype[width(n3)], ctype[width(len(records))]]
    delta_values = sorted(deltas, key=deltas.get)
    sizes = {
        "level1": len(level1) * width(n2),
        "level2": len(level2) * width(n3),
        "level3": len(level3) * width(len(records)),
        "records": len(records) * 8,
        "deltas": len(delta_values) * 4,
        "special": len(special_offsets) * 2 + len(special) * 4,
    }
    total_bytes = sum(sizes.values())

    def emit_array(out, decl, values, per_line=24):
        out.append(decl + " = {")
        for i in range(0, len(values), per_line):
            out.append("    " + ", ".join(str(v) for v in values[i:i + per_line]) + ",")
        out.append("};")
        out.append("")

    out = [
        "/*",
        " * unicode_tables.c — GENERATED by runtime/tools/gen_unicode.py from CPython",
        f" * {sys.version_info.major}.{sys.version_info.minor} (Unicode {unicodedata.unidata_version}); "
        "do not edit. Regenerate with",
        " * `python3 runtime/tools/gen_unicode.py`; runtime/test/run checks it is current.",
        " *",
        " * Lookup (unicode.c): record = unicode_level3[(unicode_level2[(unicode_level1[cp >>",
        " * (SHIFT2 + SHIFT3)] << SHIFT2) + ((cp >> SHIFT3) & MASK2)] << SHIFT3) + (cp & MASK3)].",
        " * A record holds the flags (gen_unicode.py's FLAGS order, decimal value in bits",
        " * 24..27) and one byte per mapping (upper, lower, title, casefold): an index",
        " * into unicode_deltas, or with the kind's *_EXT flag into",
        " * unicode_special_offsets, whose entry points at a length followed by that",
        " * many code points in unicode_special_case.",
        " * Sizes (bytes): " + ", ".join(f"{k} {v}" for k, v in sizes.items()) + f"; total {total_bytes}.",
        " */",
        '#include "unicode_tables.h"',
        "",
    ]
    emit_array(out, f"const {types[0]} unicode_level1[{len(level1)}]", level1)
    emit_array(out, f"const {types[1]} unicode_level2[{len(level2)}]", level2)
    emit_array(out, f"const {types[2]} unicode_level3[{len(level3)}]", level3)
    out.append(f"const UnicodeRecord unicode_records[{len(records)}] = {{")
    for flags, *maps in records:
        out.append(f"    {{{flags}u, {{{', '.join(str(m) for m in maps)}}}}},")
    out.append("};")
    out.append("")
    emit_array(out, f"const int32_t unicode_deltas[{len(delta_values)}]", delta_values, 12)
    emit_array(out, f"const uint16_t unicode_special_offsets[{len(special_offsets)}]", special_offsets)
    emit_array(out, f"const uint32_t unicode_special_case[{len(special)}]", special, 12)
    # str repr needs only isprintable: a separate small table keeps repr (and
    # so every program that prints a container) from linking the tables above.
    # The code points where isprintable() flips, starting from False at 0,
    # stored as their low 16 bits grouped by plane; plane p's boundaries are
    # entries [plane_start[p], plane_start[p + 1]).
    bounds = []
    state = False
    for cp in range(0x110000):
        p = chr(cp).isprintable()
        if p != state:
            bounds.append(cp)
            state = p
    plane_start = [sum(1 for b in bounds if (b >> 16) < p) for p in range(18)]
    out.append(f"/* isprintable boundaries: {len(bounds) * 2 + len(plane_start) * 2} bytes (unicode.c) */")
    emit_array(out, f"const uint16_t unicode_printable_bounds[{len(bounds)}]", [b & 0xFFFF for b in bounds])
    emit_array(out, f"const uint16_t unicode_printable_plane_start[{len(plane_start)}]", plane_start)
    text = "\n".join(out).rstrip("\n") + "\n"

    header = [
        "/*",
        " * unicode_tables.h — GENERATED by runtime/tools/gen_unicode.py; do not edit.",
        " * Declares the tables in unicode_tables.c. unicode.c reads them; str_methods.c",
        " * uses only the UFLAG_* bits (through unicode_flags()).",
        " */",
        "#ifndef TAIPAN_UNICODE_TABLES_H",
        "#define TAIPAN_UNICODE_TABLES_H",
        "#include <stdint.h>",
        "",
        "typedef struct UnicodeRecord {",
        "    uint32_t flags;",
        "    uint8_t map[4]; /* upper, lower, title, casefold: delta or special index */",
        "} UnicodeRecord;",
        "",
    ]
    for i, name in enumerate(FLAGS):
        header.append(f"#define UFLAG_{name} (1u << {i})")
    header += [
        f"#define UNICODE_DECIMAL_SHIFT {DECIMAL_SHIFT}",
        f"#define UNICODE_SHIFT2 {shift2}",
        f"#define UNICODE_SHIFT3 {shift3}",
        f"#define UNICODE_MASK2 {(1 << shift2) - 1}",
        f"#define UNICODE_MASK3 {(1 << shift3) - 1}",
        f"#define UNICODE_TABLE_BYTES {total_bytes}",
        "",
        f"extern const {types[0]} unicode_level1[{len(level1)}];",
        f"extern const {types[1]} unicode_level2[{len(level2)}];",
        f"extern const {types[2]} unicode_level3[{len(level3)}];",
        f"extern const UnicodeRecord unicode_records[{len(records)}];",
        f"extern const int32_t unicode_deltas[{len(delta_values)}];",
        f"extern const uint16_t unicode_special_offsets[{len(special_offsets)}];",
        f"extern const uint32_t unicode_special_case[{len(special)}];",
        f"extern const uint16_t unicode_printable_bounds[{len(bounds)}];",
        f"extern const uint16_t unicode_printable_plane_start[{len(plane_start)}];",
        "",
        "#endif",
    ]
    # The header sits next to the .c file (src/), so only runtime sources see it.
    header_path = os.path.join(os.path.dirname(output), "unicode_tables.h")
    with open(output, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    with open(header_path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(header) + "\n")
    print(f"gen_unicode.py: {len(records)} records, {total_bytes} bytes "
          f"({', '.join(f'{k} {v}' for k, v in sizes.items())})", file=sys.stderr)


if __name__ == "__main__":
    main()
