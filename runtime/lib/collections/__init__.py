"""Taipan's collections: deque, defaultdict, Counter, OrderedDict, namedtuple
and ChainMap, written after CPython 3.11's documented behaviour (reprs,
error types and messages included).

Taipan has no metaclasses, so namedtuple builds its class with a class
statement that closes over the field list instead of exec'ing source, and
the mapping checks look for dict or an `items` method instead of the
collections.abc.Mapping ABC."""

__all__ = ['ChainMap', 'Counter', 'OrderedDict', 'defaultdict', 'deque', 'namedtuple']


def _is_mapping(obj):
    # Stands in for isinstance(obj, Mapping): without ABC registration, a
    # mapping is a dict or anything that offers keys() and __getitem__.
    return isinstance(obj, dict) or (hasattr(obj, 'keys') and hasattr(obj, '__getitem__'))


def _index(n):
    # The integer conversion CPython's C methods apply to an index argument.
    if isinstance(n, int):
        return n
    if hasattr(n, '__index__'):
        return n.__index__()
    raise TypeError(f"'{type(n).__name__}' object cannot be interpreted as an integer")


################################################################################
# deque
################################################################################

class deque:
    """A double-ended queue kept as two lists: `_l` holds the left part in
    reverse order (its last item is the deque's first) and `_r` the right part
    in order, so both ends are a list append/pop. When one side runs empty,
    half of the other side moves across (in place, so iterators keep their
    lists), which keeps every end operation amortised O(1)."""

    __slots__ = ('_l', '_r', '_maxlen')

    def __init__(self, iterable=(), maxlen=None):
        if maxlen is not None:
            if not isinstance(maxlen, int):
                raise TypeError('an integer is required')
            maxlen = int(maxlen)  # a bool counts as its int
            if maxlen < 0:
                raise ValueError('maxlen must be non-negative')
        self._l = []
        self._r = []
        self._maxlen = maxlen
        self.extend(iterable)

    @property
    def maxlen(self):
        return self._maxlen

    def _shift_right(self):
        # _r is empty: move the right half of _l (its first items) to _r.
        l = self._l
        k = (len(l) + 1) // 2
        self._r.extend(l[k - 1::-1])
        del l[:k]

    def _shift_left(self):
        # _l is empty: move the left half of _r to _l, reversed.
        r = self._r
        k = (len(r) + 1) // 2
        self._l.extend(r[k - 1::-1])
        del r[:k]

    def append(self, x):
        r = self._r
        r.append(x)
        m = self._maxlen
        if m is not None and len(self._l) + len(r) > m:
            self.popleft()

    def appendleft(self, x):
        l = self._l
        l.append(x)
        m = self._maxlen
        if m is not None and len(l) + len(self._r) > m:
            self.pop()

    def pop(self):
        r = self._r
        if not r:
            if not self._l:
                raise IndexError('pop from an empty deque')
            self._shift_right()
        return r.pop()

    def popleft(self):
        l = self._l
        if not l:
            if not self._r:
                raise IndexError('pop from an empty deque')
            self._shift_left()
        return l.pop()

    def extend(self, iterable):
        if iterable is self:
            iterable = list(iterable)
        m = self._maxlen
        if m is None:
            self._r.extend(iterable)
            return
        append = self.append
        for x in iterable:
            append(x)

    def extendleft(self, iterable):
        if iterable is self:
            iterable = list(iterable)
        m = self._maxlen
        if m is None:
            self._l.extend(iterable)
            return
        appendleft = self.appendleft
        for x in iterable:
            appendleft(x)

    def clear(self):
        self._l.clear()
        self._r.clear()

    def copy(self):
        return type(self)(self, self._maxlen)

    __copy__ = copy

    def _items(self):
        # The items in order, as a new list.
        items = self._l[::-1]
        items.extend(self._r)
        return items

    def _set_items(self, items):
        self._l.clear()
        r = self._r
        r.clear()
        r.extend(items)

    def rotate(self, n=1):
        n = _index(n)
        size = len(self._l) + len(self._r)
        if size <= 1:
            return
        n %= size
        if n == 0:
            return
        if n <= size // 2:
            pop = self.pop
            appendleft = self._l.append
            for _ in range(n):
                appendleft(pop())
        else:
            popleft = self.popleft
            append = self._r.append
            for _ in range(size - n):
                append(popleft())

    def count(self, x):
        return self._l.count(x) + self._r.count(x)

    def index(self, x, start=0, stop=None):
        items = self._items()
        size = len(items)
        start = _index(start)
        if start < 0:
            start += size
            if start < 0:
                start = 0
        if stop is None:
            stop = size
        else:
            stop = _index(stop)
            if stop < 0:
                stop += size
                if stop < 0:
                    stop = 0
        i = start
        while i < stop and i < size:
            if items[i] == x:
                return i
            i += 1
        raise ValueError(f'{x!r} is not in deque')

    def insert(self, i, x):
        i = _index(i)
        m = self._maxlen
        if m is not None and len(self._l) + len(self._r) >= m:
            raise IndexError('deque already at its maximum size')
        items = self._items()
        items.insert(i, x)
        self._set_items(items)

    def remove(self, x):
        items = self._items()
        for i in range(len(items)):
            if items[i] == x:
                del items[i]
                self._set_items(items)
                return
        raise ValueError(f'{x!r} is not in deque')

    def reverse(self):
        l = self._l
        r = self._r
        self._l = r
        self._r = l

    def _locate(self, i):
        # (list, position) holding item i, or IndexError.
        if not isinstance(i, int):
            if hasattr(i, '__index__'):
                i = i.__index__()
            else:
                raise TypeError(f"sequence index must be integer, not '{type(i).__name__}'")
        l = self._l
        nl = len(l)
        size = nl + len(self._r)
        if i < 0:
            i += size
        if i < 0 or i >= size:
            raise IndexError('deque index out of range')
        if i < nl:
            return l, nl - 1 - i
        return self._r, i - nl

    def __getitem__(self, i):
        seq, pos = self._locate(i)
        return seq[pos]

    def __setitem__(self, i, x):
        seq, pos = self._locate(i)
        seq[pos] = x

    def __delitem__(self, i):
        seq, pos = self._locate(i)
        del seq[pos]

    def __len__(self):
        return len(self._l) + len(self._r)

    def __bool__(self):
        return len(self._l) + len(self._r) > 0

    def __iter__(self):
        return _deque_iter(self._l, self._r, False)

    def __reversed__(self):
        return _deque_iter(self._r, self._l, True)

    def __contains__(self, x):
        return x in self._r or x in self._l

    def __repr__(self):
        name = type(self).__name__
        items = repr(self._items())
        if self._maxlen is None:
            return f'{name}({items})'
        return f'{name}({items}, maxlen={self._maxlen})'

    def __hash__(self):
        raise TypeError(f"unhashable type: '{_c_type_name(self, deque, 'collections.deque')}'")

    def __eq__(self, other):
        if not isinstance(other, deque):
            return NotImplemented
        return self._items() == other._items()

    def __ne__(self, other):
        if not isinstance(other, deque):
            return NotImplemented
        return self._items() != other._items()

    def __lt__(self, other):
        if not isinstance(other, deque):
            return NotImplemented
        return self._items() < other._items()

    def __le__(self, other):
        if not isinstance(other, deque):
            return NotImplemented
        return self._items() <= other._items()

    def __gt__(self, other):
        if not isinstance(other, deque):
            return NotImplemented
        return self._items() > other._items()

    def __ge__(self, other):
        if not isinstance(other, deque):
            return NotImplemented
        return self._items() >= other._items()

    def __add__(self, other):
        if not isinstance(other, deque):
            raise TypeError(f'can only concatenate deque (not "{type(other).__name__}") to deque')
        result = self.copy()
        result.extend(other)
        return result

    def __iadd__(self, other):
        self.extend(other)
        return self

    def __mul__(self, n):
        if not isinstance(n, int) and not hasattr(n, '__index__'):
            raise TypeError(f"can't multiply sequence by non-int of type '{type(n).__name__}'")
        result = self.copy()
        result.__imul__(n)
        return result

    __rmul__ = __mul__

    def __imul__(self, n):
        if not isinstance(n, int) and not hasattr(n, '__index__'):
            raise TypeError(f"can't multiply sequence by non-int of type '{type(n).__name__}'")
        items = self._items()
        m = self._maxlen
        if m is not None and n > 0 and len(items) * n > m:
            # Only the last maxlen items of the repetition survive, and the
            # repetition is periodic: enough copies to cover maxlen suffice.
            if m == 0:
                self._set_items([])
            else:
                self._set_items((items * ((m + len(items) - 1) // len(items)))[-m:])
        else:
            self._set_items(items * n)
        return self


def _deque_iter(front, back, backwards):
    # Iterates a deque's two lists: `front` is walked from its end, `back`
    # from its start (swapped for reversed()). CPython's deque iterator
    # raises as soon as the deque changed under it; the size stands in for
    # its mutation counter, and no more than the original length is
    # yielded, so a size-preserving change cannot loop forever.
    size = len(front) + len(back)
    left = size
    for x in reversed(front):
        if left == 0:
            return
        left -= 1
        yield x
        if len(front) + len(back) != size:
            raise RuntimeError('deque mutated during iteration')
    for x in back:
        if left == 0:
            return
        left -= 1
        yield x
        if len(front) + len(back) != size:
            raise RuntimeError('deque mutated during iteration')


def _c_type_name(obj, cls, qualified):
    # CPython names its C types with their module ('collections.deque') in
    # messages, and a subclass by its own name.
    return qualified if type(obj) is cls else type(obj).__name__


################################################################################
# defaultdict
################################################################################

class defaultdict(dict):
    """A dict whose missing keys are filled by calling default_factory."""

    def __init__(self, default_factory=None, /, *args, **kwargs):
        if default_factory is not None and not callable(default_factory):
            raise TypeError('first argument must be callable or None')
        dict.__init__(self, *args, **kwargs)
        self.default_factory = default_factory

    def __missing__(self, key):
        factory = self.default_factory
        if factory is None:
            raise KeyError(key)
        value = factory()
        self[key] = value
        return value

    def __repr__(self):
        return f'{type(self).__name__}({self.default_factory!r}, {dict.__repr__(self)})'

    def __hash__(self):
        raise TypeError(f"unhashable type: '{_c_type_name(self, defaultdict, 'collections.defaultdict')}'")

    def copy(self):
        return type(self)(self.default_factory, self)

    __copy__ = copy

    def __or__(self, other):
        if not isinstance(other, dict):
            return NotImplemented
        result = self.copy()
        result.update(other)
        return result

    def __ror__(self, other):
        if not isinstance(other, dict):
            return NotImplemented
        result = type(self)(self.default_factory, other)
        result.update(self)
        return result

    def __ior__(self, other):
        self.update(other)
        return self


################################################################################
# OrderedDict
################################################################################

class OrderedDict(dict):
    """A dict that can reorder its keys; equality between two OrderedDicts
    is order-sensitive. Taipan's dict keeps insertion order, so the order is
    the dict's own."""

    def move_to_end(self, key, last=True):
        value = dict.pop(self, key)
        if last:
            self[key] = value
            return
        # Moving to the front rebuilds the order behind the key.
        rest = list(dict.items(self))
        dict.clear(self)
        self[key] = value
        for k, v in rest:
            self[k] = v

    def popitem(self, last=True):
        if not self:
            raise KeyError('dictionary is empty')
        if last:
            return dict.popitem(self)
        key = next(iter(self))
        return key, dict.pop(self, key)

    def __repr__(self):
        if not self:
            return f'{type(self).__name__}()'
        return f'{type(self).__name__}({list(self.items())!r})'

    def __eq__(self, other):
        if isinstance(other, OrderedDict):
            return dict.__eq__(self, other) and list(self) == list(other)
        return dict.__eq__(self, other)

    def __ne__(self, other):
        result = self.__eq__(other)
        if result is NotImplemented:
            return result
        return not result

    def __hash__(self):
        raise TypeError(f"unhashable type: '{_c_type_name(self, OrderedDict, 'collections.OrderedDict')}'")

    def __reversed__(self):
        return reversed(list(self))

    def copy(self):
        return type(self)(self)

    __copy__ = copy

    def __or__(self, other):
        if not isinstance(other, dict):
            return NotImplemented
        result = type(self)(self)
        result.update(other)
        return result

    def __ror__(self, other):
        if not isinstance(other, dict):
            return NotImplemented
        result = type(self)(other)
        result.update(self)
        return result

    def __ior__(self, other):
        self.update(other)
        return self


################################################################################
# Counter
################################################################################

def _second(pair):
    return pair[1]


class Counter(dict):
    """A dict of counts: missing keys count 0."""

    def __init__(self, iterable=None, /, **kwds):
        dict.__init__(self)
        self.update(iterable, **kwds)

    def __missing__(self, key):
        return 0

    def total(self):
        return sum(self.values())

    def most_common(self, n=None):
        # sorted() is stable, so equal counts keep their insertion order.
        items = sorted(self.items(), key=_second, reverse=True)
        if n is None:
            return items
        if n < 0:
            n = 0
        return items[:n]

    def elements(self):
        for elem, count in self.items():
            for _ in range(count):
                yield elem

    @classmethod
    def fromkeys(cls, iterable, v=None):
        raise NotImplementedError(
            'Counter.fromkeys() is undefined.  Use Counter(iterable) instead.')

    def update(self, iterable=None, /, **kwds):
        if iterable is not None:
            if _is_mapping(iterable):
                if self:
                    get = self.get
                    for elem, count in iterable.items():
                        self[elem] = count + get(elem, 0)
                else:
                    dict.update(self, iterable)
            else:
                get = self.get
                for elem in iterable:
                    self[elem] = get(elem, 0) + 1
        if kwds:
            self.update(kwds)

    def subtract(self, iterable=None, /, **kwds):
        if iterable is not None:
            get = self.get
            if _is_mapping(iterable):
                for elem, count in iterable.items():
                    self[elem] = get(elem, 0) - count
            else:
                for elem in iterable:
                    self[elem] = get(elem, 0) - 1
        if kwds:
            self.subtract(kwds)

    def copy(self):
        return type(self)(self)

    __copy__ = copy

    def __delitem__(self, elem):
        # Deleting a missing count is not an error.
        if elem in self:
            dict.__delitem__(self, elem)

    def __repr__(self):
        if not self:
            return f'{type(self).__name__}()'
        try:
            d = dict(self.most_common())
        except TypeError:
            # Counts that do not order show in insertion order.
            d = dict(self)
        return f'{type(self).__name__}({d!r})'

    # Comparisons treat missing elements as zero counts.
    def __eq__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        for e in self:
            if self[e] != other[e]:
                return False
        for e in other:
            if self[e] != other[e]:
                return False
        return True

    def __ne__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        return not self == other

    __hash__ = None

    def __le__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        for e in self:
            if not self[e] <= other[e]:
                return False
        for e in other:
            if not self[e] <= other[e]:
                return False
        return True

    def __lt__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        return self <= other and self != other

    def __ge__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        for e in self:
            if not self[e] >= other[e]:
                return False
        for e in other:
            if not self[e] >= other[e]:
                return False
        return True

    def __gt__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        return self >= other and self != other

    # Multiset arithmetic keeps only positive counts.
    def __add__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        result = Counter()
        for elem, count in self.items():
            newcount = count + other[elem]
            if newcount > 0:
                result[elem] = newcount
        for elem, count in other.items():
            if elem not in self and count > 0:
                result[elem] = count
        return result

    def __sub__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        result = Counter()
        for elem, count in self.items():
            newcount = count - other[elem]
            if newcount > 0:
                result[elem] = newcount
        for elem, count in other.items():
            if elem not in self and count < 0:
                result[elem] = 0 - count
        return result

    def __or__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        result = Counter()
        for elem, count in self.items():
            other_count = other[elem]
            newcount = other_count if count < other_count else count
            if newcount > 0:
                result[elem] = newcount
        for elem, count in other.items():
            if elem not in self and count > 0:
                result[elem] = count
        return result

    def __and__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        result = Counter()
        for elem, count in self.items():
            other_count = other[elem]
            newcount = count if count < other_count else other_count
            if newcount > 0:
                result[elem] = newcount
        return result

    def __pos__(self):
        result = Counter()
        for elem, count in self.items():
            if count > 0:
                result[elem] = count
        return result

    def __neg__(self):
        result = Counter()
        for elem, count in self.items():
            if count < 0:
                result[elem] = 0 - count
        return result

    def _keep_positive(self):
        for elem in [e for e, count in self.items() if not count > 0]:
            dict.__delitem__(self, elem)
        return self

    def __iadd__(self, other):
        for elem, count in other.items():
            self[elem] += count
        return self._keep_positive()

    def __isub__(self, other):
        for elem, count in other.items():
            self[elem] -= count
        return self._keep_positive()

    def __ior__(self, other):
        for elem, other_count in other.items():
            if other_count > self[elem]:
                self[elem] = other_count
        return self._keep_positive()

    def __iand__(self, other):
        for elem, count in self.items():
            other_count = other[elem]
            if other_count < count:
                self[elem] = other_count
        return self._keep_positive()


################################################################################
# namedtuple
################################################################################

_KEYWORDS = frozenset((
    'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break',
    'class', 'continue', 'def', 'del', 'elif', 'else', 'except', 'finally',
    'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal',
    'not', 'or', 'pass', 'raise', 'return', 'try', 'while', 'with', 'yield'))


class _tuplegetter:
    # A named tuple's field: reads item `index`, refuses writes. (No
    # docstring: each field's __doc__ is a slot.)
    __slots__ = ('_index', '__doc__')

    def __init__(self, index, doc):
        self._index = index
        self.__doc__ = doc

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        return instance[self._index]

    def __set__(self, instance, value):
        raise AttributeError("can't set attribute")

    def __delete__(self, instance):
        raise AttributeError("can't delete attribute")

    def __repr__(self):
        return f'{type(self).__name__}({self._index}, {self.__doc__!r})'


def _plural(n, word):
    return f'{n} {word}' if n == 1 else f'{n} {word}s'


def _bind_fields(typename, fields, defaults, args, kwargs):
    # The items of a named tuple built from args and kwargs, with the
    # TypeErrors CPython's generated __new__(_cls, x, y, ...) would raise
    # (its counts include _cls).
    name = typename + '.__new__()'
    n = len(fields)
    given = len(args)
    if given > n:
        if defaults:
            low = n - len(defaults) + 1
            takes = f'from {low} to {n + 1} positional arguments'
        else:
            takes = _plural(n + 1, 'positional argument')
        were = 'was' if given + 1 == 1 else 'were'
        raise TypeError(f'{name} takes {takes} but {given + 1} {were} given')
    values = list(args)
    values.extend([_MISSING] * (n - given))
    for key in kwargs:
        if key not in fields:
            raise TypeError(f'{name} got an unexpected keyword argument {key!r}')
        i = fields.index(key)
        if i < given:
            raise TypeError(f'{name} got multiple values for argument {key!r}')
        values[i] = kwargs[key]
    missing = []
    first_default = n - (len(defaults) if defaults else 0)
    for i in range(n):
        if values[i] is _MISSING:
            if i >= first_default:
                values[i] = defaults[i - first_default]
            else:
                missing.append(repr(fields[i]))
    if missing:
        if len(missing) == 1:
            names = missing[0]
        elif len(missing) == 2:
            names = missing[0] + ' and ' + missing[1]
        else:
            names = ', '.join(missing[:-1]) + ', and ' + missing[-1]
        raise TypeError(f"{name} missing {_plural(len(missing), 'required positional argument')}: {names}")
    return values


_MISSING = object()


def namedtuple(typename, field_names, *, rename=False, defaults=None, module=None):
    """A tuple subclass named typename whose items are also attributes."""
    if isinstance(field_names, str):
        field_names = field_names.replace(',', ' ').split()
    field_names = list(map(str, field_names))
    typename = str(typename)
    if rename:
        seen = set()
        for index, name in enumerate(field_names):
            if (not name.isidentifier() or name in _KEYWORDS
                    or name.startswith('_') or name in seen):
                field_names[index] = f'_{index}'
            seen.add(name)
    for name in [typename] + field_names:
        if not name.isidentifier():
            raise ValueError(f'Type names and field names must be valid identifiers: {name!r}')
        if name in _KEYWORDS:
            raise ValueError(f'Type names and field names cannot be a keyword: {name!r}')
    seen = set()
    for name in field_names:
        if name.startswith('_') and not rename:
            raise ValueError(f'Field names cannot start with an underscore: {name!r}')
        if name in seen:
            raise ValueError(f'Encountered duplicate field name: {name!r}')
        seen.add(name)
    field_defaults = {}
    if defaults is not None:
        defaults = tuple(defaults)
        if len(defaults) > len(field_names):
            raise TypeError('Got more default values than field names')
        for name, value in zip(field_names[len(field_names) - len(defaults):], defaults):
            field_defaults[name] = value
    fields = tuple(field_names)
    num_fields = len(fields)
    arg_list = ', '.join(fields)
    if num_fields == 1:
        arg_list += ','

    # The class statement closes over the fields (CPython exec's generated
    # source instead); its names are fixed up below.
    class _namedtuple(tuple):
        __slots__ = ()
        _fields = fields
        _field_defaults = field_defaults
        __match_args__ = fields

        def __new__(_cls, *args, **kwargs):
            if not kwargs and len(args) == num_fields:
                return tuple.__new__(_cls, args)
            return tuple.__new__(_cls, _bind_fields(typename, fields, defaults, args, kwargs))

        @classmethod
        def _make(cls, iterable):
            result = tuple.__new__(cls, iterable)
            if len(result) != num_fields:
                raise TypeError(f'Expected {num_fields} arguments, got {len(result)}')
            return result

        def _replace(self, /, **kwds):
            result = self._make([kwds.pop(name, value) for name, value in zip(fields, self)])
            if kwds:
                raise ValueError(f'Got unexpected field names: {list(kwds)!r}')
            return result

        def __repr__(self):
            parts = []
            for name, value in zip(fields, self):
                parts.append(f'{name}={value!r}')
            return type(self).__name__ + '(' + ', '.join(parts) + ')'

        def _asdict(self):
            return dict(zip(fields, self))

        def __getnewargs__(self):
            return tuple(self)

    for index, name in enumerate(fields):
        setattr(_namedtuple, name, _tuplegetter(index, f'Alias for field number {index}'))
    _namedtuple.__name__ = typename
    _namedtuple.__qualname__ = typename
    _namedtuple.__doc__ = f'{typename}({arg_list})'
    # CPython takes the caller's module from its frame; Taipan has no frames,
    # so the main program's is assumed.
    _namedtuple.__module__ = '__main__' if module is None else module
    return _namedtuple


################################################################################
# Mapping views and ChainMap
################################################################################

def _is_set_like(obj):
    # Stands in for isinstance(obj, collections.abc.Set).
    return isinstance(obj, (set, frozenset, KeysView, ItemsView)) or \
        type(obj).__name__ in ('dict_keys', 'dict_items')


class MappingView:
    """The views a non-dict mapping's keys(), items() and values() return."""

    __slots__ = ('_mapping',)

    def __init__(self, mapping):
        self._mapping = mapping

    def __len__(self):
        return len(self._mapping)

    def __repr__(self):
        return f'{type(self).__name__}({self._mapping!r})'


class _SetView(MappingView):
    # The Set mixins of keys and items views: operators answer sets.
    __slots__ = ()

    def __eq__(self, other):
        if not _is_set_like(other):
            return NotImplemented
        return set(self) == set(other)

    def __ne__(self, other):
        if not _is_set_like(other):
            return NotImplemented
        return set(self) != set(other)

    def __le__(self, other):
        if not _is_set_like(other):
            return NotImplemented
        return set(self) <= set(other)

    def __lt__(self, other):
        if not _is_set_like(other):
            return NotImplemented
        return set(self) < set(other)

    def __ge__(self, other):
        if not _is_set_like(other):
            return NotImplemented
        return set(self) >= set(other)

    def __gt__(self, other):
        if not _is_set_like(other):
            return NotImplemented
        return set(self) > set(other)

    def __and__(self, other):
        return set(self) & set(other)

    __rand__ = __and__

    def __or__(self, other):
        return set(self) | set(other)

    __ror__ = __or__

    def __sub__(self, other):
        return set(self) - set(other)

    def __rsub__(self, other):
        return set(other) - set(self)

    def __xor__(self, other):
        return set(self) ^ set(other)

    __rxor__ = __xor__

    def isdisjoint(self, other):
        for value in other:
            if value in self:
                return False
        return True

    __hash__ = None


class KeysView(_SetView):
    __slots__ = ()

    def __contains__(self, key):
        return key in self._mapping

    def __iter__(self):
        yield from self._mapping


class ItemsView(_SetView):
    __slots__ = ()

    def __contains__(self, item):
        key, value = item
        try:
            v = self._mapping[key]
        except KeyError:
            return False
        return v is value or v == value

    def __iter__(self):
        mapping = self._mapping
        for key in mapping:
            yield (key, mapping[key])


class ValuesView(MappingView):
    __slots__ = ()

    def __contains__(self, value):
        mapping = self._mapping
        for key in mapping:
            v = mapping[key]
            if v is value or v == value:
                return True
        return False

    def __iter__(self):
        mapping = self._mapping
        for key in mapping:
            yield mapping[key]


class ChainMap:
    """Several mappings searched in order as one; writes, deletions and
    pops go to the first (maps[0])."""

    def __init__(self, *maps):
        self.maps = list(maps) or [{}]

    def __missing__(self, key):
        raise KeyError(key)

    def __getitem__(self, key):
        for mapping in self.maps:
            try:
                return mapping[key]
            except KeyError:
                pass
        return self.__missing__(key)

    def get(self, key, default=None):
        return self[key] if key in self else default

    def __len__(self):
        keys = set()
        for mapping in self.maps:
            keys.update(mapping)
        return len(keys)

    def __iter__(self):
        # Keys in the order of the last map first, as CPython's dict union.
        d = {}
        for mapping in reversed(self.maps):
            for key in mapping:
                d[key] = None
        return iter(d)

    def __contains__(self, key):
        for mapping in self.maps:
            if key in mapping:
                return True
        return False

    def __bool__(self):
        for mapping in self.maps:
            if mapping:
                return True
        return False

    def __repr__(self):
        return f'{type(self).__name__}({", ".join([repr(m) for m in self.maps])})'

    @classmethod
    def fromkeys(cls, iterable, *args):
        return cls(dict.fromkeys(iterable, *args))

    def copy(self):
        return type(self)(self.maps[0].copy(), *self.maps[1:])

    __copy__ = copy

    def new_child(self, m=None, **kwargs):
        if m is None:
            m = kwargs
        elif kwargs:
            m.update(kwargs)
        return type(self)(m, *self.maps)

    @property
    def parents(self):
        return type(self)(*self.maps[1:])

    def __setitem__(self, key, value):
        self.maps[0][key] = value

    def __delitem__(self, key):
        try:
            del self.maps[0][key]
        except KeyError:
            raise KeyError(f'Key not found in the first mapping: {key!r}')

    def popitem(self):
        try:
            return self.maps[0].popitem()
        except KeyError:
            raise KeyError('No keys found in the first mapping.')

    def pop(self, key, *args):
        try:
            return self.maps[0].pop(key, *args)
        except KeyError:
            raise KeyError(f'Key not found in the first mapping: {key!r}')

    def clear(self):
        self.maps[0].clear()

    # The Mapping and MutableMapping mixins.
    def keys(self):
        return KeysView(self)

    def items(self):
        return ItemsView(self)

    def values(self):
        return ValuesView(self)

    def __eq__(self, other):
        if not _is_mapping(other):
            return NotImplemented
        return dict(self.items()) == dict(other.items())

    __hash__ = None

    def setdefault(self, key, default=None):
        try:
            return self[key]
        except KeyError:
            self[key] = default
        return default

    def update(self, other=(), /, **kwds):
        if _is_mapping(other):
            for key in other.keys():
                self[key] = other[key]
        else:
            for key, value in other:
                self[key] = value
        for key, value in kwds.items():
            self[key] = value

    def __ior__(self, other):
        self.maps[0].update(other)
        return self

    def __or__(self, other):
        if not _is_mapping(other):
            return NotImplemented
        m = self.copy()
        m.maps[0].update(other)
        return m

    def __ror__(self, other):
        if not _is_mapping(other):
            return NotImplemented
        m = dict(other)
        for child in reversed(self.maps):
            m.update(child)
        return type(self)(m)
