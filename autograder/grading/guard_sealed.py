"""What the world outside the grader holds of it, sealed (loaded by `harness.py` for `guard.py`, in
a private namespace): the function the interpreter calls as its audit hook, and the stand-ins for
`_signal.signal`, `_signal.pthread_sigmask` and `_imp.create_builtin`.

Standard library only.
"""
from __future__ import annotations

import _imp
import _signal
from sys import modules as MODULES
from types import FunctionType


# The functions the outside world holds: the hook as the interpreter calls it, and stand-ins for
# the functions that set signal handlers and masks and that make builtin modules (a fresh `_signal`
# would carry the originals). Each is sealed (`seal`): no global name, not even a builtin; what it
# calls sits in positional-only defaults, which no caller can replace without the original and the
# hook lets no other code read. A frame of theirs can reach a student through a traceback, so before
# an exception leaves one it drops those defaults from its locals and raises a fresh exception
# (`_fresh`: the same type and message, no traceback, no context): the grader's own frames never
# reach a traceback, only these emptied ones.
def hook_outside(event, args, _inner=None, _fresh=None, _base=None, /):
    failure = None
    try:
        _inner(event, args)
    except _base as err:
        failure = _fresh(err)
    del _inner, _fresh, _base
    if failure is not None:
        raise failure


def _signal_stand_in(signalnum, handler, _real=None, _check=None, _fresh=None, _base=None, /):
    failure = result = None
    try:
        _check("installs a signal handler while a test runs")
        result = _real(signalnum, handler)
    except _base as err:
        failure = _fresh(err)
    del _real, _check, _fresh, _base
    if failure is not None:
        raise failure
    return result


def _mask_stand_in(how, mask, _real=None, _check=None, _fresh=None, _base=None, /):
    failure = result = None
    try:
        _check("changes the signal mask while a test runs")
        result = _real(how, mask)
    except _base as err:
        failure = _fresh(err)
    del _real, _check, _fresh, _base
    if failure is not None:
        raise failure
    return result


def _create_builtin_stand_in(spec, _real=None, _check=None, _fresh=None, _base=None, /):
    failure = result = None
    try:
        _check(spec)
        result = _real(spec)
    except _base as err:
        failure = _fresh(err)
    del _real, _check, _fresh, _base
    if failure is not None:
        raise failure
    return result


def seal(function, *defaults):
    """`function` with these defaults, and globals that hold nothing (not even the builtins)."""
    return FunctionType(function.__code__, {"__builtins__": {}}, function.__name__, defaults)


def install_stand_ins(signal_request, builtin_request, fresh) -> tuple:
    """Put the sealed stand-ins in place of `_signal.signal`, `_signal.pthread_sigmask` and
    `_imp.create_builtin` (and of the originals functools.wraps left in `signal`'s wrappers);
    returns them. Python audits none of the three: a signal handler is handed the interrupted
    frame, and a fresh `_signal` would carry the originals."""
    stand_ins = (seal(_signal_stand_in, _signal.signal, signal_request, fresh, BaseException),
                 seal(_mask_stand_in, _signal.pthread_sigmask, signal_request, fresh, BaseException),
                 seal(_create_builtin_stand_in, _imp.create_builtin, builtin_request, fresh, BaseException))
    _signal.signal, _signal.pthread_sigmask, _imp.create_builtin = stand_ins
    signal_module = MODULES.get("signal")
    for name, stand_in in (("signal", stand_ins[0]), ("pthread_sigmask", stand_ins[1])):
        wrapper = getattr(signal_module, name, None)
        if type(wrapper) is FunctionType and "__wrapped__" in wrapper.__dict__:
            wrapper.__wrapped__ = stand_in    # functools.wraps left the original there
    return stand_ins
