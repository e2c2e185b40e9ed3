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

This file uses only the standard library and ipykernel: it is bound read-only into the sandbox and
run there without the rest of the course package. Hand-written rather than a library's, because
no kernel provisioner or nbclient hook can make a test unforgeable from inside the same process.
"""
from __future__ import annotations

import builtins
import importlib
import json
import os
import re
import sys
import types

MIME = "application/x-dqn-grader+json"
MARKER_NAME = "__dqn_test__"
PROTECTED_PACKAGES = ("numpy", "torch", "helpers")
# torch has some 800 modules: its whole snapshot costs ~1 s per kernel. These are the ones a test's
# checks and a DQN exercise go through; the rest of torch is only reached through them.
TORCH_MODULES = ("torch", "torch.nn", "torch.optim", "torch.autograd", "torch.functional", "torch._tensor",
                 "torch.testing", "torch.utils.data", "torch.random", "torch.serialization")
# Library functions that hand frames to their caller (file, function; None: every function of the
# file): while a test runs they get none. Those that only return text (traceback.format_stack,
# which torch calls while seeding) are left alone.
FRAME_DEALERS = (("/inspect.py", None), ("/traceback.py", ("walk_stack", "walk_tb")), ("/bdb.py", None),
                 ("/pdb.py", None), ("/cgitb.py", None), ("/stack_data/", None), ("/executing/", None),
                 ("/IPython/core/ultratb.py", None), ("/IPython/core/debugger.py", None))
ALWAYS_BLOCKED = {
    "gc.get_objects": "walks the garbage collector's object list", "gc.get_referrers": "walks the object graph (gc)",
    "gc.get_referents": "walks the object graph (gc)", "sys._current_frames": "reads other threads' frames",
    "sys.addaudithook": "installs an audit hook", "ctypes.string_at": "reads raw memory (ctypes)",
    "ctypes.wstring_at": "reads raw memory (ctypes)", "ctypes.memmove": "writes raw memory (ctypes)",
    "ctypes.memset": "writes raw memory (ctypes)", "ctypes.addressof": "takes raw addresses (ctypes)",
    "ctypes.PyObj_FromPtr": "turns addresses into objects (ctypes)", "ctypes.cdata": "maps raw memory (ctypes)",
    "ctypes.cdata/buffer": "maps raw memory (ctypes)", "sys.settrace": "installs a tracer",
    "sys.setprofile": "installs a profiler",
}
FRAME_EVENTS = {"sys._getframe"}
FRAME_ATTRIBUTES = {"tb_frame", "gi_frame", "cr_frame", "ag_frame"}
FUNCTION_INTERNALS = {"__code__", "__defaults__", "__kwdefaults__"}
PROC_MEM = re.compile(r"^/proc/(self|thread-self|\d+)(/task/\d+)?/mem$")


def _snapshot_module(mod) -> dict:
    """The module's functions, classes and submodules, each with its code and defaults."""
    out = {}
    for key, value in list(vars(mod).items()):
        if key.startswith("__"):
            continue
        if callable(value) or isinstance(value, types.ModuleType):
            out[key] = (value, getattr(value, "__code__", None) if isinstance(value, types.FunctionType) else None,
                        getattr(value, "__defaults__", None) if isinstance(value, types.FunctionType) else None)
    return out


def _protected(name: str) -> bool:
    return name.split(".")[0] in ("numpy", "helpers") or any(name == m or name.startswith(m + ".") for m in TORCH_MODULES)


def _methods(cls: type) -> dict:
    return {k: v for k, v in vars(cls).items() if callable(v) or isinstance(v, (staticmethod, classmethod, property))}


class Guard:
    """The audit hook: the kernel-side grader. Only the interpreter holds a reference to it."""

    __slots__ = ("_tokens", "_tests", "_publish", "_ns", "_modules", "_classes", "_builtins", "_bindings",
                 "_streams", "_roots", "_busy", "_in_test", "_blocked", "_transform", "_compile", "_exec",
                 "_realpath", "_getframe", "_settrace", "_setprofile")

    def __init__(self, shell, job: dict) -> None:
        self._busy = True
        self._in_test = False
        self._blocked: list[str] = []
        self._tokens = dict(job["tokens"])
        self._tests = dict(job["tests"])
        self._publish = shell.display_pub.publish
        self._ns = shell.user_ns
        self._compile, self._exec, self._realpath = compile, exec, os.path.realpath
        self._getframe, self._settrace, self._setprofile = sys._getframe, sys.settrace, sys.setprofile
        for name in job.get("protect", []):
            try:
                importlib.import_module(name)
            except Exception:  # a module the notebook does not have: nothing to protect
                pass
        self._modules = {name: (mod, _snapshot_module(mod)) for name, mod in list(sys.modules.items())
                         if mod is not None and _protected(name)}
        # Classes whose methods a check relies on: setting their attributes raises no audit event,
        # so they are compared (methods replaced, added or removed) and restored around each test.
        classes = {id(c): c for name, (mod, snap) in self._modules.items() if name.startswith("helpers")
                   for c, _, _ in snap.values() if isinstance(c, type) and c.__module__.startswith("helpers")}
        for modname, attr in (("torch", "Tensor"), ("torch.nn", "Module")):
            cls = getattr(sys.modules.get(modname), attr, None)
            if isinstance(cls, type):
                classes[id(cls)] = cls
        self._classes = [(f"{c.__module__}.{c.__qualname__}", c, _methods(c)) for c in classes.values()]
        # ipykernel and IPython legitimately rebind these per request
        volatile = {"input", "raw_input", "exit", "quit", "get_ipython", "display", "help", "copyright",
                    "credits", "license", "execfile", "runfile", "_", "__", "___", "__IPYTHON__"}
        self._builtins = {k: v for k, v in vars(builtins).items() if k not in volatile}
        self._bindings = {}
        for name, (modname, attr) in job.get("bindings", {}).items():
            mod = sys.modules.get(modname)
            if mod is not None:
                self._bindings[name] = mod if attr is None else vars(mod).get(attr, mod)
        self._streams = (sys.stdout, sys.stderr)
        self._roots = tuple(sorted({os.path.realpath(p) + os.sep for p in (sys.prefix, sys.base_prefix, sys.exec_prefix)}
                                   | {p + os.sep for p in (sys.prefix, sys.base_prefix, sys.exec_prefix)}
                                   | {os.path.dirname(os.path.realpath(__file__)) + os.sep, "<frozen "}))
        from IPython.core.inputtransformer2 import TransformerManager
        self._transform = TransformerManager().transform_cell
        self._busy = False

    # --- whose code is it? ----------------------------------------------------------------------

    def _trusted_file(self, filename: str) -> bool:
        return filename.startswith(self._roots)

    def _caller(self):
        """The frame whose code raised the event being audited."""
        return self._getframe(2)

    def _deny(self, what: str) -> None:
        self._blocked.append(what)
        raise RuntimeError(f"The grader does not allow this here: the code {what}.")

    # --- the hook -------------------------------------------------------------------------------

    def __call__(self, event: str, args: tuple) -> None:
        if self._busy:
            return
        if event == "exec":
            code = args[0] if args else None
            if isinstance(code, types.CodeType) and code.co_names == (MARKER_NAME,):
                gid = next((c for c in code.co_consts if isinstance(c, str)), None)
                if gid in self._tests:
                    failure = self._run_test(gid)
                    if failure is not None:
                        del self, args, code
                        raise failure
            return
        if event in ALWAYS_BLOCKED:
            self._busy = True
            try:
                trusted = event.startswith(("sys.settrace", "sys.setprofile")) and self._trusted_file(
                    self._caller().f_code.co_filename)
            finally:
                self._busy = False
            if not trusted:
                self._deny(ALWAYS_BLOCKED[event])
            return
        if event == "object.__getattr__" and self._in_test and args[1] in FRAME_ATTRIBUTES:
            self._check_frame_dealer(f"takes a frame ({args[1]}) while a test runs")
        elif event in FRAME_EVENTS and self._in_test:
            self._check_frame_dealer("takes a frame (sys._getframe) while a test runs")
        elif event == "object.__setattr__" or event == "object.__delattr__":
            self._check_setattr(args)
        elif event == "open" and args and isinstance(args[0], (str, bytes)):
            self._busy = True
            try:
                path = self._realpath(os.fsdecode(args[0]))
            finally:
                self._busy = False
            if PROC_MEM.match(path):
                self._deny("opens the process's memory (/proc/.../mem)")
        elif event == "ctypes.dlsym" and len(args) > 1 and str(args[1]).lstrip("_").startswith("Py"):
            self._deny("looks up the interpreter's C API (ctypes)")
        elif event == "ctypes.dlopen" and args and isinstance(args[0], (str, bytes)) and os.sep in os.fsdecode(args[0]):
            if not self._trusted_file(os.fsdecode(args[0])) and not os.fsdecode(args[0]).startswith(("/usr/", "/lib")):
                self._deny("loads a native library of its own (ctypes)")
        elif event in ("compile", "code.__new__"):
            filename = args[1]
            if isinstance(filename, (str, bytes)) and self._trusted_file(os.fsdecode(filename)):
                self._busy = True
                try:
                    caller = self._caller().f_code.co_filename
                finally:
                    self._busy = False
                if not self._trusted_file(caller) and not caller.startswith("<frozen"):
                    self._deny("compiles code under a library's file name")

    def _check_frame_dealer(self, what: str) -> None:
        """Deny a frame to the student's code, directly or through a library that deals frames."""
        self._busy = True
        try:
            frame = self._getframe(2)
            while frame is not None and self._is_dealer(frame.f_code):
                frame = frame.f_back      # inspect.stack -> getouterframes...: who asked for them?
            untrusted = frame is not None and not self._trusted_file(frame.f_code.co_filename)
            del frame
        finally:
            self._busy = False
        if untrusted:
            self._deny(what)

    @staticmethod
    def _is_dealer(code) -> bool:
        return any(part in code.co_filename and (names is None or code.co_name in names) for part, names in FRAME_DEALERS)

    def _check_setattr(self, args: tuple) -> None:
        obj, name = args[0], args[1]
        self._busy = True
        try:
            caller = self._getframe(2).f_code.co_filename
            if isinstance(obj, types.FunctionType) and name in FUNCTION_INTERNALS:
                code = obj.__code__
                if self._trusted_file(code.co_filename) or code.co_filename == "<graded test>":
                    what = f"swaps the {name} of {obj.__module__}.{obj.__qualname__}"
                else:
                    return
            elif isinstance(obj, type) and not self._trusted_file(caller):
                module = str(getattr(obj, "__module__", "") or "")
                if module.split(".")[0] not in PROTECTED_PACKAGES + ("builtins", "IPython", "ipykernel"):
                    return
                what = f"changes the class {module}.{obj.__qualname__} ({name})"
            else:
                return
        finally:
            self._busy = False
        self._deny(what)

    # --- the tests ------------------------------------------------------------------------------

    def _audit(self) -> list[str]:
        """Undo every change to what the tests rely on; describe each change."""
        found: list[str] = []
        for name, (mod, snap) in self._modules.items():
            if sys.modules.get(name) is not mod:
                found.append(f"sys.modules[{name!r}] was replaced")
                sys.modules[name] = mod
            current = vars(mod)
            for key, (value, code, defaults) in snap.items():
                new = current.get(key)
                if new is not value:
                    if self._library_wrapper(new, value):
                        snap[key] = (new, None, None)        # e.g. torch._dynamo wrapping torch.manual_seed on import
                        continue
                    found.append(f"{name}.{key} was replaced")
                    current[key] = value
                elif code is not None and (value.__code__ is not code or value.__defaults__ is not defaults):
                    found.append(f"the code of {name}.{key} was swapped")
                    value.__code__, value.__defaults__ = code, defaults
        for label, cls, snap in self._classes:
            now = _methods(cls)
            for key in now.keys() - snap.keys():
                found.append(f"{label}.{key} was added")
                delattr(cls, key)
            for key, value in snap.items():
                if now.get(key) is not value:
                    found.append(f"{label}.{key} was replaced")
                    setattr(cls, key, value)
        current = vars(builtins)
        for key, value in self._builtins.items():
            if current.get(key) is not value:
                found.append(f"builtins.{key} was replaced")
                current[key] = value
        for name, value in self._bindings.items():
            if self._ns.get(name) is not value:
                found.append(f"the name `{name}` was rebound")
                self._ns[name] = value
        self._settrace(None)
        self._setprofile(None)
        sys.stdout, sys.stderr = self._streams
        if self._blocked:
            found += [f"tried what the grader blocks: it {what}" for what in dict.fromkeys(self._blocked)]
            self._blocked.clear()
        return found

    def _library_wrapper(self, new, old) -> bool:
        """A library (not the student) wrapped `old` with functools.wraps: legitimate."""
        code = getattr(new, "__code__", None)
        return getattr(new, "__wrapped__", None) is old and self._trusted_file(getattr(code, "co_filename", ""))

    def _run_test(self, gid: str) -> BaseException | None:
        """Run one graded test; publish its token if it passed. Returns the failure to raise, if any."""
        self._busy = True
        try:
            before = self._audit()
            if before:
                self._publish({MIME: {"grade_id": gid, "tampered_before": before}}, metadata={})
            code = self._compile(self._transform(self._tests[gid]), "<graded test>", "exec")
        finally:
            self._busy = False
        failure = None
        self._in_test = True
        try:
            self._exec(code, self._ns)
        except BaseException as err:  # noqa: BLE001 -- every failure is reported, as the kernel would
            failure = (type(err).__name__, str(err), isinstance(err, KeyboardInterrupt))
            del err
        finally:
            self._in_test = False
        self._busy = True
        try:
            during = self._audit()
            if during:
                self._publish({MIME: {"grade_id": gid, "tampered_during": during}}, metadata={})
                if failure is None:
                    failure = ("RuntimeError", "This test does not count: while it ran, " + "; ".join(during[:3]) + ".",
                               False)
            if failure is None:
                self._publish({MIME: {"grade_id": gid, "token": self._tokens[gid]}}, metadata={})
                return None
        finally:
            self._busy = False
        name, message, interrupt = failure
        if interrupt:
            return KeyboardInterrupt(message)
        return type(name, (Exception,), {"__module__": "graded_test"})(message)


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
    sys.addaudithook(Guard(app.shell, job))
    del job
    app.start()


if __name__ == "__main__":
    main()
