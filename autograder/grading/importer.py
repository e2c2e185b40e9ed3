"""Import a class's notebooks from a folder or a .zip into nbgrader's ``submitted/`` layout.

A folder and a zip of it give the same students; every file not placed is reported with the reason
(see `import_notebooks`), never dropped silently.
"""
from __future__ import annotations

import shutil
import stat
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from autograder.grading.pipeline import STUDENT_ID

MAX_IMPORT_BYTES = 50 * 1024 * 1024

SKIPPED_PARTS = {"__MACOSX", ".ipynb_checkpoints", "__pycache__", "Thumbs.db", "desktop.ini"}


@dataclass
class Imported:
    """What `import_notebooks` did: the students imported, and every file it did not place."""

    students: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)   # "<path>: <why it was not imported>"
    skipped: list[str] = field(default_factory=list)    # editor and OS files (.DS_Store, __MACOSX/, checkpoints)


def _student_from(name: str, assignment: str) -> str:
    """``alice`` from ``alice.ipynb``, ``alice_<assignment>.ipynb``, ``alice-<assignment>.ipynb``."""
    stem = name[: -len(".ipynb")] if name.endswith(".ipynb") else name
    for suffix in (f"_{assignment}", f"-{assignment}", f".{assignment}"):
        if stem.endswith(suffix) and len(stem) > len(suffix):
            return stem[: -len(suffix)]
    return stem


def _entries(path: Path) -> dict[str, tuple[int, str | None, str]]:
    """Every file of a folder or a zip by its path inside it (posix), with its size, why it cannot
    be read safely (or None) and its name in the zip."""
    entries: dict[str, tuple[int, str | None, str]] = {}
    if path.is_file() and zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as z:
            for info in z.infolist():
                if info.is_dir():
                    continue
                name = info.filename.replace("\\", "/")
                parts = [p for p in name.split("/") if p not in ("", ".")]
                unsafe = name.startswith("/") or ".." in parts or not parts
                link = stat.S_ISLNK(info.external_attr >> 16)
                entries["/".join(parts) if not unsafe else name] = (
                    info.file_size, "an unsafe path" if unsafe else "a symbolic link" if link else None, info.filename)
        return entries
    if path.is_dir():
        for file in sorted(path.rglob("*")):
            if file.is_dir() and not file.is_symlink():
                continue
            rel = file.relative_to(path).as_posix()
            entries[rel] = (0, "a symbolic link", rel) if file.is_symlink() else (file.stat().st_size, None, rel)
        return entries
    raise SystemExit(f"{path} is neither a folder nor a .zip file")


def _place(files: dict[str, tuple[int, str | None, str]], strip: int, assignment: str) -> tuple[dict[str, str], list[str]]:
    """Each student's notebook (by its path in `files`), and why each other file is not placed,
    with the first `strip` characters of every path (a wrapper folder) ignored."""
    claims: dict[str, list[str]] = {}
    problems = []
    for name, (size, bad, _) in sorted(files.items()):
        inner = name[strip:].split("/")
        if bad:
            problems.append(f"{name}: {bad}")
        elif not name.endswith(".ipynb"):
            problems.append(f"{name}: not a notebook")
        elif len(inner) > 2:
            problems.append(f"{name}: nested too deep (use <student>.ipynb or <student>/<notebook>.ipynb)")
        elif size > MAX_IMPORT_BYTES:
            problems.append(f"{name}: larger than {MAX_IMPORT_BYTES // 2**20} MiB")
        else:
            student = inner[0] if len(inner) == 2 else _student_from(inner[0], assignment)
            if student == assignment:
                problems.append(f"{name}: names no student (use <student>.ipynb or <student>/{inner[-1]})")
            elif not STUDENT_ID.match(student):
                problems.append(f"{name}: {student!r} is not a valid student id (letters, digits and _.@+- only)")
            else:
                claims.setdefault(student, []).append(name)
    placed = {}
    for student, names in claims.items():
        if len(names) > 1:
            problems += [f"{n}: one of {len(names)} notebooks for {student} ({', '.join(names)}); none imported"
                         for n in names]
        else:
            placed[student] = names[0]
    return placed, sorted(problems)


def import_notebooks(path: Path, assignment: str, submitted: Path) -> Imported:
    """Copy a class's notebooks from a folder or a .zip into ``submitted/<student>/<assignment>/``.

    A folder and a zip of it give the same students. Inside either, a notebook is placed by its path:

    - ``alice.ipynb``, ``alice_<assignment>.ipynb`` or ``alice-<assignment>.ipynb``: student ``alice``;
    - ``alice/<anything>.ipynb``: student ``alice``;
    - when every file lies in one folder (``class/alice/x.ipynb``, ``class/bob.ipynb``: what zipping
      a folder adds), that folder is a wrapper and the rules above apply inside it, if that places
      more notebooks than taking it for one student's folder (``alice/submission.ipynb`` alone is
      alice's).

    Every other file is not imported and is reported with the reason: not a notebook, nested
    deeper, a name that is not a valid student id (names are never rewritten), two notebooks for
    one student (neither is imported: the instructor picks), larger than 50 MiB, a link, an unsafe
    path. Editor and OS files (``.ipynb_checkpoints/``, ``__MACOSX/``, hidden files such as
    ``.DS_Store``) are skipped and counted.
    """
    entries = _entries(path)
    out = Imported()
    files = {}
    for name, info in entries.items():
        if info[1] is None and any(p in SKIPPED_PARTS or p.startswith(".") for p in name.split("/")):
            out.skipped.append(name)
        else:
            files[name] = info
    placed, out.problems = _place(files, 0, assignment)
    good = [name for name, info in files.items() if info[1] is None]
    tops = {name.split("/")[0] for name in good}
    if len(tops) == 1 and all("/" in name for name in good):
        unwrapped = _place(files, len(tops.pop()) + 1, assignment)
        if len(unwrapped[0]) > len(placed):
            placed, out.problems = unwrapped
    if placed:
        if path.is_dir():
            data = {s: (path / n).read_bytes() for s, n in placed.items()}
        else:
            with zipfile.ZipFile(path) as z:
                data = {s: z.read(files[n][2]) for s, n in placed.items()}
        for student, content in sorted(data.items()):
            target = submitted / student / assignment
            if target.exists():
                shutil.rmtree(target)
            target.mkdir(parents=True)
            (target / f"{assignment}.ipynb").write_bytes(content)
    out.students = sorted(placed)
    return out
