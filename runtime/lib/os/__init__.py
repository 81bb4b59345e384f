"""Taipan's os: the process environment (environ, getenv), the directory
operations WASI offers in the preopened directories (listdir, mkdir,
makedirs, remove/unlink, rmdir, rename/replace) and the POSIX constants;
os.path is the submodule beside this file. There is no current-directory
name under WASI, so getcwd, chdir and abspath are not provided."""
import _taipan_os
from . import path

name = 'posix'
sep = '/'
altsep = None
extsep = '.'
pathsep = ':'
linesep = '\n'
curdir = '.'
pardir = '..'
defpath = '/bin:/usr/bin'
devnull = '/dev/null'
SEEK_SET = 0
SEEK_CUR = 1
SEEK_END = 2


class _Environ(dict):
    # A dict of str to str with CPython's repr; values must be str, as os.environ checks.
    def __setitem__(self, key, value):
        if not isinstance(key, str):
            raise TypeError(f'str expected, not {type(key).__name__}')
        if not isinstance(value, str):
            raise TypeError(f'str expected, not {type(value).__name__}')
        dict.__setitem__(self, key, value)

    def __delitem__(self, key):
        # spelled out: Taipan's dict subclasses lack an inherited __delitem__ for `del`
        dict.__delitem__(self, key)

    def __repr__(self):
        return 'environ(' + dict.__repr__(self) + ')'

    def copy(self):
        return dict(self)


environ = _Environ(_taipan_os.environ())


def getenv(key, default=None):
    if not isinstance(key, str):
        raise TypeError(f'str expected, not {type(key).__name__}')
    return environ.get(key, default)


def fspath(p):
    if isinstance(p, (str, bytes)):
        return p
    raise TypeError(f'expected str, bytes or os.PathLike object, not {type(p).__name__}')


def listdir(path='.'):
    return _taipan_os.listdir(path)


def mkdir(path, mode=0o777):
    _taipan_os.mkdir(path)


def makedirs(name, mode=0o777, exist_ok=False):
    head, tail = path.split(name)
    if not tail:
        head, tail = path.split(head)
    if head and tail and not path.exists(head):
        try:
            makedirs(head, exist_ok=exist_ok)
        except FileExistsError:
            pass  # made meanwhile
        if tail == curdir:
            return
    try:
        _taipan_os.mkdir(name)
    except OSError:
        if not exist_ok or not path.isdir(name):
            raise


def remove(path):
    _taipan_os.remove(path)


def unlink(path):
    _taipan_os.remove(path)


def rmdir(path):
    _taipan_os.rmdir(path)


def removedirs(name):
    rmdir(name)
    head, tail = path.split(name)
    if not tail:
        head, tail = path.split(head)
    while head and tail:
        try:
            rmdir(head)
        except OSError:
            break
        head, tail = path.split(head)


def rename(src, dst):
    _taipan_os.rename(src, dst)


def replace(src, dst):
    _taipan_os.rename(src, dst)
