"""Taipan's typing: the names programs import for annotations, as run-time
objects that can be subscripted and printed (CPython 3.11's reprs:
`typing.List[int]`, `typing.Optional[int]`, `~T`), plus cast, overload,
final, NewType, TypeVar, Generic and Protocol as base classes (through
__mro_entries__), NamedTuple (class syntax and call) and get_type_hints.

Static checking has no run-time effect, so these objects only record what
they were given; isinstance() against them is not supported."""

TYPE_CHECKING = False


def _type_repr(obj):
    if isinstance(obj, type):
        if obj.__module__ == 'builtins':
            return obj.__qualname__
        return '%s.%s' % (obj.__module__, obj.__qualname__)
    if obj is ...:
        return '...'
    if obj is None:
        return 'None'
    if isinstance(obj, list):
        return '[%s]' % ', '.join([_type_repr(a) for a in obj])
    if isinstance(obj, str):
        return 'ForwardRef(%r)' % (obj,)
    return repr(obj)


class _Final:
    """Base of typing's special objects: they cannot be subclassed."""


class _SpecialForm(_Final):
    def __init__(self, name, origin=None, nparams=-1):
        self._name = name
        self.__origin__ = origin
        self._nparams = nparams

    def __repr__(self):
        return 'typing.' + self._name

    def __getitem__(self, params):
        if not isinstance(params, tuple):
            params = (params,)
        if self._name == 'Optional':
            if len(params) != 1:
                raise TypeError('typing.Optional requires a single type. Got %r.' % (params,))
            return Union[params[0], None]
        if self._name == 'Union':
            return _make_union(params)
        return _GenericAlias(self, params)

    def __call__(self, *args, **kwargs):
        raise TypeError('Cannot instantiate %r' % (self,))

    def __or__(self, other):
        return Union[self, other]

    def __ror__(self, other):
        return Union[other, self]

    def __mro_entries__(self, bases):
        if self.__origin__ is not None and isinstance(self.__origin__, type):
            return (self.__origin__,)
        raise TypeError('Cannot subclass %r' % (self,))


def _make_union(params):
    flat = []
    for p in params:
        if p is None:
            p = type(None)
        if isinstance(p, _GenericAlias) and p.__origin__ is Union:
            items = p.__args__
        else:
            items = (p,)
        for item in items:
            if item not in flat:
                flat.append(item)
    if len(flat) == 1:
        return flat[0]
    return _GenericAlias(Union, tuple(flat))


class _GenericAlias(_Final):
    def __init__(self, origin, args):
        self._form = origin
        self.__origin__ = origin.__origin__ if isinstance(origin, _SpecialForm) and origin.__origin__ is not None else origin
        self.__args__ = args

    def __repr__(self):
        form = self._form
        args = self.__args__
        if form is Union:
            if len(args) == 2 and type(None) in args:
                other = args[0] if args[1] is type(None) else args[1]
                return 'typing.Optional[%s]' % (_type_repr(other),)
            return 'typing.Union[%s]' % ', '.join([_type_repr(a) for a in args])
        if isinstance(form, _SpecialForm):
            name = 'typing.' + form._name
        else:
            name = _type_repr(form)
        if form is Callable and len(args) == 2 and isinstance(args[0], list):
            return '%s[[%s], %s]' % (name, ', '.join([_type_repr(a) for a in args[0]]), _type_repr(args[1]))
        if len(args) == 0:
            return '%s[()]' % (name,)
        if form is Literal:
            return '%s[%s]' % (name, ', '.join([repr(a) for a in args]))
        if form is Annotated:
            return '%s[%s]' % (name, ', '.join([_type_repr(args[0])] + [repr(a) for a in args[1:]]))
        return '%s[%s]' % (name, ', '.join([_type_repr(a) for a in args]))

    def __eq__(self, other):
        if not isinstance(other, _GenericAlias):
            return NotImplemented
        if self.__origin__ is Union and other.__origin__ is Union:
            return set(self.__args__) == set(other.__args__)
        return self.__origin__ == other.__origin__ and self.__args__ == other.__args__

    def __hash__(self):
        if self.__origin__ is Union:
            return hash(frozenset(self.__args__))
        return hash((self.__origin__, self.__args__))

    def __getitem__(self, params):
        if not isinstance(params, tuple):
            params = (params,)
        return _GenericAlias(self._form, params)

    def __call__(self, *args, **kwargs):
        origin = self.__origin__
        if isinstance(origin, type):
            return origin(*args, **kwargs)
        raise TypeError('Cannot instantiate %r' % (self,))

    def __or__(self, other):
        return Union[self, other]

    def __ror__(self, other):
        return Union[other, self]

    def __mro_entries__(self, bases):
        origin = self.__origin__
        if isinstance(origin, type):
            if origin is Generic or origin is Protocol:
                for b in bases:
                    if b is not self and (b is Generic or (isinstance(b, _GenericAlias) and b.__origin__ is Generic)):
                        return ()
            return (origin,)
        raise TypeError('Cannot subclass %r' % (self,))


Any = _SpecialForm('Any')
NoReturn = _SpecialForm('NoReturn')
Never = _SpecialForm('Never')
Self = _SpecialForm('Self')
LiteralString = _SpecialForm('LiteralString')
TypeAlias = _SpecialForm('TypeAlias')
Union = _SpecialForm('Union')
Optional = _SpecialForm('Optional')
ClassVar = _SpecialForm('ClassVar')
Final = _SpecialForm('Final')
Literal = _SpecialForm('Literal')
Annotated = _SpecialForm('Annotated')
Concatenate = _SpecialForm('Concatenate')
TypeGuard = _SpecialForm('TypeGuard')
Required = _SpecialForm('Required')
NotRequired = _SpecialForm('NotRequired')
Unpack = _SpecialForm('Unpack')

# the generic aliases of the builtin and abstract collections
List = _SpecialForm('List', list)
Dict = _SpecialForm('Dict', dict)
Set = _SpecialForm('Set', set)
FrozenSet = _SpecialForm('FrozenSet', frozenset)
Tuple = _SpecialForm('Tuple', tuple)
Type = _SpecialForm('Type', type)
Callable = _SpecialForm('Callable')
Iterable = _SpecialForm('Iterable')
Iterator = _SpecialForm('Iterator')
Generator = _SpecialForm('Generator')
Reversible = _SpecialForm('Reversible')
Sequence = _SpecialForm('Sequence')
MutableSequence = _SpecialForm('MutableSequence')
Mapping = _SpecialForm('Mapping')
MutableMapping = _SpecialForm('MutableMapping')
AbstractSet = _SpecialForm('AbstractSet')
MutableSet = _SpecialForm('MutableSet')
Collection = _SpecialForm('Collection')
Container = _SpecialForm('Container')
Hashable = _SpecialForm('Hashable')
Sized = _SpecialForm('Sized')
KeysView = _SpecialForm('KeysView')
ValuesView = _SpecialForm('ValuesView')
ItemsView = _SpecialForm('ItemsView')
MappingView = _SpecialForm('MappingView')
Awaitable = _SpecialForm('Awaitable')
Coroutine = _SpecialForm('Coroutine')
AsyncIterable = _SpecialForm('AsyncIterable')
AsyncIterator = _SpecialForm('AsyncIterator')
AsyncGenerator = _SpecialForm('AsyncGenerator')
ContextManager = _SpecialForm('ContextManager')
AsyncContextManager = _SpecialForm('AsyncContextManager')
Deque = _SpecialForm('Deque')
DefaultDict = _SpecialForm('DefaultDict')
OrderedDict = _SpecialForm('OrderedDict')
Counter = _SpecialForm('Counter')
ChainMap = _SpecialForm('ChainMap')
SupportsInt = _SpecialForm('SupportsInt')
SupportsFloat = _SpecialForm('SupportsFloat')
SupportsIndex = _SpecialForm('SupportsIndex')
SupportsAbs = _SpecialForm('SupportsAbs')
SupportsRound = _SpecialForm('SupportsRound')
Text = str
AnyStr = None  # rebound below, once TypeVar exists


class TypeVar(_Final):
    def __init__(self, name, *constraints, bound=None, covariant=False, contravariant=False):
        if covariant and contravariant:
            raise ValueError('Bivariant types are not supported.')
        if len(constraints) == 1:
            raise TypeError('A single constraint is not allowed')
        self.__name__ = name
        self.__constraints__ = constraints
        self.__bound__ = bound
        self.__covariant__ = covariant
        self.__contravariant__ = contravariant

    def __repr__(self):
        if self.__covariant__:
            prefix = '+'
        elif self.__contravariant__:
            prefix = '-'
        else:
            prefix = '~'
        return prefix + self.__name__

    def __or__(self, other):
        return Union[self, other]

    def __ror__(self, other):
        return Union[other, self]


AnyStr = TypeVar('AnyStr', bytes, str)


class ParamSpec(_Final):
    def __init__(self, name, *, bound=None, covariant=False, contravariant=False):
        self.__name__ = name

    def __repr__(self):
        return '~' + self.__name__


class TypeVarTuple(_Final):
    def __init__(self, name):
        self.__name__ = name

    def __repr__(self):
        return self.__name__


class Generic:
    """Base class of user generic classes: Generic[T] subscripts to itself."""
    __slots__ = ()

    def __class_getitem__(cls, params):
        if not isinstance(params, tuple):
            params = (params,)
        if cls is Generic or cls is Protocol:
            return _GenericAlias(cls, params)
        return _GenericAlias(cls, params)


class Protocol(Generic):
    """Base class of structural types (no run-time checks in Taipan)."""
    __slots__ = ()


def runtime_checkable(cls):
    return cls


def cast(typ, val):
    return val


def assert_type(val, typ):
    return val


def reveal_type(obj):
    return obj


def assert_never(arg):
    raise AssertionError('Expected code to be unreachable, but got: %r' % (arg,))


def _overload_dummy(*args, **kwds):
    raise NotImplementedError(
        'You should not call an overloaded function. '
        'A series of @typing.overload-decorated functions '
        'outside a stub module should always be followed '
        'by an implementation that is not @typing.overload-decorated.')


def overload(func):
    return _overload_dummy


def final(f):
    return f


def no_type_check(arg):
    return arg


def no_type_check_decorator(decorator):
    return decorator


class NewType:
    def __init__(self, name, tp):
        self.__name__ = name
        self.__qualname__ = name
        self.__supertype__ = tp
        self.__module__ = '__main__'

    def __repr__(self):
        return '%s.%s' % (self.__module__, self.__qualname__)

    def __call__(self, x):
        return x


def get_origin(tp):
    if isinstance(tp, _GenericAlias):
        return tp.__origin__
    return None


def get_args(tp):
    if isinstance(tp, _GenericAlias):
        return tp.__args__
    return ()


def get_type_hints(obj, globalns=None, localns=None, include_extras=False):
    hints = {}
    if isinstance(obj, type):
        for base in reversed(obj.__mro__):
            ann = base.__dict__.get('__annotations__', {}) if base is not object else {}
            for name, value in ann.items():
                if value is None:
                    value = type(None)
                hints[name] = value
        return hints
    ann = getattr(obj, '__annotations__', None)
    if ann is None:
        return hints
    for name, value in ann.items():
        hints[name] = type(None) if value is None else value
    return hints


def _make_namedtuple(typename, fields, defaults):
    """A tuple subclass with named fields, as collections.namedtuple makes."""
    field_names = tuple(fields)
    nfields = len(field_names)
    ndefaults = len(defaults)

    def __new__(cls, *args, **kwargs):
        if len(args) > nfields:
            if ndefaults:
                raise TypeError('%s.__new__() takes from %d to %d positional arguments but %d were given'
                                % (typename, nfields - ndefaults + 1, nfields + 1, len(args) + 1))
            raise TypeError('%s.__new__() takes %d positional arguments but %d were given'
                            % (typename, nfields + 1, len(args) + 1))
        values = list(args)
        for name in field_names[len(args):]:
            if name in kwargs:
                values.append(kwargs.pop(name))
            else:
                index = field_names.index(name)
                if index >= nfields - ndefaults:
                    values.append(defaults[index - (nfields - ndefaults)])
                else:
                    values.append(_MISSING)
        for name in kwargs:
            if name in field_names:
                raise TypeError("%s.__new__() got multiple values for argument '%s'" % (typename, name))
            raise TypeError("%s.__new__() got an unexpected keyword argument '%s'" % (typename, name))
        missing = [field_names[i] for i in range(nfields) if values[i] is _MISSING]
        if missing:
            quoted = ["'%s'" % (m,) for m in missing]
            if len(quoted) == 1:
                names = quoted[0]
            elif len(quoted) == 2:
                names = quoted[0] + ' and ' + quoted[1]
            else:
                names = ', '.join(quoted[:-1]) + ', and ' + quoted[-1]
            raise TypeError('%s.__new__() missing %d required positional argument%s: %s'
                            % (typename, len(missing), '' if len(missing) == 1 else 's', names))
        return tuple.__new__(cls, values)

    def __repr__(self):
        return '%s(%s)' % (self.__class__.__name__,
                           ', '.join(['%s=%r' % (name, value) for name, value in zip(field_names, self)]))

    def _asdict(self):
        return dict(zip(field_names, self))

    def _replace(self, **kwargs):
        values = [kwargs.pop(name, value) for name, value in zip(field_names, self)]
        if kwargs:
            raise ValueError('Got unexpected field names: %r' % (list(kwargs),))
        return self.__class__(*values)

    def __getnewargs__(self):
        return tuple(self)

    ns = {'__new__': __new__, '__repr__': __repr__, '_asdict': _asdict, '_replace': _replace,
          '__getnewargs__': __getnewargs__, '_fields': field_names, '__match_args__': field_names,
          '__slots__': (), '_field_defaults': dict(zip(field_names[nfields - ndefaults:], defaults))}
    for index, name in enumerate(field_names):
        ns[name] = property(_itemgetter(index))
    return ns


_MISSING = object()


def _itemgetter(index):
    def get(self):
        return self[index]
    return get


class NamedTupleMeta(type):
    def __new__(mcls, typename, bases, ns):
        types = ns.get('__annotations__', {})
        fields = list(types)
        defaults = []
        for name in fields:
            if name in ns:
                defaults.append(ns[name])
            elif defaults:
                raise TypeError('Non-default namedtuple field %s cannot follow default field%s %s'
                                % (name, 's' if len(defaults) > 1 else '', ', '.join(fields[:len(defaults)])))
        body = _make_namedtuple(typename, fields, tuple(defaults))
        for key, value in ns.items():
            if key in ('__annotations__',) or key in fields:
                continue
            if key in ('_make', '_fields', '_field_defaults', '_asdict', '_replace', '__new__', '__init__',
                       '__slots__', '__getnewargs__'):
                raise AttributeError('Cannot overwrite NamedTuple attribute ' + key)
            body[key] = value
        body['__annotations__'] = types
        body['__module__'] = ns.get('__module__', '__main__')
        body['__qualname__'] = ns.get('__qualname__', typename)
        cls = type.__new__(type, typename, (tuple,), body)
        return cls


def NamedTuple(typename, fields=None, /, **kwargs):
    if fields is None:
        fields = kwargs.items()
    fields = list(fields)
    ns = {'__annotations__': dict(fields), '__module__': '__main__'}
    return NamedTupleMeta.__new__(NamedTupleMeta, typename, (), ns)


def _namedtuple_mro_entries(bases):
    return (_NamedTuple,)


_NamedTuple = type.__new__(NamedTupleMeta, 'NamedTuple', (), {})


NamedTuple.__mro_entries__ = _namedtuple_mro_entries


class _TypedDictMeta(type):
    def __new__(mcls, name, bases, ns, total=True):
        return type.__new__(type, name, (dict,), dict(ns))


def TypedDict(typename, fields=None, /, *, total=True, **kwargs):
    ns = {'__annotations__': dict(fields or kwargs), '__module__': '__main__'}
    return type.__new__(type, typename, (dict,), ns)


def _typeddict_mro_entries(bases):
    return (_TypedDict,)


_TypedDict = type.__new__(_TypedDictMeta, 'TypedDict', (), {})


TypedDict.__mro_entries__ = _typeddict_mro_entries
