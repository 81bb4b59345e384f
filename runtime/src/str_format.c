/*
 * str_format.c — str.format(*args, **kwargs) and str.format_map(mapping):
 * the replacement-field grammar {name[.attr|[key]]...[!conv][:spec]} with
 * nested fields in the spec, {{ and }}, automatic and manual numbering,
 * and CPython 3.11's messages.
 *
 * Invariants:
 *  - Parsing follows CPython's three stages and their error order: the
 *    markup scan (literal text, single braces), the field split (name,
 *    conversion, spec with brace counting) and, only when the field is
 *    rendered, the name walk (first part, then each .attr / [key]).
 *  - The numbering state is shared with the nested fields of specs, and
 *    specs nest at most two levels ("Max string recursion exceeded").
 *  - args is NULL for format_map (positional fields are an error); kwargs
 *    may be NULL (a name lookup then raises KeyError).
 */
#include "taipan_internal.h"
#include <string.h>

typedef struct Numbering {
    int state; /* 0 unset, 1 automatic, 2 manual */
    int64_t next;
} Numbering;

typedef struct Span {
    const StrObj *s;
    int32_t start, end;
} Span;

static uint32_t at(const Span *sp, int32_t i) { return str_char_at(sp->s, i); }

static Obj *span_str(const Span *sp) {
    StrBuf b;
    strbuf_init(&b);
    for (int32_t i = sp->start; i < sp->end; i++)
        strbuf_append_codepoint(&b, at(sp, i));
    return strbuf_finish(&b);
}

/* A non-negative decimal index, -1 if the span is empty or not all digits;
 * -2 with ValueError when it overflows. */
static int64_t span_integer(const Span *sp) {
    if (sp->start >= sp->end)
        return -1;
    int64_t value = 0;
    for (int32_t i = sp->start; i < sp->end; i++) {
        int32_t d = unicode_decimal_value(at(sp, i));
        if (d < 0)
            return -1;
        if (value > (INT64_MAX - d) / 10) {
            err_format(&type_value_error, "Too many decimal digits in format string");
            return -2;
        }
        value = value * 10 + d;
    }
    return value;
}

static bool build(Span fmt, Obj *args, Obj *kwargs, int depth, Numbering *numbering, StrBuf *out);

/* Looks up the object a field name designates (new reference). */
static Obj *field_object(Span name, Obj *args, Obj *kwargs, Numbering *numbering) {
    int32_t i = name.start;
    while (i < name.end && at(&name, i) != '.' && at(&name, i) != '[')
        i++;
    Span first = {name.s, name.start, i};
    int64_t index = span_integer(&first);
    if (index == -2)
        return NULL;
    bool empty = first.start >= first.end;
    if (empty || index >= 0) {
        if (numbering->state == 0)
            numbering->state = empty ? 1 : 2;
        if (numbering->state == 2 && empty) {
            err_format(&type_value_error,
                       "cannot switch from manual field specification to automatic field numbering");
            return NULL;
        }
        if (numbering->state == 1 && !empty) {
            err_format(&type_value_error,
                       "cannot switch from automatic field numbering to manual field specification");
            return NULL;
        }
        if (empty)
            index = numbering->next++;
    }
    Obj *obj;
    if (index < 0) {
        Obj *key = span_str(&first);
        if (!key)
            return NULL;
        if (!kwargs) {
            raise_key_error(key);
            obj = NULL;
        } else {
            obj = rt_getitem(kwargs, key);
        }
        rt_decref(key);
    } else {
        if (!args) {
            err_format(&type_value_error, "Format string contains positional fields");
            return NULL;
        }
        if (index >= ((TupleObj *)args)->length) {
            err_format(&type_index_error, "Replacement index %D out of range for positional args tuple", index);
            return NULL;
        }
        obj = new_ref(((TupleObj *)args)->items[index]);
    }
    /* The rest: .attr and [key] parts, applied in order. */
    while (obj && i < name.end) {
        uint32_t c = at(&name, i++);
        Span part = {name.s, i, i};
        bool attribute = c == '.';
        if (c == '.') {
            while (i < name.end && at(&name, i) != '.' && at(&name, i) != '[')
                i++;
            part.end = i;
        } else if (c == '[') {
            while (i < name.end && at(&name, i) != ']')
                i++;
            if (i >= name.end) {
                err_format(&type_value_error, "Missing ']' in format string");
                rt_decref(obj);
                return NULL;
            }
            part.end = i++;
        } else {
            err_format(&type_value_error, "Only '.' or '[' may follow ']' in format field specifier");
            rt_decref(obj);
            return NULL;
        }
        int64_t item_index = attribute ? -1 : span_integer(&part);
        if (item_index == -2) {
            rt_decref(obj);
            return NULL;
        }
        if (part.start == part.end) {
            err_format(&type_value_error, "Empty attribute in format string");
            rt_decref(obj);
            return NULL;
        }
        Obj *key = item_index >= 0 ? int_from_i64(item_index) : span_str(&part);
        Obj *next = NULL;
        if (key)
            next = attribute ? rt_getattr(obj, key) : rt_getitem(obj, key);
        rt_decref(key);
        rt_decref(obj);
        obj = next;
    }
    return obj;
}

static bool render_field(Span name, uint32_t conversion, Span spec, bool spec_has_fields, Obj *args,
                         Obj *kwargs, int depth, Numbering *numbering, StrBuf *out) {
    Obj *obj = field_object(name, args, kwargs, numbering);
    if (!obj)
        return false;
    if (conversion) {
        Obj *converted = NULL;
        if (conversion == 'r')
            converted = rt_repr(obj);
        else if (conversion == 's')
            converted = rt_str(obj);
        else if (conversion == 'a')
            converted = rt_builtin_ascii(obj);
        else if (conversion > 32 && conversion < 127) {
            char c[2] = {(char)conversion, 0};
            err_format(&type_value_error, "Unknown conversion specifier %s", c);
        } else {
            static const char hex[] = "0123456789abcdef";
            char text[12];
            int n = 0, shift = 28;
            while (shift > 0 && ((conversion >> shift) & 0xF) == 0)
                shift -= 4;
            for (; shift >= 0; shift -= 4)
                text[n++] = hex[(conversion >> shift) & 0xF];
            text[n] = 0;
            err_format(&type_value_error, "Unknown conversion specifier \\x%s", text);
        }
        rt_decref(obj);
        if (!converted)
            return false;
        obj = converted;
    }
    Obj *spec_str;
    if (spec_has_fields) {
        StrBuf expanded;
        strbuf_init(&expanded);
        if (!build(spec, args, kwargs, depth - 1, numbering, &expanded)) {
            strbuf_release(&expanded);
            rt_decref(obj);
            return false;
        }
        spec_str = strbuf_finish(&expanded);
    } else {
        spec_str = span_str(&spec);
    }
    Obj *text = spec_str ? rt_format(obj, spec_str) : NULL;
    rt_decref(spec_str);
    rt_decref(obj);
    if (!text)
        return false;
    strbuf_append_str_obj(out, text);
    rt_decref(text);
    return true;
}

/* Splits the field after a '{' (at *pos) into name, conversion and spec,
 * leaving *pos after its closing '}'. */
static bool parse_field(Span fmt, int32_t *pos, Span *name, uint32_t *conversion, Span *spec,
                        bool *spec_has_fields) {
    int32_t i = *pos;
    uint32_t c = 0;
    *conversion = 0;
    *spec_has_fields = false;
    name->s = spec->s = fmt.s;
    name->start = i;
    spec->start = spec->end = 0;
    while (i < fmt.end) {
        c = at(&fmt, i++);
        if (c == '{') {
            err_format(&type_value_error, "unexpected '{' in field name");
            return false;
        }
        if (c == '[') {
            while (i < fmt.end && at(&fmt, i) != ']')
                i++;
            continue;
        }
        if (c == '}' || c == ':' || c == '!')
            break;
    }
    name->end = i - 1;
    if (c == '!' || c == ':') {
        if (c == '!') {
            if (i >= fmt.end) {
                err_format(&type_value_error, "end of string while looking for conversion specifier");
                return false;
            }
            *conversion = at(&fmt, i++);
            if (i < fmt.end) {
                uint32_t next = at(&fmt, i++);
                if (next == '}') {
                    *pos = i;
                    return true;
                }
                if (next != ':') {
                    err_format(&type_value_error, "expected ':' after conversion specifier");
                    return false;
                }
            }
        }
        spec->start = i;
        int32_t count = 1;
        while (i < fmt.end) {
            c = at(&fmt, i++);
            if (c == '{') {
                *spec_has_fields = true;
                count++;
            } else if (c == '}' && --count == 0) {
                spec->end = i - 1;
                *pos = i;
                return true;
            }
        }
        err_format(&type_value_error, "unmatched '{' in format spec");
        return false;
    }
    if (c != '}') {
        err_format(&type_value_error, "expected '}' before end of string");
        return false;
    }
    *pos = i;
    return true;
}

static bool build(Span fmt, Obj *args, Obj *kwargs, int depth, Numbering *numbering, StrBuf *out) {
    if (depth <= 0) {
        err_format(&type_value_error, "Max string recursion exceeded");
        return false;
    }
    int32_t pos = fmt.start;
    while (pos < fmt.end) {
        int32_t start = pos;
        uint32_t c = 0;
        bool markup = false;
        while (pos < fmt.end) {
            c = at(&fmt, pos++);
            if (c == '{' || c == '}') {
                markup = true;
                break;
            }
        }
        bool at_end = pos >= fmt.end;
        int32_t literal_end = pos;
        if (c == '}' && markup && (at_end || at(&fmt, pos) != '}')) {
            err_format(&type_value_error, "Single '}' encountered in format string");
            return false;
        }
        if (at_end && c == '{' && markup) {
            err_format(&type_value_error, "Single '{' encountered in format string");
            return false;
        }
        if (markup) {
            if (at(&fmt, pos) == c) { /* {{ or }}: the first brace is literal text */
                pos++;
                markup = false;
            } else {
                literal_end--;
            }
        }
        for (int32_t i = start; i < literal_end; i++)
            strbuf_append_codepoint(out, at(&fmt, i));
        if (!markup)
            continue;
        Span name, spec;
        uint32_t conversion;
        bool spec_has_fields;
        if (!parse_field(fmt, &pos, &name, &conversion, &spec, &spec_has_fields))
            return false;
        if (!render_field(name, conversion, spec, spec_has_fields, args, kwargs, depth, numbering, out))
            return false;
    }
    return true;
}

static Obj *format_with(Obj *self, Obj *args, Obj *kwargs) {
    Span fmt = {(const StrObj *)self, 0, ((const StrObj *)self)->length};
    int32_t brace = 0;
    while (brace < fmt.end && at(&fmt, brace) != '{' && at(&fmt, brace) != '}')
        brace++;
    if (brace == fmt.end && fmt.end > 0)
        return new_ref(self); /* no fields: CPython hands back the template itself (a str subclass's too) */
    Numbering numbering = {0, 0};
    StrBuf out;
    strbuf_init(&out);
    if (!build(fmt, args, kwargs, 2, &numbering, &out)) {
        strbuf_release(&out);
        return NULL;
    }
    return strbuf_finish(&out);
}

Obj *str_format_method(Obj *self, Obj *args, Obj *kwargs) {
    if (kwargs && ((DictObj *)kwargs)->used == 0)
        kwargs = NULL;
    return format_with(self, args, kwargs);
}

Obj *str_format_map(Obj *self, Obj *args, Obj *kwargs) {
    if (!check_no_kwargs(kwargs, "str.format_map") || !check_exactly_one(args, "str.format_map"))
        return NULL;
    return format_with(self, NULL, arg_at(args, 0));
}
