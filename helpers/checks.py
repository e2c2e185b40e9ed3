"""Checks for test cells: silent on stderr, and on failure a message a student can act on.

Every check raises `CheckFailed` (an `AssertionError`, so nbgrader scores the cell 0) whose
message says what was expected, what came back, the likely mistake by name, and where to look.
A check that knows the value a named mistake would produce (``mistakes={"name": value}``)
says which one the student made. Nothing here writes to stderr: nbgrader scores a test cell
that writes to stderr as failed.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import numpy as np

__all__ = [
    "CheckFailed",
    "check",
    "check_close",
    "check_equal",
    "check_shape",
    "check_type",
    "check_raises",
    "passed",
]


class CheckFailed(AssertionError):
    """A course check did not pass; the message is written for the student."""


def _to_numpy(value: Any) -> np.ndarray:
    """Turn a float, list, NumPy array or torch tensor into a float64 array (no gradient)."""
    if hasattr(value, "detach"):  # a torch tensor, without importing torch here
        value = value.detach().cpu().numpy()
    return np.asarray(value, dtype=np.float64)


def _show(value: Any, limit: int = 8) -> str:
    """A short, readable rendering of a value for a message."""
    if value is None:
        return "None"
    if hasattr(value, "detach") or isinstance(value, (np.ndarray, list, tuple)):
        try:
            arr = _to_numpy(value)
        except (TypeError, ValueError):
            return repr(value)[:200]
        if arr.ndim == 0:
            return f"{float(arr):.6g}"
        flat = arr.ravel()
        body = ", ".join(f"{x:.4g}" for x in flat[:limit]) + (", ..." if flat.size > limit else "")
        return f"array of shape {tuple(arr.shape)}: [{body}]"
    if isinstance(value, float):
        return f"{value:.6g}"
    return repr(value)[:200]


def _fail(what: str, expected: str | None, got: str | None, mistake: str | None, hint: str | None) -> None:
    lines = [what]
    if expected is not None:
        lines.append(f"  expected: {expected}")
    if got is not None:
        lines.append(f"  got:      {got}")
    if mistake:
        lines.append(f"  Likely mistake: {mistake}")
    if hint:
        lines.append(f"  Where to look: {hint}")
    raise CheckFailed("\n".join(lines))


def _matches(actual: np.ndarray, candidate: Any, atol: float, rtol: float) -> bool:
    try:
        cand = _to_numpy(candidate)
    except (TypeError, ValueError):
        return False
    if cand.shape != actual.shape:
        return False
    return bool(np.allclose(actual, cand, atol=atol, rtol=rtol, equal_nan=True))


def _same(a: Any, b: Any) -> bool:
    try:
        return bool(a == b)
    except Exception:  # an array compared with ==, or an object whose == raises: not the same
        return False


def _name_match(actual: Any, expected: Any, mistakes: Mapping[str, Any] | None,
                same: Callable[[Any, Any], bool]) -> str | None:
    """The mistake(s) whose value `actual` matches, named only when the match is unambiguous.

    A mistake whose value on this fixture equals the right value proves nothing and is never named.
    When `actual` matches several mistakes that give *different labels the same value*, the message
    says that it is one of them (all are named), never just the first one listed.
    """
    found = []
    for label, wrong in (mistakes or {}).items():
        if same(wrong, expected):       # this fixture cannot tell that mistake from the right answer
            continue
        if same(actual, wrong) and label not in found:
            found.append(label)
    if not found:
        return None
    if len(found) == 1:
        return found[0]
    return "one of these mistakes (they give the same value here): " + "; or ".join(found)


def passed(message: str) -> None:
    """Print a short success line (stdout) at the end of a test cell."""
    print(f"\u2713 {message}")


def check(condition: bool, what: str, *, mistake: str | None = None, hint: str | None = None) -> None:
    """Fail with `what` (and the named mistake) unless `condition` holds."""
    if not condition:
        _fail(what, None, None, mistake, hint)


def check_type(value: Any, types: type | tuple[type, ...], name: str, *,
               mistake: str | None = None, hint: str | None = None) -> None:
    """Fail unless `value` is an instance of `types` (bool is not accepted where int is asked)."""
    wanted = types if isinstance(types, tuple) else (types,)
    ok = isinstance(value, wanted) and not (isinstance(value, bool) and bool not in wanted)
    if not ok:
        names = " or ".join(t.__name__ for t in wanted)
        got = "None (did the function forget to `return`?)" if value is None else f"{type(value).__name__}: {_show(value)}"
        _fail(f"`{name}` has the wrong type.", names, got, mistake, hint)


def check_shape(value: Any, shape: tuple[int, ...], name: str, *,
                mistakes: Mapping[str, tuple[int, ...]] | None = None, hint: str | None = None) -> None:
    """Fail unless `value` (array or tensor) has exactly `shape`; name the mistake a known wrong shape means."""
    if value is None:
        _fail(f"`{name}` is None.", f"shape {tuple(shape)}", "None", "the function does not `return` its result.", hint)
    got = tuple(getattr(value, "shape", np.shape(value)))
    if got != tuple(shape):
        mistake = _name_match(got, tuple(shape), {k: tuple(v) for k, v in (mistakes or {}).items()}, _same)
        _fail(f"`{name}` has the wrong shape.", str(tuple(shape)), str(got), mistake, hint)


def check_close(actual: Any, expected: Any, name: str, *, atol: float = 1e-6, rtol: float = 1e-5,
                mistakes: Mapping[str, Any] | None = None, mistake: str | None = None,
                hint: str | None = None) -> None:
    """Fail unless `actual` equals `expected` within tolerance (same shape, no NaN/inf).

    `mistakes` maps a named mistake to the value that mistake produces on this fixture; when
    `actual` matches one, the message names it. Otherwise `mistake` (if given) is offered as
    the most likely cause.
    """
    if actual is None:
        _fail(f"`{name}` is None.", _show(expected), "None", "the function does not `return` its result.", hint)
    try:
        act = _to_numpy(actual)
    except (TypeError, ValueError):
        _fail(f"`{name}` is not a number or an array.", _show(expected), f"{type(actual).__name__}: {_show(actual)}", mistake, hint)
    exp = _to_numpy(expected)
    def close(a: Any, b: Any) -> bool:
        try:
            return _matches(_to_numpy(a), b, atol, rtol)
        except (TypeError, ValueError):
            return False
    named = _name_match(act, exp, mistakes, close)
    if act.shape != exp.shape:
        _fail(f"`{name}` has the wrong shape.", str(tuple(exp.shape)), str(tuple(act.shape)), named or mistake, hint)
    if not np.all(np.isfinite(act)) and np.all(np.isfinite(exp)):
        _fail(f"`{name}` contains NaN or infinity.", _show(exp), _show(act), named or mistake, hint)
    if not np.allclose(act, exp, atol=atol, rtol=rtol):
        diff = float(np.max(np.abs(act - exp)))
        _fail(f"`{name}` is not right yet (largest difference {diff:.3g}).", _show(exp), _show(act), named or mistake, hint)


def check_equal(actual: Any, expected: Any, name: str, *, mistakes: Mapping[str, Any] | None = None,
                mistake: str | None = None, hint: str | None = None) -> None:
    """Fail unless ``actual == expected`` (for ints, strings, tuples, dtypes...)."""
    if actual != expected:
        named = _name_match(actual, expected, mistakes, _same)
        _fail(f"`{name}` is not right yet.", _show(expected), _show(actual), named or mistake, hint)


def check_raises(fn: Callable[[], Any], exception: type[BaseException], what: str, *,
                 mistake: str | None = None, hint: str | None = None) -> None:
    """Fail unless calling `fn()` raises `exception` (for guards such as sampling too early)."""
    try:
        fn()
    except exception:
        return
    except NotImplementedError:
        raise
    except Exception as err:  # a different error: say which
        _fail(what, f"{exception.__name__}", f"{type(err).__name__}: {err}", mistake, hint)
    _fail(what, f"{exception.__name__} to be raised", "no error", mistake, hint)
