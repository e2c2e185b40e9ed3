"""Import a class's notebooks from a folder or a .zip into nbgrader's ``submitted/`` layout.

A folder and a zip of it give the same students; every file not placed is reported with the reason
(see `import_notebooks`), never dropped silently.
"""
from __future__ import annotations

import re
import shutil
import stat
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from autograder.grading import lms
from autograder.grading.pipeline import STUDENT_ID

MAX_IMPORT_BYTES = 50 * 1024 * 1024

SKIPPED_PARTS = {"__MACOSX", ".ipynb_checkpoints", "__pycache__", "Thumbs.db", "desktop.ini"}


@dataclass
class Imported:
    """What `import_notebooks` did: the students imported, and every file it did not place."""

    students: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)   # "<path>: <why it was not imported>"
    skipped: list[str] = field(default_factory=list)    # editor and OS files (.DS_Store, __MACOSX/, checkpoints)
    superseded: list[str] = field(default_factory=list)  # "<path>: attempt N of <student>, superseded by <path>"
    late: list[str] = field(default_factory=list)        # students whose imported notebook the LMS marked late


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


@dataclass(frozen=True)
class Names:
    """How a file's name gives its student: `pattern` (matched against the whole path inside the
    folder or zip; `explicit` when the instructor gave it, so every notebook must match it), and
    the roster's LMS ids (`lms_ids`: LMS id or LMS name -> student id), if any."""

    pattern: re.Pattern[str] = lms.CANVAS
    explicit: bool = False
    lms_ids: dict[str, str] | None = None


@dataclass
class _Claim:
    name: str
    attempt: int
    lms_id: str | None
    late: bool


@dataclass
class _Placed:
    placed: dict[str, str]
    problems: list[str]
    superseded: list[str]
    late: list[str]


def _claim(name: str, inner: list[str], assignment: str, names: Names) -> tuple[str, _Claim] | str:
    """The student a notebook at `inner` (its path inside the wrapper) belongs to, or why none."""
    match = names.pattern.fullmatch("/".join(inner)) if names.explicit or len(inner) == 1 else None
    if names.explicit and match is None:
        return f"{name}: does not match --pattern {names.pattern.pattern}"
    if match is None:
        if len(inner) > 2:
            return f"{name}: nested too deep (use <student>.ipynb or <student>/<notebook>.ipynb)"
        student = inner[0] if len(inner) == 2 else _student_from(inner[0], assignment)
        if student == assignment:
            return f"{name}: names no student (use <student>.ipynb or <student>/{inner[-1]})"
        claim = _Claim(name, 0, None, False)
    else:
        groups = match.groupdict()
        key = groups.get("lms_id") or groups.get("student") or ""
        student = groups.get("student") or "" if names.lms_ids is None else names.lms_ids.get(key, "")
        if names.lms_ids is not None and not student:
            return f"{name}: LMS id {key!r} is not in the roster"
        claim = _Claim(name, int(groups.get("attempt") or 0), groups.get("lms_id"), bool(groups.get("late")))
    if not STUDENT_ID.match(student):
        return f"{name}: {student!r} is not a valid student id (letters, digits and _.@+- only)"
    return student, claim


def _place(files: dict[str, tuple[int, str | None, str]], strip: int, assignment: str, names: Names) -> _Placed:
    """Each student's notebook (by its path in `files`), and why each other file is not placed,
    with the first `strip` characters of every path (a wrapper folder) ignored. Of one student's
    resubmissions the highest attempt is placed and the others are listed as superseded."""
    claims: dict[str, list[_Claim]] = {}
    out = _Placed({}, [], [], [])
    for name, (size, bad, _) in sorted(files.items()):
        if bad:
            out.problems.append(f"{name}: {bad}")
        elif not name.endswith(".ipynb"):
            out.problems.append(f"{name}: not a notebook")
        elif size > MAX_IMPORT_BYTES:
            out.problems.append(f"{name}: larger than {MAX_IMPORT_BYTES // 2**20} MiB")
        else:
            got = _claim(name, name[strip:].split("/"), assignment, names)
            if isinstance(got, str):
                out.problems.append(got)
            else:
                claims.setdefault(got[0], []).append(got[1])
    for student, mine in claims.items():
        listed = ", ".join(c.name for c in mine)
        users = {c.lms_id for c in mine if c.lms_id is not None}
        latest = max(c.attempt for c in mine)
        best = [c for c in mine if c.attempt == latest]
        if len(users) > 1:
            out.problems += [f"{c.name}: LMS users {', '.join(sorted(users))} are all student {student} ({listed}); "
                             "none imported" for c in mine]
        elif len(best) > 1:
            out.problems += [f"{c.name}: one of {len(best)} notebooks for {student} ({listed}); none imported"
                             for c in best]
        else:
            out.placed[student] = best[0].name
            out.superseded += [f"{c.name}: attempt {c.attempt} of {student}, superseded by {best[0].name} "
                               f"(attempt {latest})" for c in mine if c is not best[0]]
            if best[0].late:
                out.late.append(student)
    out.problems.sort()
    out.superseded.sort()
    out.late.sort()
    return out


def import_notebooks(path: Path, assignment: str, submitted: Path, names: Names | None = None) -> Imported:
    """Copy a class's notebooks from a folder or a .zip into ``submitted/<student>/<assignment>/``.

    A folder and a zip of it give the same students. Inside either, a notebook is placed by its path:

    - ``alice.ipynb``, ``alice_<assignment>.ipynb`` or ``alice-<assignment>.ipynb``: student ``alice``;
    - ``alice/<anything>.ipynb``: student ``alice``;
    - a name an LMS gave (`Names.pattern`; by default Canvas's, ``smithjane_12345_6789012_<file>.ipynb``,
      ``smithjane_LATE_12345_6789012_<file>-1.ipynb``): the pattern's ``student`` group, or with a
      roster the student whose ``lms_id`` is the ``lms_id`` group (else the ``student`` group); of
      one student's resubmissions (the ``attempt`` group, ``-N`` in Canvas) the highest is imported
      and the others are listed in `Imported.superseded`. A pattern the instructor gives
      (``--pattern``) is matched against the whole path and replaces the rules above and below;
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
    names = names or Names()
    entries = _entries(path)
    out = Imported()
    files = {}
    for name, info in entries.items():
        if info[1] is None and any(p in SKIPPED_PARTS or p.startswith(".") for p in name.split("/")):
            out.skipped.append(name)
        else:
            files[name] = info
    found = _place(files, 0, assignment, names)
    good = [name for name, info in files.items() if info[1] is None]
    tops = {name.split("/")[0] for name in good}
    if len(tops) == 1 and all("/" in name for name in good):
        unwrapped = _place(files, len(tops.pop()) + 1, assignment, names)
        if len(unwrapped.placed) > len(found.placed):
            found = unwrapped
    placed, out.problems, out.superseded, out.late = found.placed, found.problems, found.superseded, found.late
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
