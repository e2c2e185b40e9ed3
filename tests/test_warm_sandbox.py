"""The warm sandbox (`autograder.grading.warm_sandbox`): one sandbox grades submission after
submission, and nothing of one student's run reaches the next one's.

Each test grades two notebooks in turn in the same sandbox, the way one grading worker does: the
first one attacks what the second would meet, the second looks."""
from __future__ import annotations

import json
import tempfile
from pathlib import Path

import nbformat
import pytest

from autograder.course.syllabus import syllabus
from autograder.grading import sandbox, warm_sandbox
from autograder.grading.assignment import load_assignment
from autograder.grading.execute import Execution, execute
from autograder.grading.options import Limits
from tests.conftest import REPO

FIRST = next(n.assignment for n in syllabus(REPO) if n.source(REPO).is_file())

# A process that outlives its kernel: it leaves the session and keeps writing where the next
# student's kernel works, for the next student's code to meet.
LURKER = """
import os, time
pid = os.fork()
if pid == 0:
    os.setsid()
    if os.fork() == 0:
        while True:
            for folder in ("/tmp", os.path.expanduser("~"), os.getcwd(), "/dev/shm"):
                try:
                    open(os.path.join(folder, "lurker-was-here"), "w").close()
                except OSError:
                    pass
            time.sleep(0.02)
    os._exit(0)
os.waitpid(pid, 0)
time.sleep(0.3)
print(sorted(os.listdir(os.getcwd())))
"""

# What the next kernel can see: the sandbox's other processes, files left behind, the zygote.
LOOK = """
import json, os
me = os.getpid()
others = {}
for p in os.listdir("/proc"):
    if p.isdigit() and int(p) not in (1, me):
        try:
            others[p] = open(f"/proc/{p}/cmdline", "rb").read().replace(b"\\0", b" ").decode()
        except OSError as err:
            others[p] = type(err).__name__
zygotes = [p for p, cmd in others.items() if "zygote.py" in cmd]
left = [os.path.join(d, f) for d in ("/tmp", os.path.expanduser("~"), os.getcwd(), "/dev/shm")
        for f in os.listdir(d) if "lurker" in f]
probes = {}
for z in zygotes:
    for what in ("environ", "fd", "maps", "status"):
        try:
            if what == "fd":   # the zygote's channel to the grader: opening it would let a kernel forge replies
                fds = os.listdir(f"/proc/{z}/fd")
                probes["fds"] = len(fds)
                for fd in fds:
                    os.close(os.open(f"/proc/{z}/fd/{fd}", os.O_WRONLY if fd in ("1", "4") else os.O_RDONLY))
            else:
                open(f"/proc/{z}/{what}", "rb").read(1)
            probes[what] = "read"
        except Exception as err:
            probes[what] = type(err).__name__
print(json.dumps({"strangers": {p: c for p, c in others.items() if p not in zygotes}, "left": left,
                  "zygotes": len(zygotes), "probes": probes}))
"""

KILL_ZYGOTE = """
import os, signal, time
for p in os.listdir("/proc"):
    if p.isdigit() and b"zygote.py" in open(f"/proc/{p}/cmdline", "rb").read():
        os.kill(int(p), signal.SIGKILL)
time.sleep(5)
"""


@pytest.fixture
def warm_parts(tmp_path_factory):
    support = sandbox.probe()
    if not support.ok:
        pytest.skip("this machine cannot sandbox: " + support.reason)
    parent = Path(tempfile.mkdtemp(prefix="dqn-warm-test-", dir="/tmp"))
    yield load_assignment(REPO, FIRST), support, parent
    warm_sandbox.close_all()


def _run(warm: warm_sandbox.WarmSandbox, a, code: str, name: str) -> Execution:
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(code)])
    return execute(nb, a, job_dir=warm.root / name, tokens={}, limits=Limits(), warm=warm, cell_timeout=60,
                   notebook_timeout=120, log_path=warm.root.parent / f"{name}.log")


def _printed(ex: Execution) -> str:
    cell = ex.nb.cells[0]
    errors = [o for o in cell.outputs if o.output_type == "error"]
    assert not errors and ex.fault is None, f"the cell failed: {ex.fault} {errors}"
    return "".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream")


def test_nothing_of_one_student_reaches_the_next(warm_parts):
    a, support, parent = warm_parts
    warm = warm_sandbox.warm_sandbox(a, Limits(), support, parent)
    assert "lurker-was-here" in _printed(_run(warm, a, LURKER, "j-first"))
    assert warm_sandbox.warm_sandbox(a, Limits(), support, parent) is warm, "a clean run keeps its sandbox warm"
    seen = json.loads(_printed(_run(warm, a, LOOK, "j-second")).strip().splitlines()[-1])
    assert seen["strangers"] == {}, f"a process of the previous student is still running: {seen['strangers']}"
    assert seen["left"] == [], f"the previous student's files are still there: {seen['left']}"
    assert seen["zygotes"] == 1
    assert seen["probes"]["status"] == "read" and seen["probes"]["fds"] >= 3   # the probes did look
    # the zygote's memory map, environment and file descriptors are not the kernel's to read
    assert all(seen["probes"][what] != "read" for what in ("environ", "fd", "maps")), seen["probes"]


def test_a_killed_zygote_costs_only_its_killer(warm_parts):
    a, support, parent = warm_parts
    warm = warm_sandbox.warm_sandbox(a, Limits(), support, parent)
    killed = _run(warm, a, KILL_ZYGOTE, "j-killer")
    assert killed.fault and "kernel" in killed.fault, killed.fault
    fresh = warm_sandbox.warm_sandbox(a, Limits(), support, parent)
    assert fresh is not warm and not warm.alive
    assert _printed(_run(fresh, a, "print('fine')", "j-next")).strip() == "fine"
