"""The demo class, graded once per test session through the instructor's command (`autograder.cli
demo`, local process pool, sandboxes on): correct, stub, partial, the first notebook's wrong
answers and the adversarial bank of course/attacks/. `tests/test_autograder.py` reads that one run;
`tests/test_cluster.py` grades the same class on a Dask cluster and compares. `conftest.py`
registers the fixture, so that both modules share one instance (`tests/schedule.py` keeps them on
one worker)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from autograder.course.syllabus import repo_root, syllabus
from autograder.grading import export, sandbox
from autograder.proof import demo

REPO = repo_root(Path(__file__).parent)

FIRST = next(n.assignment for n in syllabus(REPO) if n.source(REPO).is_file())
COMMAND_ARGS = ["--cell-timeout", "40", "--timeout", "120", "--memory-mb", "2048", "--no-progress"]


def demo_command(work: Path, *extra: str) -> list[str]:
    """The README's command that grades the demo class of the first notebook into `work`."""
    return [sys.executable, "-m", "autograder.cli", "demo", FIRST, "--work", str(work), *COMMAND_ARGS, *extra]


def command_env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("NBGRADER_EXECUTION", None)
    return env


def grade_demo(work: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(demo_command(work, *extra), cwd=REPO, env=command_env(), capture_output=True, text=True, timeout=1200)


@pytest.fixture(scope="session")
def graded_class(tmp_path_factory):
    """(work folder, the command's CompletedProcess, the expectations, the results by (student, assignment))."""
    if not sandbox.probe().ok:
        pytest.skip("this machine cannot sandbox: " + sandbox.probe().reason)
    work = tmp_path_factory.mktemp("demo-class")
    proc = grade_demo(work)
    expects = [demo.Expect(**e) for e in json.loads((work / "demo_expected.json").read_text())]
    results = {(r.student, r.assignment): r for r in export.load_results(work)}
    return work, proc, expects, results
