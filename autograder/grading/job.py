"""Grade one submission in a sandbox, and score it in the trusted parent.

The steps for one student's notebook:

1. **read** it (invalid JSON or a missing notebook become a status, never a crash);
2. **restore** it against source/ (nbgrader's OverwriteCells with ``add_missing_cells``): locked
   and test cells get the instructor's source back, hidden tests included; deleted ones are put
   back; an answer cell whose grade id was renamed is found again by its cell id; files the student
   put beside the notebook are left out;
3. **review** the code the student wrote for means of tampering with the grader (flags, not scores);
4. **execute** it in the sandbox (`autograder.sandbox`) with the harness kernel: each graded test
   cell is replaced by a marker that the harness's audit hook runs from the job file's copy of the
   test, and it proves it completed by publishing a secret token;
5. **score** in the parent: a test earns its points only with no error and its token, whatever
   went to stderr (nbgrader's rule, with warnings ignored); kernel death, timeouts and memory
   exhaustion become the status.

Nothing in here writes the gradebook: `autograder.run` does, in the parent process only.
"""
from __future__ import annotations

import ast
import copy
import hashlib
import json
import os
import re
import secrets
import shutil
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import nbformat
from nbformat import NotebookNode

from autograder.course import cells as C
from autograder.grading import sandbox
from autograder.proof.contract import ANSI
from autograder.course.release import shipped_files

MIME = "application/x-dqn-grader+json"
MARKER_NAME = "__dqn_test__"     # the harness runs a test when the kernel executes `__dqn_test__ = "<grade id>"`
PROTECTABLE = ("numpy", "helpers", "torch")
MAX_OUTPUT_BYTES = 512 * 1024   # per cell; the rest of a flood is dropped
MAX_NOTEBOOK_BYTES = 20 * 1024 * 1024

# Code a DQN exercise never needs, and that tampering with the grader does.
SUSPICIOUS_NAMES = {
    "get_ipython": "calls get_ipython()", MARKER_NAME: "touches the grader's test marker",
    "f_back": "walks frames", "f_locals": "reads frames", "f_globals": "reads frames", "tb_frame": "reads frames",
    "gi_frame": "reads frames", "currentframe": "inspects frames", "_current_frames": "inspects frames",
    "walk_stack": "inspects frames", "walk_tb": "inspects frames", "last_traceback": "reads the last traceback",
    "__closure__": "reads closures", "cell_contents": "reads closures", "addaudithook": "installs an audit hook",
    "marshal": "loads bytecode", "CodeType": "builds code objects", "FunctionType": "builds functions",
    "__code__": "touches code objects", "__defaults__": "touches function defaults",
    "__kwdefaults__": "touches function defaults", "__globals__": "reads a function's globals",
    "__subclasses__": "walks class hierarchies",
    "input_transformers_cleanup": "installs an IPython input transformer",
    "input_transformers_post": "installs an IPython input transformer",
    "ast_transformers": "installs an IPython AST transformer", "set_custom_exc": "replaces IPython's error handler",
    "settrace": "installs a tracer", "setprofile": "installs a profiler", "_exit": "calls os._exit",
    "ctypes": "uses ctypes", "gc": "uses the garbage collector's object lists", "inspect": "inspects frames",
    "builtins": "changes builtins", "__builtins__": "changes builtins", "modules": "touches sys.modules",
    "importlib": "imports modules dynamically", "__import__": "imports modules dynamically",
    "exec": "runs code from strings (exec)", "eval": "runs code from strings (eval)",
    "compile": "compiles code from strings", "testing": "touches numpy.testing",
    "_getframe": "inspects frames", "fork": "forks processes", "signal": "changes signal handlers",
    "subprocess": "starts programs", "system": "starts programs", "socket": "opens network sockets",
    "run_cell": "patches IPython", "display_pub": "patches IPython",
}

NAME_ONLY = {"exec", "eval", "compile", "__import__", "builtins", "inspect", "gc", "ctypes", "importlib",
             "signal", "subprocess", "socket", "marshal"}


# --- the assignment, read once from source/ and release/ ------------------------------------------

@dataclass
class Assignment:
    name: str
    source: NotebookNode
    release: NotebookNode
    files: dict[str, Path]                 # files the assignment ships beside the notebook (release.shipped_files)
    tests: dict[str, float]                # test grade id -> points, in notebook order
    manual: dict[str, float]               # written answers (manual grading) -> points
    bindings: dict[str, tuple[str, str | None]]
    protect: list[str]
    hidden_lines: list[str]
    source_sha: str                        # the source notebook and the shipped files

    @property
    def filename(self) -> str:
        return f"{self.name}.ipynb"

    @property
    def max_score(self) -> float:
        return sum(self.tests.values()) + sum(self.manual.values())

    @property
    def auto_max(self) -> float:
        return sum(self.tests.values())


def _imports(source: str) -> dict[str, tuple[str, str | None]]:
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return {}
    out: dict[str, tuple[str, str | None]] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname:
                    out[alias.asname] = (alias.name, None)
                else:
                    out[alias.name.split(".")[0]] = (alias.name.split(".")[0], None)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                if alias.name != "*":
                    out[alias.asname or alias.name] = (node.module, alias.name)
    return out


def hidden_test_lines(source: NotebookNode, release: NotebookNode) -> list[str]:
    """Lines that exist only in hidden tests (not anywhere in the release): what must never leak."""
    visible = set()
    for cell in release.cells:
        visible |= {ln.strip() for ln in cell.source.splitlines()}
    lines = []
    for cell in source.cells:
        if not C.is_test(cell):
            continue
        inside = False
        for ln in cell.source.splitlines():
            if C.BEGIN_HIDDEN.match(ln):
                inside = True
            elif C.END_HIDDEN.match(ln):
                inside = False
            elif inside and len(ln.strip()) >= 12 and ln.strip() not in visible:
                lines.append(ln.strip())
    return lines


def load_assignment(repo: Path, name: str) -> Assignment:
    src_path = repo / "source" / name / f"{name}.ipynb"
    rel_dir = repo / "release" / name
    source = nbformat.read(str(src_path), as_version=4)
    release = nbformat.read(str(rel_dir / f"{name}.ipynb"), as_version=4)
    files = shipped_files(repo, name)   # never what else lies in release/ (a checkpoint of the instructor's run)
    tests = {C.grade_id(c): C.points(c) for c in source.cells if C.is_test(c)}
    manual = {C.grade_id(c): C.points(c) for c in source.cells if C.is_manual(c)}
    bindings: dict[str, tuple[str, str | None]] = {}
    for cell in source.cells:
        if cell.cell_type == "code" and C.nbgrader_meta(cell).get("locked") and not C.is_test(cell):
            bindings.update(_imports(cell.source))
    bindings = {k: v for k, v in bindings.items() if v[0].split(".")[0] in PROTECTABLE}
    protect = sorted({m for m, _ in bindings.values()} | {"numpy", "numpy.testing", "helpers"})
    digest = hashlib.sha256(src_path.read_bytes())
    for rel, path in sorted(files.items()):     # a shipped file changed is another assignment too
        digest.update(f"\0{rel}\0".encode() + hashlib.sha256(path.read_bytes()).digest())
    sha = digest.hexdigest()
    return Assignment(name, source, release, files, tests, manual, bindings, protect,
                      hidden_test_lines(source, release), sha)


# --- 1 and 2: read and restore --------------------------------------------------------------------

class NotGradable(Exception):
    """The submission cannot be graded at all; the message is the reason."""


def find_notebook(folder: Path, assignment: str) -> tuple[Path, list[str]]:
    """The submitted notebook in `folder`, and notes about what else is there."""
    notes = []
    want = folder / f"{assignment}.ipynb"
    notebooks = sorted(p for p in folder.glob("*.ipynb") if p.is_file() and not p.is_symlink())
    extras = sorted(p.name for p in folder.iterdir() if p.name != want.name and p.name != "timestamp.txt") if folder.is_dir() else []
    if extras:
        notes.append("files beside the notebook were ignored: " + ", ".join(extras[:5]) + (" ..." if len(extras) > 5 else ""))
    if want.is_file() and not want.is_symlink():
        return want, notes
    if len(notebooks) == 1:
        notes.append(f"graded {notebooks[0].name} (the notebook should be named {want.name})")
        return notebooks[0], notes
    if not notebooks:
        raise NotGradable(f"missing notebook: no {want.name} was submitted")
    raise NotGradable(f"missing notebook: no {want.name}, and {len(notebooks)} other notebooks to choose from")


def read_submission(path: Path) -> NotebookNode:
    if path.stat().st_size > MAX_NOTEBOOK_BYTES:
        raise NotGradable(f"the notebook is larger than {MAX_NOTEBOOK_BYTES // 2**20} MiB")
    text = path.read_bytes()
    try:
        data = json.loads(text.decode("utf-8", errors="replace"))
    except json.JSONDecodeError as err:
        raise NotGradable(f"invalid notebook: not valid JSON ({err.msg} at line {err.lineno}, column {err.colno})") from None
    try:
        nb = nbformat.from_dict(data)
        nb = nbformat.convert(nb, 4) if nb.get("nbformat", 4) != 4 else nb
        if not isinstance(nb.get("cells"), list):
            raise ValueError("no list of cells")
        for cell in nb.cells:
            if not isinstance(cell, dict) or cell.get("cell_type") not in ("code", "markdown", "raw"):
                raise ValueError("a cell without a valid cell_type")
            src = cell.get("source", "")
            cell["source"] = "".join(src) if isinstance(src, list) else str(src)
            cell.setdefault("metadata", {})
            if not isinstance(cell["metadata"], dict):
                cell["metadata"] = {}
    except Exception as err:  # noqa: BLE001 -- any malformed structure is the student's file, not our bug
        raise NotGradable(f"invalid notebook: {str(err)[:200]}") from None
    return nb


def _plain(cell: NotebookNode) -> NotebookNode:
    """A cell the student added (or one whose grade id we do not know): no grading metadata."""
    kind = cell.get("cell_type", "code")
    if kind == "code":
        new = nbformat.v4.new_code_cell(cell.get("source", ""))
    elif kind == "markdown":
        new = nbformat.v4.new_markdown_cell(cell.get("source", ""))
    else:
        new = nbformat.v4.new_raw_cell(cell.get("source", ""))
    new.metadata["dqn_added"] = True
    old_id = cell.get("id")
    if isinstance(old_id, str) and re.fullmatch(r"[A-Za-z0-9_-]{1,64}", old_id):
        new["id"] = old_id      # keep the student's id: messages name the same cell on every run
    return new


def restore(sub: NotebookNode, a: Assignment) -> tuple[NotebookNode, list[str]]:
    """The notebook to run: the student's cells, with every instructor cell restored from source/."""
    notes: list[str] = []
    src_cells = a.source.cells
    by_gid = {C.grade_id(c): (i, c) for i, c in enumerate(src_cells) if C.grade_id(c)}
    by_id = {c.get("id"): (i, c) for i, c in enumerate(src_cells) if C.grade_id(c) and c.get("id")}
    release_by_gid = {C.grade_id(c): c for c in a.release.cells if C.grade_id(c)}
    # the instructor's ordinary cells (no grade id), as the release shows them
    plain_release = {c.get("id"): c.source.strip() for c in a.release.cells if not C.grade_id(c) and c.get("id")}
    out: list[NotebookNode] = []
    placed: dict[int, int] = {}          # source index -> position in out
    for cell in sub.cells:
        gid = C.grade_id(cell) if isinstance(cell.get("metadata"), dict) else None
        match = by_gid.get(gid) if gid else None
        if match is None and cell.get("id") in by_id:
            match = by_id[cell.get("id")]
            if match[0] in placed:
                match = None
            elif gid:
                notes.append(f"the grade id `{gid}` was changed; restored to `{C.grade_id(match[1])}`")
        if match is None or match[0] in placed:
            if gid:
                notes.append(f"a cell with grade id `{gid}` is not part of the assignment (or is a copy); graded as an ordinary cell")
            new = _plain(cell)
            if not gid and cell.get("id") in plain_release and cell.get("source", "").strip() == plain_release[cell.get("id")]:
                new.metadata.pop("dqn_added")     # the instructor's own cell, unchanged: not the student's code
            out.append(new)
            continue
        index, src = match
        if C.is_answer(src):
            new = copy.deepcopy(src)
            new.source = cell.get("source", "")
            new.outputs = [] if new.cell_type == "code" else new.get("outputs")
            if new.cell_type != "code":
                new.pop("outputs", None)
                new.pop("execution_count", None)
        else:
            new = copy.deepcopy(src)
            shown = release_by_gid.get(C.grade_id(src))
            if C.is_test(src) and shown is not None and cell.get("source", "").strip() != shown.source.strip():
                notes.append(f"the test cell `{C.grade_id(src)}` was edited; the original was restored")
        placed[index] = len(out)
        out.append(new)
    # put back what was deleted, right after the nearest instructor cell that precedes it
    for index, src in enumerate(src_cells):
        gid = C.grade_id(src)
        if not gid or index in placed:
            continue
        if C.is_answer(src) and not C.is_manual(src):
            notes.append(f"the answer cell `{gid}` is missing")
            continue
        before = [placed[j] for j in range(index) if j in placed]
        pos = (max(before) + 1) if before else 0
        new = copy.deepcopy(release_by_gid.get(gid, src)) if C.is_manual(src) else copy.deepcopy(src)
        out.insert(pos, new)
        for k, v in placed.items():
            if v >= pos:
                placed[k] = v + 1
        placed[index] = pos
        if C.is_test(src):
            notes.append(f"the test cell `{gid}` was deleted; the original was restored and graded")
    seen_ids: set[str] = set()
    for n, cell in enumerate(out):       # cell ids stay unique (a student's copy may share one)
        if cell.get("id") in seen_ids or not cell.get("id"):
            cell["id"] = f"cell-{n}"
        seen_ids.add(cell["id"])
    nb = nbformat.v4.new_notebook(cells=out, metadata=copy.deepcopy(a.source.metadata))
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    return nb, notes


# --- 3: review what the student wrote -------------------------------------------------------------

def _dotted(node: ast.expr) -> str | None:
    """``np.testing.assert_allclose`` for a chain of attributes on a name; None for anything else."""
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return None
    return ".".join([node.id, *reversed(parts)])


def _stored(target: ast.expr):
    """The expressions a store target writes to: the target itself, or each element of an unpacking.
    Names read inside it (a subscript's index, a call's arguments) are not written to."""
    if isinstance(target, (ast.Tuple, ast.List)):
        for elt in target.elts:
            yield from _stored(elt)
    elif isinstance(target, ast.Starred):
        yield from _stored(target.value)
    else:
        yield target


def _protected_stores(node: ast.AST, protected: set[str]) -> list[str]:
    """What `node` writes into a protected module or name, each as a flag's wording."""
    if isinstance(node, ast.Assign):
        targets, verb = node.targets, "assigns to"
    elif isinstance(node, (ast.AugAssign, ast.AnnAssign, ast.For, ast.AsyncFor, ast.NamedExpr)):
        targets, verb = [node.target], "assigns to"
    elif isinstance(node, (ast.With, ast.AsyncWith)):
        targets, verb = [i.optional_vars for i in node.items if i.optional_vars is not None], "assigns to"
    elif isinstance(node, ast.Delete):
        targets, verb = node.targets, "deletes"
    elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in {"setattr", "delattr"}
          and node.args):
        name = _dotted(node.args[0])
        if name is None or name.split(".")[0] not in protected:
            return []
        if len(node.args) > 1 and isinstance(node.args[1], ast.Constant) and isinstance(node.args[1].value, str):
            name += "." + node.args[1].value
        return [f"calls {node.func.id} on `{name}`"]
    else:
        return []
    out = []
    for target in targets:
        for t in _stored(target):
            root = t
            while isinstance(root, (ast.Attribute, ast.Subscript)):   # np.x[0].y = ...: written into np's x
                root = root.value
            if not (isinstance(root, ast.Name) and root.id in protected):
                continue
            if isinstance(t, ast.Name):
                out.append(f"{'rebinds' if verb == 'assigns to' else verb} `{t.id}`")
            else:
                out.append(f"{verb} {_dotted(t) or ast.unparse(t)}")
    return out


def review(nb: NotebookNode, a: Assignment) -> list[str]:
    """Flags for code in answer cells and added cells that reaches into the grader."""
    from IPython.core.inputtransformer2 import TransformerManager

    transform = TransformerManager().transform_cell
    flags: list[str] = []
    protected_names = set(a.bindings)
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code" or not (C.is_answer(cell) or cell.metadata.get("dqn_added")):
            continue
        label = C.grade_id(cell) or f"cell #{i}"
        try:
            tree = ast.parse(transform(cell.source))
        except SyntaxError:
            continue
        found: list[str] = []
        for node in ast.walk(tree):
            name = None
            if isinstance(node, ast.Name):
                name = node.id
            elif isinstance(node, ast.Attribute):
                # methods such as model.eval() or net.modules() are ordinary; sys.modules is not
                name = node.attr if node.attr not in NAME_ONLY else None
                if node.attr == "modules" and not (isinstance(node.value, ast.Name) and node.value.id == "sys"):
                    name = None
            elif isinstance(node, ast.alias):
                name = node.name.split(".")[-1]
            if name in SUSPICIOUS_NAMES:
                found.append(SUSPICIOUS_NAMES[name])
            # storing into a protected module: np.allclose = ..., del helpers.checks._fail, setattr(np.testing, ...)
            found += _protected_stores(node, protected_names)
            if isinstance(node, (ast.FunctionDef, ast.ClassDef)) and node.name in protected_names:
                found.append(f"redefines `{node.name}`")
        for what in dict.fromkeys(found):
            flags.append(f"{label} {what}")
    return flags


# --- 4: execute in the sandbox --------------------------------------------------------------------

def _kernel_manager_class():
    from jupyter_client.manager import AsyncKernelManager

    class SandboxKernelManager(AsyncKernelManager):
        """Starts the harness kernel through bwrap instead of the kernelspec's command."""

        sandbox_argv: list[str] = []

        def format_kernel_cmd(self, extra_arguments=None):
            conn = os.path.realpath(self.connection_file)
            return [arg.replace("{connection_file}", conn) for arg in self.sandbox_argv]

    return SandboxKernelManager


def _client_class():
    from nbclient import NotebookClient

    class BoundedClient(NotebookClient):
        """nbclient, with each cell's output capped (a flood of prints cannot exhaust the grader)."""

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


def execute(nb: NotebookNode, a: Assignment, *, job_dir: Path, tokens: dict[str, str], limits: sandbox.Limits,
            support: sandbox.Support | None, cell_timeout: float, notebook_timeout: float,
            log_path: Path) -> Execution:
    """Run the instrumented notebook; `support=None` means unsandboxed (the instructor's explicit choice)."""
    from nbclient.exceptions import CellTimeoutError, DeadKernelError

    run = instrument(nb)
    job_dir.mkdir(parents=True, exist_ok=True)
    (job_dir / "job.json").write_text(json.dumps({
        "tokens": tokens, "protect": a.protect,
        "tests": {C.grade_id(c): c.source for c in nb.cells if C.is_test(c)},
        "bindings": {k: list(v) for k, v in a.bindings.items()},
    }))
    os.chmod(job_dir / "job.json", 0o600)
    cgroup = None
    km_cls = _kernel_manager_class()
    km = km_cls(kernel_name="python3", transport="ipc", ip=str(job_dir / "k"),
                connection_file=str(job_dir / "kernel.json"))
    if support is not None:
        cgroup = sandbox.make_cgroup(support.pids_cgroup, job_dir.name, limits)
        km.sandbox_argv = sandbox.kernel_argv(limits, job_dir=job_dir, files=a.files, assignment=a.name, cgroup=cgroup)
    else:
        import sys
        work = job_dir / "work"
        work.mkdir(exist_ok=True)
        for name, path in a.files.items():
            (work / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, work / name)
        km.sandbox_argv = ["/usr/bin/env", f"DQN_GRADER_JOB={job_dir / 'job.json'}", "NBGRADER_EXECUTION=autograde",
                           "sh", "-c", f'cd "{work}" && exec "$@"', "unsandboxed",
                           sys.executable, "-I", str(sandbox.HARNESS), "-f", "{connection_file}"]
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
            if _folder_size(job_dir) > limits.disk_mb * sandbox.MiB:
                overflow.append(f"wrote more than {limits.disk_mb} MiB")
                _kill(km)
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
                        result.fault = f"cell #{index} ({_label(cell)}) ran past {which} ({client.timeout} s)"
                        break
                    except DeadKernelError:
                        result.stopped_at = index
                        result.fault = overflow[0] if overflow else f"the kernel died while running cell #{index} ({_label(cell)})"
                        break
                    if overflow:
                        result.stopped_at, result.fault = index, overflow[0]
                        break
                    if any(o.get("output_type") == "error" and o.get("ename") == "MemoryError" for o in cell.get("outputs", [])):
                        # a memory bomb: what runs after it cannot be trusted to be the student's honest result
                        result.stopped_at = index + 1
                        result.fault = f"cell #{index} ({_label(cell)}) ran out of memory (limit {limits.memory_mb} MiB)"
                        break
        except (DeadKernelError, RuntimeError, TimeoutError) as err:
            if result.fault is None:
                result.stopped_at = result.stopped_at or 0
                result.fault = overflow[0] if overflow else f"the kernel could not run: {str(err).splitlines()[0][:200]}"
    finally:
        stop.set()
        _kill(km)
        try:
            if km.has_kernel:
                from jupyter_core.utils import run_sync

                run_sync(km.shutdown_kernel)(now=True)
        except Exception:  # noqa: BLE001
            pass
        sandbox.remove_cgroup(cgroup)
        log.close()
        result.seconds = time.monotonic() - start
    return result


def _kill(km) -> None:
    """Kill the sandbox (its outer process; the PID namespace takes everything inside with it)."""
    proc = getattr(getattr(km, "provisioner", None), "process", None)
    if proc is not None:
        try:
            os.killpg(proc.pid, 9)
        except OSError:
            try:
                proc.kill()
            except OSError:
                pass


def _label(cell: NotebookNode) -> str:
    return C.grade_id(cell) or cell.get("id") or "no id"


# --- 5: score -------------------------------------------------------------------------------------

@dataclass
class TestResult:
    grade_id: str
    points: float
    score: float
    verdict: str                # passed | failed | not run | no proof
    message: str = ""           # student-facing: the check's message, or the error's name and text


@dataclass
class Result:
    student: str
    assignment: str
    status: str                 # graded | needs manual grading: ... | not graded: ...
    score: float = 0.0
    max_score: float = 0.0
    auto_max: float = 0.0
    tests: list[TestResult] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    submission_sha: str = ""
    source_sha: str = ""
    seconds: float = 0.0
    version: str = ""           # the pipeline.grading_key it was graded with (a record with another is re-graded)

    def to_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict) -> "Result":
        data = dict(data)
        data["tests"] = [TestResult(**t) for t in data.get("tests", [])]
        return cls(**data)


PATHS = re.compile(r"(/(?:home|tmp|work|root|usr|opt|proc|grader|var|etc)(?:/[^\s'\"]*)?)")


def scrub(text: str, a: Assignment) -> str:
    """Remove colour codes, file paths and any line of hidden-test source from `text`."""
    text = ANSI.sub("", text)
    text = PATHS.sub("…", text)
    for line in a.hidden_lines:
        if line in text:
            text = text.replace(line, "[hidden test]")
    return text


def _error_message(cell: NotebookNode) -> str | None:
    for out in cell.get("outputs", []):
        if out.get("output_type") == "error":
            ename, evalue = out.get("ename", "Error"), str(out.get("evalue", ""))
            if ename == "CheckFailed":
                return evalue
            if ename == "NotImplementedError" and not evalue:
                return "Not done yet: a function this test calls still raises NotImplementedError."
            return f"{ename}: {evalue}" if evalue else ename
    return None


def score(ex: Execution, restored: NotebookNode, a: Assignment, tokens: dict[str, str]) -> tuple[list[TestResult], list[str], NotebookNode]:
    """Each test cell's verdict, tampering evidence, and the executed notebook with its real test sources."""
    tests: list[TestResult] = []
    flags: list[str] = []
    graded = copy.deepcopy(restored)
    for index, (cell, ran) in enumerate(zip(graded.cells, ex.nb.cells)):
        if cell.cell_type == "code":
            proofs = [o for o in ran.get("outputs", []) if MIME in o.get("data", {})]
            cell.outputs = [o for o in ran.get("outputs", []) if MIME not in o.get("data", {})]
            cell.execution_count = ran.get("execution_count")
        else:
            proofs = []
        if not C.is_test(cell):
            continue
        gid, pts = C.grade_id(cell), C.points(cell)
        if ex.stopped_at is not None and index >= ex.stopped_at:
            tests.append(TestResult(gid, pts, 0.0, "not run", "This test did not run: " + (ex.fault or "the run stopped")))
            continue
        seen = [p["data"][MIME] for p in proofs]
        tampered = [t for s in seen for t in s.get("tampered_before", []) + s.get("tampered_during", [])]
        if tampered:
            flags.append(f"{gid}: " + "; ".join(dict.fromkeys(tampered)))
        error = _error_message(cell)
        token_ok = any(s.get("token") == tokens[gid] and s.get("grade_id") == gid for s in seen)
        if error is not None:
            tests.append(TestResult(gid, pts, 0.0, "failed", scrub(error, a)))
        elif token_ok and not any(s.get("tampered_during") for s in seen):
            tests.append(TestResult(gid, pts, pts, "passed"))
        else:
            flags.append(f"{gid}: the test gave no proof that it ran (something in the notebook stopped or replaced it)")
            tests.append(TestResult(gid, pts, 0.0, "no proof", "This test did not report back, so it earns nothing: "
                                    "something in the notebook kept it from running."))
    return tests, flags, graded


def memory_notes(nb: NotebookNode) -> str | None:
    for i, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error" and out.get("ename") == "MemoryError":
                return f"cell #{i} ({_label(cell)}) ran out of memory"
    return None


# --- the whole thing for one submission (runs in a worker process) ------------------------------

@dataclass
class Job:
    student: str
    assignment: str
    folder: str                 # the student's submitted/<student>/<assignment>/ folder
    run_dir: str
    autograded: str             # where to write the executed notebook
    limits: sandbox.Limits
    sandboxed: bool
    pids_cgroup: str | None
    cell_timeout: float
    notebook_timeout: float


_ASSIGNMENTS: dict[str, Assignment] = {}


def _assignment(repo: Path, name: str) -> Assignment:
    if name not in _ASSIGNMENTS:
        _ASSIGNMENTS[name] = load_assignment(repo, name)
    return _ASSIGNMENTS[name]


def submission_sha(folder: Path, assignment: str) -> str:
    h = hashlib.sha256()
    try:
        path, _ = find_notebook(folder, assignment)
        h.update(path.name.encode())
        h.update(path.read_bytes())
    except (NotGradable, OSError):
        h.update(b"<none>")
    return h.hexdigest()


def grade_job(repo: str, job: Job) -> Result:
    """Grade one submission. Never raises: every failure is a status with a reason."""
    a = _assignment(Path(repo), job.assignment)
    folder = Path(job.folder)
    res = Result(job.student, job.assignment, "graded", 0.0, a.max_score, a.auto_max,
                 source_sha=a.source_sha, submission_sha=submission_sha(folder, job.assignment))
    start = time.monotonic()
    try:
        path, notes = find_notebook(folder, job.assignment)
        res.notes += notes
        restored, notes = restore(read_submission(path), a)
        res.notes += notes
    except NotGradable as err:
        res.status = f"not graded: {err}"
        res.tests = [TestResult(g, p, 0.0, "not run", str(err)) for g, p in a.tests.items()]
        res.seconds = time.monotonic() - start
        return res
    res.flags += review(restored, a)
    tokens = {gid: secrets.token_hex(16) for gid in a.tests}
    job_dir = Path(job.run_dir) / f"j-{secrets.token_hex(4)}"
    support = sandbox.Support(True, "", Path(job.pids_cgroup) if job.pids_cgroup else None) if job.sandboxed else None
    try:
        ex = execute(restored, a, job_dir=job_dir, tokens=tokens, limits=job.limits, support=support,
                     cell_timeout=job.cell_timeout, notebook_timeout=job.notebook_timeout,
                     log_path=Path(job.run_dir) / f"{job_dir.name}.log")
    except Exception as err:  # noqa: BLE001 -- a grader fault is reported per student, not a crashed batch
        res.status = f"not graded: the grader could not run this notebook ({type(err).__name__}: {str(err)[:200]})"
        res.tests = [TestResult(g, p, 0.0, "not run", "not run") for g, p in a.tests.items()]
        res.seconds = time.monotonic() - start
        return res
    finally:
        shutil.rmtree(job_dir, ignore_errors=True)
    tests, flags, graded = score(ex, restored, a, tokens)
    res.tests, res.flags = tests, res.flags + flags
    res.score = sum(t.score for t in tests)
    memory = None if ex.fault else memory_notes(graded)
    if ex.fault:
        done = sum(1 for t in tests if t.verdict != "not run")
        res.status = f"not graded: {ex.fault}" + (f"; only the {done} test(s) before it were scored" if done else "")
    elif memory:
        res.status = f"not graded: {memory} (limit {job.limits.memory_mb} MiB)"
    elif res.flags:
        res.status = "needs manual grading: possible tampering with the grader (" + "; ".join(res.flags[:3]) + ")"
    elif a.manual:
        res.status = "needs manual grading: written answers (" + ", ".join(a.manual) + ")"
    out = Path(job.autograded)
    out.mkdir(parents=True, exist_ok=True)
    nbformat.write(graded, str(out / a.filename))
    res.seconds = time.monotonic() - start
    return res
