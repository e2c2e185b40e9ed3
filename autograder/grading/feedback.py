"""Per-student feedback as one self-contained HTML page.

It shows the student's own code, every instructor cell as the student saw it (the release
version: hidden tests are never shown), and for each graded test: passed or not, the points, and
the check's message (what was expected, the likely mistake, where to look). It never shows cell
outputs (a student's code could print anything it found), tracebacks, hidden-test source or paths
of the grading machine; a final pass redacts any line of hidden-test source that slipped through.
"""
from __future__ import annotations

import html
from pathlib import Path

from nbformat import NotebookNode

from autograder.course import cells as C
from autograder.grading.assignment import Assignment
from autograder.grading.result import Result, Verdict
from autograder.grading.score import scrub

CSS = """
body{font-family:system-ui,-apple-system,Segoe UI,sans-serif;max-width:980px;margin:2em auto;padding:0 1em;color:#222}
h1{font-size:1.5em} .summary{padding:.8em 1em;border-radius:6px;background:#f3f5f8;margin-bottom:1.5em}
pre{background:#f7f7f9;border:1px solid #e3e3e8;border-radius:4px;padding:.6em;overflow-x:auto;font-size:.88em}
.yours pre{border-left:4px solid #4a7bd0} .md{margin:.8em 0}
.test{border-radius:6px;padding:.5em .9em;margin:.4em 0 1.2em 0}
.passed{background:#e8f6ec;border:1px solid #9bd3a9} .failed{background:#fdecec;border:1px solid #eaa}
.label{font-size:.8em;color:#666;margin-top:1em} .msg{white-space:pre-wrap;font-family:ui-monospace,monospace;font-size:.88em}
"""


def _md(text: str) -> str:
    try:
        import mistune

        return mistune.html(html.escape(text, quote=False))
    except Exception:  # noqa: BLE001
        return f"<pre>{html.escape(text)}</pre>"


def render(result: Result, graded: NotebookNode | None, a: Assignment) -> str:
    release = {C.grade_id(c): c for c in a.release.cells if C.grade_id(c)}
    tests = {t.grade_id: t for t in result.tests}
    parts = [f"<!doctype html><html><head><meta charset='utf-8'><title>{html.escape(a.name)}: feedback</title>"
             f"<style>{CSS}</style></head><body>",
             f"<h1>{html.escape(a.name)} &middot; feedback for {html.escape(result.student)}</h1>",
             "<div class='summary'>",
             f"<b>Score:</b> {result.score:g} / {result.auto_max:g} autograded points"
             + (f" (plus {a.max_score - a.auto_max:g} points of written answers, graded by hand)" if a.max_score > a.auto_max else ""),
             f"<br><b>Status:</b> {html.escape(scrub(result.status_text, a))}"]
    passed = sum(1 for t in result.tests if t.verdict is Verdict.PASSED)
    parts.append(f"<br><b>Checks passed:</b> {passed} of {len(result.tests)}")
    for note in result.notes:
        parts.append(f"<br>&middot; {html.escape(scrub(note, a))}")
    parts.append("</div>")
    if graded is None:
        for t in result.tests:
            parts.append(f"<div class='test failed'><b>{html.escape(t.grade_id)}</b>: not run. {html.escape(scrub(t.message, a))}</div>")
    else:
        for cell in graded.cells:
            gid = C.grade_id(cell)
            if cell.cell_type == "markdown":
                if C.is_answer(cell):
                    parts.append(f"<div class='label'>your written answer ({html.escape(gid or '')})</div>"
                                 f"<div class='yours'><pre>{html.escape(cell.source)}</pre></div>")
                elif not cell.metadata.get("dqn_added"):
                    parts.append(f"<div class='md'>{_md(cell.source)}</div>")
                continue
            if cell.cell_type != "code":
                continue
            if C.is_test(cell):
                shown = release.get(gid)
                code = shown.source if shown is not None else "# (checks not shown)"
                parts.append(f"<div class='label'>checks ({html.escape(gid)})</div><pre>{html.escape(code)}</pre>")
                t = tests.get(gid)
                if t is not None:
                    ok = t.verdict is Verdict.PASSED
                    head = f"{'&#10003; passed' if ok else '&#10007; ' + html.escape(t.verdict)} &middot; {t.score:g} / {t.points:g} points"
                    body = "" if ok else f"<div class='msg'>{html.escape(scrub(t.message, a))}</div>"
                    parts.append(f"<div class='test {'passed' if ok else 'failed'}'><b>{head}</b>{body}</div>")
            elif C.is_answer(cell) or cell.metadata.get("dqn_added"):
                label = f"your code ({gid})" if gid else "a cell you added"
                parts.append(f"<div class='label'>{html.escape(label)}</div><div class='yours'><pre>{html.escape(cell.source)}</pre></div>")
            else:
                parts.append(f"<pre>{html.escape(cell.source)}</pre>")
    parts.append("</body></html>")
    page = "\n".join(parts)
    for line in a.hidden_lines:   # last line of defence: no hidden-test source, ever
        for form in {line, html.escape(line), html.escape(line, quote=False)}:
            page = page.replace(form, "[hidden test]")
    return page


def write(result: Result, graded: NotebookNode | None, a: Assignment, feedback_root: Path) -> Path:
    out = feedback_root / result.student / a.name / f"{a.name}.html"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render(result, graded, a))
    return out
