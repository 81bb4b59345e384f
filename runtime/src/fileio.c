/*
 * fileio.c — open() and the file objects it returns (CPython's
 * TextIOWrapper for text modes, BufferedReader/BufferedWriter/BufferedRandom
 * for binary ones), over WASI files in the preopened directories
 * (platform.c), plus err_os, the OSError every filesystem call raises.
 *
 * Invariants:
 *  - fd is -1 once the file is closed; every operation but close, the data
 *    attributes and repr then raises ValueError "I/O operation on closed
 *    file.", as CPython does. Releasing an open file flushes and closes it.
 *  - Bytes read from the fd and not yet consumed sit in rbuf[rstart,
 *    rend); bytes written sit in wbuf until it fills, a flush, or any read,
 *    seek, tell or close. Before a write, unconsumed read-ahead is given
 *    back by seeking the fd back over it, so reads and writes of an "r+"
 *    file interleave at the right position.
 *  - Text is UTF-8 (malformed input decodes to U+FFFD where CPython would
 *    raise UnicodeDecodeError). Reading translates "\r\n" and "\r" to "\n"
 *    (universal newlines) unless newline='' or '\n' was given; writing
 *    leaves "\n" alone, which is os.linesep on POSIX.
 *  - read(n) on a text file counts characters, on a binary file bytes;
 *    tell() is the byte offset, which is CPython's cookie whenever the
 *    decoder holds no state (always for UTF-8 read through this buffer).
 */
#include "taipan_internal.h"
#include <string.h>

#define STATIC_HEADER(type_ptr) {IMMORTAL_REFCNT, (type_ptr)}
#define READ_CHUNK 8192u
#define WRITE_BUFFER 8192u

/* WASI errno values (wasi/api.h), and the open flags path_open takes. */
enum {
    WASI_ACCES = 2, WASI_BADF = 8, WASI_EXIST = 20, WASI_INVAL = 28, WASI_IO = 29, WASI_ISDIR = 31,
    WASI_LOOP = 32, WASI_NAMETOOLONG = 37, WASI_NOENT = 44, WASI_NOSPC = 51, WASI_NOSYS = 52,
    WASI_NOTDIR = 54, WASI_NOTEMPTY = 55, WASI_PERM = 63, WASI_ROFS = 69, WASI_SPIPE = 70, WASI_XDEV = 75,
    WASI_NOTCAPABLE = 76,
};
enum { OFLAG_CREAT = 1, OFLAG_EXCL = 4, OFLAG_TRUNC = 8 };
#define FILETYPE_DIRECTORY 3

Type type_text_file = {STATIC_HEADER(&type_type), "TextIOWrapper", TYPE_ID_FILE, NULL, 0};
Type type_buffered_reader = {STATIC_HEADER(&type_type), "BufferedReader", TYPE_ID_FILE, NULL, 0};
Type type_buffered_writer = {STATIC_HEADER(&type_type), "BufferedWriter", TYPE_ID_FILE, NULL, 0};
Type type_buffered_random = {STATIC_HEADER(&type_type), "BufferedRandom", TYPE_ID_FILE, NULL, 0};
/* io.UnsupportedOperation. CPython's derives from OSError and ValueError;
 * a static type has one base, so this one is an OSError only. */
Type type_unsupported_operation = {STATIC_HEADER(&type_type), "UnsupportedOperation", TYPE_ID_OS_ERROR,
                                   &type_os_error, 0};

typedef struct FileObj {
    Obj header;
    int32_t fd; /* -1 once closed */
    bool readable, writable, binary, eof, translate_newlines;
    Obj *name, *mode, *encoding; /* str, owned */
    uint8_t *rbuf;
    uint32_t rcap, rstart, rend;
    uint8_t *wbuf; /* WRITE_BUFFER bytes, allocated on the first write */
    uint32_t wused;
} FileObj;

/* ---- OSError from a WASI errno ---------------------------------------------- */

/* CPython's errno number (Linux's), message and OSError subclass for a WASI errno. */
static const Type *os_error_kind(int32_t wasi_errno, int32_t *number, const char **message) {
    switch (wasi_errno) {
    case WASI_NOENT: *number = 2, *message = "No such file or directory"; return &type_file_not_found_error;
    case WASI_EXIST: *number = 17, *message = "File exists"; return &type_file_exists_error;
    case WASI_ISDIR: *number = 21, *message = "Is a directory"; return &type_is_a_directory_error;
    case WASI_NOTDIR: *number = 20, *message = "Not a directory"; return &type_not_a_directory_error;
    case WASI_ACCES: *number = 13, *message = "Permission denied"; return &type_permission_error;
    /* outside every preopened directory: the sandbox refuses, as EACCES would */
    case WASI_NOTCAPABLE: *number = 13, *message = "Permission denied"; return &type_permission_error;
    case WASI_PERM: *number = 1, *message = "Operation not permitted"; return &type_permission_error;
    case WASI_NOTEMPTY: *number = 39, *message = "Directory not empty"; break;
    case WASI_BADF: *number = 9, *message = "Bad file descriptor"; break;
    case WASI_INVAL: *number = 22, *message = "Invalid argument"; break;
    case WASI_IO: *number = 5, *message = "Input/output error"; break;
    case WASI_LOOP: *number = 40, *message = "Too many levels of symbolic links"; break;
    case WASI_NAMETOOLONG: *number = 36, *message = "File name too long"; break;
    case WASI_NOSPC: *number = 28, *message = "No space left on device"; break;
    case WASI_NOSYS: *number = 38, *message = "Function not implemented"; break;
    case WASI_ROFS: *number = 30, *message = "Read-only file system"; break;
    case WASI_SPIPE: *number = 29, *message = "Illegal seek"; break;
    case WASI_XDEV: *number = 18, *message = "Invalid cross-device link"; break;
    default: *number = wasi_errno, *message = "Unknown error"; break;
    }
    return &type_os_error;
}

void err_os(int32_t wasi_errno, Obj *filename) {
    int32_t number;
    const char *message;
    const Type *type = os_error_kind(wasi_errno, &number, &message);
    Obj *args = tuple_new(2);
    if (!args)
        return;
    Obj *n = int_from_i64(number), *text = str_from_ascii(message);
    ((TupleObj *)args)->items[0] = n;
    ((TupleObj *)args)->items[1] = text;
    if (!n || !text) {
        rt_decref(args);
        return;
    }
    Obj *e = exc_new_args(type, args);
    rt_decref(args);
    if (!e)
        return;
    if (filename) {
        Obj *key = str_from_ascii("filename");
        int32_t r = key ? exc_store_attr(e, key, filename) : -1;
        rt_decref(key);
        if (r < 0) {
            rt_decref(e);
            return;
        }
        exc_refresh_report_text(e);
    }
    rt_raise(e); /* an exception instance: raised as it is */
    rt_decref(e);
}

/* A path argument as a NUL-terminated UTF-8 copy on the heap (free with
 * path_free), or NULL with CPython's TypeError for a non-str. */
char *path_to_cstring(Obj *path, const char *function) {
    if (!is_str(path)) {
        if (function)
            err_format(&type_type_error, "%s: path should be string, bytes or os.PathLike, not %T", function, path);
        else
            err_format(&type_type_error, "expected str, bytes or os.PathLike object, not %T", path);
        return NULL;
    }
    uint32_t n = str_to_utf8(path, NULL, 0);
    char *out = heap_alloc(n + 1);
    if (!out) {
        err_no_memory();
        return NULL;
    }
    str_to_utf8(path, out, n);
    out[n] = 0;
    if (strlen(out) != n) {
        heap_free(out, n + 1);
        err_format(&type_value_error, "embedded null byte");
        return NULL;
    }
    return out;
}

void path_free(char *path) { heap_free(path, (uint32_t)strlen(path) + 1); }

/* ---- open() ------------------------------------------------------------------ */

static bool is_utf8_name(Obj *encoding) {
    static const char *const names[] = {"utf-8", "utf8", "UTF-8", "UTF8", "utf_8", "U8", NULL};
    for (int k = 0; names[k]; k++)
        if (str_equals_ascii(encoding, names[k]))
            return true;
    return false;
}

Obj *rt_builtin_open(Obj *file, Obj *mode, Obj *buffering, Obj *encoding, Obj *errors, Obj *newline) {
    (void)buffering; /* every file is buffered; the size does not change what a program sees */
    if (mode && !is_str(mode)) {
        err_format(&type_type_error, "open() argument 'mode' must be str, not %T", mode);
        return NULL;
    }
    /* CPython's mode rules: each of "rwxab+t" at most once, exactly one of r/w/x/a. */
    bool r = false, w = false, x = false, a = false, plus = false, b = false, t = false, bad = false;
    int32_t primaries = 0;
    const StrObj *m = (const StrObj *)mode;
    for (int32_t i = 0; mode && i < m->length; i++) {
        bool *flag;
        switch (str_char_at(m, i)) {
        case 'r': flag = &r; break;
        case 'w': flag = &w; break;
        case 'x': flag = &x; break;
        case 'a': flag = &a; break;
        case '+': flag = &plus; break;
        case 'b': flag = &b; break;
        case 't': flag = &t; break;
        default: flag = NULL; break;
        }
        if (!flag || *flag) {
            bad = true;
            break;
        }
        *flag = true;
    }
    primaries = r + w + x + a;
    if (bad || (b && t)) {
        if (!bad)
            err_format(&type_value_error, "can't have text and binary mode at once");
        else
            err_format(&type_value_error, "invalid mode: '%S'", mode);
        return NULL;
    }
    if (!mode)
        r = true, primaries = 1;
    if (primaries != 1) {
        err_format(&type_value_error, primaries == 0 ? "Must have exactly one of create/read/write/append mode and "
                                                       "at most one plus"
                                                     : "must have exactly one of create/read/write/append mode");
        return NULL;
    }
    if (b && encoding && encoding != rt_none()) {
        err_format(&type_value_error, "binary mode doesn't take an encoding argument");
        return NULL;
    }
    if (b && errors && errors != rt_none()) {
        err_format(&type_value_error, "binary mode doesn't take an errors argument");
        return NULL;
    }
    if (b && newline && newline != rt_none()) {
        err_format(&type_value_error, "binary mode doesn't take a newline argument");
        return NULL;
    }
    if (encoding && encoding != rt_none()) {
        if (!is_str(encoding)) {
            err_format(&type_type_error, "open() argument 'encoding' must be str or None, not %T", encoding);
            return NULL;
        }
        if (!is_utf8_name(encoding) && !str_equals_ascii(encoding, "ascii")) {
            err_format(&type_lookup_error, "unknown encoding: %S", encoding);
            return NULL;
        }
    }
    bool translate = true;
    if (newline && newline != rt_none()) {
        if (!is_str(newline)) {
            err_format(&type_type_error, "open() argument 'newline' must be str or None, not %T", newline);
            return NULL;
        }
        if (!str_equals_ascii(newline, "") && !str_equals_ascii(newline, "\n") && !str_equals_ascii(newline, "\r") &&
            !str_equals_ascii(newline, "\r\n")) {
            err_format(&type_value_error, "illegal newline value: %S", newline);
            return NULL;
        }
        translate = false;
    }
    char *path = path_to_cstring(file, NULL);
    if (!path)
        return NULL;
    uint32_t oflags = w ? OFLAG_CREAT | OFLAG_TRUNC : x ? OFLAG_CREAT | OFLAG_EXCL : a ? OFLAG_CREAT : 0;
    bool readable = r || plus, writable = !r || plus;
    int32_t fd = -1;
    int32_t e = platform_open(path, oflags, readable, writable, a, &fd);
    uint8_t filetype = 0;
    if (e == 0 && platform_fd_filetype(fd, &filetype) == 0 && filetype == FILETYPE_DIRECTORY) {
        /* opening a directory for reading succeeds at the OS level; CPython then refuses it */
        (void)platform_close(fd);
        e = WASI_ISDIR;
    }
    path_free(path);
    if (e != 0) {
        err_os(e, file);
        return NULL;
    }
    const Type *type = !b ? &type_text_file : plus ? &type_buffered_random : r ? &type_buffered_reader
                                                                            : &type_buffered_writer;
    FileObj *f = (FileObj *)obj_alloc(type, sizeof(FileObj));
    if (!f) {
        (void)platform_close(fd);
        return NULL;
    }
    memset((char *)f + sizeof(Obj), 0, sizeof(FileObj) - sizeof(Obj));
    f->fd = fd;
    f->readable = readable;
    f->writable = writable;
    f->binary = b;
    f->translate_newlines = translate;
    f->name = new_ref(file);
    /* CPython's mode attribute: a text mode as given; a binary one as FileIO spells it ("rb", "rb+", "wb", "ab+"...). */
    f->mode = mode ? new_ref(mode) : str_from_ascii("r");
    if (b) {
        char buf[4];
        int n = 0;
        buf[n++] = x ? 'x' : a ? 'a' : r || plus ? 'r' : 'w'; /* FileIO names w+ by its reading: "rb+" */
        if (b)
            buf[n++] = 'b';
        if (plus)
            buf[n++] = '+';
        buf[n] = 0;
        rt_decref(f->mode);
        f->mode = str_from_ascii(buf);
    }
    f->encoding = b ? NULL : encoding && encoding != rt_none() ? new_ref(encoding) : str_from_ascii("UTF-8");
    if (!f->mode || (!b && !f->encoding)) {
        rt_decref((Obj *)f);
        return NULL;
    }
    if (a) { /* the position starts at the end, as CPython's append mode reports it */
        uint64_t pos;
        (void)platform_seek(fd, 0, 2, &pos);
    }
    return (Obj *)f;
}

/* ---- buffers --------------------------------------------------------------------- */

static bool check_open(FileObj *f) {
    if (f->fd >= 0)
        return true;
    err_format(&type_value_error, "I/O operation on closed file.");
    return false;
}

static bool flush_writes(FileObj *f) {
    if (f->wused == 0)
        return true;
    int32_t e = platform_write_all(f->fd, f->wbuf, f->wused);
    f->wused = 0;
    if (e != 0) {
        err_os(e, NULL);
        return false;
    }
    return true;
}

/* Gives unconsumed read-ahead back to the fd (seeking back over it), so
 * the next write or the reported position is where the program is. */
static bool drop_read_ahead(FileObj *f) {
    uint32_t ahead = f->rend - f->rstart;
    f->rstart = f->rend = 0;
    f->eof = false;
    if (ahead == 0)
        return true;
    uint64_t pos;
    int32_t e = platform_seek(f->fd, -(int64_t)ahead, 1, &pos);
    if (e != 0) {
        err_os(e, NULL);
        return false;
    }
    return true;
}

/* Makes at least `want` unconsumed bytes available unless the file ends
 * first: 1 when they are there, 0 at end of file (fewer remain), -1 on an
 * error (pending). */
static int32_t ensure_bytes(FileObj *f, uint32_t want) {
    while (f->rend - f->rstart < want) {
        if (f->eof)
            return 0;
        if (f->rstart > 0) { /* slide the unconsumed bytes to the front */
            memmove(f->rbuf, f->rbuf + f->rstart, f->rend - f->rstart);
            f->rend -= f->rstart;
            f->rstart = 0;
        }
        if (f->rcap - f->rend < READ_CHUNK) {
            uint32_t cap = f->rcap ? f->rcap * 2 : READ_CHUNK;
            while (cap - f->rend < READ_CHUNK)
                cap *= 2;
            uint8_t *grown = heap_alloc(cap);
            if (!grown) {
                err_no_memory();
                return -1;
            }
            if (f->rbuf) {
                memcpy(grown, f->rbuf, f->rend);
                heap_free(f->rbuf, f->rcap);
            }
            f->rbuf = grown;
            f->rcap = cap;
        }
        uint32_t got = 0;
        int32_t e = platform_read_some(f->fd, f->rbuf + f->rend, f->rcap - f->rend, &got);
        if (e != 0) {
            err_os(e, NULL);
            return -1;
        }
        if (got == 0)
            f->eof = true;
        f->rend += got;
    }
    return 1;
}

static bool prepare_read(FileObj *f) {
    if (!check_open(f))
        return false;
    if (!f->readable) {
        err_format(&type_unsupported_operation, "not readable");
        return false;
    }
    return flush_writes(f);
}

static bool prepare_write(FileObj *f) {
    if (!check_open(f))
        return false;
    if (!f->writable) {
        err_format(&type_unsupported_operation, "not writable");
        return false;
    }
    if (f->rend == f->rstart && !f->eof)
        return true;
    if (f->binary)
        return drop_read_ahead(f);
    /* CPython's TextIOWrapper has taken the read-ahead chunk from its buffer
     * already, so a text write lands after it, not where reading stopped. */
    f->rstart = f->rend = 0;
    f->eof = false;
    return true;
}

static uint32_t utf8_sequence_length(uint8_t lead) {
    return lead < 0xC0 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
}

/* Text: up to `limit` characters (all when negative), stopping after a
 * newline when `line`; newlines translated unless newline= said otherwise. */
static Obj *read_text(FileObj *f, int64_t limit, bool line) {
    StrBuf out;
    strbuf_init(&out);
    int64_t count = 0;
    while (limit < 0 || count < limit) {
        int32_t have = ensure_bytes(f, 1);
        if (have < 0) {
            strbuf_release(&out);
            return NULL;
        }
        if (have == 0)
            break;
        /* a run of plain ASCII goes over in one piece */
        uint32_t i = f->rstart;
        while (i < f->rend && f->rbuf[i] < 0x80 && f->rbuf[i] != '\n' && f->rbuf[i] != '\r' &&
               (limit < 0 || count + (int64_t)(i - f->rstart) < limit))
            i++;
        if (i > f->rstart) {
            strbuf_append(&out, (const char *)f->rbuf + f->rstart, i - f->rstart);
            count += i - f->rstart;
            f->rstart = i;
            continue;
        }
        uint8_t c = f->rbuf[f->rstart];
        if (c == '\r' && f->translate_newlines) {
            if (ensure_bytes(f, 2) < 0) {
                strbuf_release(&out);
                return NULL;
            }
            bool crlf = f->rend - f->rstart >= 2 && f->rbuf[f->rstart + 1] == '\n';
            f->rstart += crlf ? 2 : 1;
            strbuf_append_char(&out, '\n');
            count++;
            if (line)
                break;
            continue;
        }
        uint32_t n = utf8_sequence_length(c);
        if (n > 1 && ensure_bytes(f, n) < 0) {
            strbuf_release(&out);
            return NULL;
        }
        if (n > f->rend - f->rstart)
            n = f->rend - f->rstart; /* truncated at end of file: decodes to U+FFFD */
        strbuf_append(&out, (const char *)f->rbuf + f->rstart, n);
        f->rstart += n;
        count++;
        if (line && (c == '\n' || c == '\r'))
            break;
    }
    return strbuf_finish(&out);
}

/* Binary: up to `limit` bytes (all when negative), stopping after b"\n" when `line`. */
static Obj *read_binary(FileObj *f, int64_t limit, bool line) {
    uint32_t scanned = 0; /* bytes after rstart already searched for a newline */
    uint32_t n;
    for (;;) {
        uint32_t avail = f->rend - f->rstart;
        if (line) {
            uint8_t *nl = avail > scanned ? memchr(f->rbuf + f->rstart + scanned, '\n', avail - scanned) : NULL;
            if (nl) {
                n = (uint32_t)(nl - (f->rbuf + f->rstart)) + 1;
                break;
            }
            scanned = avail;
        }
        if (limit >= 0 && avail >= (uint64_t)limit) {
            n = avail;
            break;
        }
        int32_t have = ensure_bytes(f, avail + 1);
        if (have < 0)
            return NULL;
        if (have == 0) {
            n = f->rend - f->rstart;
            break;
        }
    }
    if (limit >= 0 && (int64_t)n > limit)
        n = (uint32_t)limit;
    Obj *r = bytes_from(f->rbuf + f->rstart, (int32_t)n);
    if (r)
        f->rstart += n;
    return r;
}

static Obj *read_some(FileObj *f, int64_t limit, bool line) {
    return f->binary ? read_binary(f, limit, line) : read_text(f, limit, line);
}

static bool buffer_bytes(FileObj *f, const uint8_t *bytes, uint32_t n) {
    if (!f->wbuf && !(f->wbuf = heap_alloc(WRITE_BUFFER))) {
        err_no_memory();
        return false;
    }
    while (n > 0) {
        if (f->wused == WRITE_BUFFER && !flush_writes(f))
            return false;
        uint32_t room = WRITE_BUFFER - f->wused, chunk = n < room ? n : room;
        memcpy(f->wbuf + f->wused, bytes, chunk);
        f->wused += chunk;
        bytes += chunk;
        n -= chunk;
    }
    return true;
}

/* The argument's type is checked before whether the file is writable, as CPython does. */
static bool check_write_argument(FileObj *f, Obj *data) {
    if (f->binary ? is_bytes(data) : is_str(data))
        return true;
    if (f->binary)
        err_format(&type_type_error, "a bytes-like object is required, not '%T'", data);
    else
        err_format(&type_type_error, "write() argument must be str, not %T", data);
    return false;
}

static bool write_object(FileObj *f, Obj *data) {
    if (!check_write_argument(f, data))
        return false;
    if (f->binary)
        return buffer_bytes(f, ((BytesObj *)data)->data, (uint32_t)((BytesObj *)data)->length);
    const StrObj *s = (const StrObj *)data;
    if (s->kind == 1) { /* latin-1 storage: ASCII bytes go straight over */
        int32_t i = 0;
        while (i < s->length) {
            int32_t j = i;
            while (j < s->length && s->data[j] < 0x80)
                j++;
            if (j > i && !buffer_bytes(f, s->data + i, (uint32_t)(j - i)))
                return false;
            if (j < s->length) {
                uint8_t encoded[4];
                if (!buffer_bytes(f, encoded, utf8_encode(s->data[j], encoded)))
                    return false;
                j++;
            }
            i = j;
        }
        return true;
    }
    for (int32_t i = 0; i < s->length; i++) {
        uint8_t encoded[4];
        if (!buffer_bytes(f, encoded, utf8_encode(str_char_at(s, i), encoded)))
            return false;
    }
    return true;
}

/* Flushes and closes; the WASI errno of a failed flush (0 when none). Kept
 * free of anything that raises, because obj_dealloc reaches it from every
 * program: raising would link the exception machinery into all of them. */
static int32_t file_close_quietly(FileObj *f) {
    if (f->fd < 0)
        return 0;
    int32_t e = f->wused ? platform_write_all(f->fd, f->wbuf, f->wused) : 0;
    (void)platform_close(f->fd);
    f->fd = -1;
    if (f->rbuf)
        heap_free(f->rbuf, f->rcap);
    if (f->wbuf)
        heap_free(f->wbuf, WRITE_BUFFER);
    f->rbuf = f->wbuf = NULL;
    f->rcap = f->rstart = f->rend = f->wused = 0;
    return e;
}

static bool file_close(FileObj *f) {
    int32_t e = file_close_quietly(f);
    if (e != 0)
        err_os(e, NULL);
    return e == 0;
}

uint32_t file_release(Obj *o) {
    FileObj *f = (FileObj *)o;
    (void)file_close_quietly(f); /* a failed flush has nowhere to go: CPython's finalizer only warns */
    rt_decref(f->name);
    rt_decref(f->mode);
    rt_decref(f->encoding);
    return sizeof(FileObj);
}

/* ---- attributes, methods, repr, iteration -------------------------------------------- */

static const char *const file_members[] = {
    "read", "readline", "readlines", "write", "writelines", "close", "flush", "seek", "tell", "readable",
    "writable", "seekable", "fileno", "isatty", "__enter__", "__exit__", "__iter__", "__next__",
    "closed", "name", "mode", "encoding", NULL};

bool file_has_member(Obj *name) {
    return name_index(name, file_members, -1) >= 0;
}

bool file_is_data_member(Obj *name) {
    return str_equals_ascii(name, "closed") || str_equals_ascii(name, "name") || str_equals_ascii(name, "mode") ||
           str_equals_ascii(name, "encoding");
}

Obj *file_getattr(Obj *o, Obj *name, bool *found) {
    FileObj *f = (FileObj *)o;
    *found = true;
    if (str_equals_ascii(name, "closed"))
        return new_ref(bool_obj(f->fd < 0));
    if (str_equals_ascii(name, "name"))
        return new_ref(f->name);
    if (str_equals_ascii(name, "mode"))
        return new_ref(f->mode);
    if (str_equals_ascii(name, "encoding") && f->encoding)
        return new_ref(f->encoding);
    *found = false;
    return NULL;
}

Obj *file_repr(Obj *o) {
    FileObj *f = (FileObj *)o;
    Obj *name = rt_repr(f->name);
    if (!name)
        return NULL;
    StrBuf b;
    strbuf_init(&b);
    strbuf_append_cstr(&b, "<_io.");
    strbuf_append_cstr(&b, o->type->name);
    strbuf_append_cstr(&b, " name=");
    strbuf_append_str_obj(&b, name);
    rt_decref(name);
    if (!f->binary) {
        strbuf_append_cstr(&b, " mode='");
        strbuf_append_str_obj(&b, f->mode);
        strbuf_append_cstr(&b, "' encoding='");
        strbuf_append_str_obj(&b, f->encoding);
        strbuf_append_char(&b, '\'');
    }
    strbuf_append_char(&b, '>');
    return strbuf_finish(&b);
}

/* A read size argument: None or a negative int mean everything. */
static bool size_argument(Obj *args, int64_t *limit) {
    *limit = -1;
    if (args_count(args) == 0)
        return true;
    Obj *n = ((TupleObj *)args)->items[0];
    if (n == rt_none())
        return true;
    if (!is_int_like(n)) {
        err_format(&type_type_error, "argument should be integer or None, not '%T'", n);
        return false;
    }
    *limit = int_to_i64(n);
    if (*limit < 0)
        *limit = -1;
    return true;
}

static Obj *file_readlines(FileObj *f, Obj *args) {
    int64_t hint;
    if (!size_argument(args, &hint) || !prepare_read(f))
        return NULL;
    Obj *lines = list_new(0);
    int64_t total = 0;
    while (lines) {
        Obj *line = read_some(f, -1, true);
        if (!line) {
            rt_decref(lines);
            return NULL;
        }
        int64_t n = f->binary ? ((BytesObj *)line)->length : ((StrObj *)line)->length;
        if (n == 0) {
            rt_decref(line);
            break;
        }
        int32_t r = list_append(lines, line);
        rt_decref(line);
        if (r < 0) {
            rt_decref(lines);
            return NULL;
        }
        total += n;
        if (hint > 0 && total >= hint)
            break;
    }
    return lines;
}

static Obj *file_seek(FileObj *f, Obj *args) {
    if (!check_arg_range(args, "seek", 1, 2) || !check_open(f))
        return NULL;
    Obj *offset = ((TupleObj *)args)->items[0];
    Obj *whence_obj = args_count(args) > 1 ? ((TupleObj *)args)->items[1] : NULL;
    if (!is_int_like(offset) || (whence_obj && !is_int_like(whence_obj))) {
        err_format(&type_type_error, "'%T' object cannot be interpreted as an integer",
                   !is_int_like(offset) ? offset : whence_obj);
        return NULL;
    }
    int64_t pos = int_to_i64(offset), whence = whence_obj ? int_to_i64(whence_obj) : 0;
    if (whence < 0 || whence > 2) {
        err_format(&type_value_error, "invalid whence (%d, should be 0, 1 or 2)", (int32_t)whence);
        return NULL;
    }
    if (!f->binary && whence != 0 && pos != 0) {
        err_format(&type_unsupported_operation,
                   whence == 1 ? "can't do nonzero cur-relative seeks" : "can't do nonzero end-relative seeks");
        return NULL;
    }
    if (!f->binary && whence == 0 && pos < 0) {
        err_format(&type_value_error, "negative seek position %d", (int32_t)pos);
        return NULL;
    }
    if (!flush_writes(f) || !drop_read_ahead(f))
        return NULL;
    uint64_t at;
    int32_t e = platform_seek(f->fd, pos, (int32_t)whence, &at);
    if (e != 0) {
        err_os(e, NULL);
        return NULL;
    }
    return int_from_i64((int64_t)at);
}

static Obj *file_tell(FileObj *f) {
    if (!check_open(f) || !flush_writes(f))
        return NULL;
    uint64_t at;
    int32_t e = platform_seek(f->fd, 0, 1, &at);
    if (e != 0) {
        err_os(e, NULL);
        return NULL;
    }
    return int_from_i64((int64_t)at - (int64_t)(f->rend - f->rstart));
}

Obj *file_iter_next(Obj *o) {
    FileObj *f = (FileObj *)o;
    if (!prepare_read(f))
        return NULL;
    Obj *line = read_some(f, -1, true);
    if (line && (f->binary ? ((BytesObj *)line)->length : ((StrObj *)line)->length) == 0) {
        rt_decref(line);
        return NULL; /* exhausted, nothing pending */
    }
    return line;
}

Obj *file_call_method(Obj *self, Obj *name, Obj *args, Obj *kwargs) {
    FileObj *f = (FileObj *)self;
    if (str_equals_ascii(name, "__exit__")) { /* any arguments: the with statement passes three */
        if (!file_close(f))
            return NULL;
        return new_ref(rt_none());
    }
    if (!check_no_kwargs(kwargs, f->binary ? "read" : "TextIOWrapper.read"))
        return NULL;
    if (str_equals_ascii(name, "read") || str_equals_ascii(name, "readline")) {
        int64_t limit;
        if (!check_arg_range(args, str_equals_ascii(name, "read") ? "read" : "readline", 0, 1) ||
            !size_argument(args, &limit) || !prepare_read(f))
            return NULL;
        return read_some(f, limit, str_equals_ascii(name, "readline"));
    }
    if (str_equals_ascii(name, "readlines")) {
        if (!check_arg_range(args, "readlines", 0, 1))
            return NULL;
        return file_readlines(f, args);
    }
    if (str_equals_ascii(name, "write")) {
        if (!check_arg_range(args, "write", 1, 1))
            return NULL;
        Obj *data = ((TupleObj *)args)->items[0];
        if (!check_write_argument(f, data) || !prepare_write(f) || !write_object(f, data))
            return NULL;
        return int_from_i64(f->binary ? ((BytesObj *)data)->length : ((StrObj *)data)->length);
    }
    if (str_equals_ascii(name, "writelines")) {
        if (!check_arg_range(args, "writelines", 1, 1) || !prepare_write(f))
            return NULL;
        Obj *it = rt_get_iter(((TupleObj *)args)->items[0]);
        if (!it)
            return NULL;
        Obj *item;
        while ((item = rt_iter_next(it))) {
            bool ok = write_object(f, item);
            rt_decref(item);
            if (!ok) {
                rt_decref(it);
                return NULL;
            }
        }
        rt_decref(it);
        return rt_err_occurred() ? NULL : new_ref(rt_none());
    }
    if (str_equals_ascii(name, "close")) {
        if (!check_no_args(args, "close") || !file_close(f))
            return NULL;
        return new_ref(rt_none());
    }
    if (str_equals_ascii(name, "seek"))
        return file_seek(f, args);
    if (!check_no_args(args, "TextIOWrapper.tell"))
        return NULL;
    if (str_equals_ascii(name, "tell"))
        return file_tell(f);
    if (str_equals_ascii(name, "__iter__") || str_equals_ascii(name, "__enter__"))
        return check_open(f) ? new_ref(self) : NULL;
    if (str_equals_ascii(name, "__next__")) {
        Obj *line = file_iter_next(self);
        if (!line && !rt_err_occurred())
            err_format(&type_stop_iteration, "");
        return line;
    }
    if (!check_open(f))
        return NULL;
    if (str_equals_ascii(name, "flush"))
        return flush_writes(f) ? new_ref(rt_none()) : NULL;
    if (str_equals_ascii(name, "readable"))
        return new_ref(bool_obj(f->readable));
    if (str_equals_ascii(name, "writable"))
        return new_ref(bool_obj(f->writable));
    if (str_equals_ascii(name, "seekable") || str_equals_ascii(name, "isatty"))
        return new_ref(bool_obj(str_equals_ascii(name, "seekable")));
    return int_from_i64(f->fd); /* fileno */
}
