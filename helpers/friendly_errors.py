"""Show a failed check, an unfinished stub, or a name an unfinished cell never made, as a short
message instead of a long traceback.

Only the display changes: the cell still ends in an error, so nbgrader scores it exactly as
before.
"""
from __future__ import annotations

import traceback
from types import TracebackType
from typing import Any

from helpers.checks import CheckFailed


def _stub_message(tb: TracebackType | None) -> str:
    frames = traceback.extract_tb(tb) if tb is not None else []
    name = frames[-1].name if frames else "<module>"
    if name == "<module>":
        return ("This answer cell still holds the stub. Replace `raise NotImplementedError()` "
                "with your code, run the cell, then run the checks below it.")
    return (f"`{name}` is not written yet: it still raises NotImplementedError. Replace "
            "`raise NotImplementedError()` in its answer cell with your code, run that cell, "
            "then run this check again.")


def _undefined_message(value: NameError, tb: TracebackType | None) -> str:
    name = getattr(value, "name", None) or str(value)
    frames = traceback.extract_tb(tb) if tb is not None else []
    where = ""
    if frames:
        frame = frames[-1]
        where = f" (line {frame.lineno} of this cell)" if frame.name == "<module>" else f" (in `{frame.name}`, line {frame.lineno})"
    return (f"`{name}`{where} does not exist yet. The cell above that makes it has not run successfully, most "
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
            stb = [f"\x1b[0;31mNot done yet\x1b[0m: {_undefined_message(value, tb)}"]
        else:
            shell.showtraceback((etype, value, tb), tb_offset=tb_offset)
            return []
        shell._showtraceback(etype, value, stb)
        return stb

    shell.set_custom_exc((CheckFailed, NotImplementedError, NameError), handler)
