"""The grading pipeline, end to end: the demo class (correct, stub, partial, the wrong answers of
the first notebook's bank, and the adversarial bank of course/attacks/) is graded once per
session through the instructor's command, in sandboxes (`tests/demo_class.py`); every test below
reads that one run.
"""
from __future__ import annotations

import ast
import html
import json
import os
import re
import sqlite3
import subprocess
import zipfile
from pathlib import Path

import nbformat
import pytest

from autograder.course import cells as C
from autograder.grading import export, pipeline, sandbox
from autograder.grading.assignment import load_assignment
from autograder.grading.importer import import_notebooks
from autograder.grading.options import Options
from autograder.grading.restore import restore
from autograder.proof import demo
from tests.conftest import REPO
from tests.demo_class import FIRST, grade_demo


def test_every_submission_grades_as_expected(graded_class):
    work, proc, expects, results = graded_class
    problems = demo.check(expects, results)
    assert not problems, "\n".join(problems) + "\n\n" + proc.stdout[-3000:] + proc.stderr[-3000:]
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    kinds = {e.kind for e in expects}
    assert {"correct", "stub", "bank", "adversarial"} <= kinds


def test_grades_csv_has_a_status_for_everyone(graded_class):
    work, _, expects, _ = graded_class
    import csv

    rows = list(csv.DictReader((work / "grades.csv").open()))
    assert {(r["student"], r["assignment"]) for r in rows} == {(e.student, e.assignment) for e in expects}
    for r in rows:
        kind = r["status"].split(":")[0]
        assert kind in {"graded", "needs manual grading", "not graded"}, r
        if kind != "graded":
            assert len(r["status"].split(":", 1)[1].strip()) > 5, f"{r['student']}: a status without a reason"
    summary = list(csv.DictReader((work / "exercise_summary.csv").open()))
    assert summary and all(int(s["graded"]) > 0 for s in summary)
    assert any(s["most_common_hint"] for s in summary)


def test_gradebook_intact_and_consistent(graded_class):
    work, _, _, results = graded_class
    db = work / "gradebook.db"
    with sqlite3.connect(db) as con:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    scores = export.gradebook_scores(f"sqlite:///{db}", list(results.values()))
    for (student, assignment), r in results.items():
        if r.unreadable:
            continue
        assert (student, assignment) in scores, f"{student} is not in the gradebook"
        assert scores[(student, assignment)][0] == pytest.approx(r.score), f"{student}: gradebook and export disagree"
    with sqlite3.connect(db) as con:   # what could not be graded is flagged in nbgrader too, not a silent 0
        rows = con.execute("select g.auto_score, g.needs_manual_grade from grade g join submitted_notebook n on g.notebook_id = n.id "
                           "join submitted_assignment a on n.assignment_id = a.id join student s on a.student_id = s.id "
                           "join grade_cells c on g.cell_id = c.id where s.id = 'adv-kernel_death'").fetchall()
    assert rows and all(score is None and manual for score, manual in rows)
    correct = results[("correct", FIRST)]
    assert correct.score == correct.auto_max > 0
    # the student who tried to overwrite every .db file changed nothing outside the sandbox
    assert "graded by me" not in db.read_bytes().decode("latin-1")


def test_no_feedback_leaks_hidden_tests_or_paths(graded_class):
    work, _, _, _ = graded_class
    a = load_assignment(work / "course", FIRST)
    assert a.hidden_lines, "the notebook has hidden tests to protect"
    pages = list((work / "feedback").rglob("*.html"))
    assert len(pages) >= 20
    for page in pages:
        text = page.read_text()
        for line in a.hidden_lines:
            assert line not in text, f"{page}: shows hidden test source {line!r}"
        ours = re.sub(r"<div class='yours'>.*?</div>", "", text, flags=re.S)   # the student's own code may say anything
        for path in (str(REPO), "/tmp/dqn-grade", "/home/student", "/grader/"):
            assert path not in ours, f"{page}: shows a path of the grading machine ({path})"


def test_sandbox_hides_source_and_gradebook(graded_class):
    work, _, _, _ = graded_class
    a = load_assignment(work / "course", FIRST)
    for student in ("adv-reads_source", "adv-writes_gradebook"):
        nb = nbformat.read(str(work / "autograded" / student / FIRST / f"{FIRST}.ipynb"), as_version=4)
        outputs = json.dumps([c.get("outputs", []) for c in nb.cells if not C.is_test(c)])
        assert "BEGIN HIDDEN" not in outputs and "BEGIN SOLUTION" not in outputs
        for line in a.hidden_lines:
            assert line not in outputs
        if student == "adv-writes_gradebook":
            hits = re.search(r"overwrote: (\[.*?\])", outputs.replace('\\"', '"').replace("\\'", "'"))
            assert hits, "the cell did not report what it overwrote"
            cwd = Path("/home/student") / FIRST
            for hit in ast.literal_eval(hits.group(1)):
                where = os.path.normpath(cwd / hit)
                assert where.startswith(("/home/student", "/tmp")), f"wrote {hit} outside its private folders"


def test_bank_hints_reach_the_feedback(graded_class):
    work, _, expects, _ = graded_class
    for e in expects:
        if e.kind == "bank":
            page = html.unescape((work / "feedback" / e.student / e.assignment / f"{e.assignment}.html").read_text())
            assert e.hint.lower() in page.lower(), f"{e.student}: the feedback does not show the hint {e.hint!r}"


def test_nothing_left_running(graded_class):
    """No sandbox outlives its grading run (the folder it binds is removed when the run ends)."""
    out = subprocess.run(["ps", "-eo", "args"], capture_output=True, text=True).stdout
    for line in out.splitlines():
        if line.startswith("bwrap ") and "/grader/zygote.py" in line:
            root = Path(line.split(" --bind ")[1].split()[0])
            assert root.exists(), f"an orphaned sandbox is still running: {line[:300]}"


def test_rerun_is_idempotent_and_resumes(graded_class):
    work, _, expects, results = graded_class
    # an interrupted run: one record lost before it was written
    lost = work / "grading" / FIRST / "stub.json"
    lost.unlink()
    proc = grade_demo(work)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert f"{len(expects) - 1} submission(s) already graded and unchanged" in proc.stdout
    again = {(r.student, r.assignment): r for r in export.load_results(work)}
    assert {k: (v.score, v.status_text) for k, v in again.items()} == {k: (v.score, v.status_text) for k, v in results.items()}
    with sqlite3.connect(work / "gradebook.db") as con:
        n = con.execute("select count(*) from submitted_assignment").fetchone()[0]
    assert n == len(results)     # one gradebook submission per student, however often graded


# --- cheap unit tests ------------------------------------------------------------------------------

@pytest.mark.fast
def test_import_from_zip_and_folder(tmp_path):
    release = REPO / "release" / FIRST / f"{FIRST}.ipynb"
    z = tmp_path / "class.zip"
    with zipfile.ZipFile(z, "w") as f:
        f.write(release, "alice.ipynb")
        f.write(release, f"bob_{FIRST}.ipynb")
        f.write(release, f"carol/{FIRST}.ipynb")
        f.writestr("../../evil.ipynb", "{}")
    got = import_notebooks(z, FIRST, tmp_path / "submitted")
    assert got.students == ["alice", "bob", "carol"]
    assert got.problems == ["../../evil.ipynb: an unsafe path"]
    assert (tmp_path / "submitted" / "bob" / FIRST / f"{FIRST}.ipynb").is_file()
    assert not (tmp_path.parent / "evil.ipynb").exists()
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "dave.ipynb").write_bytes(release.read_bytes())
    assert import_notebooks(folder, FIRST, tmp_path / "submitted").students == ["dave"]


@pytest.mark.fast
def test_restore_puts_back_deleted_and_renamed_cells():
    a = load_assignment(REPO, FIRST)
    sub = nbformat.read(str(REPO / "release" / FIRST / f"{FIRST}.ipynb"), as_version=4)
    first_test = next(c for c in sub.cells if C.is_test(c))
    answer = next(c for c in sub.cells if C.is_answer(c) and c.cell_type == "code")
    answer.metadata["nbgrader"]["grade_id"] = "renamed"
    answer.source = "# mine"
    sub.cells.remove(first_test)
    restored, notes = restore(sub, a)
    tests = [C.grade_id(c) for c in restored.cells if C.is_test(c)]
    assert tests == list(a.tests)
    src_test = next(c for c in a.source.cells if C.grade_id(c) == C.grade_id(first_test))
    assert next(c for c in restored.cells if C.grade_id(c) == C.grade_id(first_test)).source == src_test.source
    assert any(c.source == "# mine" and C.is_answer(c) for c in restored.cells)
    assert any("deleted" in n for n in notes) and any("grade id" in n for n in notes)


@pytest.mark.fast
def test_refuses_without_a_sandbox(monkeypatch, tmp_path):
    monkeypatch.setattr(sandbox.shutil, "which", lambda name: None)
    assert not sandbox.probe().ok
    course = pipeline.Course(REPO, tmp_path)
    (tmp_path / "submitted" / "x" / FIRST).mkdir(parents=True)
    with pytest.raises(SystemExit, match="Cannot sandbox"):
        pipeline.grade_class(course, REPO, Options(progress=False), [FIRST])


def test_a_failed_registration_records_nothing(monkeypatch, tmp_path):
    """Submissions start grading while nbgrader registers the assignment; if registering fails,
    the error reaches the instructor and no grade, record or feedback is written."""
    def fail(*_args, **_kwargs):
        raise RuntimeError("nbgrader generate_assignment failed")

    monkeypatch.setattr(pipeline, "register_assignments", fail)
    course = pipeline.Course(REPO, tmp_path)
    for student in ("ann", "ben", "cat"):
        (course.submitted / student / FIRST).mkdir(parents=True)   # no notebook: quick to grade
    with pytest.raises(RuntimeError, match="generate_assignment failed"):
        pipeline.grade_class(course, REPO, Options(workers=1, sandboxed=False, progress=False), [FIRST])
    assert not course.records.exists() and not course.feedback.exists() and not course.gradebook.exists()


@pytest.mark.fast
def test_the_attacks_readme_states_every_attack_and_its_outcome() -> None:
    """course/attacks/README.md's table and the attack files say the same thing."""
    readme = (REPO / "course" / "attacks" / "README.md").read_text()
    rows = {}
    for line in readme.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 5 and cells[0].startswith("`"):
            rows[cells[0].strip("`")] = tuple(cells[1:4])
    for adv in demo.load_adversaries(REPO / "course" / "attacks"):
        assert adv.name in rows, f"course/attacks/README.md does not list `{adv.name}`"
        assert rows[adv.name] == (adv.base, adv.score, adv.status), (
            f"course/attacks/README.md says {rows[adv.name]} for `{adv.name}`, its file says "
            f"{(adv.base, adv.score, adv.status)}")
    assert len(rows) == len(demo.load_adversaries(REPO / "course" / "attacks"))

