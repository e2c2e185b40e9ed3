"""The banks of answers: one small file per answer, replacing one answer cell.

A wrong answer lives at ``tests/bank/<assignment>/<mistake>.py`` and reads::

    \"\"\"The gradient is added to the weights instead of subtracted.

    cell: sgd_step
    hint: gradient was added
    \"\"\"
    def sgd_step(params, grads, lr):
        ...

The docstring's first line names the mistake; ``cell`` is the grade id of the answer cell the
code replaces; ``hint`` is text that a failing check must print for it (case-insensitive).
Everything after the docstring is the cell's new source.

A right answer lives at ``tests/bank/<assignment>/right/<style>.py``: the same form without
``hint``. Its first line says what makes it a different, valid way to write the exercise (the
lesson-literal form, a list-based ring, ``torch.randperm``...); it must keep full marks.
"""
from __future__ import annotations

import ast
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


def _header(path: Path, keys: set[str]) -> tuple[str, dict[str, str], str]:
    """(first docstring line, the `key: value` fields named in `keys`, the code after the docstring)."""
    text = path.read_text()
    module = ast.parse(text)
    doc = ast.get_docstring(module)
    if not doc or not module.body or not isinstance(module.body[0], ast.Expr):
        raise ValueError(f"{path}: a bank file starts with a docstring (what it is, then {', '.join(sorted(keys))})")
    fields = {}
    for line in doc.splitlines()[1:]:
        key, sep, value = line.partition(":")
        if sep and key.strip() in keys:
            fields[key.strip()] = value.strip()
    missing = keys - fields.keys()
    if missing:
        raise ValueError(f"{path}: the docstring lacks {', '.join(sorted(missing))}")
    code = "\n".join(text.splitlines()[module.body[0].end_lineno:]).strip("\n") + "\n"
    return doc.splitlines()[0].strip(), fields, code


def parse_right(path: Path, assignment: str) -> RightAnswer:
    """Read one right-answer file; raise ValueError naming the file if its header is incomplete."""
    description, fields, code = _header(path, {"cell"})
    return RightAnswer(assignment, path.stem, description, fields["cell"], code, path)


def load_right(root: Path, assignment: str) -> list[RightAnswer]:
    """Every right answer kept for `assignment`, sorted by name."""
    folder = root / "tests" / "bank" / assignment / "right"
    return [parse_right(p, assignment) for p in sorted(folder.glob("*.py"))]


def parse(path: Path, assignment: str) -> WrongAnswer:
    """Read one bank file; raise ValueError naming the file if its header is incomplete."""
    description, fields, code = _header(path, {"cell", "hint"})
    return WrongAnswer(assignment, path.stem, description, fields["cell"], fields["hint"], code, path)


def load(root: Path, assignment: str) -> list[WrongAnswer]:
    """Every wrong answer kept for `assignment`, sorted by name."""
    folder = root / "tests" / "bank" / assignment
    return [parse(p, assignment) for p in sorted(folder.glob("*.py"))]
