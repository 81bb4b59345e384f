#!/usr/bin/env python3
"""gen_builtin_cases.py — writes test/builtin_cases.inc: isinstance,
issubclass, type, callable, divmod, attributes of types and builtin
functions, the class methods (dict.fromkeys, str.maketrans, float.fromhex,
bytes.fromhex), rt_check_method lookups, int(x, base),
int.to_bytes/int.from_bytes, bytes (constructor, repr, hash, indexing, slicing, `in`,
operators, comparisons, methods) and str.encode / bytes.decode, with
CPython 3.11 as the oracle. test_builtins.c (#included by test_runtime.c)
replays them.

Usage: PYTHONHASHSEED=0 python3 runtime/test/gen_builtin_cases.py

Each case is {kind, self, args, kwargs, want}, in gen_str_cases.py's value
encoding plus: b<len>:<bytes> a bytes value, t<name>; a builtin type,
exception type or builtin function by name, X[..] a set, Z[..] a
frozenset, R(start stop step) a range. want is repr(result) or
"!Type: message".
Invariant: deterministic output (fixed seed; bytes hashes need
PYTHONHASHSEED=0, so the script re-executes itself with it).
"""
import os
import builtins
import random
import sys

import oracle_encoding
from oracle_encoding import c_literal, method_call, outcome

if sys.version_info[:2] != (3, 11):
    sys.exit("gen_builtin_cases.py needs CPython 3.11 as the oracle")
if os.environ.get("PYTHONHASHSEED") != "0":
    os.execve(sys.executable, [sys.executable] + sys.argv, {**os.environ, "PYTHONHASHSEED": "0"})

rng = random.Random(4321)
NoneType = type(None)

# Exception types added with real exception objects (runtime TYPE_ID order).
NEW_EXC = [
    "SystemExit", "KeyboardInterrupt", "GeneratorExit", "FloatingPointError", "BufferError",
    "ImportError", "ModuleNotFoundError", "OSError", "BlockingIOError", "ChildProcessError",
    "ConnectionError", "BrokenPipeError", "ConnectionAbortedError", "ConnectionRefusedError", "ConnectionResetError",
    "FileExistsError", "FileNotFoundError", "InterruptedError", "IsADirectoryError", "NotADirectoryError",
    "PermissionError", "ProcessLookupError", "TimeoutError", "ReferenceError", "StopAsyncIteration",
    "SyntaxError", "IndentationError", "TabError", "SystemError", "UnicodeTranslateError",
    "Warning", "UserWarning", "DeprecationWarning", "PendingDeprecationWarning", "SyntaxWarning",
    "RuntimeWarning", "FutureWarning", "ImportWarning", "UnicodeWarning", "BytesWarning",
    "ResourceWarning", "EncodingWarning",
]

NAMED = {
    "int": int, "bool": bool, "float": float, "str": str, "list": list, "tuple": tuple, "dict": dict,
    "set": set, "frozenset": frozenset, "range": range, "NoneType": NoneType, "bytes": bytes,
    "BaseException": BaseException, "Exception": Exception, "ArithmeticError": ArithmeticError,
    "ZeroDivisionError": ZeroDivisionError, "OverflowError": OverflowError, "LookupError": LookupError,
    "IndexError": IndexError, "KeyError": KeyError, "ValueError": ValueError, "TypeError": TypeError,
    "NameError": NameError, "UnboundLocalError": UnboundLocalError, "RuntimeError": RuntimeError,
    "RecursionError": RecursionError, "NotImplementedError": NotImplementedError,
    "MemoryError": MemoryError, "AttributeError": AttributeError, "AssertionError": AssertionError,
    "StopIteration": StopIteration, "EOFError": EOFError, "UnicodeError": UnicodeError,
    "UnicodeEncodeError": UnicodeEncodeError, "UnicodeDecodeError": UnicodeDecodeError,
    **{name: getattr(builtins, name) for name in NEW_EXC},
    "len": len, "abs": abs, "repr": repr, "sorted": sorted, "sum": sum, "min": min, "max": max,
    "any": any, "all": all, "iter": iter, "next": next, "format": format,
    "enumerate": enumerate, "zip": zip, "reversed": reversed, "type": type, "map": map, "filter": filter,
}
NAME_OF = {id(v): k for k, v in NAMED.items()}


def _enc_extra(v):
    if id(v) in NAME_OF and not isinstance(v, (int, str)):
        return f"t{NAME_OF[id(v)]};"
    if isinstance(v, bytes):
        return f"b{len(v)}:" + v.decode("latin-1")
    if isinstance(v, set):
        return "X" + enc(list(v))
    if isinstance(v, frozenset):
        return "Z" + enc(list(v))
    if isinstance(v, range):
        return "R" + enc((v.start, v.stop, v.step))
    return None


def enc(v):
    return oracle_encoding.enc(v, _enc_extra)


cases = []


def add(kind, self, args=(), kwargs=None, fn=None):
    want = outcome(fn)
    # the C side writes utf-8; keep want as utf-8 bytes carried through latin-1
    cases.append((kind, enc(self), enc(tuple(args)), enc(kwargs) if kwargs else "",
                  want.encode("utf-8", "surrogatepass").decode("latin-1")))


def method(s, name, *args, **kwargs):
    """Spelled as source so CPython takes the method-call path compiled code does."""
    source, names = method_call(name, args, kwargs, "s")
    add("m:" + name, s, args, kwargs, lambda: eval(source, {}, {"s": s, **names}))


# ---- isinstance / issubclass / type / callable ------------------------------------------------
VALUES = [0, 5, -3, True, False, 2**100, 1.5, float("inf"), "a", "", [], [1], (), (1, 2), {}, {1: 2},
          set(), frozenset({1}), range(3), None, b"", b"xy", len, int, ValueError]
CLASSES = [int, bool, float, str, list, tuple, dict, set, frozenset, range, NoneType, bytes, type,
           (int, str), (str, (float, bool)), (), (bytes, (list, (tuple, dict))), 1, "int", (int, 1),
           (str, 1), ((), float), Exception, ValueError, map, filter, (zip, map)]
for v in VALUES:
    for c in CLASSES:
        add("isinstance", v, (c,), fn=lambda v=v, c=c: isinstance(v, c))
    add("type", v, fn=lambda v=v: type(v))
    add("callable", v, fn=lambda v=v: callable(v))

EXC = ["BaseException", "Exception", "ArithmeticError", "ZeroDivisionError", "OverflowError", "LookupError",
       "IndexError", "KeyError", "ValueError", "TypeError", "NameError", "UnboundLocalError", "RuntimeError",
       "RecursionError", "NotImplementedError", "MemoryError", "AttributeError", "AssertionError",
       "StopIteration", "EOFError", "UnicodeError", "UnicodeEncodeError", "UnicodeDecodeError"] + NEW_EXC
SUBJECTS = [NAMED[n] for n in EXC] + [int, bool, float, str, bytes, NoneType, list]
for a in SUBJECTS:
    for b in SUBJECTS + [(ValueError, KeyError), (int, (LookupError,)), 5, (int, 5)]:
        add("issubclass", a, (b,), fn=lambda a=a, b=b: issubclass(a, b))
for a in [1, "x", None, (int,), b"x"]:
    add("issubclass", a, (int,), fn=lambda a=a: issubclass(a, int))
    add("issubclass", a, (5,), fn=lambda a=a: issubclass(a, 5))

# ---- attributes ----------------------------------------------------------------------------------------------
for name in ["int", "bool", "float", "str", "list", "tuple", "dict", "set", "frozenset", "range", "NoneType",
             "bytes", "ValueError", "UnicodeDecodeError", "EOFError", "len", "abs", "sorted", "iter", "next",
             "format", "max", "enumerate", "zip", "reversed", "type"]:
    for attr in ["__name__", "__qualname__", "__module__", "__foo__"]:
        obj = NAMED[name]
        add("getattr", obj, (attr,), fn=lambda obj=obj, attr=attr: getattr(obj, attr))
for v in [1, "a", b"x", [], None]:
    add("getattr", v, ("__name__",), fn=lambda v=v: v.__name__)
    add("typename", v, fn=lambda v=v: type(v).__name__)

# ---- divmod ---------------------------------------------------------------------------------------------------
NUMS = [7, -7, 0, 3, -3, 1, 2**70, -2**70, 2**70 + 12345, 10**30 - 1, 7.5, -7.5, 0.0, -0.0, 0.5, 1e300,
        float("inf"), float("-inf"), True, False, 2**62, -(2**63)]
for a in NUMS:
    for b in NUMS:
        add("divmod", a, (b,), fn=lambda a=a, b=b: divmod(a, b))
for a, b in [("a", 1), (1, "a"), ([], 2), (None, None), (b"x", 1)]:
    add("divmod", a, (b,), fn=lambda a=a, b=b: divmod(a, b))

# ---- class methods ------------------------------------------------------------------------------------------------
for args, kw in [(([1, 2, 1],), {}), (("abc", 0), {}), ((range(3), [1]), {}), (((),), {}), ((), {}),
                 ((1,), {}), (([1], 2, 3), {}), (([1],), {"value": 2}), (([[1]],), {}), (({3: 4, 1: 2},), {})]:
    method(dict, "fromkeys", *args, **kw)
MAKETRANS = [({"a": "b", "c": None, 100: "xyz", "é": 0x10000},), ({},), ({"ab": 1},), ({1.5: 1},), ({True: "t"},),
             (1,), ("abc", "xyz"), ("abc", "xy"), ("ab", "cd", "e"), ("", "", "abc"), (1, "a"), ("a", 1),
             ("a", "b", 1), ("aé😀", "😀aé"), (), ("a", "b", "c", "d")]
for args in MAKETRANS:
    method(str, "maketrans", *args)
    try:
        table = str.maketrans(*args)
    except Exception:  # noqa: BLE001
        continue
    for text in ["abcdé😀", "", "xyz aaa", "édcba"]:
        add("translate_with", text, args, fn=lambda text=text, table=table: text.translate(table))
method(str, "maketrans", "a", k=1)
method("xyz", "maketrans", "a", "b")
method({1: 2}, "fromkeys", [3, 4], 0)
method(b"zz", "fromhex", "0102")

HEXES = ["0x1p0", "0x1.8p1", "-0x1.8p1", "  0x1.999999999999ap-4  ", "1", "0X1P-1074", "0x1p-1075", "0x1.0000000000001p-1075",
         "0x3p-1076", "0x1.fffffffffffff8p1023", "0x1.fffffffffffff7ffp1023", "0x1p1024", "inf", "-Infinity", "nan",
         "+nan", "0x.8", "0x8.", ".8p1", "0x", "0xp1", "0x1p", "0x1p+", "x1", "0x1.2.3", "", "   ", "0x1.00000000000008p0",
         "0x1.00000000000018p0", "0x1.000000000000080000000001p0", "0x1.00000000000007ffffffffp0", "0x0.0000000000001p-1022",
         "0x1.ffffffffffffffffffffp0", "0x0p99999999999", "0x1p-99999999999", "0x1p99999999999", "1e10",
         "0x00000000000000000000001.5p0", "0x123456789abcdef123456789p0", "-0x0p0", "\u00a00x1p1\u2003",
         "0x1.8p-1073", "0x1.8p-1074", "0x2.8p-1075", "0x1_0p0", "infinit", "0x1P+10", "0x1p-1022", "0x0.fffffffffffffp-1022"]
for _ in range(300):
    bits = rng.getrandbits(64)
    import struct
    x = struct.unpack("<d", struct.pack("<Q", bits))[0]
    if x == x:
        HEXES.append(x.hex())
        HEXES.append(x.hex().replace("p", "0000000p"))
for h in HEXES:
    method(float, "fromhex", h)
method(float, "fromhex", 1)
method(float, "fromhex")

# ---- bytes ----------------------------------------------------------------------------------------------------------
ALL = bytes(range(256))
BYTES = [b"", b"a", b"abc", b"hello world", b"  a b  c ", b"'", b'"', b"'\"", b"it's", b"\\", b"\t\n\r\x00\x7f\x80\xff",
         ALL, b"a,b,,c,", b"aaa", b"abab", b"ABC def", b"123", b"12a", b"\xc3\xa9t\xc3\xa9", b"\xff\xfe",
         b"\xe2\x82", b"\xe2\x82x", b"\xed\xa0\x80", b"\xf0\x9f\x98\x80", b"\xf0\x9f", b"\xf4\x90\x80\x80", b"\xc0\xaf",
         b"a\xc3", b"\x80abc", b"\xe0\x80\x80", b"\xf8\x88\x80\x80\x80"]
for b in BYTES:
    add("repr", b, fn=lambda b=b: repr(b))
    add("hash", b, fn=lambda b=b: hash(b))
    add("len", b, fn=lambda b=b: len(b))
    add("list", b, fn=lambda b=b: list(b))
    add("truthy", b, fn=lambda b=b: bool(b))
    for name in ["upper", "lower", "hex", "isdigit", "isalpha", "strip", "lstrip", "rstrip", "split"]:
        method(b, name)
    for enc_name in ["utf-8", "ascii", "latin-1"]:
        for errors in ["strict", "replace", "ignore"]:
            method(b, "decode", enc_name, errors)
    method(b, "decode")
for i in range(256):
    add("repr", bytes([i]), fn=lambda i=i: repr(bytes([i])))
SMALL = [b"", b"a", b"ab", b"abc", b"b", b"ba", b"\xff", b"abcabc"]
for a in SMALL:
    for b in SMALL + ["a", 1, [1]]:
        for op, fn in [("add", lambda a, b: a + b), ("eq", lambda a, b: a == b), ("ne", lambda a, b: a != b),
                       ("lt", lambda a, b: a < b), ("le", lambda a, b: a <= b), ("gt", lambda a, b: a > b),
                       ("ge", lambda a, b: a >= b), ("contains", lambda a, b: b in a)]:
            add(op, a, (b,), fn=lambda a=a, b=b, fn=fn: fn(a, b))
    for n in [0, 1, 3, -1, True, "x", 1.5]:
        add("mul", a, (n,), fn=lambda a=a, n=n: a * n)
        add("mul", n, (a,), fn=lambda a=a, n=n: n * a)
    for x in [97, 98, 0, 255, 256, -1, True, 2**70, 1.5, None]:
        add("contains", a, (x,), fn=lambda a=a, x=x: x in a)
add("add", "a", (b"a",), fn=lambda: "a" + b"a")
add("add", 1, (b"a",), fn=lambda: 1 + b"a")
IDX = [None, 0, 1, 2, -1, -2, -100, 100, 2**70]
for b in [b"", b"abc", b"hello world"]:
    for i in [0, 1, -1, 3, -4, 2**70, True, "x", 1.5]:
        add("getitem", b, (i,), fn=lambda b=b, i=i: b[i])
    for start in IDX:
        for stop in IDX:
            for step in [None, 1, 2, -1, -3, 0]:
                add("slice", b, (start, stop, step), fn=lambda b=b, s=slice(start, stop, step): b[s])
for x in [None, 0, 3, -1, 2**70, True, [], [1, 2, 255], (104, 105), [256], [-1], [1.5], ["a"], range(5), "abc", b"xy",
          1.5, {1: 2}, frozenset()]:
    add("bytes", None, () if x is None else (x,), fn=lambda x=x: bytes() if x is None else bytes(x))

SUBS = [b"", b"a", b"b", b"ab", b"ba", b"abc", b"z", 97, 0, 256, "a", None]
HAY = [b"", b"a", b"abcabc", b"ababab", b"banana", b"a b  c"]
for h in HAY:
    for s in SUBS:
        for name in ["find", "rfind", "index", "rindex", "count"]:
            method(h, name, s)
        for name in ["startswith", "endswith"]:
            method(h, name, s)
            method(h, name, (s, b"z"))
        method(h, "split", s)
        method(h, "strip", s)
        method(h, "lstrip", s)
        method(h, "rstrip", s)
        for n in [1, 2, -1, 0]:
            method(h, "find", s, n)
            method(h, "count", s, -n, n + 3)
            method(h, "startswith", s, n)
            method(h, "endswith", s, 0, -n)
            method(h, "split", s, n)
        method(h, "replace", s, b"XY")
        method(h, "replace", s, b"", 2)
        method(h, "split", None, 1)
    for seq in [[], [b"x"], [b"x", b"yz", b""], (b"1", b"2"), [b"a", "b"], [b"a", 1], "ab", 5, [bytes([255])]]:
        method(h, "join", seq)
    method(h, "find")
    method(h, "replace", b"a")
    method(h, "hex", b"x", 1, 2)
    for args in [(":",), (":", 2), (":", -2), (b"-", 0), ("ab",), ("\u00e9",), (1,), (":", "x"), ("",), (":", 10),
                 (":", 2**70), (b"-", -1), (":", 3), (":", -3)]:
        method(h, "hex", *args)
    method(h, "hex", sep=":")
    method(h, "hex", bytes_per_sep=2)
    method(h, "hex", ":", sep=":")
    method(h, "hex", foo=1)
    method(h, "split", sep=b"a")
    method(h, "split", maxsplit=1)
    method(h, "split", b"a", sep=b"a")
    method(h, "find", b"a", 1.5)
    method(h, "find", 1, 2, 3, 4)
    method(h, "startswith")
    method(h, "decode", "bogus")
    method(h, "decode", "utf-8", "bogus")
    method(h, "decode", encoding="ascii")
    method(h, "decode", errors="replace")
    method(h, "decode", foo=1)
    method(h, "decode", 1)
    method(h, "upper", 1)
    method(h, "nosuch")
for text in ["", "abc", "été", "a\u0100b", "😀", "\ud800", "a\ud800\udfffb", "aéé", "éaé", "x\U0001F600yé", "ÿ", "\x7f\x80"]:
    for enc_name in [None, "utf-8", "UTF8", "ascii", "latin-1", "latin1", "iso-8859-1", "us_ascii", "bogus"]:
        for errors in [None, "strict", "replace", "ignore", "bogus"]:
            args = [] if enc_name is None else [enc_name]
            kw = {}
            if errors is not None:
                if enc_name is None:
                    kw["errors"] = errors
                else:
                    args.append(errors)
            method(text, "encode", *args, **kw)
    method(text, "encode", encoding="ascii", errors="replace")
    method(text, "encode", 1)
    method(text, "encode", "utf-8", "strict", "x")
    method(text, "encode", "ascii", encoding="ascii")
for h in ["", "00", "0a0B ff", " 01 02 ", "a", "0g", "01 2", "012", "zz", "\u00e9\u00e9", "1\t2", 5, b"00"]:
    method(bytes, "fromhex", h)
method(bytes, "nosuch")

# bytes.maketrans (static: on the type and on an instance) and bytes.translate
TABLES = [None, bytes.maketrans(b"abc", b"xyz"), bytes.maketrans(b"", b""), bytes(reversed(range(256))), b"x", b"x" * 257,
          "a" * 256, 5]
for h in [b"", b"abc", b"banana", b"a b\x00\xff", bytes(range(256))]:
    for table in TABLES:
        method(h, "translate", table)
        for delete in [b"", b"a", b"an", b"\xff\x00 ", "a", None, [97]]:
            method(h, "translate", table, delete)
        method(h, "translate", table, delete=b"b")
    method(h, "translate")
    method(h, "translate", table=None)
    method(h, "translate", None, x=1)
    method(h, "translate", None, b"a", b"b")
    method(h, "translate", None, b"a", delete=b"b")
    method(h, "translate", x=1)
for args in [(b"ab", b"xy"), (b"abc", b"xyz"), (b"aa", b"xy"), (b"", b""), (b"ab", b"x"), ("ab", b"xy"), (b"ab", "xy"),
             (1, b"x"), (b"a",), (), (b"a", b"b", b"c"), (bytes(range(256)), bytes(reversed(range(256))))]:
    method(bytes, "maketrans", *args)
    method(b"q", "maketrans", *args)
method(bytes, "maketrans", b"a", to=b"b")
method(bytes, "maketrans", frm=b"a", to=b"b")


# ---- rt_check_method: the method/attribute lookup done before the arguments --------------------------
# Only names the runtime implements are listed as present (CPython has more,
# e.g. dunders); the oracle must agree that each exists.
MEMBERS = {
    "str": "split rsplit splitlines join strip lstrip rstrip partition rpartition replace find rfind index rindex "
           "count startswith endswith upper lower title capitalize swapcase casefold center ljust rjust zfill "
           "expandtabs isalpha isdecimal isdigit isnumeric isalnum isspace isupper islower istitle isprintable "
           "isidentifier isascii removeprefix removesuffix translate format format_map encode maketrans",
    "list": "append extend insert pop remove index count clear copy reverse sort",
    "tuple": "index count",
    "dict": "keys values items get setdefault pop popitem update clear copy fromkeys",
    "set": "copy union intersection difference symmetric_difference issubset issuperset isdisjoint add remove "
           "discard pop clear update intersection_update difference_update symmetric_difference_update",
    "frozenset": "copy union intersection difference symmetric_difference issubset issuperset isdisjoint",
    "range": "index count start stop step",
    "bytes": "decode split fromhex join strip lstrip rstrip startswith endswith find rfind index rindex count "
             "replace upper lower hex isdigit isalpha translate maketrans",
    "int": "bit_length bit_count conjugate as_integer_ratio to_bytes from_bytes real imag numerator denominator",
    "float": "is_integer as_integer_ratio hex conjugate fromhex real imag",
}
CHECK_VALUES = {"str": "abc", "list": [1], "tuple": (1,), "dict": {1: 2}, "set": {1}, "frozenset": frozenset(),
                "range": range(3), "bytes": b"x", "int": 5, "float": 1.5}
MISSING = ["foo", "x", "add", "append", "sort", "keys", "decode", "to_bytes", "start", "real", "fromkeys",
           "maketrans", "fromhex", "from_bytes", "__name__", "mro", "__foo__"]


def check(v, name):
    def lookup():
        getattr(v, name)
    add("check", v, (name,), fn=lookup)


for tname, names in MEMBERS.items():
    v = CHECK_VALUES[tname]
    for name in names.split():
        assert hasattr(v, name), (tname, name)
        check(v, name)
    for name in MISSING:
        if not hasattr(v, name):
            check(v, name)
check(True, "to_bytes")
check(True, "foo")
for t, present in [(int, ["from_bytes", "__name__", "__qualname__", "__module__"]), (dict, ["fromkeys"]),
                   (str, ["maketrans"]), (float, ["fromhex"]), (bytes, ["fromhex", "maketrans"]), (list, ["__name__"])]:
    for name in present:
        check(t, name)
    for name in ["x", "foo"] + [n for n in ["fromkeys", "maketrans", "fromhex", "from_bytes"] if n not in present]:
        if not hasattr(t, name):
            check(t, name)
check(len, "__name__")
check(len, "foo")
check(None, "foo")

# calling a data attribute found by the lookup: the value is not callable
method(range(3), "start")
method(5, "real")

# ---- int(x, base) ---------------------------------------------------------------------------------------------
INT2_TEXTS = ["0", "00", "0_0", "010", "10", "-10", "+10", " 10 ", "\t+0x1f\n", "0x1f", "0X1F", "0o17", "0O17",
              "0b101", "0B101", "0x_1f", "0x__1f", "0_x1f", "_1", "1_", "1__0", "1_0", "0b", "0x", "", "  ",
              "-", "+-1", "z", "Z", "zz", "-zZ", "10.0", "1e3", "0b2", "0o8", "9", "a", "xyz", "0xg", "٣",
              "１２", "\u20031\u2003", "\x1c1", "1\x00", "12é", "0b1_0_1", "0o_7", "0x1_f", "-0", "-0x0",
              "0" * 50 + "1", "1" + "0" * 40, "f" * 40, "1" * 250, "7" * 4300, "7" * 4301, " " + "1" * 4301 + "x",
              "1" * 5000, "1" * 10000 + "x", "g" * 5000]
INT2_BASES = [0, 2, 3, 8, 10, 16, 36, 7, 32, 4]
for text in INT2_TEXTS:
    for base in INT2_BASES:
        add("int2", text, (base,), fn=lambda text=text, base=base: int(text, base))
for text in ["1" * 20000, "f" * 20000, "0b" + "1" * 20000, "-" + "v" * 9000]:
    for base in [0, 2, 16, 32]:
        add("int2", text, (base,), fn=lambda text=text, base=base: int(text, base))
for x in [b"12", b"0x1F", b" -7 ", b"xyz", b"1\xff", b"\xff" * 300, b"", b"0b11", b"1_000"]:
    for base in [0, 10, 16]:
        add("int2", x, (base,), fn=lambda x=x, base=base: int(x, base))
for x, base in [(12, 10), (1.5, 10), (None, 2), ([1], 10), ("1", 1), ("1", 37), ("1", -1), ("1", 2**100),
                ("1", -2**100), ("1", True), ("1", False), ("1", 1.5), ("1", "10"), (5, 37), (5, 1.5)]:
    add("int2", x, (base,), fn=lambda x=x, base=base: int(x, base))

# ---- int.to_bytes / int.from_bytes ------------------------------------------------------------------------------
TB_INTS = [0, 1, 127, 128, 255, 256, -1, -128, -129, -256, -255, 2**31, -2**31, 2**32 - 1, 2**63, -2**63,
           2**64, 2**100 + 7, -2**100, -(2**100) - 1, 10**40, True, False, 65535, -32768, -32769]
for n in TB_INTS:
    for length in [0, 1, 2, 3, 4, 8, 9, 13, 17]:
        for order in ["big", "little"]:
            method(n, "to_bytes", length, order)
            method(n, "to_bytes", length, order, signed=True)
    method(n, "to_bytes")
    method(n, "to_bytes", byteorder="little", signed=True, length=20)
for args, kw in [((1, "big", 2), {}), ((), {"foo": 1}), ((1,), {"length": 1}), (("a",), {}), ((1, 3), {}),
                 ((1, "x"), {}), ((-1,), {}), ((2**70,), {}), ((1.0,), {}), ((1, "big"), {"signed": []}),
                 ((1, "big"), {"signed": [1]}), ((2,), {"byteorder": "little", "signed": 0}),
                 ((-1, "x"), {}), ((True,), {})]:
    method(300, "to_bytes", *args, **kw)
    method(-3, "to_bytes", *args, **kw)
TB_BYTES = [b"", b"\x00", b"\x01", b"\x7f", b"\x80", b"\xff", b"\x00\x80", b"\x80\x00", b"\xff\xff",
            b"\x01\x02\x03", b"\xff" * 9, b"\x80" + b"\x00" * 12, b"\x12\x34\x56\x78\x9a\xbc\xde\xf0\x11",
            b"\x00\x00\x00\x00\x01", bytes(range(256))]
for bs in TB_BYTES:
    for order in ["big", "little"]:
        method(int, "from_bytes", bs, order)
        method(int, "from_bytes", bs, order, signed=True)
    method(int, "from_bytes", bs)
for args, kw in [((), {}), (("ab",), {}), ((3,), {}), (([1, 2],), {}), (((255, 0),), {"signed": True}),
                 ((b"", "big", True), {}), ((b"",), {"byteorder": 3}), (([1.0],), {}), (([256],), {}),
                 ((b"", "big"), {"bytes": b""}), ((), {"bytes": b"\x01\x00", "byteorder": "little"}),
                 ((b"\x01", "middle"), {}), ((b"\x01",), {"foo": 1}), ((range(3),), {}), ((2.5,), {}),
                 ((True,), {}), (([],), {"signed": 1})]:
    method(int, "from_bytes", *args, **kw)
method(7, "from_bytes", b"\x01\x02", "little")
method(True, "to_bytes", 2, "little")
method(True, "from_bytes", b"\x01")
method(False, "from_bytes", b"\x00\x02", "little")
method(False, "from_bytes", b"\x00")
method(1.5, "fromhex", "0x1p1")


def main():
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "builtin_cases.inc")
    with open(out, "w", encoding="latin-1", newline="\n") as f:
        f.write("/* Generated by gen_builtin_cases.py from CPython 3.11; do not edit. */\n")
        for kind, self, args, kwargs, want in cases:
            f.write("{%s, %s, %s, %s, %s},\n" % (c_literal(kind), c_literal(self), c_literal(args),
                                                  c_literal(kwargs), c_literal(want)))
    print(f"{len(cases)} cases -> {out}")


main()
