"""The student's workspace: `make lab` copies the course's notebooks there, and opens JupyterLab on it.

    python course/student_workspace.py [--release release] [--workspace workspace]

The workspace (``workspace/`` in the course folder by default, which git ignores; ``make lab
WORKSPACE=~/dqn-course`` puts it elsewhere) is the student's: a course update (`git pull`, then
`make lab`) never overwrites a file the student changed. For every file of ``release/``:

- not in the workspace yet: copied ("new");
- in the workspace, as the course last gave it, and changed in the course since: replaced by the new
  version ("updated": the student had not touched it);
- in the workspace and changed by the student, and changed in the course since: kept as it is; the
  course's new version is written beside it as ``<name>.update-<hash>.<ext>`` ("changed in the
  course, your copy kept");
- otherwise left alone.

What the course last gave is recorded in ``<workspace>/.course-files.json`` (each file's SHA-256).
A file the student deleted is copied again. Only the standard library is used: it runs before
anything else is installed, on Linux and macOS, without root.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MANIFEST = ".course-files.json"
SKIPPED = {".ipynb_checkpoints", "__pycache__", ".DS_Store", "checkpoints"}


@dataclass
class Changes:
    """What `prepare` did, each a path relative to the workspace."""

    new: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)      # "<path> -> <the course's new version beside it>"


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _course_files(release: Path) -> dict[str, Path]:
    return {p.relative_to(release).as_posix(): p for p in sorted(release.rglob("*"))
            if p.is_file() and not SKIPPED & set(p.relative_to(release).parts)}


def prepare(release: Path, workspace: Path) -> Changes:
    """Bring `workspace` up to date with `release` without overwriting a file the student changed."""
    manifest_path = workspace / MANIFEST
    try:
        given: dict[str, str] = json.loads(manifest_path.read_text())
    except (OSError, ValueError):
        given = {}
    changes = Changes()
    for rel, src in _course_files(release).items():
        new_sha, target = _sha(src), workspace / rel
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, target)
            changes.new.append(rel)
        elif new_sha == given.get(rel) or _sha(target) == new_sha:
            pass                                    # nothing new from the course, or already the same
        elif _sha(target) == given.get(rel):
            shutil.copy2(src, target)               # untouched by the student: the course's new version
            changes.updated.append(rel)
        else:
            beside = target.with_name(f"{target.stem}.update-{new_sha[:8]}{target.suffix}")
            if not beside.exists():
                shutil.copy2(src, beside)
            changes.kept.append(f"{rel} -> {beside.relative_to(workspace).as_posix()}")
        given[rel] = new_sha
    manifest_path.parent.mkdir(parents=True, exist_ok=True)
    manifest_path.write_text(json.dumps(given, indent=1, sort_keys=True))
    return changes


def report(changes: Changes, workspace: Path) -> str:
    lines = []
    if changes.new:
        lines.append(f"Copied {len(changes.new)} new course file(s) into {workspace}: {', '.join(changes.new)}")
    if changes.updated:
        lines.append(f"Updated {len(changes.updated)} file(s) you had not changed: {', '.join(changes.updated)}")
    for line in changes.kept:
        mine, _, theirs = line.partition(" -> ")
        lines.append(f"{mine} changed in the course; your copy is kept, the new version is {theirs}")
    return "\n".join(lines) or f"Your workspace {workspace} is up to date with the course."


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--release", type=Path, default=ROOT / "release")
    parser.add_argument("--workspace", type=Path, default=ROOT / "workspace")
    args = parser.parse_args(argv)
    if not args.release.is_dir():
        print(f"{args.release} does not exist: run this from the course folder.", file=sys.stderr)
        return 1
    workspace = args.workspace.expanduser()
    print(report(prepare(args.release, workspace), workspace))
    return 0


if __name__ == "__main__":
    sys.exit(main())
