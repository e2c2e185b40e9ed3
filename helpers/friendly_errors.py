"""Show a failed check, an unfinished stub, or a name an unfinished cell never made, as a short
message instead of a long traceback.

Only the display changes: the cell still ends in an error, so nbgrader scores it exactly as
before.
"""
from __future__ import annotations

from types import TracebackType
from typing import Any

from helpers.checks import CheckFailed


def _last_frame(tb: TracebackType | None) -> tuple[str, int] | None:
    """(qualified name, line) of the innermost frame: `QNetwork.__init__` rather than `__init__`."""
    if tb is None:
        return None
    while tb.tb_next is not None:
        tb = tb.tb_next
    code = tb.tb_frame.f_code
    return getattr(code, "co_qualname", code.co_name), tb.tb_lineno


def _stub_message(tb: TracebackType | None) -> str:
    last = _last_frame(tb)
    name = last[0] if last else "<module>"
    if name == "<module>":
        return ("This answer cell still holds the stub. Replace `raise NotImplementedError()` "
                "with your code, run the cell, then run the checks below it.")
    return (f"`{name}` is not written yet: it still raises NotImplementedError. Replace "
            "`raise NotImplementedError()` in its answer cell with your code, run that cell, "
            "then run this check again.")


def _undefined_message(value: NameError, tb: TracebackType | None) -> tuple[str, str]:
    """(label, message) for a name that does not exist: in a cell's own lines it is most often a
    cell above that has not run; inside a function it is as often a typo in that function."""
    name = getattr(value, "name", None) or str(value)
    last = _last_frame(tb)
    if last is not None and last[0] != "<module>":
        where, line = last
        return ("Undefined name", f"`{name}` is used in `{where}` (line {line} of its cell) but is not defined. "
                f"If you wrote `{name}` in that function, check its spelling. If a cell above is meant to make "
                "it, run that cell first (Run > Run All Above Selected Cell).")
    at = f" (line {last[1]} of this cell)" if last is not None else ""
    return ("Not done yet", f"`{name}`{at} does not exist yet. The cell above that makes it has not run successfully, most "
            "often because an exercise above is not finished: finish it, then run the cells from there "
            f"(Run > Run All Above Selected Cell). If no cell above defines `{name}`, check the spelling.")


def show_friendly_errors() -> None:
    """Install the short display for `CheckFailed`, unfinished stubs and undefined names in the
    running IPython kernel."""
    try:
        from IPython import get_ipython
    except ImportError:  # plain Python: nothing to install
        return
    shell = get_ipython()
    if shell is None:
        return

    def handler(shell: Any, etype: type, value: BaseException, tb: TracebackType,
                tb_offset: int | None = None) -> list[str]:
        if issubclass(etype, CheckFailed):
            stb = [f"\x1b[0;31mCheck failed\x1b[0m: {value}"]
        elif issubclass(etype, NotImplementedError) and not str(value):
            stb = [f"\x1b[0;31mNot done yet\x1b[0m: {_stub_message(tb)}"]
        elif issubclass(etype, NameError):
            label, message = _undefined_message(value, tb)
            stb = [f"\x1b[0;31m{label}\x1b[0m: {message}"]
        else:
            shell.showtraceback((etype, value, tb), tb_offset=tb_offset)
            return []
        shell._showtraceback(etype, value, stb)
        return stb

    shell.set_custom_exc((CheckFailed, NotImplementedError, NameError), handler)
