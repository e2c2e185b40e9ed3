"""The warm sandbox's first process: it imports the course's libraries once, then forks one harness
kernel per submission (started as ``python -I zygote.py MODULE...`` inside the sandbox).

Importing torch (and the torch._dynamo that its optimizers import), matplotlib and gymnasium costs
a new kernel about 6 s of CPU, more than most notebooks take to run in grading mode. The zygote
pays it once per sandbox; each kernel is a fork that already holds them, and installs the
harness's audit hook (``harness.main``) before any student code runs, exactly as a fresh kernel.

Between two submissions the grader asks for a ``reset``: every process of the sandbox but the
zygote is killed and reaped (the zygote is their subreaper), and the writable folders (the home
folder, /tmp, /dev/shm) are emptied and the shipped files copied afresh. What one student's code
could leave for the next is therefore only what survives in the zygote itself, and that it cannot
reach: the zygote is not dumpable (no ptrace, no /proc/<pid>/mem or fd/ of it for the kernels),
it reads nothing the kernels can write but the job folder the grader names, and a kernel gets
none of its file descriptors. A kernel can still kill or stop the zygote: the grader then finds it
unresponsive or gone and starts a fresh sandbox for the next submission.

Protocol: one JSON object per line on stdin, one reply per line on stdout.
``{"op": "spawn", "job": PATH, "connection_file": PATH, "log": PATH, "limits": {...}}`` → ``{"pid": N}``;
``{"op": "poll", "pid": N}`` → ``{"status": null | exit code}``; ``{"op": "signal", "pid": N, "signal": S}``;
``{"op": "reset"}`` → ``{"ok": true}`` once the sandbox is clean. Standard library and ipykernel only.
"""
from __future__ import annotations

import ctypes
import importlib
import json
import os
import resource
import shutil
import signal
import sys
import time

PR_SET_DUMPABLE = 4
PR_SET_CHILD_SUBREAPER = 36
STAGE = "/grader/files"
WIPED = ("/tmp", "/dev/shm", "/home/student")
RLIMITS = {"memory_mb": (resource.RLIMIT_AS, 1024 * 1024), "cpu_seconds": (resource.RLIMIT_CPU, 1),
           "file_mb": (resource.RLIMIT_FSIZE, 1024 * 1024), "open_files": (resource.RLIMIT_NOFILE, 1),
           "processes": (resource.RLIMIT_NPROC, 1)}


def _prctl(option: int, value: int) -> None:
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(option, value, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), f"prctl({option}) failed")


def _others() -> list[int]:
    """Every process of the sandbox but its init (pid 1) and the zygote."""
    me = os.getpid()
    return [int(p) for p in os.listdir("/proc") if p.isdigit() and int(p) not in (1, me)]


def _reap() -> dict[int, int]:
    done = {}
    while True:
        try:
            pid, status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return done
        if pid == 0:
            return done
        done[pid] = os.waitstatus_to_exitcode(status)


def _mounts() -> set[str]:
    """Every mount point of the sandbox (the grader's folders bound under /tmp among them)."""
    with open("/proc/self/mountinfo") as f:
        return {line.split()[4].replace("\\040", " ") for line in f}


def _empty(folder: str, mounts: set[str]) -> None:
    """Remove everything in `folder` but mount points and the folders that lead to them."""
    for entry in os.scandir(folder):
        path = entry.path
        if path in mounts:
            continue
        if entry.is_dir(follow_symlinks=False):
            os.chmod(path, 0o700)      # a kernel may have taken its own permissions away
            if any(m.startswith(path + "/") for m in mounts):
                _empty(path, mounts)
                continue
            for root, dirs, _ in os.walk(path):
                for d in dirs:
                    try:
                        os.chmod(os.path.join(root, d), 0o700, follow_symlinks=False)
                    except OSError:
                        pass
            shutil.rmtree(path)
        else:
            os.unlink(path)


class Zygote:
    def __init__(self, home: str) -> None:
        self.home = home
        self.exits: dict[int, int] = {}

    def reset(self) -> dict:
        deadline = time.monotonic() + 10
        while True:
            others = _others()
            for pid in others:
                try:
                    os.kill(pid, signal.SIGKILL)
                except OSError:
                    pass
            self.exits.update(_reap())
            if not others:
                break
            if time.monotonic() > deadline:
                return {"ok": False, "error": f"{len(others)} process(es) would not die"}
            time.sleep(0.01)
        mounts = _mounts()
        for folder in WIPED:
            if os.path.isdir(folder):
                _empty(folder, mounts)
        os.makedirs(self.home)
        shutil.copytree(STAGE, self.home, dirs_exist_ok=True)
        self.exits.clear()
        return {"ok": True}

    def spawn(self, request: dict, control: tuple[int, int]) -> dict:
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:
            code = 1
            try:
                code = self._become_kernel(request, control)
            finally:
                os._exit(code)
        return {"pid": pid}

    def _become_kernel(self, request: dict, control: tuple[int, int]) -> int:
        """In the forked child: shed the zygote's channel, take the limits, run the harness kernel."""
        os.setsid()
        for fd in control:
            os.close(fd)
        log = os.open(request["log"], os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        null = os.open(os.devnull, os.O_RDONLY)
        os.dup2(null, 0)
        os.dup2(log, 1)
        os.dup2(log, 2)
        os.closerange(3, resource.getrlimit(resource.RLIMIT_NOFILE)[0])
        for key, value in request["limits"].items():
            which, unit = RLIMITS[key]
            resource.setrlimit(which, (value * unit, value * unit))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        os.chdir(self.home)
        os.environ["DQN_GRADER_JOB"] = request["job"]
        sys.argv = ["/grader/harness.py", "-f", request["connection_file"]]   # as a kernel started afresh
        import harness

        try:
            harness.main(sys.argv[1:])
        except SystemExit as exit_:
            return exit_.code if isinstance(exit_.code, int) else 1
        return 0

    def poll(self, pid: int) -> dict:
        self.exits.update(_reap())
        return {"status": self.exits.get(pid)}

    def signal(self, pid: int, signum: int) -> dict:
        try:
            os.killpg(pid, signum)
        except OSError:
            try:
                os.kill(pid, signum)
            except OSError:
                pass
        return {"ok": True}


def main() -> None:
    # The channel to the grader moves off 0 and 1, which become /dev/null and the log.
    control = (os.dup(0), os.dup(1))
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.dup2(2, 1)
    os.close(null)
    _prctl(PR_SET_DUMPABLE, 0)
    _prctl(PR_SET_CHILD_SUBREAPER, 1)
    # what ipykernel would set before the notebook imports matplotlib
    os.environ.setdefault("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    zygote = Zygote(os.getcwd())
    for name in sys.argv[1:]:
        try:
            importlib.import_module(name)
        except Exception as err:  # noqa: BLE001 -- a library the course lacks is imported by the notebook, or not
            print(f"zygote: could not import {name}: {err}", file=sys.stderr)
    importlib.import_module("harness")
    reader = os.fdopen(control[0], "r", encoding="utf-8")
    writer = os.fdopen(control[1], "w", encoding="utf-8")
    writer.write(json.dumps(zygote.reset()) + "\n")
    writer.flush()
    for line in reader:
        request = json.loads(line)
        op = request["op"]
        if op == "spawn":
            reply = zygote.spawn(request, control)
        elif op == "poll":
            reply = zygote.poll(request["pid"])
        elif op == "signal":
            reply = zygote.signal(request["pid"], request["signal"])
        elif op == "reset":
            try:
                reply = zygote.reset()
            except OSError as err:
                reply = {"ok": False, "error": str(err)}
        else:
            reply = {"error": f"unknown op {op!r}"}
        writer.write(json.dumps(reply) + "\n")
        writer.flush()


if __name__ == "__main__":
    main()
