"""The student's way, in a real browser: JupyterLab from the course's environment, each release
notebook of the syllabus opened, run, filled in and validated through the page (issue 8).

One JupyterLab serves a temporary copy of release/ (and, under solved/, the same notebooks with
every answer filled in from source/) for the whole session; Chromium (Debian's, /usr/bin/chromium)
is driven by Playwright. For each notebook the test checks that:

- it opens without a dialog (no trust or kernel error) on the course's kernel;
- after running every cell, each cell that fails does so with the course's short message
  ("Not done yet" / "Check failed"), never a traceback, and every check fails on the stub;
- plots render as images and progress bars (tqdm.auto) as widgets;
- and, for the first notebook of the syllabus: nbgrader's Validate button reports success for a
  solved notebook.

The student's whole loop (issue 21) runs on the first notebook in workspace/, the copy that
course/student_workspace.py makes as `make lab` does: an answer typed into its cell through the
page, its checks run and passing, Validate reporting the exercises still to do, then a course
update that keeps the student's work. The instructor's loop is in tests/test_instructor_loop.py.

Screenshots go to artifacts/browser/ (ignored by git). Those shown in the README,
docs/screenshots/<assignment>.png, validate.png and feedback.png, are written when missing, and
refreshed with UPDATE_SCREENSHOTS=1.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest

from autograder.course import cells as C
from autograder.course.syllabus import syllabus
from tests.browser_support import (
    ARTIFACTS,
    CHROMIUM,
    CHROMIUM_ARGS,
    FRIENDLY,
    REPO,
    SCREENSHOTS,
    JupyterLab,
    NotebookPage,
    errors_of,
    first_answer,
    lay_out_root,
    text_of,
)

pytestmark = pytest.mark.browser

NOTEBOOKS = syllabus(REPO)
PRESENT = [nb.assignment for nb in NOTEBOOKS if nb.release(REPO).is_file() and nb.source(REPO).is_file()]
VIEWPORT = {"width": 1400, "height": 1000}
TRACEBACK = re.compile(r"Traceback \(most recent call last\)|^\s*File \"|-{10,}", re.M)


# --- fixtures: one JupyterLab and one Chromium for the session ---------------------------------

@pytest.fixture(scope="session")
def lab(tmp_path_factory):
    work = tmp_path_factory.mktemp("lab")
    root = work / "root"
    lay_out_root(REPO, PRESENT, root)
    write_environment_notebooks(root / "environment")
    # workspace/: the student's copy, made as `make lab` makes it
    subprocess.run([sys.executable, str(REPO / "course" / "student_workspace.py"), "--release", str(REPO / "release"),
                    "--workspace", str(root / "workspace")], check=True, capture_output=True, timeout=120)
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")  # `make test` runs pytest-xdist workers
    log = ARTIFACTS / (f"jupyterlab-{worker}.log" if worker else "jupyterlab.log")
    server = JupyterLab(root=root, work=work / "jupyter", log_path=log)
    if server.log_path.exists():
        server.log_path.unlink()
    try:
        yield server.start()
    finally:
        server.stop()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make setup` (course/system-packages.sh installs Debian's chromium).")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def context(browser, lab):
    ctx = browser.new_context(viewport=VIEWPORT)
    ctx.set_default_timeout(120_000)
    try:
        yield ctx
    finally:
        ctx.close()
        lab.shutdown_kernels()  # free the memory of this test's kernels


def open_notebook(context, lab, path: str, artifacts: Path, in_page=None) -> NotebookPage:
    page = NotebookPage(context, lab, path, artifacts, page=in_page)
    state = page.open()
    dialogs = page.dialogs()
    if state != "idle" or dialogs:
        page.screenshot("open-failed")
        pytest.fail(f"{path} did not open cleanly in JupyterLab: kernel {state!r}, dialogs {dialogs}.\n"
                    f"JupyterLab's log:\n{lab.log_tail()}")
    return page


def text_bars(outputs: list[dict]) -> list[dict]:
    """Outputs that could be a progress bar drawn as text: printed, or displayed without a widget."""
    return [out for out in outputs if out.get("output_type") == "stream"
            or (out.get("output_type") == "display_data"
                and "application/vnd.jupyter.widget-view+json" not in out.get("data", {}))]


def describe(nb_label: str, cell: dict) -> str:
    first = cell["source"].strip().splitlines()[0][:70] if cell["source"].strip() else ""
    return f"{nb_label}, cell #{cell['index']} ({first!r})"


# --- the course's JupyterLab configuration -----------------------------------------------------

def test_student_jupyterlab_has_validate_and_no_instructor_tools(lab, context):
    """nbgrader's formgrader, course list and assignment list need an instructor's exchange; the
    course's configuration (course/jupyter/, used by `make lab`) turns them off and keeps Validate."""
    for route in ("formgrader", "assignments", "courses"):
        assert lab.status_of(route) == 404, f"/{route} is served: course/jupyter/ should switch it off for students"
    assert lab.status_of("nbgrader_version?version=0.9.6") == 200, "the Validate server extension is not loaded"

    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    page.goto(lab.url("lab"), wait_until="domcontentloaded")
    page.wait_for_function("window.jupyterapp && window.jupyterapp.commands.hasCommand('filebrowser:open')")
    page.locator(".jp-DirListing-item").first.wait_for()
    commands = page.evaluate("window.jupyterapp.commands.listCommands()")
    menus = page.locator("#jp-menu-panel .lm-MenuBar-itemLabel").all_inner_texts()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "lab-home.png"))
    instructor = [c for c in commands if c.startswith("nbgrader:") and "validate" not in c]
    assert not instructor, f"instructor commands are offered to students: {instructor}"
    assert "Nbgrader" not in menus, f"the Nbgrader menu (instructor tools) is shown: {menus}"
    assert not errors, f"JupyterLab raised errors in the page: {errors}"


# --- a stale environment gives one clear message with its fix ---------------------------------

# How each broken environment is made inside a healthy kernel, then the notebook's own setup cell
# runs, and the message a student would read must name the command that fixes it.
BROKEN = {
    # a kernel without the course package (JupyterLab started from another Python)
    "missing_helpers": ("import sys\nsys.modules['helpers'] = None  # as if `helpers` were not installed",
                        "make lab"),
    # a kernel whose `helpers` predates the notebook
    "old_helpers": ("import helpers.version\nhelpers.version.__version__ = '0.0.1'  # as if an old `helpers` were installed",
                    "make setup"),
}


def setup_source() -> str:
    """The locked setup cell of the first notebook of the syllabus that exists."""
    for assignment in PRESENT:
        nb = nbformat.read(str(REPO / "release" / assignment / f"{assignment}.ipynb"), 4)
        for cell in nb.cells:
            if C.grade_id(cell) == "setup":
                return cell.source
    raise LookupError("no release notebook with a `setup` cell")


def write_environment_notebooks(folder: Path) -> None:
    if not PRESENT:
        return
    folder.mkdir(parents=True, exist_ok=True)
    for name, (breakage, _fix) in BROKEN.items():
        nb = nbformat.v4.new_notebook()
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
        nb.cells = [nbformat.v4.new_code_cell(breakage), nbformat.v4.new_code_cell(setup_source())]
        nbformat.write(nb, str(folder / f"{name}.ipynb"))


@pytest.mark.parametrize("case", list(BROKEN))
def test_stale_environment_message_in_browser(case, lab, context):
    if not PRESENT:
        pytest.skip("no release notebook exists yet")
    artifacts = ARTIFACTS / "environment"
    page = open_notebook(context, lab, f"environment/{case}.ipynb", artifacts)
    try:
        result = page.run_all(300_000)
        assert result["done"], f"{case}: the cells did not finish"
        cells = page.cells()
        page.scroll_to(1)
        page.screenshot(case)
    finally:
        page.close()
    fix = BROKEN[case][1]
    errors = errors_of(cells[1]["outputs"])
    assert errors, f"{case}: the setup cell ran without stopping the notebook"
    message = f"{errors[-1]['ename']}: {errors[-1]['evalue']}"
    assert f"`{fix}`" in message, f"{case}: the setup cell's message does not name the fix `{fix}`:\n{message}"
    shown = [line for line in cells[1]["shown_text"].splitlines() if line.strip()]
    assert shown and f"`{fix}`" in shown[-1], \
        f"{case}: the page does not end the setup cell's output with the fix `{fix}`:\n{cells[1]['shown_text']}"


def test_environment_check_names_the_fix(tmp_path):
    """`make lab` runs course/check_environment.py first: quiet when the environment matches
    requirements.txt and helpers/, one message with `make setup` when it does not."""
    script = REPO / "course" / "check_environment.py"
    ok = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=120)
    assert ok.returncode == 0, f"the course's own environment is reported stale:\n{ok.stderr}"
    stale = tmp_path / "requirements.txt"
    stale.write_text("numpy==0.0.1  # older than installed\nno-such-course-package==1.0\n")
    helpers = tmp_path / "helpers"
    shutil.copytree(REPO / "helpers", helpers)
    (helpers / "version.py").write_text((helpers / "version.py").read_text() + "\n# changed since the install\n")
    bad = subprocess.run([sys.executable, str(script), "--requirements", str(stale), "--helpers", str(helpers)],
                         capture_output=True, text=True, timeout=120)
    assert bad.returncode == 1
    for expected in ("numpy is", "no-such-course-package is not installed", "version.py", "`make setup`"):
        assert expected in bad.stderr, f"{expected!r} missing from:\n{bad.stderr}"
    assert len(bad.stderr.strip().splitlines()) <= 2, f"not one short message:\n{bad.stderr}"


# --- each notebook, the student's way ----------------------------------------------------------

@pytest.mark.parametrize("assignment", [nb.assignment for nb in NOTEBOOKS])
def test_notebook_in_browser(assignment, lab, context):
    if assignment not in PRESENT:
        pytest.fail(f"{assignment} is in course/syllabus.toml but release/{assignment}/{assignment}.ipynb "
                    f"(or its source) does not exist: write source/{assignment}/ and run `make release`.")
    notebook = next(nb for nb in NOTEBOOKS if nb.assignment == assignment)
    release = nbformat.read(str(notebook.release(REPO)), 4)
    artifacts = ARTIFACTS / assignment
    shutil.rmtree(artifacts, ignore_errors=True)
    path = f"{assignment}/{assignment}.ipynb"
    timings: list[str] = []
    clock = [time.monotonic()]

    def lap(step: str) -> None:
        now = time.monotonic()
        timings.append(f"{now - clock[0]:7.1f} s  {step}")
        clock[0] = now
        artifacts.mkdir(parents=True, exist_ok=True)
        (artifacts / "timings.txt").write_text("\n".join(timings) + "\n")

    label = f"release/{path} in the browser"

    # 1. It opens without a trust or kernel error, on the course's kernel.
    page = open_notebook(context, lab, path, artifacts)
    lap("open the notebook, kernel idle")
    try:
        assert page.kernel_name() == "Python 3 (ipykernel)", f"{label}: unexpected kernel {page.kernel_name()!r}"
        assert page.page.locator(".jp-Toolbar .validate-button").count() >= 1, \
            f"{label}: nbgrader's Validate button is not in the notebook's toolbar"

        # 2. Run every cell (full mode, as a student does; the stubs raise at once).
        budget_ms = int((notebook.budget_minutes * 60 * 3 + 180) * 1000)
        result = page.run_all(budget_ms)
        cells = page.cells()
        page.screenshot("after-run-all")
        lap(f"run every cell ({result['rounds']} restarts after a failing check)")
        if not result["done"]:
            pytest.fail(f"{label}: running every cell did not finish within {budget_ms // 1000} s "
                        f"({result['rounds']} restarts after errors).\n{lab.log_tail()}")
        assert len(cells) == len(release.cells), f"{label}: the page shows {len(cells)} cells, the file has {len(release.cells)}"

        problems: list[str] = []
        for cell, nb_cell in zip(cells, release.cells, strict=False):
            if cell["type"] != "code":
                continue
            where = describe(label, cell)
            if cell["source"].strip() and cell["execution_count"] is None:
                problems.append(f"{where}: never ran")
            shown = text_of(cell["outputs"])
            for err in errors_of(cell["outputs"]):
                message = text_of([err])
                if not message.strip().startswith(FRIENDLY) or TRACEBACK.search(message):
                    problems.append(f"{where}: fails with a traceback instead of the course's message "
                                    "(\"Not done yet\" / \"Check failed\"). If it fails only because an exercise "
                                    "above is unfinished, let it fail through that exercise's stub "
                                    "(NotImplementedError), not on a name or file the stub never made:\n"
                                    f"{message[-1200:]}")
            if C.is_test(nb_cell) and not errors_of(cell["outputs"]):
                problems.append(f"{where}: this check passes on the stub (it should fail with \"Not done yet\")")
            if nb_cell.metadata.get("nbgrader", {}).get("grade_id") == "setup" and errors_of(cell["outputs"]):
                problems.append(f"{where}: the setup cell fails:\n{shown[-1200:]}")
            if "IProgress not found" in shown or any(re.search(r"\d+%\|", text_of([out])) for out in text_bars(cell["outputs"])):
                problems.append(f"{where}: a progress bar printed as text instead of a widget "
                                "(tqdm.auto needs ipywidgets in the kernel)")
            if re.search(r"<Figure size [\d.]+x[\d.]+ with \d+ Axes>", shown) and not cell["images"]:
                problems.append(f"{where}: a figure printed as text instead of an image (matplotlib backend)")
            # a plot drawn by the cell itself (not inside a branch or a function it only defines)
            if not errors_of(cell["outputs"]) and re.search(r"^(?:plt\.show\(\)|\S.*\bplot_curves\()", cell["source"], re.M) \
                    and not cell["images"]:
                problems.append(f"{where}: draws a plot, but no image rendered in the page")
            # a loop over tqdm(...) in the cell itself (not inside a function it only defines), in a cell
            # that did not stop before it (on an unfinished exercise's stub)
            if re.search(r"^\S.*\btqdm\(", cell["source"], re.M) and cell["execution_count"] is not None \
                    and not errors_of(cell["outputs"]) and not cell["progress_bars"]:
                problems.append(f"{where}: runs a tqdm loop, but no progress bar widget rendered")
            if cell["execution_count"] is not None and not cell["trusted"]:
                problems.append(f"{where}: its output is not trusted after running it")
        if sum(c["images"] for c in cells) == 0 and any("plt." in c["source"] for c in cells):
            problems.append(f"{label}: the notebook plots, but no plot rendered as an image")

        # The README's screenshot: the first plot of a cell that ran cleanly, else the top of the notebook.
        with_image = [c["index"] for c in cells if c["images"] and not errors_of(c["outputs"])]
        page.scroll_to(with_image[0], "end") if with_image else page.scroll_to(0)
        shot = page.screenshot("readme")
        target = SCREENSHOTS / f"{assignment}.png"
        if os.environ.get("UPDATE_SCREENSHOTS") or not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(shot, target)

        # Step 3 is about nbgrader's Validate button, not about one notebook's content (the contract
        # check already runs nbgrader's Validator on every notebook): it runs on the first notebook
        # of the syllabus only. A failing Validate and an answer typed through the page are in
        # test_student_loop_from_the_workspace.
        if assignment == NOTEBOOKS[0].assignment:
            # 3. Validate reports success for a solved notebook (every answer filled in from source/),
            # opened in a second tab of the same JupyterLab.
            solved = open_notebook(context, lab, f"solved/{path}", artifacts / "solved", in_page=page.page)
            outcome, text = solved.validate("validate-solved")
            if outcome != "success":
                problems.append(f"solved {path}: Validate should report success; it said {outcome}:\n{text[:3000]}")
            lap("open the solved notebook and Validate it")
    finally:
        page.close()

    (artifacts / "problems.txt").write_text("\n\n".join(problems))
    assert not problems, f"{len(problems)} problem(s) (also in {artifacts / 'problems.txt'}):\n\n" + "\n\n".join(problems)


# --- the README shows each notebook ------------------------------------------------------------

@pytest.mark.parametrize("assignment", PRESENT)
def test_readme_shows_screenshot(assignment):
    """Each notebook that exists has a committed screenshot, shown in the README's "What it looks
    like" section (the browser test writes a missing one; UPDATE_SCREENSHOTS=1 refreshes them)."""
    shot = f"docs/screenshots/{assignment}.png"
    assert (REPO / shot).is_file(), (
        f"{shot} is missing: run `UPDATE_SCREENSHOTS=1 .venv/bin/python -m pytest tests/test_browser.py -k {assignment}` "
        "and commit it")
    readme = (REPO / "README.md").read_text()
    section = readme.split("## What it looks like", 1)[-1].split("\n## ", 1)[0] if "## What it looks like" in readme else ""
    assert f"({shot})" in section, f"README.md's \"What it looks like\" section does not show {shot}"


# --- the student's whole loop, from the workspace `make lab` makes --------------------------------

def test_student_loop_from_the_workspace(lab, context, tmp_path):
    """As a student: open the first notebook from the workspace that course/student_workspace.py
    made (what `make lab` serves), write the first answer in its cell, run its checks, press
    Validate (which saves the notebook). Then a course update (a changed notebook, a new one):
    the student's notebook is kept, the new version is put beside it and the new one copied."""
    if not PRESENT:
        pytest.skip("no release notebook exists yet")
    first = next(nb for nb in NOTEBOOKS if nb.assignment in PRESENT)
    path = f"workspace/{first.assignment}/{first.assignment}.ipynb"
    artifacts = ARTIFACTS / "student-loop"
    shutil.rmtree(artifacts, ignore_errors=True)
    budget_ms = int((first.budget_minutes * 60 * 3 + 180) * 1000)
    page = open_notebook(context, lab, path, artifacts)
    try:
        index, solution, tests = first_answer(first.source(REPO), first.release(REPO))
        assert tests, f"{path}: the first answer cell (#{index}) has no test cell after it"
        page.type_into(index, solution)
        assert page.cells()[index]["source"].strip() == solution.strip(), f"{path}: the editor holds something else than what was typed"
        page.select(tests[-1])
        assert page.restart_and_run_to_selected(timeout_ms=budget_ms) != "timeout", f"{path}: running up to the first checks did not finish"
        cells = page.cells()
        page.scroll_to(tests[0], "end")
        page.screenshot("first-exercise-solved")
        for i in [index, *tests]:
            where, shown = describe(path, cells[i]), text_of(cells[i]["outputs"])
            assert not errors_of(cells[i]["outputs"]), f"{where}: fails with the answer typed in:\n{shown[-1500:]}"
            assert i not in tests or "\u2713" in shown, f"{where}: ran without the success line of helpers.passed"
        # The other exercises are still stubs: Validate says which checks fail, with the course's message.
        outcome, text = page.validate("validate", reveal="Not done yet")
        assert outcome == "failed", f"{path}: with one exercise done, Validate should fail; it said {outcome}:\n{text[:2000]}"
        assert "Not done yet" in text, f"{path}: Validate's dialog does not show the course's message:\n{text[:2000]}"
        target = SCREENSHOTS / "validate.png"
        if os.environ.get("UPDATE_SCREENSHOTS") or not target.exists():
            shutil.copyfile(artifacts / "validate.png", target)
    finally:
        page.close()

    mine = lab.root / path
    saved = nbformat.read(str(mine), 4)
    assert saved.cells[index].source.strip() == solution.strip(), "Validate did not save the student's answer"
    release = tmp_path / "release"            # a course update: the first notebook changed, a new one added
    shutil.copytree(REPO / "release" / first.assignment, release / first.assignment)
    updated = nbformat.read(str(release / first.assignment / f"{first.assignment}.ipynb"), 4)
    updated.cells[0].source += "\n\n(Updated.)"
    nbformat.write(updated, str(release / first.assignment / f"{first.assignment}.ipynb"))
    shutil.copytree(REPO / "release" / first.assignment, release / "99_new", ignore=shutil.ignore_patterns("*.ipynb"))
    (release / "99_new" / "99_new.ipynb").write_text(nbformat.writes(nbformat.v4.new_notebook()))
    done = subprocess.run([sys.executable, str(REPO / "course" / "student_workspace.py"), "--release", str(release),
                           "--workspace", str(lab.root / "workspace")], capture_output=True, text=True, timeout=60, check=True)
    assert nbformat.read(str(mine), 4).cells[index].source.strip() == solution.strip(), "a course update overwrote the student's work"
    beside = list(mine.parent.glob(f"{first.assignment}.update-*.ipynb"))
    assert len(beside) == 1 and "(Updated.)" in nbformat.read(str(beside[0]), 4).cells[0].source
    assert f"{first.assignment}/{first.assignment}.ipynb changed in the course; your copy is kept" in done.stdout, done.stdout
    assert "99_new/99_new.ipynb" in done.stdout and (lab.root / "workspace" / "99_new" / "99_new.ipynb").is_file(), done.stdout


def test_readme_shows_the_students_and_instructors_loops():
    """The Validate dialog (the student's way) and a feedback page (grading a class), as the loops
    take them (above, and tests/test_instructor_loop.py), are committed and shown where the README describes each way."""
    readme = (REPO / "README.md").read_text()
    for shot, section in (("validate.png", "## The student's way"), ("feedback.png", "## Grading a class")):
        assert (SCREENSHOTS / shot).is_file(), \
            f"docs/screenshots/{shot} is missing: run tests/test_browser.py -k student_loop and tests/test_instructor_loop.py; commit it"
        part = readme.split(section, 1)[-1].split("\n## ", 1)[0] if section in readme else ""
        assert f"(docs/screenshots/{shot})" in part, f"README.md's {section!r} section does not show docs/screenshots/{shot}"
