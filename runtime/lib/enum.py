"""Taipan's enum: CPython 3.11's Enum, IntEnum, StrEnum, ReprEnum, Flag,
IntFlag, auto, unique, the FlagBoundary values and the enum `bin` helper,
written on Taipan's metaclass support.

EnumType.__new__ takes the members out of the class namespace (the names
that are not dunder, _sunder_, private or descriptors), resolves auto()
values in definition order, makes the class, then one instance per member
(aliases share the canonical member). Taipan does not call a metaclass's
__prepare__, so a name assigned twice in the body is not reported as
CPython's `'X' already defined` (the later value wins silently)."""


class _Boundary:
    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return '<FlagBoundary.%s: %r>' % (self.name, self.name.lower())


STRICT = _Boundary('STRICT')
CONFORM = _Boundary('CONFORM')
EJECT = _Boundary('EJECT')
KEEP = _Boundary('KEEP')


class auto:
    """A member value to be chosen by _generate_next_value_."""

    def __init__(self, value=None):
        self.value = value

    def __repr__(self):
        return 'auto(%r)' % (self.value,)


_auto_null = object()


def _is_dunder(name):
    return len(name) > 4 and name[:2] == name[-2:] == '__' and name[2] != '_' and name[-3] != '_'


def _is_sunder(name):
    return len(name) > 2 and name[0] == name[-1] == '_' and name[1] != '_' and name[-2] != '_'


def _is_private(cls_name, name):
    prefix = '_%s__' % (cls_name,)
    return name.startswith(prefix) and not name.endswith('__') and len(name) > len(prefix)


def _function():
    pass


_DESCRIPTOR_TYPES = (type(_function), classmethod, staticmethod, property)


def _is_descriptor(obj):
    if isinstance(obj, _DESCRIPTOR_TYPES):
        return True
    t = type(obj)
    return hasattr(t, '__get__') or hasattr(t, '__set__') or hasattr(t, '__delete__')


def _bin(num, max_bits=None):
    """Like the builtin bin(), with the sign bit shown apart: 0b0 1010."""
    ceiling = 2 ** num.bit_length()
    if num >= 0:
        s = _builtin_bin(num + ceiling).replace('1', '0', 1)
    else:
        s = _builtin_bin(~num ^ (ceiling - 1) + ceiling)
    sign = s[:3]
    digits = s[3:]
    if max_bits is not None and len(digits) < max_bits:
        digits = (sign[-1] * max_bits + digits)[-max_bits:]
    return '%s %s' % (sign, digits)


def _builtin_bin(n):
    return format(n, '#b')


def _iter_bits_lsb(num):
    while num:
        b = num & (~num + 1)
        yield b
        num ^= b


def _is_single_bit(num):
    if num == 0:
        return False
    num &= num - 1
    return num == 0


class _MappingProxy:
    """The read-only view EnumType.__members__ returns (mappingproxy)."""

    def __init__(self, mapping):
        self._mapping = mapping

    def __getitem__(self, key):
        return self._mapping[key]

    def __iter__(self):
        return iter(self._mapping)

    def __len__(self):
        return len(self._mapping)

    def __contains__(self, key):
        return key in self._mapping

    def keys(self):
        return self._mapping.keys()

    def values(self):
        return self._mapping.values()

    def items(self):
        return self._mapping.items()

    def get(self, key, default=None):
        return self._mapping.get(key, default)

    def copy(self):
        return dict(self._mapping)

    def __eq__(self, other):
        return self._mapping == other

    def __repr__(self):
        return 'mappingproxy(%r)' % (self._mapping,)

    def __str__(self):
        return str(self._mapping)


def _find_data_type(bases):
    # the first base in an enum base's MRO that is a data type (int for
    # IntEnum, str for StrEnum), else object
    for chain in bases:
        for base in chain.__mro__:
            if base is object:
                continue
            if isinstance(base, EnumType):
                if base._member_type_ is not object:
                    return base._member_type_
                continue
            if base in _DATA_TYPES or _own_attr(base, '__new__') is not None:
                return base
    return object


_DATA_TYPES = (int, str, float, tuple, bytes, object)


def _own_attr(klass, name):
    # name in klass.__dict__ (Taipan's builtin types have no __dict__)
    if klass in _DATA_TYPES:
        return None
    try:
        return klass.__dict__.get(name)
    except AttributeError:
        return None


def _enum_defines_first(enum_class, name):
    # whether an enum class (or a user mixin) defines name before the data
    # type or object does in the MRO
    for klass in enum_class.__mro__:
        if klass in _DATA_TYPES:
            return False
        if _own_attr(klass, name) is not None:
            return True
    return False


Enum = None   # rebound below: EnumType.__new__ knows when it makes Enum itself
Flag = None


class EnumType(type):
    """The metaclass of Enum and its subclasses."""

    def __new__(metacls, cls, bases, classdict, *, boundary=None, _simple=False, **kwds):
        enum_bases = [b for b in bases if isinstance(b, EnumType)]
        for base in enum_bases:
            if base._member_names_:
                raise TypeError('<enum %r> cannot extend %r' % (cls, base))
        first_enum = enum_bases[-1] if enum_bases else None
        member_type = _find_data_type(bases) if first_enum is not None else object
        ignore = classdict.get('_ignore_', [])
        if isinstance(ignore, str):
            ignore = ignore.replace(',', ' ').split()
        generate = classdict.get('_generate_next_value_')
        if generate is None and first_enum is not None:
            generate = getattr(first_enum, '_generate_next_value_', None)
        elif isinstance(generate, staticmethod):
            generate = generate.__func__
        member_names = []
        member_values = []
        namespace = {}
        for key, value in classdict.items():
            if key in ignore or key == '_ignore_':
                continue
            if (_is_dunder(key) or _is_sunder(key) or _is_private(cls, key)
                    or _is_descriptor(value)):
                namespace[key] = value
                continue
            if isinstance(value, auto) or (isinstance(value, tuple) and any(isinstance(v, auto) for v in value)):
                value = metacls._resolve_auto(value, key, generate, member_values)
            member_names.append(key)
            member_values.append(value)
        # an enum's own __new__ makes its members (Enum's own is the lookup)
        new_member = namespace.pop('__new__', None) if first_enum is not None else None
        if new_member is not None and isinstance(new_member, staticmethod):
            new_member = new_member.__func__
        if new_member is not None:
            namespace['__new_member__'] = staticmethod(new_member)
        enum_class = super().__new__(metacls, cls, bases, namespace, **kwds)
        type.__setattr__(enum_class, '_member_names_', [])
        type.__setattr__(enum_class, '_member_map_', {})
        type.__setattr__(enum_class, '_value2member_map_', {})
        type.__setattr__(enum_class, '_unhashable_values_', [])
        type.__setattr__(enum_class, '_member_type_', member_type)
        if boundary is None and first_enum is not None:
            boundary = getattr(first_enum, '_boundary_', None)
        type.__setattr__(enum_class, '_boundary_', boundary)
        if Enum is not None:
            # lookups by value (Color(1)) always go through Enum.__new__,
            # also when a data type's __new__ comes first in the MRO
            type.__setattr__(enum_class, '__new__', Enum.__dict__['__new__'])
        if new_member is None and first_enum is not None:
            found = None
            for klass in enum_class.__mro__[1:]:
                candidate = _own_attr(klass, '__new_member__')
                if candidate is not None:
                    found = candidate
                    break
            new_member = found.__func__ if isinstance(found, staticmethod) else found
        if first_enum is not None:
            # repr/str/format found on the data type or object (IntEnum's
            # int, a str mixin) give way to the enum's own
            for name in ('__repr__', '__str__', '__format__'):
                if name not in classdict and not _enum_defines_first(enum_class, name):
                    type.__setattr__(enum_class, name, getattr(first_enum, name))
        is_flag = Flag is not None and first_enum is not None and issubclass(enum_class, Flag)
        for name, value in zip(member_names, member_values):
            metacls._add_member(enum_class, name, value, member_type, new_member)
        if is_flag:
            single_bits = 0
            multi_bits = 0
            for name in enum_class._member_names_:
                v = enum_class._member_map_[name]._value_
                if _is_single_bit(v):
                    single_bits |= v
                else:
                    multi_bits |= v
            flag_mask = single_bits | multi_bits
            type.__setattr__(enum_class, '_flag_mask_', flag_mask)
            type.__setattr__(enum_class, '_singles_mask_', single_bits)
            type.__setattr__(enum_class, '_all_bits_', 2 ** flag_mask.bit_length() - 1)
            # a multi-bit member is an alias for iteration: only single bits iterate
            type.__setattr__(enum_class, '_member_names_',
                             [n for n in enum_class._member_names_
                              if _is_single_bit(enum_class._member_map_[n]._value_)])
        return enum_class

    @staticmethod
    def _resolve_auto(value, key, generate, member_values):
        if isinstance(value, tuple):
            return tuple(EnumType._resolve_auto(v, key, generate, member_values) if isinstance(v, auto) else v
                         for v in value)
        if value.value is None or value.value is _auto_null:
            value.value = generate(key, 1, len(member_values), member_values[:])
        return value.value

    @staticmethod
    def _add_member(enum_class, name, value, member_type, new_member):
        if isinstance(value, tuple) and member_type is not tuple:
            args = value
        else:
            args = (value,)
        if new_member is not None:
            member = new_member(enum_class, *args)
        elif member_type is object:
            member = object.__new__(enum_class)
        else:
            member = member_type.__new__(enum_class, *args)
        if not hasattr(member, '_value_'):
            if member_type is object:
                member._value_ = value
            else:
                member._value_ = member_type(*args)
        value = member._value_
        member._name_ = name
        member.__objclass__ = enum_class
        member.__init__(*args)
        member._sort_order_ = len(enum_class._member_names_)
        # an alias: an earlier member with an equal value is the canonical one
        canonical = None
        try:
            canonical = enum_class._value2member_map_.get(value)
        except TypeError:
            for known in enum_class._member_map_.values():
                if known._value_ == value:
                    canonical = known
                    break
        if canonical is None:
            for known in enum_class._unhashable_values_:
                if known._value_ == value:
                    canonical = known
                    break
        if canonical is not None:
            member = canonical
        else:
            enum_class._member_names_.append(name)
        enum_class._member_map_[name] = member
        try:
            enum_class._value2member_map_.setdefault(value, member)
        except TypeError:
            enum_class._unhashable_values_.append(member)
        type.__setattr__(enum_class, name, member)

    def __call__(cls, value, names=None, *, module=None, qualname=None, type=None, start=1, boundary=None):
        if names is None:
            return cls.__new__(cls, value)
        return cls._create_(value, names, module=module, qualname=qualname, type=type, start=start,
                            boundary=boundary)

    def _create_(cls, class_name, names, *, module=None, qualname=None, type=None, start=1, boundary=None):
        bases = (cls,) if type is None else (type, cls)
        classdict = {}
        if isinstance(names, str):
            names = names.replace(',', ' ').split()
        if isinstance(names, (tuple, list)) and names and isinstance(names[0], str):
            original_names, names = names, []
            last_values = []
            for count, name in enumerate(original_names):
                value = cls._generate_next_value_(name, start, count, last_values[:])
                last_values.append(value)
                names.append((name, value))
        items = names.items() if isinstance(names, dict) else names
        for item in items:
            if isinstance(item, str):
                member_name, member_value = item, names[item]
            else:
                member_name, member_value = item
            classdict[member_name] = member_value
        classdict['__module__'] = module if module is not None else '__main__'
        if qualname is not None:
            classdict['__qualname__'] = qualname
        return EnumType.__new__(EnumType, class_name, bases, classdict, boundary=boundary)

    def __contains__(cls, member):
        if not isinstance(member, Enum):
            raise TypeError("unsupported operand type(s) for 'in': %r and %r"
                            % (type(member).__qualname__, cls.__class__.__qualname__))
        return isinstance(member, cls) and member._name_ in cls._member_map_

    def __delattr__(cls, attr):
        if attr in cls._member_map_:
            raise AttributeError('%r cannot delete member %r.' % (cls.__name__, attr))
        super().__delattr__(attr)

    def __getitem__(cls, name):
        return cls._member_map_[name]

    def __iter__(cls):
        return (cls._member_map_[name] for name in cls._member_names_)

    def __reversed__(cls):
        return (cls._member_map_[name] for name in reversed(cls._member_names_))

    def __len__(cls):
        return len(cls._member_names_)

    def __bool__(cls):
        return True

    @property
    def __members__(cls):
        return _MappingProxy(cls._member_map_)

    def __repr__(cls):
        if Flag is not None and issubclass(cls, Flag):
            return "<flag %r>" % (cls.__name__,)
        return "<enum %r>" % (cls.__name__,)

    def __setattr__(cls, name, value):
        if name in cls.__dict__.get('_member_map_', {}):
            raise AttributeError('cannot reassign member %r' % (name,))
        super().__setattr__(name, value)


EnumMeta = EnumType


class Enum(metaclass=EnumType):
    """Generic enumeration: members are the class's instances, made once."""

    def __new__(cls, value):
        if type(value) is cls:
            return value
        try:
            return cls._value2member_map_[value]
        except KeyError:
            pass
        except TypeError:
            for member in cls._member_map_.values():
                if member._value_ == value:
                    return member
        for member in cls._unhashable_values_:
            if member._value_ == value:
                return member
        exc = None
        try:
            result = cls._missing_(value)
        except Exception as e:
            exc = e
            result = None
        if isinstance(result, cls):
            return result
        if Flag is not None and issubclass(cls, Flag) and cls._boundary_ is EJECT and isinstance(result, int):
            return result
        ve_exc = ValueError('%r is not a valid %s' % (value, cls.__qualname__))
        if result is None and exc is None:
            raise ve_exc
        if exc is None:
            exc = TypeError('error in %s._missing_: returned %r instead of None or a valid member'
                            % (cls.__name__, result))
        if not isinstance(exc, ValueError):
            exc.__context__ = ve_exc
        raise exc

    def __init__(self, *args, **kwds):
        pass

    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        if not last_values:
            return start
        for value in reversed(last_values):
            try:
                return value + 1
            except TypeError:
                pass
        return start

    @classmethod
    def _missing_(cls, value):
        return None

    def __repr__(self):
        return '<%s.%s: %r>' % (self.__class__.__name__, self._name_, self._value_)

    def __str__(self):
        return '%s.%s' % (self.__class__.__name__, self._name_)

    def __format__(self, format_spec):
        return format(str(self), format_spec)

    def __hash__(self):
        return hash(self._name_)

    def __reduce_ex__(self, proto):
        return self.__class__, (self._value_,)

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self

    @property
    def name(self):
        return self._name_

    @property
    def value(self):
        return self._value_


class ReprEnum(Enum):
    """Only the repr is the enum's; str() and format() are the value's."""

    def __str__(self):
        return str(self._value_)

    def __format__(self, format_spec):
        return format(self._value_, format_spec)


class IntEnum(int, ReprEnum):
    """Enum whose members are also ints."""


class StrEnum(str, ReprEnum):
    """Enum whose members are also strs."""

    def __new__(cls, *values):
        if len(values) > 3:
            raise TypeError('too many arguments for str(): %r' % (values,))
        if len(values) == 1 and not isinstance(values[0], str):
            raise TypeError('%r is not a string' % (values[0],))
        value = str(*values)
        member = str.__new__(cls, value)
        member._value_ = value
        return member

    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        return name.lower()


def _flag_missing(cls, value):
    if not isinstance(value, int):
        raise ValueError('%r is not a valid %s' % (value, cls.__qualname__))
    flag_mask = cls._flag_mask_
    singles_mask = cls._singles_mask_
    all_bits = cls._all_bits_
    boundary = cls._boundary_
    neg_value = None
    if not ~all_bits <= value <= all_bits or value & (all_bits ^ flag_mask):
        if boundary is STRICT:
            max_bits = max(value.bit_length(), flag_mask.bit_length())
            raise ValueError('%r invalid value %r\n    given %s\n  allowed %s'
                             % (cls, value, _bin(value, max_bits), _bin(flag_mask, max_bits)))
        elif boundary is CONFORM:
            value = value & flag_mask
        elif boundary is EJECT:
            return value
        elif boundary is KEEP:
            if value < 0:
                value = max(all_bits + 1, 2 ** value.bit_length()) + value
    if value < 0:
        neg_value = value
        value = all_bits + 1 + value
    unknown = value & ~flag_mask
    aliases = value & ~singles_mask
    member_value = value & singles_mask
    if unknown and boundary is not KEEP:
        raise ValueError('%s(%r) -->  unknown values %r [%s]' % (cls.__name__, value, unknown, _builtin_bin(unknown)))
    if cls._member_type_ is object:
        pseudo = object.__new__(cls)
    else:
        pseudo = cls._member_type_.__new__(cls, value)
    if not hasattr(pseudo, '_value_'):
        pseudo._value_ = value
    if member_value or aliases:
        members = []
        combined = 0
        for m in cls._iter_member_(member_value):
            members.append(m)
            combined |= m._value_
        if aliases:
            value = member_value | aliases
            for pm in cls._member_map_.values():
                if pm not in members and pm._value_ and pm._value_ & value == pm._value_:
                    members.append(pm)
                    combined |= pm._value_
        unknown = value ^ combined
        pseudo._name_ = '|'.join([m._name_ for m in members])
        if not combined:
            pseudo._name_ = None
        elif unknown and boundary is STRICT:
            raise ValueError('%r: no members with value %r' % (cls, unknown))
        elif unknown:
            pseudo._name_ += '|%s' % cls._numeric_repr_(unknown)
    else:
        pseudo._name_ = None
    if not unknown:
        pseudo = cls._value2member_map_.setdefault(value, pseudo)
        if neg_value is not None:
            cls._value2member_map_[neg_value] = pseudo
    return pseudo


class Flag(Enum, boundary=STRICT):
    """Enum whose members combine with |, & and ^."""

    _numeric_repr_ = repr

    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        if not count:
            return start if start is not None else 1
        last_value = max(last_values)
        return 2 ** last_value.bit_length()

    @classmethod
    def _iter_member_(cls, value):
        # canonical single-bit members in definition order
        for name in cls._member_names_:
            member = cls._member_map_[name]
            if member._value_ & value:
                yield member

    @classmethod
    def _missing_(cls, value):
        return _flag_missing(cls, value)

    def __repr__(self):
        if self._name_ is None:
            return '<%s: %r>' % (self.__class__.__name__, self._value_)
        return '<%s.%s: %r>' % (self.__class__.__name__, self._name_, self._value_)

    def __str__(self):
        if self._name_ is None:
            return '%s(%r)' % (self.__class__.__name__, self._value_)
        return '%s.%s' % (self.__class__.__name__, self._name_)

    def __contains__(self, other):
        if not isinstance(other, self.__class__):
            raise TypeError("unsupported operand type(s) for 'in': %r and %r"
                            % (type(other).__qualname__, self.__class__.__qualname__))
        return other._value_ & self._value_ == other._value_

    def __iter__(self):
        return iter(list(self._iter_member_(self._value_)))

    def __len__(self):
        return self._value_.bit_count()

    def __bool__(self):
        return bool(self._value_)

    def _other_value(self, other):
        if isinstance(other, self.__class__):
            return other._value_
        if self._member_type_ is not object and isinstance(other, self._member_type_):
            return other
        return NotImplemented

    def __or__(self, other):
        v = self._other_value(other)
        if v is NotImplemented:
            return v
        return self.__class__(self._value_ | v)

    def __and__(self, other):
        v = self._other_value(other)
        if v is NotImplemented:
            return v
        return self.__class__(self._value_ & v)

    def __xor__(self, other):
        v = self._other_value(other)
        if v is NotImplemented:
            return v
        return self.__class__(self._value_ ^ v)

    def __invert__(self):
        if self._boundary_ is EJECT or self._boundary_ is KEEP:
            return self.__class__(~self._value_)
        return self.__class__(self._singles_mask_ & ~self._value_)

    __ror__ = __or__
    __rand__ = __and__
    __rxor__ = __xor__


class IntFlag(int, ReprEnum, Flag, boundary=KEEP):
    """Flag whose members are also ints (the operators stay the flag's)."""

    __or__ = Flag.__or__
    __and__ = Flag.__and__
    __xor__ = Flag.__xor__
    __ror__ = Flag.__ror__
    __rand__ = Flag.__rand__
    __rxor__ = Flag.__rxor__
    __invert__ = Flag.__invert__

    def __format__(self, format_spec):
        return format(self._value_, format_spec)

    def __str__(self):
        return str(self._value_)


def unique(enumeration):
    """Class decorator: no two members may share a value."""
    duplicates = []
    for name, member in enumeration.__members__.items():
        if name != member.name:
            duplicates.append((name, member.name))
    if duplicates:
        alias_details = ', '.join(['%s -> %s' % (alias, name) for (alias, name) in duplicates])
        raise ValueError('duplicate values found in %r: %s' % (enumeration, alias_details))
    return enumeration


def global_enum(cls):
    return cls
