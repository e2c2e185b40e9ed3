"""The bank of wrong answers: one small file per named mistake, replacing one answer cell.

A bank file lives at ``tests/bank/<assignment>/<mistake>.py`` and reads::

    \"\"\"The gradient is added to the weights instead of subtracted.

    cell: sgd_step
    hint: gradient was added
    \"\"\"
    def sgd_step(params, grads, lr):
        ...

The docstring's first line names the mistake; ``cell`` is the grade id of the answer cell the
code replaces; ``hint`` is text that a failing check must print for it (case-insensitive).
Everything after the docstring is the cell's new source.
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


def parse(path: Path, assignment: str) -> WrongAnswer:
    """Read one bank file; raise ValueError naming the file if its header is incomplete."""
    text = path.read_text()
    module = ast.parse(text)
    doc = ast.get_docstring(module)
    if not doc or not module.body or not isinstance(module.body[0], ast.Expr):
        raise ValueError(f"{path}: a bank file starts with a docstring (mistake, `cell:`, `hint:`)")
    fields = {}
    for line in doc.splitlines()[1:]:
        key, sep, value = line.partition(":")
        if sep and key.strip() in {"cell", "hint"}:
            fields[key.strip()] = value.strip()
    missing = {"cell", "hint"} - fields.keys()
    if missing:
        raise ValueError(f"{path}: the docstring lacks {', '.join(sorted(missing))}")
    code = "\n".join(text.splitlines()[module.body[0].end_lineno:]).strip("\n") + "\n"
    return WrongAnswer(assignment, path.stem, doc.splitlines()[0].strip(), fields["cell"], fields["hint"], code, path)


def load(root: Path, assignment: str) -> list[WrongAnswer]:
    """Every wrong answer kept for `assignment`, sorted by name."""
    folder = root / "tests" / "bank" / assignment
    return [parse(p, assignment) for p in sorted(folder.glob("*.py"))]
