"""`make lab`'s workspace step (course/student_workspace.py): no root, no system package, and a
student's file is never overwritten by a course update."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

ROOTLESS = ("apt-get", "apt", "sudo", "su", "doas")


def path_without_root_tools(folder: Path) -> str:
    """A PATH of links to every program on today's PATH except apt-get and sudo (and kin): a
    machine where the student cannot install system packages."""
    folder.mkdir(parents=True, exist_ok=True)
    for directory in os.environ.get("PATH", "").split(os.pathsep):
        if not os.path.isdir(directory):
            continue
        for name in os.listdir(directory):
            target, link = Path(directory) / name, folder / name
            if name not in ROOTLESS and not link.exists() and os.access(target, os.X_OK) and target.is_file():
                link.symlink_to(target)
    return str(folder)


def _prepare(release: Path, workspace: Path, path: str) -> str:
    done = subprocess.run([sys.executable, str(REPO / "course" / "student_workspace.py"), "--release", str(release),
                           "--workspace", str(workspace)], env={**os.environ, "PATH": path},
                          capture_output=True, text=True, timeout=60, check=True)
    return done.stdout


@pytest.mark.fast
def test_workspace_copies_the_course_then_keeps_the_students_files(tmp_path):
    path = path_without_root_tools(tmp_path / "bin")
    assert not any((tmp_path / "bin" / tool).exists() for tool in ROOTLESS)
    release, work = tmp_path / "release", tmp_path / "home" / "dqn-course"
    (release / "01_a" / "pretrained").mkdir(parents=True)
    (release / "01_a" / "01_a.ipynb").write_text("course v1")
    (release / "01_a" / "pretrained" / "w.pt").write_text("weights")
    (release / "02_b").mkdir()
    (release / "02_b" / "02_b.ipynb").write_text("course v1")
    (release / "02_b" / ".ipynb_checkpoints").mkdir()
    (release / "02_b" / ".ipynb_checkpoints" / "x.ipynb").write_text("editor file")

    out = _prepare(release, work, path)
    assert "Copied 3 new course file(s)" in out
    assert (work / "01_a" / "pretrained" / "w.pt").read_text() == "weights"
    assert not (work / "02_b" / ".ipynb_checkpoints").exists()

    (work / "01_a" / "01_a.ipynb").write_text("my answers")            # the student works
    assert "up to date" in _prepare(release, work, path)
    assert (work / "01_a" / "01_a.ipynb").read_text() == "my answers"

    (release / "01_a" / "01_a.ipynb").write_text("course v2")           # a course update
    (release / "02_b" / "02_b.ipynb").write_text("course v2")
    (release / "03_c").mkdir()
    (release / "03_c" / "03_c.ipynb").write_text("course v1")
    out = _prepare(release, work, path)
    assert (work / "01_a" / "01_a.ipynb").read_text() == "my answers"   # never overwritten
    beside = [p for p in (work / "01_a").glob("01_a.update-*.ipynb")]
    assert len(beside) == 1 and beside[0].read_text() == "course v2"
    assert f"01_a/01_a.ipynb changed in the course; your copy is kept, the new version is 01_a/{beside[0].name}" in out
    assert (work / "02_b" / "02_b.ipynb").read_text() == "course v2"    # untouched by the student: updated
    assert "Updated 1 file(s) you had not changed: 02_b/02_b.ipynb" in out
    assert "Copied 1 new course file(s)" in out and "03_c/03_c.ipynb" in out
    assert "up to date" in _prepare(release, work, path)                # said once, not at every start


@pytest.mark.fast
def test_make_lab_needs_no_system_package():
    """`make lab` depends on the Python environment only; the system packages are for grading and tests."""
    makefile = (REPO / "Makefile").read_text()
    lab = next(line for line in makefile.splitlines() if line.startswith("lab:"))
    stamp = makefile.split("$(STAMP):", 1)[1].split("\n\n", 1)[0]
    assert "system" not in lab and "system-packages" not in stamp
    assert "system" in next(line for line in makefile.splitlines() if line.startswith("test:"))
