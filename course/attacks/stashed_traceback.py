"""Wraps the answer so that, called by a test, it raises and catches an exception of its own and
keeps its traceback: no frame is read while the test runs, so nothing is refused. After the test
(an IPython post_run_cell callback, names built at run time) the traceback's frame is read, which
is allowed outside a test, and its `f_back` chain (kept by a finished frame) leads through the
test's frame to the hook's `run_test` frame, whose locals hold its free variables (`tests`,
`tokens`, `state`...). The tests' mapping proxy hands its dict to the other operand's `__eq__`, and
every later test's source becomes `pass`. Observed before the fix on 02_nn_module (the stub,
wrapping numpy_forward): 16/18, status "needs manual grading: written answers ..." with no flag.

base: wrong
how: append
score: <=base
status: needs manual grading
"""
import IPython as _ip

_orig_forward = forward
_kept = []


class _Grab:
    def __eq__(self, other):
        self.inner = other
        return True


def forward(*args, **kwargs):
    try:
        raise LookupError
    except LookupError as _e:
        _kept.append(_e.__traceback__)
    return _orig_forward(*args, **kwargs)


def _after(*_args):
    while _kept:
        _f = getattr(_kept.pop(), "tb_" + "frame")
        while _f is not None:
            _loc = getattr(_f, "f_" + "locals")
            if "tests" in _loc and "tokens" in _loc:
                _g = _Grab()
                _loc["tests"] == _g
                for _k in list(_g.inner):
                    _g.inner[_k] = "pass"
            _f = getattr(_f, "f_" + "back")


getattr(_ip, "get_" + "ipython")().events.register("post_run_cell", _after)
