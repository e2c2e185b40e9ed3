"""Grading on a Dask cluster (`autograder.grading.cluster`): the job as data, faults as statuses.

The end-to-end test (a real scheduler and two worker processes on localhost, one killed during
the run, the demo class compared with the local pool's) is in tests/test_autograder.py, beside the
local pool's run it compares with.
"""
from __future__ import annotations

import json
import os
import sys
from concurrent.futures import Future
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

import pytest

from autograder.grading import cache, cluster, pipeline
from autograder.grading.assignment import load_assignment
from autograder.grading.job import submission_sha
from autograder.grading.options import MAX_NOTEBOOK_BYTES, Options
from autograder.grading.restore import NotGradable, find_notebook, read_submission
from autograder.grading.result import INFRASTRUCTURE, Result, Status
from tests.conftest import REPO
from tests.test_autograder import FIRST


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "submitted" / "ann" / FIRST
    folder.mkdir(parents=True)
    (folder / f"{FIRST}.ipynb").write_bytes((REPO / "release" / FIRST / f"{FIRST}.ipynb").read_bytes())
    (folder / "notes.txt").write_text("hidden from the grader anyway")
    (folder / "data").mkdir()
    (folder / "link.ipynb").symlink_to("/etc/passwd")
    return folder


@pytest.mark.fast
def test_a_parcel_unpacks_to_what_the_grader_sees_on_the_parent(tmp_path):
    folder = _folder(tmp_path)
    a = load_assignment(REPO, FIRST)
    parcel = cluster.pack(folder, "ann", FIRST, Options(), "key", a.source_sha, REPO)
    assert set(parcel.notebooks) == {f"{FIRST}.ipynb"} and parcel.others == {"notes.txt": "file", "data": "dir", "link.ipynb": "link"}
    out = tmp_path / "worker" / FIRST
    cluster.unpack(parcel, out)
    assert find_notebook(out, FIRST)[1] == find_notebook(folder, FIRST)[1]    # the same notes about the extra files
    assert submission_sha(out, FIRST) == submission_sha(folder, FIRST)
    assert (out / "notes.txt").read_text() == "" and (out / "link.ipynb").readlink() == Path("/dev/null")


@pytest.mark.fast
def test_a_notebook_over_the_limit_is_not_sent_and_still_refused(tmp_path):
    folder = tmp_path / "big"
    folder.mkdir()
    big = folder / f"{FIRST}.ipynb"
    with big.open("wb") as f:
        f.truncate(MAX_NOTEBOOK_BYTES + 1)
    parcel = cluster.pack(folder, "ann", FIRST, Options(), "key", "sha", REPO)
    assert parcel.notebooks[big.name] == b""
    out = tmp_path / "worker"
    cluster.unpack(parcel, out)
    with pytest.raises(NotGradable, match="larger than"):
        read_submission(out / big.name)


@pytest.mark.fast
def test_a_worker_with_another_grader_or_course_grades_nothing(tmp_path):
    """A worker whose grader key or assignment differs from the parent's returns an infrastructure
    status instead of a score (same checkout, same environment, or no grading)."""
    a = load_assignment(REPO, FIRST)
    opts = Options(sandboxed=False)
    parcel = cluster.pack(_folder(tmp_path), "ann", FIRST, opts, "not the worker's key", a.source_sha, REPO)
    got = cluster.grade_parcel(parcel)
    assert got.result.infrastructure and "other grader code" in got.result.reason and got.notebook is None
    got = cluster.grade_parcel(replace(parcel, key=cache.grading_key(opts), source_sha="another"))
    assert got.result.infrastructure and "another version" in got.result.reason
    assert got.result.status_text.startswith(f"not graded: {INFRASTRUCTURE}")


@pytest.mark.fast
def test_a_lost_worker_is_a_status_and_the_next_run_grades_it_again(monkeypatch, tmp_path):
    """A job whose worker failed (what Dask gives up on after its retries, or a broken process
    pool) is recorded as `not graded: grader infrastructure (...)`, never a score, and that
    record is not kept: the next run grades the submission again."""
    course = pipeline.Course(REPO, tmp_path)
    for student in ("ann", "ben"):
        (course.submitted / student / FIRST).mkdir(parents=True)

    class LostWorkers:
        def submit(self, *args, **kwargs):
            f = Future()
            f.set_exception(RuntimeError("Attempted to run task on a worker that died 3 times"))
            return f

        def shutdown(self, wait=True):
            pass

    @contextmanager
    def lost(opts, jobs, log):
        yield LostWorkers()

    monkeypatch.setattr(pipeline, "_executor", lost)
    monkeypatch.setattr(pipeline, "register_assignments", lambda *a, **k: None)
    monkeypatch.setattr(pipeline, "record", lambda *a, **k: None)
    monkeypatch.setenv("PATH", f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")   # nbgrader runs alembic
    opts = Options(workers=1, sandboxed=False, progress=False, scheduler="tcp://127.0.0.1:1")
    results = pipeline.grade_class(course, REPO, opts, [FIRST])
    assert [r.status_text.split(" (")[0] for r in results] == [f"not graded: {INFRASTRUCTURE}"] * 2
    assert all(r.score == 0 and r.infrastructure and "died 3 times" in r.reason for r in results)
    saved = Result.from_json(json.loads(cache.record_path(course.records, "ann", FIRST).read_text()))
    assert saved.status is Status.NOT_GRADED and saved.infrastructure
    a = load_assignment(REPO, FIRST)
    kept, todo = pipeline._kept(course, [("ann", FIRST)], {FIRST: a}, saved.version, force=False)
    assert not kept and todo == [("ann", FIRST)]


@pytest.mark.fast
def test_without_dask_the_flag_says_what_to_install(monkeypatch):
    import builtins

    real = builtins.__import__

    def no_dask(name, *args, **kwargs):
        if name == "distributed":
            raise ImportError(name)
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_dask)
    with pytest.raises(SystemExit, match=r"\.\[cluster\]"), cluster.connect("local", 1):
        pass
