"""The audit hook that runs the graded tests inside the kernel (loaded by `harness.py`).

The harness executes this file in a private namespace, with its own copy of the builtins, and
calls `install` once, before any student code runs. Everything the hook needs is bound now: the
functions it calls are imported by name (``from os import fsdecode``, not ``os.fsdecode`` looked up
later), its builtins are a private copy, and its state lives in closures, not in a class or a
module a student's code could reach (``object.__subclasses__()``, ``import``, a module's
attributes). While the grader itself works (restoring, publishing) it never hands a student's
object to code that could run it: types are compared with ``type()``, not ``isinstance``.

Standard library only; see `harness.py` for what the hook guards and why.
"""
from __future__ import annotations

import sys as _sys
from os import fsdecode
from os import sep as SEP
from os.path import dirname, realpath
from re import compile as regex
from signal import SIGKILL, SIGSTOP, valid_signals
from sys import _getframe as getframe
from types import AsyncGeneratorType, CodeType, CoroutineType, FrameType, FunctionType, GeneratorType

MIME = "application/x-dqn-grader+json"
MARKER_NAME = "__dqn_test__"
PROTECTED_PACKAGES = ("numpy", "torch", "helpers")
# Library functions that hand frames to their caller (file, function; None: every function of the
# file): while a test runs they get none. Those that only return text (traceback.format_stack,
# which torch calls while seeding) are left alone.
FRAME_DEALERS = (("/inspect.py", None), ("/traceback.py", None), ("/bdb.py", None), ("/asyncio/", None),
                 ("/pdb.py", None), ("/cgitb.py", None), ("/stack_data/", None), ("/executing/", None),
                 ("/IPython/core/ultratb.py", None), ("/IPython/core/debugger.py", None),
                 ("/IPython/utils/frame.py", None), ("/logging/__init__.py", ("<lambda>", "currentframe")))
# While a test runs, a frame goes only to these: `traceback`'s entry points that turn a stack into
# text without the frames' locals (the outermost `traceback` function called), and library
# functions that read the stack for their own use and return no frame (the first caller that is
# not a dealer). Deciding by "a library asked" does not hold: some libraries hand frames back.
TEXT_ONLY_ENTRIES = ("extract_stack", "format_stack", "print_stack", "extract_tb", "format_tb", "print_tb",
                     "format_exception", "print_exception", "format_exc", "print_exc", "format_exception_only",
                     "print_last", "format_list")
READERS_DURING_TESTS = (("/logging/__init__.py", ("findCaller",)), ("/matplotlib/_api/__init__.py", ("warn_external",)),
                        ("/collections/__init__.py", ("namedtuple",)), ("/enum.py", None), ("/typing.py", ("_caller",)),
                        ("/typing_extensions.py", ("_caller", "_has_generic_or_protocol_as_origin")))
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
FRAME_ATTRIBUTES = ("tb_frame", "gi_frame", "cr_frame", "ag_frame")
CODE_ATTRIBUTES = ("__code__", "__defaults__", "__kwdefaults__", "f_code", "gi_code", "cr_code", "ag_code")
FUNCTION_INTERNALS = ("__code__", "__defaults__", "__kwdefaults__")
PROC_MEM = regex(r"^/proc/(self|thread-self|\d+)(/task/\d+)?/mem$")
ALL_SIGNALS = tuple(s for s in valid_signals() if s not in (SIGKILL, SIGSTOP))


def install(shell, job: dict, add_hook, snapshot_kernel, make_test_runner, sealed_parts: dict) -> None:
    """Install the hook for this kernel (`add_hook` is ``sys.addaudithook``; `snapshot_kernel` comes
    from guard_state.py, `make_test_runner` from guard_tests.py, `sealed_parts` is guard_sealed.py's
    namespace). Nothing returned, nothing kept."""
    tokens = dict(job["tokens"])
    tests = dict(job["tests"])     # (a mapping proxy would hand its dict to the other side of an ==)
    publish = shell.display_pub.publish
    ns = shell.user_ns
    here = dirname(realpath(__file__)) + SEP
    roots = tuple(sorted({realpath(p) + SEP for p in (_sys.prefix, _sys.base_prefix, _sys.exec_prefix)}
                         | {p + SEP for p in (_sys.prefix, _sys.base_prefix, _sys.exec_prefix)} | {here, "<frozen "}))
    blocked: list[str] = []
    state = {"busy": False, "in_test": False, "inner": False}
    own_codes: dict[int, CodeType] = {}   # this file's functions' code, by id: not for the student's code to read
    sealed: set[int] = set()              # of those, the sealed ones: their frames hold nothing once they raise
    failure_types: dict[int, type] = {}   # the exception types run_test made for failed tests

    def trusted(filename: str) -> bool:
        return filename.startswith(roots)

    restore = snapshot_kernel(ns, job, blocked)

    def caller_file(depth: int) -> str:
        """The file of the code that raised the event being audited, seen from a function `depth`
        calls below `hook` (1: the hook itself): the interpreter calls `outside`, which calls `hook`."""
        frame = getframe(depth + 2)
        name = frame.f_code.co_filename
        del frame
        return name

    def deny(what: str) -> None:
        blocked.append(what)
        raise RuntimeError(f"The grader does not allow this here: the code {what}.")

    def is_dealer(code) -> bool:
        return any(part in code.co_filename and (names is None or code.co_name in names) for part, names in FRAME_DEALERS)

    def frame_for_student(what: str) -> None:
        """Deny a frame to the student's code, directly or through a library that deals frames; while
        a test runs, to anyone but `traceback`'s text-only entry points and READERS_DURING_TESTS."""
        state["busy"] = True
        try:
            frame = getframe(3)          # frame_for_student < hook < outside < the raiser
            entry, asker = None, ""
            while frame is not None and is_dealer(frame.f_code):
                entry = frame.f_code      # the outermost dealer: the function that was called
                frame = frame.f_back      # inspect.stack -> getouterframes...: who asked for them?
            if frame is None:
                untrusted = False
            elif state["in_test"]:
                code = frame.f_code
                asker = f"{'/'.join(code.co_filename.rsplit(SEP, 2)[-2:])}:{code.co_name}"
                untrusted = not (code.co_filename.startswith(here)
                                 or (entry is not None and entry.co_filename.endswith("/traceback.py")
                                     and entry.co_name in TEXT_ONLY_ENTRIES)
                                 or any(code.co_filename.endswith(f) and (names is None or code.co_name in names)
                                        for f, names in READERS_DURING_TESTS))
                del code
            else:
                untrusted = not trusted(frame.f_code.co_filename)
            del frame, entry
        finally:
            state["busy"] = False
        if untrusted:
            deny(what if not state["in_test"] else f"{what} (asked by {asker})")

    def leads_to_grader(frame) -> bool:
        """Does `frame`, or any frame it was called from, run the grader's code or a test's? (A
        finished frame keeps its caller: a traceback kept from inside a test leads back to it.)"""
        state["busy"] = True
        try:
            for _ in range(500):
                if type(frame) is not FrameType:
                    return False
                code = frame.f_code
                if (own_codes.get(id(code)) is code and id(code) not in sealed) or code.co_filename == "<graded test>":
                    return True
                frame = frame.f_back
            return True
        finally:
            del frame
            state["busy"] = False

    def grader_frame(holder, name: str) -> bool:
        """Does the frame that `holder.<name>` gives (a traceback's, a generator's...) lead to the grader?"""
        state["busy"] = True
        try:
            frame = getattr(holder, name, None)
        finally:
            state["busy"] = False
        return leads_to_grader(frame)

    def check_setattr(obj, name) -> None:
        state["busy"] = True
        try:
            kind = type(obj)
            if kind is FunctionType and name in FUNCTION_INTERNALS:
                code = obj.__code__
                if not (trusted(code.co_filename) or code.co_filename == "<graded test>"):
                    return
                what = f"swaps the {name} of {obj.__module__}.{obj.__qualname__}"
            elif issubclass(kind, type) and not trusted(caller_file(2)):
                module = vars(obj).get("__module__")
                module = module if type(module) is str else ""
                if module.split(".")[0] not in PROTECTED_PACKAGES + ("builtins", "IPython", "ipykernel"):
                    return
                what = f"changes the class {module}.{vars(obj).get('__qualname__', '?')} ({name})"
            else:
                return
        finally:
            state["busy"] = False
        deny(what)

    def check_code_read(obj, name: str) -> None:
        """The grader's own code objects and frames' code are not for the student's code to read, and
        its functions' defaults (where the stand-ins keep what they call) are for nobody else."""
        state["busy"] = True
        try:
            kind = type(obj)
            code = (obj.__code__ if kind is FunctionType else obj.f_code if kind is FrameType else
                    obj.gi_code if kind is GeneratorType else obj.cr_code if kind is CoroutineType else
                    obj.ag_code if kind is AsyncGeneratorType else obj if kind is CodeType else None)
            ours = code is not None and own_codes.get(id(code)) is code
            if ours:
                reader = caller_file(2)
                ours = not reader.startswith(here) if name in ("__defaults__", "__kwdefaults__") else not trusted(reader)
        finally:
            state["busy"] = False
        if ours:
            deny("reads the grader's own code")

    run_test = make_test_runner(tokens, tests, publish, ns, restore, state, failure_types)

    def hook(event: str, args: tuple) -> None:
        if state["inner"]:
            return
        if state["busy"]:
            # The grader is working; only a student's object it touched by accident could run here,
            # and such code may take no frame and reach nothing that is always blocked.
            if event in ALWAYS_BLOCKED or event == "sys._getframe" or (
                    event == "object.__getattr__" and args[1] in FRAME_ATTRIBUTES):
                state["inner"] = True
                try:
                    untrusted = not trusted(getframe(2).f_code.co_filename)     # hook < outside < the raiser
                finally:
                    state["inner"] = False
                if untrusted:
                    deny(ALWAYS_BLOCKED.get(event, "takes a frame while the grader works"))
            return
        if event == "exec":
            code = args[0] if args else None
            if type(code) is CodeType and code.co_names == (MARKER_NAME,):
                gid = next((c for c in code.co_consts if type(c) is str), None)
                if gid in tests:
                    if state["in_test"]:
                        deny("runs a graded test inside another")
                    failure = run_test(gid)
                    if failure is not None:
                        del args, code
                        raise failure
            return
        if event in ALWAYS_BLOCKED:
            state["busy"] = True
            try:
                allowed = event.startswith(("sys.settrace", "sys.setprofile")) and trusted(caller_file(1))
            finally:
                state["busy"] = False
            if not allowed:
                deny(ALWAYS_BLOCKED[event])
            return
        if event == "object.__getattr__":
            if args[1] in CODE_ATTRIBUTES:
                check_code_read(args[0], args[1])
            elif args[1] in FRAME_ATTRIBUTES:
                if state["in_test"]:
                    frame_for_student(f"takes a frame ({args[1]}) while a test runs")
                elif grader_frame(args[0], args[1]):
                    frame_for_student(f"takes a frame of the grader ({args[1]})")
        elif event == "sys._getframe":
            if state["in_test"]:
                frame_for_student("takes a frame (sys._getframe) while a test runs")
            elif args and leads_to_grader(args[0]):
                frame_for_student("takes a frame of the grader (sys._getframe)")
        elif event == "object.__setattr__" or event == "object.__delattr__":
            check_setattr(args[0], args[1])
        elif event == "open" and args and type(args[0]) in (str, bytes):
            state["busy"] = True
            try:
                path = realpath(fsdecode(args[0]))
            finally:
                state["busy"] = False
            if PROC_MEM.match(path):
                deny("opens the process's memory (/proc/.../mem)")
        elif event == "ctypes.dlsym" and len(args) > 1 and str(args[1]).lstrip("_").startswith("Py"):
            deny("looks up the interpreter's C API (ctypes)")
        elif event == "ctypes.dlopen" and args and type(args[0]) in (str, bytes) and SEP in fsdecode(args[0]):
            if not trusted(fsdecode(args[0])) and not fsdecode(args[0]).startswith(("/usr/", "/lib")):
                deny("loads a native library of its own (ctypes)")
        elif event in ("compile", "code.__new__"):
            filename = args[1]
            if type(filename) in (str, bytes) and trusted(fsdecode(filename)):
                state["busy"] = True
                try:
                    caller = caller_file(1)
                finally:
                    state["busy"] = False
                if not trusted(caller) and not caller.startswith("<frozen"):
                    deny("compiles code under a library's file name")

    def signal_request(what: str) -> None:
        """Refuse a signal handler or mask change that the student's code asks for during a test."""
        if not state["in_test"]:
            return
        frame = getframe(2)
        while frame is not None and frame.f_code.co_filename.endswith(SEP + "signal.py"):
            frame = frame.f_back          # signal.py's wrappers: who called them?
        untrusted = frame is not None and not trusted(frame.f_code.co_filename)
        del frame
        if untrusted:
            deny(what)

    def builtin_request(spec) -> None:
        name = getattr(spec, "name", None)
        if name in ("_signal", "_imp"):      # nothing imports these afresh but a way around the stand-ins
            deny(f"makes a fresh `{name}` module")


    def fresh(err: BaseException) -> BaseException:
        """A new exception like `err` (the grader's own kinds only), with no traceback and no context."""
        kind = type(err)
        if kind is RuntimeError or kind is KeyboardInterrupt or failure_types.get(id(kind)) is kind:
            return kind(*[a for a in err.args if type(a) is str])
        return RuntimeError("The grader could not check this step.")

    stand_ins = sealed_parts["install_stand_ins"](signal_request, builtin_request, fresh)
    outside = sealed_parts["seal"](sealed_parts["hook_outside"], hook, fresh, BaseException)
    sealed.update(id(f.__code__) for f in (outside, *stand_ins))
    for function in (trusted, caller_file, deny, signal_request, builtin_request, fresh, outside, *stand_ins, is_dealer,
                     grader_frame, leads_to_grader,
                     frame_for_student, check_setattr, check_code_read,
                     restore, run_test, hook, install):
        own_codes[id(function.__code__)] = function.__code__
    add_hook(outside)
