"""Taipan's functools: higher-order functions (CPython 3.11's reduce, partial,
lru_cache and cache, wraps and update_wrapper, total_ordering and
cmp_to_key, with the same reprs and error messages)."""

__all__ = ['update_wrapper', 'wraps', 'WRAPPER_ASSIGNMENTS', 'WRAPPER_UPDATES',
           'total_ordering', 'cache', 'cmp_to_key', 'lru_cache', 'reduce',
           'partial']

WRAPPER_ASSIGNMENTS = ('__module__', '__name__', '__qualname__', '__doc__',
                       '__annotations__')
WRAPPER_UPDATES = ('__dict__',)


def update_wrapper(wrapper, wrapped, assigned=WRAPPER_ASSIGNMENTS,
                   updated=WRAPPER_UPDATES):
    """Make `wrapper` look like `wrapped`: copy the assigned attributes (those
    `wrapped` has), merge the updated dicts, and point __wrapped__ at it."""
    for attr in assigned:
        try:
            value = getattr(wrapped, attr)
        except AttributeError:
            pass
        else:
            setattr(wrapper, attr, value)
    for attr in updated:
        getattr(wrapper, attr).update(getattr(wrapped, attr, {}))
    # Set last so that a __wrapped__ copied through __dict__ is overridden.
    wrapper.__wrapped__ = wrapped
    return wrapper


def wraps(wrapped, assigned=WRAPPER_ASSIGNMENTS, updated=WRAPPER_UPDATES):
    """Decorator form of update_wrapper."""
    def decorator(wrapper):
        return update_wrapper(wrapper, wrapped, assigned, updated)
    return decorator


# reduce

_NO_INITIAL = object()


def reduce(function, iterable, initial=_NO_INITIAL):
    """Apply function cumulatively to the items of iterable, from the left."""
    try:
        it = iter(iterable)
    except TypeError:
        raise TypeError('reduce() arg 2 must support iteration') from None
    if initial is _NO_INITIAL:
        try:
            value = next(it)
        except StopIteration:
            raise TypeError('reduce() of empty iterable with no initial value') from None
    else:
        value = initial
    for element in it:
        value = function(value, element)
    return value


# partial

class partial:
    """New function with partial application of the given arguments and keywords."""

    def __new__(cls, func, /, *args, **keywords):
        if not callable(func):
            raise TypeError('the first argument must be callable')
        # A partial of a partial is flattened into one, as CPython does when
        # the inner one calls like a partial and carries no extra attributes.
        if (isinstance(func, partial) and type(func).__call__ is partial.__call__
                and len(func.__dict__) == 3):
            args = func.args + args
            merged = dict(func.keywords)
            merged.update(keywords)
            keywords = merged
            func = func.func
        self = object.__new__(cls)
        self.func = func
        self.args = args
        self.keywords = keywords
        return self

    def __call__(self, /, *args, **keywords):
        if self.keywords:
            merged = dict(self.keywords)
            merged.update(keywords)
            keywords = merged
        return self.func(*self.args, *args, **keywords)

    def __repr__(self):
        parts = [repr(self.func)]
        for arg in self.args:
            parts.append(repr(arg))
        for key, value in self.keywords.items():
            parts.append('%s=%r' % (key, value))
        cls = type(self)
        name = 'functools.partial' if cls is partial else cls.__name__
        return '%s(%s)' % (name, ', '.join(parts))


# lru_cache and cache

class CacheInfo(tuple):
    """The named tuple cache_info() returns: hits, misses, maxsize, currsize."""

    def __new__(cls, hits, misses, maxsize, currsize):
        return tuple.__new__(cls, (hits, misses, maxsize, currsize))

    @property
    def hits(self):
        return self[0]

    @property
    def misses(self):
        return self[1]

    @property
    def maxsize(self):
        return self[2]

    @property
    def currsize(self):
        return self[3]

    def _asdict(self):
        return {'hits': self[0], 'misses': self[1], 'maxsize': self[2],
                'currsize': self[3]}

    def __repr__(self):
        return 'CacheInfo(hits=%r, misses=%r, maxsize=%r, currsize=%r)' % self


# Separates positional from keyword arguments inside a cache key.
_KWD_MARK = object()


def _make_key(args, kwds, typed):
    if not kwds and not typed:
        # As in CPython, a lone exact int or str is its own key (so f(1) and
        # f(1.0) are cached apart, while f(1.0) and f((1.0,)) never meet).
        if len(args) == 1:
            arg = args[0]
            kind = type(arg)
            if kind is int or kind is str:
                return arg
        return args
    key = args
    if kwds:
        key += (_KWD_MARK,)
        for item in kwds.items():
            key += item
    if typed:
        key += tuple([type(v) for v in args])
        if kwds:
            key += tuple([type(v) for v in kwds.values()])
    return key


def lru_cache(maxsize=128, typed=False):
    """Decorator memoizing a function's most recently used results: used as
    @lru_cache, @lru_cache(), @lru_cache(maxsize) or @lru_cache(maxsize=, typed=)."""
    if isinstance(maxsize, int):
        if maxsize < 0:
            maxsize = 0
    elif callable(maxsize) and isinstance(typed, bool):
        # Used bare, as @lru_cache: maxsize is the function itself.
        user_function = maxsize
        return _lru_cache_wrapper(user_function, 128, typed)
    elif maxsize is not None:
        raise TypeError('Expected first argument to be an integer, a callable, or None')

    def decorating_function(user_function):
        return _lru_cache_wrapper(user_function, maxsize, typed)
    return decorating_function


def _lru_cache_wrapper(user_function, maxsize, typed):
    # The dict keeps insertion order, which is the recency order here: a hit
    # moves its key to the end, and the first key is the least recently used.
    cache = {}
    stats = [0, 0]  # hits, misses
    missing = _KWD_MARK

    if maxsize == 0:
        def wrapper(*args, **kwds):
            stats[1] += 1
            return user_function(*args, **kwds)
    elif maxsize is None:
        def wrapper(*args, **kwds):
            key = _make_key(args, kwds, typed)
            result = cache.get(key, missing)
            if result is not missing:
                stats[0] += 1
                return result
            stats[1] += 1
            result = user_function(*args, **kwds)
            cache[key] = result
            return result
    else:
        def wrapper(*args, **kwds):
            key = _make_key(args, kwds, typed)
            result = cache.get(key, missing)
            if result is not missing:
                stats[0] += 1
                del cache[key]
                cache[key] = result
                return result
            stats[1] += 1
            result = user_function(*args, **kwds)
            # A recursive call may have cached this key meanwhile: keep that entry.
            if key not in cache:
                if len(cache) >= maxsize:
                    del cache[next(iter(cache))]
                cache[key] = result
            return result

    def cache_info():
        return CacheInfo(stats[0], stats[1], maxsize, len(cache))

    def cache_clear():
        cache.clear()
        stats[0] = 0
        stats[1] = 0

    def cache_parameters():
        return {'maxsize': maxsize, 'typed': typed}

    wrapper.cache_info = cache_info
    wrapper.cache_clear = cache_clear
    wrapper.cache_parameters = cache_parameters
    return update_wrapper(wrapper, user_function)


def cache(user_function):
    """Unbounded memoizing decorator: lru_cache(maxsize=None)."""
    return _lru_cache_wrapper(user_function, None, False)


# total_ordering

def _gt_from_lt(self, other):
    result = type(self).__lt__(self, other)
    if result is NotImplemented:
        return result
    return not result and self != other


def _le_from_lt(self, other):
    result = type(self).__lt__(self, other)
    if result is NotImplemented:
        return result
    return result or self == other


def _ge_from_lt(self, other):
    result = type(self).__lt__(self, other)
    if result is NotImplemented:
        return result
    return not result


def _ge_from_le(self, other):
    result = type(self).__le__(self, other)
    if result is NotImplemented:
        return result
    return not result or self == other


def _lt_from_le(self, other):
    result = type(self).__le__(self, other)
    if result is NotImplemented:
        return result
    return result and self != other


def _gt_from_le(self, other):
    result = type(self).__le__(self, other)
    if result is NotImplemented:
        return result
    return not result


def _lt_from_gt(self, other):
    result = type(self).__gt__(self, other)
    if result is NotImplemented:
        return result
    return not result and self != other


def _ge_from_gt(self, other):
    result = type(self).__gt__(self, other)
    if result is NotImplemented:
        return result
    return result or self == other


def _le_from_gt(self, other):
    result = type(self).__gt__(self, other)
    if result is NotImplemented:
        return result
    return not result


def _le_from_ge(self, other):
    result = type(self).__ge__(self, other)
    if result is NotImplemented:
        return result
    return not result or self == other


def _gt_from_ge(self, other):
    result = type(self).__ge__(self, other)
    if result is NotImplemented:
        return result
    return result and self != other


def _lt_from_ge(self, other):
    result = type(self).__ge__(self, other)
    if result is NotImplemented:
        return result
    return not result


# For each root operation, the operations derived from it.
_CONVERT = {
    '__lt__': (('__gt__', _gt_from_lt), ('__le__', _le_from_lt), ('__ge__', _ge_from_lt)),
    '__le__': (('__ge__', _ge_from_le), ('__lt__', _lt_from_le), ('__gt__', _gt_from_le)),
    '__gt__': (('__lt__', _lt_from_gt), ('__ge__', _ge_from_gt), ('__le__', _le_from_gt)),
    '__ge__': (('__le__', _le_from_ge), ('__gt__', _gt_from_ge), ('__lt__', _lt_from_ge)),
}


def _defines(cls, name):
    # Defined by the class or a base other than object (whose comparisons
    # only return NotImplemented).
    for klass in cls.__mro__:
        if klass is object:
            return False
        namespace = getattr(klass, '__dict__', None)
        if namespace is not None and name in namespace:
            return True
    return False


def total_ordering(cls):
    """Class decorator filling in the missing ordering methods from one of
    __lt__, __le__, __gt__ or __ge__."""
    roots = [op for op in _CONVERT if _defines(cls, op)]
    if not roots:
        raise ValueError('must define at least one ordering operation: < > <= >=')
    root = max(roots)  # CPython's preference: __lt__, then __le__, __gt__, __ge__
    for name, func in _CONVERT[root]:
        if name not in roots:
            func.__name__ = name
            setattr(cls, name, func)
    return cls


# cmp_to_key

class KeyWrapper:
    """cmp_to_key's result: called with an object, it wraps that object in a
    KeyWrapper whose comparisons call the comparison function."""

    def __init__(self, mycmp, obj=None):
        self._cmp = mycmp
        self.obj = obj

    def __call__(self, obj):
        return KeyWrapper(self._cmp, obj)

    def __lt__(self, other):
        return self._cmp(self.obj, _other_obj(other)) < 0

    def __gt__(self, other):
        return self._cmp(self.obj, _other_obj(other)) > 0

    def __eq__(self, other):
        return self._cmp(self.obj, _other_obj(other)) == 0

    def __le__(self, other):
        return self._cmp(self.obj, _other_obj(other)) <= 0

    def __ge__(self, other):
        return self._cmp(self.obj, _other_obj(other)) >= 0

    __hash__ = None


def _other_obj(other):
    if type(other) is not KeyWrapper:
        raise TypeError('other argument must be K instance')
    return other.obj


def cmp_to_key(mycmp):
    """Convert an old-style comparison function into a key function."""
    return KeyWrapper(mycmp)
