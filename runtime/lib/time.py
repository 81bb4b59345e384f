"""Taipan's time: the clocks (WASI clock_time_get), sleep (WASI poll_oneoff),
struct_time, gmtime/localtime, mktime, asctime/ctime and strftime for the
C locale's directives. WASI has no time zones: local time is UTC, as under
CPython with TZ=UTC."""
import _taipan_os

_REALTIME = 0
_MONOTONIC = 1
_PROCESS_CPUTIME = 2

timezone = 0
altzone = 0
daylight = 0
tzname = ('UTC', 'UTC')

_DAY_NAMES = ('Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday')
_MONTH_NAMES = ('January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September',
                'October', 'November', 'December')
_FIELDS = ('tm_year', 'tm_mon', 'tm_mday', 'tm_hour', 'tm_min', 'tm_sec', 'tm_wday', 'tm_yday', 'tm_isdst')


def time():
    return _taipan_os.clock_ns(_REALTIME) / 1e9


def time_ns():
    return _taipan_os.clock_ns(_REALTIME)


def monotonic():
    return _taipan_os.clock_ns(_MONOTONIC) / 1e9


def monotonic_ns():
    return _taipan_os.clock_ns(_MONOTONIC)


def perf_counter():
    return _taipan_os.clock_ns(_MONOTONIC) / 1e9


def perf_counter_ns():
    return _taipan_os.clock_ns(_MONOTONIC)


def process_time_ns():
    # Not every WASI host has a CPU-time clock (wasmtime refuses it); the
    # monotonic clock bounds it from above.
    try:
        return _taipan_os.clock_ns(_PROCESS_CPUTIME)
    except OSError:
        return _taipan_os.clock_ns(_MONOTONIC)


def process_time():
    return process_time_ns() / 1e9


def sleep(secs):
    if isinstance(secs, float):
        if secs != secs:
            raise ValueError('Invalid value NaN (not a number)')
        ns = secs * 1e9
        whole = int(ns)
        if whole < ns:
            whole += 1  # CPython rounds a timeout up
    elif isinstance(secs, int):
        whole = secs * 1000000000
    else:
        raise TypeError(f"'{type(secs).__name__}' object cannot be interpreted as an integer")
    if whole < 0:
        raise ValueError('sleep length must be non-negative')
    _taipan_os.sleep_ns(whole)


class struct_time(tuple):
    """The time value as returned by gmtime(), localtime(), and strptime()"""
    n_fields = 11
    n_sequence_fields = 9
    n_unnamed_fields = 0

    def __new__(cls, seq):
        seq = tuple(seq)
        if len(seq) < 9:
            raise TypeError(f'time.struct_time() takes an at least 9-sequence ({len(seq)}-sequence given)')
        if len(seq) > 11:
            raise TypeError(f'time.struct_time() takes an at most 11-sequence ({len(seq)}-sequence given)')
        self = tuple.__new__(cls, seq[:9])
        self._zone = seq[9] if len(seq) > 9 else None
        self._gmtoff = seq[10] if len(seq) > 10 else None
        return self

    @property
    def tm_year(self):
        return self[0]

    @property
    def tm_mon(self):
        return self[1]

    @property
    def tm_mday(self):
        return self[2]

    @property
    def tm_hour(self):
        return self[3]

    @property
    def tm_min(self):
        return self[4]

    @property
    def tm_sec(self):
        return self[5]

    @property
    def tm_wday(self):
        return self[6]

    @property
    def tm_yday(self):
        return self[7]

    @property
    def tm_isdst(self):
        return self[8]

    @property
    def tm_zone(self):
        return self._zone

    @property
    def tm_gmtoff(self):
        return self._gmtoff

    def __repr__(self):
        fields = ', '.join([f'{_FIELDS[i]}={self[i]!r}' for i in range(9)])
        return f'time.struct_time({fields})'

    def __reduce__(self):
        return (struct_time, (tuple(self), {'tm_zone': self._zone, 'tm_gmtoff': self._gmtoff}))


def _is_leap(year):
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def _days_from_civil(year, month, day):
    # Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    if month <= 2:
        year -= 1
    era = year // 400
    yoe = year - era * 400
    mp = month - 3 if month > 2 else month + 9
    doy = (153 * mp + 2) // 5 + day - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146097 + doe - 719468


def _seconds(secs, function):
    if secs is None:
        return _taipan_os.clock_ns(_REALTIME) // 1000000000
    if isinstance(secs, float):
        if secs != secs:
            raise ValueError('Invalid value NaN (not a number)')
        if secs in (float('inf'), float('-inf')):
            raise OverflowError('cannot convert float infinity to integer')
        whole = int(secs)
        return whole - 1 if whole > secs else whole  # floor, as CPython rounds here
    if isinstance(secs, int):
        return secs
    raise TypeError(f"'{type(secs).__name__}' object cannot be interpreted as an integer")


def gmtime(secs=None):
    t = _seconds(secs, 'gmtime')
    days, rem = divmod(t, 86400)
    hour, rem = divmod(rem, 3600)
    minute, second = divmod(rem, 60)
    # civil_from_days (Hinnant)
    z = days + 719468
    era = z // 146097
    doe = z - era * 146097
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    day = doy - (153 * mp + 2) // 5 + 1
    month = mp + 3 if mp < 10 else mp - 9
    year = yoe + era * 400 + (1 if month <= 2 else 0)
    yday = days - _days_from_civil(year, 1, 1) + 1
    wday = (days + 3) % 7  # 1970-01-01 was a Thursday
    return struct_time((year, month, day, hour, minute, second, wday, yday, 0, 'GMT', 0))


def localtime(secs=None):
    t = gmtime(secs)
    return struct_time(tuple(t) + ('UTC', 0))


def _time_tuple(t, function):
    if not isinstance(t, tuple):
        raise TypeError('Tuple or struct_time argument required')
    if len(t) != 9:
        raise TypeError(f'{function}(): illegal time tuple argument')
    for v in t:
        if not isinstance(v, int):
            raise TypeError(f"'{type(v).__name__}' object cannot be interpreted as an integer")
    return t


def mktime(t):
    year, month, day, hour, minute, second = _time_tuple(t, 'mktime')[:6]
    # out-of-range months carry into the year, as C's mktime normalises
    year += (month - 1) // 12
    month = (month - 1) % 12 + 1
    days = _days_from_civil(year, month, 1) + day - 1
    return float(days * 86400 + hour * 3600 + minute * 60 + second)


def _checked(t, function):
    # CPython's checks for asctime/strftime; a zero month, day or day of the
    # year reads as the lowest valid value, as CPython allows.
    if t is None:
        t = localtime()
    t = list(_time_tuple(t, function))
    if t[1] == 0:
        t[1] = 1
    if t[2] == 0:
        t[2] = 1
    if t[7] == 0:
        t[7] = 1
    if not 1 <= t[1] <= 12:
        raise ValueError('month out of range')
    if not 1 <= t[2] <= 31:
        raise ValueError('day of month out of range')
    if not 0 <= t[3] <= 23:
        raise ValueError('hour out of range')
    if not 0 <= t[4] <= 59:
        raise ValueError('minute out of range')
    if not 0 <= t[5] <= 61:
        raise ValueError('seconds out of range')
    if t[6] < 0:
        raise ValueError('day of week out of range')
    if not 1 <= t[7] <= 366:
        raise ValueError('day of year out of range')
    return t


def asctime(t=None):
    t = _checked(t, 'asctime')
    return (f'{_DAY_NAMES[t[6] % 7][:3]} {_MONTH_NAMES[t[1] - 1][:3]} {t[2]:2d} '
            f'{t[3]:02d}:{t[4]:02d}:{t[5]:02d} {t[0]}')


def ctime(secs=None):
    return asctime(localtime(secs))


def _iso_week(t):
    # (ISO year, ISO week) of a time tuple: weeks start on Monday, week 1 holds the year's first Thursday.
    year, yday, wday = t[0], t[7] - 1, t[6] % 7
    week = (yday - wday + 10) // 7
    if week < 1:
        year -= 1
        prev_days = 366 if _is_leap(year) else 365
        week = (yday + prev_days - wday + 10) // 7
    elif week == 53:
        days = 366 if _is_leap(year) else 365
        if yday - wday + 3 >= days:  # that week's Thursday falls next year
            year += 1
            week = 1
    return year, week


def _directive(c, t, zone):
    # One strftime directive for the C locale, glibc's output.
    if c == 'Y':
        return str(t[0])
    if c == 'm':
        return f'{t[1]:02d}'
    if c == 'd':
        return f'{t[2]:02d}'
    if c == 'H':
        return f'{t[3]:02d}'
    if c == 'M':
        return f'{t[4]:02d}'
    if c == 'S':
        return f'{t[5]:02d}'
    if c == 'a':
        return _DAY_NAMES[t[6] % 7][:3]
    if c == 'A':
        return _DAY_NAMES[t[6] % 7]
    if c == 'b' or c == 'h':
        return _MONTH_NAMES[t[1] - 1][:3]
    if c == 'B':
        return _MONTH_NAMES[t[1] - 1]
    if c == 'y':
        return f'{t[0] % 100:02d}'
    if c == 'C':
        return f'{t[0] // 100:02d}'
    if c == 'j':
        return f'{t[7]:03d}'
    if c == 'I':
        return f'{(t[3] + 11) % 12 + 1:02d}'
    if c == 'l':
        return f'{(t[3] + 11) % 12 + 1:2d}'
    if c == 'p':
        return 'AM' if t[3] < 12 else 'PM'
    if c == 'e':
        return f'{t[2]:2d}'
    if c == 'w':
        return str((t[6] + 1) % 7)
    if c == 'u':
        return str(t[6] % 7 + 1)
    if c == 'U':
        return f'{(t[7] - 1 + 7 - (t[6] + 1) % 7) // 7:02d}'
    if c == 'W':
        return f'{(t[7] - 1 + 7 - t[6] % 7) // 7:02d}'
    if c == 'G':
        return str(_iso_week(t)[0])
    if c == 'g':
        return f'{_iso_week(t)[0] % 100:02d}'
    if c == 'V':
        return f'{_iso_week(t)[1]:02d}'
    if c == 'D' or c == 'x':
        return f'{t[1]:02d}/{t[2]:02d}/{t[0] % 100:02d}'
    if c == 'F':
        return f'{t[0]}-{t[1]:02d}-{t[2]:02d}'
    if c == 'T' or c == 'X':
        return f'{t[3]:02d}:{t[4]:02d}:{t[5]:02d}'
    if c == 'R':
        return f'{t[3]:02d}:{t[4]:02d}'
    if c == 'r':
        return f'{(t[3] + 11) % 12 + 1:02d}:{t[4]:02d}:{t[5]:02d} {"AM" if t[3] < 12 else "PM"}'
    if c == 'c':
        return (f'{_DAY_NAMES[t[6] % 7][:3]} {_MONTH_NAMES[t[1] - 1][:3]} {t[2]:2d} '
                f'{t[3]:02d}:{t[4]:02d}:{t[5]:02d} {t[0]}')
    if c == 'Z':
        return zone
    if c == 'z':
        return '+0000'
    if c == 's':
        return str(int(mktime(tuple(t))))
    if c == 'n':
        return '\n'
    if c == 't':
        return '\t'
    if c == '%':
        return '%'
    return '%' + c  # glibc leaves an unknown directive as written


def strftime(format, t=None):
    if not isinstance(format, str):
        raise TypeError(f'strftime() argument 1 must be str, not {type(format).__name__}')
    zone = getattr(t, 'tm_zone', None) if t is not None else 'UTC'
    t = _checked(t, 'strftime')
    if zone is None:
        zone = tzname[0]
    out = []
    i = 0
    n = len(format)
    while i < n:
        j = format.find('%', i)
        if j < 0:
            out.append(format[i:])
            break
        out.append(format[i:j])
        if j + 1 >= n:
            out.append('%')  # a lone trailing '%' stays
            break
        out.append(_directive(format[j + 1], t, zone))
        i = j + 2
    return ''.join(out)
