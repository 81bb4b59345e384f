"""Taipan's abc: abstract base classes (CPython 3.11's API: ABCMeta, ABC,
abstractmethod, the deprecated abstract{class,static}method/abstractproperty,
register, update_abstractmethods).

ABCMeta computes a class's abstract method names and stores them as
`__abstractmethods__`; the runtime flags a class with a non-empty set so
that instantiating it raises CPython's TypeError ("Can't instantiate
abstract class S with abstract methods a, b"). Registered virtual
subclasses answer issubclass()/isinstance() through the metaclass's
__subclasscheck__/__instancecheck__."""


def abstractmethod(funcobj):
    funcobj.__isabstractmethod__ = True
    return funcobj


def _is_abstract(value):
    # classmethod/staticmethod/property objects are abstract when a
    # function they wrap is (CPython's wrappers forward __isabstractmethod__)
    if isinstance(value, (classmethod, staticmethod)):
        value = value.__func__
    elif isinstance(value, property):
        return (_is_abstract(value.fget) or _is_abstract(value.fset)
                or _is_abstract(value.fdel))
    return getattr(value, '__isabstractmethod__', False) is True


def abstractclassmethod(callable):
    """Deprecated: classmethod(abstractmethod(callable))."""
    callable.__isabstractmethod__ = True
    return classmethod(callable)


def abstractstaticmethod(callable):
    """Deprecated: staticmethod(abstractmethod(callable))."""
    callable.__isabstractmethod__ = True
    return staticmethod(callable)


def abstractproperty(fget=None, fset=None, fdel=None, doc=None):
    """Deprecated: property(abstractmethod(fget), ...)."""
    if fget is not None:
        fget.__isabstractmethod__ = True
    return property(fget, fset, fdel, doc)


def _abstract_names(cls, namespace_items, bases):
    abstracts = set()
    for name, value in namespace_items:
        if _is_abstract(value):
            abstracts.add(name)
    for base in bases:
        for name in getattr(base, '__abstractmethods__', ()):
            value = getattr(cls, name, None)
            if _is_abstract(value):
                abstracts.add(name)
    return frozenset(abstracts)


class ABCMeta(type):
    def __new__(mcls, name, bases, namespace, **kwargs):
        cls = super().__new__(mcls, name, bases, namespace, **kwargs)
        cls.__abstractmethods__ = _abstract_names(cls, namespace.items(), bases)
        cls._abc_registry = []
        return cls

    def register(cls, subclass):
        if not isinstance(subclass, type):
            raise TypeError("Can only register classes")
        if issubclass(subclass, cls):
            return subclass
        if issubclass(cls, subclass):
            raise RuntimeError("Refusing to create an inheritance cycle")
        cls._abc_registry.append(subclass)
        return subclass

    def __instancecheck__(cls, instance):
        return cls.__subclasscheck__(type(instance))

    def __subclasscheck__(cls, subclass):
        if not isinstance(subclass, type):
            raise TypeError('issubclass() arg 1 must be a class')
        if cls in subclass.__mro__:
            return True
        hook = cls.__subclasshook__(subclass)
        if hook is not NotImplemented:
            return bool(hook)
        for klass in cls.__mro__:
            for registered in getattr(klass, '_abc_registry', ()):
                if issubclass(subclass, registered):
                    return True
        return False


class ABC(metaclass=ABCMeta):
    __slots__ = ()


def get_cache_token():
    return 0


def update_abstractmethods(cls):
    if not hasattr(cls, '__abstractmethods__'):
        return cls
    abstracts = set()
    for scls in cls.__bases__:
        for name in getattr(scls, '__abstractmethods__', ()):
            value = getattr(cls, name, None)
            if _is_abstract(value):
                abstracts.add(name)
    for name, value in vars(cls).items():
        if _is_abstract(value):
            abstracts.add(name)
    cls.__abstractmethods__ = frozenset(abstracts)
    return cls
