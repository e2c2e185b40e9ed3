"""Shared fixtures: the repository, the syllabus, and each notebook's contract results, computed
once per test session (executing notebooks is the expensive part)."""
from __future__ import annotations

from pathlib import Path

import pytest

from autograder.course import repo_root, syllabus

REPO = repo_root(Path(__file__).parent)


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Any test taking `notebook` runs once per syllabus notebook, named by its assignment."""
    if "notebook" in metafunc.fixturenames:
        notebooks = syllabus(REPO)
        metafunc.parametrize("notebook", notebooks, ids=[nb.assignment for nb in notebooks])
