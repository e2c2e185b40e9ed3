"""Outside any test, asks for something the hook always blocks (gc.get_objects) and catches the
RuntimeError: the exception left the hook through its own frames, which stay in the traceback
(frames are refused only while a test runs). The hook's frame's locals hold its free variables:
`blocked` (the evidence list, emptied here, so nothing is reported) and `tests`, the mapping
proxy of the tests' sources; its `==` hands the dict inside to the other operand's `__eq__`, and
every test's source becomes `pass`. Observed before the fix: 18/18, status "needs manual grading:
written answers ..." with no flag. (Names built at run time.)

base: stub
how: cell
score: base
status: needs manual grading
"""
import sys as _sys

_G = getattr
_gc = _G(_sys, "mod" + "ules")["g" + "c"]
_blocked = _tests = None
try:
    _G(_gc, "get_" + "objects")()
except RuntimeError as _e:
    _tb = _e.__traceback__
    while _tb is not None:
        _loc = _G(_G(_tb, "tb_" + "frame"), "f_" + "locals")
        _blocked = _loc.get("blocked", _blocked)
        _tests = _loc.get("tests", _tests)
        _tb = _tb.tb_next
_blocked.clear()


class _Grab:
    def __eq__(self, other):
        self.inner = other
        return True


_g = _Grab()
_tests == _g
for _k in list(_g.inner):
    _g.inner[_k] = "pass"
