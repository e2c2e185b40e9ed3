"""Builds a new function from numpy's own code object for `allclose` (read from its
`_implementation`: a library function's code is readable) with globals of its own, in which
`isclose` and `all` always say yes, marks it `__wrapped__` = the real `np.allclose` and stores it
in numpy's namespace (through `vars`, names built at run time). Its code's file is numpy's, so the
harness's restore takes it for a library's functools.wraps wrapper (as torch._dynamo's) and keeps
it, silently, for every later test: every `check_close` passes. Observed before the fix on
02_nn_module, with numpy_forward answered by zeros of the right shape: test_numpy_forward passed
(2/18 against 0/18 for the same wrong answer), status "needs manual grading: written answers ..."
with no flag.

base: wrong
how: cell
score: base
status: needs manual grading
"""
import numpy as _np


class _Namespace:
    bool = bool


_impl = _np.allclose._implementation
_forged = type(lambda: 0)(getattr(_impl, "__co" + "de__"),
                          {"all": lambda _x: True, "isclose": lambda *a, **k: True, "builtins": _Namespace},
                          "allclose", getattr(_impl, "__def" + "aults__"))
_forged.__wrapped__ = _np.allclose
vars(_np)["allclose"] = _forged
