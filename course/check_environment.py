"""Is this Python environment the course's? `make lab` asks before it starts JupyterLab.

It compares what is installed with the pins in requirements.txt and the course package
(`helpers`) with the one in this folder, and prints one message with the fix when they differ:

    .venv/bin/python course/check_environment.py            # exit 0: ready; exit 1: the fix is printed

Only the standard library is used, so it can speak even when the environment is broken.
"""
from __future__ import annotations

import argparse
import hashlib
import re
import sys
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIX = "make setup"
PIN = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*==\s*([^\s;#]+)")


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(requirements: Path) -> dict[str, str]:
    """`name==version` lines of a requirements file, by normalised name."""
    found = {}
    for line in requirements.read_text().splitlines():
        m = PIN.match(line)
        if m:
            found[_norm(m.group(1))] = m.group(2)
    return found


def package_problems(requirements: Path) -> list[str]:
    problems = []
    for name, want in sorted(pins(requirements).items()):
        try:
            have = metadata.version(name)
        except metadata.PackageNotFoundError:
            problems.append(f"{name} is not installed (the course needs {want})")
            continue
        if have != want and not have.startswith(want + "+"):  # torch's local tag: 2.13.0+cpu
            problems.append(f"{name} is {have}, the course needs {want}")
    return problems


def helpers_problems(source: Path) -> list[str]:
    """The installed `helpers` must be the one in this folder (an edit needs a reinstall)."""
    from importlib.util import find_spec

    spec = find_spec("helpers")  # found, not imported: importing it would load numpy and torch
    if spec is None or not spec.origin:
        return ["the course package `helpers` is not installed"]
    installed = Path(spec.origin).resolve().parent
    if installed == source.resolve():
        return []  # running from the source folder itself: nothing can be stale
    stale = []
    for path in sorted(source.glob("*.py")):
        other = installed / path.name
        if not other.exists() or hashlib.sha256(other.read_bytes()).digest() != hashlib.sha256(path.read_bytes()).digest():
            stale.append(path.name)
    if stale:
        return [f"the installed `helpers` is older than the one in helpers/ ({', '.join(stale)} changed)"]
    return []


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requirements", type=Path, default=ROOT / "requirements.txt")
    parser.add_argument("--helpers", type=Path, default=ROOT / "helpers")
    args = parser.parse_args(argv)
    problems = package_problems(args.requirements) + helpers_problems(args.helpers)
    if not problems:
        return 0
    shown = problems[:6] + ([f"... and {len(problems) - 6} more"] if len(problems) > 6 else [])
    print(f"The course environment ({sys.prefix}) is out of date: " + "; ".join(shown) + ".\n"
          f"Fix it with `{FIX}` in the course folder (it reinstalls what the course needs), then run "
          "`make lab` again.", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
