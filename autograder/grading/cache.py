"""The grade records and the grading key: what makes a re-run idempotent and resumable.

Each submission's result is recorded in ``<work>/grading/<assignment>/<student>.json`` right after
the gradebook is updated. A record is kept, and the submission not graded again, when the
submission, the assignment (source notebook and shipped files) and the `grading_key` (the grader's
code, `helpers` and the options that change a score) are all the ones it was graded with.
"""
from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from dataclasses import asdict, is_dataclass
from pathlib import Path

from autograder.grading import sandbox
from autograder.grading.assignment import Assignment
from autograder.grading.job import submission_sha
from autograder.grading.options import SCORE_OPTIONS, Options
from autograder.grading.result import Result


def grader_files() -> dict[str, Path]:
    """The code that grades, by a stable name: every file of the autograder package (the harness
    included) as this process runs it, and every file of the `helpers` package that the kernel,
    started as ``python -I``, imports (the installed copy, not a checkout's)."""
    package = Path(__file__).resolve().parents[1]
    files = {f"autograder/{p.relative_to(package).as_posix()}": p for p in sorted(package.rglob("*"))
             if p.is_file() and "__pycache__" not in p.parts}
    files["autograder/grading/harness.py"] = sandbox.HARNESS.resolve()
    proc = subprocess.run([sys.executable, "-I", "-c", "import importlib.util as u; s = u.find_spec('helpers'); "
                           "print(s.origin if s and s.origin else '')"], capture_output=True, text=True, timeout=120)
    origin = proc.stdout.strip()
    if origin:
        top = Path(origin).resolve().parent
        for p in sorted(top.rglob("*")):
            if p.is_file() and "__pycache__" not in p.parts:
                files[f"helpers/{p.relative_to(top).as_posix()}"] = p
    return files


def grading_key(opts: Options, files: dict[str, Path] | None = None) -> str:
    """What a kept result must have been graded with to be kept: a hash of the grader's code and
    `helpers` (`grader_files`) and of the options that change a score (`options.SCORE_OPTIONS`:
    limits, time limits, sandbox on or off; not workers or --force). Computed once per run."""
    h = hashlib.sha256()
    for name, path in sorted((grader_files() if files is None else files).items()):
        h.update(name.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    values = {name: getattr(opts, name) for name in SCORE_OPTIONS}
    h.update(json.dumps({k: asdict(v) if is_dataclass(v) else v for k, v in values.items()}, sort_keys=True).encode())
    return h.hexdigest()


def record_path(records: Path, student: str, assignment: str) -> Path:
    return records / assignment / f"{student}.json"


def up_to_date(records: Path, submitted: Path, student: str, assignment: str, a: Assignment,
               key: str) -> Result | None:
    """The recorded result of `student`'s submission of `assignment` (read as `a`), if it is still
    valid; else None."""
    path = record_path(records, student, assignment)
    if not path.is_file():
        return None
    try:
        old = Result.from_json(json.loads(path.read_text()))
    except (ValueError, TypeError, KeyError):
        return None
    sha = submission_sha(submitted / student / assignment, assignment)
    if old.submission_sha == sha and old.source_sha == a.source_sha and old.version == key:
        return old
    return None


def write_record(records: Path, result: Result) -> None:
    """Record one result (atomically: an interrupted run leaves the old record or the new one)."""
    path = record_path(records, result.student, result.assignment)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(result.to_json(), indent=1))
    os.replace(tmp, path)

