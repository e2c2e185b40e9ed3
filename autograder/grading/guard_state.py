"""What the graded tests rely on inside the kernel, snapshotted before any student code runs and
put back around every test (loaded by `harness.py` for `guard.py`, in a private namespace).

Protected: every function of numpy, `helpers` and the parts of torch a check goes through (with
their code and defaults), the methods of `torch.Tensor`, `nn.Module` and every `helpers` class
(setting a class attribute raises no audit event), the builtins, the names the setup cell bound,
the Python-level signal handlers, tracers, profilers and the standard streams. `restore` runs while
the grader is busy: it compares with ``is`` and ``type()``, never handing a student's object to code
that could run it.

Standard library only.
"""
from __future__ import annotations

import builtins as _builtins_module
import sys as _sys
from builtins import vars as _vars
from importlib import import_module
from signal import SIGINT, SIGKILL, SIGSTOP, getsignal, valid_signals
from signal import signal as set_handler
from sys import modules as MODULES
from sys import setprofile, settrace
from types import FunctionType, ModuleType

PROTECTED_PACKAGES = ("numpy", "torch", "helpers")
# torch has some 800 modules: its whole snapshot costs ~1 s per kernel. These are the ones a test's
# checks and a DQN exercise go through; the rest of torch is only reached through them.
TORCH_MODULES = ("torch", "torch.nn", "torch.optim", "torch.autograd", "torch.functional", "torch._tensor",
                 "torch.testing", "torch.utils.data", "torch.random", "torch.serialization")
VOLATILE_BUILTINS = ("input", "raw_input", "exit", "quit", "get_ipython", "display", "help", "copyright", "credits",
                     "license", "execfile", "runfile", "_", "__", "___", "__IPYTHON__")   # ipykernel rebinds these
METHOD_KINDS = (staticmethod, classmethod, property)
BUILTINS = _vars(_builtins_module)
ALL_SIGNALS = tuple(s for s in valid_signals() if s not in (SIGKILL, SIGSTOP))


def _snapshot_module(mod) -> dict:
    """The module's functions, classes and submodules, each with its code and defaults."""
    out = {}
    for key, value in list(vars(mod).items()):
        if key.startswith("__"):
            continue
        if callable(value) or type(value) is ModuleType:
            function = type(value) is FunctionType
            out[key] = (value, value.__code__ if function else None, value.__defaults__ if function else None)
    return out


def _protected(name: str) -> bool:
    return name.split(".")[0] in ("numpy", "helpers") or any(name == m or name.startswith(m + ".") for m in TORCH_MODULES)


def _methods(cls: type) -> dict:
    return {k: v for k, v in vars(cls).items() if callable(v) or issubclass(type(v), METHOD_KINDS)}


def snapshot_kernel(ns: dict, job: dict, trusted, blocked: list):
    """Snapshot what the tests rely on; returns `restore`, which undoes every change since and
    describes each (with what `blocked` recorded). `trusted(filename)`: is this the libraries' code?"""
    for name in job.get("protect", []):
        try:
            import_module(name)
        except Exception:  # a module the notebook does not have: nothing to protect
            pass
    snapshots = {name: (mod, _snapshot_module(mod)) for name, mod in list(MODULES.items())
                 if mod is not None and _protected(name)}
    # Classes whose methods a check relies on: setting their attributes raises no audit event,
    # so they are compared (methods replaced, added or removed) and restored around each test.
    classes = {id(c): c for name, (mod, snap) in snapshots.items() if name.startswith("helpers")
               for c, _, _ in snap.values() if type(c) is type and c.__module__.startswith("helpers")}
    for modname, attr in (("torch", "Tensor"), ("torch.nn", "Module")):
        cls = getattr(MODULES.get(modname), attr, None)
        if isinstance(cls, type):
            classes[id(cls)] = cls
    class_snapshots = [(f"{c.__module__}.{c.__qualname__}", c, _methods(c)) for c in classes.values()]
    builtins_snapshot = {k: v for k, v in BUILTINS.items() if k not in VOLATILE_BUILTINS}
    bindings = {}
    for name, (modname, attr) in job.get("bindings", {}).items():
        mod = MODULES.get(modname)
        if mod is not None:
            bindings[name] = mod if attr is None else vars(mod).get(attr, mod)
    streams = (_sys.stdout, _sys.stderr)
    # The Python-level signal handlers (SIGINT's is ipykernel's to change per request).
    handlers = {n: h for n in ALL_SIGNALS if n != SIGINT and (h := getsignal(n)) is not None}

    def restore() -> list[str]:
        """Undo every change to what the tests rely on; describe each change."""
        found: list[str] = []
        for name, (mod, snap) in snapshots.items():
            if MODULES.get(name) is not mod:
                found.append(f"sys.modules[{name!r}] was replaced")
                MODULES[name] = mod
            current = vars(mod)
            for key, (value, code, defaults) in snap.items():
                new = current.get(key)
                if new is not value:
                    if library_wrapper(new, value):
                        snap[key] = (new, None, None)        # e.g. torch._dynamo wrapping torch.manual_seed on import
                        continue
                    found.append(f"{name}.{key} was replaced")
                    current[key] = value
                elif code is not None and (value.__code__ is not code or value.__defaults__ is not defaults):
                    found.append(f"the code of {name}.{key} was swapped")
                    value.__code__, value.__defaults__ = code, defaults
        for label, cls, snap in class_snapshots:
            now = _methods(cls)
            for key in now.keys() - snap.keys():
                found.append(f"{label}.{key} was added")
                delattr(cls, key)
            for key, value in snap.items():
                if now.get(key) is not value:
                    found.append(f"{label}.{key} was replaced")
                    setattr(cls, key, value)
        for key, value in builtins_snapshot.items():
            if BUILTINS.get(key) is not value:
                found.append(f"builtins.{key} was replaced")
                BUILTINS[key] = value
        for name, value in bindings.items():
            if ns.get(name) is not value:
                found.append(f"the name `{name}` was rebound")
                ns[name] = value
        for number, handler in handlers.items():
            if getsignal(number) is not handler:
                found.append(f"the handler of signal {number} was replaced")
                set_handler(number, handler)
        settrace(None)
        setprofile(None)
        _sys.stdout, _sys.stderr = streams
        if blocked:
            found += [f"tried what the grader blocks: it {what}" for what in dict.fromkeys(blocked)]
            blocked.clear()
        return found

    def library_wrapper(new, old) -> bool:
        """A library (not the student) wrapped `old` with functools.wraps: legitimate."""
        return (type(new) is FunctionType and new.__dict__.get("__wrapped__") is old
                and trusted(new.__code__.co_filename))

    return restore
