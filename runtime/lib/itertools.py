"""Taipan's itertools: iterator building blocks (CPython 3.11's API). count
and repeat are classes, for their reprs; the rest are generators behind a
function that checks its arguments eagerly, where CPython raises at the
call rather than at the first next()."""

import sys

__all__ = ['count', 'cycle', 'repeat', 'accumulate', 'chain', 'compress',
           'dropwhile', 'filterfalse', 'groupby', 'islice', 'pairwise',
           'starmap', 'takewhile', 'tee', 'zip_longest', 'product',
           'permutations', 'combinations', 'combinations_with_replacement']


def _is_number(value):
    # CPython's count() accepts what converts to a number (its number check).
    if isinstance(value, (int, float)):
        return True
    kind = type(value)
    return hasattr(kind, '__index__') or hasattr(kind, '__int__') or hasattr(kind, '__float__')


class count:
    """count(start=0, step=1): start, start+step, start+2*step, ..."""

    def __init__(self, start=0, step=1):
        if not _is_number(start) or not _is_number(step):
            raise TypeError('a number is required')
        if isinstance(start, int) and isinstance(step, int) and step == 1:
            # CPython counts in machine ints here: count(True) yields 1, 2, ...
            start = int(start)
            step = 1
        self._value = start
        self._step = step

    def __iter__(self):
        return self

    def __next__(self):
        value = self._value
        self._value = value + self._step
        return value

    def __repr__(self):
        step = self._step
        if isinstance(step, int) and step == 1:
            return 'count(%r)' % (self._value,)
        return 'count(%r, %r)' % (self._value, step)


class repeat:
    """repeat(object[, times]): object, times times (forever without times)."""

    def __init__(self, object, times=None):
        self._object = object
        if times is None:
            self._left = -1
        else:
            times = _as_index(times)
            self._left = times if times > 0 else 0

    def __iter__(self):
        return self

    def __next__(self):
        left = self._left
        if left == 0:
            raise StopIteration
        if left > 0:
            self._left = left - 1
        return self._object

    def __length_hint__(self):
        if self._left < 0:
            raise TypeError("len() of unsized object")
        return self._left

    def __repr__(self):
        if self._left < 0:
            return 'repeat(%r)' % (self._object,)
        return 'repeat(%r, %d)' % (self._object, self._left)


def _as_index(value):
    if isinstance(value, int):
        return value
    method = getattr(type(value), '__index__', None)
    if method is None:
        raise TypeError("'%s' object cannot be interpreted as an integer"
                        % type(value).__name__)
    return method(value)


def cycle(iterable):
    """cycle(p): p0, p1, ... plast, p0, p1, ..."""
    return _cycle(iter(iterable))


def _cycle(it):
    saved = []
    for element in it:
        yield element
        saved.append(element)
    if not saved:
        return
    while True:
        for element in saved:
            yield element


def accumulate(iterable, func=None, *, initial=None):
    """Running totals (or results of func) over iterable, after initial if given."""
    return _accumulate(iter(iterable), func, initial)


def _accumulate(it, func, total):
    if total is not None:
        yield total
    else:
        try:
            total = next(it)
        except StopIteration:
            return
        yield total
    if func is None:
        for element in it:
            total = total + element
            yield total
    else:
        for element in it:
            total = func(total, element)
            yield total


def _chain_from_iterable(iterables):
    for iterable in iterables:
        yield from iterable


def chain(*iterables):
    """chain(*iterables): the elements of each iterable in turn."""
    return _chain_from_iterable(iterables)


def _from_iterable(iterable):
    """chain.from_iterable(iterable): chain over the iterables iterable yields."""
    return _chain_from_iterable(iter(iterable))


chain.from_iterable = _from_iterable


def compress(data, selectors):
    """The elements of data whose matching selector is true."""
    return _compress(iter(data), iter(selectors))


def _compress(data, selectors):
    for datum, selector in zip(data, selectors):
        if selector:
            yield datum


def dropwhile(predicate, iterable):
    """Skip elements while predicate holds, then yield every element."""
    return _dropwhile(predicate, iter(iterable))


def _dropwhile(predicate, it):
    for element in it:
        if not predicate(element):
            yield element
            break
    yield from it


def takewhile(predicate, iterable):
    """Elements while predicate holds (the first failing one is consumed)."""
    return _takewhile(predicate, iter(iterable))


def _takewhile(predicate, it):
    for element in it:
        if not predicate(element):
            return
        yield element


def filterfalse(predicate, iterable):
    """Elements for which predicate (or, if None, the element) is false."""
    return _filterfalse(predicate, iter(iterable))


def _filterfalse(predicate, it):
    if predicate is None:
        for element in it:
            if not element:
                yield element
    else:
        for element in it:
            if not predicate(element):
                yield element


def starmap(function, iterable):
    """function(*args) for each args tuple of iterable."""
    return _starmap(function, iter(iterable))


def _starmap(function, it):
    for args in it:
        # Converted first, for CPython's "not iterable" message.
        if type(args) is not tuple:
            args = tuple(args)
        yield function(*args)


def pairwise(iterable):
    """Successive overlapping pairs: (s0, s1), (s1, s2), ..."""
    return _pairwise(iter(iterable))


def _pairwise(it):
    try:
        previous = next(it)
    except StopIteration:
        return
    for element in it:
        yield (previous, element)
        previous = element


def zip_longest(*iterables, fillvalue=None):
    """Like zip, continuing to the longest iterable, filling with fillvalue."""
    return _zip_longest([iter(it) for it in iterables], fillvalue)


def _zip_longest(iterators, fillvalue):
    active = len(iterators)
    if not active:
        return
    while True:
        values = []
        for i in range(len(iterators)):
            it = iterators[i]
            if it is None:
                values.append(fillvalue)
                continue
            try:
                value = next(it)
            except StopIteration:
                active -= 1
                if not active:
                    return
                iterators[i] = None
                value = fillvalue
            values.append(value)
        yield tuple(values)


# groupby's "no element read yet" marker.
_EMPTY = object()


class groupby:
    """groupby(iterable, key=None): (key, group iterator) for runs of equal keys.
    Advancing to the next group invalidates the previous group iterator."""

    def __init__(self, iterable, key=None):
        self._it = iter(iterable)
        self._keyfunc = key
        self._current_key = _EMPTY
        # _EMPTY once a group iterator has handed the current element out.
        self._current_value = _EMPTY
        self._target = _EMPTY
        # Bumped per group, so a stale group iterator knows it is over.
        self._generation = 0

    def __iter__(self):
        return self

    def _step(self):
        # Reads the next element and its key (StopIteration at the end).
        value = next(self._it)
        key = value if self._keyfunc is None else self._keyfunc(value)
        self._current_value = value
        self._current_key = key

    def __next__(self):
        self._generation += 1
        # Skip what is left of the previous group.
        while True:
            if self._current_key is _EMPTY:
                pass
            elif self._target is _EMPTY or not _same_key(self._target, self._current_key):
                break
            self._step()
        self._target = self._current_key
        return (self._current_key, self._grouper(self._generation, self._target))

    def _grouper(self, generation, target):
        # Reads lazily, at each next(), as CPython does: a group iterator
        # resumed after its groupby moved on reads nothing.
        while self._generation == generation:
            if self._current_value is _EMPTY:
                try:
                    self._step()
                except StopIteration:
                    return
            if not _same_key(target, self._current_key):
                return
            value = self._current_value
            self._current_value = _EMPTY
            yield value


def _same_key(a, b):
    # CPython compares keys with identity first (a NaN key matches itself).
    return a is b or a == b


def islice(*args):
    """islice(iterable, stop) or islice(iterable, start, stop[, step])."""
    count = len(args)
    if count < 2:
        raise TypeError('islice expected at least 2 arguments, got %d' % count)
    if count > 4:
        raise TypeError('islice expected at most 4 arguments, got %d' % count)
    iterable = args[0]
    start = 0
    step = 1
    if count == 2:
        stop = _islice_arg(args[1], 'Stop argument for islice() must be None or an integer: 0 <= x <= sys.maxsize.')
    else:
        stop = _islice_arg(args[2], 'Stop argument for islice() must be None or an integer: 0 <= x <= sys.maxsize.')
        start = _islice_arg(args[1], 'Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize.')
        if start is None:
            start = 0
        if count == 4 and args[3] is not None:
            step = _islice_index(args[3], 'Step for islice() must be a positive integer or None.')
            if step < 1:
                raise ValueError('Step for islice() must be a positive integer or None.')
    return _islice(iter(iterable), start, stop, step)


def _islice_index(value, message):
    if isinstance(value, int):
        return value
    if getattr(type(value), '__index__', None) is None:
        raise ValueError(message)
    return _as_index(value)


def _islice_arg(value, message):
    if value is None:
        return None
    value = _islice_index(value, message)
    if value < 0 or value > sys.maxsize:
        raise ValueError(message)
    return value


def _islice(it, start, stop, step):
    # Mirrors CPython's consumption: skip to the next wanted index, but never
    # read past stop.
    position = 0
    wanted = start
    while True:
        while position < wanted:
            try:
                next(it)
            except StopIteration:
                return
            position += 1
        if stop is not None and position >= stop:
            return
        try:
            element = next(it)
        except StopIteration:
            return
        position += 1
        yield element
        wanted += step
        if stop is not None and wanted > stop:
            wanted = stop


def tee(iterable, n=2):
    """n independent iterators over iterable."""
    n = _as_index(n)
    if n < 0:
        raise ValueError('n must be >= 0')
    if n == 0:
        return ()
    it = iter(iterable)
    # One queue per iterator of the values it has yet to see; the first to
    # need a new value reads it and hands it to everyone's queue.
    queues = [[] for _ in range(n)]
    return tuple([_tee_iterator(it, queues, queue) for queue in queues])


def _tee_iterator(it, queues, queue):
    head = 0
    while True:
        if head == len(queue):
            queue.clear()
            head = 0
            try:
                value = next(it)
            except StopIteration:
                return
            for other in queues:
                other.append(value)
        value = queue[head]
        head += 1
        # Drop consumed values now and then so the queue stays short.
        if head > 32 and head * 2 > len(queue):
            del queue[:head]
            head = 0
        yield value


def product(*iterables, repeat=1):
    """Cartesian product: product('ab', range(2)) -> a0 a1 b0 b1."""
    repeat = _as_index(repeat)
    if repeat < 0:
        raise ValueError('repeat argument cannot be negative')
    pools = [tuple(pool) for pool in iterables] * repeat
    return _product(pools)


def _product(pools):
    # An odometer over the pools, the rightmost advancing fastest.
    for pool in pools:
        if not pool:
            return
    n = len(pools)
    indices = [0] * n
    yield tuple([pool[0] for pool in pools])
    while True:
        i = n - 1
        while i >= 0:
            indices[i] += 1
            if indices[i] < len(pools[i]):
                break
            indices[i] = 0
            i -= 1
        if i < 0:
            return
        yield tuple([pools[k][indices[k]] for k in range(n)])


def _check_r(r):
    if not isinstance(r, int):
        raise TypeError('Expected int as r')
    if r < 0:
        raise ValueError('r must be non-negative')
    return r


def permutations(iterable, r=None):
    """r-length orderings of iterable's elements (all of them by default)."""
    pool = tuple(iterable)
    r = len(pool) if r is None else _check_r(r)
    return _permutations(pool, r)


def _permutations(pool, r):
    n = len(pool)
    if r > n:
        return
    indices = list(range(n))
    cycles = list(range(n, n - r, -1))
    yield tuple([pool[i] for i in indices[:r]])
    while n:
        i = r - 1
        while i >= 0:
            cycles[i] -= 1
            if cycles[i] == 0:
                # Rotate indices[i:] left by one and reset this position.
                moved = indices[i]
                del indices[i]
                indices.append(moved)
                cycles[i] = n - i
            else:
                j = n - cycles[i]
                indices[i], indices[j] = indices[j], indices[i]
                yield tuple([pool[k] for k in indices[:r]])
                break
            i -= 1
        if i < 0:
            return


def combinations(iterable, r):
    """r-length subsequences of iterable's elements, in input order."""
    pool = tuple(iterable)
    return _combinations(pool, _check_r(r))


def _combinations(pool, r):
    n = len(pool)
    if r > n:
        return
    indices = list(range(r))
    yield tuple([pool[i] for i in indices])
    while True:
        i = r - 1
        while i >= 0 and indices[i] == i + n - r:
            i -= 1
        if i < 0:
            return
        indices[i] += 1
        for j in range(i + 1, r):
            indices[j] = indices[j - 1] + 1
        yield tuple([pool[k] for k in indices])


def combinations_with_replacement(iterable, r):
    """r-length subsequences allowing repeated elements, in input order."""
    pool = tuple(iterable)
    return _combinations_with_replacement(pool, _check_r(r))


def _combinations_with_replacement(pool, r):
    n = len(pool)
    if not n and r:
        return
    indices = [0] * r
    yield tuple([pool[i] for i in indices])
    while True:
        i = r - 1
        while i >= 0 and indices[i] == n - 1:
            i -= 1
        if i < 0:
            return
        value = indices[i] + 1
        for j in range(i, r):
            indices[j] = value
        yield tuple([pool[k] for k in indices])
