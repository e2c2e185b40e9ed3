"""The course's data for the proof: right answers, wrong answers and attacks, one small file each.

Everything lives under ``course/``, read by one parser (`read_entry`)::

    course/banks/<assignment>/wrong/<mistake>.py   a named mistake, replacing one answer cell
    course/banks/<assignment>/right/<style>.py     another valid way to write one answer cell
    course/attacks/<name>.py                       a cheat or a fault (see course/attacks/README.md)

A file starts with a docstring: its first line says what the entry is, then ``key: value`` lines;
everything after the docstring is the code (for an attack, possibly not Python at all: the
docstring is read as text, never parsed). A wrong answer reads::

    \"\"\"The gradient is added to the weights instead of subtracted.

    cell: sgd_step
    hint: gradient was added
    \"\"\"
    def sgd_step(params, grads, lr):
        ...

``cell`` is the grade id of the answer cell the code replaces; ``hint`` is text that the first
failing check must print for it (case-insensitive). A right answer has ``cell`` only; its first
line says what makes it a different, valid answer (the lesson-literal form, a list-based ring,
``torch.randperm``...), and it must keep full marks.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class WrongAnswer:
    """One named mistake, as a student would type it into one answer cell."""

    assignment: str
    name: str
    description: str
    cell: str
    hint: str
    code: str
    path: Path


@dataclass(frozen=True)
class RightAnswer:
    """One valid way to write one answer cell, other than the solution's."""

    assignment: str
    name: str
    description: str
    cell: str
    code: str
    path: Path


def banks_folder(root: Path, assignment: str) -> Path:
    return root / "course" / "banks" / assignment


def read_entry(path: Path, keys: set[str], *, required: set[str] = frozenset()) -> tuple[str, dict[str, str], str]:
    """(the docstring's first line, its `key: value` fields named in `keys`, the code after it).

    The docstring is read as text, so the code after it may be anything; raises ValueError naming
    the file if there is no docstring or a `required` field is missing.
    """
    text = path.read_text()
    before, sep, rest = text.partition('"""')
    doc, sep2, code = rest.partition('"""')
    if not sep or not sep2 or before.strip():
        raise ValueError(f"{path}: an entry starts with a docstring (what it is, then {', '.join(sorted(keys))})")
    lines = doc.strip().splitlines() or [path.stem]
    fields = {}
    for line in lines[1:]:
        key, colon, value = line.partition(":")
        if colon and key.strip() in keys:
            fields[key.strip()] = value.strip()
    missing = required - fields.keys()
    if missing:
        raise ValueError(f"{path}: the docstring lacks {', '.join(sorted(missing))}")
    return lines[0].strip(), fields, code.strip("\n") + "\n"


def parse_right(path: Path, assignment: str) -> RightAnswer:
    """Read one right-answer file; raise ValueError naming the file if its header is incomplete."""
    description, fields, code = read_entry(path, {"cell"}, required={"cell"})
    return RightAnswer(assignment, path.stem, description, fields["cell"], code, path)


def load_right(root: Path, assignment: str) -> list[RightAnswer]:
    """Every right answer kept for `assignment`, sorted by name."""
    folder = banks_folder(root, assignment) / "right"
    return [parse_right(p, assignment) for p in sorted(folder.glob("*.py"))]


def parse(path: Path, assignment: str) -> WrongAnswer:
    """Read one bank file; raise ValueError naming the file if its header is incomplete."""
    description, fields, code = read_entry(path, {"cell", "hint"}, required={"cell", "hint"})
    return WrongAnswer(assignment, path.stem, description, fields["cell"], fields["hint"], code, path)


def load(root: Path, assignment: str) -> list[WrongAnswer]:
    """Every wrong answer kept for `assignment`, sorted by name."""
    folder = banks_folder(root, assignment) / "wrong"
    return [parse(p, assignment) for p in sorted(folder.glob("*.py"))]
