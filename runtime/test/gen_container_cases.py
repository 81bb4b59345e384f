#!/usr/bin/env python3
"""gen_container_cases.py — regenerates container_cases.inc, the oracle table
for the container tests (test_containers.c), by evaluating every case with
the host CPython 3.11 (run with PYTHONHASHSEED=0).

Each row is {kind, self, args, expected}. `self` and `args` are Python
literals the C side parses itself (ints, floats, escape-free strs, None,
bools, lists, tuples, dicts, sets, frozenset(...), range(...), slice(...) and
the builtin names len/abs/str/repr/int/float/bool). `args` is a tuple
literal, or for method and builtin calls a pair (positional tuple, kwargs
dict). expected is "!Type: message" for an exception, otherwise a repr; for
operations that mutate, "repr(result) | repr(self after)".

Sets never hold None here: CPython 3.11 hashes it by address, so its place
in a set's iteration order is arbitrary.
Run by hand after adding cases; the output is committed."""
import ast
import itertools
import operator
import sys

from oracle_encoding import c_string, exc_text


def outcome(fn):
    try:
        return fn()
    except Exception as e:
        return exc_text(e)


rows = []


def add(kind, self_lit, args_lit, compute):
    rows.append((kind, self_lit, args_lit, outcome(compute)))


class RuntimeSetDisplays(ast.NodeTransformer):
    """CPython folds a display of constants like {3, 1, 2} into a frozenset
    constant whose order can differ from building the set at run time; the
    C side builds sets at run time (add in source order), so the oracle must
    too: {a, b} becomes set([a, b])."""

    def visit_Set(self, node):
        self.generic_visit(node)
        return ast.Call(func=ast.Name('set', ast.Load()), args=[ast.List(elts=node.elts, ctx=ast.Load())],
                        keywords=[])


def ev(lit):
    tree = ast.fix_missing_locations(RuntimeSetDisplays().visit(ast.parse(lit, mode='eval')))
    return eval(compile(tree, '<literal>', 'eval'))


def hash_order_safe(x):
    """False when x holds None: CPython 3.11 hashes None by its address, so
    a set holding it iterates in an arbitrary order."""
    if x is None:
        return False
    if isinstance(x, (list, tuple, set, frozenset)):
        return all(hash_order_safe(y) for y in x)
    if isinstance(x, dict):
        return all(hash_order_safe(y) for y in x)
    return True


BINARY = {
    'add': operator.add, 'sub': operator.sub, 'mul': operator.mul, 'or': operator.or_,
    'and': operator.and_, 'xor': operator.xor, 'lt': operator.lt, 'le': operator.le,
    'eq': operator.eq, 'ne': operator.ne, 'gt': operator.gt, 'ge': operator.ge,
}
INPLACE = {
    'iadd': operator.iadd, 'imul': operator.imul, 'ior': operator.ior, 'iand': operator.iand,
    'isub': operator.isub, 'ixor': operator.ixor,
}


def unary_cases():
    values = ['[]', '[1]', '[1, 2, 3]', "[1, 'a', None, 2.5, True]", '[[1, 2], [3], []]', '()', '(1,)',
              '(1, 2)', "(1, ('a', 2.0), [])", '{}', "{1: 'a', 'b': [2]}", "{'x': {'y': ()}}", 'set()',
              '{1}', '{3, 1, 2}', '{(1, 2), 5, -1}', 'frozenset()', 'frozenset({2, 1})',
              'frozenset({frozenset({1})})', 'range(5)', 'range(0)', 'range(1, 10, 3)', 'range(10, 0, -2)',
              'range(-5, 5)', 'range(0, 10, 1)', 'slice(1)', 'slice(None, 2, -1)', "slice('a', 2.5, None)",
              "'abc'", "'h\u00e9\u20ac\U0001f600'", "''", '0', 'None', 'len', 'abs', 'str', 'int',
              '{-1, -2, 0, 8, 16, 9}', '{100, 7, 1000000, 33}', 'set(range(20))',
              "{'apple', 'banana', 'cherry', 'date'}", "{'x', 1, (2, 'y'), 2.5}", "set('hello world')",
              "frozenset({'b', 'a'})", "{'é', '日本', '🐍', ''}", "{1: 'a', 2: 'b'}.keys()",
              "{1: 'a', 2: 'b'}.values()", "{1: 'a', 2: 'b'}.items()"]
    for v in values:
        add('repr', v, '()', lambda v=v: repr(repr(ev(v))))
        add('str', v, '()', lambda v=v: repr(str(ev(v))))
        add('len', v, '()', lambda v=v: repr(len(ev(v))))
        add('truthy', v, '()', lambda v=v: repr(bool(ev(v))))
        add('list', v, '()', lambda v=v: repr(list(ev(v))))
        add('tuple', v, '()', lambda v=v: repr(tuple(ev(v))))
        if hash_order_safe(ev(v)):
            add('set', v, '()', lambda v=v: repr(set(ev(v))))
        add('dict', v, '()', lambda v=v: repr(dict(ev(v))))
        add('reversed', v, '()', lambda v=v: repr(list(reversed(ev(v)))))
    for v in ['0', '1', '-1', '-2', '2305843009213693951', '2305843009213693952', '-9223372036854775808',
              '9223372036854775807', '1.5', '-0.5', '1e+300', '2.0', '-1.0', '0.1', 'True', '()', '(1, 2)',
              '((1,), -1)', '(1.5, True)', 'frozenset({1, 2})', 'frozenset()', '(frozenset({3}),)', '[1]',
              '{1: 2}', '{1}', '(1, [2])', 'slice(1)']:
        add('hash', v, '()', lambda v=v: repr(hash(ev(v))))
    pairs = ['[(1, 2), (3, 4)]', "['ab', 'cd']", '[[1, 2], (3, 4)]', "[(1, 2, 3)]", '[1]', "['abc']",
             "{1: 2}", "[[1, 'x'], [1, 'y']]"]
    for v in pairs:
        add('dict', v, '()', lambda v=v: repr(dict(ev(v))))


def subscript_cases():
    bases = ['[0, 1, 2, 3, 4, 5]', '(0, 1, 2, 3, 4)', "'abcdef'", "'a\u00e9\u20acb'", 'range(0, 12, 2)',
             'range(10, -3, -3)', '[]']
    bounds = [None, 0, 1, -1, 3, 10, -10, True]
    steps = [None, 1, 2, -1, -2, 3, 0]
    for base in bases:
        for i in list(range(-8, 8)) + ["'a'", '1.5', 'True', 'None', '[1]']:
            key = str(i)
            add('getitem', base, '(%s,)' % key, lambda b=base, k=key: repr(ev(b)[ev(k)]))
        for start, stop, step in itertools.product(bounds, bounds, steps):
            sl = 'slice(%r, %r, %r)' % (start, stop, step)
            add('getitem', base, '(%s,)' % sl, lambda b=base, s=sl: repr(ev(b)[ev(s)]))
    add('getitem', '[1]', "(slice('a', None, None),)", lambda: repr([1][ev("slice('a', None, None)")]))
    add('getitem', '[1]', "(slice(None, 1.5, None),)", lambda: repr([1][ev("slice(None, 1.5, None)")]))
    for d in ["{1: 'a', 'b': 2, (1, 2): 3}", '{}']:
        for k in ['1', "'b'", '(1, 2)', '2', "'x'", '[1]', '1.0', 'True', '{1}', 'frozenset()']:
            add('getitem', d, '(%s,)' % k, lambda d=d, k=k: repr(ev(d)[ev(k)]))
    for o in ['5', 'None', '{1}', 'frozenset({1})', 'slice(1)']:
        add('getitem', o, '(0,)', lambda o=o: repr(ev(o)[0]))

    def setitem(base, key, value):
        def run():
            x = ev(base)
            x[ev(key)] = ev(value)
            return 'None | ' + repr(x)
        return run

    def delitem(base, key):
        def run():
            x = ev(base)
            del x[ev(key)]
            return 'None | ' + repr(x)
        return run
    lst = '[0, 1, 2, 3, 4, 5]'
    for start, stop, step in itertools.product([None, 0, 1, -2, 4, 10], [None, 0, 2, -1, 5, -10], [None, 1, 2, -1, -3, 0]):
        sl = 'slice(%r, %r, %r)' % (start, stop, step)
        for value in ['[]', '[9]', '[7, 8, 9]', '(7, 8)', "'xy'", '5', 'range(3)', '{1: 2}']:
            add('setitem', lst, '(%s, %s)' % (sl, value), setitem(lst, sl, value))
        add('delitem', lst, '(%s,)' % sl, delitem(lst, sl))
    for base in [lst, '[]', "{1: 'a', 'b': 2}", '(1, 2)', "'ab'", 'range(3)', '5', '{1}']:
        for key in ['0', '-1', '6', '-7', "'b'", '1', '[1]', '1.5', 'True', "'zz'"]:
            add('setitem', base, '(%s, 99)' % key, setitem(base, key, '99'))
            add('delitem', base, '(%s,)' % key, delitem(base, key))


def operator_cases():
    operands = ['[]', '[1, 2]', '[1, 3]', '[1, 2, 3]', '[2]', "['a']", '[1, [2]]', '[1, 2.0]', '()', '(1, 2)',
                '(1, 3)', '(1, 2, 3)', '(1,)', "('a', 1)", '{}', '{1: 2}', '{1: 3}', "{1: 2, 'a': 3}", "{'a': 3, 1: 2}",
                'set()', '{1, 2}', '{2, 3}', '{1, 2, 3}', '{4}', 'frozenset({1, 2})', 'frozenset({5})',
                'range(3)', 'range(0, 3)', "{'a', 'b', 'c'}", "{'b', 'z'}", 'range(0)', 'range(1, 2, 5)', 'range(1, 3, 7)', '2', '-1', '0', 'True',
                '1.5', "'x'", 'None', '[None, 1]']
    for a in operands:
        for b in operands:
            for name, fn in BINARY.items():
                add(name, a, '(%s,)' % b, lambda a=a, b=b, fn=fn: repr(fn(ev(a), ev(b))))
            for name, fn in INPLACE.items():
                def run(a=a, b=b, fn=fn):
                    x = ev(a)
                    r = fn(x, ev(b))
                    return repr(r) + ' | ' + repr(x)
                add(name, a, '(%s,)' % b, run)
    for n in ['0', '1', '3', '-2', 'True', 'False']:
        for s in ['[1, 2]', '(1,)', '[]', '()', "'ab'"]:
            add('mul', s, '(%s,)' % n, lambda s=s, n=n: repr(ev(s) * ev(n)))
            add('mul', n, '(%s,)' % s, lambda s=s, n=n: repr(ev(n) * ev(s)))
    # keys/items views are set-like: & | ^ - with any iterable on either side,
    # comparisons with sets and other views; values views are not
    views = ["{1: 'a', 2: 'b'}.keys()", "{1: 'a', 2: 'b'}.items()", "{1: 'a', 2: 'b'}.values()",
             "{2: 'b', 3: 'c'}.keys()", "{2: 'b', 3: 'c'}.items()", '{}.keys()', '{}.items()',
             "{1: 'a', 2: 'x'}.items()", "{'x': 1, 'y': 2, 'z': 3}.keys()", '{1: [2]}.items()',
             "{2: 'b', 1: 'a'}.keys()", "{1: 'a'}.keys()"]
    others = ['{1, 2}', '{2, 3}', 'set()', '{1, 2, 3}', 'frozenset({1, 2})', "{(1, 'a'), (2, 'b')}", "{(2, 'b'), 5}",
              '[1, 3]', "[(1, 'a')]", "'ab'", '5', 'None', '(2,)', "{1: 'z'}", "{2: 0, 3: 0}", '[[1]]', 'range(3)',
              "{'x', 'q'}", "frozenset({(1, 'a')})", "{1: 'a', 2: 'b'}"]
    view_ops = ['sub', 'or', 'and', 'xor', 'lt', 'le', 'eq', 'ne', 'gt', 'ge']
    for a in views:
        for b in views + others:
            for x, y in [(a, b), (b, a)] if b not in views or a <= b else [(a, b)]:
                for name in view_ops:
                    fn = BINARY[name]
                    add(name, x, '(%s,)' % y, lambda x=x, y=y, fn=fn: repr(fn(ev(x), ev(y))))
                for name in ['ior', 'isub', 'iand', 'ixor']:
                    def run(x=x, y=y, fn=INPLACE[name]):
                        v = ev(x)
                        r = fn(v, ev(y))
                        return repr(r) + ' | ' + repr(v)
                    add(name, x, '(%s,)' % y, run)
    for c in ['[1, 2, [3]]', '(1, (2,))', "{1: 'a', 'b': 2}", '{1, 2, (3, 4)}', 'frozenset({1})', 'range(0, 10, 3)',
              'range(10, 0, -3)', 'range(0)', "'abc'", '5', "{1: 2}.keys()", "{1: 2}.values()", "{1: 2}.items()"]:
        for x in ['1', '2', '3', '9', "'a'", "'b'", '(3, 4)', '[3]', '(2,)', '1.0', '3.0', 'True', "'bc'",
                  '(1, 2)', '[1]', '{1}', '-3', '10']:
            add('contains', c, '(%s,)' % x, lambda c=c, x=x: repr(ev(x) in ev(c)))


def constant_set_display_cases():
    """{c1, c2, c3...} of constants: CPython's compile-time frozenset order,
    which rt_set_from_constants reproduces (plain eval, no set() rewrite)."""
    for items in ['-1, -2, 0, 8, 16, 9', '5, 6, 1000, 2000, 3000', "'apple', 'banana', 'cherry'",
                  "'a', 'b', 'c', 'd', 'e'", '3, 1, 2', '10, 5, 100, 0, -1, 7', '(1, 2), (0, 0), (2, 1)',
                  '2305843009213693951, 2305843009213693952, 0, 1', 'True, 2, 0', '1, 1.0, True',
                  ', '.join(str(i * 8) for i in range(30)), ', '.join(repr(chr(97 + i) * 2) for i in range(20))]:
        add('setconst', '(%s,)' % items, '()', lambda items=items: repr(eval('{%s}' % items)))


def big_range_cases():
    big = 2 ** 70
    ranges = ['range(%d)' % big, 'range(%d, %d, 3)' % (-big, big), 'range(%d, 0, %d)' % (big, -2 ** 64),
              'range(5, %d, %d)' % (big, 2 ** 66), 'range(%d, %d)' % (2 ** 63 - 2, 2 ** 63 + 2)]
    for r in ranges:
        for kind, fn in [('repr', lambda x: repr(repr(x))), ('len', lambda x: repr(len(x))),
                         ('truthy', lambda x: repr(bool(x)))]:
            add(kind, r, '()', lambda r=r, fn=fn: fn(ev(r)))
        for k in ['0', '-1', '1', str(big - 1), str(-big), str(big * 4), '-3']:
            add('getitem', r, '(%s,)' % k, lambda r=r, k=k: repr(ev(r)[ev(k)]))
            add('contains', r, '(%s,)' % k, lambda r=r, k=k: repr(ev(k) in ev(r)))
        for sl in ['slice(None, 3, None)', 'slice(None, None, -1)', 'slice(5, -5, 2)', 'slice(-3, None, None)',
                   'slice(None, None, %d)' % 2 ** 66, 'slice(%d, None, -7)' % -2 ** 69, 'slice(None, None, 0)',
                   "slice('a', None, None)"]:
            add('getitem', r, '(%s,)' % sl, lambda r=r, sl=sl: repr(ev(r)[ev(sl)]))
        add('m:index', r, '((%d,), {})' % (big - 1), lambda r=r: repr(ev(r).index(big - 1)) + ' | ' + repr(ev(r)))
        add('m:count', r, '((%d,), {})' % (big - 1), lambda r=r: repr(ev(r).count(big - 1)) + ' | ' + repr(ev(r)))
    small = 'range(%d, %d)' % (2 ** 63 - 2, 2 ** 63 + 2)
    add('list', small, '()', lambda: repr(list(ev(small))))
    add('reversed', small, '()', lambda: repr(list(reversed(ev(small)))))
    add('eq', ranges[0], '(range(0, %d, 1),)' % big, lambda: repr(ev(ranges[0]) == range(0, big, 1)))
    for seq in ['[1, 2]', '(1, 2)', "'ab'"]:
        add('getitem', seq, '(%d,)' % big, lambda seq=seq: repr(ev(seq)[big]))
        add('getitem', seq, '(slice(%d, None, None),)' % -big, lambda seq=seq: repr(ev(seq)[-big:]))


def unpack_cases():
    for v in ['[1, 2]', '(1, 2)', '[1]', '(1, 2, 3)', "'ab'", "'abc'", '{1: 2}', '{1: 2, 3: 4}', '1', 'None',
              'range(2)', 'range(5)', '[]', '{(1, 2)}', "{1: 2}.items()"]:
        for n in [0, 1, 2, 3]:
            def run(v=v, n=n):
                x = ev(v)
                if n == 0:
                    () = x
                    return '()'
                if n == 1:
                    a, = x
                    return repr((a,))
                if n == 2:
                    a, b = x
                    return repr((a, b))
                a, b, c = x
                return repr((a, b, c))
            add('unpack', v, '(%d,)' % n, run)


def method_cases():
    calls = [
        ('[1, 2]', 'append', '(3,)', '{}'), ('[1, 2]', 'append', '()', '{}'), ('[1, 2]', 'append', '(1, 2)', '{}'),
        ('[1, 2]', 'append', '()', "{'x': 1}"),
        ('[1, 2]', 'extend', '([3, 4],)', '{}'), ('[1, 2]', 'extend', "('ab',)", '{}'), ('[1, 2]', 'extend', '(5,)', '{}'),
        ('[1, 2]', 'extend', '(range(3),)', '{}'), ('[1, 2]', 'extend', '({3: 4},)', '{}'),
        ('[1, 2, 3]', 'insert', '(0, 9)', '{}'), ('[1, 2, 3]', 'insert', '(-1, 9)', '{}'),
        ('[1, 2, 3]', 'insert', '(10, 9)', '{}'), ('[1, 2, 3]', 'insert', '(-10, 9)', '{}'),
        ('[1, 2, 3]', 'insert', '(1,)', '{}'), ('[1, 2, 3]', 'insert', "('a', 1)", '{}'),
        ('[1, 2, 3]', 'pop', '()', '{}'), ('[1, 2, 3]', 'pop', '(0,)', '{}'), ('[1, 2, 3]', 'pop', '(-1,)', '{}'),
        ('[1, 2, 3]', 'pop', '(3,)', '{}'), ('[]', 'pop', '()', '{}'), ('[1]', 'pop', '(1, 2)', '{}'),
        ('[1]', 'pop', "('a',)", '{}'), ('[1, 2, 3]', 'pop', '(-4,)', '{}'),
        ('[1, 2, 1]', 'remove', '(1,)', '{}'), ('[1, 2, 1]', 'remove', '(5,)', '{}'), ('[1, 2, 1]', 'remove', '()', '{}'),
        ('[1, 2, 1]', 'index', '(1,)', '{}'), ('[1, 2, 1]', 'index', '(1, 1)', '{}'), ('[1, 2, 1]', 'index', '(2, 0, 1)', '{}'),
        ('[1, 2, 1]', 'index', '(1, -1)', '{}'), ('[1, 2, 1]', 'index', '(7,)', '{}'), ('[1, 2, 1]', 'index', "('a',)", '{}'),
        ('[1, 2, 1]', 'index', '()', '{}'), ('[1, 2, 1]', 'index', "(1, 'a')", '{}'), ('[1, 2, 1]', 'index', '(1, -10, 10)', '{}'),
        ('[1, 2, 1]', 'count', '(1,)', '{}'), ('[1, 2, 1]', 'count', '(1.0,)', '{}'), ('[1, 2, 1]', 'count', '()', '{}'),
        ('[1, 2]', 'clear', '()', '{}'), ('[1, 2]', 'clear', '(1,)', '{}'), ('[1, 2]', 'copy', '()', '{}'),
        ('[1, 2, 3]', 'reverse', '()', '{}'), ('[1, 2]', 'reverse', '(1,)', '{}'),
        ('[3, 1, 2]', 'sort', '()', '{}'), ('[3, 1, 2]', 'sort', '()', "{'reverse': True}"),
        ("['bb', 'a', 'ccc', 'dd']", 'sort', '()', "{'key': len}"), ("['bb', 'a', 'ccc', 'dd']", 'sort', '()', "{'key': len, 'reverse': True}"),
        ('[3, -1, 2, -3]', 'sort', '()', "{'key': abs}"), ('[3, 1, 2]', 'sort', '(1,)', '{}'),
        ('[3, 1, 2]', 'sort', '()', "{'x': 1}"), ('[3, 1, 2]', 'sort', '()', "{'key': 1}"),
        ("[1, 'a']", 'sort', '()', '{}'), ('[3, 1, 2]', 'sort', '()', "{'reverse': 1.5}"),
        ('[3, 1, 2]', 'sort', '()', "{'key': None}"), ('[[2, 1], [1, 2], [1]]', 'sort', '()', '{}'),
        ("[10, 9, 1, 'x']", 'sort', '()', "{'key': str}"), ('[2.5, 1, True, 0.5]', 'sort', '()', '{}'),
        ('[1, 2]', 'foo', '()', '{}'),
        ('(1, 2, 1)', 'index', '(1,)', '{}'), ('(1, 2, 1)', 'index', '(3,)', '{}'), ('(1, 2, 1)', 'index', '(1, 1)', '{}'),
        ('(1, 2, 1)', 'count', '(1,)', '{}'), ('(1, 2, 1)', 'count', '()', '{}'), ('(1,)', 'append', '(1,)', '{}'),
        ("{1: 'a', 2: 'b'}", 'keys', '()', '{}'), ("{1: 'a', 2: 'b'}", 'values', '()', '{}'),
        ("{1: 'a', 2: 'b'}", 'items', '()', '{}'), ("{1: 'a'}", 'keys', '(1,)', '{}'),
        ("{1: 'a'}", 'get', '(1,)', '{}'), ("{1: 'a'}", 'get', '(2,)', '{}'), ("{1: 'a'}", 'get', '(2, 0)', '{}'),
        ("{1: 'a'}", 'get', '()', '{}'), ("{1: 'a'}", 'get', '(1, 2, 3)', '{}'), ("{1: 'a'}", 'get', '([],)', '{}'),
        ("{1: 'a'}", 'get', '()', "{'k': 1}"),
        ("{1: 'a'}", 'setdefault', '(1, 5)', '{}'), ("{1: 'a'}", 'setdefault', '(2, 5)', '{}'), ("{1: 'a'}", 'setdefault', '(2,)', '{}'),
        ("{1: 'a', 2: 'b'}", 'pop', '(1,)', '{}'), ("{1: 'a'}", 'pop', '(3,)', '{}'), ("{1: 'a'}", 'pop', '(3, None)', '{}'),
        ("{1: 'a'}", 'pop', '()', '{}'), ("{1: 'a'}", 'pop', "('k',)", '{}'),
        ("{1: 'a', 2: 'b'}", 'popitem', '()', '{}'), ('{}', 'popitem', '()', '{}'),
        ("{1: 'a'}", 'update', "({2: 'b', 1: 'c'},)", '{}'), ("{1: 'a'}", 'update', "([(3, 4), 'xy'],)", '{}'),
        ("{1: 'a'}", 'update', '()', "{'z': 1}"), ("{1: 'a'}", 'update', '([(1, 2)],)', "{'k': 5}"),
        ("{1: 'a'}", 'update', '(1,)', '{}'), ("{1: 'a'}", 'update', '([1],)', '{}'), ("{1: 'a'}", 'update', '([(1, 2, 3)],)', '{}'),
        ("{1: 'a'}", 'update', '({}, {})', '{}'),
        ("{1: 'a'}", 'clear', '()', '{}'), ("{1: 'a'}", 'copy', '()', '{}'), ("{1: 'a'}", 'fromkeys2', '()', '{}'),
        ('{1, 2}', 'add', '(3,)', '{}'), ('{1, 2}', 'add', '(1,)', '{}'), ('{1, 2}', 'add', '([],)', '{}'), ('{1, 2}', 'add', '()', '{}'),
        ('{1, 2}', 'remove', '(1,)', '{}'), ('{1, 2}', 'remove', '(5,)', '{}'), ('{1, 2}', 'remove', '([],)', '{}'),
        ('{1, 2}', 'discard', '(1,)', '{}'), ('{1, 2}', 'discard', '(5,)', '{}'),
        ('{1, 2}', 'pop', '()', '{}'), ('set()', 'pop', '()', '{}'), ('{1, 2}', 'clear', '()', '{}'), ('{1, 2}', 'copy', '()', '{}'),
        ('{1, 2}', 'update', '([3], (4, 5))', '{}'), ('{1, 2}', 'update', '()', '{}'), ('{1, 2}', 'update', '(1,)', '{}'),
        ('{1, 2}', 'union', '()', '{}'), ('{1, 2}', 'union', '([3], {9: 0})', '{}'), ('{1, 2}', 'union', '(1,)', '{}'),
        ('{1, 2, 3}', 'intersection', '([2, 3, 4],)', '{}'), ('{1, 2, 3}', 'intersection', '({2, 3}, (3,))', '{}'),
        ('{1, 2, 3}', 'intersection', '()', '{}'),
        ('{1, 2, 3}', 'difference', '([2],)', '{}'), ('{1, 2, 3}', 'difference', '([2], {3})', '{}'), ('{1, 2, 3}', 'difference', '()', '{}'),
        ('{1, 2, 3}', 'symmetric_difference', '([2, 5],)', '{}'), ('{1, 2, 3}', 'symmetric_difference', '()', '{}'),
        ('{1, 2}', 'issubset', '([1, 2, 3],)', '{}'), ('{1, 2}', 'issubset', '({1},)', '{}'), ('{1, 2}', 'issubset', '()', '{}'),
        ('{1, 2}', 'issubset', '(1,)', '{}'),
        ('{1, 2}', 'issuperset', '([1],)', '{}'), ('{1, 2}', 'issuperset', '({1, 5},)', '{}'),
        ('{1, 2}', 'isdisjoint', '([3],)', '{}'), ('{1, 2}', 'isdisjoint', '({2},)', '{}'), ('{1, 2}', 'isdisjoint', '(1,)', '{}'),
        ('{1, 2, 3}', 'intersection_update', '([2, 3, 4],)', '{}'), ('{1, 2, 3}', 'intersection_update', '([2], [3])', '{}'),
        ('{1, 2, 3}', 'difference_update', '([2], [3])', '{}'), ('{1, 2, 3}', 'symmetric_difference_update', '([3, 4],)', '{}'),
        ('{1, 2, 3}', 'intersection_update', '(1,)', '{}'), ('{1, 2}', 'add', '(3,)', "{'x': 1}"),
        ('frozenset({1, 2})', 'add', '(3,)', '{}'), ('frozenset({1, 2})', 'union', '([3],)', '{}'),
        ('frozenset({1, 2})', 'copy', '()', '{}'), ('frozenset({1, 2})', 'intersection', '({2},)', '{}'),
        ('frozenset({1, 2})', 'issubset', '([1, 2],)', '{}'), ('frozenset({1, 2})', 'remove', '(1,)', '{}'),
        ('range(3)', 'index', '(1,)', '{}'), ("'abc'", 'foo', '()', '{}'), ('5', 'foo', '()', '{}'),
        ("{1: 'a', 2: 'b'}.keys()", 'isdisjoint', '([3],)', '{}'), ("{1: 'a', 2: 'b'}.keys()", 'isdisjoint', '([2, 3],)', '{}'),
        ("{1: 'a', 2: 'b'}.keys()", 'isdisjoint', '({3, 4, 5},)', '{}'), ("{1: 'a', 2: 'b'}.keys()", 'isdisjoint', '({1},)', '{}'),
        ("{1: 'a', 2: 'b'}.keys()", 'isdisjoint', "({5: 1, 2: 0},)", '{}'), ("{1: 'a', 2: 'b'}.keys()", 'isdisjoint', '(5,)', '{}'),
        ("{1: 'a', 2: 'b'}.keys()", 'isdisjoint', '([[1]],)', '{}'), ("{1: 'a', 2: 'b'}.keys()", 'isdisjoint', '()', '{}'),
        ("{1: 'a', 2: 'b'}.keys()", 'isdisjoint', '([1], [2])', '{}'), ("{1: 'a', 2: 'b'}.keys()", 'isdisjoint', '([1],)', "{'x': 1}"),
        ("{1: 'a', 2: 'b'}.keys()", 'isdisjoint', "({2: 'b', 3: 'c'}.keys(),)", '{}'),
        ("{1: 'a', 2: 'b'}.items()", 'isdisjoint', "([(1, 'a')],)", '{}'), ("{1: 'a', 2: 'b'}.items()", 'isdisjoint', "([(1, 'b')],)", '{}'),
        ("{1: 'a', 2: 'b'}.items()", 'isdisjoint', '([[1]],)', '{}'), ("{1: 'a', 2: 'b'}.items()", 'isdisjoint', "({(2, 'b'), 7},)", '{}'),
        ("{1: 'a', 2: 'b'}.items()", 'isdisjoint', "({2: 'b', 3: 'c'}.items(),)", '{}'), ("{1: 'a', 2: 'b'}.items()", 'isdisjoint', '()', '{}'),
        ('{}.keys()', 'isdisjoint', '([1],)', '{}'), ('{}.items()', 'isdisjoint', '(5,)', '{}'),
        ("{1: 'a'}.values()", 'isdisjoint', '([1],)', '{}'), ("{1: 'a'}.keys()", 'union', '([1],)', '{}'),
    ]
    for self_lit, name, pos, kw in calls:
        def run(s=self_lit, name=name, pos=pos, kw=kw):
            x = ev(s)
            r = getattr(x, name)(*ev(pos), **ev(kw))
            return repr(r) + ' | ' + repr(x)
        add('m:' + name, self_lit, '(%s, %s)' % (pos, kw), run)
    for self_lit, name in [('range(1, 9, 2)', 'start'), ('range(1, 9, 2)', 'stop'), ('range(1, 9, 2)', 'step'),
                           ('range(4)', 'step'), ('slice(1)', 'start'), ('slice(1)', 'stop'), ('slice(1, 2, 3)', 'step'),
                           ('range(3)', 'foo'), ('[1]', 'append2'), ('5', 'real2'), ("{1: 2}", 'keys2')]:
        add('getattr', self_lit, "('%s',)" % name, lambda s=self_lit, n=name: repr(getattr(ev(s), n)))


def builtin_cases():
    calls = [
        ('sorted', '([3, 1, 2],)', '{}'), ('sorted', "(['b', 'A', 'a'],)", '{}'), ('sorted', '((3, 1, 2),)', "{'reverse': True}"),
        ('sorted', "(['ccc', 'a', 'bb', 'b'],)", "{'key': len}"), ('sorted', "(['ccc', 'a', 'bb', 'b'],)", "{'key': len, 'reverse': True}"),
        ('sorted', '({3: 1, 1: 2},)', '{}'), ('sorted', '(1,)', '{}'), ("sorted", "([1, 'a'],)", '{}'), ('sorted', '()', '{}'),
        ('sorted', '([3, 1],)', "{'key': 5}"), ('sorted', "('hello',)", '{}'), ('sorted', '(range(5, 0, -1),)', '{}'),
        ('sorted', '([-3, 2, -1, 0],)', "{'key': abs}"), ('sorted', '([1, 2],)', "{'reverse': 1.5}"),
        ('sum', '([1, 2, 3],)', '{}'), ('sum', '([1, 2.5],)', '{}'), ('sum', '([[1], [2]], [])', '{}'), ('sum', "(['a'],)", '{}'),
        ('sum', "([1], 'a')", '{}'), ('sum', '([0.1, 0.2, 0.3],)', '{}'), ('sum', '(range(101),)', '{}'), ('sum', '()', '{}'),
        ('sum', '([(1,), (2,)], ())', '{}'), ('sum', '([], 5)', '{}'),
        ('min', '([3, 1, 2],)', '{}'), ('min', '(3, 1, 2)', '{}'), ('min', '([],)', '{}'), ('max', '([],)', '{}'),
        ('min', '()', '{}'), ('max', '(1,)', '{}'), ('min', '([], )', "{'default': 7}"), ('max', '([1, 5],)', "{'default': 7}"),
        ('min', '(1, 2)', "{'default': 7}"), ('max', "(['aa', 'b', 'cc'],)", "{'key': len}"), ('min', "(['aa', 'b', 'cc'],)", "{'key': len}"),
        ('max', '(1, 2)', "{'key': 1}"), ('min', "([1, 'a'],)", '{}'), ('max', '([1, 1.0, True],)', '{}'), ('min', '([1, 1.0, True],)', '{}'),
        ('max', "('hello',)", '{}'), ('max', '({3: 0, 9: 1},)', '{}'), ('min', '([2, -3],)', "{'key': abs, 'default': 0}"),
        ('max', '([1],)', "{'foo': 1}"), ('min', '([3, 1],)', "{'key': None}"),
        ('any', '([0, 0, 1],)', '{}'), ('any', '([],)', '{}'), ('all', '([1, 1],)', '{}'), ('all', '([1, 0],)', '{}'),
        ('all', '([],)', '{}'), ('any', '(1,)', '{}'), ('any', "('',)", '{}'), ('all', "('ab',)", '{}'), ('any', '([], [])', '{}'),
        ('enumerate', "('ab',)", '{}'), ('enumerate', "('ab', 5)", '{}'), ('enumerate', "('ab',)", "{'start': -1}"),
        ('enumerate', '(1,)', '{}'), ('enumerate', "('ab', 'x')", '{}'), ('enumerate', '({1: 2, 3: 4},)', '{}'),
        ('zip', '([1, 2], (3, 4))', '{}'), ('zip', '([1, 2, 3], (3, 4))', '{}'), ('zip', '()', '{}'), ('zip', "('ab',)", '{}'),
        ('zip', '([1, 2], [3])', "{'strict': True}"), ('zip', '([1], [3, 4])', "{'strict': True}"),
        ('zip', '([1], [3, 4], [5])', "{'strict': True}"), ('zip', '([1, 2], [3, 4], [5])', "{'strict': True}"),
        ('zip', '([1, 2], [3, 4])', "{'strict': True}"), ('zip', '(1,)', '{}'), ('zip', '([1],)', "{'x': 1}"),
        ('reversed', '([1, 2, 3],)', '{}'), ('reversed', "('abc',)", '{}'), ('reversed', '((1, 2),)', '{}'),
        ('reversed', '(range(0, 10, 3),)', '{}'), ('reversed', '({1: 2, 3: 4},)', '{}'), ('reversed', '({1},)', '{}'),
        ('reversed', '(5,)', '{}'), ('reversed', '(range(0),)', '{}'),
        ('range', '(5,)', '{}'), ('range', '(1, 5)', '{}'), ('range', '(1, 10, 3)', '{}'), ('range', '(10, 1, -3)', '{}'),
        ('range', '(1.5,)', '{}'), ('range', '()', '{}'), ('range', '(0, 10, 0)', '{}'), ('range', '(True, 3)', '{}'),
        ('range', "(1, 'a')", '{}'), ('range', '(1, 2, 3, 4)', '{}'),
        ('iter', '([1, 2],)', '{}'), ('iter', '(5,)', '{}'), ('next', '([1],)', '{}'),
        ('list', '()', '{}'), ('list', "('ab',)", '{}'), ('list', '(1,)', '{}'), ('list', '([1], [2])', '{}'),
        ('tuple', '([1, 2],)', '{}'), ('tuple', '()', '{}'), ('set', '([3, 3, 1],)', '{}'), ('set', '()', '{}'),
        ('frozenset', '([3, 3, 1],)', '{}'), ('frozenset', '()', '{}'), ('dict', '()', "{'a': 1}"),
        ('dict', '([(1, 2)],)', "{'a': 1}"), ('dict', '({1: 2},)', '{}'), ('dict', '(1,)', '{}'),
        ('len', '([1, 2],)', '{}'), ('len', '()', '{}'), ('len', '(1,)', '{}'), ('len', '([1],)', "{'x': 1}"),
        ('abs', '(-3,)', '{}'), ('repr', "('a',)", '{}'), ('str', '([1],)', '{}'), ('str', '()', '{}'), ('int', '()', '{}'),
        ('int', "('12',)", '{}'), ('float', '(2,)', '{}'), ('bool', '([],)', '{}'), ('bool', '()', '{}'), 
        ('map', '(str, [1, 2, 3])', '{}'), ('map', "(len, ['a', 'bc', ''])", '{}'), ('map', '(abs, (-1, 2, -3))', '{}'),
        ('map', "(abs, [1, 'a', 2])", '{}'), ('map', '(abs,)', '{}'), ('map', '()', '{}'), ('map', '(abs, [1])', "{'x': 1}"),
        ('map', '()', "{'func': abs}"), ('map', '(abs, 5)', '{}'), ('map', '(abs, [1], 5)', '{}'), ('map', '(5, [1])', '{}'),
        ('map', '(5, [])', '{}'), ('map', '(None, [1])', '{}'), ('map', "(int, ['10', '11', '12'], [2, 16])", '{}'),
        ('map', "(int, ['10'], [2, 16], [3])", '{}'), ('map', '(len, [1])', '{}'), ('map', "(str, {1: 'a', 2: 'b'}.items())", '{}'),
        ('map', '(str, range(3))', '{}'), ('map', "(bool, 'ab')", '{}'), ('map', '(len, [[1]], [2])', '{}'),
        ('map', "(repr, {'x': 1})", '{}'), ('map', '(float, [1, True], ())', '{}'), ('map', "(int, ['1', 'x', '2'])", '{}'),
        ('filter', "(None, [0, 1, 2, '', 'a', [], [0], None, 0.0])", '{}'), ('filter', '(bool, [0, 1])', '{}'),
        ('filter', "(len, ['', 'a', [], [1]])", '{}'), ('filter', '(abs, [0, -1, 0.0, 2])', '{}'), ('filter', '(len, [1])', '{}'),
        ('filter', '(None,)', '{}'), ('filter', '()', '{}'), ('filter', '(None, [1], [2])', '{}'), ('filter', '(None, 5)', '{}'),
        ('filter', '(5, [1])', '{}'), ('filter', '(5, [])', '{}'), ('filter', '(None, [1])', "{'x': 1}"),
        ('filter', "(str, ['', 'a', 0])", '{}'), ('filter', "(int, ['0', '1', 'x'])", '{}'), ('filter', "(None, {0: 1, 2: 3})", '{}'),
        ('filter', '(None, range(-2, 3))', '{}'), ('filter', "(None, 'a')", '{}'),
    ]
    iterators = {'enumerate', 'zip', 'reversed', 'iter', 'map', 'filter'}
    for name, pos, kw in calls:
        def run(name=name, pos=pos, kw=kw):
            r = eval(name)(*ev(pos), **ev(kw))
            if name in iterators:
                r = list(r)
            return repr(r)
        add('b:' + name, 'None', '(%s, %s)' % (pos, kw), run)


def main():
    unary_cases()
    subscript_cases()
    operator_cases()
    unpack_cases()
    big_range_cases()
    constant_set_display_cases()
    method_cases()
    builtin_cases()
    with open(sys.argv[1] if len(sys.argv) > 1 else 'container_cases.inc', 'w', encoding='utf-8') as f:
        f.write('/* Generated by gen_container_cases.py from CPython %s; do not edit. */\n'
                % sys.version.split()[0])
        for kind, s, a, want in rows:
            f.write('{%s, %s, %s, %s},\n' % (c_string(kind), c_string(s), c_string(a), c_string(want)))


main()
