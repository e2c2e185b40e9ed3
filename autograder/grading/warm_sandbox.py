"""A warm sandbox per grading thread: one bubblewrap sandbox whose zygote (`zygote.py`) has imported
the course's libraries once and forks one harness kernel per submission.

Each submission still gets a kernel that no earlier student's code has touched: a fork of a zygote
that ran no student code, in a sandbox that is emptied between submissions (every other process
killed, the home folder, /tmp and /dev/shm wiped, the shipped files copied afresh). A sandbox that
does not answer, or a run that ended in a fault (a time-out, a full disk, a dead kernel), is thrown
away, and the next submission gets a fresh one. What this saves is the libraries' import, some 6 s
of CPU per submission (benchmarks/README.md, "Grading throughput").

`WarmProvisioner` is the jupyter_client kernel provisioner for such a kernel: it asks the zygote
for a fork instead of starting a process, and its `process` is a `ForkedKernel`, which polls and
signals the fork through the zygote (the grader cannot see the sandbox's PID namespace).
"""
from __future__ import annotations

import atexit
import hashlib
import json
import os
import select
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from pathlib import Path

from autograder.grading import sandbox
from autograder.grading.assignment import Assignment
from autograder.grading.options import Limits

# Imported by the zygote before any fork: what the notebooks import (and torch._dynamo, which
# torch's optimizers import on first use), the kernel itself (its debugger, debugpy, is half of what
# a kernel's start costs: 0.17 of 0.31 s) and the course's helpers.
PRELOAD = ("numpy", "torch", "torch.nn", "torch.nn.functional", "torch.optim", "torch.utils.data",
           "torch.distributions", "torch._dynamo", "gymnasium", "gymnasium.envs.classic_control",
           "matplotlib", "matplotlib.pyplot", "matplotlib_inline.backend_inline", "tqdm.auto",
           "IPython", "ipykernel.kernelapp", "ipykernel.ipkernel", "ipykernel.debugger", "helpers", "helpers.testing")
STARTUP_TIMEOUT = 120.0     # seconds for a zygote to import everything (a loaded two-core machine)
REQUEST_TIMEOUT = 20.0      # seconds for any other answer of the zygote


class SandboxGone(RuntimeError):
    """The warm sandbox stopped answering or exited; it has been closed."""


class WarmSandbox:
    """One sandbox and its zygote, for one assignment and one set of limits."""

    def __init__(self, a: Assignment, limits: Limits, support: sandbox.Support, parent: Path) -> None:
        self.key = _key(a, limits, parent)
        self.limits = limits
        self.root = Path(tempfile.mkdtemp(prefix="warm-", dir=parent))
        self.cgroup = sandbox.make_cgroup(support.pids_cgroup, self.root.name, limits)
        self._lock = threading.Lock()
        self._buffer = b""
        self._log = open(parent / f"{self.root.name}.log", "ab")
        argv = sandbox.zygote_argv(limits, root=self.root, files=a.files, assignment=a.name, cgroup=self.cgroup,
                                   modules=PRELOAD)
        self.proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._log,
                                     start_new_session=True)
        reply = self._answer(STARTUP_TIMEOUT)
        if not reply.get("ok"):
            self.close()
            raise SandboxGone(f"the sandbox could not start: {reply.get('error', 'no reason given')}")

    # --- talking to the zygote ------------------------------------------------------------------

    def _answer(self, timeout: float) -> dict:
        deadline = time.monotonic() + timeout
        out = self.proc.stdout
        while b"\n" not in self._buffer:
            left = deadline - time.monotonic()
            ready = select.select([out], [], [], max(0.0, left))[0] if left > 0 else []
            chunk = os.read(out.fileno(), 65536) if ready else b""
            if not chunk:
                self.close()
                raise SandboxGone("the sandbox stopped answering" if not ready else "the sandbox exited")
            self._buffer += chunk
        line, self._buffer = self._buffer.split(b"\n", 1)
        return json.loads(line)

    def request(self, message: dict, timeout: float = REQUEST_TIMEOUT) -> dict:
        with self._lock:
            if self.proc.poll() is not None:
                self.close()
                raise SandboxGone("the sandbox exited")
            try:
                self.proc.stdin.write(json.dumps(message).encode() + b"\n")
                self.proc.stdin.flush()
            except (OSError, ValueError) as err:
                self.close()
                raise SandboxGone(f"the sandbox exited ({err})") from None
            try:
                return self._answer(timeout)
            except (OSError, ValueError) as err:     # closed from another thread meanwhile
                self.close()
                raise SandboxGone(f"the sandbox was closed ({err})") from None

    # --- what the grader asks for ---------------------------------------------------------------

    def spawn(self, job_file: Path, connection_file: str, log: Path) -> ForkedKernel:
        reply = self.request({"op": "spawn", "job": str(job_file), "connection_file": connection_file,
                              "log": str(log), "limits": sandbox.kernel_limits(self.limits)})
        return ForkedKernel(self, reply["pid"])

    def reset(self) -> bool:
        """Empty the sandbox for the next submission; closes it (False) if it cannot be emptied."""
        try:
            if self.request({"op": "reset"}).get("ok"):
                for entry in self.root.iterdir():
                    shutil.rmtree(entry) if entry.is_dir() and not entry.is_symlink() else entry.unlink()
                return True
        except (SandboxGone, OSError):
            pass
        self.close()
        return False

    @property
    def alive(self) -> bool:
        return self.proc.poll() is None and self.root.is_dir()

    def close(self) -> None:
        """Kill the sandbox and everything in it (its PID namespace goes with bwrap)."""
        for kill in (lambda: os.killpg(self.proc.pid, signal.SIGKILL), self.proc.kill):
            try:
                kill()
                break
            except OSError:
                pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            pass
        for stream in (self.proc.stdin, self.proc.stdout):
            try:
                stream.close()
            except OSError:
                pass
        self._log.close()
        sandbox.remove_cgroup(self.cgroup)
        shutil.rmtree(self.root, ignore_errors=True)
        _OPEN.discard(self)


class ForkedKernel:
    """What the provisioner holds as its process: a kernel forked in a warm sandbox."""

    pid = None                  # its pid lives in the sandbox's namespace: meaningless here
    stdin = stdout = stderr = None

    def __init__(self, warm: WarmSandbox, pid: int) -> None:
        self.warm, self.sandbox_pid, self.returncode = warm, pid, None

    def poll(self) -> int | None:
        if self.returncode is None:
            try:
                self.returncode = self.warm.request({"op": "poll", "pid": self.sandbox_pid})["status"]
            except SandboxGone:
                self.returncode = -signal.SIGKILL
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if deadline is not None and time.monotonic() > deadline:
                raise subprocess.TimeoutExpired("kernel", timeout)
            time.sleep(0.05)
        return self.returncode

    def send_signal(self, signum: int) -> None:
        if self.poll() is None:
            try:
                self.warm.request({"op": "signal", "pid": self.sandbox_pid, "signal": int(signum)})
            except SandboxGone:
                pass

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)


def provisioner_class():
    """jupyter_client's local provisioner, forking the kernel in a warm sandbox (imported late:
    jupyter_client is not needed to read results)."""
    from jupyter_client.provisioning import LocalProvisioner
    from traitlets import Any, Unicode

    class WarmProvisioner(LocalProvisioner):
        warm = Any()
        job_file = Unicode()
        kernel_log = Unicode()

        async def launch_kernel(self, cmd: list[str], **kwargs) -> dict:
            conn = os.path.realpath(self.parent.connection_file)
            self.process = self.warm.spawn(Path(self.job_file), conn, Path(self.kernel_log))
            self.pid = self.pgid = None
            return self.connection_info

        def kill_now(self) -> None:
            """From any thread (the disk watcher's included): the sandbox goes, with everything in it."""
            self.warm.close()

    return WarmProvisioner


def _key(a: Assignment, limits: Limits, parent: Path) -> str:
    h = hashlib.sha256(f"{a.name}\0{limits}\0{parent}".encode())
    for name, path in sorted(a.files.items()):
        st = path.stat()
        h.update(f"\0{name}\0{path}\0{st.st_size}\0{st.st_mtime_ns}".encode())
    return h.hexdigest()


_LOCAL = threading.local()
_OPEN: set[WarmSandbox] = set()


def warm_sandbox(a: Assignment, limits: Limits, support: sandbox.Support, parent: Path) -> WarmSandbox:
    """This thread's warm sandbox for `a`, started if it has none, or none that fits."""
    current: WarmSandbox | None = getattr(_LOCAL, "sandbox", None)
    if current is not None and (current.key != _key(a, limits, parent) or not current.alive):
        current.close()
        current = None
    if current is None:
        current = WarmSandbox(a, limits, support, parent)
        _OPEN.add(current)
        _LOCAL.sandbox = current
    return current


@atexit.register
def close_all() -> None:
    """Every warm sandbox of this process (their cgroups included) goes when the process ends."""
    for warm in list(_OPEN):
        warm.close()
