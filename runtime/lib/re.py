"""Taipan's re: regular expressions with CPython 3.11's syntax and semantics.

Written for Taipan from the documented behaviour (not a port of sre): a
recursive-descent parser turns the pattern into a small node tree, a compiler
flattens the tree into instructions, and an iterative backtracking machine runs
them with an explicit stack, so long subjects never deepen the Python call
stack (only lookarounds and atomic groups nest a run).  Single-character
repeats (`.*`, `\\d+`, `[a-z]{2,5}`) are one instruction that counts greedily
and gives characters back one at a time, the common fast path.
Only str patterns are supported."""

import sys

# ---------------------------------------------------------------- flags

# RegexFlag members in the order CPython's repr lists them.
_FLAG_NAMES = (('ASCII', 256), ('IGNORECASE', 2), ('LOCALE', 4),
               ('UNICODE', 32), ('MULTILINE', 8), ('DOTALL', 16),
               ('VERBOSE', 64), ('TEMPLATE', 1), ('DEBUG', 128))


class RegexFlag(int):
    """The flag values: ints that combine with | and print as re.NAME|re.NAME."""

    def __or__(self, other):
        if isinstance(other, int):
            return RegexFlag(int(self) | int(other))
        return NotImplemented

    def __ror__(self, other):
        if isinstance(other, int):
            return RegexFlag(int(self) | int(other))
        return NotImplemented

    def __and__(self, other):
        if isinstance(other, int):
            return RegexFlag(int(self) & int(other))
        return NotImplemented

    def __rand__(self, other):
        if isinstance(other, int):
            return RegexFlag(int(self) & int(other))
        return NotImplemented

    def __xor__(self, other):
        if isinstance(other, int):
            return RegexFlag(int(self) ^ int(other))
        return NotImplemented

    def __invert__(self):
        return RegexFlag(~int(self) & 511)

    def __repr__(self):
        v = int(self)
        if v == 0:
            return 're.NOFLAG'
        parts = []
        for name, bit in _FLAG_NAMES:
            if v & bit:
                parts.append('re.' + name)
                v &= ~bit
        if v:
            parts.append(hex(v))
        return '|'.join(parts)

    __str__ = __repr__


NOFLAG = RegexFlag(0)
ASCII = A = RegexFlag(256)
IGNORECASE = I = RegexFlag(2)
LOCALE = L = RegexFlag(4)
UNICODE = U = RegexFlag(32)
MULTILINE = M = RegexFlag(8)
DOTALL = S = RegexFlag(16)
VERBOSE = X = RegexFlag(64)
TEMPLATE = T = RegexFlag(1)
DEBUG = RegexFlag(128)

_MAXREPEAT = 4294967295
_INF = -1            # a repeat's max when unbounded


class error(Exception):
    """A pattern or template that cannot be compiled; str() adds the position
    (and the line and column when the pattern spans several lines)."""

    def __init__(self, msg, pattern=None, pos=None):
        self.msg = msg
        self.pattern = pattern
        self.pos = pos
        self.lineno = None
        self.colno = None
        if pattern is not None and pos is not None:
            text = msg + ' at position ' + str(pos)
            self.lineno = pattern.count('\n', 0, pos) + 1
            self.colno = pos - pattern.rfind('\n', 0, pos)
            if '\n' in pattern:
                text += ' (line ' + str(self.lineno) + ', column ' + str(self.colno) + ')'
            msg = text
        Exception.__init__(self, msg)


# ---------------------------------------------------------------- character sets

_WORD_ASCII = [ch == '_' or ('a' <= ch <= 'z') or ('A' <= ch <= 'Z') or ('0' <= ch <= '9')
               for ch in [chr(c) for c in range(128)]]


def _is_word(ch, ascii):
    c = ord(ch)
    if c < 128:
        return _WORD_ASCII[c]
    if ascii:
        return False
    return ch.isalnum()


def _in_category(cat, ch, ascii):
    if cat == 'd':
        return ('0' <= ch <= '9') if ascii else ch.isdecimal()
    if cat == 'D':
        return not (('0' <= ch <= '9') if ascii else ch.isdecimal())
    if cat == 's':
        return (ch in ' \t\n\r\f\v') if ascii else ch.isspace()
    if cat == 'S':
        return not ((ch in ' \t\n\r\f\v') if ascii else ch.isspace())
    if cat == 'w':
        return _is_word(ch, ascii)
    return not _is_word(ch, ascii)


class _CharSet:
    """A character class: single characters, code-point ranges and the
    \\d \\w \\s categories (and their negations), possibly negated as a whole."""

    def __init__(self, negated, chars, ranges, cats, icase, ascii):
        self.negated = negated
        self.chars = chars
        self.ranges = ranges
        self.cats = cats
        self.icase = icase
        self.ascii = ascii
        self.memo = {}
        # ASCII answers are a list lookup by code point (the hot path).
        self.table = [self.lookup(chr(c)) for c in range(128)]

    def _has(self, ch):
        if ch in self.chars:
            return True
        if self.ranges:
            c = ord(ch)
            for lo, hi in self.ranges:
                if lo <= c <= hi:
                    return True
        for cat in self.cats:
            if _in_category(cat, ch, self.ascii):
                return True
        return False

    def has(self, ch):
        # Classes are tested against the same few characters over and over:
        # remember the answers (bounded, for subjects with huge alphabets).
        c = ord(ch)
        if c < 128:
            return self.table[c]
        r = self.memo.get(ch)
        if r is None:
            r = self.lookup(ch)
            if len(self.memo) < 2048:
                self.memo[ch] = r
        return r

    def lookup(self, ch):
        r = self._has(ch)
        if not r and self.icase:
            lo = ch.lower()
            if lo != ch and len(lo) == 1 and self._has(lo):
                r = True
            else:
                up = ch.upper()
                if up != ch and len(up) == 1 and self._has(up):
                    r = True
        return r != self.negated


# ---------------------------------------------------------------- parser

# Node kinds (tuples whose first item is the kind).
_N_LIT = 0       # (kind, ch, icase)
_N_ANY = 1       # (kind, dotall)
_N_SET = 2       # (kind, _CharSet)
_N_SEQ = 3       # (kind, [nodes])
_N_ALT = 4       # (kind, [nodes])
_N_GROUP = 5     # (kind, group number, node)
_N_REP = 6       # (kind, min, max, mode 0 greedy/1 lazy/2 possessive, node)
_N_BREF = 7      # (kind, group number, icase)
_N_AT = 8        # (kind, assertion code)
_N_LOOK = 9      # (kind, behind, negate, node)
_N_ATOMIC = 10   # (kind, node)
_N_COND = 11     # (kind, group number, yes node, no node)

# Assertion codes.
_AT_BOL = 0
_AT_MBOL = 1
_AT_EOL = 2
_AT_MEOL = 3
_AT_BEGIN = 4
_AT_END = 5
_AT_WB = 6
_AT_NWB = 7

_ESCAPES = {'n': '\n', 't': '\t', 'r': '\r', 'f': '\f', 'v': '\v', 'a': '\a', '\\': '\\'}
_HEX = '0123456789abcdefABCDEF'
_OCT = '01234567'
_DIGITS = '0123456789'
_ASCII_LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'
_INLINE_FLAGS = {'i': 2, 'L': 4, 'm': 8, 's': 16, 'x': 64, 'a': 256, 'u': 32}


class _Parser:
    def __init__(self, pattern, flags):
        self.p = pattern
        self.n = len(pattern)
        self.i = 0
        self.flags = flags
        self.groups = 1          # next group number is self.groups
        self.names = {}
        self.open = []           # groups whose ')' has not been reached
        self.global_ok = True    # global inline flags still allowed here

    def err(self, msg, pos):
        return error(msg, self.p, pos)

    def parse(self):
        node = self.alternation()
        if self.i < self.n:
            raise self.err('unbalanced parenthesis', self.i)
        return node

    def alternation(self):
        branches = [self.sequence()]
        while self.i < self.n and self.p[self.i] == '|':
            self.i += 1
            branches.append(self.sequence())
        if len(branches) == 1:
            return branches[0]
        return (_N_ALT, branches)

    def skip_verbose(self):
        p = self.p
        n = self.n
        while self.i < n:
            c = p[self.i]
            if c in ' \t\n\r\f\v':
                self.i += 1
            elif c == '#':
                while self.i < n and p[self.i] != '\n':
                    self.i += 1
            else:
                break

    def sequence(self):
        p = self.p
        n = self.n
        items = []
        while True:
            if self.flags & 64:
                self.skip_verbose()
            if self.i >= n:
                break
            c = p[self.i]
            if c == '|' or c == ')':
                break
            start = self.i
            if c == '(':
                atom = self.group()
                if atom is None:
                    continue
            else:
                self.global_ok = False
                if c == '[':
                    atom = self.char_class()
                elif c == '.':
                    self.i += 1
                    atom = (_N_ANY, bool(self.flags & 16))
                elif c == '^':
                    self.i += 1
                    atom = (_N_AT, _AT_MBOL if self.flags & 8 else _AT_BOL)
                elif c == '$':
                    self.i += 1
                    atom = (_N_AT, _AT_MEOL if self.flags & 8 else _AT_EOL)
                elif c == '\\':
                    atom = self.escape()
                elif c == '*' or c == '+' or c == '?':
                    raise self.err('nothing to repeat', start)
                elif c == '{' and self.repeat_bounds(False) is not None:
                    raise self.err('nothing to repeat', start)
                else:
                    self.i += 1
                    atom = (_N_LIT, c, bool(self.flags & 2))
            items.append(self.quantified(atom))
        if len(items) == 1:
            return items[0]
        return (_N_SEQ, items)

    def repeat_bounds(self, consume):
        """At '{': (min, max) when a valid {m}, {m,}, {,n} or {m,n} follows,
        else None (the '{' is then a literal)."""
        p = self.p
        j = self.i + 1
        k = j
        while k < self.n and p[k] in _DIGITS:
            k += 1
        lo = p[j:k]
        hi = lo
        if k < self.n and p[k] == ',':
            k += 1
            m = k
            while k < self.n and p[k] in _DIGITS:
                k += 1
            hi = p[m:k]
        elif not lo:
            return None
        if k >= self.n or p[k] != '}':
            return None
        if consume:
            self.i = k + 1
        mn = int(lo) if lo else 0
        mx = int(hi) if hi else _INF
        if mn > _MAXREPEAT or mx > _MAXREPEAT:
            raise OverflowError('the repetition number is too large')
        if mx != _INF and mx < mn:
            raise self.err('min repeat greater than max repeat', j)
        return (mn, mx)

    def quantified(self, atom):
        p = self.p
        n = self.n
        if self.flags & 64:
            self.skip_verbose()
        if self.i >= n:
            return atom
        c = p[self.i]
        start = self.i
        if c == '*':
            mn, mx = 0, _INF
            self.i += 1
        elif c == '+':
            mn, mx = 1, _INF
            self.i += 1
        elif c == '?':
            mn, mx = 0, 1
            self.i += 1
        elif c == '{':
            b = self.repeat_bounds(True)
            if b is None:
                return atom
            mn, mx = b
        else:
            return atom
        if atom[0] == _N_AT:
            raise self.err('nothing to repeat', start)
        mode = 0
        if self.i < n and p[self.i] == '?':
            mode = 1
            self.i += 1
        elif self.i < n and p[self.i] == '+':
            mode = 2
            self.i += 1
        if self.flags & 64:
            self.skip_verbose()
        if self.i < n:
            c = p[self.i]
            if c == '*' or c == '+' or c == '?' or (c == '{' and self.repeat_bounds(False) is not None):
                raise self.err('multiple repeat', self.i)
        return (_N_REP, mn, mx, mode, atom)

    def group_name(self, end_char, start):
        """Reads a group name up to end_char; the cursor is just after the name's opener."""
        p = self.p
        j = self.i
        k = p.find(end_char, j)
        if k < 0:
            raise self.err('missing ' + end_char + ', unterminated name', j)
        name = p[j:k]
        if not name:
            raise self.err('missing group name', j)
        if not name.isidentifier():
            raise self.err('bad character in group name ' + repr(name), j)
        self.i = k + 1
        return name

    def group(self):
        p = self.p
        n = self.n
        start = self.i
        self.i += 1
        if self.i < n and p[self.i] == '?':
            self.i += 1
            if self.i >= n:
                raise self.err('unexpected end of pattern', self.i)
            c = p[self.i]
            if c == 'P':
                self.i += 1
                c2 = p[self.i] if self.i < n else ''
                if c2 == '<':
                    self.i += 1
                    name = self.group_name('>', start)
                    return self.capture(start, name)
                if c2 == '=':
                    self.i += 1
                    j = self.i
                    name = self.group_name(')', start)
                    if name not in self.names:
                        raise self.err('unknown group name ' + repr(name), j)
                    g = self.names[name]
                    if g in self.open:
                        raise self.err('cannot refer to an open group', j)
                    self.global_ok = False
                    return (_N_BREF, g, bool(self.flags & 2))
                if not c2:
                    raise self.err('unexpected end of pattern', self.i)
                raise self.err('unknown extension ?P' + c2, start + 1)
            if c == ':':
                self.i += 1
                return self.finish_group(start, None)
            if c == '=' or c == '!':
                self.i += 1
                return self.lookaround(start, False, c == '!')
            if c == '<':
                self.i += 1
                c2 = p[self.i] if self.i < n else ''
                if c2 == '=' or c2 == '!':
                    self.i += 1
                    return self.lookaround(start, True, c2 == '!')
                if not c2:
                    raise self.err('unexpected end of pattern', self.i)
                raise self.err('unknown extension ?<' + c2, start + 1)
            if c == '#':
                k = p.find(')', self.i)
                if k < 0:
                    raise self.err('missing ), unterminated comment', start)
                self.i = k + 1
                return None
            if c == '>':
                self.i += 1
                body = self.finish_group(start, None)
                return (_N_ATOMIC, body)
            if c == '(':
                return self.conditional(start)
            if c in _INLINE_FLAGS or c == '-':
                return self.flag_group(start)
            raise self.err('unknown extension ?' + c, self.i - 1)
        return self.capture(start, None)

    def capture(self, start, name):
        g = self.groups
        self.groups += 1
        if name is not None:
            if name in self.names:
                raise self.err('redefinition of group name ' + repr(name) + ' as group ' + str(g) +
                               '; was group ' + str(self.names[name]), self.i - len(name) - 1)
            self.names[name] = g
        self.open.append(g)
        node = self.finish_group(start, g)
        self.open.remove(g)
        return node

    def finish_group(self, start, g):
        self.global_ok = False
        saved = self.flags
        body = self.alternation()
        self.flags = saved
        if self.i >= self.n or self.p[self.i] != ')':
            raise self.err('missing ), unterminated subpattern', start)
        self.i += 1
        if g is None:
            return body
        return (_N_GROUP, g, body)

    def lookaround(self, start, behind, negate):
        body = self.finish_group(start, None)
        if behind:
            lo, hi = _width(body)
            if lo != hi:
                raise error('look-behind requires fixed-width pattern')
        return (_N_LOOK, behind, negate, body)

    def conditional(self, start):
        p = self.p
        self.i += 1
        j = self.i
        k = p.find(')', j)
        if k < 0:
            raise self.err('missing ), unterminated name', j)
        ref = p[j:k]
        if ref.isdigit() and ref.isascii():
            g = int(ref)
            if g == 0:
                raise self.err('bad group number', j)
            if g >= self.groups:
                raise self.err('invalid group reference ' + str(g), j)
        elif ref.isidentifier():
            if ref not in self.names:
                raise self.err('unknown group name ' + repr(ref), j)
            g = self.names[ref]
        else:
            raise self.err('bad character in group name ' + repr(ref), j)
        self.i = k + 1
        self.global_ok = False
        yes = self.sequence()
        no = None
        if self.i < self.n and p[self.i] == '|':
            self.i += 1
            no = self.sequence()
            if self.i < self.n and p[self.i] == '|':
                raise self.err('conditional backref with more than two branches', self.i)
        if self.i >= self.n or p[self.i] != ')':
            raise self.err('missing ), unterminated subpattern', start)
        self.i += 1
        return (_N_COND, g, yes, no)

    def flag_group(self, start):
        p = self.p
        n = self.n
        on = 0
        off = 0
        while self.i < n and p[self.i] in _INLINE_FLAGS:
            c = p[self.i]
            if c == 'L':
                raise self.err("bad inline flags: cannot use 'L' flag with a str pattern", self.i + 1)
            on |= _INLINE_FLAGS[c]
            self.i += 1
            if on & 256 and on & 32:
                raise self.err("bad inline flags: flags 'a', 'u' and 'L' are incompatible", self.i)
        if self.i < n and p[self.i] == '-':
            self.i += 1
            if self.i >= n:
                raise self.err('missing flag', self.i)
            while self.i < n and p[self.i] in _INLINE_FLAGS:
                c = p[self.i]
                if c in 'aLu':
                    raise self.err("bad inline flags: cannot turn off flags 'a', 'u' and 'L'", self.i + 1)
                off |= _INLINE_FLAGS[c]
                self.i += 1
            if not off:
                if self.i < n and p[self.i].isalpha():
                    raise self.err('unknown flag', self.i)
                raise self.err('missing flag', self.i)
            if self.i >= n or p[self.i] != ':':
                if self.i >= n:
                    raise self.err('missing :', self.i)
                raise self.err('missing :', self.i)
        if self.i >= n:
            raise self.err('missing -, : or )', self.i)
        c = p[self.i]
        if c == ')':
            if not self.global_ok:
                raise self.err('global flags not at the start of the expression', start)
            self.i += 1
            self.flags |= on
            return None
        if c != ':':
            if c.isalpha():
                raise self.err('unknown flag', self.i)
            raise self.err('missing -, : or )', self.i)
        self.i += 1
        self.global_ok = False
        saved = self.flags
        self.flags = (self.flags | on) & ~off
        body = self.alternation()
        self.flags = saved
        if self.i >= n or p[self.i] != ')':
            raise self.err('missing ), unterminated subpattern', start)
        self.i += 1
        return body

    def hex_escape(self, start, count, letter):
        p = self.p
        j = self.i
        k = j
        while k < self.n and k - j < count and p[k] in _HEX:
            k += 1
        if k - j < count:
            raise self.err('incomplete escape \\' + letter + p[j:k], start)
        self.i = k
        v = int(p[j:k], 16)
        if v > 0x10FFFF:
            raise self.err('bad escape \\' + letter + p[j:k], start)
        return chr(v)

    def common_escape(self, start, c):
        """Escapes that mean one character both inside and outside classes;
        returns the character or None. The cursor is just after the letter."""
        if c in _ESCAPES:
            return _ESCAPES[c]
        if c == 'x':
            return self.hex_escape(start, 2, 'x')
        if c == 'u':
            return self.hex_escape(start, 4, 'u')
        if c == 'U':
            return self.hex_escape(start, 8, 'U')
        if c == 'N':
            raise self.err('bad escape \\N', start)
        return None

    def octal(self, start, first_len):
        """An octal escape whose first first_len digits are consumed already
        (self.i is after them); takes up to 3 digits in total."""
        p = self.p
        j = start + 1
        k = self.i
        while k < self.n and k - j < 3 and p[k] in _OCT:
            k += 1
        self.i = k
        v = int(p[j:k], 8)
        if v > 0o377:
            raise self.err('octal escape value \\' + p[j:k] + ' outside of range 0-0o377', start)
        return chr(v)

    def escape(self):
        p = self.p
        start = self.i
        if start + 1 >= self.n:
            raise self.err('bad escape (end of pattern)', start)
        c = p[start + 1]
        self.i = start + 2
        icase = bool(self.flags & 2)
        if c in 'dDwWsS':
            return (_N_SET, _CharSet(False, set(), [], [c], False, bool(self.flags & 256)))
        if c == 'b':
            return (_N_AT, _AT_WB)
        if c == 'B':
            return (_N_AT, _AT_NWB)
        if c == 'A':
            return (_N_AT, _AT_BEGIN)
        if c == 'Z':
            return (_N_AT, _AT_END)
        if c == '0':
            return (_N_LIT, self.octal(start, 1), icase)
        if c in _DIGITS:
            # Three octal digits make an octal escape; otherwise one or two
            # digits are a group reference.
            if (c in _OCT and self.i + 1 < self.n and p[self.i] in _OCT and p[self.i + 1] in _OCT):
                return (_N_LIT, self.octal(start, 1), icase)
            k = self.i
            if k < self.n and p[k] in _DIGITS:
                k += 1
            self.i = k
            g = int(p[start + 1:k])
            if g >= self.groups:
                raise self.err('invalid group reference ' + str(g), start + 1)
            if g in self.open:
                raise self.err('cannot refer to an open group', start)
            return (_N_BREF, g, icase)
        ch = self.common_escape(start, c)
        if ch is not None:
            return (_N_LIT, ch, icase)
        if c in _ASCII_LETTERS:
            raise self.err('bad escape \\' + c, start)
        return (_N_LIT, c, icase)

    def class_item(self):
        """One member of a class: a character (str) or a category letter
        (returned as ('cat', letter))."""
        p = self.p
        c = p[self.i]
        if c != '\\':
            self.i += 1
            return c
        start = self.i
        if start + 1 >= self.n:
            raise self.err('bad escape (end of pattern)', start)
        c = p[start + 1]
        self.i = start + 2
        if c in 'dDwWsS':
            return ('cat', c)
        if c == 'b':
            return '\b'
        if c in _OCT:
            return self.octal(start, 1)
        if c in _DIGITS:
            raise self.err('bad escape \\' + c, start)
        ch = self.common_escape(start, c)
        if ch is not None:
            return ch
        if c in _ASCII_LETTERS:
            raise self.err('bad escape \\' + c, start)
        return c

    def char_class(self):
        p = self.p
        n = self.n
        start = self.i
        self.i += 1
        negated = False
        if self.i < n and p[self.i] == '^':
            negated = True
            self.i += 1
        chars = set()
        ranges = []
        cats = []
        first = True
        while True:
            if self.i >= n:
                raise self.err('unterminated character set', start)
            if p[self.i] == ']' and not first:
                self.i += 1
                break
            first = False
            item_start = self.i
            a = self.class_item()
            if self.i + 1 < n and p[self.i] == '-' and p[self.i + 1] != ']':
                self.i += 1
                b = self.class_item()
                if not isinstance(a, str) or not isinstance(b, str):
                    raise self.err('bad character range ' + p[item_start:self.i], item_start)
                if ord(a) > ord(b):
                    raise self.err('bad character range ' + p[item_start:self.i], item_start)
                ranges.append((ord(a), ord(b)))
            elif isinstance(a, str):
                chars.add(a)
            else:
                cats.append(a[1])
        icase = bool(self.flags & 2)
        if icase and (self.flags & 256) == 0:
            pass
        return (_N_SET, _CharSet(negated, chars, ranges, cats, icase, bool(self.flags & 256)))


def _width(node):
    """(min, max) characters a node matches; max is _INF when unbounded."""
    k = node[0]
    if k == _N_LIT or k == _N_ANY or k == _N_SET:
        return (1, 1)
    if k == _N_SEQ:
        lo = 0
        hi = 0
        for sub in node[1]:
            a, b = _width(sub)
            lo += a
            if hi != _INF:
                hi = _INF if b == _INF else hi + b
        return (lo, hi)
    if k == _N_ALT:
        lo = -1
        hi = 0
        for sub in node[1]:
            a, b = _width(sub)
            if lo < 0 or a < lo:
                lo = a
            if hi != _INF:
                hi = _INF if b == _INF else max(hi, b)
        return (lo, hi)
    if k == _N_GROUP:
        return _width(node[2])
    if k == _N_REP:
        a, b = _width(node[4])
        lo = a * node[1]
        if node[2] == _INF:
            hi = 0 if b == 0 else _INF
        else:
            hi = _INF if b == _INF else b * node[2]
        return (lo, hi)
    if k == _N_BREF:
        return (0, _INF)
    if k == _N_ATOMIC:
        return _width(node[1])
    if k == _N_COND:
        a, b = _width(node[2])
        if node[3] is None:
            c, d = 0, 0
        else:
            c, d = _width(node[3])
        hi = _INF if (b == _INF or d == _INF) else max(b, d)
        return (min(a, c), hi)
    return (0, 0)


# ---------------------------------------------------------------- compiler

# Instructions are lists [opcode, args...].
_CHAR = 0        # ch
_CHARI = 1       # lower, upper
_ANY = 2
_ANYALL = 3
_SET = 4         # _CharSet
_LITSTR = 5      # literal string
_REPEAT = 6      # single-char instruction, min, max, mode, next-literal hint
_SPLIT = 7       # preferred target, other target
_JMP = 8         # target
_SAVE = 9        # slot
_MARK = 10       # register
_LOOP = 11       # register, loop head: jump to head unless the body matched empty
_AT = 12         # assertion code
_BREF = 13       # group, icase
_LOOK = 14       # sub-program, behind, negate, width
_ATOMIC = 15     # sub-program
_IFGROUP = 16    # group, target when the group did not match
_MATCH = 17


class _Compiler:
    def __init__(self, ascii):
        self.nregs = 0
        self.ascii = ascii

    def program(self, node):
        code = []
        self.emit_node(code, node)
        code.append([_MATCH])
        return code

    def single(self, node):
        """The one-character instruction for a node, or None."""
        k = node[0]
        if k == _N_LIT:
            ch = node[1]
            if node[2]:
                # Matches when the subject character lowercases to lo; up
                # is a shortcut for the common uppercase form.
                lo = ch.lower()
                up = ch.upper()
                if lo != up:
                    if len(lo) != 1:
                        lo = ch
                    return [_CHARI, lo, up]
            return [_CHAR, ch]
        if k == _N_ANY:
            return [_ANYALL] if node[1] else [_ANY]
        if k == _N_SET:
            return [_SET, node[1]]
        return None

    def emit_node(self, code, node):
        k = node[0]
        one = self.single(node)
        if one is not None:
            code.append(one)
        elif k == _N_SEQ:
            items = node[1]
            i = 0
            n = len(items)
            while i < n:
                it = items[i]
                if it[0] == _N_LIT and not it[2]:
                    j = i
                    while j < n and items[j][0] == _N_LIT and not items[j][2]:
                        j += 1
                    if j - i > 1:
                        code.append([_LITSTR, ''.join([x[1] for x in items[i:j]])])
                        i = j
                        continue
                self.emit_node(code, it)
                i += 1
        elif k == _N_ALT:
            jumps = []
            branches = node[1]
            for idx in range(len(branches)):
                if idx < len(branches) - 1:
                    split = [_SPLIT, len(code) + 1, 0]
                    code.append(split)
                    self.emit_node(code, branches[idx])
                    j = [_JMP, 0]
                    code.append(j)
                    jumps.append(j)
                    split[2] = len(code)
                else:
                    self.emit_node(code, branches[idx])
            for j in jumps:
                j[1] = len(code)
        elif k == _N_GROUP:
            g = node[1]
            code.append([_SAVE, 2 * g])
            self.emit_node(code, node[2])
            code.append([_SAVE, 2 * g + 1])
        elif k == _N_REP:
            self.emit_repeat(code, node)
        elif k == _N_BREF:
            code.append([_BREF, node[1], node[2]])
        elif k == _N_AT:
            code.append([_AT, node[1]])
        elif k == _N_LOOK:
            sub = self.program(node[3])
            width = _width(node[3])[0]
            code.append([_LOOK, sub, node[1], node[2], width])
        elif k == _N_ATOMIC:
            code.append([_ATOMIC, self.program(node[1])])
        elif k == _N_COND:
            test = [_IFGROUP, node[1], 0]
            code.append(test)
            self.emit_node(code, node[2])
            if node[3] is not None:
                j = [_JMP, 0]
                code.append(j)
                test[2] = len(code)
                self.emit_node(code, node[3])
                j[1] = len(code)
            else:
                test[2] = len(code)

    def emit_repeat(self, code, node):
        mn = node[1]
        mx = node[2]
        mode = node[3]
        body = node[4]
        if mode == 2:
            # Possessive: an atomic group around the greedy repeat.
            code.append([_ATOMIC, self.program((_N_REP, mn, mx, 0, body))])
            return
        one = self.single(body)
        if one is not None:
            code.append([_REPEAT, one, mn, mx, mode, None])
            return
        for _ in range(mn):
            self.emit_node(code, body)
        lazy = mode == 1
        if mx == _INF:
            can_be_empty = _width(body)[0] == 0
            head = len(code)
            split = [_SPLIT, 0, 0]
            code.append(split)
            if can_be_empty:
                reg = self.nregs
                self.nregs += 1
                code.append([_MARK, reg])
                self.emit_node(code, body)
                code.append([_LOOP, reg, head])
            else:
                self.emit_node(code, body)
                code.append([_JMP, head])
            exit = len(code)
            if lazy:
                split[1] = exit
                split[2] = head + 1
            else:
                split[1] = head + 1
                split[2] = exit
        else:
            splits = []
            for _ in range(mx - mn):
                split = [_SPLIT, 0, 0]
                code.append(split)
                splits.append(split)
                self.emit_node(code, body)
            exit = len(code)
            for split in splits:
                here = code.index(split)
                if lazy:
                    split[1] = exit
                    split[2] = here + 1
                else:
                    split[1] = here + 1
                    split[2] = exit


def _finish(code):
    """Fills each greedy single-char repeat's hint: the literal character
    that must follow it, so backtracking can skip positions that cannot work."""
    for idx in range(len(code)):
        ins = code[idx]
        if ins[0] == _REPEAT and idx + 1 < len(code):
            nxt = code[idx + 1]
            if nxt[0] == _CHAR:
                ins[5] = nxt[1]
            elif nxt[0] == _LITSTR:
                ins[5] = nxt[1][0]
        elif ins[0] == _LOOK or ins[0] == _ATOMIC:
            _finish(ins[1])


# ---------------------------------------------------------------- matcher

def _one(ins, s, pos):
    """Whether the one-character instruction ins matches s[pos] (pos is in range)."""
    op = ins[0]
    ch = s[pos]
    if op == _CHAR:
        return ch == ins[1]
    if op == _CHARI:
        return ch == ins[1] or ch == ins[2] or ch.lower() == ins[1]
    if op == _ANY:
        return ch != '\n'
    if op == _ANYALL:
        return True
    return ins[1].has(ch)


def _count(ins, s, pos, limit):
    """How far a single-character repeat can run from pos (up to limit)."""
    op = ins[0]
    p = pos
    if op == _CHAR:
        ch = ins[1]
        while p < limit and s[p] == ch:
            p += 1
    elif op == _ANYALL:
        p = limit
    elif op == _ANY:
        k = s.find('\n', pos, limit)
        p = limit if k < 0 else k
    elif op == _SET:
        cs = ins[1]
        table = cs.table
        while p < limit:
            ch = s[p]
            c = ord(ch)
            if c < 128:
                if not table[c]:
                    break
            elif not cs.has(ch):
                break
            p += 1
    else:
        while p < limit and _one(ins, s, p):
            p += 1
    return p


def _at(kind, s, pos, end, ascii):
    if kind == _AT_BOL or kind == _AT_BEGIN:
        return pos == 0
    if kind == _AT_MBOL:
        return pos == 0 or s[pos - 1] == '\n'
    if kind == _AT_EOL:
        return pos == end or (pos == end - 1 and s[pos] == '\n')
    if kind == _AT_MEOL:
        return pos == end or s[pos] == '\n'
    if kind == _AT_END:
        return pos == end
    before = pos > 0 and _is_word(s[pos - 1], ascii)
    after = pos < end and _is_word(s[pos], ascii)
    if kind == _AT_WB:
        return before != after
    # \B never matches in an empty subject (CPython's rule).
    return before == after and end > 0


def _repeat(ins, pc, s, pos, end, stack):
    """Runs a single-character repeat at pos: the new position, or -1. Leaves
    a stack entry to give back (greedy) or take (lazy) characters later."""
    mn = ins[2]
    mx = ins[3]
    limit = end if (mx == _INF or pos + mx > end) else pos + mx
    if ins[4] == 0:
        p = _count(ins[1], s, pos, limit)
        if p - pos < mn:
            return -1
        if p - pos > mn:
            stack.append((3, pc, p, pos + mn))
        return p
    low = pos + mn
    if low > end or _count(ins[1], s, pos, low) != low:
        return -1
    if low < limit:
        stack.append((4, pc, low, limit))
    return low


def _retry(code, s, end, stack, kind, a, b, c):
    """Resumes a single-character repeat popped from the stack (kind 3 gives
    back one character, kind 4 takes one more); the new position or -1."""
    if kind == 3:
        b -= 1
        hint = code[a][5]
        if hint is not None:
            while b >= c and (b >= end or s[b] != hint):
                b -= 1
            if b < c:
                return -1
        if b > c:
            stack.append((3, a, b, c))
        return b
    if b < c and _one(code[a][1], s, b):
        b += 1
        if b < c:
            stack.append((4, a, b, c))
        return b
    return -1


def _special(ins, s, pos, end, caps, nregs, ascii, stack):
    """The rarer instructions (assertions, backreferences, lookarounds and
    atomic groups): the new position, or -1 on failure."""
    op = ins[0]
    if op == _AT:
        return pos if _at(ins[1], s, pos, end, ascii) else -1
    if op == _BREF:
        g = ins[1]
        a = caps[2 * g]
        b = caps[2 * g + 1]
        if a < 0 or b < 0:
            return -1
        n = b - a
        if pos + n > end:
            return -1
        if ins[2]:
            ok = s[pos:pos + n].lower() == s[a:b].lower()
        else:
            ok = s.startswith(s[a:b], pos)
        return pos + n if ok else -1
    before = caps[:]
    if op == _ATOMIC:
        r = _run(ins[1], s, pos, end, caps, nregs, ascii, False, -1)
        ok = r >= 0
    elif ins[2]:
        p0 = pos - ins[4]
        r = -1
        if p0 >= 0:
            r = _run(ins[1], s, p0, end, caps, nregs, ascii, False, pos)
        ok = (r >= 0) != ins[3]
    else:
        r = _run(ins[1], s, pos, end, caps, nregs, ascii, False, -1)
        ok = (r >= 0) != ins[3]
    if ok:
        # Groups set inside the lookaround stay set; record how to undo them
        # should the outer match backtrack past this point.
        for k in range(len(caps)):
            if caps[k] != before[k]:
                stack.append((1, k, before[k], 0))
        return r if op == _ATOMIC else pos
    if r >= 0:
        for k in range(len(caps)):
            caps[k] = before[k]
    return -1


def _run(code, s, pos, end, caps, nregs, ascii, forbid_empty, full):
    """Runs a program from pos; returns the end position of the first match
    in backtracking order, or -1. caps holds group slots (and lastindex in its
    last item) and is left as the match set them, or unchanged on failure.
    forbid_empty rejects an empty match at pos; full >= 0 requires the match
    to end there. The stack holds tuples (kind, a, b, c): kind 0 resumes at
    pc a and position b, 1 restores caps[a] = b, 2 restores regs[a] = b,
    3 and 4 resume the single-character repeat at pc a (see _retry)."""
    start = pos
    regs = [-1] * nregs if nregs else None
    stack = []
    lastslot = len(caps) - 1
    pc = 0
    while True:
        ins = code[pc]
        op = ins[0]
        if op == _CHAR:
            if pos < end and s[pos] == ins[1]:
                pos += 1
                pc += 1
                continue
        elif op == _LITSTR:
            lit = ins[1]
            if pos + len(lit) <= end and s.startswith(lit, pos):
                pos += len(lit)
                pc += 1
                continue
        elif op <= _SET:
            if pos < end and _one(ins, s, pos):
                pos += 1
                pc += 1
                continue
        elif op == _REPEAT:
            p = _repeat(ins, pc, s, pos, end, stack)
            if p >= 0:
                pos = p
                pc += 1
                continue
        elif op == _SPLIT:
            stack.append((0, ins[2], pos, 0))
            pc = ins[1]
            continue
        elif op == _JMP:
            pc = ins[1]
            continue
        elif op == _SAVE:
            slot = ins[1]
            stack.append((1, slot, caps[slot], 0))
            caps[slot] = pos
            if slot & 1:
                stack.append((1, lastslot, caps[lastslot], 0))
                caps[lastslot] = slot >> 1
            pc += 1
            continue
        elif op == _MARK:
            reg = ins[1]
            stack.append((2, reg, regs[reg], 0))
            regs[reg] = pos
            pc += 1
            continue
        elif op == _LOOP:
            pc = pc + 1 if pos == regs[ins[1]] else ins[2]
            continue
        elif op == _IFGROUP:
            g = ins[1]
            pc = pc + 1 if caps[2 * g] >= 0 and caps[2 * g + 1] >= 0 else ins[2]
            continue
        elif op == _MATCH:
            if (full < 0 or pos == full) and not (forbid_empty and pos == start):
                return pos
        else:
            p = _special(ins, s, pos, end, caps, nregs, ascii, stack)
            if p >= 0:
                pos = p
                pc += 1
                continue
        # Failure: resume the most recent alternative, undoing saves on the way.
        while True:
            if not stack:
                return -1
            kind, a, b, c = stack.pop()
            if kind == 0:
                pc = a
                pos = b
                break
            if kind == 1:
                caps[a] = b
            elif kind == 2:
                regs[a] = b
            else:
                p = _retry(code, s, end, stack, kind, a, b, c)
                if p >= 0:
                    pc = a + 1
                    pos = p
                    break


# ---------------------------------------------------------------- templates

def _parse_template(pattern, template):
    """A replacement template as a list of literal strings and group numbers."""
    parts = []
    lit = []
    i = 0
    n = len(template)
    groups = pattern.groups
    while i < n:
        c = template[i]
        if c != '\\':
            lit.append(c)
            i += 1
            continue
        start = i
        if i + 1 >= n:
            raise error('bad escape (end of pattern)', template, start)
        c = template[i + 1]
        i += 2
        g = -1
        if c == 'g':
            if i >= n or template[i] != '<':
                raise error('missing <', template, i)
            k = template.find('>', i + 1)
            if k < 0:
                raise error('missing >, unterminated name', template, i + 1)
            name = template[i + 1:k]
            if not name:
                raise error('missing group name', template, i + 1)
            if name.isdigit() and name.isascii():
                g = int(name)
                if g > groups:
                    raise error('invalid group reference ' + str(g), template, i + 1)
            elif name.isidentifier():
                if name not in pattern.groupindex:
                    raise IndexError('unknown group name ' + repr(name))
                g = pattern.groupindex[name]
            else:
                raise error('bad character in group name ' + repr(name), template, i + 1)
            i = k + 1
        elif c == '0':
            k = i
            while k < n and k - i < 2 and template[k] in _OCT:
                k += 1
            lit.append(chr(int(template[i - 1:k], 8)))
            i = k
            continue
        elif c in _DIGITS:
            k = i
            if k < n and template[k] in _DIGITS:
                if (c in _OCT and template[k] in _OCT and k + 1 < n and template[k + 1] in _OCT):
                    v = int(template[i - 1:k + 2], 8)
                    if v > 0o377:
                        raise error('octal escape value \\' + template[i - 1:k + 2] +
                                    ' outside of range 0-0o377', template, start)
                    lit.append(chr(v))
                    i = k + 2
                    continue
                k += 1
            g = int(template[i - 1:k])
            if g > groups:
                raise error('invalid group reference ' + str(g), template, start + 1)
            i = k
        elif c in _ESCAPES:
            lit.append(_ESCAPES[c])
            continue
        elif c in _ASCII_LETTERS:
            raise error('bad escape \\' + c, template, start)
        else:
            lit.append('\\')
            lit.append(c)
            continue
        if lit:
            parts.append(''.join(lit))
            lit = []
        parts.append(g)
    if lit:
        parts.append(''.join(lit))
    return parts


def _expand(parts, m):
    out = []
    for part in parts:
        if isinstance(part, str):
            out.append(part)
        else:
            v = m.group(part)
            if v is not None:
                out.append(v)
    return ''.join(out)


# ---------------------------------------------------------------- Pattern and Match

def _check_str(string):
    if not isinstance(string, str):
        raise TypeError("expected string or bytes-like object, got '" + type(string).__name__ + "'")


class Match:
    """The result of a successful match: group spans in _caps (two slots per group)."""

    def __init__(self, pattern, string, pos, endpos, caps):
        self.re = pattern
        self.string = string
        self.pos = pos
        self.endpos = endpos
        self._caps = caps

    def _index(self, g):
        if isinstance(g, int) and not isinstance(g, bool) or type(g) is bool:
            if 0 <= g <= self.re.groups:
                return int(g)
        elif isinstance(g, str):
            if g in self.re.groupindex:
                return self.re.groupindex[g]
        raise IndexError('no such group')

    def _get(self, g, default=None):
        caps = self._caps
        a = caps[2 * g]
        b = caps[2 * g + 1]
        if a < 0 or b < 0:
            return default
        return self.string[a:b]

    def group(self, *args):
        if not args:
            return self._get(0)
        if len(args) == 1:
            return self._get(self._index(args[0]))
        return tuple([self._get(self._index(g)) for g in args])

    def __getitem__(self, g):
        return self._get(self._index(g))

    def groups(self, default=None):
        return tuple([self._get(g, default) for g in range(1, self.re.groups + 1)])

    def groupdict(self, default=None):
        d = {}
        for name, g in self.re.groupindex.items():
            d[name] = self._get(g, default)
        return d

    def start(self, group=0):
        g = self._index(group)
        if self._caps[2 * g + 1] < 0:
            return -1
        return self._caps[2 * g]

    def end(self, group=0):
        g = self._index(group)
        if self._caps[2 * g] < 0:
            return -1
        return self._caps[2 * g + 1]

    def span(self, group=0):
        g = self._index(group)
        a = self._caps[2 * g]
        b = self._caps[2 * g + 1]
        if a < 0 or b < 0:
            return (-1, -1)
        return (a, b)

    @property
    def regs(self):
        return tuple([self.span(g) for g in range(self.re.groups + 1)])

    @property
    def lastindex(self):
        v = self._caps[-1]
        return None if v < 0 else v

    @property
    def lastgroup(self):
        v = self._caps[-1]
        if v < 0:
            return None
        for name, g in self.re.groupindex.items():
            if g == v:
                return name
        return None

    def expand(self, template):
        return _expand(_parse_template(self.re, template), self)

    def __repr__(self):
        return '<re.Match object; span=' + repr(self.span()) + ', match=' + repr(self.group()) + '>'

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self


class _GroupIndex(dict):
    """Pattern.groupindex: a dict that prints as CPython's read-only mappingproxy."""

    def __repr__(self):
        return 'mappingproxy(' + dict.__repr__(self) + ')'


_FLAG_REPR = (('re.TEMPLATE', 1), ('re.IGNORECASE', 2), ('re.LOCALE', 4),
              ('re.MULTILINE', 8), ('re.DOTALL', 16), ('re.VERBOSE', 64),
              ('re.DEBUG', 128), ('re.ASCII', 256))


class Pattern:
    """A compiled regular expression."""

    def __init__(self, pattern, flags):
        self.pattern = pattern
        parser = _Parser(pattern, flags)
        tree = parser.parse()
        flags = parser.flags
        if not flags & 256:
            flags |= 32
        self.flags = flags
        self.groups = parser.groups - 1
        self.groupindex = _GroupIndex(parser.names)
        comp = _Compiler(bool(flags & 256))
        code = comp.program(tree)
        _finish(code)
        self._code = code
        self._nregs = comp.nregs
        self._ascii = bool(flags & 256)
        self._nslots = 2 * parser.groups + 1
        # A literal every match starts with lets search skip ahead with find(),
        # a leading \A (or ^ without MULTILINE) allows only one start;
        # a first character class lets it skip positions without running the
        # matcher; a leading ^ under MULTILINE allows only line starts.
        k = 0
        while code[k][0] == _SAVE:
            k += 1
        first = code[k]
        self._prefix = None
        self._first = None
        self._anchored = False
        self._lines = False
        op = first[0]
        if op == _CHAR or op == _LITSTR:
            self._prefix = first[1]
        elif op == _CHARI or op == _SET or op == _ANY:
            self._first = first
        elif op == _REPEAT and first[2] > 0:
            self._first = first[1]
        elif op == _AT and (first[1] == _AT_BEGIN or first[1] == _AT_BOL):
            self._anchored = True
        elif op == _AT and first[1] == _AT_MBOL:
            self._lines = True

    def __repr__(self):
        text = repr(self.pattern)
        if len(text) > 200:
            text = text[:200]
        parts = []
        v = self.flags & ~32
        for name, bit in _FLAG_REPR:
            if v & bit:
                parts.append(name)
                v &= ~bit
        if v:
            parts.append(hex(v))
        if parts:
            return 're.compile(' + text + ', ' + '|'.join(parts) + ')'
        return 're.compile(' + text + ')'

    def __eq__(self, other):
        if not isinstance(other, Pattern):
            return NotImplemented
        return self.pattern == other.pattern and self.flags == other.flags

    def __hash__(self):
        return hash((self.pattern, self.flags))

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self

    def _bounds(self, string, pos, endpos):
        _check_str(string)
        n = len(string)
        if pos < 0:
            pos = 0
        elif pos > n:
            pos = n
        if endpos > n:
            endpos = n
        elif endpos < 0:
            endpos = 0
        return pos, endpos

    def _at(self, string, pos, endpos, forbid_empty, full):
        """Matches at exactly pos; a Match or None."""
        caps = [-1] * self._nslots
        r = _run(self._code, string, pos, endpos, caps, self._nregs, self._ascii, forbid_empty, full)
        if r < 0:
            return None
        caps[0] = pos
        caps[1] = r
        return Match(self, string, pos, endpos, caps)

    def _search(self, string, pos, endpos, forbid_empty, orig_pos):
        code = self._code
        prefix = self._prefix
        first = self._first
        lines = self._lines
        nregs = self._nregs
        ascii = self._ascii
        caps = [-1] * self._nslots
        p = pos
        while p <= endpos:
            if prefix is not None:
                p = string.find(prefix, p, endpos)
                if p < 0:
                    return None
            elif first is not None:
                while p < endpos and not _one(first, string, p):
                    p += 1
                if p >= endpos:
                    return None
            elif lines and p > 0 and string[p - 1] != '\n':
                p = string.find('\n', p, endpos)
                if p < 0:
                    return None
                p += 1
            r = _run(code, string, p, endpos, caps, nregs, ascii, forbid_empty and p == pos, -1)
            if r >= 0:
                caps[0] = p
                caps[1] = r
                return Match(self, string, orig_pos, endpos, caps)
            if self._anchored:
                return None
            p += 1
        return None

    def match(self, string, pos=0, endpos=sys.maxsize):
        pos, endpos = self._bounds(string, pos, endpos)
        if pos > endpos:
            return None
        m = self._at(string, pos, endpos, False, -1)
        return m

    def fullmatch(self, string, pos=0, endpos=sys.maxsize):
        pos, endpos = self._bounds(string, pos, endpos)
        if pos > endpos:
            return None
        return self._at(string, pos, endpos, False, endpos)

    def search(self, string, pos=0, endpos=sys.maxsize):
        pos, endpos = self._bounds(string, pos, endpos)
        if pos > endpos:
            return None
        return self._search(string, pos, endpos, False, pos)

    def _matches(self, string, pos, endpos):
        """Every match left to right, with CPython 3.7's empty-match rule: an
        empty match may not start where the previous (empty) match did."""
        pos, endpos = self._bounds(string, pos, endpos)
        out = []
        if pos > endpos:
            return out
        start = pos
        forbid = False
        while pos <= endpos:
            m = self._search(string, pos, endpos, forbid, start)
            if m is None:
                break
            out.append(m)
            a = m._caps[0]
            b = m._caps[1]
            forbid = a == b
            pos = b
        return out

    def findall(self, string, pos=0, endpos=sys.maxsize):
        out = []
        g = self.groups
        for m in self._matches(string, pos, endpos):
            if g == 0:
                out.append(m._get(0))
            elif g == 1:
                out.append(m._get(1, ''))
            else:
                out.append(m.groups(''))
        return out

    def finditer(self, string, pos=0, endpos=sys.maxsize):
        return iter(self._matches(string, pos, endpos))

    def subn(self, repl, string, count=0):
        _check_str(string)
        if callable(repl):
            func = repl
            parts = None
        else:
            func = None
            if not isinstance(repl, str):
                raise TypeError('decoding to str: need a bytes-like object, ' + type(repl).__name__ + ' found')
            if '\\' in repl:
                parts = _parse_template(self, repl)
            else:
                parts = [repl]
        out = []
        last = 0
        n = 0
        for m in self._matches(string, 0, len(string)):
            if count and n >= count:
                break
            # Like CPython, skip empty pieces and None from the function, so
            # a bad return value's join error names the same item index.
            if m._caps[0] > last:
                out.append(string[last:m._caps[0]])
            if func is not None:
                r = func(m)
                if r is not None:
                    out.append(r)
            else:
                out.append(_expand(parts, m))
            last = m._caps[1]
            n += 1
        out.append(string[last:])
        return (''.join(out), n)

    def sub(self, repl, string, count=0):
        return self.subn(repl, string, count)[0]

    def split(self, string, maxsplit=0):
        _check_str(string)
        out = []
        last = 0
        n = 0
        g = self.groups
        for m in self._matches(string, 0, len(string)):
            if maxsplit and n >= maxsplit:
                break
            out.append(string[last:m._caps[0]])
            for k in range(1, g + 1):
                out.append(m._get(k))
            last = m._caps[1]
            n += 1
        out.append(string[last:])
        return out



# ---------------------------------------------------------------- module functions

_cache = {}
_MAXCACHE = 512


def _compile(pattern, flags):
    if isinstance(pattern, Pattern):
        if flags:
            raise ValueError('cannot process flags argument with a compiled pattern')
        return pattern
    if not isinstance(pattern, str):
        raise TypeError('first argument must be string or compiled pattern')
    flags = int(flags)
    key = (pattern, flags)
    p = _cache.get(key)
    if p is None:
        p = Pattern(pattern, flags)
        if len(_cache) >= _MAXCACHE:
            _cache.clear()
        _cache[key] = p
    return p


def compile(pattern, flags=0):
    return _compile(pattern, flags)


def match(pattern, string, flags=0):
    return _compile(pattern, flags).match(string)


def fullmatch(pattern, string, flags=0):
    return _compile(pattern, flags).fullmatch(string)


def search(pattern, string, flags=0):
    return _compile(pattern, flags).search(string)


def findall(pattern, string, flags=0):
    return _compile(pattern, flags).findall(string)


def finditer(pattern, string, flags=0):
    return _compile(pattern, flags).finditer(string)


def sub(pattern, repl, string, count=0, flags=0):
    return _compile(pattern, flags).sub(repl, string, count)


def subn(pattern, repl, string, count=0, flags=0):
    return _compile(pattern, flags).subn(repl, string, count)


def split(pattern, string, maxsplit=0, flags=0):
    return _compile(pattern, flags).split(string, maxsplit)


def purge():
    _cache.clear()


_SPECIAL = '()[]{}?*+-|^$\\.&~# \t\n\r\v\f'


def escape(pattern):
    if not isinstance(pattern, str):
        raise TypeError('escape() argument must be str')
    out = []
    for ch in pattern:
        if ch in _SPECIAL:
            out.append('\\')
        out.append(ch)
    return ''.join(out)
