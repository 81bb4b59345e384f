"""Taipan's copy: shallow and deep copies (CPython 3.11's API). Builtin
containers are copied directly; instances of user classes honour __copy__,
__deepcopy__(memo), __reduce_ex__/__reduce__ and __getstate__/__setstate__
when they define them, and otherwise are rebuilt as CPython's default
reduction does: a fresh instance from cls.__new__ with the __dict__ copied,
plus the items of list, dict and set subclasses. The memo maps id() to
copies, so shared and recursive structures keep their shape."""

__all__ = ['Error', 'copy', 'deepcopy']


class Error(Exception):
    pass


error = Error


def _function():
    pass


# Types whose instances are immutable (or identity-like): copies are the object itself.
_ATOMIC = {type(None): True, int: True, float: True, bool: True, str: True,
           bytes: True, type: True, range: True, property: True,
           type(_function): True, type(len): True, type(...): True,
           type(NotImplemented): True}


def copy(x):
    """A shallow copy of x."""
    cls = type(x)
    if cls in _ATOMIC or cls is tuple or cls is frozenset or cls is slice:
        return x
    if cls is list:
        return x[:]
    if cls is dict:
        return x.copy()
    if cls is set:
        return x.copy()
    if issubclass(cls, type):
        return x
    copier = getattr(cls, '__copy__', None)
    if copier is not None:
        return copier(x)
    return _reconstruct(x, None, _reduce(x, cls))


def deepcopy(x, memo=None, _nil=[]):
    """A deep copy of x; memo (id -> copy) is shared by the whole operation."""
    if memo is None:
        memo = {}
    key = id(x)
    y = memo.get(key, _nil)
    if y is not _nil:
        return y
    cls = type(x)
    if cls in _ATOMIC:
        return x
    if cls is list:
        y = []
        memo[key] = y
        for item in x:
            y.append(deepcopy(item, memo))
    elif cls is dict:
        y = {}
        memo[key] = y
        for k, v in x.items():
            y[deepcopy(k, memo)] = deepcopy(v, memo)
    elif cls is tuple:
        y = _deepcopy_tuple(x, memo, key)
    elif cls is set or cls is frozenset:
        # CPython rebuilds sets through their reduction: a new object even
        # for a frozenset.
        y = cls([deepcopy(item, memo) for item in x])
    elif cls is slice:
        # Deep-copied through its reduction, so never the same object.
        y = slice(deepcopy(x.start, memo), deepcopy(x.stop, memo), deepcopy(x.step, memo))
    elif issubclass(cls, type):
        y = x
    else:
        copier = getattr(x, '__deepcopy__', None)
        if copier is not None:
            y = copier(memo)
        else:
            y = _reconstruct(x, memo, _reduce(x, cls))
    # The memo keys ids, so it also keeps the originals alive while copying.
    if y is not x:
        memo[key] = y
        _keep_alive(x, memo)
    return y


def _deepcopy_tuple(x, memo, key):
    items = [deepcopy(item, memo) for item in x]
    # A recursive structure may have copied this tuple meanwhile.
    if key in memo:
        return memo[key]
    for i in range(len(x)):
        if items[i] is not x[i]:
            return tuple(items)
    return x


def _keep_alive(x, memo):
    key = id(memo)
    if key in memo:
        memo[key].append(x)
    else:
        memo[key] = [x]


def _defines(cls, name):
    # Whether a class in cls's MRO other than object defines name itself.
    for klass in cls.__mro__:
        if klass is object:
            return False
        namespace = getattr(klass, '__dict__', None)
        if namespace is not None and name in namespace:
            return True
    return False


def _reduce(x, cls):
    """x's reduction (callable, args, state, list items, dict items)."""
    if _defines(cls, '__reduce_ex__'):
        rv = x.__reduce_ex__(4)
    elif _defines(cls, '__reduce__'):
        rv = x.__reduce__()
    else:
        return _default_reduce(x, cls)
    if isinstance(rv, str):
        return rv
    if not isinstance(rv, tuple):
        raise TypeError('__reduce__ must return a string or tuple')
    if not 2 <= len(rv) <= 6:
        raise TypeError('tuple returned by __reduce__ must contain 2 through 6 elements')
    return rv + (None,) * (5 - len(rv))


def _default_reduce(x, cls):
    # CPython's object.__reduce_ex__ for the types Taipan knows: exceptions
    # are rebuilt from their args, set subclasses from their items; other
    # instances start from cls.__new__(cls).
    if issubclass(cls, BaseException):
        return (cls, x.args, _state_of(x, cls), None, None)
    if not _defines(cls, '__dict__') and not hasattr(x, '__dict__'):
        raise TypeError("cannot pickle '%s' object" % cls.__name__)
    if issubclass(cls, (set, frozenset)):
        return (cls, (list(x),), _state_of(x, cls), None, None)
    listitems = iter(x) if issubclass(cls, list) else None
    dictitems = iter(x.items()) if issubclass(cls, dict) else None
    return (_new_object, (cls,), _state_of(x, cls), listitems, dictitems)


def _state_of(x, cls):
    if _defines(cls, '__getstate__'):
        return x.__getstate__()
    state = getattr(x, '__dict__', None)
    return state if state else None


def _new_object(cls, *args):
    return cls.__new__(cls, *args)


def _reconstruct(x, memo, rv):
    if isinstance(rv, str):
        # A global name: the object is its own copy.
        return x
    func, args, state, listitems, dictitems = rv[0], rv[1], rv[2], rv[3], rv[4]
    deep = memo is not None
    if deep and args:
        args = deepcopy(args, memo)
    y = func(*args)
    if deep:
        memo[id(x)] = y
    if state is not None:
        if deep:
            state = deepcopy(state, memo)
        setter = getattr(y, '__setstate__', None)
        if setter is not None:
            setter(state)
        else:
            slot_state = None
            if isinstance(state, tuple) and len(state) == 2:
                state, slot_state = state
            if state:
                y.__dict__.update(state)
            if slot_state:
                for name, value in slot_state.items():
                    setattr(y, name, value)
    if listitems is not None:
        if deep:
            for item in listitems:
                y.append(deepcopy(item, memo))
        else:
            for item in listitems:
                y.append(item)
    if dictitems is not None:
        if deep:
            for k, v in dictitems:
                y[deepcopy(k, memo)] = deepcopy(v, memo)
        else:
            for k, v in dictitems:
                y[k] = v
    return y
