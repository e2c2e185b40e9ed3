"""The bundled demo class: submissions with known outcomes, built at run time from the course.

For every notebook of the syllabus that exists (cut to its first exercises unless ``full``):

- ``correct``: the source solution; ``stub``: the release untouched; ``partial``: the first
  exercise solved, the rest left as stubs;
- ``bank-<NN>-<mistake>``: one student per wrong answer in ``course/banks/<assignment>/wrong/`` whose
  answer cell is in the notebook;

and, on the first notebook, the adversarial bank of ``course/attacks/*.py``: cheats and faults,
each one small file whose docstring says how it is made and what the grader must do with it
(see course/attacks/README.md).

`build` writes the class in nbgrader's layout and returns the expected outcome of every
submission; the test suite grades it with the instructor's command and checks each one.
"""
from __future__ import annotations

import copy
import json
import shutil
from dataclasses import asdict, dataclass
from pathlib import Path

import nbformat
from nbformat import NotebookNode

from autograder.course import cells as C
from autograder.course.release import generate
from autograder.course.syllabus import syllabus
from autograder.proof.banks import WrongAnswer, read_entry
from autograder.proof.banks import load as load_wrong_answers
from autograder.proof.contract import read, solution_submission


@dataclass
class Expect:
    student: str
    assignment: str
    score: str          # "0", "full", "partial", "below_full", "base", "<=base" (base: the student named by `base`)
    status: str         # prefix the status must start with
    base: str = ""      # for "base" scores: the student whose honest score this must equal
    hint: str = ""      # text the feedback must show (a bank entry's hint)
    kind: str = ""


@dataclass
class Adversary:
    name: str
    description: str
    base: str           # solution | stub | wrong
    how: str
    score: str
    status: str
    code: str


def load_adversaries(folder: Path) -> list[Adversary]:
    """Every attack in `folder` (course/attacks/), read by the banks' parser."""
    out = []
    for path in sorted(folder.glob("*.py")):
        description, fields, code = read_entry(path, {"base", "how", "score", "status"})
        out.append(Adversary(path.stem, description, fields.get("base", "solution"), fields.get("how", "cell"),
                             fields.get("score", "full"), fields.get("status", "graded"), code))
    return out


def trim(nb: NotebookNode, keep_ids: list[str] | None, exercises: int) -> tuple[NotebookNode, list[str]]:
    """`nb` cut after the test cells of its first `exercises` answer cells (or to `keep_ids`)."""
    if keep_ids is not None:
        cells = [c for c in nb.cells if c.get("id") in set(keep_ids)]
    else:
        answers = 0
        end = len(nb.cells)
        for i, cell in enumerate(nb.cells):
            if C.is_answer(cell) and cell.cell_type == "code":
                answers += 1
                if answers > exercises:
                    end = i
                    break
        cells = nb.cells[:end]
        while cells and not C.is_test(cells[-1]):
            cells = cells[:-1]
    out = copy.deepcopy(nb)
    out.cells = copy.deepcopy(cells)
    return out, [c.get("id") for c in cells]


def _first_answer(nb: NotebookNode) -> int:
    return next(i for i, c in enumerate(nb.cells) if C.is_answer(c) and c.cell_type == "code")


def _write(folder: Path, nb: NotebookNode | None, assignment: str, raw: str | None = None) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    if raw is not None:
        (folder / f"{assignment}.ipynb").write_text(raw)
    elif nb is not None:
        nbformat.write(nb, str(folder / f"{assignment}.ipynb"))


def _adversarial(adv: Adversary, source: NotebookNode, release: NotebookNode, wrong: WrongAnswer | None,
                 folder: Path, assignment: str) -> None:
    if adv.base == "stub":
        nb = copy.deepcopy(release)
    elif adv.base == "wrong" and wrong is not None:
        nb = solution_submission(source, release, {wrong.cell: wrong.code})
    else:
        nb = solution_submission(source, release)
    how = adv.how
    first = _first_answer(nb)
    if how == "cell":
        cell = nbformat.v4.new_code_cell(adv.code)
        cell["id"] = f"added-{adv.name}"[:64]   # a fixed id: the same demo builds the same bytes
        nb.cells.insert(first + 1, cell)
    elif how == "append":
        nb.cells[first].source = nb.cells[first].source.rstrip("\n") + "\n\n" + adv.code
    elif how.startswith("file:"):
        (folder).mkdir(parents=True, exist_ok=True)
        (folder / how[5:].strip()).write_text(adv.code)
    elif how == "delete-tests":
        nb.cells = [c for c in nb.cells if not C.is_test(c)]
    elif how == "edit-tests":
        for c in nb.cells:
            if C.is_test(c):
                c.source = adv.code
    elif how == "rename-answer":
        nb.cells[first].metadata["nbgrader"]["grade_id"] = "my_renamed_answer"
    elif how == "rename-test":
        t = next(c for c in nb.cells if C.is_test(c))
        t.metadata["nbgrader"]["grade_id"] = "my_renamed_test"
    elif how == "invalid-json":
        _write(folder, None, assignment, raw=adv.code)
        return
    elif how == "missing-notebook":
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "notes.txt").write_text(adv.code)
        return
    else:
        raise ValueError(f"course/attacks/{adv.name}.py: unknown `how: {how}`")
    _write(folder, nb, assignment)


def build(repo: Path, root: Path, work: Path, *, assignments: list[str] | None = None, full: bool = False,
          exercises: int = 2, adversarial: bool = True, banks: bool = True) -> list[Expect]:
    """Write the demo course (`root`: source/ and release/) and its class (`work`/submitted)."""
    expects: list[Expect] = []
    notebooks = [n for n in syllabus(repo) if n.source(repo).is_file() and n.release(repo).is_file()]
    if assignments:
        notebooks = [n for n in notebooks if n.assignment in assignments]
    (root / "course").mkdir(parents=True, exist_ok=True)
    shutil.copy2(repo / "course" / "nbgrader_config.py", root / "course" / "nbgrader_config.py")
    shutil.copy2(repo / "course" / "syllabus.toml", root / "course" / "syllabus.toml")
    submitted = work / "submitted"
    if submitted.exists():
        shutil.rmtree(submitted)
    for index, nb_info in enumerate(notebooks):
        name = nb_info.assignment
        src_full = read(nb_info.source(repo))
        source, ids = (src_full, None) if full else trim(src_full, None, exercises)
        src_dir = root / "source" / name
        if src_dir.exists():
            shutil.rmtree(src_dir)
        shutil.copytree(repo / "source" / name, src_dir, ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__", "*.pt"))
        nbformat.write(source, str(src_dir / f"{name}.ipynb"))
        generate(root, name, root / "release")
        release = read(root / "release" / name / f"{name}.ipynb")
        short = name.split("_")[0]
        answers = [C.grade_id(c) for c in source.cells if C.is_answer(c) and c.cell_type == "code"]

        def add(student: str, nb: NotebookNode | None, score: str, status: str, *, name: str = name, **kw) -> None:
            if nb is not None:
                _write(submitted / student / name, nb, name)
            expects.append(Expect(student, name, score, status, **kw))

        add("correct", solution_submission(source, release), "full", "graded", kind="correct")
        add("stub", copy.deepcopy(release), "0", "graded", kind="stub")
        if len(answers) > 1:
            partial = solution_submission(source, release)
            stubs = {C.grade_id(c): c.source for c in release.cells if C.is_answer(c)}
            for cell in partial.cells:
                if C.is_answer(cell) and cell.cell_type == "code" and C.grade_id(cell) != answers[0]:
                    cell.source = stubs[C.grade_id(cell)]
            add("partial", partial, "partial", "graded", kind="partial")
        wrongs = [w for w in load_wrong_answers(repo, name) if w.cell in answers] if banks else []
        for w in wrongs:
            add(f"bank-{short}-{w.name}", solution_submission(source, release, {w.cell: w.code}),
                "below_full", "graded", hint=w.hint, kind="bank")
        if adversarial and index == 0:
            first_cell = answers[0]
            wrong = next((w for w in load_wrong_answers(repo, name) if w.cell == first_cell), None)
            base_student = f"bank-{short}-{wrong.name}" if wrong and wrong in wrongs else ""
            for adv in load_adversaries(repo / "course" / "attacks"):
                student = f"adv-{adv.name}"
                _adversarial(adv, source, release, wrong, submitted / student / name, name)
                base = {"solution": "correct", "stub": "stub"}.get(adv.base, base_student or "stub")
                add(student, None, adv.score, adv.status, base=base, kind="adversarial")
    work.mkdir(parents=True, exist_ok=True)
    (work / "demo_expected.json").write_text(json.dumps([asdict(e) for e in expects], indent=1))
    return expects


def check(expects: list[Expect], results: dict[tuple[str, str], object]) -> list[str]:
    """Every way the graded class differs from what the demo expects (empty: all as expected)."""
    problems = []
    for e in expects:
        r = results.get((e.student, e.assignment))
        if r is None:
            problems.append(f"{e.student}/{e.assignment}: not graded at all")
            continue
        top = r.auto_max
        got = r.score
        base = results.get((e.base, e.assignment)) if e.base else None
        ok = {
            "0": got == 0,
            "full": got == top and top > 0,
            "partial": 0 < got < top,
            "below_full": got < top,
            "base": base is not None and got == base.score,
            "<=base": base is not None and got <= base.score,
        }.get(e.score, False)
        if not ok:
            problems.append(f"{e.student}/{e.assignment}: score {got:g}/{top:g}, expected {e.score}"
                            + (f" ({e.base} scored {base.score:g})" if base is not None else "") + f"; status: {r.status_text}")
        if not r.status_text.startswith(e.status):
            problems.append(f"{e.student}/{e.assignment}: status {r.status_text!r}, expected it to start with {e.status!r}")
    return problems
