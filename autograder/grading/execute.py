"""Run a restored notebook in the sandbox, with the harness kernel, under the time and output limits.

Every graded test cell becomes a marker statement (`instrument`); the tests' sources, their secret
tokens and what to protect travel in a job file that the harness reads and deletes at start. The
kernel is forked in a warm sandbox (`warm_sandbox`) by its jupyter_client kernel provisioner, or,
unsandboxed, started as a process; the wall clock, the disk and the output are watched here, and a
run that breaks a limit ends as the `Execution`'s fault.
"""
from __future__ import annotations

import copy
import json
import os
import shutil
import sys
import threading
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbformat import NotebookNode

from autograder.course import cells as C
from autograder.grading import sandbox, warm_sandbox
from autograder.grading.assignment import Assignment
from autograder.grading.options import MAX_OUTPUT_BYTES, Limits, MiB

MIME = "application/x-dqn-grader+json"   # the harness's proof that a test ran (an output of this type)
MARKER_NAME = "__dqn_test__"     # the harness runs a test when the kernel executes `__dqn_test__ = "<grade id>"`


def _kernel_manager(job_dir: Path, *, argv: list[str] | None = None, warm=None, log: Path | None = None):
    """An async kernel manager whose kernel is forked in the warm sandbox `warm`, or, without one,
    started with `argv` (``{connection_file}`` in it is replaced by the connection file's path)."""
    from jupyter_client.manager import AsyncKernelManager
    from jupyter_client.provisioning import LocalProvisioner
    from traitlets import List, Unicode

    class UnsandboxedProvisioner(LocalProvisioner):
        """jupyter_client's local provisioner, launching the harness's command instead of the
        kernelspec's; `kill_now` kills its process group from any thread (the disk watcher's included)."""

        argv = List(Unicode())

        async def pre_launch(self, **kwargs):
            kwargs = await super().pre_launch(**kwargs)   # writes the connection file, prepares env
            conn = os.path.realpath(self.parent.connection_file)
            kwargs["cmd"] = [arg.replace("{connection_file}", conn) for arg in self.argv]
            return kwargs

        def kill_now(self) -> None:
            proc = self.process
            if proc is not None:
                try:
                    os.killpg(proc.pid, 9)
                except OSError:
                    try:
                        proc.kill()
                    except OSError:
                        pass

    km = AsyncKernelManager(kernel_name="python3", transport="ipc", ip=str(job_dir / "k"),
                            connection_file=str(job_dir / "kernel.json"))
    km.kernel_id = str(uuid.uuid4())
    common = {"kernel_id": km.kernel_id, "kernel_spec": km.kernel_spec, "parent": km}
    if warm is not None:
        km.provisioner = warm_sandbox.provisioner_class()(warm=warm, job_file=str(job_dir / "job.json"),
                                                           kernel_log=str(log), **common)
    else:
        km.provisioner = UnsandboxedProvisioner(argv=argv, **common)
    return km


def _client_class():
    from nbclient import NotebookClient

    class BoundedClient(NotebookClient):
        """nbclient, with each cell's output capped (a flood of prints cannot exhaust the grader).

        Hand-written: nbclient has no limit on a cell's outputs, and the cap must hold while the
        messages arrive (a limit applied afterwards comes after the grader's memory is gone)."""

        def output(self, outs, msg, display_id, cell_index):
            size = sum(len(json.dumps(o)) for o in outs) if len(outs) < 2000 else MAX_OUTPUT_BYTES + 1
            if size > MAX_OUTPUT_BYTES:
                if not (outs and outs[-1].get("name") == "truncated"):
                    outs.append(nbformat.v4.new_output("stream", name="truncated", text="[output truncated by the grader]\n"))
                return None
            return super().output(outs, msg, display_id, cell_index)

    return BoundedClient


@dataclass
class Execution:
    nb: NotebookNode
    stopped_at: int | None = None          # index of the cell where the run stopped early
    fault: str | None = None               # why it stopped
    seconds: float = 0.0


def _folder_size(path: Path) -> int:
    total = 0
    for root, _dirs, files in os.walk(path):
        for f in files:
            try:
                total += os.lstat(os.path.join(root, f)).st_size
            except OSError:
                pass
    return total


def instrument(nb: NotebookNode) -> NotebookNode:
    """The notebook as the kernel receives it: every test cell becomes the marker statement that the
    harness's audit hook recognises; the test's source travels in the job file, never in the notebook."""
    run = copy.deepcopy(nb)
    for cell in run.cells:
        if C.is_test(cell):
            cell.source = f"{MARKER_NAME} = {C.grade_id(cell)!r}"
    return run


def write_job_file(nb: NotebookNode, a: Assignment, job_dir: Path, tokens: dict[str, str]) -> Path:
    """The harness's instructions: each test's source and token, and what to protect (owner-only)."""
    from IPython.core.inputtransformer2 import TransformerManager

    transform = TransformerManager().transform_cell   # magics become Python here, not in the kernel
    job_dir.mkdir(parents=True, exist_ok=True)
    path = job_dir / "job.json"
    path.write_text(json.dumps({
        "tokens": tokens, "protect": a.protect,
        "tests": {C.grade_id(c): transform(c.source) for c in nb.cells if C.is_test(c)},
        "bindings": {k: list(v) for k, v in a.bindings.items()},
    }))
    os.chmod(path, 0o600)
    return path


def unsandboxed_command(a: Assignment, job_dir: Path) -> list[str]:
    """The harness kernel's command without a sandbox (the instructor's explicit choice): it runs in
    a copy of the shipped files, with the job file."""
    work = job_dir / "work"
    work.mkdir(exist_ok=True)
    for name, path in a.files.items():
        (work / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, work / name)
    return ["/usr/bin/env", f"DQN_GRADER_JOB={job_dir / 'job.json'}", "NBGRADER_EXECUTION=autograde",
            "sh", "-c", f'cd "{work}" && exec "$@"', "unsandboxed",
            sys.executable, "-I", str(sandbox.HARNESS), "-f", "{connection_file}"]


def execute(nb: NotebookNode, a: Assignment, *, job_dir: Path, tokens: dict[str, str], limits: Limits,
            warm: warm_sandbox.WarmSandbox | None, cell_timeout: float, notebook_timeout: float,
            log_path: Path) -> Execution:
    """Run the instrumented notebook in a kernel forked in `warm` (its folder `job_dir` inside the
    warm sandbox's root); `warm=None` means unsandboxed (the instructor's explicit choice). After a
    clean run the warm sandbox is emptied for the next submission; after a fault it is thrown away."""
    from nbclient.exceptions import CellTimeoutError, DeadKernelError

    run = instrument(nb)
    write_job_file(nb, a, job_dir, tokens)
    if warm is None:
        km = _kernel_manager(job_dir, argv=unsandboxed_command(a, job_dir))
    else:
        km = _kernel_manager(job_dir, warm=warm, log=job_dir / "kernel.log")
    provisioner = km.provisioner     # kept: jupyter_client lets go of it when the kernel shuts down
    client = _client_class()(run, km=km, timeout=cell_timeout, startup_timeout=90, allow_errors=True,
                             interrupt_on_timeout=False, record_timing=False, shutdown_kernel="immediate",
                             resources={"metadata": {"path": str(job_dir)}})
    result = Execution(run)
    start = time.monotonic()
    deadline = start + notebook_timeout
    stop = threading.Event()
    overflow: list[str] = []

    def watch_disk() -> None:   # the job folder is the one writable place on the host's disk
        while not stop.wait(0.25):
            if _folder_size(job_dir) > limits.disk_mb * MiB:
                overflow.append(f"wrote more than {limits.disk_mb} MiB")
                provisioner.kill_now()
                return

    watcher = threading.Thread(target=watch_disk, daemon=True)
    watcher.start()
    log = open(log_path, "ab")
    try:
        try:
            with client.setup_kernel(stdout=log, stderr=log):
                for index, cell in enumerate(run.cells):
                    if cell.cell_type != "code":
                        continue
                    left = deadline - time.monotonic()
                    if left <= 0:
                        result.stopped_at, result.fault = index, f"the notebook ran past its time limit ({notebook_timeout:.0f} s)"
                        break
                    client.timeout = max(1, int(min(cell_timeout, left)))
                    try:
                        client.execute_cell(cell, index)
                    except CellTimeoutError:
                        which = "its time limit" if client.timeout == int(cell_timeout) else "the notebook's time limit"
                        result.stopped_at = index
                        result.fault = f"cell #{index} ({label(cell)}) ran past {which} ({client.timeout} s)"
                        break
                    except DeadKernelError:
                        result.stopped_at = index
                        result.fault = overflow[0] if overflow else f"the kernel died while running cell #{index} ({label(cell)})"
                        break
                    if overflow:
                        result.stopped_at, result.fault = index, overflow[0]
                        break
                    if any(o.get("output_type") == "error" and o.get("ename") == "MemoryError" for o in cell.get("outputs", [])):
                        # a memory bomb: what runs after it cannot be trusted to be the student's honest result
                        result.stopped_at = index + 1
                        result.fault = f"cell #{index} ({label(cell)}) ran out of memory (limit {limits.memory_mb} MiB)"
                        break
        except (DeadKernelError, RuntimeError, TimeoutError) as err:
            if result.fault is None:
                result.stopped_at = result.stopped_at or 0
                result.fault = overflow[0] if overflow else f"the kernel could not run: {str(err).splitlines()[0][:200]}"
    finally:
        stop.set()
        if warm is not None:
            _keep_log(job_dir / "kernel.log", log)
        if warm is None or result.fault or overflow:
            provisioner.kill_now()
        try:
            if km.has_kernel:
                from jupyter_core.utils import run_sync

                run_sync(km.shutdown_kernel)(now=True)
        except Exception:  # noqa: BLE001
            pass
        if warm is not None and warm.alive:
            warm.reset()
        log.close()
        result.seconds = time.monotonic() - start
    return result


def _keep_log(kernel_log: Path, log) -> None:
    """Append the forked kernel's output (written inside the sandbox) to the job's log."""
    try:
        with open(kernel_log, "rb") as f:
            shutil.copyfileobj(f, log)
    except OSError:
        pass


def label(cell: NotebookNode) -> str:
    """How a message names a cell: its grade id, else its cell id."""
    return C.grade_id(cell) or cell.get("id") or "no id"
