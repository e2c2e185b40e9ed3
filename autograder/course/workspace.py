"""Throw-away nbgrader course folders, so that checks never touch the instructor's gradebook."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

CONFIG_SHIM = """\
c = get_config()  # noqa: F821
load_subconfig({course_config!r})  # noqa: F821
c.CourseDirectory.root = {root!r}
c.CourseDirectory.db_url = {db_url!r}
"""


def ignore_run_outputs(top: Path):
    """A `shutil.copytree` filter that leaves behind what running a notebook writes: caches,
    checkpoints folders, and ``*.pt`` files at the top of the assignment folder (files the course
    ships deeper down, such as ``pretrained/*.pt``, are kept)."""
    top = Path(top).resolve()

    def ignore(folder: str, names: list[str]) -> set[str]:
        skip = {n for n in names if n in {".ipynb_checkpoints", "__pycache__", "checkpoints"}}
        if Path(folder).resolve() == top:
            skip |= {n for n in names if n.endswith(".pt")}
        return skip

    return ignore


def make_course_root(repo: Path, assignments: list[str], dest: Path) -> Path:
    """Lay out an nbgrader course at `dest` with the given assignments' sources and the course's
    configuration (its own gradebook at ``dest/gradebook.db``). Returns `dest`."""
    dest.mkdir(parents=True, exist_ok=True)
    for assignment in assignments:
        target = dest / "source" / assignment
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(repo / "source" / assignment, target, ignore=ignore_run_outputs(repo / "source" / assignment))
    (dest / "nbgrader_config.py").write_text(CONFIG_SHIM.format(
        course_config=str(repo / "course" / "nbgrader_config.py"),
        root=str(dest),
        db_url="sqlite:///" + str(dest / "gradebook.db") + "?timeout=60",
    ))
    return dest


def nbgrader_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment for nbgrader's CLI: this interpreter's bin/ first (it shells out to alembic),
    and no NBGRADER_EXECUTION left over from a surrounding run."""
    env = dict(os.environ)
    env.pop("NBGRADER_EXECUTION", None)
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    env.update(extra or {})
    return env


def run_nbgrader(args: list[str], cwd: Path, timeout: float = 1800) -> subprocess.CompletedProcess:
    """Run ``nbgrader ARGS`` in `cwd`; raise RuntimeError with its log if it exits non-zero."""
    exe = Path(sys.executable).parent / "nbgrader"
    cmd = [str(exe) if exe.exists() else "nbgrader", *args]
    proc = subprocess.run(cmd, cwd=cwd, env=nbgrader_env(), capture_output=True, text=True, timeout=timeout)
    if proc.returncode != 0:
        raise RuntimeError(f"`nbgrader {' '.join(args)}` failed in {cwd}:\n{proc.stdout}\n{proc.stderr}")
    return proc
