"""As `forged_wrapper`, on the course's own checks: a new function made from numpy's code for
`_allclose_dispatcher` (five parameters, returns without raising) with globals of its own, marked
`__wrapped__` = helpers.checks._fail, replaces `_fail` in helpers.checks (through `vars`, names built
at run time). Its file is numpy's, so restore takes it for a library's wrapper and keeps it: every
check of every later test that reaches `_fail` passes. Observed before the fix on 02_nn_module,
with numpy_forward answered by `return 0.0`: test_numpy_forward passed (2/18 against 0/18), status
"needs manual grading: written answers ..." with no flag.

base: wrong
how: cell
score: base
status: needs manual grading
"""
import helpers.checks as _hc
import numpy as _np

_impl = _np._core.numeric._allclose_dispatcher
_noop = type(lambda: 0)(getattr(_impl, "__co" + "de__"), {}, "_fail", getattr(_impl, "__def" + "aults__"))
_noop.__wrapped__ = vars(_hc)["_fail"]
vars(_hc)["_fail"] = _noop
