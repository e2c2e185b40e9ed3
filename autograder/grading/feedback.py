"""Per-student feedback as one self-contained HTML page (``templates/feedback.html.j2``).

It shows the student's own code, every instructor cell as the student saw it (the release
version: hidden tests are never shown), and for each graded test: passed or not, the points, and
the check's message (what was expected, the likely mistake, where to look). It never shows cell
outputs (a student's code could print anything it found), tracebacks, hidden-test source or paths
of the grading machine; a final pass redacts any line of hidden-test source that slipped through.
The template escapes every value (Jinja2's autoescape); the one exception is markdown, rendered
by mistune from text escaped first.
"""
from __future__ import annotations

import html
from functools import cache
from pathlib import Path

from nbformat import NotebookNode

from autograder.course import cells as C
from autograder.grading.assignment import Assignment
from autograder.grading.result import Result, Verdict
from autograder.grading.score import scrub


@cache
def _template():
    from jinja2 import Environment, PackageLoader, select_autoescape

    env = Environment(loader=PackageLoader("autograder.grading", "templates"),
                      autoescape=select_autoescape(["html", "html.j2"], default=True))
    return env.get_template("feedback.html.j2")


def _md(text: str):
    from markupsafe import Markup

    try:
        import mistune

        return Markup(mistune.html(html.escape(text, quote=False)))
    except Exception:  # noqa: BLE001
        return Markup(f"<pre>{html.escape(text)}</pre>")


def _blocks(result: Result, graded: NotebookNode | None, a: Assignment) -> list[dict]:
    """What the page shows, in order: one block per cell (or per test, when nothing ran)."""
    if graded is None:
        return [{"kind": "not run", "grade_id": t.grade_id, "message": scrub(t.message, a)} for t in result.tests]
    release = {C.grade_id(c): c for c in a.release.cells if C.grade_id(c)}
    tests = {t.grade_id: t for t in result.tests}
    blocks = []
    for cell in graded.cells:
        gid = C.grade_id(cell)
        if cell.cell_type == "markdown":
            if C.is_answer(cell):
                blocks.append({"kind": "written", "grade_id": gid or "", "source": cell.source})
            elif not cell.metadata.get("dqn_added"):
                blocks.append({"kind": "markdown", "html": _md(cell.source)})
        elif cell.cell_type != "code":
            continue
        elif C.is_test(cell):
            shown = release.get(gid)
            t = tests.get(gid)
            blocks.append({"kind": "checks", "grade_id": gid, "test": t,
                           "source": shown.source if shown is not None else "# (checks not shown)",
                           "message": scrub(t.message, a) if t is not None and t.verdict is not Verdict.PASSED else ""})
        elif C.is_answer(cell) or cell.metadata.get("dqn_added"):
            blocks.append({"kind": "yours", "label": f"your code ({gid})" if gid else "a cell you added", "source": cell.source})
        else:
            blocks.append({"kind": "code", "source": cell.source})
    return blocks


def render(result: Result, graded: NotebookNode | None, a: Assignment) -> str:
    page = _template().render(
        name=a.name, student=result.student, score=result.score, auto_max=result.auto_max,
        manual_points=a.max_score - a.auto_max if a.max_score > a.auto_max else 0,
        status=scrub(result.status_text, a), passed=sum(1 for t in result.tests if t.verdict is Verdict.PASSED),
        total=len(result.tests), notes=[scrub(n, a) for n in result.notes], blocks=_blocks(result, graded, a))
    from markupsafe import escape

    for line in a.hidden_lines:   # last line of defence: no hidden-test source, ever, in any escaped form
        for form in {line, str(escape(line)), html.escape(line), html.escape(line, quote=False)}:
            page = page.replace(form, "[hidden test]")
    return page


def write(result: Result, graded: NotebookNode | None, a: Assignment, feedback_root: Path) -> Path:
    out = feedback_root / result.student / a.name / f"{a.name}.html"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render(result, graded, a))
    return out
