#!/usr/bin/env python3
"""gen_math_cases.py — writes test/math_cases.inc: every function and
constant of the math module (sqrt exp log log2 log10 pow sin cos tan asin
acos atan atan2 sinh cosh tanh hypot floor ceil trunc fabs fmod copysign
isnan isinf isfinite isclose gcd lcm factorial comb perm isqrt fsum prod
degrees radians; pi e tau inf nan) over edge values (signed zeros,
infinities, NaN, bools, huge ints), pseudo-random floats and ints, and
every arity, keyword, type, domain and range error, with CPython 3.11 as
the oracle. test_math.c (#included by test_runtime.c) replays them.

Usage: python3 runtime/test/gen_math_cases.py

Each case is {function, args, kwargs, want} in oracle_encoding's value
encoding; function "=name" reads the attribute instead of calling it. want
is repr(result) or "!Type: message".
Invariants: deterministic output (fixed seed). The native replay links the
host libm (glibc, as CPython does), so transcendental results match bit
for bit there; the wasm build's musl differences are measured separately
(see runtime/README.md, "The math module").
"""
import math
import os
import random
import struct
import sys

from oracle_encoding import c_literal, enc, outcome

if sys.version_info[:2] != (3, 11):
    sys.exit("gen_math_cases.py needs CPython 3.11 as the oracle")

rng = random.Random(20240611)
cases = []


def add(name, *args, **kwargs):
    fn = getattr(math, name)
    want = outcome(lambda: fn(*args, **kwargs))
    cases.append((name, enc(tuple(args)), enc(kwargs) if kwargs else "",
                  want.encode("utf-8").decode("latin-1")))


def rand_float(lo_exp=-30, hi_exp=30, signed=True):
    """A random double: 52 random mantissa bits scaled by a random power of two."""
    m = 1.0 + rng.getrandbits(52) / 2 ** 52
    v = math.ldexp(m, rng.randint(lo_exp, hi_exp))
    return -v if signed and rng.random() < 0.5 else v


def rand_bits_double():
    """Any finite double, from raw bits."""
    while True:
        v = struct.unpack("<d", struct.pack("<Q", rng.getrandbits(64)))[0]
        if math.isfinite(v):
            return v


EDGE = [0.0, -0.0, 1.0, -1.0, 0.5, -0.5, 2.0, 10.0, 1e-300, -1e-300, 5e-324, 1e300, -1e300, 1.7976931348623157e308,
        700.0, 710.0, -745.0, -746.0, 0.1, math.pi, -math.pi, math.pi / 2, 1e16, 2.0 ** 53 + 2,
        math.inf, -math.inf, math.nan, 0, 1, -1, 2, 7, True, False, 10 ** 20, -10 ** 20, 2 ** 1023 * 3 // 2, 10 ** 400,
        -10 ** 400, 2 ** 1024, "a", None, [1.0]]

UNARY = ["sqrt", "exp", "log", "log2", "log10", "sin", "cos", "tan", "asin", "acos", "atan", "sinh", "cosh",
         "tanh", "fabs", "floor", "ceil", "trunc", "isnan", "isinf", "isfinite", "degrees", "radians"]
DOMAIN = {"asin": (-1, 1), "acos": (-1, 1), "atan": None, "log": None, "log2": None, "log10": None, "sqrt": None}

# constants
for name in ["pi", "e", "tau", "inf", "nan"]:
    cases.append(("=" + name, "()", "", repr(getattr(math, name))))

# one-argument float functions: edge values and random inputs
for name in UNARY:
    for v in EDGE:
        add(name, v)
    for _ in range(60):
        if name in ("asin", "acos"):
            v = rng.uniform(-1, 1)
        elif name in ("exp", "sinh", "cosh"):
            v = rng.uniform(-720, 720) if rng.random() < 0.5 else rand_float(-20, 9)
        elif name in ("log", "log2", "log10", "sqrt"):
            v = abs(rand_bits_double()) if rng.random() < 0.5 else abs(rand_float())
        elif name in ("sin", "cos", "tan"):
            v = rand_float(-10, 60)
        else:
            v = rand_bits_double() if rng.random() < 0.3 else rand_float()
        add(name, v)
    for v in [rng.getrandbits(rng.randint(1, 80)) for _ in range(6)]:
        add(name, v)

# logarithms of huge ints and with bases
for v in [10 ** 400, 2 ** 2000, 2 ** 1024, 2 ** 1024 - 1, 3 ** 1000, 10 ** 308, 2 ** 10000 + 1, 7 ** 5000]:
    for name in ["log", "log2", "log10"]:
        add(name, v)
BASES = [2, 10, 0.5, 1, 0, -2, 2.0, math.e, math.inf, math.nan, 10 ** 400, True, 1.0, "x"]
for x in [1, 8, 100, 1000, 0.001, 10 ** 400, 0, -1, math.inf, math.nan, 2.5, "x"]:
    for b in BASES:
        add("log", x, b)
for _ in range(40):
    add("log", abs(rand_float()), abs(rand_float()))

# two-argument float functions
PAIR_EDGE = [0.0, -0.0, 1.0, -1.0, 2.0, -2.0, 0.5, 3, -3, 1e308, 1e-308, 2.5, -2.5, math.inf, -math.inf, math.nan,
             True, 10 ** 400, "s"]
for name in ["pow", "atan2", "fmod", "copysign"]:
    for x in PAIR_EDGE:
        for y in PAIR_EDGE:
            add(name, x, y)
    for _ in range(60):
        if name == "pow":
            x, y = abs(rand_float(-5, 5)) if rng.random() < 0.8 else rand_float(-5, 5), rand_float(-6, 7)
        else:
            x, y = rand_float(), rand_float()
        add(name, x, y)
for x, y in [(10, 400), (-8, 1 / 3), (0, -1), (-0.0, -1), (-0.0, -3), (0.0, -math.inf), (-1, math.inf), (2, 1024),
             (2, -1080), (-2, 1025), (-2, 1024.5), (1e-300, 2), (math.inf, 0), (math.nan, 0.0), (1, math.nan)]:
    add("pow", x, y)

# hypot
HYP = [0.0, -0.0, 3, 4, -5.0, 1e308, 1e-320, 5e-324, math.inf, -math.inf, math.nan, True, 10 ** 400, "h", 1e-200]
add("hypot")
for x in HYP:
    add("hypot", x)
    for y in HYP:
        add("hypot", x, y)
add("hypot", 1, 2, 2)
add("hypot", math.nan, 1, math.inf)
add("hypot", *([1e308] * 5))
add("hypot", *([1.0] * 40))
for _ in range(200):
    n = rng.choice([2, 2, 2, 3, 4, 7, 20])
    scale = rng.randint(-1070, 1020)
    add("hypot", *[math.ldexp(rand_float(-3, 3), scale) for _ in range(n)])
for _ in range(50):
    add("hypot", rand_bits_double(), rand_bits_double())

# floor, ceil, trunc: exact ints for huge floats
for name in ["floor", "ceil", "trunc"]:
    for v in [2.5, -2.5, 1e300, -1e300, 2.0 ** 63, -2.0 ** 63, 2.0 ** 64 + 4096, 1.7976931348623157e308, 0.999999,
              -0.999999, 4503599627370495.5, 3, True, 10 ** 30, -10 ** 30]:
        add(name, v)

# isclose
for a, b in [(1.0, 1.0 + 1e-10), (1.0, 1.1), (0.0, 1e-10), (math.inf, math.inf), (math.inf, -math.inf),
             (math.nan, math.nan), (1, 1), (True, 1.0), (1e308, math.inf), (-0.0, 0.0), (10 ** 400, 1)]:
    add("isclose", a, b)
    add("isclose", a, b, rel_tol=0.2)
    add("isclose", a, b, abs_tol=1e-9)
    add("isclose", a, b, rel_tol=0.0, abs_tol=0.0)
for args, kw in [((), {}), ((1,), {}), ((1, 2, 3), {}), ((1, 2, 3, 4), {}), ((), {"a": 1, "b": 2}),
                 ((1,), {"b": 1}), ((1,), {"a": 1}), ((1, 2), {"c": 3}), ((1, 2), {"a": 3}), ((1, 2), {"b": 3}),
                 ((1, 2), {"rel_tol": -1}), ((1, 2), {"abs_tol": -1}), ((1, 2), {"rel_tol": "x"}),
                 ((), {"b": 1}), ((1, 1), {"rel_tol": 1, "abs_tol": 2, "x": 3}), ((1, 2, 3), {"rel_tol": 1}),
                 ((1, 2), {"abs_tol": "x", "rel_tol": -1}), ((1, 2), {"rel_tol": True}),
                 ((1, 2), {"rel_tol": 10 ** 400}), (("a", 1), {}), ((1, "b"), {}), ((1, 2, 3, 4, 5), {}),
                 ((1,), {"c": 3}), ((1, math.inf), {"rel_tol": math.inf}), ((1, 1.5), {"abs_tol": math.inf})]:
    add("isclose", *args, **kw)

# gcd, lcm
INTS = [0, 1, -1, 2, 6, -4, 12, 18, 35, 64, 2 ** 31, 2 ** 62 * 3, 10 ** 30, -10 ** 20 - 1, 2 ** 200 * 3 ** 50,
        3 ** 120 * 7, True, False]
for name in ["gcd", "lcm"]:
    add(name)
    for a in INTS:
        add(name, a)
        for b in INTS:
            add(name, a, b)
    for args in [(12, 18, 27), (4, 6, 10), (2.0,), (1, "a"), (0, "a"), (1.5, 2), (6, 4, 10, 2 ** 100, -15)]:
        add(name, *args)
    for _ in range(40):
        k = rng.randint(2, 4)
        base = rng.getrandbits(rng.randint(1, 100)) + 1
        add(name, *[base * rng.getrandbits(rng.randint(1, 90)) * rng.choice([1, -1]) for _ in range(k)])

# factorial, perm, comb, isqrt
for n in list(range(0, 30)) + [100, 170, 171, 500, True, False, -1, -10 ** 20, 10 ** 20, 2.0, 2.5, -1.5, "x", None]:
    add("factorial", n)
NK = [0, 1, 2, 3, 5, 10, 12, 40, -1, True, 10 ** 20, 10 ** 30 - 1, 2 ** 64, 2.0, None, "k"]
for n in NK:
    add("perm", n)
    for k in NK:
        add("perm", n, k)
        add("comb", n, k)
for _ in range(60):
    n = rng.randint(0, 300)
    k = rng.randint(0, 320)
    add("comb", n, k)
    add("perm", n, k)
for n, k in [(10 ** 20, 2), (10 ** 30, 3), (10 ** 30, 10 ** 30 - 1), (10 ** 20, 10 ** 19), (10 ** 30, 10 ** 30),
             (3, 10 ** 30), (-3, 10 ** 30), (-10 ** 20, 10 ** 30), (2 ** 64, 1), (1000, 500), (10 ** 30, 0)]:
    add("comb", n, k)
    add("perm", n, k)
for n in list(range(0, 70)) + [2 ** 52 - 1, 2 ** 52, 2 ** 53 + 1, 2 ** 64 - 1, 10 ** 20 + 12345, 10 ** 100,
                               10 ** 100 - 1, True, False, -1, -10 ** 30, 2.0, -1.5, "x"]:
    add("isqrt", n)
for _ in range(80):
    n = rng.getrandbits(rng.randint(1, 700))
    add("isqrt", n)
    add("isqrt", n * n)
    add("isqrt", n * n - 1 if n else 0)

# fsum
add("fsum", [])
for lst in [[0.1] * 10, [1e308, 1e308], [math.inf, -math.inf], [math.inf, 1], [math.nan, 1], [1e308, 1e308, -1e308],
            [10 ** 400], ["a"], [-0.0], [-0.0, -0.0], [1e16, 1.0, 1e-16], [math.inf, math.inf],
            [1e-16, 1, 1e16], [1, 2 ** 53, 1], [2 ** 53, 1, 1], [1e300, 1e-300, -1e300], [True, 2, 0.5],
            [1.7976931348623157e308, -1.7976931348623157e308, 1.0], [math.inf, math.nan], [-math.inf, -math.inf],
            [1, 1e100, 1, -1e100] * 1000, [0.1, 0.2, 0.3, -0.6], 5, "abc", (1, 2), [2 ** 1023, 2 ** 1023 // 2]]:
    add("fsum", lst)
for _ in range(120):
    n = rng.randint(1, 60)
    kind = rng.random()
    if kind < 0.4:
        lst = [rand_float(-60, 60) for _ in range(n)]
    elif kind < 0.8:  # cancellation: values and their negations, plus small noise
        lst = [rand_float(-40, 40) for _ in range(n)]
        lst += [-x for x in lst] + [rand_float(-80, -50) for _ in range(3)]
        rng.shuffle(lst)
    else:
        lst = [rand_bits_double() / 2 ** 30 for _ in range(n)]
    add("fsum", lst)

# prod
for args, kw in [(([1, 2, 3, 4],), {}), (([],), {}), (([2.5, 2],), {}), (([1, 2],), {"start": 3}), (([1, 2], 3), {}),
                 ((1,), {}), ((), {"iterable": [1]}), (([1],), {"start": 2, "x": 1}), ((), {"start": 2}),
                 (([1.5, 2, 3],), {}), (([True, True],), {}), ((["a", 2],), {}), (([2, "a"],), {}),
                 (([10 ** 30, 10 ** 30],), {}), (([],), {"start": 1.5}), (([1],), {"x": 1}),
                 (([1],), {"start": 2, "iterable": 3}), (([1],), {"iterable": 3}), ((), {}), ((), {"x": 1}),
                 (([1], 2), {"start": 3}), ((list(range(1, 30)),), {}), (([[1], 2],), {}), (([None, 1],), {}),
                 (([2, None],), {}), (((0.5, 10 ** 400),), {}), (([1e200, 1e200],), {}), (([],), {"start": "s"})]:
    add("prod", *args, **kw)

# arity, keyword and type errors for every function
ALL = UNARY + ["pow", "atan2", "fmod", "copysign", "hypot", "gcd", "lcm", "factorial", "comb", "perm", "isqrt",
               "fsum"]
for name in ALL:
    for args, kw in [((), {}), ((1, 2, 3), {}), ((1,), {"x": 1}), (("a",), {}), (("a", "b"), {}), ((1, "a"), {}),
                     ((), {"x": 1})]:
        add(name, *args, **kw)


def main():
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "math_cases.inc")
    with open(out, "w", encoding="latin-1", newline="\n") as f:
        f.write("/* Generated by gen_math_cases.py from CPython 3.11; do not edit. */\n")
        for name, args, kwargs, want in cases:
            f.write("{%s, %s, %s, %s},\n" % (c_literal(name), c_literal(args), c_literal(kwargs), c_literal(want)))
    print(f"{len(cases)} cases -> {out}")


main()
