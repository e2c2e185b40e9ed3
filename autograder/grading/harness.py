"""The kernel that runs a student's notebook inside the sandbox (started as ``python -I harness.py``).

It is an ordinary IPython kernel with one addition, made before any student code runs: a Python
audit hook (PEP 578). Once installed, an audit hook cannot be removed, and the objects it holds
are reachable from Python only through the means the hook itself watches (the garbage
collector's lists, frames, ctypes, /proc/<pid>/mem). The hook is the whole grader inside the
kernel; nothing of it lives in the notebook's namespace.

**Running a test.** The parent replaces every graded test cell with the marker statement
``__dqn_test__ = "<grade id>"``. When the kernel executes that statement the interpreter raises
the ``exec`` audit event with its code object; the hook recognises the marker and, right there,
runs the test's real source, which came in the job file (read and deleted before the kernel
started), never from the notebook. Before and after the test it restores every function of the
protected modules (numpy, torch, helpers and the names the setup cell imports, their code and
defaults included) and reports what had changed; the test's secret token is published only if
the test returned normally and nothing changed while it ran. A student's code can stop a marker
from running (the test then earns nothing) but cannot run a different test body under its name.
A failed test's exception is re-raised as a fresh one that carries only its type name and
message, from a hook frame that no longer holds the hook: a traceback left behind (sys.last_traceback)
leads to nothing of the grader.

**Blocking.** Raised from the student's code (or, while a test runs, from anything that hands out
frames), these are refused with a RuntimeError and recorded, and the record reaches the parent
with the next test as evidence of tampering: the garbage collector's object graph, other threads'
frames, new audit hooks, ctypes memory access, C-API symbols and native libraries of its own,
/proc/<pid>/mem, swapping the code or defaults of a library function, compiling code under a
library's file name, renaming or rebasing numpy/torch/helpers classes; and, while a test runs,
any frame or traceback frame. (Setting an ordinary class attribute raises no audit event in
Python 3.11: the methods of torch.Tensor, nn.Module and every helpers class are compared and
restored around each test instead.)

**Out of reach.** The hook (`guard.py`) is loaded into a private namespace with a private copy of
the builtins, binds every function it calls when it is installed, and keeps its state in closures:
no class of the grader exists for ``object.__subclasses__()`` to find, no module of it holds
anything for an ``import`` or a module attribute to change, and its code, defaults and frames are
not the student's to read. Test sources arrive already transformed by IPython (in the parent), so
no IPython class the student could patch touches them. Signals are blocked while a test runs, so
no signal handler is handed one of its frames.

This file and `guard.py` use only the standard library and ipykernel: they are bound read-only
into the sandbox and run there without the rest of the course package. Hand-written rather than a
library's, because no kernel provisioner or nbclient hook can make a test unforgeable from inside
the same process.
"""
from __future__ import annotations

import builtins
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def _private(filename: str) -> dict:
    """The namespace of `filename` (beside this file) executed on its own, with its own builtins:
    no module in sys.modules, nothing a student's ``import`` or module attribute could reach."""
    path = os.path.join(HERE, filename)
    with open(path, encoding="utf-8") as f:
        source = f.read()
    namespace = {"__builtins__": dict(vars(builtins)), "__name__": f"dqn_{filename[:-3]}", "__file__": path}
    exec(compile(source, path, "exec"), namespace)
    return namespace


def _install_guard(shell, job: dict) -> None:
    _private("guard.py")["install"](shell, job, sys.addaudithook, _private("guard_state.py")["snapshot_kernel"],
                                    _private("guard_tests.py")["make_test_runner"], _private("guard_sealed.py"))


def main(argv: list[str] | None = None) -> None:
    """Read and delete the job file, start the kernel with the hook installed (`argv`: the kernel's
    arguments, ``-f CONNECTION_FILE``; the command line's when None)."""
    job_path = os.environ.pop("DQN_GRADER_JOB")
    with open(job_path) as f:
        job = json.load(f)
    os.unlink(job_path)
    from ipykernel.kernelapp import IPKernelApp

    app = IPKernelApp.instance()
    app.initialize(sys.argv[1:] if argv is None else argv)
    _install_guard(app.shell, job)
    del job
    sys.modules.pop("harness", None)     # a student's `import harness` gets a fresh copy, not this one
    app.start()


if __name__ == "__main__":
    main()
