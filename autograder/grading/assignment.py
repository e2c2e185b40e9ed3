"""The assignment as the grader knows it, read once from source/ and release/.

What a test earns (`tests`, `manual`), the names the setup cells import from protected packages
(`bindings`, restored around every test by the harness), the lines only hidden tests hold (never
shown to a student) and a digest of the source notebook and its shipped files (part of the cache).
"""
from __future__ import annotations

import ast
import hashlib
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbformat import NotebookNode

from autograder.course import cells as C
from autograder.course.release import shipped_files

PROTECTABLE = ("numpy", "helpers", "torch")

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
    protect = sorted({m for m, _ in bindings.values()} | {"numpy", "numpy.testing", "helpers", "helpers.testing"})
    digest = hashlib.sha256(src_path.read_bytes())
    for rel, path in sorted(files.items()):     # a shipped file changed is another assignment too
        digest.update(f"\0{rel}\0".encode() + hashlib.sha256(path.read_bytes()).digest())
    sha = digest.hexdigest()
    return Assignment(name, source, release, files, tests, manual, bindings, protect,
                      hidden_test_lines(source, release), sha)
