"""Grading on a Dask cluster (`autograder.grading.cluster`): the job as data, faults as statuses.

The end-to-end test starts a real scheduler and two worker processes on localhost as the README
says, grades the whole demo class (its attacks included) through them with the README's command,
kills one worker mid-run, and compares every score and status with the local pool's (the session's
`graded_class`, which `tests/test_autograder.py` reads too).
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from concurrent.futures import Future
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

import pytest

from autograder.grading import cache, cluster, export, pipeline
from autograder.grading.assignment import load_assignment
from autograder.grading.job import submission_sha
from autograder.grading.options import MAX_NOTEBOOK_BYTES, Options
from autograder.grading.restore import NotGradable, find_notebook, read_submission
from autograder.grading.result import INFRASTRUCTURE, Result, Status
from tests.conftest import REPO
from tests.demo_class import FIRST, command_env, demo_command


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


@pytest.mark.fast
def test_an_unreachable_scheduler_is_one_clear_message(monkeypatch):
    pytest.importorskip("distributed")
    monkeypatch.setattr(cluster, "CONNECT_TIMEOUT", "2s")
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]          # nothing listens there once closed
    with pytest.raises(SystemExit, match="Cannot reach the Dask scheduler"), cluster.connect(f"tcp://127.0.0.1:{port}", 1):
        pass


# --- the demo class on a real localhost cluster (README, "Grading on a cluster") -------------------

def _start(args: list[str], log: Path) -> subprocess.Popen:
    with log.open("w") as out:
        return subprocess.Popen([sys.executable, "-m", "dask", *args], cwd=REPO, stdout=out, stderr=subprocess.STDOUT)


@pytest.fixture
def localhost_cluster(tmp_path):
    """A scheduler and two worker processes on localhost, started as the README says (`dask
    scheduler`, `dask worker --resources sandbox=1`); `--no-nanny`, so that a killed worker stays dead."""
    pytest.importorskip("distributed")
    import socket
    import time

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    address = f"tcp://127.0.0.1:{port}"
    procs = {"scheduler": _start(["scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"],
                                 tmp_path / "scheduler.log")}
    try:
        deadline = time.monotonic() + 60
        while socket.socket().connect_ex(("127.0.0.1", port)) != 0:
            assert time.monotonic() < deadline, (tmp_path / "scheduler.log").read_text()
            time.sleep(0.5)
        for name in ("w1", "w2"):
            procs[name] = _start(["worker", address, "--name", name, "--nthreads", "1", "--resources", "sandbox=1",
                                  "--no-nanny", "--no-dashboard"], tmp_path / f"{name}.log")
        yield address, procs
    finally:
        for p in reversed(procs.values()):
            p.terminate()
        for p in procs.values():
            try:
                p.wait(30)
            except subprocess.TimeoutExpired:
                p.kill()


@pytest.mark.slow
def test_a_dask_cluster_grades_like_the_local_pool_and_survives_a_lost_worker(graded_class, localhost_cluster, tmp_path):
    """The whole demo class (correct, stub, partial, the first notebook's wrong answers and every
    attack of course/attacks/) graded through a real scheduler and two worker processes gets the
    local pool's scores and statuses (`graded_class`, the same command without `--scheduler`),
    although one worker is killed mid-run: its job runs again on the other, no submission is lost
    and no wrong score is written. What the killed worker left in /tmp goes when the next worker
    starts. A re-run resumes from the records."""
    import signal
    import time

    _, _, expects, local = graded_class
    address, procs = localhost_cluster
    work = tmp_path / "cluster-class"
    cmd = demo_command(work, "--scheduler", address)
    run = subprocess.Popen(cmd, cwd=REPO, env=command_env(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    records = work / "grading" / FIRST
    deadline = time.monotonic() + 900
    while not any("(w1)" in p.read_text() for p in records.glob("*.json")):   # w1 has graded one and took the next
        assert run.poll() is None and time.monotonic() < deadline, "w1 graded nothing"
        time.sleep(0.5)
    procs["w1"].send_signal(signal.SIGKILL)
    out, _ = run.communicate(timeout=2400)
    assert run.returncode == 0, out[-4000:]
    got = {(r.student, r.assignment): r for r in export.load_results(work)}
    assert set(got) == set(local) == {(e.student, e.assignment) for e in expects}
    differ = {k: ((r.score, r.status_text), (local[k].score, local[k].status_text)) for k, r in got.items()
              if (r.score, r.status_text) != (local[k].score, local[k].status_text)}
    assert not differ, "cluster vs local pool:\n" + "\n".join(f"{k}: {a} != {b}" for k, (a, b) in differ.items())
    assert not [r for r in got.values() if r.infrastructure]
    assert any(e.kind == "adversarial" for e in expects)
    workers = {r.worker for r in got.values()}
    assert all(w.startswith("tcp://127.0.0.1:") for w in workers), workers
    assert any("(w2)" in w for w in workers) and any("(w1)" in w for w in workers)
    assert all(r.worker.startswith("local:") for r in local.values())
    # the killed worker's folder (and its sandboxes' cgroups) is an orphan: the next worker sweeps it
    orphans = [f for f in cluster.WORKER_HOMES.glob(cluster.HOME_PREFIX + "*") if not _locked(f / "lock")]
    assert orphans, "the killed worker left no folder: where did its sandboxes live?"
    assert set(orphans) <= set(cluster.sweep_orphans()) and not any(f.exists() for f in orphans)
    # an interrupted class resumes from its records, on the cluster too (the worker's grading key is the parent's)
    (records / "stub.json").unlink()
    proc = subprocess.run(cmd, cwd=REPO, env=command_env(), capture_output=True, text=True, timeout=1800)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert f"{len(expects) - 1} submission(s) already graded and unchanged" in proc.stdout
    again = Result.from_json(json.loads((records / "stub.json").read_text()))
    assert "(w2)" in again.worker and again.score == local[("stub", FIRST)].score


def _locked(lock: Path) -> bool:
    """Whether a live process holds `lock` (a worker's folder's lock file)."""
    import fcntl

    try:
        fd = os.open(lock, os.O_RDWR)
    except OSError:
        return True                     # being made: not an orphan
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        fcntl.flock(fd, fcntl.LOCK_UN)
        return False
    except OSError:
        return True
    finally:
        os.close(fd)
