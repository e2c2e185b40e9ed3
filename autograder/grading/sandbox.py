"""The sandbox every submission's kernel runs in: bubblewrap (namespaces) plus rlimits.

What the kernel sees: the Python installation (the course's virtual environment and the
interpreter it links to, read-only), /usr read-only, its own copy of the assignment's files on a
small private tmpfs, a private /tmp, and the kernel's connection sockets. Not the course
repository, not source/, not the gradebook, not another student's files, and no network
(a fresh network namespace with only a loopback device).

Limits (each configurable, see `autograder.grading.options.Limits`): address space, CPU seconds, file size, open files,
processes (RLIMIT_NPROC, or a pids cgroup when running as root, where the kernel does not enforce
RLIMIT_NPROC), and the size of every writable folder. The wall-clock budget per notebook is kept
by the grader, which kills the whole sandbox (a PID namespace: nothing survives it).

A sandbox is kept warm for one submission after another (`warm_sandbox`): its first process, the
zygote, forks each kernel and applies the rlimits to it, and empties the sandbox in between.
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from autograder.grading.options import Limits, MiB

# The kernel and the process that forks it: standalone scripts (standard library and ipykernel
# only), bound read-only into the sandbox.
HARNESS = Path(__file__).with_name("harness.py")
STANDALONE = ("harness.py", "guard.py", "guard_state.py", "guard_tests.py", "guard_sealed.py", "zygote.py")   # bound at /grader/


@dataclass(frozen=True)
class Support:
    """Whether this machine can sandbox, and how it limits processes."""

    ok: bool
    reason: str
    pids_cgroup: Path | None = None   # parent folder for per-sandbox pids cgroups (root only)


def _python_roots() -> list[Path]:
    """The folders the kernel's interpreter needs: the environment and the base installation."""
    roots = {Path(sys.prefix).resolve(), Path(sys.base_prefix).resolve(), Path(sys.exec_prefix).resolve()}
    exe = Path(sys.executable)
    roots.add(exe.parent.parent.resolve() if not exe.is_symlink() else exe.resolve().parent.parent)
    # drop roots inside other roots
    out = []
    for r in sorted(roots, key=lambda p: len(p.parts)):
        if not any(r == o or o in r.parents for o in out):
            out.append(r)
    return out


def _pids_cgroup_parent() -> Path | None:
    """A writable pids cgroup (v1 hierarchy) under which per-sandbox groups can be made."""
    base = Path("/sys/fs/cgroup/pids")
    if base.is_dir() and os.access(base, os.W_OK):
        parent = base / "dqn-grade"
        try:
            parent.mkdir(exist_ok=True)
            return parent
        except OSError:
            return None
    return None


def probe() -> Support:
    """Can this machine sandbox a kernel? Tries a real (tiny) sandbox once."""
    if sys.platform != "linux":
        return Support(False, f"the sandbox needs Linux namespaces (bubblewrap); this is {sys.platform}")
    if not shutil.which("bwrap"):
        return Support(False, "bubblewrap (bwrap) is not installed: run `make setup` (course/system-packages.sh installs it)")
    pids = None
    if os.geteuid() == 0:
        # Linux does not apply RLIMIT_NPROC to processes of the real root user, which is what the
        # sandbox's user maps to when bwrap runs as root: use a pids cgroup instead.
        pids = _pids_cgroup_parent()
        if pids is None:
            return Support(False, "running as root, processes can only be limited with a pids cgroup, and "
                                  "/sys/fs/cgroup/pids is not writable here; run the grader as an ordinary user")
    try:
        proc = subprocess.run(["bwrap", *base_args(Limits()), "--", "/bin/true"],
                              capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired) as err:
        return Support(False, f"bwrap could not start: {err}")
    if proc.returncode != 0:
        return Support(False, "bwrap cannot create namespaces here (unprivileged user namespaces disabled?): "
                              + proc.stderr.strip()[-300:])
    return Support(True, "bubblewrap with user, PID, network, IPC and mount namespaces; rlimits"
                   + (" and a pids cgroup" if pids else ""), pids)


def base_args(limits: Limits) -> list[str]:
    """bwrap arguments for the read-only system view shared by every sandbox."""
    args = ["--unshare-all", "--die-with-parent", "--new-session", "--uid", "1000", "--gid", "1000",
            "--ro-bind", "/usr", "/usr"]
    for link in ("bin", "lib", "lib64", "sbin"):
        target = Path("/") / link
        if target.is_symlink():
            args += ["--symlink", os.readlink(target), f"/{link}"]
        elif target.is_dir():
            args += ["--ro-bind", str(target), f"/{link}"]
    for etc in ("/etc/fonts", "/etc/localtime", "/etc/ld.so.cache", "/etc/alternatives"):
        if Path(etc).exists():
            args += ["--ro-bind", etc, etc]
    args += ["--proc", "/proc", "--dev", "/dev",
             "--size", str(limits.disk_mb * MiB), "--tmpfs", "/tmp",
             "--size", str(limits.disk_mb * MiB), "--tmpfs", "/home/student"]
    # After the private /tmp and home: a later mount wins, so an environment that lives under /tmp
    # (a clone there, as CI may make) stays visible.
    for root in _python_roots():
        args += ["--ro-bind", str(root), str(root)]
    args += ["--clearenv"]
    return args


def zygote_argv(limits: Limits, *, root: Path, files: dict[str, Path], assignment: str,
                cgroup: Path | None, modules: tuple[str, ...]) -> list[str]:
    """The command that starts a warm sandbox: its zygote imports `modules`, then forks one harness
    kernel per submission (`autograder.grading.zygote`), each under the rlimits of `limits`.

    `root` is bound read-write at the same path (each job's folder, with the kernel's connection
    file, sockets and the harness's job file, is made in it); `files` maps names in the assignment
    folder to host files (the files the assignment ships, never the student's extras nor anything
    else left on the host). They are bound read-only at ``/grader/files/`` and copied into the
    notebook's folder before each kernel starts, so that the notebook's folder is writable as in
    JupyterLab (a checkpoint, a plot, a shipped file rewritten) and everything written there, the
    copies included, stays on the home folder's tmpfs of ``disk_mb``.
    """
    home = f"/home/student/{assignment}"
    args = ["bwrap", *base_args(limits), "--dir", home]
    for name, path in sorted(files.items()):
        args += ["--ro-bind", str(path), f"/grader/files/{name}"]
    if not files:
        args += ["--dir", "/grader/files"]
    args += ["--bind", str(root), str(root),
             *[arg for name in STANDALONE for arg in ("--ro-bind", str(HARNESS.with_name(name)), f"/grader/{name}")],
             "--remount-ro", "/",            # bwrap's own root is a tmpfs: nothing may be written there
             "--chdir", home]
    env = {
        "HOME": "/home/student", "PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin", "LANG": "C.UTF-8",
        "MPLCONFIGDIR": "/tmp/matplotlib", "IPYTHONDIR": "/tmp/ipython", "JUPYTER_RUNTIME_DIR": "/tmp/jupyter",
        "NBGRADER_EXECUTION": "autograde", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
        "OPENBLAS_NUM_THREADS": "1", "MALLOC_ARENA_MAX": "2", "PYTHONDONTWRITEBYTECODE": "1",
    }
    for key, value in env.items():
        args += ["--setenv", key, value]
    args += ["--", sys.executable, "-I", "/grader/zygote.py", *modules]
    if cgroup is not None:
        # join the sandbox's pids cgroup first, then become bwrap
        script = f'echo $$ > "{cgroup}/cgroup.procs" && exec "$@"'
        return ["/bin/sh", "-c", script, "sandbox", *args]
    return args


def kernel_limits(limits: Limits) -> dict[str, int]:
    """The rlimits the zygote gives each kernel it forks (names of `Limits`' fields)."""
    return {"memory_mb": limits.memory_mb, "cpu_seconds": limits.cpu_seconds, "file_mb": limits.file_mb,
            "open_files": limits.open_files, "processes": limits.processes}


def make_cgroup(parent: Path | None, name: str, limits: Limits) -> Path | None:
    """A pids cgroup for one sandbox: the kernel's processes, bwrap's init and the zygote."""
    if parent is None:
        return None
    group = parent / name
    group.mkdir(exist_ok=True)
    (group / "pids.max").write_text(str(limits.processes + 2))
    return group


def remove_cgroup(group: Path | None) -> None:
    """Kill whatever is left in the group (nothing, normally) and remove it."""
    if group is None or not group.exists():
        return
    for _ in range(200):          # up to 10 s: exiting processes leave the group late on a loaded machine
        try:
            pids = [int(p) for p in (group / "cgroup.procs").read_text().split()]
        except OSError:
            pids = []
        for pid in pids:
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
        if not pids:
            try:
                group.rmdir()
                return
            except OSError:
                pass
        time.sleep(0.05)
