"""Taipan's json: JSON encoding and decoding with CPython 3.11's API and exact
output (dumps/dump/loads/load, JSONEncoder, JSONDecoder, JSONDecodeError).

CPython encodes through two engines whose messages differ slightly: a C
encoder for one-shot encoding without indent (json.dumps, JSONEncoder.encode)
and a Python one otherwise (indent given, json.dump, iterencode). One encoder
here serves both; `_Encoder.detailed` selects the Python engine's wording.
Decoding follows CPython's C scanner (its error positions and messages)."""

__all__ = ['dump', 'dumps', 'load', 'loads', 'JSONDecoder', 'JSONDecodeError',
           'JSONEncoder']

_INF = float('inf')

# Two-character escapes shared by both string encoders; any other control
# character becomes \u00XX.
_SHORT_ESCAPES = {'"': '\\"', '\\': '\\\\', '\n': '\\n', '\r': '\\r',
                  '\t': '\\t', '\b': '\\b', '\f': '\\f'}

_HEX = '0123456789abcdef'


def _u_escape(code):
    return ('\\u' + _HEX[(code >> 12) & 15] + _HEX[(code >> 8) & 15] +
            _HEX[(code >> 4) & 15] + _HEX[code & 15])


def _encode_str_ascii(s):
    """A JSON string literal using only printable ASCII: every character
    outside ' '..'~' is escaped, those beyond the BMP as a surrogate pair."""
    parts = ['"']
    start = 0
    i = 0
    n = len(s)
    while i < n:
        c = s[i]
        code = ord(c)
        if 32 <= code <= 126 and c != '"' and c != '\\':
            i += 1
            continue
        if start < i:
            parts.append(s[start:i])
        short = _SHORT_ESCAPES.get(c)
        if short is not None:
            parts.append(short)
        elif code > 0xffff:
            code -= 0x10000
            parts.append(_u_escape(0xd800 | (code >> 10)))
            parts.append(_u_escape(0xdc00 | (code & 0x3ff)))
        else:
            parts.append(_u_escape(code))
        i += 1
        start = i
    if start < n:
        parts.append(s[start:])
    parts.append('"')
    return ''.join(parts)


def _encode_str(s):
    """A JSON string literal escaping only what JSON requires (ensure_ascii
    off): quotes, backslashes and control characters."""
    parts = ['"']
    start = 0
    i = 0
    n = len(s)
    while i < n:
        c = s[i]
        if ord(c) >= 32 and c != '"' and c != '\\':
            i += 1
            continue
        if start < i:
            parts.append(s[start:i])
        short = _SHORT_ESCAPES.get(c)
        if short is not None:
            parts.append(short)
        else:
            parts.append(_u_escape(ord(c)))
        i += 1
        start = i
    if start < n:
        parts.append(s[start:])
    parts.append('"')
    return ''.join(parts)


class _Encoder:
    """One encoding run: its settings, the output chunks and the ids of the
    containers being encoded (for circular reference detection)."""

    def __init__(self, owner, detailed):
        self.default = owner.default
        self.skipkeys = owner.skipkeys
        self.allow_nan = owner.allow_nan
        self.sort_keys = owner.sort_keys
        self.item_separator = owner.item_separator
        self.key_separator = owner.key_separator
        self.encode_str = _encode_str_ascii if owner.ensure_ascii else _encode_str
        indent = owner.indent
        if indent is not None and not isinstance(indent, str):
            indent = ' ' * indent
        self.indent = indent
        self.markers = {} if owner.check_circular else None
        self.detailed = detailed
        self.chunks = []

    def float_str(self, o):
        if o != o:
            text = 'NaN'
        elif o == _INF:
            text = 'Infinity'
        elif o == -_INF:
            text = '-Infinity'
        else:
            return float.__repr__(o)
        if not self.allow_nan:
            if self.detailed:
                raise ValueError(
                    'Out of range float values are not JSON compliant: ' +
                    repr(o))
            raise ValueError('Out of range float values are not JSON compliant')
        return text

    def enter(self, o):
        markers = self.markers
        if markers is not None:
            key = id(o)
            if key in markers:
                raise ValueError('Circular reference detected')
            markers[key] = o

    def leave(self, o):
        if self.markers is not None:
            del self.markers[id(o)]

    def encode(self, o, level):
        chunks = self.chunks
        if isinstance(o, str):
            chunks.append(self.encode_str(o))
        elif o is None:
            chunks.append('null')
        elif o is True:
            chunks.append('true')
        elif o is False:
            chunks.append('false')
        elif isinstance(o, int):
            chunks.append(int.__repr__(o))
        elif isinstance(o, float):
            chunks.append(self.float_str(o))
        elif isinstance(o, (list, tuple)):
            self.encode_list(o, level)
        elif isinstance(o, dict):
            self.encode_dict(o, level)
        else:
            self.enter(o)
            self.encode(self.default(o), level)
            self.leave(o)

    def encode_list(self, lst, level):
        chunks = self.chunks
        if not lst:
            chunks.append('[]')
            return
        self.enter(lst)
        indent = self.indent
        if indent is None:
            separator = self.item_separator
            chunks.append('[')
        else:
            level += 1
            newline = '\n' + indent * level
            separator = self.item_separator + newline
            chunks.append('[' + newline)
        first = True
        for value in lst:
            if first:
                first = False
            else:
                chunks.append(separator)
            self.encode(value, level)
        if indent is not None:
            level -= 1
            chunks.append('\n' + indent * level)
        chunks.append(']')
        self.leave(lst)

    def key_str(self, key):
        """The string a dict key becomes, or None to skip it (skipkeys)."""
        if isinstance(key, str):
            return key
        if isinstance(key, float):
            return self.float_str(key)
        if key is True:
            return 'true'
        if key is False:
            return 'false'
        if key is None:
            return 'null'
        if isinstance(key, int):
            return int.__repr__(key)
        if self.skipkeys:
            return None
        raise TypeError('keys must be str, int, float, bool or None, not ' +
                        key.__class__.__name__)

    def encode_dict(self, dct, level):
        chunks = self.chunks
        if not dct:
            chunks.append('{}')
            return
        self.enter(dct)
        indent = self.indent
        if indent is None:
            separator = self.item_separator
            chunks.append('{')
        else:
            level += 1
            newline = '\n' + indent * level
            separator = self.item_separator + newline
            chunks.append('{' + newline)
        key_separator = self.key_separator
        encode_str = self.encode_str
        items = dct.items()
        if self.sort_keys:
            items = sorted(items)
        first = True
        for key, value in items:
            text = self.key_str(key)
            if text is None:
                continue
            if first:
                first = False
            else:
                chunks.append(separator)
            chunks.append(encode_str(text))
            chunks.append(key_separator)
            self.encode(value, level)
        if indent is not None:
            level -= 1
            chunks.append('\n' + indent * level)
        chunks.append('}')
        self.leave(dct)


class JSONEncoder:
    """Encodes Python data as JSON text; subclasses override default() to
    serialize other types."""

    item_separator = ', '
    key_separator = ': '

    def __init__(self, *, skipkeys=False, ensure_ascii=True,
                 check_circular=True, allow_nan=True, sort_keys=False,
                 indent=None, separators=None, default=None):
        self.skipkeys = skipkeys
        self.ensure_ascii = ensure_ascii
        self.check_circular = check_circular
        self.allow_nan = allow_nan
        self.sort_keys = sort_keys
        self.indent = indent
        if separators is not None:
            self.item_separator, self.key_separator = separators
        elif indent is not None:
            self.item_separator = ','
        if default is not None:
            self.default = default

    def default(self, o):
        raise TypeError('Object of type ' + o.__class__.__name__ +
                        ' is not JSON serializable')

    def encode(self, o):
        if isinstance(o, str):
            if self.ensure_ascii:
                return _encode_str_ascii(o)
            return _encode_str(o)
        return ''.join(self._chunks(o, self.indent is not None))

    def iterencode(self, o, _one_shot=False):
        return iter(self._chunks(o, self.indent is not None or not _one_shot))

    def _chunks(self, o, detailed):
        encoder = _Encoder(self, detailed)
        encoder.encode(o, 0)
        return encoder.chunks


def dumps(obj, *, skipkeys=False, ensure_ascii=True, check_circular=True,
          allow_nan=True, cls=None, indent=None, separators=None,
          default=None, sort_keys=False, **kw):
    if cls is None:
        cls = JSONEncoder
    return cls(skipkeys=skipkeys, ensure_ascii=ensure_ascii,
               check_circular=check_circular, allow_nan=allow_nan,
               indent=indent, separators=separators, default=default,
               sort_keys=sort_keys, **kw).encode(obj)


def dump(obj, fp, *, skipkeys=False, ensure_ascii=True, check_circular=True,
         allow_nan=True, cls=None, indent=None, separators=None,
         default=None, sort_keys=False, **kw):
    if cls is None:
        cls = JSONEncoder
    encoder = cls(skipkeys=skipkeys, ensure_ascii=ensure_ascii,
                  check_circular=check_circular, allow_nan=allow_nan,
                  indent=indent, separators=separators, default=default,
                  sort_keys=sort_keys, **kw)
    for chunk in encoder.iterencode(obj):
        fp.write(chunk)


class JSONDecodeError(ValueError):
    """A ValueError locating a JSON syntax error: msg, doc, pos and the
    1-based lineno and colno of pos."""

    def __init__(self, msg, doc, pos):
        lineno = doc.count('\n', 0, pos) + 1
        colno = pos - doc.rfind('\n', 0, pos)
        ValueError.__init__(self, '%s: line %d column %d (char %d)' %
                            (msg, lineno, colno, pos))
        self.msg = msg
        self.doc = doc
        self.pos = pos
        self.lineno = lineno
        self.colno = colno


_CONSTANTS = {'NaN': float('nan'), 'Infinity': _INF, '-Infinity': -_INF}

_ESCAPED = {'"': '"', '\\': '\\', '/': '/', 'b': '\b', 'f': '\f', 'n': '\n',
            'r': '\r', 't': '\t'}

_HEX_VALUES = {}
for _i in range(10):
    _HEX_VALUES[chr(48 + _i)] = _i
for _i in range(6):
    _HEX_VALUES[chr(97 + _i)] = 10 + _i
    _HEX_VALUES[chr(65 + _i)] = 10 + _i


class _NoValue(Exception):
    """No JSON value starts at `pos` (CPython's scanner raises
    StopIteration(pos) there)."""

    def __init__(self, pos):
        Exception.__init__(self, pos)
        self.pos = pos


def _skip_ws(s, i, n):
    while i < n:
        c = s[i]
        if c != ' ' and c != '\t' and c != '\n' and c != '\r':
            break
        i += 1
    return i


def _hex4(s, i, n):
    """The value of the four hex digits at s[i:i+4], or -1 if they are not
    four hex digits."""
    if i + 4 > n:
        return -1
    value = 0
    for k in range(i, i + 4):
        digit = _HEX_VALUES.get(s[k])
        if digit is None:
            return -1
        value = value * 16 + digit
    return value


def _scan_string(s, end, strict):
    """Decodes the string whose opening quote is at end - 1; returns the
    text and the index after the closing quote."""
    n = len(s)
    begin = end - 1
    parts = []
    i = end
    while True:
        start = i
        while i < n:
            c = s[i]
            if c == '"' or c == '\\':
                break
            if strict and ord(c) < 32:
                raise JSONDecodeError('Invalid control character at', s, i)
            i += 1
        if i >= n:
            raise JSONDecodeError('Unterminated string starting at', s, begin)
        if start < i:
            parts.append(s[start:i])
        if s[i] == '"':
            return ''.join(parts), i + 1
        i += 1
        if i >= n:
            raise JSONDecodeError('Unterminated string starting at', s, begin)
        c = s[i]
        if c != 'u':
            char = _ESCAPED.get(c)
            if char is None:
                raise JSONDecodeError('Invalid \\escape', s, i - 1)
            parts.append(char)
            i += 1
            continue
        # CPython's scanner wants a character (at least the closing quote)
        # after the four digits before it reads them.
        code = _hex4(s, i + 1, n - 1)
        if code < 0:
            raise JSONDecodeError('Invalid \\uXXXX escape', s, i)
        i += 5
        # A high surrogate followed by an escaped low one is one character.
        if (0xd800 <= code <= 0xdbff and i + 6 < n and s[i] == '\\' and
                s[i + 1] == 'u'):
            low = _hex4(s, i + 2, n)
            if low < 0:
                raise JSONDecodeError('Invalid \\uXXXX escape', s, i + 1)
            if 0xdc00 <= low <= 0xdfff:
                code = 0x10000 + (((code - 0xd800) << 10) | (low - 0xdc00))
                i += 6
        parts.append(chr(code))


class _Scanner:
    """One decoding run's settings; value() is CPython's scan_once."""

    def __init__(self, decoder):
        self.strict = decoder.strict
        self.object_hook = decoder.object_hook
        self.object_pairs_hook = decoder.object_pairs_hook
        self.parse_float = decoder.parse_float
        self.parse_int = decoder.parse_int
        self.parse_constant = decoder.parse_constant

    def value(self, s, i, n):
        """The value starting at s[i] and the index after it; raises
        _NoValue(i) when none starts there."""
        if i >= n:
            raise _NoValue(i)
        c = s[i]
        if c == '"':
            return _scan_string(s, i + 1, self.strict)
        if c == '{':
            return self.object(s, i + 1, n)
        if c == '[':
            return self.array(s, i + 1, n)
        if c == 'n' and s.startswith('null', i):
            return None, i + 4
        if c == 't' and s.startswith('true', i):
            return True, i + 4
        if c == 'f' and s.startswith('false', i):
            return False, i + 5
        if c == 'N' and s.startswith('NaN', i):
            return self.parse_constant('NaN'), i + 3
        if c == 'I' and s.startswith('Infinity', i):
            return self.parse_constant('Infinity'), i + 8
        if c == '-' and s.startswith('-Infinity', i):
            return self.parse_constant('-Infinity'), i + 9
        return self.number(s, i, n)

    def number(self, s, i, n):
        # -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)? with ASCII digits.
        start = i
        if i < n and s[i] == '-':
            i += 1
        if i < n and '1' <= s[i] <= '9':
            i += 1
            while i < n and '0' <= s[i] <= '9':
                i += 1
        elif i < n and s[i] == '0':
            i += 1
        else:
            raise _NoValue(start)
        is_float = False
        if i + 1 < n and s[i] == '.' and '0' <= s[i + 1] <= '9':
            i += 2
            while i < n and '0' <= s[i] <= '9':
                i += 1
            is_float = True
        if i < n and (s[i] == 'e' or s[i] == 'E'):
            j = i + 1
            if j < n and (s[j] == '-' or s[j] == '+'):
                j += 1
            if j < n and '0' <= s[j] <= '9':
                j += 1
                while j < n and '0' <= s[j] <= '9':
                    j += 1
                i = j
                is_float = True
        text = s[start:i]
        if is_float:
            return self.parse_float(text), i
        return self.parse_int(text), i

    def object(self, s, i, n):
        pairs = []
        i = _skip_ws(s, i, n)
        if i < n and s[i] == '}':
            i += 1
        else:
            while True:
                if i >= n or s[i] != '"':
                    raise JSONDecodeError(
                        'Expecting property name enclosed in double quotes',
                        s, i)
                key, i = _scan_string(s, i + 1, self.strict)
                i = _skip_ws(s, i, n)
                if i >= n or s[i] != ':':
                    raise JSONDecodeError("Expecting ':' delimiter", s, i)
                i = _skip_ws(s, i + 1, n)
                try:
                    value, i = self.value(s, i, n)
                except _NoValue as err:
                    raise JSONDecodeError('Expecting value', s, err.pos) \
                        from None
                pairs.append((key, value))
                i = _skip_ws(s, i, n)
                if i < n and s[i] == '}':
                    i += 1
                    break
                if i >= n or s[i] != ',':
                    raise JSONDecodeError("Expecting ',' delimiter", s, i)
                i = _skip_ws(s, i + 1, n)
        if self.object_pairs_hook is not None:
            return self.object_pairs_hook(pairs), i
        result = dict(pairs)
        if self.object_hook is not None:
            return self.object_hook(result), i
        return result, i

    def array(self, s, i, n):
        values = []
        i = _skip_ws(s, i, n)
        if i < n and s[i] == ']':
            return values, i + 1
        while True:
            try:
                value, i = self.value(s, i, n)
            except _NoValue as err:
                raise JSONDecodeError('Expecting value', s, err.pos) from None
            values.append(value)
            i = _skip_ws(s, i, n)
            if i < n and s[i] == ']':
                return values, i + 1
            if i >= n or s[i] != ',':
                raise JSONDecodeError("Expecting ',' delimiter", s, i)
            i = _skip_ws(s, i + 1, n)


class JSONDecoder:
    """Decodes JSON text; the hooks and parse_* callables customise the
    values built."""

    def __init__(self, *, object_hook=None, parse_float=None, parse_int=None,
                 parse_constant=None, strict=True, object_pairs_hook=None):
        self.object_hook = object_hook
        self.parse_float = parse_float if parse_float is not None else float
        self.parse_int = parse_int if parse_int is not None else int
        self.parse_constant = (parse_constant if parse_constant is not None
                               else _CONSTANTS.__getitem__)
        self.strict = strict
        self.object_pairs_hook = object_pairs_hook

    def decode(self, s):
        n = len(s)
        obj, end = self.raw_decode(s, _skip_ws(s, 0, n))
        end = _skip_ws(s, end, n)
        if end != n:
            raise JSONDecodeError('Extra data', s, end)
        return obj

    def raw_decode(self, s, idx=0):
        if idx < 0:
            raise ValueError('idx cannot be negative')
        try:
            return _Scanner(self).value(s, idx, len(s))
        except _NoValue as err:
            raise JSONDecodeError('Expecting value', s, err.pos) from None


def loads(s, *, cls=None, object_hook=None, parse_float=None, parse_int=None,
          parse_constant=None, object_pairs_hook=None, **kw):
    if isinstance(s, str):
        if s.startswith('\ufeff'):
            raise JSONDecodeError(
                'Unexpected UTF-8 BOM (decode using utf-8-sig)', s, 0)
    elif isinstance(s, bytes):
        # CPython detects UTF-16/32 too; Taipan decodes UTF-8, minus a BOM.
        if s.startswith(b'\xef\xbb\xbf'):
            s = s[3:]
        s = s.decode('utf-8')
    else:
        raise TypeError('the JSON object must be str, bytes or bytearray, not ' +
                        s.__class__.__name__)
    if cls is None:
        cls = JSONDecoder
    if object_hook is not None:
        kw['object_hook'] = object_hook
    if object_pairs_hook is not None:
        kw['object_pairs_hook'] = object_pairs_hook
    if parse_float is not None:
        kw['parse_float'] = parse_float
    if parse_int is not None:
        kw['parse_int'] = parse_int
    if parse_constant is not None:
        kw['parse_constant'] = parse_constant
    return cls(**kw).decode(s)


def load(fp, *, cls=None, object_hook=None, parse_float=None, parse_int=None,
         parse_constant=None, object_pairs_hook=None, **kw):
    return loads(fp.read(), cls=cls, object_hook=object_hook,
                 parse_float=parse_float, parse_int=parse_int,
                 parse_constant=parse_constant,
                 object_pairs_hook=object_pairs_hook, **kw)
