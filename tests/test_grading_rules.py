"""Fast unit tests of the grading pipeline's rules (no kernel, no demo class): what `review` flags,
which files a sandbox sees, how a class is imported, when a kept result is re-graded, and what
grades.csv says about a submission that was not graded."""
from __future__ import annotations

import nbformat
import pytest

from autograder.grading import job, review
from autograder.grading.assignment import Assignment, load_assignment
from autograder.grading.options import Limits, Options
from autograder.grading.result import Result, Status, TestResult, Verdict

# --- review: only what a statement writes to counts --------------------------------------------------

def _assignment(nb=None, bindings=None) -> Assignment:
    nb = nb or nbformat.v4.new_notebook()
    return Assignment("t", nb, nb, {}, {}, {}, bindings or {"np": ("numpy", None), "torch": ("torch", None)},
                            [], [], "")


def _review(*sources: str) -> list[str]:
    cells = [nbformat.v4.new_code_cell(src, metadata={"nbgrader": {"solution": True, "grade": False, "locked": False,
                                                                    "grade_id": f"answer_{i}"}})
             for i, src in enumerate(sources)]
    return review.review(nbformat.v4.new_notebook(cells=cells), _assignment())


@pytest.mark.fast
@pytest.mark.parametrize("source", [
    "self.priorities[np.asarray(idx)] = priorities",
    "self.q[np.arange(3)] += 1",
    "buf[np.random.randint(0, 5)]: int = 3",
    "x, self.p[np.asarray(i)] = 1, 2",
    "del self.items[np.argmin(self.items)]",
    "for self.i[np.argmax(q)] in range(3): pass",
    "setattr(self, np.str_('x'), 1)",
    "out = np.asarray(x)",
])
def test_review_ignores_protected_names_read_inside_a_target(source):
    assert _review(source) == []


@pytest.mark.fast
@pytest.mark.parametrize("source, flag", [
    ("np.testing.assert_allclose = f", "answer_0 assigns to np.testing.assert_allclose"),
    ("np.x, y = 1, 2", "answer_0 assigns to np.x"),
    ("y, *np.rest = 1, 2, 3", "answer_0 assigns to np.rest"),
    ("[a, (b, torch.manual_seed)] = 1, (2, 3)", "answer_0 assigns to torch.manual_seed"),
    ("np.allclose += 1", "answer_0 assigns to np.allclose"),
    ("np.allclose: object = f", "answer_0 assigns to np.allclose"),
    ("np.random.x[0] = f", "answer_0 assigns to np.random.x[0]"),
    ("del np.testing.assert_allclose", "answer_0 deletes np.testing.assert_allclose"),
    ("del np", "answer_0 deletes `np`"),
    ("np = None", "answer_0 rebinds `np`"),
    ("setattr(np.testing, 'assert_allclose', f)", "answer_0 calls setattr on `np.testing.assert_allclose`"),
    ("delattr(np, name)", "answer_0 calls delattr on `np`"),
])
def test_review_flags_stores_into_protected_modules_by_their_full_name(source, flag):
    assert flag in _review(source)


# --- the files a sandbox sees: exactly what the assignment ships --------------------------------------

def _meta(grade_id: str, *, solution=False, grade_=False, locked=False, points=0) -> dict:
    meta = {"grade_id": grade_id, "solution": solution, "grade": grade_, "locked": locked, "schema_version": 3}
    if grade_:
        meta["points"] = points
    return {"nbgrader": meta}


TINY_SETUP = "import os\nimport numpy as np"
TINY_ANSWER = '''\
def save_and_reload(values):
    """Write a checkpoint next to the notebook and read it back; append to the shipped table."""
    ### BEGIN SOLUTION
    os.makedirs("checkpoints", exist_ok=True)
    with open("checkpoints/best.pt", "wb") as f:     # the instructor left one in release/: must not clash
        f.write(bytes(range(8)))
    np.save("checkpoints/latest.npy", values)
    with open("data/table.txt", "a") as f:           # a shipped file is the student's own copy
        f.write("appended\\n")
    return np.load("checkpoints/latest.npy")
    ### END SOLUTION
'''
TINY_TESTS = {
    "test_writes_beside_the_notebook": "assert (save_and_reload(np.arange(3)) == np.arange(3)).all()\n"
                                       "assert open('checkpoints/best.pt', 'rb').read() == bytes(range(8))",
    "test_sees_what_ships": "assert open('data/table.txt').read().startswith('shipped')\n"
                            "assert open('data/.hidden.pyc').read() == 'kept'",
    "test_sees_nothing_else": "left = sorted(os.path.join(d, f) for d, _, fs in os.walk('.') for f in fs)\n"
                              "assert left == ['./checkpoints/best.pt', './checkpoints/latest.npy', './data/.hidden.pyc', "
                              "'./data/table.txt'], left",
}


def _write(path, text: str | bytes = "x") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text if isinstance(text, bytes) else text.encode())


@pytest.fixture(scope="module")
def tiny_course(tmp_path_factory):
    """A one-exercise course, released with nbgrader as `make release` does, then cluttered as an
    instructor's working copy gets: run outputs in source/, a run's checkpoints and a stray file in
    release/."""
    from autograder.course.release import generate
    from tests.conftest import REPO

    root = tmp_path_factory.mktemp("tiny-course")
    _write(root / "course" / "nbgrader_config.py", (REPO / "course" / "nbgrader_config.py").read_text())
    cells = [nbformat.v4.new_code_cell(TINY_SETUP, metadata=_meta("setup", locked=True)),
             nbformat.v4.new_code_cell(TINY_ANSWER, metadata=_meta("answer", solution=True))]
    cells += [nbformat.v4.new_code_cell(src, metadata=_meta(gid, grade_=True, locked=True, points=1))
              for gid, src in TINY_TESTS.items()]
    src = root / "source" / "t01"
    src.mkdir(parents=True)
    nbformat.write(nbformat.v4.new_notebook(cells=cells, metadata={"kernelspec": {"name": "python3", "display_name": "Python 3",
                                                                                 "language": "python"}}), str(src / "t01.ipynb"))
    _write(src / "data" / "table.txt", "shipped\n")
    _write(src / "data" / ".hidden.pyc", "kept")            # nbgrader's ignore globs skip hidden names
    for clutter in ("model.pt", "checkpoints/best.pt", "data/checkpoints/x.pt", ".ipynb_checkpoints/t01-checkpoint.ipynb",
                    "__pycache__/m.cpython-311.pyc", "data/m.pyc", "feedback/t01.html", "data/other.ipynb"):
        _write(src / clutter)
    generate(root, "t01", root / "release")
    released = {p.relative_to(root / "release" / "t01").as_posix() for p in (root / "release" / "t01").rglob("*") if p.is_file()}
    for stray in ("checkpoints/best.pt", "checkpoints/latest.npy", "stray.txt", "data/notes.txt"):
        _write(root / "release" / "t01" / stray, b"\x00" * 16)
    return root, released


@pytest.mark.fast
def test_assignment_files_are_what_nbgrader_releases(tiny_course):
    root, released = tiny_course
    a = load_assignment(root, "t01")
    assert set(a.files) == released - {"t01.ipynb"} == {"data/table.txt", "data/.hidden.pyc"}
    assert all(path.is_relative_to(root / "source" / "t01") for path in a.files.values())


@pytest.mark.fast
def test_nbgrader_ignore_defaults_are_nbgraders():
    from nbgrader.coursedir import CourseDirectory

    from autograder.course.release import NBGRADER_IGNORE

    assert CourseDirectory().ignore == NBGRADER_IGNORE


@pytest.mark.slow
@pytest.mark.parametrize("sandboxed", [True, False], ids=["sandbox", "no-sandbox"])
def test_nothing_left_in_release_changes_a_grade(tiny_course, tmp_path, monkeypatch, sandboxed):
    """The notebook's folder holds exactly the shipped files, and is writable: a checkpoint named
    like one the instructor left in release/ is written and read back, and the score is full."""
    from autograder.grading import sandbox
    from autograder.proof.contract import solution_submission

    support = sandbox.probe() if sandboxed else None
    if support is not None and not support.ok:
        pytest.skip("this machine cannot sandbox: " + support.reason)
    root, _ = tiny_course
    monkeypatch.setattr(job, "_ASSIGNMENTS", {})
    a = load_assignment(root, "t01")
    folder = tmp_path / "submitted" / "ann" / "t01"
    folder.mkdir(parents=True)
    nbformat.write(solution_submission(a.source, a.release), str(folder / "t01.ipynb"))
    one = job.Job(student="ann", assignment="t01", folder=str(folder), run_dir=str(tmp_path / "run"),
                  autograded=str(tmp_path / "autograded"), limits=Limits(memory_mb=2048, disk_mb=64), sandboxed=sandboxed,
                  pids_cgroup=str(support.pids_cgroup) if support is not None and support.pids_cgroup else None,
                  cell_timeout=60, notebook_timeout=120)
    (tmp_path / "run").mkdir()
    res = job.grade_job(str(root), one)
    assert (res.status, res.score) == (Status.GRADED, 3), [t.message for t in res.tests]
    assert (root / "source" / "t01" / "data" / "table.txt").read_text() == "shipped\n"


# --- import: a zip and a folder give the same students; nothing is dropped silently -------------------

A = "01_training_loop"
CLASS = {   # path in the class folder -> what the import must do with it
    "alice/submission.ipynb": "alice",
    "bob/submission.ipynb": "bob",
    "carol.ipynb": "carol",
    f"dave_{A}.ipynb": "dave",
    f"erin/{A}.ipynb": "erin",
    "frank/x.ipynb": "one of 2 notebooks for frank",
    "frank/y.ipynb": "one of 2 notebooks for frank",
    "gus.ipynb": "one of 2 notebooks for gus",
    "gus/gus.ipynb": "one of 2 notebooks for gus",
    "hana/notes.txt": "not a notebook",
    "Ida Smith.ipynb": "not a valid student id",
    "deep/jo/x.ipynb": "nested too deep",
    f"{A}.ipynb": "names no student",
    ".DS_Store": None,                                   # skipped and counted, not a problem
    "alice/.ipynb_checkpoints/submission-checkpoint.ipynb": None,
}


def _nb_bytes(tag: str) -> bytes:
    return nbformat.writes(nbformat.v4.new_notebook(metadata={"who": tag})).encode()


def _class_folder(root, prefix=""):
    for rel in CLASS:
        _write(root / prefix / rel, _nb_bytes(rel) if rel.endswith(".ipynb") else b"x")
    return root


def _class_zip(path, prefix=""):
    import zipfile

    with zipfile.ZipFile(path, "w") as z:
        for rel in CLASS:
            z.writestr(prefix + rel, _nb_bytes(rel) if rel.endswith(".ipynb") else b"x")
    return path


def _expected(prefix=""):
    students = sorted(v for v in CLASS.values() if v and " " not in v)
    problems = {prefix + k: v for k, v in CLASS.items() if v and " " in v}
    return students, problems


@pytest.mark.fast
@pytest.mark.parametrize("make", ["folder", "zip", "zip of the folder", "folder holding the folder"])
def test_import_zip_and_folder_give_the_same_students_and_report(tmp_path, make):
    from autograder.grading.importer import import_notebooks

    prefix = "class/" if make in ("zip of the folder", "folder holding the folder") else ""
    if make.startswith("folder"):
        source = _class_folder(tmp_path / "in", prefix)
    else:
        source = _class_zip(tmp_path / "class.zip", prefix)
    got = import_notebooks(source, A, tmp_path / "submitted")
    students, problems = _expected(prefix)
    assert got.students == students
    assert len(got.problems) == len(problems), got.problems
    for line in got.problems:
        name, _, why = line.partition(": ")
        assert problems[name] in why, line
    assert len(got.skipped) == 2
    for student in students:   # each student's own notebook, under the assignment's name
        nb = nbformat.read(str(tmp_path / "submitted" / student / A / f"{A}.ipynb"), as_version=4)
        assert CLASS[nb.metadata["who"]] == student
    assert sorted(p.name for p in (tmp_path / "submitted").iterdir()) == students


@pytest.mark.fast
def test_import_zip_of_student_folders_is_not_one_student(tmp_path):
    """The reported case: alice/submission.ipynb and bob/submission.ipynb are alice and bob."""
    import zipfile

    from autograder.grading.importer import import_notebooks

    with zipfile.ZipFile(tmp_path / "class.zip", "w") as z:
        z.writestr("alice/submission.ipynb", _nb_bytes("a"))
        z.writestr("bob/submission.ipynb", _nb_bytes("b"))
    got = import_notebooks(tmp_path / "class.zip", A, tmp_path / "submitted")
    assert (got.students, got.problems) == (["alice", "bob"], [])
    with zipfile.ZipFile(tmp_path / "alice.zip", "w") as z:     # one student's folder stays that student's
        z.writestr("alice/submission.ipynb", _nb_bytes("a"))
    assert import_notebooks(tmp_path / "alice.zip", A, tmp_path / "s2").students == ["alice"]


@pytest.mark.fast
def test_import_command_lists_what_it_did_not_place_and_fails(tmp_path, capsys, monkeypatch):
    import os
    import zipfile

    from autograder import cli

    monkeypatch.setenv("PATH", os.environ["PATH"])     # cli.main puts the environment's bin/ first
    _class_zip(tmp_path / "class.zip")
    with pytest.raises(SystemExit) as exit_:
        cli.main(["import", str(tmp_path / "class.zip"), "-a", A, "--no-grade", "--work", str(tmp_path / "work")])
    assert exit_.value.code not in (0, None)
    out = capsys.readouterr().out
    assert "Imported 5 notebook(s)" in out and "NOT imported (" in out
    for name in _expected()[1]:
        assert f"  {name}: " in out, name
    ok = tmp_path / "ok.zip"
    with zipfile.ZipFile(ok, "w") as z:
        z.writestr("alice/submission.ipynb", _nb_bytes("a"))
    cli.main(["import", str(ok), "-a", A, "--no-grade", "--work", str(tmp_path / "work")])   # no SystemExit: all placed


# --- the cache: a kept result was graded by this grader, these helpers and these options ---------------

@pytest.mark.fast
def test_grader_files_are_the_code_that_grades():
    from autograder.grading import cache

    files = cache.grader_files()
    assert {"autograder/grading/job.py", "autograder/grading/harness.py", "autograder/grading/sandbox.py", "helpers/__init__.py",
            "helpers/checks.py"} <= set(files)
    assert all(path.is_file() for path in files.values())


@pytest.mark.fast
def test_grading_key_follows_code_and_score_options(tmp_path, monkeypatch):
    from dataclasses import replace

    from autograder.grading import cache

    code = {"autograder/grading/job.py": tmp_path / "job.py", "helpers/checks.py": tmp_path / "checks.py"}
    for path in code.values():
        path.write_text("x = 1\n")
    monkeypatch.setattr(cache, "grader_files", lambda: code)
    opts = Options()
    key = cache.grading_key(opts)
    assert cache.grading_key(replace(opts, workers=7, force=True, progress=False)) == key
    for changed in (replace(opts, cell_timeout=30.0), replace(opts, notebook_timeout=60.0),
                    replace(opts, sandboxed=False), replace(opts, limits=Limits(memory_mb=1024)),
                    replace(opts, limits=Limits(disk_mb=64))):
        assert cache.grading_key(changed) != key, changed
    for path in code.values():
        before = path.read_text()
        path.write_text("x = 2\n")
        assert cache.grading_key(opts) != key, path
        path.write_text(before)
    assert cache.grading_key(opts) == key


@pytest.mark.fast
def test_a_record_is_kept_only_with_the_same_key(tmp_path):
    import json

    from autograder.grading import cache, pipeline

    course = pipeline.Course(tmp_path, tmp_path / "work")
    folder = course.submitted / "ann" / "t01"
    folder.mkdir(parents=True)
    nbformat.write(nbformat.v4.new_notebook(), str(folder / "t01.ipynb"))
    a = _assignment()
    a.source_sha = "s" * 64
    result = Result(student="ann", assignment="t01", score=1.0, max_score=1.0, auto_max=1.0, source_sha=a.source_sha,
                    submission_sha=job.submission_sha(folder, "t01"), version="key-1")
    cache.write_record(course.records, result)
    assert cache.up_to_date(course.records, course.submitted, "ann", "t01", a, "key-1") is not None
    assert cache.up_to_date(course.records, course.submitted, "ann", "t01", a, "key-2") is None      # another grader or options
    a.source_sha = "t" * 64
    assert cache.up_to_date(course.records, course.submitted, "ann", "t01", a, "key-1") is None      # another assignment
    old = result.to_json() | {"version": "1"}                                   # a record from before keys
    (course.records / "t01" / "ann.json").write_text(json.dumps(old))
    a.source_sha = "s" * 64
    assert cache.up_to_date(course.records, course.submitted, "ann", "t01", a, "key-1") is None


@pytest.mark.fast
def test_a_changed_shipped_file_is_another_assignment(tiny_course, tmp_path):
    import shutil

    root, _ = tiny_course
    copy = tmp_path / "copy"
    shutil.copytree(root / "source", copy / "source")
    shutil.copytree(root / "release", copy / "release")
    shutil.copytree(root / "course", copy / "course")
    before = load_assignment(copy, "t01").source_sha
    assert load_assignment(copy, "t01").source_sha == before
    (copy / "source" / "t01" / "data" / "table.txt").write_text("shipped, version 2\n")
    assert load_assignment(copy, "t01").source_sha != before


# --- grades.csv: not graded is an empty score, never 0 ----------------------------------------------

def _results() -> list[Result]:
    def tests(*verdicts):
        return [TestResult(f"test_{i}", 1.0, 1.0 if v == "passed" else 0.0, Verdict(v), "" if v == "passed" else
                           "Likely mistake: the loss is not averaged") for i, v in enumerate(verdicts)]

    def result(student, status, score, verdicts):
        status, reason = Status.parse(status)
        return Result(student=student, assignment="t01", status=status, reason=reason, score=score, max_score=3.0,
                      auto_max=3.0, tests=tests(*verdicts))

    return [
        result("ann", "graded", 2.0, ("passed", "passed", "failed")),
        result("ben", "not graded: the kernel died while running cell #4 (answer); only the 1 test(s) "
                      "before it were scored", 1.0, ("passed", "not run", "not run")),
        result("cat", "not graded: missing notebook: no t01.ipynb was submitted", 0.0, ("not run", "not run", "not run")),
        result("dan", "graded", 0.0, ("failed", "failed", "failed")),
    ]


@pytest.mark.fast
def test_records_keep_the_status_text_and_read_back():
    """A record holds the status as grades.csv shows it, and reads back as the same enum and reason."""
    for r in _results():
        data = r.to_json()
        assert data["status"] == r.status_text and "reason" not in data
        assert all(isinstance(t["verdict"], str) for t in data["tests"])
        back = Result.from_json(data)
        assert (back.status, back.reason, back.tests) == (r.status, r.reason, r.tests)
    assert Status.parse("needs manual grading: written answers (quiz)") == (Status.NEEDS_MANUAL, "written answers (quiz)")


@pytest.mark.fast
def test_grades_csv_leaves_the_score_of_a_submission_not_graded_empty(tmp_path):
    import csv

    from autograder.grading import export, pipeline

    grades, summary = export.write(_results(), tmp_path)
    rows = {r["student"]: r for r in csv.DictReader(grades.open())}
    assert {s: r["score"] for s, r in rows.items()} == {"ann": "2", "ben": "", "cat": "", "dan": "0"}
    assert rows["ben"]["status"].startswith("not graded: the kernel died")
    by_test = {r["exercise"]: r for r in csv.DictReader(summary.open())}
    assert {t: (r["failed"], r["graded"]) for t, r in by_test.items()} == {"test_0": ("1", "2"), "test_1": ("1", "2"),
                                                                          "test_2": ("2", "2")}
    table = pipeline.summary_table(_results(), pipeline.Course(tmp_path, tmp_path / "none"))
    lines = {line.split()[0]: line for line in table.splitlines() if line.split() and line.split()[0] in rows}
    assert "  - / 3  not graded" in lines["ben"] and "  2 / 3  graded" in lines["ann"] and "  0 / 3  graded" in lines["dan"]
    assert "not graded: 2" in table and "graded: 2" in table


@pytest.mark.fast
def test_grades_csv_takes_a_score_given_by_hand_in_the_gradebook():
    from autograder.grading import export

    scores = {("ben", "t01"): (2.5, False), ("cat", "t01"): (0.0, True), ("ann", "t01"): (2.0, False)}
    rows = {r["student"]: r for r in export.rows(_results(), scores)}
    assert rows["ben"]["score"] == "2.5" and rows["ben"]["status"].startswith("graded: by hand in the gradebook (not graded:")
    assert rows["cat"]["score"] == "" and rows["cat"]["status"].startswith("not graded")
    assert rows["ann"]["score"] == "2"


# --- what nbgrader already knows: the course's cell predicates and the per-cell time limit -----------

@pytest.mark.fast
def test_cell_predicates_are_nbgraders(repo):
    """`autograder.course.cells` answers as nbgrader.utils does on every cell of the course (it is
    hand-written only to keep nbgrader's import out of every grading worker)."""
    from nbgrader import utils

    from autograder.course import cells as C
    from autograder.course.syllabus import syllabus

    for nb_info in syllabus(repo):
        for path in (nb_info.source(repo), nb_info.release(repo)):
            for cell in nbformat.read(str(path), as_version=4).cells:
                assert C.is_answer(cell) == utils.is_solution(cell)
                assert C.is_test(cell) == (utils.is_grade(cell) and not utils.is_solution(cell) and cell.cell_type == "code")
                assert C.is_manual(cell) == (utils.is_grade(cell) and utils.is_solution(cell))


@pytest.mark.fast
def test_nbgrader_config_has_the_graders_cell_timeout(repo):
    from traitlets.config.loader import PyFileConfigLoader

    from autograder.grading.options import CELL_TIMEOUT

    config = PyFileConfigLoader("nbgrader_config.py", path=str(repo / "course")).load_config()
    assert config.Execute.timeout == CELL_TIMEOUT


# --- the guard: nothing of it a student's code can reach ------------------------------------------------

@pytest.mark.fast
def test_the_guard_has_no_class_and_its_stand_ins_no_global_name():
    """`object.__subclasses__()` would find a class of the grader, and a stand-in installed in
    `_signal` or `_imp` that looked up a global name would read it from a dict its caller can reach."""
    import ast
    import builtins
    import dis
    from pathlib import Path

    grading = Path(job.__file__).parent
    for name in ("guard.py", "guard_state.py", "guard_tests.py", "guard_sealed.py", "harness.py"):
        tree = ast.parse((grading / name).read_text())
        assert not [n.name for n in ast.walk(tree) if isinstance(n, ast.ClassDef)], f"{name} defines a class"
    namespace = {"__builtins__": builtins}
    exec(compile((grading / "guard_sealed.py").read_text(), str(grading / "guard_sealed.py"), "exec"), namespace)
    for name in ("hook_outside", "_signal_stand_in", "_mask_stand_in", "_create_builtin_stand_in"):
        stand_in = namespace["seal"](namespace[name], None, None)
        globals_used = [i.argval for i in dis.get_instructions(stand_in) if i.opname in ("LOAD_GLOBAL", "LOAD_NAME")]
        assert not globals_used, f"{name} looks up {globals_used}"
        assert stand_in.__globals__ == {"__builtins__": {}}
        assert stand_in.__code__.co_posonlyargcount == stand_in.__code__.co_argcount   # no default replaced by keyword
