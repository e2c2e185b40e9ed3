"""Shared fixtures: the repository, the syllabus, and each notebook's contract results, computed
once per test session (executing notebooks is the expensive part)."""
from __future__ import annotations

from pathlib import Path

import pytest

from autograder.course.syllabus import repo_root, syllabus

REPO = repo_root(Path(__file__).parent)


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Any test taking `notebook` runs once per syllabus notebook, named by its assignment."""
    if "notebook" in metafunc.fixturenames:
        notebooks = syllabus(REPO)
        metafunc.parametrize("notebook", notebooks, ids=[nb.assignment for nb in notebooks])


# The longest tests first, so that both workers start on them and the quick ones fill the gaps
# (measured: grading each notebook's bank, the demo class, the browser, full-mode runs). The
# autograder's tests stay together: they share one session fixture that grades the demo class.
_LONGEST_FIRST = ("tests/test_contract.py::test_pipeline_proof[", "tests/test_contract.py::test_autograde[", "tests/test_autograder.py::",
                  "tests/test_browser.py::test_notebook_in_browser[", "tests/test_contract.py::test_source_runs_in_full_mode[",
                  "tests/test_contract.py::test_validator[")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:   # two tiers: `make check` runs the fast one; whatever is not marked fast is slow
        if item.get_closest_marker("fast") is None and item.get_closest_marker("slow") is None:
            item.add_marker(pytest.mark.slow)
    def rank(item: pytest.Item) -> int:
        return next((i for i, prefix in enumerate(_LONGEST_FIRST) if item.nodeid.startswith(prefix)), len(_LONGEST_FIRST))

    items.sort(key=rank)  # stable: within a rank the files' own order is kept
