"""Taipan's textwrap: wrap, fill, shorten, dedent, indent and TextWrapper with
CPython 3.11's behaviour.

CPython splits text into chunks with a regular expression; this module does
not depend on `re`, so `_split_words` walks the text by hand and yields the
same chunks: whitespace runs, words, words broken after a hyphen between
letters, and em-dashes ("--") between words."""

__all__ = ['TextWrapper', 'wrap', 'fill', 'dedent', 'indent', 'shorten']

# The whitespace TextWrapper knows: ASCII only (CPython deliberately leaves
# non-breaking and other Unicode spaces inside words).
_whitespace = '\t\n\x0b\x0c\r '


def _is_word_char(c):
    # What a Unicode `\w` matches.
    return c.isalnum() or c == '_'


def _is_letter(c):
    # CPython's "letter" is `[^\d\W]`: a word character that is no decimal
    # digit (so '_' counts as one).
    return (c.isalnum() or c == '_') and not c.isdecimal()


def _is_word_punct(c):
    return c.isalnum() or c in '_!"\'&.,?'


def _dash_run_before_word(text, i, n):
    """The length of the run of 2+ dashes at text[i] when a word character
    follows it, else 0."""
    j = i
    while j < n and text[j] == '-':
        j += 1
    if j - i >= 2 and j < n and _is_word_char(text[j]):
        return j - i
    return 0


def _split_simple(text):
    """Whitespace runs and the runs between them (break_on_hyphens off)."""
    chunks = []
    n = len(text)
    i = 0
    while i < n:
        start = i
        in_space = text[i] in _whitespace
        i += 1
        while i < n and (text[i] in _whitespace) == in_space:
            i += 1
        chunks.append(text[start:i])
    return chunks


def _split_words(text):
    """The chunks CPython's wordsep_re yields (break_on_hyphens on)."""
    chunks = []
    n = len(text)
    i = 0
    while i < n:
        start = i
        if text[i] in _whitespace:
            i += 1
            while i < n and text[i] in _whitespace:
                i += 1
            chunks.append(text[start:i])
            continue
        # An em-dash right after a word character or punctuation and right
        # before a word is a chunk of its own.
        if i > 0 and _is_word_punct(text[i - 1]):
            dashes = _dash_run_before_word(text, i, n)
            if dashes:
                i += dashes
                chunks.append(text[start:i])
                continue
        # Otherwise the shortest word that ends before whitespace or the end,
        # right after a hyphen joining letters (two letters before it, or
        # letter-hyphen-letter, and a letter, maybe one hyphen, and a letter
        # after it), or right before an em-dash.
        end = i + 1
        while True:
            if end >= n or text[end] in _whitespace:
                break
            c = text[end]
            if c == '-':
                if end + 1 < n and _is_letter(text[end + 1]) and (
                        (end + 2 < n and _is_letter(text[end + 2])) or
                        (end + 3 < n and text[end + 2] == '-' and
                         _is_letter(text[end + 3]))):
                    if (end - 2 >= 0 and _is_letter(text[end - 2]) and
                            _is_letter(text[end - 1])):
                        end += 1
                        break
                    if (end - 3 >= 0 and _is_letter(text[end - 3]) and
                            text[end - 2] == '-' and _is_letter(text[end - 1])):
                        end += 1
                        break
                if (_is_word_punct(text[end - 1]) and
                        _dash_run_before_word(text, end, n)):
                    break
            end += 1
        i = end
        chunks.append(text[start:i])
    return chunks


def _ends_sentence(chunk):
    # A lowercase ASCII letter, then '.', '!' or '?', then maybe a quote.
    n = len(chunk)
    if n >= 1 and chunk[n - 1] in '"\'':
        n -= 1
    return n >= 2 and chunk[n - 1] in '.!?' and 'a' <= chunk[n - 2] <= 'z'


class TextWrapper:
    """Wraps paragraphs to a width; its attributes are the keyword
    arguments of wrap() and fill()."""

    def __init__(self, width=70, initial_indent="", subsequent_indent="",
                 expand_tabs=True, replace_whitespace=True,
                 fix_sentence_endings=False, break_long_words=True,
                 drop_whitespace=True, break_on_hyphens=True, tabsize=8, *,
                 max_lines=None, placeholder=' [...]'):
        self.width = width
        self.initial_indent = initial_indent
        self.subsequent_indent = subsequent_indent
        self.expand_tabs = expand_tabs
        self.replace_whitespace = replace_whitespace
        self.fix_sentence_endings = fix_sentence_endings
        self.break_long_words = break_long_words
        self.drop_whitespace = drop_whitespace
        self.break_on_hyphens = break_on_hyphens
        self.tabsize = tabsize
        self.max_lines = max_lines
        self.placeholder = placeholder

    def _munge_whitespace(self, text):
        if self.expand_tabs:
            text = text.expandtabs(self.tabsize)
        if self.replace_whitespace:
            for c in '\t\n\x0b\x0c\r':
                if c in text:
                    text = text.replace(c, ' ')
        return text

    def _split(self, text):
        if self.break_on_hyphens:
            return _split_words(text)
        return _split_simple(text)

    def _fix_sentence_endings(self, chunks):
        """Two spaces after a sentence end (a chunk followed by one space)."""
        i = 0
        while i < len(chunks) - 1:
            if chunks[i + 1] == " " and _ends_sentence(chunks[i]):
                chunks[i + 1] = "  "
                i += 2
            else:
                i += 1

    def _handle_long_word(self, reversed_chunks, cur_line, cur_len, width):
        """Puts as much of a word too long for any line onto cur_line as
        fits (preferably up to a hyphen), or the whole word on an empty line
        when long words must not be broken."""
        space_left = width - cur_len if width >= 1 else 1
        if self.break_long_words:
            chunk = reversed_chunks[-1]
            end = space_left
            if self.break_on_hyphens and len(chunk) > space_left:
                hyphen = chunk.rfind('-', 0, space_left)
                if hyphen > 0 and chunk[:hyphen].strip('-'):
                    end = hyphen + 1
            cur_line.append(chunk[:end])
            reversed_chunks[-1] = chunk[end:]
        elif not cur_line:
            cur_line.append(reversed_chunks.pop())

    def _wrap_chunks(self, chunks):
        if self.width <= 0:
            raise ValueError("invalid width %r (must be > 0)" % (self.width,))
        placeholder = self.placeholder
        max_lines = self.max_lines
        if max_lines is not None:
            first = (self.subsequent_indent if max_lines > 1
                     else self.initial_indent)
            if len(first) + len(placeholder.lstrip()) > self.width:
                raise ValueError("placeholder too large for max width")
        drop_whitespace = self.drop_whitespace
        lines = []
        # Reversed, so taking the next chunk is a pop from the end.
        chunks = chunks[::-1]
        while chunks:
            cur_line = []
            cur_len = 0
            indent = self.subsequent_indent if lines else self.initial_indent
            width = self.width - len(indent)
            # Whitespace starting any line but the first is dropped.
            if drop_whitespace and lines and chunks[-1].strip() == '':
                chunks.pop()
            while chunks:
                size = len(chunks[-1])
                if cur_len + size > width:
                    break
                cur_line.append(chunks.pop())
                cur_len += size
            if chunks and len(chunks[-1]) > width:
                self._handle_long_word(chunks, cur_line, cur_len, width)
                cur_len = 0
                for part in cur_line:
                    cur_len += len(part)
            if drop_whitespace and cur_line and cur_line[-1].strip() == '':
                cur_len -= len(cur_line[-1])
                cur_line.pop()
            if not cur_line:
                continue
            rest_is_blank = not chunks or (drop_whitespace and
                                           len(chunks) == 1 and
                                           not chunks[0].strip())
            if (max_lines is None or len(lines) + 1 < max_lines or
                    (rest_is_blank and cur_len <= width)):
                lines.append(indent + ''.join(cur_line))
                continue
            # The last line allowed: end it with the placeholder, dropping
            # chunks until it fits after a non-blank one.
            while cur_line:
                if (cur_line[-1].strip() and
                        cur_len + len(placeholder) <= width):
                    cur_line.append(placeholder)
                    lines.append(indent + ''.join(cur_line))
                    return lines
                cur_len -= len(cur_line[-1])
                cur_line.pop()
            if lines:
                prev_line = lines[-1].rstrip()
                if len(prev_line) + len(placeholder) <= self.width:
                    lines[-1] = prev_line + placeholder
                    return lines
            lines.append(indent + placeholder.lstrip())
            return lines
        return lines

    def _split_chunks(self, text):
        return self._split(self._munge_whitespace(text))

    def wrap(self, text):
        chunks = self._split_chunks(text)
        if self.fix_sentence_endings:
            self._fix_sentence_endings(chunks)
        return self._wrap_chunks(chunks)

    def fill(self, text):
        return "\n".join(self.wrap(text))


def wrap(text, width=70, **kwargs):
    return TextWrapper(width=width, **kwargs).wrap(text)


def fill(text, width=70, **kwargs):
    return TextWrapper(width=width, **kwargs).fill(text)


def shorten(text, width, **kwargs):
    wrapper = TextWrapper(width=width, max_lines=1, **kwargs)
    return wrapper.fill(' '.join(text.strip().split()))


def dedent(text):
    """Removes the longest run of spaces and tabs that starts every line
    with other characters; lines of only spaces and tabs become empty."""
    lines = text.split('\n')
    margin = None
    for k in range(len(lines)):
        line = lines[k]
        stripped = line.lstrip(' \t')
        if not stripped:
            lines[k] = ''
            continue
        line_indent = line[:len(line) - len(stripped)]
        if margin is None:
            margin = line_indent
        elif line_indent.startswith(margin):
            pass
        elif margin.startswith(line_indent):
            margin = line_indent
        else:
            common = 0
            while margin[common] == line_indent[common]:
                common += 1
            margin = margin[:common]
    if margin:
        size = len(margin)
        for k in range(len(lines)):
            if lines[k].startswith(margin):
                lines[k] = lines[k][size:]
    return '\n'.join(lines)


def indent(text, prefix, predicate=None):
    """Adds prefix to the lines for which predicate holds (by default, the
    lines that are not only whitespace)."""
    parts = []
    for line in text.splitlines(True):
        if (predicate(line) if predicate is not None else line.strip()):
            parts.append(prefix + line)
        else:
            parts.append(line)
    return ''.join(parts)
