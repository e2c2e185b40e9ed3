"""A correct answer whose functions warn on stderr every time a test calls them.

base: solution
how: append
score: full
status: graded
"""
import functools as _ft
import sys as _sys
import warnings as _warnings


def _noisy(fn):
    @_ft.wraps(fn)
    def wrapper(*args, **kwargs):
        _warnings.warn("this is only a warning", UserWarning)
        print("and a line on stderr", file=_sys.stderr)
        return fn(*args, **kwargs)
    return wrapper


for _name, _value in list(globals().items()):
    if callable(_value) and getattr(_value, "__module__", None) == "__main__" and not _name.startswith("_"):
        globals()[_name] = _noisy(_value)
