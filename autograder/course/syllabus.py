"""Where the course lives on disk, and what its syllabus says."""
from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path


def repo_root(start: Path | None = None) -> Path:
    """The course repository: `DQN_COURSE_ROOT` if set, else the nearest folder above `start` (or
    the working directory) that holds ``course/syllabus.toml``."""
    if os.environ.get("DQN_COURSE_ROOT"):
        return Path(os.environ["DQN_COURSE_ROOT"]).resolve()
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "course" / "syllabus.toml").is_file():
            return folder
    raise FileNotFoundError(
        f"No course found at or above {here}: run this from the course repository "
        "(the folder with course/syllabus.toml), or set DQN_COURSE_ROOT."
    )


@dataclass(frozen=True)
class Notebook:
    """One assignment of the syllabus: a folder in source/ and release/ holding one notebook."""

    assignment: str
    title: str
    budget_minutes: float
    points: float | None

    @property
    def filename(self) -> str:
        return f"{self.assignment}.ipynb"

    def source(self, root: Path) -> Path:
        return root / "source" / self.assignment / self.filename

    def release(self, root: Path) -> Path:
        return root / "release" / self.assignment / self.filename


def syllabus(root: Path | None = None) -> list[Notebook]:
    """The notebooks of the course, in order."""
    root = root or repo_root()
    data = tomllib.loads((root / "course" / "syllabus.toml").read_text())
    return [
        Notebook(n["assignment"], n["title"], float(n["budget_minutes"]), n.get("points"))
        for n in data["notebook"]
    ]

