"""Shared fixtures: the repository, the syllabus, and each notebook's contract results, computed
once per test session (executing notebooks is the expensive part)."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from autograder.course.syllabus import repo_root, syllabus
from autograder.proof import twoway
from tests import schedule
from tests.demo_class import graded_class  # noqa: F401 -- one session fixture for every module that reads the demo class

REPO = repo_root(Path(__file__).parent)


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Any test taking `notebook` runs once per syllabus notebook, named by its assignment; any
    taking `proof_shard` once per shard of each notebook's proof (`twoway.shard_count`)."""
    notebooks = syllabus(REPO)
    if "notebook" in metafunc.fixturenames:
        metafunc.parametrize("notebook", notebooks, ids=[nb.assignment for nb in notebooks])
    if "proof_shard" in metafunc.fixturenames:
        shards = [(nb, k, n) for nb in notebooks for n in [twoway.shard_count(REPO, nb.assignment)] for k in range(n)]
        metafunc.parametrize("proof_shard", shards, ids=[f"{nb.assignment}-{k + 1}of{n}" for nb, k, n in shards])


def pytest_itemcollected(item: pytest.Item) -> None:
    """Two tiers: `make check` runs the fast one; whatever is not marked fast is slow."""
    if item.get_closest_marker("fast") is None and item.get_closest_marker("slow") is None:
        item.add_marker(pytest.mark.slow)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Once `-m` has deselected: the order that lets `make test`'s workers finish together."""
    items[:] = schedule.deal(items, int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1")))
