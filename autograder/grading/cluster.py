"""Grading on a Dask cluster (``--scheduler local`` or ``--scheduler tcp://HOST:PORT``).

The job travels as data: `pack` reads a submission's folder into a `Parcel` (the notebooks' bytes,
the other entries' names, the assignment's name, the score-changing options, and what the parent
expects the worker's grader and course to be); `grade_parcel` runs on a worker: it writes the
files into a private temporary folder, grades them with `job.grade_job` in the worker's own
sandbox, and returns a `Graded` (the result, the executed notebook's bytes, the worker's address).
Each worker process keeps one folder under /tmp while it lives (`worker_home`), so that its warm
sandbox (`warm_sandbox`) serves one parcel after another; what a killed worker left behind there
(its folder, its sandboxes' cgroups) is removed by the next worker that starts (`sweep_orphans`).
Workers write nothing the parent keeps: the parent alone writes the executed notebook, the
gradebook, the feedback, the records and the CSVs (`pipeline`).

`connect` opens the executor: a `distributed.LocalCluster` on this machine for ``local`` (one
worker process per sandbox, bound to 127.0.0.1), or a `distributed.Client` of a running scheduler;
either way `Client.get_executor` gives `concurrent.futures` futures, so the pipeline's loop is the
one it uses for its process pool. Each task asks for one unit of the workers' ``sandbox``
resource (``dask worker --resources sandbox=N`` caps how many a worker runs at once).

Faults: a worker lost mid-job is Dask's to handle: the scheduler runs the task again on another
worker (up to ``distributed.scheduler.allowed-failures`` times, 3 by default); a task that raises is
retried `RETRIES` times. What still fails comes back as an exception, which the pipeline records
as ``not graded: grader infrastructure (...)``, a record the next run grades again. A student's
time-out, kernel death or memory bomb is a status that `grade_job` returns, never an exception,
so it is never retried. A worker whose grader code, `helpers` or course differs from the parent's
(another checkout, another environment) grades nothing: its result is an infrastructure status.

Dask is an optional extra (``pip install .[cluster]``, pinned in pyproject.toml and
requirements.txt); nothing here imports it until a scheduler is asked for.
"""
from __future__ import annotations

import atexit
import fcntl
import os
import shutil
import socket
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from autograder.grading.options import MAX_NOTEBOOK_BYTES, Limits, Options
from autograder.grading.result import INFRASTRUCTURE, Result, Status

RESOURCE = "sandbox"        # the worker resource each grading task takes one unit of
CONNECT_TIMEOUT = "60s"     # how long to try reaching a scheduler (it may still be starting)
RETRIES = 2                 # re-runs of a task that raised (a lost worker is rescheduled by Dask itself)
WORKER_HOMES = Path("/tmp")  # where each worker process keeps its folder (`worker_home`)
HOME_PREFIX = "dqn-worker-"


@dataclass(frozen=True, kw_only=True)
class Parcel:
    """One submission as data, with what a worker needs to grade it as the parent would."""

    student: str
    assignment: str
    notebooks: dict[str, bytes]         # the folder's *.ipynb files (a larger one than the limit: empty, `sizes` keeps its size)
    sizes: dict[str, int]               # the notebooks' sizes on the parent
    others: dict[str, str]              # every other entry: name -> "file", "dir" or "link" (the grader ignores their contents)
    limits: Limits
    sandboxed: bool
    cell_timeout: float
    notebook_timeout: float
    key: str                            # the parent's grading key: the worker's must match
    source_sha: str                     # the parent's assignment: the worker's course must match
    root: str                           # the course's root on the parent (a worker may set DQN_COURSE_ROOT instead)


@dataclass
class Graded:
    """What comes back from a worker."""

    result: Result
    notebook: bytes | None = None       # the executed notebook (None: nothing was run)
    worker: str = ""
    notes: list[str] = field(default_factory=list)


def pack(folder: Path, student: str, assignment: str, opts: Options, key: str, source_sha: str, root: Path) -> Parcel:
    """`folder` (submitted/<student>/<assignment>/) as a `Parcel`."""
    notebooks, sizes, others = {}, {}, {}
    if folder.is_dir():
        for p in sorted(folder.iterdir()):
            if p.is_symlink():
                others[p.name] = "link"
            elif p.is_dir():
                others[p.name] = "dir"
            elif p.suffix == ".ipynb" and p.is_file():
                sizes[p.name] = p.stat().st_size
                notebooks[p.name] = p.read_bytes() if sizes[p.name] <= MAX_NOTEBOOK_BYTES else b""
            else:
                others[p.name] = "file"
    return Parcel(student=student, assignment=assignment, notebooks=notebooks, sizes=sizes, others=others,
                  limits=opts.limits, sandboxed=opts.sandboxed, cell_timeout=opts.cell_timeout,
                  notebook_timeout=opts.notebook_timeout, key=key, source_sha=source_sha, root=str(root))


def unpack(parcel: Parcel, folder: Path) -> None:
    """Write `parcel`'s submission into `folder` as the grader will see it (names as on the parent)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in parcel.notebooks.items():
        path = folder / Path(name).name
        path.write_bytes(data)
        if len(data) < parcel.sizes.get(name, 0):        # too large to send: same size, still refused
            os.truncate(path, parcel.sizes[name])
    for name, kind in parcel.others.items():
        path = folder / Path(name).name
        if kind == "dir":
            path.mkdir(exist_ok=True)
        elif kind == "link":
            path.symlink_to("/dev/null")
        else:
            path.touch()


def infrastructure(student: str, assignment: str, why: str, *, max_score: float = 0.0, auto_max: float = 0.0,
                   tests: list | None = None, source_sha: str = "") -> Result:
    """A result that says the grader's machinery, not the student, failed."""
    return Result(student=student, assignment=assignment, status=Status.NOT_GRADED, reason=f"{INFRASTRUCTURE} ({why})",
                  max_score=max_score, auto_max=auto_max, tests=tests or [], source_sha=source_sha)


# --- on the worker ----------------------------------------------------------------------------------

_KEYS: dict[tuple, str] = {}
_SANDBOX: list = []


def _worker_name() -> str:
    """The Dask worker's address, with its ``--name`` when it has one."""
    try:
        from distributed import get_worker

        w = get_worker()
    except (ImportError, ValueError):
        return f"local:{socket.gethostname()}:{os.getpid()}"
    return w.address if str(w.name) in ("", w.address) else f"{w.address} ({w.name})"


def _worker_key(parcel: Parcel) -> str:
    """This worker's grading key for the parcel's options (computed once per worker process)."""
    from autograder.grading import cache

    opts = Options(limits=parcel.limits, sandboxed=parcel.sandboxed, cell_timeout=parcel.cell_timeout,
                   notebook_timeout=parcel.notebook_timeout)
    k = (parcel.limits, parcel.sandboxed, parcel.cell_timeout, parcel.notebook_timeout)
    if k not in _KEYS:
        _KEYS[k] = cache.grading_key(opts)
    return _KEYS[k]


def _support():
    from autograder.grading import sandbox

    if not _SANDBOX:
        _SANDBOX.append(sandbox.probe())
    return _SANDBOX[0]


def grade_parcel(parcel: Parcel) -> Graded:
    """Grade one `Parcel` on this worker (the task a Dask worker runs)."""
    from autograder.grading import job as jobs
    from autograder.grading.job import Job, grade_job, not_run

    name = _worker_name()
    root = Path(os.environ.get("DQN_COURSE_ROOT") or parcel.root)
    try:
        a = jobs._assignment(root, parcel.assignment)
        if a.source_sha != parcel.source_sha:     # read for another class or before an edit: read it again
            a = jobs._ASSIGNMENTS[parcel.assignment] = jobs.load_assignment(root, parcel.assignment)
    except Exception as err:  # noqa: BLE001 -- a worker without the course grades nothing
        return Graded(infrastructure(parcel.student, parcel.assignment, f"worker {name} cannot read the assignment at {root}: "
                                     f"{type(err).__name__}: {str(err)[:120]}", source_sha=parcel.source_sha), worker=name)

    def refuse(why: str) -> Graded:
        return Graded(infrastructure(parcel.student, parcel.assignment, why, max_score=a.max_score, auto_max=a.auto_max,
                                     tests=not_run(a, "not run"), source_sha=parcel.source_sha), worker=name)

    if a.source_sha != parcel.source_sha:
        return refuse(f"worker {name} has another version of {parcel.assignment} than the instructor's machine")
    if _worker_key(parcel) != parcel.key:
        return refuse(f"worker {name} runs other grader code, helpers or options than the instructor's machine")
    support = _support() if parcel.sandboxed else None
    if support is not None and not support.ok:
        return refuse(f"worker {name} cannot sandbox: {support.reason}")
    home = worker_home()
    tmp = Path(tempfile.mkdtemp(prefix="parcel-", dir=home))
    try:
        folder = tmp / "submitted" / parcel.assignment
        unpack(parcel, folder)
        job = Job(student=parcel.student, assignment=parcel.assignment, folder=str(folder), run_dir=str(home / "run"),
                  autograded=str(tmp / "autograded"), limits=parcel.limits, sandboxed=support is not None,
                  pids_cgroup=str(support.pids_cgroup) if support is not None and support.pids_cgroup else None,
                  cell_timeout=parcel.cell_timeout, notebook_timeout=parcel.notebook_timeout)
        result = grade_job(str(root), job)
        result.worker = name
        out = tmp / "autograded" / a.filename
        return Graded(result, out.read_bytes() if out.is_file() else None, worker=name)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


_HOME: list[Path] = []


def worker_home() -> Path:
    """This process's folder under `WORKER_HOMES`, made on first use and kept while it lives: its
    ``run/`` holds the warm sandboxes, reused from one parcel to the next (a folder per parcel
    would start a new sandbox, and pay the libraries' imports, for every submission). The process
    holds a lock on ``lock`` until it ends; folders whose lock is free belong to killed workers and
    are swept first (`sweep_orphans`). A worker that exits normally removes its own."""
    if not _HOME:
        sweep_orphans()
        home = Path(tempfile.mkdtemp(prefix=HOME_PREFIX, dir=WORKER_HOMES))
        lock = os.open(home / "lock", os.O_CREAT | os.O_RDWR, 0o600)
        fcntl.flock(lock, fcntl.LOCK_EX)          # released by the kernel when this process ends, however it ends
        (home / "run").mkdir()
        _HOME.append(home)
        atexit.register(_remove_home, home)
    return _HOME[0]


def _remove_home(home: Path) -> None:
    from autograder.grading import warm_sandbox

    warm_sandbox.close_all()                       # its sandboxes first (their cgroups with them)
    shutil.rmtree(home, ignore_errors=True)


def sweep_orphans() -> list[Path]:
    """Remove what killed workers left under `WORKER_HOMES`: each folder whose lock nobody holds,
    and the pids cgroups of the warm sandboxes in it (their processes died with the worker:
    bubblewrap runs with ``--die-with-parent``). Returns the folders removed."""
    removed = []
    for folder in sorted(WORKER_HOMES.glob(HOME_PREFIX + "*")):
        try:
            fd = os.open(folder / "lock", os.O_RDWR)
        except OSError:
            continue                               # not ours, or being made right now
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            continue                               # its worker is alive
        finally:
            os.close(fd)
        support = _support()
        if support.pids_cgroup is not None:
            from autograder.grading import sandbox

            for root in (folder / "run").glob("warm-*"):
                sandbox.remove_cgroup(support.pids_cgroup / root.name)
        shutil.rmtree(folder, ignore_errors=True)
        removed.append(folder)
    return removed


# --- on the parent ----------------------------------------------------------------------------------

def _require_distributed():
    try:
        import distributed
    except ImportError:
        raise SystemExit("--scheduler needs Dask: pip install '.[cluster]' (or `make setup`, which installs "
                         "requirements.txt)") from None
    return distributed


@contextmanager
def connect(scheduler: str, workers: int, log=print):
    """An executor on `scheduler` (``local`` or a scheduler's address), closed on exit."""
    distributed = _require_distributed()
    cluster = None
    if scheduler == "local":
        cluster = distributed.LocalCluster(n_workers=max(1, workers), threads_per_worker=1, processes=True,
                                           resources={RESOURCE: 1}, host="127.0.0.1", dashboard_address=None)
        client = distributed.Client(cluster)
    else:
        try:
            client = distributed.Client(scheduler, timeout=CONNECT_TIMEOUT)
        except (OSError, TimeoutError) as err:
            raise SystemExit(f"Cannot reach the Dask scheduler at {scheduler} ({err}). Start it and its workers "
                             "as the README says ('Grading on a cluster'), or grade without --scheduler.") from None
    try:
        found = client.scheduler_info().get("workers", {})
        able = sum(1 for w in found.values() if w.get("resources", {}).get(RESOURCE))
        log(f"Grading on the Dask cluster at {client.scheduler.address}: {len(found)} worker(s) connected, "
            f"{able} with the `{RESOURCE}` resource.")
        if len(found) > able:
            log(f"Only workers started with `--resources {RESOURCE}=N` grade; the others stay idle.")
        yield client.get_executor(resources={RESOURCE: 1}, retries=RETRIES, pure=False)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
