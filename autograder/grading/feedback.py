"""Per-student feedback as one self-contained HTML page (``templates/feedback.html.j2``).

It shows the student's own code, every instructor cell as the student saw it (the release
version: hidden tests are never shown), and for each graded test: passed or not, the points, and
the check's message (what was expected, the likely mistake, where to look). It never shows cell
outputs (a student's code could print anything it found), tracebacks, hidden-test source or paths
of the grading machine; a final pass redacts any line of hidden-test source that slipped through.
The template escapes every value (Jinja2's autoescape); the one exception is markdown, rendered
by mistune from text escaped first.

The page reads in a minute: at the top, the failed checks, each with its points, the named mistake
(the first line of its message and its "Likely mistake" line) and a link down to its cell; the
passed checks in one line. Math (``$...$``, ``$$...$$``) is rendered as MathML on the grading
machine (`latex2mathml`, pinned), which browsers show without a script or a network: instructors
mail these pages. latex2mathml's element tree is written out through an allow-list of MathML
elements and attributes with every text escaped (its own ``convert`` does not escape
``\\text{<script>}``); LaTeX it cannot read stays as escaped code.
"""
from __future__ import annotations

import html
import re
from functools import cache
from pathlib import Path

from nbformat import NotebookNode

from autograder.course import cells as C
from autograder.grading.assignment import Assignment
from autograder.grading.result import Result, TestResult, Verdict
from autograder.grading.score import scrub


@cache
def _template():
    from jinja2 import Environment, PackageLoader, select_autoescape

    env = Environment(loader=PackageLoader("autograder.grading", "templates"),
                      autoescape=select_autoescape(["html", "html.j2"], default=True))
    return env.get_template("feedback.html.j2")


# MathML Core's elements and the presentation attributes latex2mathml writes; anything else is
# dropped (an unknown element becomes an <mrow> of its children, an unknown attribute is left out).
_MATH_TAGS = frozenset("""math mrow mi mn mo mtext ms mspace msub msup msubsup munder mover munderover
    mfrac msqrt mroot mstyle mtable mtr mtd mpadded mphantom menclose merror mmultiscripts
    mprescripts none semantics""".split())
_MATH_ATTRS = frozenset("""display mathvariant stretchy accent accentunder fence separator lspace
    rspace minsize maxsize largeop movablelimits symmetric columnalign rowalign columnspacing
    rowspacing columnlines rowlines frame framespacing displaystyle scriptlevel linethickness
    width height depth notation columnspan rowspan form""".split())


def _mathml_text(text: str | None) -> str:
    # latex2mathml keeps entities such as &#x003B3; as text: read them, then escape everything
    return html.escape(html.unescape(text), quote=False) if text else ""


def _mathml(el) -> str:
    tag = el.tag if el.tag in _MATH_TAGS else "mrow"
    attrs = "".join(f' {k}="{html.escape(str(v), quote=True)}"' for k, v in sorted(el.attrib.items())
                    if k in _MATH_ATTRS)
    if tag == "math":
        attrs = ' xmlns="http://www.w3.org/1998/Math/MathML"' + attrs
    inner = _mathml_text(el.text) + "".join(_mathml(child) + _mathml_text(child.tail) for child in el)
    return f"<{tag}{attrs}>{inner}</{tag}>"


def math_html(latex: str, display: bool) -> str:
    """`latex` as a MathML element (safe to put in the page), or as escaped code if it cannot be read."""
    try:
        from latex2mathml.converter import convert_to_element

        return _mathml(convert_to_element(latex.strip(), display="block" if display else "inline"))
    except Exception:  # noqa: BLE001 - any LaTeX it cannot read, or latex2mathml not installed
        shown = f"$${latex}$$" if display else f"${latex}$"
        return f"<code class='tex'>{html.escape(shown)}</code>"


@cache
def _markdown():
    import mistune

    class Renderer(mistune.HTMLRenderer):
        def image(self, text: str, url: str, title: str | None = None) -> str:
            """An image would be fetched when the page opens (a student's written answer could point
            it anywhere): shown as its text and address instead."""
            return f"<code>[image: {text} {html.escape(url)}]</code>"

    md = mistune.create_markdown(renderer=Renderer(escape=False),
                                 plugins=["strikethrough", "footnotes", "table", "speedup", "math"])
    # The text reaching these was escaped before mistune saw it (&, <, >): unescape it to read the LaTeX.
    md.renderer.register("inline_math", lambda _r, text: math_html(html.unescape(text), display=False))
    md.renderer.register("block_math", lambda _r, text: math_html(html.unescape(text), display=True) + "\n")
    return md


def _md(text: str):
    from markupsafe import Markup

    try:
        return Markup(_markdown()(html.escape(text, quote=False)))
    except Exception:  # noqa: BLE001
        return Markup(f"<pre>{html.escape(text)}</pre>")


def anchor(grade_id: str) -> str:
    """The id of a check's place on the page (the summary links to it)."""
    return "check-" + re.sub(r"[^A-Za-z0-9_-]", "-", grade_id)


def headline(message: str) -> list[str]:
    """The named mistake: the message's first line, and its "Likely mistake" line when it has one."""
    lines = [line.strip() for line in message.splitlines() if line.strip()]
    likely = [line for line in lines[1:] if line.lower().startswith("likely mistake")][:1]
    return lines[:1] + likely


def _code_spans(text: str):
    """`text` escaped, its `backticked` names shown as code (messages name the code they mean that way)."""
    from markupsafe import Markup

    return Markup(re.sub(r"`([^`\n]+)`", r"<code>\1</code>", html.escape(text, quote=False)))


def _summary(result: Result, a: Assignment) -> tuple[list[dict], list[TestResult]]:
    """(the checks that did not pass, each with its headline and anchor; the checks that passed)."""
    failed = [{"grade_id": t.grade_id, "anchor": anchor(t.grade_id), "verdict": str(t.verdict), "score": t.score,
               "points": t.points, "headline": [_code_spans(line) for line in headline(scrub(t.message, a)) or [str(t.verdict)]]}
              for t in result.tests if t.verdict is not Verdict.PASSED]
    return failed, [t for t in result.tests if t.verdict is Verdict.PASSED]


def _blocks(result: Result, graded: NotebookNode | None, a: Assignment) -> list[dict]:
    """What the page shows, in order: one block per cell (or per test, when nothing ran)."""
    if graded is None:
        return [{"kind": "not run", "grade_id": t.grade_id, "anchor": anchor(t.grade_id), "message": scrub(t.message, a)}
                for t in result.tests]
    release = {C.grade_id(c): c for c in a.release.cells if C.grade_id(c)}
    tests = {t.grade_id: t for t in result.tests}
    blocks = []
    for cell in graded.cells:
        gid = C.grade_id(cell)
        if cell.cell_type == "markdown":
            if C.is_answer(cell):
                blocks.append({"kind": "written", "grade_id": gid or "", "html": _md(cell.source)})
            elif not cell.metadata.get("dqn_added"):
                blocks.append({"kind": "markdown", "html": _md(cell.source)})
        elif cell.cell_type != "code":
            continue
        elif C.is_test(cell):
            shown = release.get(gid)
            t = tests.get(gid)
            blocks.append({"kind": "checks", "grade_id": gid, "anchor": anchor(gid), "test": t,
                           "source": shown.source if shown is not None else "# (checks not shown)",
                           "message": scrub(t.message, a) if t is not None and t.verdict is not Verdict.PASSED else ""})
        elif C.is_answer(cell) or cell.metadata.get("dqn_added"):
            blocks.append({"kind": "yours", "label": f"your code ({gid})" if gid else "a cell you added", "source": cell.source})
        else:
            blocks.append({"kind": "code", "source": cell.source})
    return blocks


def render(result: Result, graded: NotebookNode | None, a: Assignment) -> str:
    failed, passed = _summary(result, a)
    page = _template().render(
        failed=failed, passed_ids=[t.grade_id for t in passed], passed_points=sum(t.points for t in passed),
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
