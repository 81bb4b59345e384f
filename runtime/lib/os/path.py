"""Taipan's os.path: POSIX path manipulation (CPython's posixpath) as pure
string functions, plus the queries that ask the filesystem through WASI
(exists, isfile, isdir, getsize). str paths only."""
import _taipan_os

sep = '/'
curdir = '.'
pardir = '..'
extsep = '.'
altsep = None
pathsep = ':'
defpath = '/bin:/usr/bin'
devnull = '/dev/null'
supports_unicode_filenames = False

_DIRECTORY = 3
_REGULAR_FILE = 4
_SYMBOLIC_LINK = 7


def _check(function, *paths):
    # CPython's genericpath._check_arg_types wording for a non-str argument.
    for p in paths:
        if not isinstance(p, str):
            raise TypeError(f"{function}() argument must be str, bytes, or os.PathLike object, not '{type(p).__name__}'")


def _fspath(p):
    if not isinstance(p, str):
        raise TypeError(f'expected str, bytes or os.PathLike object, not {type(p).__name__}')
    return p


def isabs(s):
    return _fspath(s).startswith('/')


def join(a, *p):
    a = _fspath(a)
    path = a
    for b in p:
        if not isinstance(b, str):
            _check('join', a, *p)
        if b.startswith('/'):
            path = b
        elif not path or path.endswith('/'):
            path += b
        else:
            path += '/' + b
    return path


def split(p):
    p = _fspath(p)
    i = p.rfind('/') + 1
    head, tail = p[:i], p[i:]
    if head and head != '/' * len(head):
        head = head.rstrip('/')
    return head, tail


def splitext(p):
    p = _fspath(p)
    sep_index = p.rfind('/')
    dot_index = p.rfind('.')
    if dot_index > sep_index:
        # a leading run of dots is part of the name (".bashrc", "..x")
        filename_index = sep_index + 1
        while filename_index < dot_index:
            if p[filename_index] != '.':
                return p[:dot_index], p[dot_index:]
            filename_index += 1
    return p, p[:0]


def splitdrive(p):
    return _fspath(p)[:0], p


def basename(p):
    p = _fspath(p)
    return p[p.rfind('/') + 1:]


def dirname(p):
    p = _fspath(p)
    head = p[:p.rfind('/') + 1]
    if head and head != '/' * len(head):
        head = head.rstrip('/')
    return head


def normpath(path):
    path = _fspath(path)
    if not path:
        return '.'
    # POSIX keeps exactly two leading slashes, and folds three or more into one
    initial_slashes = 0
    if path.startswith('/'):
        initial_slashes = 2 if path.startswith('//') and not path.startswith('///') else 1
    parts = []
    for comp in path.split('/'):
        if comp == '' or comp == '.':
            continue
        if comp != '..' or (not initial_slashes and not parts) or (parts and parts[-1] == '..'):
            parts.append(comp)
        elif parts:
            parts.pop()
    result = '/'.join(parts)
    if initial_slashes:
        result = '/' * initial_slashes + result
    return result or '.'


def commonprefix(m):
    if not m:
        return ''
    s1 = min(m)
    s2 = max(m)
    for i, c in enumerate(s1):
        if c != s2[i]:
            return s1[:i]
    return s1


def _filetype(path, follow=True):
    # None when the path cannot be examined, as os.path's queries answer False then
    if not isinstance(path, str):
        return None
    try:
        return _taipan_os.stat(path, follow)[0]
    except (OSError, ValueError):
        return None


def exists(path):
    return _filetype(path) is not None


def lexists(path):
    return _filetype(path, False) is not None


def isfile(path):
    return _filetype(path) == _REGULAR_FILE


def isdir(s):
    return _filetype(s) == _DIRECTORY


def islink(path):
    return _filetype(path, False) == _SYMBOLIC_LINK


def getsize(filename):
    return _taipan_os.stat(_fspath(filename), True)[1]


def getmtime(filename):
    return _taipan_os.stat(_fspath(filename), True)[2] / 1e9
