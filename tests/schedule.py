"""The order of the test suite, so that `make test`'s workers finish together.

pytest-xdist's ``--dist worksteal`` hands each worker an equal *count* of tests, in collection
order (the first worker the first half...), and an idle worker later steals the back half of the
busiest worker's queue. Collected in file order, one worker got every notebook's proof and graded
them one after another while the other sat idle (20.9 min of tests at 62% CPU).

`deal` orders the collection for that first hand-out: the long tests are dealt to the workers,
longest first, each to the worker with the least work so far (LPT scheduling), in units that share
a session fixture (the tests that read the demo class, or drive one JupyterLab, stay together);
the quick tests fill every worker's share up to its count, at the back, where stealing takes from.
`SECONDS` are each long test's relative weight, estimated from loaded runs (only their ratios matter); a test
not listed, or of the fast tier, counts as `DEFAULT_SECONDS`.
"""
from __future__ import annotations

from collections.abc import Sequence

import pytest

# Tests of one unit run on one worker: a session fixture of theirs does the long part once (the demo
# class of `tests/demo_class.py`, one JupyterLab and Chromium).
UNITS = {"demo class": ("tests/test_autograder.py::", "tests/test_cluster.py::test_a_dask_cluster_grades_like"),
         "browser": ("tests/test_browser.py::",)}

# nodeid prefix -> seconds (the first matching prefix counts), estimates: replace them with a quiet
# `make test --durations=0` when one is taken.
SECONDS: dict[str, float] = {
    "tests/test_contract.py::test_pipeline_proof[01_training_loop": 85.0,
    "tests/test_contract.py::test_pipeline_proof[02_nn_module": 50.0,
    "tests/test_contract.py::test_pipeline_proof[03_replay_and_targets": 65.0,
    "tests/test_contract.py::test_pipeline_proof[04_dqn": 100.0,
    "tests/test_autograder.py::test_every_submission_grades_as_expected": 150.0,
    "tests/test_cluster.py::test_a_dask_cluster_grades_like": 180.0,
    "tests/test_browser.py::test_notebook_in_browser[01": 50.0,
    "tests/test_browser.py::test_notebook_in_browser[02": 15.0,
    "tests/test_browser.py::test_notebook_in_browser[03": 100.0,
    "tests/test_browser.py::test_notebook_in_browser[04": 70.0,
    "tests/test_browser.py::test_student_loop_from_the_workspace": 40.0,   # estimated: 60-107 s at load 9-13
    "tests/test_instructor_loop.py::": 60.0,                               # estimated: 63-123 s at load 9-13
    "tests/test_contract.py::test_source_runs_in_full_mode[01": 50.0,
    "tests/test_contract.py::test_source_runs_in_full_mode[02": 12.0,
    "tests/test_contract.py::test_source_runs_in_full_mode[03": 100.0,
    "tests/test_contract.py::test_source_runs_in_full_mode[04": 70.0,
    "tests/test_contract.py::test_validator[": 30.0,
    "tests/test_contract.py::test_autograde[": 25.0,
    "tests/test_quickstart.py::": 60.0,
    "tests/test_grading_rules.py::test_nothing_left_in_release": 30.0,
    "tests/test_warm_sandbox.py::": 20.0,
    "tests/test_contract_selfcheck.py::": 15.0,
    "tests/test_benchmarks.py::": 10.0,
}
DEFAULT_SECONDS = 1.0


def seconds(item: pytest.Item) -> float:
    """The measured duration of `item` (a test of the fast tier counts as `DEFAULT_SECONDS`)."""
    if item.get_closest_marker("fast") is not None:
        return DEFAULT_SECONDS
    return next((s for prefix, s in SECONDS.items() if item.nodeid.startswith(prefix)), DEFAULT_SECONDS)


def _unit(item: pytest.Item) -> str:
    return next((unit for unit, prefixes in UNITS.items() if item.nodeid.startswith(prefixes)), item.nodeid)


def _shares(total: int, workers: int) -> list[int]:
    """How many tests worksteal hands each worker at first (xdist's `check_schedule`)."""
    out, left = [], total
    for i in range(workers):
        out.append(left // (workers - i))
        left -= out[-1]
    return out


def deal(items: Sequence[pytest.Item], workers: int) -> list[pytest.Item]:
    """`items` reordered so that worksteal's first hand-out gives each of `workers` an equal share of
    the long work (see the module's docstring); longest first when there is one worker."""
    units: dict[str, list[pytest.Item]] = {}
    for item in items:
        units.setdefault(_unit(item), []).append(item)
    by_weight = sorted(units.values(), key=lambda u: -sum(seconds(i) for i in u))
    if workers <= 1:
        return [item for unit in by_weight for item in unit]
    long = [u for u in by_weight if sum(seconds(i) for i in u) > DEFAULT_SECONDS]
    quick = [item for u in by_weight if u not in long for item in u]
    hands: list[list[pytest.Item]] = [[] for _ in range(workers)]
    load = [0.0] * workers
    for unit in long:
        w = min(range(workers), key=lambda k: (load[k], len(hands[k])))
        hands[w] += unit
        load[w] += sum(seconds(i) for i in unit)
    shares = _shares(len(items), workers)
    if any(len(hand) > share for hand, share in zip(hands, shares, strict=True)):
        return [item for hand in hands for item in hand] + quick   # cannot be dealt evenly: longest first
    for hand, share in zip(hands, shares, strict=True):
        take = share - len(hand)
        hand += quick[:take]
        quick = quick[take:]
    return [item for hand in hands for item in hand]
