"""Taipan's heapq: binary min-heaps kept in plain lists (CPython 3.11's API).
The list's internal order is observable, so the sift procedures follow the
algorithm CPython documents exactly: push sifts the new leaf up; pop and
replace move the hole at the root down to a leaf along the smaller children,
then sift the displaced item back up (fewer comparisons than stopping early).
Only `<` is used to compare items, as in CPython."""

__all__ = ['heappush', 'heappop', 'heapify', 'heapreplace', 'merge',
           'nlargest', 'nsmallest', 'heappushpop']


def _check_list(heap, function, which):
    if not isinstance(heap, list):
        got = 'None' if heap is None else type(heap).__name__
        raise TypeError('%s() argument%s must be list, not %s' % (function, which, got))


def heappush(heap, item):
    """Push item onto heap, keeping the heap invariant."""
    _check_list(heap, 'heappush', ' 1')
    heap.append(item)
    _sift_toward_root(heap, 0, len(heap) - 1)


def heappop(heap):
    """Pop and return the smallest item of heap."""
    _check_list(heap, 'heappop', '')
    if not heap:
        raise IndexError('index out of range')
    last = heap.pop()
    if heap:
        smallest = heap[0]
        heap[0] = last
        _sift_toward_leaves(heap, 0)
        return smallest
    return last


def heapreplace(heap, item):
    """Pop and return the smallest item, then push item (heap must be non-empty)."""
    _check_list(heap, 'heapreplace', ' 1')
    if not heap:
        raise IndexError('index out of range')
    smallest = heap[0]
    heap[0] = item
    _sift_toward_leaves(heap, 0)
    return smallest


def heappushpop(heap, item):
    """Push item, then pop and return the smallest item (faster than both)."""
    _check_list(heap, 'heappushpop', ' 1')
    if heap and heap[0] < item:
        smallest = heap[0]
        heap[0] = item
        _sift_toward_leaves(heap, 0)
        return smallest
    return item


def heapify(x):
    """Turn list x into a heap, in place, in linear time."""
    _check_list(x, 'heapify', '')
    for i in range(len(x) // 2 - 1, -1, -1):
        _sift_toward_leaves(x, i)


def _sift_toward_root(heap, start, pos):
    # The item at pos moves up past every parent greater than it, stopping at start.
    item = heap[pos]
    while pos > start:
        parent_pos = (pos - 1) >> 1
        parent = heap[parent_pos]
        if item < parent:
            heap[pos] = parent
            pos = parent_pos
            continue
        break
    heap[pos] = item


def _sift_toward_leaves(heap, pos):
    # The hole at pos travels down along the smaller child to a leaf; the
    # item then sifts up from there.
    end = len(heap)
    start = pos
    item = heap[pos]
    child = 2 * pos + 1
    while child < end:
        right = child + 1
        if right < end and not heap[child] < heap[right]:
            child = right
        heap[pos] = heap[child]
        pos = child
        child = 2 * pos + 1
    heap[pos] = item
    _sift_toward_root(heap, start, pos)


# Max-heap variants, used by merge(reverse=True) (and CPython's private API).

def _sift_toward_root_max(heap, start, pos):
    item = heap[pos]
    while pos > start:
        parent_pos = (pos - 1) >> 1
        parent = heap[parent_pos]
        if parent < item:
            heap[pos] = parent
            pos = parent_pos
            continue
        break
    heap[pos] = item


def _sift_toward_leaves_max(heap, pos):
    end = len(heap)
    start = pos
    item = heap[pos]
    child = 2 * pos + 1
    while child < end:
        right = child + 1
        if right < end and not heap[right] < heap[child]:
            child = right
        heap[pos] = heap[child]
        pos = child
        child = 2 * pos + 1
    heap[pos] = item
    _sift_toward_root_max(heap, start, pos)


def _heapify_max(x):
    for i in range(len(x) // 2 - 1, -1, -1):
        _sift_toward_leaves_max(x, i)


def _heappop_max(heap):
    last = heap.pop()
    if heap:
        largest = heap[0]
        heap[0] = last
        _sift_toward_leaves_max(heap, 0)
        return largest
    return last


def _heapreplace_max(heap, item):
    largest = heap[0]
    heap[0] = item
    _sift_toward_leaves_max(heap, 0)
    return largest


def merge(*iterables, key=None, reverse=False):
    """Merge sorted inputs into one sorted iterator (stable: equal items come
    in input order)."""
    return _merge([iter(it) for it in iterables], key, reverse)


def _merge(iterators, key, reverse):
    # Heap entries are [key, input index, value, iterator]: the index breaks
    # ties by input order, so values and iterators are never compared. In
    # reverse the index is negated, keeping earlier inputs first.
    direction = -1 if reverse else 1
    entries = []
    for order in range(len(iterators)):
        it = iterators[order]
        for value in it:
            entries.append([value if key is None else key(value), order * direction, value, it])
            break
    if reverse:
        _heapify_max(entries)
        replace = _heapreplace_max
        pop = _heappop_max
    else:
        heapify(entries)
        replace = heapreplace
        pop = heappop
    while len(entries) > 1:
        entry = entries[0]
        yield entry[2]
        for value in entry[3]:
            entry[0] = value if key is None else key(value)
            entry[2] = value
            replace(entries, entry)
            break
        else:
            pop(entries)
    if entries:
        entry = entries[0]
        yield entry[2]
        yield from entry[3]


_MISSING = object()


def nsmallest(n, iterable, key=None):
    """The n smallest items: sorted(iterable, key=key)[:n]."""
    if n == 1:
        result = min(iter(iterable), default=_MISSING, key=key)
        return [] if result is _MISSING else [result]
    return _n_sorted(n, iterable, key, False)


def nlargest(n, iterable, key=None):
    """The n largest items: sorted(iterable, key=key, reverse=True)[:n]."""
    if n == 1:
        result = max(iter(iterable), default=_MISSING, key=key)
        return [] if result is _MISSING else [result]
    return _n_sorted(n, iterable, key, True)


def _n_sorted(n, iterable, key, reverse):
    # The C sort is stable, which gives the documented tie order.
    try:
        size = len(iterable)
    except TypeError:
        size = None
    if size is not None and n >= size:
        return sorted(iterable, key=key, reverse=reverse)[:n]
    if n <= 0:
        return []
    return sorted(iterable, key=key, reverse=reverse)[:n]
