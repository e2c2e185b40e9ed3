"""The benchmark scripts keep running, and what they rely on holds:
- the ring buffer's fast sampler is uniform without replacement;
- evaluating episodes side by side gives the same returns as one after the other;
- the reference trains CartPole with notebook 04's settings;
- the learning-check benchmark measures what notebook 04 grades;
- the run-time breakdown adds up;
- importing nbformat does not compile the grammars that the jsonschema pin keeps out.
Nothing here times anything: the numbers live in benchmarks/README.md."""
from __future__ import annotations

import ast
import dataclasses
import re
import subprocess
import sys
from collections import Counter
from datetime import datetime
from pathlib import Path

import gymnasium as gym
import nbformat
import numpy as np
import pytest
import torch

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

import dqn_reference  # noqa: E402
import dqn_step_cost  # noqa: E402
import grading_learning_check  # noqa: E402
import notebook_runtime  # noqa: E402
import replay_sampling  # noqa: E402


def ring(capacity: int, n: int, seed: int = 0, kind=replay_sampling.RingReplayBuffer) -> replay_sampling.RingReplayBuffer:
    """A ring buffer holding transitions 0..n-1 (state[0] = the transition's number)."""
    buffer = kind(capacity, seed=seed)
    for i in range(n):
        buffer.push(np.array([i], dtype=np.float32), i % 2, 1.0, np.array([i], dtype=np.float32), 0.0)
    return buffer


def test_distinct_sampler_never_repeats_a_slot_even_where_repeats_are_likely() -> None:
    full = ring(8, 8, kind=replay_sampling.DistinctRingReplayBuffer)  # the fast path repeats almost always
    for _ in range(50):
        assert sorted(full.sample(8)[0][:, 0].int().tolist()) == list(range(8))
    wide = ring(1_000, 1_000, kind=replay_sampling.DistinctRingReplayBuffer)  # about 1 batch in 8 repeats
    for _ in range(200):
        assert len(set(wide.sample(64)[0][:, 0].int().tolist())) == 64


@pytest.mark.parametrize("kind", [replay_sampling.RingReplayBuffer, replay_sampling.DistinctRingReplayBuffer])
def test_ring_samplers_are_uniform_over_the_filled_slots(kind) -> None:
    buffer = ring(100, 50, seed=1, kind=kind)  # 50 of 100 slots filled: only those may be drawn
    counts = Counter(v for _ in range(5_000) for v in buffer.sample(2)[0][:, 0].int().tolist())
    assert set(counts) == set(range(50))
    expected = 5_000 * 2 / 50
    chi2 = sum((c - expected) ** 2 / expected for c in counts.values())
    assert chi2 < 85.4, f"chi-square {chi2:.1f} over 49 degrees of freedom: not uniform"  # p = 0.001 if uniform


def test_ring_sampler_returns_the_dtypes_a_training_step_needs() -> None:
    states, actions, rewards, next_states, dones = ring(50, 20).sample(5)
    assert [str(t.dtype) for t in (states, actions, rewards, next_states, dones)] == [
        "torch.float32", "torch.int64", "torch.float32", "torch.float32", "torch.float32"]
    assert tuple(states.shape) == (5, 1) and tuple(actions.shape) == (5,)


@pytest.mark.filterwarnings("ignore:Creating a tensor from a list of numpy.ndarrays")  # the deque's slow path
def test_replay_sampling_script_runs(tmp_path: Path) -> None:
    out = tmp_path / "replay.json"
    assert replay_sampling.main(["--capacities", "500", "--repeats", "3", "--rounds", "1", "--json", str(out)]) == 0
    assert '"ratio"' in out.read_text() and '"distinct_us"' in out.read_text()


def test_side_by_side_evaluation_matches_one_by_one() -> None:
    torch.manual_seed(0)
    agents = {"untrained": dqn_reference.DQNAgent(4, 2, seed=0),   # falls over, at different steps
              "balancing": dqn_step_cost.balancing_agent()}          # lasts until the 500-step limit
    returns = {}
    for name, agent in agents.items():
        returns[name] = dqn_reference.evaluate(agent, gym.make("CartPole-v1"), n_episodes=6, seed=123)
        side_by_side = dqn_reference.evaluate_batched(agent, "CartPole-v1", n_episodes=6, seed=123)
        np.testing.assert_array_equal(returns[name], side_by_side, err_msg=name)
        assert agent.q_net.training, "evaluation must hand the network back in train mode"
    assert len(set(returns["untrained"])) > 1, "the episodes should end at different steps"
    assert (returns["balancing"] == 500).all(), "the episodes should be truncated by the time limit"


def test_step_cost_script_runs(capsys: pytest.CaptureFixture[str]) -> None:
    assert dqn_step_cost.main(["--repeats", "3", "--rounds", "1", "--episodes", "2"]) == 0
    assert "identical returns" in capsys.readouterr().out


def test_reference_training_step_learns_every_train_every_steps() -> None:
    agent = dqn_step_cost.filled(dqn_reference.DQNAgent(4, 2, seed=0), n=100)
    env = gym.make("CartPole-v1")
    state, _ = env.reset(seed=0)
    learned = []
    for step in range(1, 10):
        state, _, terminated, truncated, loss = dqn_reference.training_step(
            agent, env, state, 0.0, step, batch_size=8, warmup=10, target_every=100, train_every=3)
        if terminated or truncated:
            state, _ = env.reset(seed=step)
        learned.append(loss is not None)
    assert learned == [False, False, True] * 3


def test_reference_settings_are_notebook_04s() -> None:
    """The sweep measures the notebook's run only if both train CartPole with the same settings."""
    notebook = nbformat.read(Path(__file__).resolve().parents[1] / "source" / "04_dqn" / "04_dqn.ipynb", as_version=4)
    settings = None
    for cell in notebook.cells:
        for node in ast.walk(ast.parse(cell.source)) if cell.cell_type == "code" else ():
            if isinstance(node, ast.Assign) and [getattr(t, "id", None) for t in node.targets] == ["CARTPOLE"]:
                settings = {k.arg: ast.literal_eval(k.value) for k in node.value.keywords}
    assert settings, "notebook 04 no longer sets CARTPOLE = dict(...) the way this test reads it"
    reference = dataclasses.asdict(dqn_reference.CARTPOLE)
    assert settings == {name: reference[name] for name in settings}
    assert set(reference) - set(settings) == {"max_grad_norm", "max_steps"}  # the notebook's agent and budget hold these


def test_reference_attempts_are_notebook_04s() -> None:
    """The sweep's account of restarts (benchmarks/README.md) holds for the notebook's own budget."""
    source = (Path(__file__).resolve().parents[1] / "source" / "04_dqn" / "04_dqn.ipynb").read_text()
    steps = re.search(r"CARTPOLE_STEPS = helpers\.budget\(full=([\d_]+), grading=[\d_]+\)", source)
    attempts = re.search(r"ATTEMPTS = helpers\.budget\(full=(\d+), grading=1\)", source)
    assert steps and attempts, "notebook 04 no longer sets its attempts and their budget the way this test reads them"
    assert int(steps.group(1).replace("_", "")) == dqn_reference.ATTEMPT_STEPS
    assert int(attempts.group(1)) == dqn_reference.ATTEMPTS
    assert dqn_reference.ATTEMPT_STEPS <= dqn_reference.CARTPOLE.max_steps  # the sweep's runs contain a first attempt


def test_sweep_variant_look_from_zero_looks_after_any_episode() -> None:
    agent, history = dqn_reference.DQNAgent(4, 2, seed=0), {"returns": [12.0]}
    for look_from, looks in ((None, 0), (0.0, 1)):
        log: list = []
        dqn_reference.solve_check("CartPole-v1", 475.0, quick_episodes=2, log=log, look_from=look_from)(agent, history)
        assert [kind for _, kind, _ in log] == ["quick"] * looks


def test_grading_learning_check_measures_the_notebooks_check() -> None:
    """The benchmark's steps, episodes and bar are the ones notebook 04 grades with."""
    source = (Path(__file__).resolve().parents[1] / "source" / "04_dqn" / "04_dqn.ipynb").read_text()
    steps = re.search(r"CARTPOLE_STEPS = helpers\.budget\(full=[\d_]+, grading=([\d_]+)\)", source)
    check = re.search(r"n_eval, need = (\d+), ([\d.]+)", source)
    assert steps and check, "notebook 04 no longer sets its grading-mode run and bar the way this test reads them"
    assert int(steps.group(1).replace("_", "")) == grading_learning_check.GRADING_STEPS
    assert int(check.group(1)) == grading_learning_check.EPISODES
    assert float(check.group(2)) == grading_learning_check.NEED


def test_grading_learning_check_script_runs(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(grading_learning_check, "GRADING_STEPS", 600)
    grading_learning_check.main(["--seeds", "1"])
    assert "of 1 trained seeds below it" in capsys.readouterr().out


def test_notebook_runtime_breakdown_adds_up_the_recorded_cell_times() -> None:
    def cell(source: str, busy: str, idle: str, cell_id: str) -> nbformat.NotebookNode:
        c = nbformat.v4.new_code_cell(source, id=cell_id)
        c.metadata["execution"] = {"iopub.status.busy": f"2026-11-22T10:00:{busy}Z",
                                   "iopub.status.idle": f"2026-11-22T10:00:{idle}Z"}
        return c

    nb = nbformat.v4.new_notebook(cells=[cell("import torch", "01.000", "04.000", "setup"),
                                         cell("slow()", "04.100", "06.600", "a"),
                                         cell("fast()", "06.600", "06.850", "b"),
                                         nbformat.v4.new_markdown_cell("text", id="m"),
                                         cell("faster()", "06.900", "07.000", "c")])
    start = datetime.fromisoformat("2026-11-22T10:00:00+00:00").timestamp()
    lines = notebook_runtime._breakdown(nb, (start, start + 7.5), slowest=1)
    assert lines == ["  before the first cell (folder copy, kernel start): 1.00 s", "  setup cell (imports): 3.00 s",
                     "  cell #1: 2.50 s  slow()", "  the other 2 cells, and the time between cells: 0.50 s",
                     "  after the last cell (kernel exit): 0.50 s"]


def test_importing_nbformat_does_not_compile_the_iri_grammars() -> None:
    """requirements.txt pins jsonschema 4.24.1 so that importing nbformat stays light (3.0 s -> 0.3 s,
    benchmarks/README.md): a newer jsonschema imports rfc3987-syntax, which builds Lark grammars."""
    code = "import sys, nbformat; print(sorted(m for m in ('rfc3987_syntax', 'lark') if m in sys.modules))"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert loaded == "[]", (f"importing nbformat also imported {loaded}: jsonschema is no longer the pinned 4.24.1, "
                            "or something else pulls rfc3987-syntax in. See benchmarks/README.md, 'Starting nbgrader'.")
