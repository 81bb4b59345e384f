"""oracle_encoding.py — the value/exception encoding shared by the
python3-oracle case generators (gen_*_cases.py), i.e. how a Python value or
an exception is written into the C case files the replayers decode
(decode_value in test_str_methods.c, format_decode_value in test_format.c).

 - enc(v, extra): the length-prefixed value encoding: s<bytes>:<utf-8> str,
   i<int>; int, f<repr>; float, N None, T True, F False, (..) tuple,
   [..] list, {k v ..} dict. `extra(v)` (optional) is tried first and
   returns a generator-specific tag string, or None to fall through.
 - c_literal / c_string: C string literals of the encoded text.
 - exc_text / outcome: "!Type: message" for an exception, repr otherwise.
 - method_call: the s.name(a0, k=v) source spelling of a method call.
"""


def enc(v, extra=None):
    if extra is not None:
        tagged = extra(v)
        if tagged is not None:
            return tagged
    if v is None:
        return "N"
    if v is True:
        return "T"
    if v is False:
        return "F"
    if isinstance(v, int):
        return f"i{v};"
    if isinstance(v, float):
        return f"f{v!r};"
    if isinstance(v, str):
        b = v.encode("utf-8", "surrogatepass")
        return f"s{len(b)}:" + b.decode("latin-1")  # bytes, re-encoded by c_literal
    if isinstance(v, tuple):
        return "(" + "".join(enc(x, extra) for x in v) + ")"
    if isinstance(v, list):
        return "[" + "".join(enc(x, extra) for x in v) + "]"
    if isinstance(v, dict):
        return "{" + "".join(enc(k, extra) + enc(x, extra) for k, x in v.items()) + "}"
    raise TypeError(type(v))


def c_literal(text, latin1=True):
    """C string literal of text's bytes (latin-1 carries raw bytes from enc);
    every byte outside printable ASCII, and " \\ ?, as an octal escape."""
    data = text.encode("latin-1") if latin1 else text.encode("utf-8", "surrogatepass")
    out = []
    for byte in data:
        ch = chr(byte)
        if 0x20 <= byte < 0x7F and ch not in '"\\?':
            out.append(ch)
        else:
            out.append(f"\\{byte:03o}")
    return '"' + "".join(out) + '"'


def c_string(s):
    """C string literal of s's utf-8 bytes: " and \\ backslash-escaped,
    other bytes outside printable ASCII as octal escapes."""
    out = []
    for ch in s.encode('utf-8'):
        c = chr(ch)
        if c in '"\\':
            out.append('\\' + c)
        elif 32 <= ch < 127:
            out.append(c)
        else:
            out.append('\\%03o' % ch)
    return '"' + ''.join(out) + '"'


def exc_text(e, key_error_repr=False):
    """"!Type: message", or "!Type" when the message is empty."""
    msg = str(e)
    if key_error_repr and isinstance(e, KeyError):
        msg = repr(e.args[0])
    return f"!{type(e).__name__}: {msg}" if msg else f"!{type(e).__name__}"


def outcome(fn, key_error_repr=False):
    try:
        return repr(fn())
    except Exception as e:  # noqa: BLE001 — every exception is an expected outcome
        return exc_text(e, key_error_repr)


def method_call(name, args, kwargs, self_name):
    """(source, names): `self_name.name(a0, k=k_k)` and the locals it reads.
    Spelled as source so CPython takes the same method-call path compiled
    code does: its wording differs from a getattr()(*a, **k) call."""
    names = {f"a{i}": a for i, a in enumerate(args)}
    names.update({f"k_{k}": v for k, v in kwargs.items()})
    call_args = [f"a{i}" for i in range(len(args))] + [f"{k}=k_{k}" for k in kwargs]
    return f"{self_name}.{name}({', '.join(call_args)})", names
