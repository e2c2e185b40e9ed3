"""Stand-ins for the reinforcement-learning notebooks' checks (03 replay and targets, 04 DQN).

Each one has behaviour fixed in advance, so that a check can say what the student's code should
have done with it: environments that play a script, buffers and agents that record what they are
asked, a batch and two linear "Q-networks" whose numbers can be worked out on paper. None of them
computes what an exercise asks for (no TD target, loss, update or sampling rule of the course): they
record or replay, and the one thing they evaluate, `greedy_returns`, is the notebook's own given
side-by-side evaluation.

gymnasium is imported only by `greedy_returns`, so importing this module stays cheap.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

import numpy as np
import torch
from torch import nn

__all__ = [
    "ONLINE_W",
    "TARGET_W",
    "FixedBatchBuffer",
    "FixedPrioritizedBuffer",
    "GradSpy",
    "PlaybackEnv",
    "ScriptedEnv",
    "SpyAgent",
    "SpyBuffer",
    "StepRecorder",
    "constant_net",
    "drawn_ids",
    "filled_buffer",
    "fixed_batch",
    "greedy_returns",
    "linear_net",
    "net_pair",
    "numbered_transition",
]

Batch = tuple[torch.Tensor, torch.Tensor, torch.Tensor, torch.Tensor, torch.Tensor]

# The two linear Q-networks of the fixed batch: online Q(s) = s, and a target that differs from it.
ONLINE_W: list[list[float]] = [[1.0, 0.0], [0.0, 1.0]]
TARGET_W: list[list[float]] = [[0.5, 0.5], [1.0, -1.0]]


# --- tiny networks -------------------------------------------------------------------------------

def linear_net(weight: Sequence[Sequence[float]], bias: Sequence[float] | None = None) -> nn.Linear:
    """A one-layer "Q-network" with hand-picked weights (one row per action), so that its Q-values
    can be worked out on paper; without `bias` the layer has none."""
    layer = nn.Linear(len(weight[0]), len(weight), bias=bias is not None)
    with torch.no_grad():
        layer.weight.copy_(torch.tensor(weight, dtype=torch.float32))
        if bias is not None:
            layer.bias.copy_(torch.tensor(bias, dtype=torch.float32))
    return layer


def constant_net(value: float, in_features: int = 3, out_features: int = 2) -> nn.Linear:
    """A linear layer whose every weight and bias is `value`."""
    net = nn.Linear(in_features, out_features)
    with torch.no_grad():
        for p in net.parameters():
            p.fill_(value)
    return net


def net_pair(make: Callable[[], nn.Module], seed: int, greedy_action: int | None = None) -> tuple[nn.Module, nn.Module]:
    """Two networks from `make()` after `torch.manual_seed(seed)`: (online, target), with different
    weights. With `greedy_action`, the bias of the online network's last linear layer is set so that
    this action has by far the largest Q-value in every state it will meet."""
    torch.manual_seed(seed)
    online, target = make(), make()
    if greedy_action is not None:
        last = [m for m in online.modules() if isinstance(m, nn.Linear)][-1]
        with torch.no_grad():
            last.bias.fill_(-50.0)
            last.bias[greedy_action] = 50.0
    return online, target


class GradSpy(nn.Module):
    """Wraps a network and records, at every forward pass, whether autograd was recording."""

    def __init__(self, inner: nn.Module) -> None:
        super().__init__()
        self.inner = inner
        self.recording: list[bool] = []

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        self.recording.append(torch.is_grad_enabled())
        return self.inner(x)


# --- fixed data ----------------------------------------------------------------------------------

def fixed_batch() -> Batch:
    """A fresh copy of the course's batch of 4 transitions (state_dim 2, 2 actions):
    (states, actions, rewards, next_states, dones); the 3rd transition ended its episode."""
    return (torch.tensor([[1.0, 2.0], [3.0, 0.0], [0.0, 1.0], [2.0, 2.0]]),
            torch.tensor([0, 1, 1, 0]),
            torch.tensor([1.0, 0.0, -1.0, 0.5]),
            torch.tensor([[2.0, 0.0], [0.0, 4.0], [1.0, 1.0], [3.0, 1.0]]),
            torch.tensor([0.0, 0.0, 1.0, 0.0]))


def numbered_transition(i: int, dim: int = 2) -> tuple[np.ndarray, int, float, np.ndarray, float]:
    """Transition number i, each field saying which one it is: state = [i + 1] * dim (float64, so a
    buffer must convert it), action i % 2, reward 10 i, next_state = state + 100, done when i % 3 == 0."""
    state = np.full(dim, i + 1.0)
    return state, i % 2, 10.0 * i, state + 100.0, float(i % 3 == 0)


def filled_buffer(make: Callable[..., Any], capacity: int, n: int, seed: int) -> Any:
    """`make(capacity, seed=seed)` after `n` pushes of one-number states 1, 2, ..., n."""
    buffer = make(capacity, seed=seed)
    for i in range(n):
        buffer.push(np.array([i + 1.0]), 0, 0.0, np.array([i + 1.0]), 0.0)
    return buffer


def drawn_ids(buffer: Any, batch_size: int, times: int) -> list[list[int]]:
    """`times` batches from `buffer.sample(batch_size)`, each as the sorted numbers of its states."""
    return [sorted(int(v) for v in buffer.sample(batch_size)[0][:, 0].tolist()) for _ in range(times)]


# --- buffers -------------------------------------------------------------------------------------

class FixedBatchBuffer:
    """A replay buffer that claims to hold `length` transitions and returns the first `batch_size`
    rows of the same batch at every `sample` (copies, so nothing the caller does reaches it).
    `sampled` counts the calls; with `refuse_early` it raises ValueError, as a real buffer does,
    when asked for more than `length` transitions."""

    def __init__(self, batch: Sequence[torch.Tensor], length: int, refuse_early: bool = False) -> None:
        self.batch, self.length, self.refuse_early = tuple(batch), length, refuse_early
        self.sampled = 0

    def __len__(self) -> int:
        return self.length

    def sample(self, batch_size: int) -> tuple[torch.Tensor, ...]:
        if self.refuse_early and batch_size > self.length:
            raise ValueError(f"the buffer holds {self.length} transitions, fewer than a batch of {batch_size}")
        self.sampled += 1
        return tuple(t[:batch_size].clone() for t in self.batch)


class SpyBuffer:
    """A buffer that records every push, as it was given (`pushed`) or as plain Python (`rows()`).
    Its length is `start_len` (transitions it pretends to hold) plus the pushes. With a `seed` it can
    also `sample` distinct pushed transitions, drawn by its own generator, and refuses (ValueError)
    to sample more than were pushed."""

    def __init__(self, start_len: int = 0, seed: int | None = None) -> None:
        self.start_len = start_len
        self.pushed: list[tuple[np.ndarray, Any, Any, np.ndarray, Any]] = []
        self.rng = np.random.default_rng(seed)

    def push(self, state: Any, action: Any, reward: Any, next_state: Any, done: Any) -> None:
        self.pushed.append((np.array(state), action, reward, np.array(next_state), done))

    def __len__(self) -> int:
        return self.start_len + len(self.pushed)

    def rows(self) -> list[tuple[list[float], int, float, list[float], float]]:
        """The pushes as (state list, int action, float reward, next_state list, float done)."""
        return [(np.asarray(s, dtype=np.float64).tolist(), int(a), float(r), np.asarray(s2, dtype=np.float64).tolist(), float(d))
                for s, a, r, s2, d in self.pushed]

    def sample(self, batch_size: int) -> Batch:
        if batch_size > len(self.pushed):
            raise ValueError(f"{len(self.pushed)} transitions pushed, fewer than a batch of {batch_size}")
        rows = [self.pushed[i] for i in self.rng.choice(len(self.pushed), batch_size, replace=False)]
        s, a, r, s2, d = zip(*rows, strict=True)
        return (torch.tensor(np.array(s), dtype=torch.float32), torch.tensor([int(x) for x in a]),
                torch.tensor([float(x) for x in r]), torch.tensor(np.array(s2), dtype=torch.float32),
                torch.tensor([float(x) for x in d]))


# --- environments --------------------------------------------------------------------------------

class PlaybackEnv:
    """Plays back `script`, a list of (observation, reward, terminated, truncated), one entry per
    `step`, whatever the action; `reset` returns `reset_obs`. Records the actions and counts resets."""

    def __init__(self, script: Iterable[tuple[Sequence[float], float, bool, bool]], reset_obs: Sequence[float]) -> None:
        self.script, self.reset_obs = list(script), reset_obs
        self.actions: list[Any] = []
        self.resets = 0

    def step(self, action: Any) -> tuple[np.ndarray, float, bool, bool, dict]:
        self.actions.append(action)
        obs, reward, terminated, truncated = self.script.pop(0)
        return np.array(obs, dtype=np.float32), reward, terminated, truncated, {}

    def reset(self, seed: int | None = None) -> tuple[np.ndarray, dict]:
        self.resets += 1
        return np.array(self.reset_obs, dtype=np.float32), {}


class ScriptedEnv:
    """Episode k lasts lengths[k % len(lengths)] steps and ends by "terminated" or "truncated"
    (ends[k % len(ends)]); the observation is [episode, t] and the reward 1 + 0.5 * action. Records
    the reset seeds and the actions, and refuses a step after the episode has ended."""

    def __init__(self, lengths: Sequence[int] = (3,), ends: Sequence[str] = ("terminated",)) -> None:
        self.lengths, self.ends = list(lengths), list(ends)
        self.episode, self.t, self.over = -1, 0, True
        self.reset_seeds: list[int | None] = []
        self.actions: list[Any] = []

    def _obs(self) -> np.ndarray:
        return np.array([self.episode, self.t], dtype=np.float32)

    def reset(self, seed: int | None = None) -> tuple[np.ndarray, dict]:
        self.episode, self.t, self.over = self.episode + 1, 0, False
        self.reset_seeds.append(seed)
        return self._obs(), {}

    def step(self, action: Any) -> tuple[np.ndarray, float, bool, bool, dict]:
        if self.over:
            raise RuntimeError("env.step() was called after the episode had ended: a loop must stop "
                               "(and reset) as soon as `terminated or truncated` is true.")
        self.actions.append(action)
        self.t += 1
        k = self.episode % len(self.lengths)
        end = self.t >= self.lengths[k]
        ending = self.ends[self.episode % len(self.ends)]
        self.over = end
        return self._obs(), 1.0 + 0.5 * int(action), end and ending == "terminated", end and ending == "truncated", {}


class StepRecorder:
    """Wraps an environment (anything else is passed through to it) and records every action sent
    to `step`, how each step ended, and, when given a network to `watch`, its weights as each step
    begins, from which `changed_at()` tells the steps during which that network changed."""

    def __init__(self, env: Any, watch: nn.Module | None = None) -> None:
        self.env, self.watch = env, watch
        self.actions: list[int] = []
        self.terminated: list[float] = []
        self.overs: list[float] = []
        self.ends = 0          # finished episodes
        self.last_end = 0      # steps played up to the end of the last finished episode
        self.snapshots: list[list[torch.Tensor]] = []

    def __getattr__(self, name: str) -> Any:
        return getattr(self.env, name)

    def reset(self, **kwargs: Any) -> Any:
        return self.env.reset(**kwargs)

    def step(self, action: Any) -> Any:
        if self.watch is not None:
            self.snapshots.append([p.detach().clone() for p in self.watch.parameters()])
        obs, reward, terminated, truncated, info = self.env.step(action)
        self.actions.append(int(action))
        self.terminated.append(float(terminated))
        self.overs.append(float(terminated or truncated))
        if terminated or truncated:
            self.ends += 1
            self.last_end = len(self.actions)
        return obs, reward, terminated, truncated, info

    def changed_at(self) -> list[int]:
        """The steps (0, 1, ...) during which the watched network changed, the last one included."""
        if self.watch is None:
            raise ValueError("StepRecorder(env, watch=net) is needed to see when a network changed")
        snaps = self.snapshots + [[p.detach().clone() for p in self.watch.parameters()]]
        return [k - 1 for k in range(1, len(snaps))
                if not all(torch.equal(a, b) for a, b in zip(snaps[k - 1], snaps[k], strict=True))]


# --- agents --------------------------------------------------------------------------------------

class SpyAgent:
    """Looks like a DQNAgent to a loop and records what the loop asks of it (`calls`): it plays the
    actions in `actions` in turn, `update` returns 0.25, and last_q_mean (0.5) and last_grad_norm
    (1.5) are fixed. Its `buffer` is a SpyBuffer that pretends to hold `buffer_len` transitions."""

    def __init__(self, buffer_len: int = 0, actions: Sequence[int] = (1,)) -> None:
        self.buffer = SpyBuffer(buffer_len)
        self.q_net = nn.Linear(2, 2)
        self.actions = list(actions)
        self.calls: list[tuple] = []
        self.last_q_mean, self.last_grad_norm = 0.5, 1.5

    def select_action(self, state: Any, epsilon: float) -> int:
        self.calls.append(("select", float(epsilon), self.q_net.training))
        return self.actions[(self.count("select") - 1) % len(self.actions)]

    def update(self, batch_size: int) -> float:
        self.calls.append(("update", batch_size))
        return 0.25

    def update_target(self) -> None:
        self.calls.append(("target",))

    def count(self, kind: str) -> int:
        """How many calls of one kind ("select", "update" or "target") were made."""
        return sum(1 for c in self.calls if c[0] == kind)

    def epsilons(self) -> list[float]:
        """The epsilon of every select_action call, in order."""
        return [c[1] for c in self.calls if c[0] == "select"]


# --- evaluation ----------------------------------------------------------------------------------

def greedy_returns(q_net: nn.Module, env_id: str, n_episodes: int, seed: int = 10_000) -> np.ndarray:
    """The checks' own greedy evaluation of `q_net` (argmax, no exploration, no learning), episode i
    reset with seed + i, all episodes played side by side (notebook 04 evaluates with it while training)."""
    import gymnasium as gym

    envs = [gym.make(env_id) for _ in range(n_episodes)]
    states = np.stack([e.reset(seed=seed + i)[0] for i, e in enumerate(envs)]).astype(np.float32)
    returns, running = np.zeros(n_episodes), np.ones(n_episodes, dtype=bool)
    with torch.no_grad():
        while running.any():
            idx = np.flatnonzero(running)
            actions = q_net(torch.from_numpy(states[idx])).argmax(dim=1).tolist()
            for i, action in zip(idx, actions, strict=True):
                states[i], reward, terminated, truncated, _ = envs[i].step(action)
                returns[i] += reward
                running[i] = not (terminated or truncated)
    for e in envs:
        e.close()
    return returns


# --- notebook 04: stand-ins for the agent with Double DQN and prioritized replay ---------------

class FixedPrioritizedBuffer(FixedBatchBuffer):
    """A prioritized buffer's stand-in. Like FixedBatchBuffer it claims `length` transitions and
    always returns the same batch, but as a prioritized buffer does: `sample(batch_size, beta)`
    returns (batch, indices, weights), with the fixed `indices` (default 0, 1, 2, ...) and `weights`
    it was given. It records every beta it was asked for (`betas`, None when none was passed) and
    every `update_priorities(indices, td_errors)` call as plain lists (`priority_updates`), with
    whether those TD errors still carried a gradient (`with_grad`). It computes nothing."""

    def __init__(self, batch: Sequence[torch.Tensor], length: int, weights: Sequence[float],
                 indices: Sequence[int] | None = None) -> None:
        super().__init__(batch, length)
        self.weights = torch.tensor(list(weights), dtype=torch.float32)
        self.indices = np.arange(len(self.weights)) if indices is None else np.asarray(indices)
        self.betas: list[float | None] = []
        self.priority_updates: list[tuple[list[int], list[float]]] = []
        self.with_grad: list[bool] = []

    def sample(self, batch_size: int, beta: float | None = None) -> tuple:  # type: ignore[override]
        self.betas.append(None if beta is None else float(beta))
        batch = super().sample(batch_size)
        return batch, self.indices[:batch_size].copy(), self.weights[:batch_size].clone()

    def update_priorities(self, indices: Any, td_errors: Any) -> None:
        grad = isinstance(td_errors, torch.Tensor) and td_errors.requires_grad
        self.with_grad.append(grad)
        if isinstance(td_errors, torch.Tensor):
            td_errors = td_errors.detach()
        self.priority_updates.append((np.asarray(indices).astype(int).tolist(),
                                      np.asarray(td_errors, dtype=np.float64).reshape(-1).tolist()))
