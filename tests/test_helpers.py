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


# --- helpers.testing.rl: the stand-ins of notebooks 03 and 04 -------------------------------------

@pytest.mark.fast
def test_rl_tiny_networks_have_the_weights_they_are_given() -> None:
    from helpers.testing import ONLINE_W, constant_net, linear_net, net_pair

    online = linear_net(ONLINE_W, [0.0, 0.0])
    assert torch.equal(online(torch.tensor([[3.0, -1.0]])), torch.tensor([[3.0, -1.0]]))   # Q(s) = s
    assert linear_net([[1.0, 2.0]]).bias is None
    assert all(torch.all(p == 0.5) for p in constant_net(0.5).parameters())
    q, t = net_pair(lambda: torch.nn.Sequential(torch.nn.Linear(4, 8), torch.nn.ReLU(), torch.nn.Linear(8, 3)), seed=0, greedy_action=2)
    again, _ = net_pair(lambda: torch.nn.Sequential(torch.nn.Linear(4, 8), torch.nn.ReLU(), torch.nn.Linear(8, 3)), seed=0, greedy_action=2)
    x = torch.randn(20, 4)
    assert (q(x).argmax(dim=1) == 2).all() and torch.equal(q(x), again(x))
    assert not torch.equal(q[0].weight, t[0].weight)


@pytest.mark.fast
def test_rl_fixed_data_is_fresh_and_numbered() -> None:
    from helpers.testing import fixed_batch, numbered_transition

    batch = fixed_batch()
    assert [tuple(t.shape) for t in batch] == [(4, 2), (4,), (4,), (4, 2), (4,)] and batch[1].dtype == torch.int64
    batch[0].add_(1.0)
    assert fixed_batch()[0][0, 0] == 1.0, "each call returns its own tensors"
    s, a, r, s2, d = numbered_transition(3, dim=3)
    assert s.tolist() == [4.0] * 3 and (a, r, d) == (1, 30.0, 1.0) and s2.tolist() == [104.0] * 3


@pytest.mark.fast
def test_rl_buffers_record_and_replay_without_sampling_rules_of_their_own() -> None:
    from helpers.testing import FixedBatchBuffer, SpyBuffer, drawn_ids, filled_buffer, fixed_batch

    fixed = FixedBatchBuffer(fixed_batch(), 3, refuse_early=True)
    with pytest.raises(ValueError):
        fixed.sample(4)
    assert len(fixed) == 3 and fixed.sampled == 0
    first = fixed.sample(2)
    first[2].add_(100.0)
    assert fixed.sample(2)[2].tolist() == [1.0, 0.0] and fixed.sampled == 2
    assert FixedBatchBuffer(fixed_batch(), 1).sample(4)[0].shape == (4, 2), "without refuse_early it always answers"

    spy = SpyBuffer(start_len=5, seed=0)
    state = np.array([1.0, 2.0])
    spy.push(state, np.int64(1), np.float32(0.5), state + 1, True)
    state[0] = 9.0                                              # the spy keeps its own copy
    assert len(spy) == 6 and spy.rows() == [([1.0, 2.0], 1, 0.5, [2.0, 3.0], 1.0)]
    with pytest.raises(ValueError):
        spy.sample(2)
    for i in range(4):
        spy.push(np.full(2, float(i)), i % 2, 0.0, np.zeros(2), 0.0)
    s, a, r, s2, d = spy.sample(5)
    assert sorted(s[:, 1].tolist()) == [0.0, 1.0, 2.0, 2.0, 3.0] and a.dtype == torch.int64 and d.dtype == torch.float32

    class Recorded:                                             # any buffer class with push and sample
        def __init__(self, capacity, seed=None):
            self.inner = SpyBuffer(seed=seed)
        def push(self, *transition):
            self.inner.push(*transition)
        def sample(self, batch_size):
            return self.inner.sample(batch_size)
    buffer = filled_buffer(Recorded, 10, 4, seed=1)
    assert [row[0] for row in buffer.inner.rows()] == [[1.0], [2.0], [3.0], [4.0]]
    assert drawn_ids(buffer, 4, 2) == [[1, 2, 3, 4], [1, 2, 3, 4]]


@pytest.mark.fast
def test_rl_environments_play_their_script_and_record() -> None:
    from helpers.testing import PlaybackEnv, ScriptedEnv, StepRecorder

    play = PlaybackEnv([([1, 1], 1.0, False, False), ([2, 2], 0.5, True, False)], reset_obs=[-9, -9])
    assert play.step(0)[0].tolist() == [1.0, 1.0] and play.step(1)[1:4] == (0.5, True, False)
    assert play.reset()[0].tolist() == [-9.0, -9.0] and (play.actions, play.resets) == ([0, 1], 1)

    env = ScriptedEnv(lengths=(2, 1), ends=("terminated", "truncated"))
    env.reset(seed=7)
    assert env.step(1)[1:4] == (1.5, False, False) and env.step(0)[1:4] == (1.0, True, False)
    with pytest.raises(RuntimeError, match="after the episode had ended"):
        env.step(0)
    env.reset()
    assert env.step(0)[2:4] == (False, True) and env.reset_seeds == [7, None]

    net = torch.nn.Linear(2, 2)
    rec = StepRecorder(ScriptedEnv(lengths=(3,)), watch=net)
    rec.reset(seed=0)
    for k in range(3):
        if k == 1:
            with torch.no_grad():
                net.weight.add_(1.0)
        rec.step(k % 2)
    assert rec.actions == [0, 1, 0] and rec.terminated == [0.0, 0.0, 1.0] and (rec.ends, rec.last_end) == (1, 3)
    assert rec.changed_at() == [0] and rec.lengths == [3], "other attributes come from the wrapped environment"
    cartpole = StepRecorder(gym.make("CartPole-v1"))
    assert cartpole.action_space.n == 2 and cartpole.reset(seed=0)[0].shape == (4,)


@pytest.mark.fast
def test_rl_spy_agent_and_grad_spy_record_what_they_are_asked() -> None:
    from helpers.testing import GradSpy, SpyAgent, greedy_returns, linear_net

    agent = SpyAgent(buffer_len=3, actions=(1, 0))
    assert [agent.select_action(None, e) for e in (1.0, 0.5, 0.0)] == [1, 0, 1]
    assert agent.update(8) == 0.25 and agent.update_target() is None
    assert agent.epsilons() == [1.0, 0.5, 0.0] and (agent.count("update"), agent.count("target")) == (1, 1)
    assert len(agent.buffer) == 3 and agent.calls[0] == ("select", 1.0, True)

    spy = GradSpy(torch.nn.Linear(2, 2))
    spy(torch.ones(1, 2))
    with torch.no_grad():
        spy(torch.ones(1, 2))
    assert spy.recording == [True, False]

    always_left = linear_net([[0.0, 0.0, 0.0, 0.0], [0.0, 0.0, 0.0, 0.0]], [1.0, 0.0])
    scores = greedy_returns(always_left, "CartPole-v1", 3, seed=10)
    assert scores.shape == (3,) and (scores < 20).all()        # pushing one way drops the pole within a few steps
    assert np.array_equal(scores, greedy_returns(always_left, "CartPole-v1", 3, seed=10))
