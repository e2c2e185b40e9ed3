"""Read a submission and restore it against source/: the notebook the sandbox will run.

Every instructor cell comes back from source/ (hidden tests included); an edited or deleted test
cell is restored and graded; cells the student added are kept as ordinary code; files beside the
notebook are left out. A submission that cannot be read raises `NotGradable` with the reason.

Hand-written rather than nbgrader's ``OverwriteCells`` preprocessor (with ``add_missing_cells``),
which the course's nbgrader configuration still sets for plain ``nbgrader autograde``: it finds
cells by grade id only, so a renamed grade id loses the answer (the cell is found again here by
its cell id); it needs the gradebook, which workers never open; and it keeps a student's added
cell's metadata, where here an added cell is stripped of any grading metadata (it could claim to
be a test) and the notes say what was put back.
"""
from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import nbformat
from nbformat import NotebookNode

from autograder.course import cells as C
from autograder.grading.assignment import Assignment
from autograder.grading.options import MAX_NOTEBOOK_BYTES


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
