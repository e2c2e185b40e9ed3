"""An LMS's downloads come in and its gradebook import goes out (autograder.grading.lms, importer, cli)."""
from __future__ import annotations

import csv
import os
import re
import zipfile

import nbformat
import pytest

A = "01_training_loop"


def _nb(tag: str) -> bytes:
    return nbformat.writes(nbformat.v4.new_notebook(metadata={"who": tag})).encode()


def _canvas_zip(path, names):
    with zipfile.ZipFile(path, "w") as z:
        for name in names:
            z.writestr(name, _nb(name) if name.endswith(".ipynb") else b"x")
    return path


def _who(submitted, student) -> str:
    return nbformat.read(str(submitted / student / A / f"{A}.ipynb"), as_version=4).metadata["who"]


CANVAS = [
    "smithjane_12345_6789012_01_training_loop.ipynb",
    "smithjane_LATE_12345_6789013_01_training_loop-1.ipynb",      # a resubmission, late
    "smithjane_LATE_12345_6789014_01_training_loop-2.ipynb",      # the latest one
    "doejohn_23456_6789020_my notebook.ipynb",                    # any uploaded name
    "leeann_34567_6789030_01_training_loop.py",                   # not a notebook
]


@pytest.mark.fast
def test_canvas_download_names_give_the_canvas_name_and_keep_the_latest_attempt(tmp_path):
    from autograder.grading.importer import import_notebooks

    got = import_notebooks(_canvas_zip(tmp_path / "c.zip", CANVAS), A, tmp_path / "submitted")
    assert got.students == ["doejohn", "smithjane"]
    assert _who(tmp_path / "submitted", "smithjane") == CANVAS[2]
    assert [line.split(": ")[0] for line in got.superseded] == CANVAS[:2]
    assert all("superseded by " + CANVAS[2] in line for line in got.superseded)
    assert got.late == ["smithjane"]
    assert got.problems == [f"{CANVAS[4]}: not a notebook"]


@pytest.mark.fast
def test_a_roster_maps_canvas_ids_to_students_and_reports_the_unknown(tmp_path):
    from autograder.grading import lms
    from autograder.grading.importer import Names, import_notebooks

    roster_csv = tmp_path / "roster.csv"
    roster_csv.write_text("lms_id,student,name\n12345,jsmith,\"Smith, Jane\"\n")
    roster = lms.read_roster(roster_csv)
    names = Names(lms.CANVAS, False, {m.lms_id: m.student for m in roster.members})
    got = import_notebooks(_canvas_zip(tmp_path / "c.zip", CANVAS[:4]), A, tmp_path / "submitted", names)
    assert got.students == ["jsmith"]
    assert _who(tmp_path / "submitted", "jsmith") == CANVAS[2]
    assert got.problems == [f"{CANVAS[3]}: LMS id '23456' is not in the roster"]


@pytest.mark.fast
def test_two_canvas_users_with_one_name_are_not_merged(tmp_path):
    from autograder.grading.importer import import_notebooks

    files = ["leeann_111_1_a.ipynb", "leeann_222_2_a-1.ipynb"]
    got = import_notebooks(_canvas_zip(tmp_path / "c.zip", files), A, tmp_path / "submitted")
    assert got.students == [] and len(got.problems) == 2 and not got.superseded
    assert all("LMS users 111, 222 are all student leeann" in p for p in got.problems)


@pytest.mark.fast
def test_a_pattern_names_student_and_attempt_and_every_other_notebook_is_reported(tmp_path):
    from autograder.grading import lms
    from autograder.grading.importer import Names, import_notebooks

    pattern = r"(?P<student>[a-z]+)/attempt(?P<attempt>\d+)\.ipynb"
    files = ["ann/attempt1.ipynb", "ann/attempt3.ipynb", "ann/attempt2.ipynb", "bob/attempt1.ipynb", "cat.ipynb"]
    got = import_notebooks(_canvas_zip(tmp_path / "p.zip", files), A, tmp_path / "submitted",
                           Names(lms.name_pattern(pattern), True))
    assert got.students == ["ann", "bob"] and _who(tmp_path / "submitted", "ann") == "ann/attempt3.ipynb"
    assert len(got.superseded) == 2
    assert got.problems == [f"cat.ipynb: does not match --pattern {pattern}"]
    with pytest.raises(SystemExit, match="no named group `student`"):
        lms.name_pattern(r"(?P<who>\w+)\.ipynb")


@pytest.mark.fast
def test_plain_names_are_unchanged_by_the_canvas_rule(tmp_path):
    from autograder.grading.importer import import_notebooks

    files = ["alice.ipynb", f"bob_{A}.ipynb", "carol/x.ipynb", "dave_12_training.ipynb"]
    got = import_notebooks(_canvas_zip(tmp_path / "p.zip", files), A, tmp_path / "submitted")
    assert got.students == ["alice", "bob", "carol", "dave_12_training"] and not got.problems


@pytest.mark.fast
def test_import_command_reads_the_roster_and_reports_dropped_attempts(tmp_path, capsys, monkeypatch):
    from autograder import cli

    monkeypatch.setenv("PATH", os.environ["PATH"])
    (tmp_path / "roster.csv").write_text("lms_id,student\n12345,jsmith\n23456,jdoe\n")
    zip_ = _canvas_zip(tmp_path / "c.zip", CANVAS[:4])
    cli.main(["import", str(zip_), "-a", A, "--no-grade", "--work", str(tmp_path / "work"),
              "--roster", str(tmp_path / "roster.csv")])
    out = capsys.readouterr().out
    assert "Imported 2 notebook(s) for 01_training_loop: jdoe, jsmith" in out
    assert "Older attempts not imported (2;" in out and f"  {CANVAS[0]}: attempt 0 of jsmith" in out
    assert "Marked late by the LMS: jsmith" in out


@pytest.mark.fast
def test_roster_faults_are_one_message(tmp_path):
    from autograder.grading import lms

    bad = tmp_path / "r.csv"
    bad.write_text("id,student\n1,a\n")
    with pytest.raises(SystemExit, match="lacks the column"):
        lms.read_roster(bad)
    bad.write_text("lms_id,student\n1,a\n1,b\n")
    with pytest.raises(SystemExit, match="line 3"):
        lms.read_roster(bad)


@pytest.mark.fast
def test_canvas_gradebook_leaves_not_graded_empty_and_uses_canvas_ids(tmp_path):
    from autograder.grading import lms

    (tmp_path / "roster.csv").write_text(
        "lms_id,student,name,sis_user_id,sis_login_id,section\n"
        "12345,jsmith,\"Smith, Jane\",S1,jsmith@u.edu,A\n23456,jdoe,\"Doe, John\",S2,jdoe@u.edu,A\n"
        "34567,alee,\"Lee, Ann\",S3,alee@u.edu,B\n")
    rows = [{"student": "jsmith", "assignment": A, "score": "17.5"},
            {"student": "jdoe", "assignment": A, "score": ""},               # not graded
            {"student": "jdoe", "assignment": "02_nn_module", "score": "0"},
            {"student": "ghost", "assignment": A, "score": "3"}]
    out = tmp_path / "canvas.csv"
    unknown = lms.write_canvas_gradebook(out, rows, lms.read_roster(tmp_path / "roster.csv"), [A, "02_nn_module"],
                                         {A: 20.0, "02_nn_module": 18.0})
    assert unknown == ["ghost"]
    table = list(csv.reader(out.open()))
    assert table[0] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", A, "02_nn_module"]
    assert table[1] == ["Points Possible", "", "", "", "", "20", "18"]
    assert table[2:] == [["Doe, John", "23456", "S2", "jdoe@u.edu", "A", "", "0"],
                         ["Lee, Ann", "34567", "S3", "alee@u.edu", "B", "", ""],
                         ["Smith, Jane", "12345", "S1", "jsmith@u.edu", "A", "17.5", ""]]


@pytest.mark.fast
def test_export_command_writes_the_canvas_csv(tmp_path, capsys, monkeypatch):
    from autograder import cli
    from autograder.grading import cache
    from tests.test_grading_rules import _results

    monkeypatch.setenv("PATH", os.environ["PATH"])
    work = tmp_path / "work"
    for r in _results():
        r.assignment = A
        cache.write_record(work / "grading", r)
    (tmp_path / "roster.csv").write_text("lms_id,student\n1,ann\n2,ben\n3,cat\n4,dan\n")
    cli.main(["export", "--work", str(work), "--canvas", str(tmp_path / "c.csv"), "--roster", str(tmp_path / "roster.csv")])
    table = list(csv.reader((tmp_path / "c.csv").open()))
    col = table[0].index(A)
    assert {r[1]: r[col] for r in table[2:]} == {"1": "2", "2": "", "3": "", "4": "0"}
    assert re.search(r"Canvas gradebook: .*c\.csv", capsys.readouterr().out)
