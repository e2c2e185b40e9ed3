"""The instructor's way, in a real browser (issue 21): a Canvas download and a roster imported and
graded by `autograder.cli import` (two students, one notebook), a student's feedback page opened in
Chromium, a written answer scored in nbgrader's formgrader (password login, as `make formgrader`),
and the Canvas export holding that score.

It needs no JupyterLab of the student's, so it is a module of its own: `make test` can run it on
either worker (tests/schedule.py keeps test_browser.py's tests, which share one JupyterLab, together).
Screenshots go to artifacts/browser/instructor-loop/; docs/screenshots/feedback.png, shown in the
README, is written when missing and refreshed with UPDATE_SCREENSHOTS=1.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import nbformat
import pytest

from autograder.course import cells as C
from autograder.course.syllabus import syllabus
from tests.browser_support import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, REPO, SCREENSHOTS, JupyterLab

pytestmark = pytest.mark.browser

NOTEBOOKS = syllabus(REPO)
PRESENT = [nb.assignment for nb in NOTEBOOKS if nb.release(REPO).is_file() and nb.source(REPO).is_file()]
VIEWPORT = {"width": 1100, "height": 820}


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make setup` (course/system-packages.sh installs Debian's chromium).")
    import asyncio

    from playwright.sync_api import sync_playwright

    # An earlier test of this pytest worker can leave an event loop marked running in this thread
    # (seen in `make test`: "Playwright Sync API inside the asyncio loop"): set aside while Chromium runs.
    stale = asyncio.events._get_running_loop()
    asyncio.events._set_running_loop(None)
    try:
        with sync_playwright() as p:
            chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            try:
                yield chromium
            finally:
                chromium.close()
    finally:
        asyncio.events._set_running_loop(stale)


GRADE_ARGS = ["--cell-timeout", "40", "--timeout", "120", "--memory-mb", "2048", "--no-progress"]
# Two named mistakes of the first notebook's bank for the student whose feedback is shown (any two
# other entries, in different cells, if the bank no longer has these).
MISTAKES = ("bce_summed", "clip_after_step")
FORMGRADER_CONFIG = '''import os
c = get_config()
load_subconfig({course_config!r})
c.CourseDirectory.root = {root!r}
c.CourseDirectory.source_directory = {source!r}
c.CourseDirectory.release_directory = {release!r}
c.CourseDirectory.submitted_directory = "work/submitted"
c.CourseDirectory.autograded_directory = "work/autograded"
c.CourseDirectory.feedback_directory = "work/nbgrader-feedback"
c.CourseDirectory.db_url = {db_url!r}
'''


def _class_zip(first, path: Path) -> tuple[str, float]:
    """A Canvas "Download Submissions" zip of two students: jsmith (the solution with two named
    mistakes) and jdoe (the notebook as handed out, uploaded twice, the second time late). Returns
    jsmith's written answer's grade id and its points."""
    import zipfile

    from autograder.proof.banks import load
    from autograder.proof.contract import solution_submission

    source, release = nbformat.read(str(first.source(REPO)), 4), nbformat.read(str(first.release(REPO)), 4)
    bank = {w.name: w for w in load(REPO, first.assignment)}
    chosen = [bank[n] for n in MISTAKES if n in bank]
    for w in bank.values():
        if len(chosen) < 2 and all(w.cell != c.cell for c in chosen):
            chosen.append(w)
    partial = solution_submission(source, release, {w.cell: w.code for w in chosen})
    written = [(C.grade_id(c), float(c.metadata["nbgrader"].get("points", 0))) for c in release.cells
               if c.cell_type == "markdown" and C.is_answer(c) and c.metadata["nbgrader"].get("points")]
    if not written:
        pytest.skip(f"{first.assignment} has no written answer to grade by hand")
    a = first.assignment
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(f"smithjane_12345_6789012_{a}.ipynb", nbformat.writes(partial))
        z.writestr(f"doejohn_23456_6789020_{a}.ipynb", nbformat.writes(release))
        z.writestr(f"doejohn_LATE_23456_6789021_{a}-1.ipynb", nbformat.writes(release))
    return written[0]


def test_instructor_loop_lms_feedback_formgrader_export(browser, tmp_path):
    """As an instructor: import a Canvas download with a roster (`autograder.cli import`, which
    grades: two students, one notebook), open a student's feedback page (the failed checks at the
    top, each linked to its cell), score a written answer in formgrader (password login, as `make
    formgrader`), export for Canvas, and find the score there."""
    from autograder.grading import sandbox

    if not PRESENT:
        pytest.skip("no release notebook exists yet")
    if not sandbox.probe().ok:
        pytest.skip("this machine cannot sandbox: " + sandbox.probe().reason)
    first = next(nb for nb in NOTEBOOKS if nb.assignment in PRESENT)
    a = first.assignment
    artifacts = ARTIFACTS / "instructor-loop"
    shutil.rmtree(artifacts, ignore_errors=True)
    artifacts.mkdir(parents=True)
    course, downloads = tmp_path / "course", tmp_path / "downloads"
    work = course / "work"
    downloads.mkdir()
    written_id, written_points = _class_zip(first, downloads / "submissions.zip")
    roster = downloads / "roster.csv"
    roster.write_text("lms_id,student,name,sis_user_id,sis_login_id,section\n"
                      '12345,jsmith,"Smith, Jane",S001,jsmith@uni.example,A\n23456,jdoe,"Doe, John",S002,jdoe@uni.example,A\n')
    env = {k: v for k, v in os.environ.items() if k != "NBGRADER_EXECUTION"}

    def cli(*args: str) -> subprocess.CompletedProcess:
        done = subprocess.run([sys.executable, "-m", "autograder.cli", *args], cwd=REPO, env=env,
                              capture_output=True, text=True, timeout=900)
        (artifacts / f"{args[0]}.log").write_text(done.stdout + done.stderr)
        assert done.returncode == 0, f"autograder.cli {' '.join(args)} failed:\n{done.stdout[-3000:]}{done.stderr[-3000:]}"
        return done

    # 1. Import the LMS's zip with the roster; import grades what it imported.
    out = cli("import", str(downloads / "submissions.zip"), "-a", a, "--roster", str(roster), "--work", str(work), *GRADE_ARGS).stdout
    assert f"Imported 2 notebook(s) for {a}: jdoe, jsmith" in out and "Marked late by the LMS: jdoe" in out, out
    assert "Older attempts not imported" in out and f"doejohn_23456_6789020_{a}.ipynb" in out, out

    # 2. jsmith's feedback page in the browser: the checks to fix at the top, linked to their cells.
    page_path = work / "feedback" / "jsmith" / a / f"{a}.html"
    ctx = browser.new_context(viewport=VIEWPORT)
    ctx.set_default_timeout(60_000)
    try:
        page = ctx.new_page()
        requests: list[str] = []
        page.on("request", lambda r: requests.append(r.url))
        page.goto(page_path.as_uri())
        heading = page.locator(".todo h2").inner_text()
        assert re.fullmatch(r"\d+ checks? to fix", heading), f"the feedback page does not start with the checks to fix: {heading!r}"
        assert page.locator("math").count() > 0, "the notebook's math is not rendered"
        items = page.locator(".todo li")
        first_item = items.first.inner_text()
        assert "points" in first_item and "Likely mistake" in page.locator(".todo").inner_text(), first_item
        page.screenshot(path=str(artifacts / "feedback.png"))
        target = SCREENSHOTS / "feedback.png"
        if os.environ.get("UPDATE_SCREENSHOTS") or not target.exists():
            shutil.copyfile(artifacts / "feedback.png", target)
        link = items.first.locator("a")
        anchor = link.get_attribute("href")
        link.click()
        page.wait_for_function(f"location.hash === {json.dumps(anchor)}")
        top = page.evaluate(f"document.querySelector({json.dumps(anchor)}).getBoundingClientRect().top")
        assert -5 <= top < VIEWPORT["height"] / 2, f"the summary's link {anchor} does not bring its check into view (top at {top} px)"
        page.screenshot(path=str(artifacts / "feedback-after-link.png"))
        assert requests == [page_path.as_uri()], f"the feedback page loads more than itself: {requests[1:]}"
    finally:
        ctx.close()

    # 3. Formgrader, as `make formgrader` runs it, on this course: score jsmith's written answer.
    (course / "nbgrader_config.py").write_text(FORMGRADER_CONFIG.format(
        course_config=str(REPO / "course" / "nbgrader_config.py"), root=str(course), source=str(REPO / "source"),
        release=str(REPO / "release"), db_url=f"sqlite:///{work / 'gradebook.db'}?timeout=60"))
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{work / 'gradebook.db'}") as gb:
        submission = gb.find_submission_notebook(a, a, "jsmith").id
    password = uuid.uuid4().hex[:16]
    formgrader = JupyterLab(root=course, work=tmp_path / "jupyter", log_path=ARTIFACTS / "formgrader.log",
                            password=password, cwd=course)
    formgrader.start()
    given = written_points - 1
    ctx = browser.new_context(viewport={"width": 1300, "height": 900})
    ctx.set_default_timeout(60_000)
    try:
        page = ctx.new_page()
        page.goto(formgrader.url("login?next=/formgrader/gradebook"))
        page.locator("input[type=password]").fill(password)
        page.locator("button[type=submit], input[type=submit]").first.click()
        page.wait_for_url(re.compile(r"/formgrader/gradebook"))
        page.goto(formgrader.url(f"formgrader/submissions/{submission}/"))
        score = page.locator(f"input.score#{written_id}")
        score.wait_for()
        score.scroll_into_view_if_needed()
        with page.expect_response(lambda r: "/formgrader/api/grade/" in r.url and r.request.method == "PUT") as saved:
            score.fill(f"{given:g}")
            score.press("Tab")   # formgrader saves on change
        assert saved.value.ok, f"formgrader did not save the score: HTTP {saved.value.status}\n{formgrader.log_tail()}"
        page.screenshot(path=str(artifacts / "formgrader.png"))
    finally:
        ctx.close()
        formgrader.stop()

    # 4. Export for Canvas: the manual score reaches jsmith's row.
    cli("export", "--work", str(work), "--canvas", str(downloads / "canvas.csv"), "--roster", str(roster))
    import csv

    rows = {r["Student"]: r for r in csv.DictReader((downloads / "canvas.csv").open()) if r["Student"] != "Points Possible"}
    graded = {r["student"]: r for r in csv.DictReader((work / "grades.csv").open())}
    from autograder.grading.export import load_results

    auto = next(r.score for r in load_results(work) if r.student == "jsmith")
    assert graded["jsmith"]["status"] == "graded", graded["jsmith"]
    assert float(rows["Smith, Jane"][a]) == pytest.approx(auto + given), rows["Smith, Jane"]
    assert rows["Smith, Jane"]["ID"] == "12345" and rows["Doe, John"]["ID"] == "23456"
