"""Every grading option and its default, in one place.

`Limits` (what a sandbox may use) and `Options` (how a class is graded) are read by the command
line (`autograder.cli`, whose flags and help texts take their defaults from here), by the pipeline,
and by the course's nbgrader configuration (``course/nbgrader_config.py`` takes `CELL_TIMEOUT` for
plain ``nbgrader autograde``). `SCORE_OPTIONS` names the options that change a score: they are
part of the grading key, so a result graded with others is graded again.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field

MiB = 1024 * 1024

CELL_TIMEOUT = 120.0        # seconds one cell may run (--cell-timeout; nbgrader's Execute.timeout)
NOTEBOOK_TIMEOUT = 600.0    # seconds one notebook may run (--timeout)
MAX_OUTPUT_BYTES = 512 * 1024          # per cell; the rest of a flood is dropped
MAX_NOTEBOOK_BYTES = 20 * 1024 * 1024  # a larger submission is not graded


def default_workers() -> int:
    """One sandbox per core."""
    return max(1, os.cpu_count() or 1)


@dataclass(frozen=True)
class Limits:
    """What one sandbox may use (flags of the same names, with dashes)."""

    memory_mb: int = 4096          # address space of every process in the sandbox (RLIMIT_AS)
    cpu_seconds: int = 600         # CPU time of the kernel (RLIMIT_CPU)
    processes: int = 64            # processes and threads in the sandbox
    file_mb: int = 64              # largest file it may write (RLIMIT_FSIZE)
    disk_mb: int = 256             # size of each writable tmpfs (home folder, /tmp)
    open_files: int = 1024         # RLIMIT_NOFILE


@dataclass
class Options:
    """How a class is graded."""

    workers: int = field(default_factory=default_workers)
    force: bool = False            # re-grade results that are up to date
    sandboxed: bool = True         # False: students' code runs with the grader's permissions (--no-sandbox)
    limits: Limits = Limits()
    cell_timeout: float = CELL_TIMEOUT
    notebook_timeout: float = NOTEBOOK_TIMEOUT
    progress: bool = True
    scheduler: str | None = None   # None: a local process pool; "local" or "tcp://HOST:PORT": Dask (grading.cluster)


# The options that change a score, and so belong in the grading key (not workers, force, progress or scheduler).
SCORE_OPTIONS = ("limits", "cell_timeout", "notebook_timeout", "sandboxed")
