"""The kernel that runs a student's notebook inside the sandbox (started as ``python -I harness.py``).

It starts an ordinary IPython kernel, but first, before any student code runs, it:

- reads its job file (test tokens, modules to protect, names the setup cell binds) and deletes it;
- imports the protected modules (numpy, helpers, torch ... as the setup cell would) and keeps a
  snapshot of their functions, of ``builtins`` and of the names the setup cell binds;
- puts one object in the user namespace, ``__dqn_grader__``, whose ``run(grade_id, source)`` is
  what every graded test cell is replaced with.

``run`` restores every protected function and binding (undoing patches and rebinding made by
answer cells), compiles the test's source itself (so no IPython input or AST transformer, custom
exception handler or patched ``run_cell`` sees or changes it), executes it in the user namespace,
checks again that nothing protected changed while it ran, and only then publishes the test's
secret token. The trusted parent gives a test its points only if that token came back: a test that
was skipped, swallowed or tampered with earns nothing.

This file uses only the standard library and ipykernel: it is bound read-only into the sandbox and
run there without the rest of the course package.
"""
from __future__ import annotations

import base64
import builtins
import importlib
import json
import os
import sys

MIME = "application/x-dqn-grader+json"
CALLABLE_TYPES = (type(len), type(lambda: 0), type, type(sys), staticmethod, classmethod)


def _snapshot_module(mod) -> dict:
    """The module's functions, classes and submodules (values that never change legitimately)."""
    out = {}
    for key, value in list(vars(mod).items()):
        if key.startswith("__"):
            continue
        if callable(value) or isinstance(value, type(sys)):
            out[key] = value
    return out


class Grader:
    """What the graded test cells call; everything it needs is captured before student code runs."""

    def __init__(self, shell, job: dict) -> None:
        self._shell = shell
        self._tokens = dict(job["tokens"])
        self._publish = shell.display_pub.publish
        self._modules: dict[str, tuple[object, dict]] = {}
        for name in job.get("protect", []):
            try:
                importlib.import_module(name)
            except Exception:  # a module the notebook does not have: nothing to protect
                pass
        for name, mod in list(sys.modules.items()):
            top = name.split(".")[0]
            if mod is not None and (name in job.get("protect", []) or top == "helpers"
                                    or name in ("numpy.testing", "torch.testing")):
                self._modules[name] = (mod, _snapshot_module(mod))
        self._classes = []
        for modname, attr in (("torch", "Tensor"), ("torch.nn", "Module")):
            mod = sys.modules.get(modname)
            cls = getattr(mod, attr, None) if mod is not None else None
            if isinstance(cls, type):
                self._classes.append((f"{modname}.{attr}", cls, {k: v for k, v in vars(cls).items() if callable(v)}))
        # ipykernel and IPython legitimately rebind these per request
        volatile = {"input", "raw_input", "exit", "quit", "get_ipython", "display", "help", "copyright",
                    "credits", "license", "execfile", "runfile", "_", "__", "___", "__IPYTHON__"}
        self._builtins = {k: v for k, v in vars(builtins).items() if k not in volatile}
        self._bindings = {}
        for name, (modname, attr) in job.get("bindings", {}).items():
            mod = sys.modules.get(modname)
            if mod is None:
                continue
            if attr is None:
                self._bindings[name] = mod
            elif attr in vars(mod):
                self._bindings[name] = vars(mod)[attr]
        self._streams = (sys.stdout, sys.stderr)
        self._roots = tuple({os.path.realpath(p) + os.sep for p in (sys.prefix, sys.base_prefix, sys.exec_prefix)}
                            | {p + os.sep for p in (sys.prefix, sys.base_prefix, sys.exec_prefix)})
        self._settrace, self._setprofile = sys.settrace, sys.setprofile
        self._b64, self._compile, self._exec = base64.b64decode, compile, exec
        from IPython.core.inputtransformer2 import TransformerManager
        self._transform = TransformerManager().transform_cell

    def _library_wrapper(self, new, old) -> bool:
        """A library (not the student) wrapped `old` with functools.wraps: legitimate."""
        if getattr(new, "__wrapped__", None) is not old:
            return False
        code = getattr(new, "__code__", None)
        filename = getattr(code, "co_filename", "")
        return any(filename.startswith(root) for root in self._roots)

    def _audit(self) -> list[str]:
        """Undo every change to what the tests rely on; return a description of each change."""
        found: list[str] = []
        for name, (mod, snap) in self._modules.items():
            if sys.modules.get(name) is not mod:
                found.append(f"sys.modules[{name!r}] was replaced")
                sys.modules[name] = mod
            current = vars(mod)
            for key, value in snap.items():
                new = current.get(key)
                if new is not value:
                    if self._library_wrapper(new, value):
                        snap[key] = new        # e.g. torch._dynamo wrapping torch.manual_seed on import
                        continue
                    found.append(f"{name}.{key} was replaced")
                    current[key] = value
        for label, cls, snap in self._classes:
            for key, value in snap.items():
                if cls.__dict__.get(key) is not value:
                    found.append(f"{label}.{key} was replaced")
                    setattr(cls, key, value)
        current = vars(builtins)
        for key, value in self._builtins.items():
            if current.get(key) is not value:
                found.append(f"builtins.{key} was replaced")
                current[key] = value
        ns = self._shell.user_ns
        for name, value in self._bindings.items():
            if ns.get(name) is not value:
                found.append(f"the name `{name}` was rebound")
                ns[name] = value
        self._settrace(None)
        self._setprofile(None)
        sys.stdout, sys.stderr = self._streams
        return found

    def run(self, grade_id: str, source_b64: str) -> None:
        """Run one graded test cell's source with the protected environment restored."""
        token = self._tokens.get(grade_id)
        before = self._audit()
        if before:
            self._publish({MIME: {"grade_id": grade_id, "tampered_before": before}}, metadata={})
        source = self._transform(self._b64(source_b64).decode("utf-8"))
        code = self._compile(source, "<graded test>", "exec")
        self._exec(code, self._shell.user_ns)
        during = self._audit()
        if during:
            self._publish({MIME: {"grade_id": grade_id, "tampered_during": during}}, metadata={})
            raise RuntimeError("This test does not count: the code it called changed "
                               + "; ".join(during[:3]) + " while the test ran.")
        self._publish({MIME: {"grade_id": grade_id, "token": token}}, metadata={})


def main() -> None:
    job_path = os.environ.pop("DQN_GRADER_JOB")
    with open(job_path) as f:
        job = json.load(f)
    os.unlink(job_path)
    from ipykernel.kernelapp import IPKernelApp

    app = IPKernelApp.instance()
    app.initialize(sys.argv[1:])
    grader = Grader(app.shell, job)
    app.shell.user_ns["__dqn_grader__"] = grader
    app.shell.user_ns_hidden["__dqn_grader__"] = grader
    del job
    app.start()


if __name__ == "__main__":
    main()
