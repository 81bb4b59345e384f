"""Taipan's string: the character-class constants, capwords and Template
(CPython 3.11's API). Template placeholders are found by a hand-written
scanner equivalent to CPython's default pattern (`$$`, `$name`, `${name}`,
names being ASCII letters, digits and underscores not starting with a
digit); a subclass may change `delimiter`, but not `idpattern` or `pattern`,
which would need regular expressions."""

__all__ = ['ascii_letters', 'ascii_lowercase', 'ascii_uppercase', 'capwords',
           'digits', 'hexdigits', 'octdigits', 'printable', 'punctuation',
           'whitespace', 'Template']

whitespace = ' \t\n\r\x0b\x0c'
ascii_lowercase = 'abcdefghijklmnopqrstuvwxyz'
ascii_uppercase = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'
ascii_letters = ascii_lowercase + ascii_uppercase
digits = '0123456789'
hexdigits = digits + 'abcdef' + 'ABCDEF'
octdigits = '01234567'
punctuation = r"""!"#$%&'()*+,-./:;<=>?@[\]^_`{|}~"""
printable = digits + ascii_letters + punctuation + whitespace


def capwords(s, sep=None):
    """Split s by sep (whitespace runs by default), capitalize each word and
    join them with sep (a single space by default)."""
    return (sep or ' ').join([word.capitalize() for word in s.split(sep)])


_ID_START = frozenset('_' + ascii_letters)
_ID_CHARS = frozenset('_' + ascii_letters + digits)

# The kinds of placeholder the scanner reports.
_ESCAPED = 0
_NAMED = 1
_INVALID = 2


def _placeholders(template, delimiter):
    """Yield (kind, start, end, name) for each placeholder of template, in
    order: start/end delimit its text; for _INVALID, end is where the
    unrecognized text begins (CPython's error position)."""
    n = len(template)
    step = len(delimiter)
    pos = template.find(delimiter)
    while pos >= 0:
        after = pos + step
        if template.startswith(delimiter, after):
            yield (_ESCAPED, pos, after + step, None)
            pos = template.find(delimiter, after + step)
            continue
        if after < n and template[after] in _ID_START:
            end = after + 1
            while end < n and template[end] in _ID_CHARS:
                end += 1
            yield (_NAMED, pos, end, template[after:end])
            pos = template.find(delimiter, end)
            continue
        if after + 1 < n and template[after] == '{' and template[after + 1] in _ID_START:
            end = after + 2
            while end < n and template[end] in _ID_CHARS:
                end += 1
            if end < n and template[end] == '}':
                yield (_NAMED, pos, end + 1, template[after + 1:end])
                pos = template.find(delimiter, end + 1)
                continue
        yield (_INVALID, pos, after, None)
        pos = template.find(delimiter, after)


class _ChainedMapping:
    """Keyword arguments in front of the mapping (CPython uses a ChainMap)."""

    def __init__(self, first, second):
        self._first = first
        self._second = second

    def __getitem__(self, key):
        if key in self._first:
            return self._first[key]
        return self._second[key]


_NO_MAPPING = {}


class Template:
    """A string with $-substitutions: $$ is a literal $, $name and ${name}
    are placeholders."""

    delimiter = '$'

    def __init__(self, template):
        self.template = template

    def _mapping(self, mapping, kws):
        if mapping is _NO_MAPPING:
            return kws
        if kws:
            return _ChainedMapping(kws, mapping)
        return mapping

    def _invalid(self, i):
        lines = self.template[:i].splitlines(True)
        if not lines:
            colno = 1
            lineno = 1
        else:
            colno = i - len(''.join(lines[:-1]))
            lineno = len(lines)
        raise ValueError('Invalid placeholder in string: line %d, col %d' % (lineno, colno))

    def substitute(self, mapping=_NO_MAPPING, /, **kws):
        """The template with every placeholder replaced from mapping and the
        keywords; KeyError for a missing name, ValueError for a bad placeholder."""
        return self._replace(self._mapping(mapping, kws), False)

    def safe_substitute(self, mapping=_NO_MAPPING, /, **kws):
        """Like substitute, but missing names and bad placeholders stay as written."""
        return self._replace(self._mapping(mapping, kws), True)

    def _replace(self, mapping, safe):
        template = self.template
        delimiter = self.delimiter
        parts = []
        done = 0
        for kind, start, end, name in _placeholders(template, delimiter):
            parts.append(template[done:start])
            if kind == _NAMED:
                if safe:
                    try:
                        parts.append(str(mapping[name]))
                    except KeyError:
                        parts.append(template[start:end])
                else:
                    parts.append(str(mapping[name]))
            elif kind == _ESCAPED or safe:
                # An escape, or (when safe) a bad placeholder's delimiter kept as written.
                parts.append(delimiter)
            else:
                self._invalid(end)
            done = end
        parts.append(template[done:])
        return ''.join(parts)

    def is_valid(self):
        """Whether the template has no invalid placeholder."""
        for kind, start, end, name in _placeholders(self.template, self.delimiter):
            if kind == _INVALID:
                return False
        return True

    def get_identifiers(self):
        """The placeholder names, each once, in order of first appearance."""
        names = []
        for kind, start, end, name in _placeholders(self.template, self.delimiter):
            if kind == _NAMED and name not in names:
                names.append(name)
        return names
