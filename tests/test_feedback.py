"""The feedback page reads in a minute: math rendered offline, the failed checks summarised at the
top with their points, named mistake and a link to their cell, and nothing unsafe let through."""
from __future__ import annotations

import html
import re

import nbformat
import pytest

from autograder.course import cells as C
from autograder.course.syllabus import syllabus
from autograder.grading import feedback
from autograder.grading.assignment import load_assignment
from autograder.grading.result import Result, Status, TestResult, Verdict
from tests.conftest import REPO

pytestmark = pytest.mark.fast

FIRST = next(n.assignment for n in syllabus(REPO) if n.source(REPO).is_file())
MESSAGE = ("`forward` returned the wrong shape.\n  expected: (4, 1)\n  got:      (1, 4)\n"
           "  Likely mistake: the batch axis and the feature axis are swapped\n  Where to look: X @ W1, not W1 @ X")


@pytest.fixture(scope="module")
def assignment():
    return load_assignment(REPO, FIRST)


def _page(a, notebook=None, verdicts=None) -> tuple[str, list[TestResult]]:
    nb = notebook or nbformat.read(str(REPO / "release" / FIRST / f"{FIRST}.ipynb"), 4)
    ids = [C.grade_id(c) for c in nb.cells if C.is_test(c)]
    verdicts = verdicts or {}
    tests = [TestResult(gid, 2.0, 0.0 if verdicts.get(gid) else 2.0, verdicts.get(gid, Verdict.PASSED),
                        MESSAGE if verdicts.get(gid) else "") for gid in ids]
    result = Result(student="ann", assignment=FIRST, status=Status.GRADED, reason="", score=sum(t.score for t in tests),
                    max_score=a.max_score, auto_max=a.auto_max, tests=tests)
    return feedback.render(result, nb, a), tests


def test_math_is_mathml_without_a_script_or_the_network(assignment):
    page, _ = _page(assignment)
    assert page.count("<math") >= 10, "the notebook's $...$ and $$...$$ should be MathML"
    assert '<math xmlns="http://www.w3.org/1998/Math/MathML" display="block">' in page
    assert "<script" not in page and not re.search(r"(src|href)=['\"]https?:", page), "the page must work offline"
    for md in re.findall(r"<div class='md'>(.*?)</div>", page, re.S):
        prose = re.sub(r"<math.*?</math>|<code>.*?</code>", "", md, flags=re.S)
        assert "$" not in prose, f"raw LaTeX left in the page:\n{prose[:400]}"


def test_math_cannot_inject_markup():
    for latex in (r"\text{<script>alert(1)</script>}", r"\href{javascript:alert(1)}{x}", r"x</math><img src=x onerror=alert(1)>"):
        out = feedback.math_html(latex, display=False)
        assert "<script" not in out and "<img" not in out and "href" not in out and "onerror=" not in out.replace("&", ""), out
    # markdown text around math is escaped first; the math inside it is read back from the escaped text
    out = str(feedback._md(r"if $a < b$ then <b>bold</b> $$\frac{1}{2}$$"))
    assert "&lt;b&gt;bold&lt;/b&gt;" in out and "<mo>&lt;</mo>" in out and "<mfrac>" in out
    assert "<code class='tex'>" in feedback.math_html(r"\frac{", display=True)   # unreadable LaTeX: shown as code
    # a written answer's image is never fetched (the page works offline and tells no one it was opened)
    out = str(feedback._md("see ![plot](https://example.org/pixel.png) and ![x](javascript:alert(1))"))
    assert "<img" not in out and "[image: plot https://example.org/pixel.png]" in out


def test_failed_checks_summarised_at_the_top_with_links(assignment):
    nb = nbformat.read(str(REPO / "release" / FIRST / f"{FIRST}.ipynb"), 4)
    ids = [C.grade_id(c) for c in nb.cells if C.is_test(c)]
    failing = {ids[-1]: Verdict.FAILED}
    page, tests = _page(assignment, nb, failing)
    top, cells = page.split("<div class='todo'>", 1)[1].split("</div>\n", 1)[0], page.split("<div class='todo'>", 1)[1]
    assert "1 check to fix" in top
    assert f"<a href='#check-{ids[-1]}'>{ids[-1]}</a>" in top and "0 / 2 points" in top
    text = html.unescape(re.sub(r"<[^>]+>", "", top))
    assert "forward returned the wrong shape." in text
    assert "Likely mistake: the batch axis and the feature axis are swapped" in text
    assert "Where to look" not in text, "the summary names the mistake; the details stay with the check"
    passed = page.split("<div class='allok'>", 1)[1].split("</div>", 1)[0]
    assert f"Passed ({len(ids) - 1}, {2 * (len(ids) - 1):g} points)" in passed and ids[0] in passed
    assert f"id='check-{ids[-1]}'" in cells, "the summary's link has no target"
    assert page.index("check to fix") < page.index("class='md'"), "the summary comes before the notebook"


def test_summary_never_shows_hidden_tests(assignment):
    hidden = next(line for line in assignment.hidden_lines if len(line) > 20)
    nb = nbformat.read(str(REPO / "release" / FIRST / f"{FIRST}.ipynb"), 4)
    gid = next(C.grade_id(c) for c in nb.cells if C.is_test(c))
    tests = [TestResult(gid, 2.0, 0.0, Verdict.FAILED, f"{hidden}\nLikely mistake: /home/grader/x.py {hidden}")]
    result = Result(student="ann", assignment=FIRST, status=Status.GRADED, reason="", score=0, max_score=2, auto_max=2, tests=tests)
    page = feedback.render(result, nb, assignment)
    assert hidden not in page and html.escape(hidden) not in page and html.escape(hidden, quote=False) not in page
