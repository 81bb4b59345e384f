#!/usr/bin/env python3
"""gen_str_cases.py — writes test/str_cases.inc: str method, ord/chr/ascii,
repr and per-code-point property cases with CPython 3.11 as the oracle.
test_str_methods.c (#included by test_runtime.c) replays them.

Usage: python3 runtime/test/gen_str_cases.py

Each case is {kind, self, args, kwargs, want}:
 - kind: "m:NAME" calls str_call_method; "props" / "cases" / "repr" / "ord" /
   "chr" / "ascii" / "int" / "float" are the other checks (see the C side).
 - self/args/kwargs use a tiny length-prefixed encoding (so any code point,
   NUL included, survives a C string): s<bytes>:<utf-8> str, i<int>; int,
   f<repr>; float, N None, T True, F False, (..) tuple, [..] list,
   {k v ..} dict; an empty kwargs means "no keyword arguments".
 - want: repr(result), or "!Type: message" for an exception.
Invariant: deterministic output (fixed seed, no hash-order dependence).
"""
import os
import random
import sys

from oracle_encoding import c_literal, enc, method_call, outcome

if sys.version_info[:2] != (3, 11):
    sys.exit("gen_str_cases.py needs CPython 3.11 as the oracle")

rng = random.Random(1234)


cases = []


def add(kind, self, args=(), kwargs=None, want=None):
    cases.append((kind, enc(self), enc(tuple(args)), enc(kwargs) if kwargs else "", want))


def method(s, name, *args, **kwargs):
    source, names = method_call(name, args, kwargs, "s")
    add("m:" + name, s, args, kwargs, outcome(lambda: eval(source, {}, {"s": s, **names})))


STRINGS = [
    "", "a", "abc", "  hello  world  ", "a,b,,c,", ",", "Hello World", "hello world", "HELLO",
    "ß", "ŉ", "ǰ", "İ", "İstanbul", "ΑΣ", "ΑΣ Α", "ΣΑ", "Σ", "aΣ", "ὈΔΥΣΣΕΎΣ", "a\u0345Σ", "A'Σ'",
    "ﬁ", "ﬃx", "ǅ", "ǆ", "Ǆ", "ǈeta", "\u1f80", "Straße", "Ⅻ", "١٢٣", "𝟘𝟙", "😀 emoji 😀",
    "a\tb\tc", "\t", "x\ty\n\tz\r\tq", "ab\t", "12345\t1",
    "line1\nline2\r\nline3\rline4\x0bline5\x0cline6\x1c7\x1d8\x1e9\x85a\u2028b\u2029c",
    "\n\n", "abc\r\n", "\r\n\r", "aaa", "aaaa", "abababab", "mississippi", "\u0100\u0101 abc \u0100",
    "𝄞x𝄞y𝄞", "+42", "-42", "42", "-", "+", "+-7", "été", "ÉTÉ", "they're bill's friends",
    "hello_world1", "1abc", "_x", "x\u00b7y", "ℌ", "Ⅷ", "\u3000x\u3000", "\x1c\x1dabc\x1e\x1f",
    "\xa0nb\xa0", "ab\x00cd", "\u0130\u0131", "ʼn", "ﬅ", "ᾳ", "ΐ", "\U0001e900\U0001e922", "ǲ",
    "Ⓐⓑ", "ꭰ", "\ud800x", "a\u0300b", "١x", "½", "²", "x²", "  \t\n ", "abc def ghi",
    "a b c d e", "AbC dEf", "hello WORLD", "1st 2nd", "élan vital", "ÀÉÎ", "ŉŉ", "\u00ad", "e\u0301",
]

SEPS = [None, "", " ", ",", "a", "ab", "b", "ss", "Σ", "😀", "\u0100", "xyz", "  "]
INDICES = [None, 0, 1, 2, -1, -2, -100, 100, 3, 2**70, -2**70]

for s in STRINGS:
    for name in ("upper", "lower", "title", "capitalize", "swapcase", "casefold",
                 "isalpha", "isdecimal", "isdigit", "isnumeric", "isalnum", "isspace", "isupper",
                 "islower", "istitle", "isprintable", "isidentifier", "isascii", "splitlines",
                 "split", "rsplit", "strip", "lstrip", "rstrip", "expandtabs"):
        method(s, name)
    method(s, "splitlines", True)
    method(s, "splitlines", keepends=True)
    method(s, "splitlines", keepends=0)
    for sep in SEPS:
        for maxsplit in (-1, 1, rng.choice((0, 2, 5))):
            method(s, "split", sep, maxsplit)
            method(s, "rsplit", sep, maxsplit)
        method(s, "split", sep)
        method(s, "rsplit", sep=sep)
        if sep is not None:
            for name in ("partition", "rpartition", "find", "rfind", "index", "rindex", "count",
                         "startswith", "endswith", "removeprefix", "removesuffix", "strip", "lstrip",
                         "rstrip"):
                method(s, name, sep)
            for new in rng.sample(("", "-", "XYZ", "\u0100", "😀"), 2):
                method(s, "replace", sep, new, rng.choice((0, 1, 2)))
                method(s, "replace", sep, new)
    subs = {"", s[:1], s[1:3], s[-2:], "a", "zz"}
    for sub in sorted(subs):
        for name in ("find", "rfind", "index", "rindex", "count", "startswith", "endswith"):
            method(s, name, sub, rng.choice(INDICES))
            method(s, name, sub, rng.choice(INDICES), rng.choice(INDICES))
        method(s, "startswith", (sub, "zz"))
        method(s, "endswith", ("zz", sub), 1)
    for width in (-1, 3, len(s), len(s) + 1, len(s) + 4):
        for name in ("center", "ljust", "rjust"):
            method(s, name, width)
            method(s, name, width, rng.choice(("*", "\u0100", "😀")))
        method(s, "zfill", width)
    for tab in (0, 1, 2, 4, -1):
        method(s, "expandtabs", tab)
    method(s, "expandtabs", tabsize=3)
    method(s, "translate", {ord("a"): "A", ord("b"): None, ord("c"): 0x100, ord("l"): "😀😀", 0x3A3: 0x3C3})
    method(s, "translate", {})
    method(s, "translate", ["x", None, 66])
    method(s, "translate", {ord(c): ord(c) for c in set(s) if c < "\x80"} if s else {})
    for prefix in ("", s[:2], s, s + "x"):
        method(s, "removeprefix", prefix)
        method(s, "removesuffix", prefix[::-1] if prefix else "")
        method(s, "removesuffix", s[-2:])
    add("repr", s, want=repr(repr(s)))
    add("ascii", s, want=repr(ascii(s)))
    add("int", s, want=outcome(lambda: int(s)))
    add("float", s, want=outcome(lambda: float(s)))

# joins
for sep in ("", ", ", "\u0100", "😀", "-"):
    for items in ([], ["a"], ["a", "b"], ["x", "\u0100", "😀"], ("t", "u"), ["", ""], "xyz", "é😀",
                  {"k": 1, "j": 2}, ["a", 2], [1], [None, "a"], 5, None, ["a", "b", 3.5]):
        method(sep, "join", items)

# argument and type errors, with CPython's wording
ERROR_CALLS = [
    ("split", (1,), {}), ("split", ("a", 1, 2), {}), ("split", (), {"x": 1}),
    ("split", ("a",), {"sep": "b"}), ("split", ("a", "b"), {}), ("split", (), {"sep": "a", "maxsplit": 1}),
    ("split", (), {"maxsplit": 1}), ("split", (None, 2**70), {}), ("split", (), {"a": 1, "b": 2, "c": 3}),
    ("rsplit", (1,), {}), ("rsplit", ("",), {}), ("rsplit", (None, 1.5), {}),
    ("splitlines", ("x",), {}), ("splitlines", (2, 3), {}), ("splitlines", (), {"keepends": []}),
    ("splitlines", (2**70,), {}), ("splitlines", (), {"x": 1}), ("splitlines", (1.0,), {}),
    ("join", (), {}), ("join", (1,), {}), ("join", ([1],), {}), ("join", (5, 6), {}), ("join", (), {"iterable": []}),
    ("strip", (1,), {}), ("strip", (1, 2), {}), ("lstrip", (1,), {}), ("rstrip", (1,), {}),
    ("strip", (), {"chars": "a"}), ("strip", (None,), {}),
    ("partition", (1,), {}), ("partition", ("",), {}), ("rpartition", (), {}), ("partition", (None,), {}),
    ("replace", (1, ""), {}), ("replace", ("", 1), {}), ("replace", ("a",), {}), ("replace", ("a", "b", "c"), {}),
    ("replace", ("a", "b", 1, 2), {}), ("replace", (), {"old": "a", "new": "b"}), ("replace", ("a", "b", 2**70), {}),
    ("find", (), {}), ("find", (1,), {}), ("find", ("a", "x"), {}), ("find", ("a", 1, 2, 3), {}),
    ("find", (), {"sub": "a"}), ("count", (1,), {}), ("index", ("q",), {}), ("rindex", ("q",), {}),
    ("count", ("a", None, "x"), {}), ("find", ("a", 1.5), {}), ("rfind", (), {}), ("index", (None,), {}),
    ("startswith", (1,), {}), ("startswith", ((1,),), {}), ("endswith", ((1,),), {}), ("startswith", (), {}),
    ("startswith", ("a", "b"), {}), ("startswith", (), {"prefix": "a"}), ("endswith", (None,), {}),
    ("startswith", ("a", None, None), {}), ("endswith", ("a", 1, 2, 3), {}),
    ("upper", (1,), {}), ("lower", (), {"x": 1}), ("isalpha", (1,), {}), ("isidentifier", (1,), {}),
    ("casefold", (1,), {}),
    ("center", (), {}), ("center", ("a",), {}), ("center", (3, "ab"), {}), ("center", (3, 1), {}),
    ("ljust", (3, 1), {}), ("rjust", (3, ""), {}), ("center", (2**70,), {}), ("ljust", (1, 2, 3), {}),
    ("center", (), {"width": 3}), ("zfill", (), {}), ("zfill", ("a",), {}), ("zfill", (2**63,), {}),
    ("zfill", (), {"width": 3}), ("expandtabs", ("a",), {}), ("expandtabs", (), {"x": 1}),
    ("expandtabs", (1, 2), {}), ("expandtabs", (2**70,), {}), ("expandtabs", (4.0,), {}),
    ("removeprefix", (1,), {}), ("removesuffix", (1,), {}), ("removeprefix", (), {}),
    ("translate", (), {}), ("translate", (1,), {}), ("translate", ({97: 1.5},), {}),
    ("translate", ({97: 0x110000},), {}), ("translate", ({97: -1},), {}), ("translate", ({97: 2**70},), {}),
    ("translate", ({97: (1,)},), {}), ("foo", (), {}), ("__foo__", (), {}),
]
for self in ("abc", "a"):
    for name, args, kwargs in ERROR_CALLS:
        method(self, name, *args, **kwargs)

# ord / chr
for v in ("a", "é", "\u0100", "😀", "ab", "", 1, None, "\x00"):
    add("ord", v, want=outcome(lambda: ord(v)))
for v in (0, 65, 0xE9, 0x100, 0xFFFF, 0x10000, 0x10FFFF, 0x110000, -1, 2**31, 2**70, -2**70, 1.5, "a", True, None):
    add("chr", v, want=outcome(lambda: chr(v)))
for v in (1, None, 2.5, ["é", "😀"], ("\x00", "\u2028"), {"k": "ü"}):
    add("ascii", v, want=repr(ascii(v)))

# per-code-point properties and case mappings over a sample of code points
PREDICATES = ("isalpha", "isdecimal", "isdigit", "isnumeric", "isalnum", "isspace", "isupper",
              "islower", "istitle", "isprintable", "isidentifier")
sample = set(range(0, 0x250)) | set(range(0x370, 0x400)) | set(range(0x1E00, 0x2000, 3))
sample |= set(range(0x2000, 0x2070)) | {0x2160, 0x2170, 0x24B6, 0x24D0, 0x3000, 0x3007, 0xFB00, 0xFB06,
                                         0x1F600, 0x10400, 0x10428, 0x1D7CE, 0x1E900, 0xE0001, 0xE0100,
                                         0xFEFF, 0x10FFFF, 0xD800, 0xDFFF, 0xE000, 0xF8FF, 0xFFFD}
sample |= {rng.randrange(0x110000) for _ in range(1000)}
sample |= {rng.randrange(0x10000) for _ in range(1000)}
for cp in sorted(sample):
    ch = chr(cp)
    bits = "".join("1" if getattr(ch, p)() else "0" for p in PREDICATES)
    bits += "1" if ("a" + ch).isidentifier() else "0"
    add("props", ch, want=bits)
    add("cases", ch, want=repr((ch.upper(), ch.lower(), ch.title(), ch.casefold(), ch.swapcase(),
                                ch.capitalize(), repr(ch))))
for cp in sorted(c for c in range(0x110000) if chr(c).isdecimal() and c % 7 == 0):
    add("int", chr(cp) + "1", want=outcome(lambda: int(chr(cp) + "1")))

here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "str_cases.inc"), "w", encoding="ascii", newline="\n") as f:
    f.write("/* Generated by gen_str_cases.py from CPython 3.11; do not edit. */\n")
    for kind, self, args, kwargs, want in cases:
        f.write("{%s, %s, %s, %s, %s},\n" % (c_literal(kind), c_literal(self), c_literal(args), c_literal(kwargs),
                                              c_literal(want, latin1=False)))
print(f"gen_str_cases.py: {len(cases)} cases", file=sys.stderr)
