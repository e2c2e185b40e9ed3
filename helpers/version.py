"""The installed version of `helpers`, and the guard each notebook runs first."""
from __future__ import annotations

__version__ = "0.2.0"

FIX_COMMAND = "make setup"


def _as_tuple(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


def require(minimum: str) -> None:
    """Stop the notebook with one clear message if the installed `helpers` is older than `minimum`.

    A notebook calls this in its first cell, so a student whose environment predates the notebook
    learns the fix (``make setup``, then restart the kernel) before any exercise fails strangely.
    """
    if _as_tuple(__version__) < _as_tuple(minimum):
        raise ImportError(
            f"This notebook needs the course's `helpers` {minimum} or newer, but this kernel has "
            f"{__version__}. Your environment is older than the notebook: run `{FIX_COMMAND}` in the "
            "course folder, then restart the kernel (Kernel > Restart Kernel) and run this cell again."
        )
