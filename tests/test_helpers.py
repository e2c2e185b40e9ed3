"""The `helpers` package: checks, seeding, grading mode, plots, data, the version guard."""
from __future__ import annotations

import contextlib
import io
import random

import gymnasium as gym
import numpy as np
import pytest
import torch

import helpers
from helpers.checks import CheckFailed


def _silent_failure(fn, *args, **kwargs) -> str:
    """Run a failing check; return its message and prove that it wrote nothing to stderr."""
    err = io.StringIO()
    with contextlib.redirect_stderr(err), pytest.raises(CheckFailed) as info:
        fn(*args, **kwargs)
    assert err.getvalue() == ""
    assert isinstance(info.value, AssertionError)  # nbgrader scores the cell 0
    return str(info.value)


@pytest.mark.fast
def test_check_close_says_expected_got_and_the_named_mistake() -> None:
    msg = _silent_failure(helpers.check_close, np.array([-1.0, 2.0]), np.array([1.0, 2.0]), "delta",
                          mistakes={"the sign is flipped": np.array([-1.0, -2.0]),
                                    "the gradient was added, not subtracted": np.array([-1.0, 2.0])},
                          hint="the update line")
    assert "expected: array of shape (2,): [1, 2]" in msg
    assert "got:      array of shape (2,): [-1, 2]" in msg
    assert "Likely mistake: the gradient was added, not subtracted" in msg
    assert "Where to look: the update line" in msg


@pytest.mark.fast
def test_check_close_never_names_an_ambiguous_mistake_or_one_equal_to_the_right_value() -> None:
    # Two mistakes with the same value on this fixture: the message names both, never the first alone.
    msg = _silent_failure(helpers.check_close, 3.0, 1.0, "x",
                          mistakes={"summed, not averaged": 3.0, "three steps instead of one": 3.0})
    assert "summed, not averaged" in msg and "three steps instead of one" in msg
    assert "one of these mistakes" in msg
    # A mistake whose value equals the right value cannot be told apart here: never claimed.
    msg = _silent_failure(helpers.check_close, 2.0, 1.0, "x", mistakes={"looks right": 1.0 + 1e-9, "doubled": 2.0})
    assert "looks right" not in msg and "Likely mistake: doubled" in msg
    msg = _silent_failure(helpers.check_equal, 2, 1, "n", mistakes={"same as right": 1, "a": 2, "b": 2})
    assert "same as right" not in msg and "a; or b" in msg
    msg = _silent_failure(helpers.check_shape, np.zeros(3), (3, 1), "p", mistakes={"flat": (3,), "also flat": (3,)})
    assert "flat; or also flat" in msg


@pytest.mark.fast
def test_check_close_accepts_tensors_and_reports_nan_and_none() -> None:
    helpers.check_close(torch.tensor([1.0, 2.0], requires_grad=True) * 1, [1.0, 2.0], "t")
    assert "NaN or infinity" in _silent_failure(helpers.check_close, np.array([np.nan]), [1.0], "x")
    assert "does not `return`" in _silent_failure(helpers.check_close, None, [1.0], "x")
    assert "wrong shape" in _silent_failure(helpers.check_close, np.ones((3, 1)), np.ones(3), "x")


@pytest.mark.fast
def test_check_shape_type_equal_raises() -> None:
    helpers.check_shape(np.zeros((4, 2)), (4, 2), "x")
    msg = _silent_failure(helpers.check_shape, np.zeros((4, 4)), (4,), "loss input",
                          mistakes={"[B,1] broadcast against [B] into [B,B]": (4, 4)})
    assert "Likely mistake: [B,1] broadcast against [B] into [B,B]" in msg
    helpers.check_type(3, int, "action")
    assert "int" in _silent_failure(helpers.check_type, torch.tensor(3), int, "action")
    assert "expected: int" in _silent_failure(helpers.check_type, True, int, "action")
    helpers.check_equal("a", "a", "x")
    assert "Likely mistake: swapped" in _silent_failure(helpers.check_equal, 2, 1, "x", mistakes={"swapped": 2})
    helpers.check_raises(lambda: 1 / 0, ZeroDivisionError, "divides")
    assert "no error" in _silent_failure(helpers.check_raises, lambda: None, ValueError, "must raise")


@pytest.mark.fast
def test_passed_prints_to_stdout_only(capsys: pytest.CaptureFixture[str]) -> None:
    helpers.passed("all good")
    out = capsys.readouterr()
    assert out.out == "\u2713 all good\n" and out.err == ""


@pytest.mark.fast
def test_seed_everything_repeats_python_numpy_torch_and_the_environment() -> None:
    def draw() -> tuple:
        env = gym.make("CartPole-v1")
        helpers.seed_everything(7, env)
        obs, _ = env.reset(seed=7)
        return (random.random(), np.random.rand(), torch.rand(1).item(), env.action_space.sample(), tuple(obs))

    assert draw() == draw()


@pytest.mark.fast
def test_grading_mode_and_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    assert helpers.grading_mode() is None and helpers.budget(full=100, grading=5) == 100
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    assert helpers.grading_mode() == "autograde" and helpers.budget(full=100, grading=5) == 5


@pytest.mark.fast
def test_require_names_the_fix_when_stale() -> None:
    helpers.require(helpers.__version__)
    with pytest.raises(ImportError, match="make setup"):
        helpers.require("99.0.0")


@pytest.mark.fast
def test_plot_curves_is_headless_and_labelled(tmp_path) -> None:
    fig = helpers.plot_curves({"train": [3, 2, 1], "validation": [3, 2.5, 2]}, title="loss", hline=1.5, hline_label="goal")
    ax = fig.axes[0]
    assert ax.get_title() == "loss" and ax.get_xlabel() == "epoch" and ax.get_legend() is not None
    fig.savefig(tmp_path / "curve.png")
    assert (tmp_path / "curve.png").stat().st_size > 1000


@pytest.mark.fast
def test_binary_classification_data_is_seeded_and_balanced() -> None:
    X, y = helpers.make_binary_classification(n=200, seed=3)
    X2, _ = helpers.make_binary_classification(n=200, seed=3)
    assert X.shape == (200, 2) and y.shape == (200, 1) and np.array_equal(X, X2)
    assert set(np.unique(y)) == {0.0, 1.0} and y.mean() == 0.5


@pytest.mark.fast
def test_installed_helpers_is_this_repository(repo) -> None:
    """`make setup` installs helpers as a package; it must be the code in this checkout."""
    import inspect
    from pathlib import Path

    installed = Path(inspect.getfile(helpers)).parent
    for module in (repo / "helpers").glob("*.py"):
        assert (installed / module.name).read_text() == module.read_text(), (
            f"the installed helpers/{module.name} is stale: run `make setup`")


def test_friendly_errors_in_a_kernel() -> None:
    """In a real kernel: a failed check, a stub and an undefined name each show one short message,
    and each still ends the cell in an error (so nbgrader scores it 0)."""
    from nbclient import NotebookClient
    from nbformat.v4 import new_code_cell, new_notebook

    nb = new_notebook(cells=[
        new_code_cell("import helpers\nhelpers.show_friendly_errors()"),
        new_code_cell("helpers.check_close(1.0, 2.0, 'x', mistake='off by one')"),
        new_code_cell("def f():\n    raise NotImplementedError()\nf()"),
        new_code_cell("scores['loss']"),
    ])
    NotebookClient(nb, kernel_name="python3", allow_errors=True, timeout=120).execute()
    shown = []
    for cell in nb.cells[1:]:
        errors = [o for o in cell.outputs if o.output_type == "error"]
        assert len(errors) == 1, cell.outputs
        assert len(errors[0].traceback) == 1, "one short message, not a traceback"
        shown.append(errors[0].traceback[0])
    assert "Check failed" in shown[0] and "Likely mistake: off by one" in shown[0]
    assert "Not done yet" in shown[1] and "`f` is not written yet" in shown[1]
    assert "Not done yet" in shown[2] and "`scores` (line 1 of this cell) does not exist yet" in shown[2]
