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
from helpers import testing as T
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
        new_code_cell("class Net:\n    def __init__(self):\n        raise NotImplementedError()\nNet()"),
        new_code_cell("def g():\n    return nmupy.zeros(2)\ng()"),
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
    assert "`Net.__init__` is not written yet" in shown[3]           # the class is named, not just __init__
    assert "Undefined name" in shown[4] and "Not done yet" not in shown[4]   # a typo inside a function
    assert "`nmupy` is used in `g` (line 2 of its cell)" in shown[4] and "check its spelling" in shown[4]


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


# --- helpers.testing.supervised: the stand-ins of notebooks 01 and 02 -------------------------------


@pytest.mark.fast
def test_fixtures_are_fresh_at_every_call() -> None:
    a = T.tiny_network()
    a["W1"] -= 1.0
    assert T.tiny_network()["W1"][0, 0] == 1.0
    layer = T.known_linear()
    assert layer.weight.tolist() == [[0.5, -1.0]] and layer.bias.item() == pytest.approx(0.2)
    assert T.zero_linear()(torch.ones(1, 2)).detach().item() == 0.0
    X, y = T.six_points()
    assert X.shape == (6, 2) and y.shape == (6, 1)
    m1, x1, _ = T.fresh_linear(3)
    m2, x2, _ = T.fresh_linear(3)
    assert torch.equal(m1.weight, m2.weight) and torch.equal(x1, x2)


@pytest.mark.fast
def test_mode_spy_records_mode_and_autograd_and_passes_the_output_through() -> None:
    inner = torch.nn.Linear(2, 1)
    spy = T.ModeSpy(inner)
    x = torch.ones(3, 2)
    spy.eval()
    with torch.no_grad():
        out = spy(x)
    spy.train()
    spy(x)
    assert torch.equal(out, inner(x).detach())
    assert spy.calls == [(False, False), (True, True)]
    assert spy.ran_in_train_mode == [False, True] and spy.ran_with_autograd == [False, True]
    assert inner.training                            # train() and eval() reach the wrapped model
    assert list(spy.parameters()) == list(inner.parameters())


@pytest.mark.fast
def test_recording_sgd_keeps_what_step_was_handed_and_still_steps() -> None:
    layer = T.zero_linear()
    opt = T.RecordingSGD(layer.parameters(), lr=0.5)
    opt.step()                                       # no gradient yet: recorded as zeros
    layer.weight.grad = torch.tensor([[1.0, 2.0]])
    layer.bias.grad = torch.tensor([3.0])
    opt.step()
    layer.weight.grad += 100.0                       # the record is a copy
    assert opt.flat(0).tolist() == [0.0, 0.0, 0.0]
    assert opt.flat(1).tolist() == [1.0, 2.0, 3.0]
    assert layer.weight.tolist() == [[-0.5, -1.0]]   # SGD's own update happened


@pytest.mark.fast
def test_counting_optimizer_delegates_counts_and_scales_the_lr_per_epoch() -> None:
    class Plain:
        def __init__(self) -> None:
            self.lr, self.calls, self.ended = 0.5, 0, 0

        def step(self, params, grads):
            self.calls += 1
            params["w"] += 1.0                       # whatever the wrapped optimizer does, it does

        def end_epoch(self):
            self.ended += 1

    inner = Plain()
    opt = T.CountingOptimizer(inner, lr_factor=0.5)
    params = {"w": np.zeros(2)}
    opt.step(params, {"w": np.ones(2)})
    opt.step(params, {"w": np.ones(2)})
    opt.end_epoch()
    assert (opt.steps, opt.epochs, inner.calls, inner.ended) == (2, 1, 2, 1)
    assert [a["w"].tolist() for a in opt.after] == [[1.0, 1.0], [2.0, 2.0]]
    params["w"] += 5.0
    assert opt.after[-1]["w"].tolist() == [2.0, 2.0]  # snapshots, not views
    assert opt.lr == 0.25 and inner.lr == 0.25


@pytest.mark.fast
def test_batch_watch_records_rows_and_labels_and_puts_the_functions_back() -> None:
    X = np.arange(12.0).reshape(6, 2)
    y = np.arange(6.0).reshape(6, 1)
    ns: dict = {"forward": lambda Xb, params: ("p", Xb), "bce_loss": lambda p, yb: 0.0,
                "backward": lambda cache, yb, params: {}}
    originals = dict(ns)

    def loop() -> None:
        for idx in ([4, 1], [0, 5, 2]):
            _, cache = ns["forward"](X[idx], None)
            ns["bce_loss"](None, y[idx])
            ns["backward"](cache, y[idx], None)
        ns["forward"](X, None)                       # the whole set: not a batch

    with T.BatchWatch(ns, X) as watch:
        loop()
    assert watch.rows == [[4, 1], [0, 5, 2]]
    assert watch.epochs(2) == [[4, 1, 0, 5, 2]]
    assert [a.tolist() for a in watch.loss_labels] == [[4.0, 1.0], [0.0, 5.0, 2.0]]
    assert [a.tolist() for a in watch.grad_labels] == [[4.0, 1.0], [0.0, 5.0, 2.0]]
    assert ns == originals
    with pytest.raises(ZeroDivisionError), T.BatchWatch(ns, X):
        raise ZeroDivisionError
    assert ns == originals                           # put back after an error too


@pytest.mark.fast
def test_linear_policy_gives_the_softmax_of_its_logits() -> None:
    policy = T.LinearPolicy([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
    x = torch.tensor([[1.0, 2.0]])
    assert policy.logits(x).tolist() == [[1.0, 2.0, 3.0]]
    assert torch.allclose(policy(x), torch.softmax(torch.tensor([[1.0, 2.0, 3.0]]), dim=-1))


@pytest.mark.fast
def test_scripted_epochs_train_and_step_the_scheduler_repeatably() -> None:
    def run() -> tuple[torch.Tensor, int]:
        torch.manual_seed(0)
        model = torch.nn.Sequential(torch.nn.Linear(2, 4), torch.nn.Dropout(0.3), torch.nn.Linear(4, 1))
        opt = torch.optim.Adam(model.parameters(), lr=0.1)
        sched = torch.optim.lr_scheduler.StepLR(opt, step_size=1, gamma=0.5)
        X = torch.randn(8, 2)
        loader = torch.utils.data.DataLoader(torch.utils.data.TensorDataset(X, (X[:, :1] > 0).float()),
                                             batch_size=4, shuffle=True)
        before = T.flat_params(model)
        T.scripted_epochs(model, opt, sched, loader, 2)
        assert not torch.equal(before, T.flat_params(model))
        return T.flat_params(model), sched.last_epoch

    (w1, e1), (w2, e2) = run(), run()
    assert e1 == e2 == 2 and torch.equal(w1, w2)


@pytest.mark.fast
def test_nudge_fill_grads_flat_params_and_shares_tensors() -> None:
    import copy as _copy
    layer = torch.nn.Linear(3, 2)
    T.fill_grads(layer, 1.0)
    assert all(torch.equal(p.grad, torch.ones_like(p)) for p in layer.parameters())
    snap = T.flat_params(layer)
    T.nudge(layer, seed=1)
    assert not torch.equal(snap, T.flat_params(layer))                       # the weights moved
    assert all(torch.equal(p.grad, torch.ones_like(p)) for p in layer.parameters())  # the grads are put back
    assert snap.shape == (8,)
    assert T.shares_tensors(layer, layer)
    assert T.shares_tensors(layer, _copy.copy(layer))
    assert not T.shares_tensors(layer, _copy.deepcopy(layer))


@pytest.mark.fast
def test_broken_copies_are_named_and_leave_the_network_alone() -> None:
    torch.manual_seed(0)
    square = torch.nn.Sequential(torch.nn.Linear(3, 3), torch.nn.ReLU(), torch.nn.Linear(3, 3), torch.nn.ReLU(),
                                 torch.nn.Linear(3, 3))
    before = T.flat_params(square)
    x = torch.randn(4, 3)
    copies = dict(T.broken_copies(square))
    assert list(copies) == ["transpose", "bias", "bias 1", "bias 2", "bias 3", "output relu", "hidden relus"]
    assert torch.equal(before, T.flat_params(square))
    with torch.no_grad():
        assert torch.equal(copies["output relu"](x), torch.relu(square(x)))
        assert torch.equal(copies["transpose"][0].weight, square[0].weight.T)
        assert torch.equal(copies["bias 2"][2].bias, torch.zeros(3)) and torch.equal(copies["bias 2"][0].bias, square[0].bias)
        assert len(copies["hidden relus"]) == 3
    wide = torch.nn.Sequential(torch.nn.Linear(2, 5), torch.nn.ReLU(), torch.nn.Linear(5, 5), torch.nn.ReLU(),
                               torch.nn.Linear(5, 1))
    assert "transpose" not in dict(T.broken_copies(wide))   # a transposed weight would not fit
