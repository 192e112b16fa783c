"""Python-UNO shim of the LibreOffice Basic harness: the Windows and ttest_xl.dll functions that
vba/TTestXL.bas Declares, implemented over the real engine (target/debug/libttest_xl.so) with ctypes.

LibreOffice Basic on Linux cannot call a Declare'd function (run-time error 73, "not
implemented"), so harness.bas replaces each Declare by a Basic function of the same name that
calls the function of the same role here through the script provider. Only marshalling happens
here: every number the module reads comes from the engine.
"""
import ctypes
import math
import os

_lib = None
_last_dll_error = 0

FIELDS_TTEST = 21  # struct TtxlTTest: 21 doubles
FIELDS_RANK = 7    # struct TtxlRankTest: 7 doubles


class TTest(ctypes.Structure):
    _fields_ = [("f%d" % i, ctypes.c_double) for i in range(FIELDS_TTEST)]


class RankTest(ctypes.Structure):
    _fields_ = [("f%d" % i, ctypes.c_double) for i in range(FIELDS_RANK)]


FIELDS_PROP = 9  # struct TtxlProportions: 9 doubles


class Proportions(ctypes.Structure):
    _fields_ = [("f%d" % i, ctypes.c_double) for i in range(FIELDS_PROP)]


def _path(windows_path):
    """The module builds Windows paths (folder\\x64\\ttest_xl.dll); the harness's folders are Linux
    folders, so backslashes become slashes."""
    return windows_path.replace("\\", "/")


def _doubles(values, n):
    values = list(values)[: max(n, 1)] if n > 0 else [0.0]
    return (ctypes.c_double * len(values))(*[float(v) for v in values])


def ttxl_load(path):
    """LoadLibraryW: a handle (1) or 0, with the Windows error code in ttxl_last_dll_error."""
    global _lib, _last_dll_error
    p = _path(path)
    if not os.path.exists(p):
        _last_dll_error = 126
        return 0
    try:
        _lib = ctypes.CDLL(os.path.realpath(p))
    except OSError as error:
        _last_dll_error = 193 if "ELF" in str(error) else 126
        return 0
    _lib.ttxl_nan.restype = ctypes.c_double
    _lib.ttxl_version.restype = ctypes.c_char_p
    return 1


def ttxl_last_dll_error():
    return _last_dll_error


def ttxl_attributes(path):
    """GetFileAttributesW: -1 (INVALID_FILE_ATTRIBUTES), 0x10 for a folder, 0x80 for a file."""
    p = _path(path)
    if not os.path.exists(p):
        return -1
    return 0x10 if os.path.isdir(p) else 0x80


def ttxl_abi_version():
    return _lib.ttxl_abi_version()


def ttxl_nan():
    return _lib.ttxl_nan()


def ttxl_version():
    return _lib.ttxl_version().decode("utf-8")


def ttxl_set_language(language):
    return _lib.ttxl_set_language(int(language))


def ttxl_last_error():
    """ttxl_last_error_utf16 into a uint16 buffer, decoded: the message the module would read."""
    needed = _lib.ttxl_last_error_utf16(None, 0)
    buf = (ctypes.c_uint16 * (needed + 1))()
    _lib.ttxl_last_error_utf16(buf, needed + 1)
    return bytes(buf)[: 2 * needed].decode("utf-16-le")


def ttxl_ttest(kind, x, nx, y, ny, alternative, mu, conf_level):
    out = TTest()
    xs = _doubles(x, int(nx))
    if kind == "welch":
        status = _lib.ttxl_ttest_welch(xs, int(nx), _doubles(y, int(ny)), int(ny), int(alternative),
                                       ctypes.c_double(mu), ctypes.c_double(conf_level), ctypes.byref(out))
    elif kind == "student":
        status = _lib.ttxl_ttest_student(xs, int(nx), _doubles(y, int(ny)), int(ny), int(alternative),
                                         ctypes.c_double(mu), ctypes.c_double(conf_level), ctypes.byref(out))
    elif kind == "paired":
        status = _lib.ttxl_ttest_paired(xs, _doubles(y, int(nx)), int(nx), int(alternative), ctypes.c_double(mu),
                                        ctypes.c_double(conf_level), ctypes.byref(out))
    else:
        status = _lib.ttxl_ttest_one_sample(xs, int(nx), int(alternative), ctypes.c_double(mu),
                                            ctypes.c_double(conf_level), ctypes.byref(out))
    return (status,) + tuple(getattr(out, "f%d" % i) for i in range(FIELDS_TTEST))


def ttxl_rank(kind, x, nx, y, ny, alternative, correct):
    out = RankTest()
    if kind == "mann_whitney":
        status = _lib.ttxl_mann_whitney(_doubles(x, int(nx)), int(nx), _doubles(y, int(ny)), int(ny),
                                        int(alternative), int(correct), ctypes.byref(out))
    else:
        status = _lib.ttxl_wilcoxon_signed_rank(_doubles(x, int(nx)), _doubles(y, int(nx)), int(nx),
                                                int(alternative), int(correct), ctypes.byref(out))
    return (status,) + tuple(getattr(out, "f%d" % i) for i in range(FIELDS_RANK))


def ttxl_p_adjust(p, n, method):
    n = int(n)
    adjusted = (ctypes.c_double * max(n, 1))()
    status = _lib.ttxl_p_adjust(_doubles(p, n), n, int(method), adjusted)
    return (status,) + tuple(adjusted[i] for i in range(n))


def ttxl_power(design, alternative, solve_for, n, d, alpha, power):
    result = ctypes.c_double(0.0)
    status = _lib.ttxl_power_ttest(int(design), int(alternative), int(solve_for), ctypes.c_double(n),
                                   ctypes.c_double(d), ctypes.c_double(alpha), ctypes.c_double(power),
                                   ctypes.byref(result))
    return (status, result.value)


def ttxl_prop(kind, a, b, c, d, conf_level):
    """ttxl_prop_test_2indep (a, b, c, d = x1, n1, x2, n2) or ttxl_prop_test_paired (the four
    counts): the status and the nine fields of TtxlProportions."""
    out = Proportions()
    fn = _lib.ttxl_prop_test_2indep if kind == "2indep" else _lib.ttxl_prop_test_paired
    status = fn(int(a), int(b), int(c), int(d), ctypes.c_double(conf_level), ctypes.byref(out))
    return (status,) + tuple(getattr(out, "f%d" % i) for i in range(FIELDS_PROP))


def _text_call(fn, args, cap):
    """A *_utf16 function of the shared words into a buffer of `cap` units: (status, length, text)."""
    cap = int(cap)
    buf = (ctypes.c_uint16 * max(cap, 1))()
    length = ctypes.c_int32(-1)
    status = fn(*args, buf if cap > 0 else None, cap, ctypes.byref(length))
    text = bytes(buf)[: 2 * length.value].decode("utf-16-le") if status == 0 else ""
    return (status, length.value, text)


def _utf16(text):
    data = text.encode("utf-16-le")
    return (ctypes.c_uint16 * max(len(data) // 2, 1)).from_buffer_copy(data or b"\0\0"), len(data) // 2


def ttxl_effect_label(d, language, cap):
    return _text_call(_lib.ttxl_effect_label_utf16, (ctypes.c_double(d), int(language)), cap)


def ttxl_significant(p_adjusted, alpha):
    flag = ctypes.c_int32(-1)
    status = _lib.ttxl_significant(ctypes.c_double(p_adjusted), ctypes.c_double(alpha), ctypes.byref(flag))
    return (status, flag.value)


def ttxl_ttest_sentence(fields, p_adjusted, alpha, conf_level, item, label_x, label_y, language, cap):
    """ttxl_ttest_sentence_utf16 with the module's TtxlTTest (its fields in the Type's order)."""
    result = TTest(*[float(v) for v in fields])
    (item16, n_item), (x16, n_x), (y16, n_y) = _utf16(item), _utf16(label_x), _utf16(label_y)
    args = (ctypes.byref(result), ctypes.c_double(p_adjusted), ctypes.c_double(alpha), ctypes.c_double(conf_level),
            item16, n_item, x16, n_x, y16, n_y, int(language))
    return _text_call(_lib.ttxl_ttest_sentence_utf16, args, cap)


def ttxl_not_tested_sentence(item, reason, language, cap):
    """ttxl_not_tested_sentence_utf16."""
    (item16, n_item), (reason16, n_reason) = _utf16(item), _utf16(reason)
    return _text_call(_lib.ttxl_not_tested_sentence_utf16, (item16, n_item, reason16, n_reason, int(language)), cap)


def ttxl_conclusion_sentence(tested, higher, lower, untested, test, method, alpha, scope, label_before,
                             label_after, reasons, language, cap):
    """ttxl_conclusion_sentence_utf16."""
    (scope16, n_scope), (before16, n_before) = _utf16(scope), _utf16(label_before)
    (after16, n_after), (reasons16, n_reasons) = _utf16(label_after), _utf16(reasons)
    args = (int(tested), int(higher), int(lower), int(untested), int(test), int(method), ctypes.c_double(alpha),
            scope16, n_scope, before16, n_before, after16, n_after, reasons16, n_reasons, int(language))
    return _text_call(_lib.ttxl_conclusion_sentence_utf16, args, cap)


def ttxl_quiet_nan():
    """NotANumber of the module (built there with LSet, which LibreOffice Basic cannot do)."""
    return float("nan")


def ttxl_classify(x):
    """NumberClass of the module: 0 finite, 1 +infinity, -1 -infinity, 2 NaN."""
    if math.isnan(x):
        return 2
    if math.isinf(x):
        return 1 if x > 0 else -1
    return 0


g_exportedScripts = (ttxl_load, ttxl_last_dll_error, ttxl_attributes, ttxl_abi_version, ttxl_nan, ttxl_version,
                     ttxl_set_language, ttxl_last_error, ttxl_ttest, ttxl_rank, ttxl_p_adjust, ttxl_power, ttxl_prop,
                     ttxl_classify, ttxl_quiet_nan, ttxl_effect_label, ttxl_significant, ttxl_ttest_sentence,
                     ttxl_not_tested_sentence, ttxl_conclusion_sentence)
