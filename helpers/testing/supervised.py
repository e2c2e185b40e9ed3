"""Stand-ins for the test cells of notebook 01 (the training loop) and notebook 02 (`nn.Module`).

Three kinds of things live here:

- **fixtures**: small networks and batches with known numbers, built fresh at every call so that
  one test cannot change the data of the next;
- **spies**: wrappers that write down what the student's code did (which rows reached `forward`,
  which mode a model was in, which gradients an optimizer was handed) and otherwise change nothing;
- **scripted stand-ins**: objects that play a part the test needs (a policy with fixed weights, an
  optimizer step on made-up gradients, broken copies of a network) without computing what the
  student is asked to write.

None of them holds an answer: a spy delegates to the real thing, a stand-in replays a script.
"""
from __future__ import annotations

import copy
from collections.abc import Callable, Iterable, Iterator, MutableMapping
from types import TracebackType
from typing import Any

import numpy as np
import torch
from torch import nn

__all__ = [
    "tiny_network",
    "six_points",
    "known_linear",
    "zero_linear",
    "fresh_linear",
    "ModeSpy",
    "RecordingSGD",
    "CountingOptimizer",
    "BatchWatch",
    "LinearPolicy",
    "scripted_epochs",
    "nudge",
    "fill_grads",
    "flat_params",
    "shares_tensors",
    "broken_copies",
]


# --- fixtures ---------------------------------------------------------------------------------------

def tiny_network() -> dict[str, np.ndarray]:
    """A hand-made 2-2-1 network (2 inputs, 2 hidden units, 1 output) small enough to check on paper.

    A fresh dict of fresh arrays at every call: an exercise that updates weights in place cannot
    change the next test's fixture."""
    return {"W1": np.array([[1.0, -1.0], [0.5, 2.0]]), "b1": np.array([0.0, -1.0]),
            "W2": np.array([[1.0], [-2.0]]), "b2": np.array([0.5])}


def six_points() -> tuple[torch.Tensor, torch.Tensor]:
    """Six 2-D inputs and their 0/1 labels, as float32 tensors (X (6, 2), y (6, 1))."""
    X = torch.tensor([[1.0, 2.0], [0.0, 1.0], [-1.0, 0.5], [2.0, -1.0], [0.5, 0.5], [1.0, -2.0]])
    y = torch.tensor([[1.0], [0.0], [1.0], [0.0], [1.0], [0.0]])
    return X, y


def known_linear(weight: tuple[float, float] = (0.5, -1.0), bias: float = 0.2) -> nn.Linear:
    """An `nn.Linear(2, 1)` with the given weights, so that every gradient can be worked out by hand."""
    layer = nn.Linear(2, 1)
    with torch.no_grad():
        layer.weight.copy_(torch.tensor([list(weight)]))
        layer.bias.fill_(bias)
    return layer


def zero_linear(n_in: int = 2) -> nn.Linear:
    """An `nn.Linear(n_in, 1)` whose weights and bias are all zero: it predicts 0 for every input."""
    layer = nn.Linear(n_in, 1)
    with torch.no_grad():
        layer.weight.zero_()
        layer.bias.zero_()
    return layer


def fresh_linear(seed: int) -> tuple[nn.Linear, torch.Tensor, torch.Tensor]:
    """`nn.Linear(3, 2)`, 8 inputs (8, 3) and 8 targets (8, 2), all drawn from `torch.manual_seed(seed)`."""
    torch.manual_seed(seed)
    return nn.Linear(3, 2), torch.randn(8, 3), torch.randn(8, 2)


# --- spies ------------------------------------------------------------------------------------------

class ModeSpy(nn.Module):
    """Wraps a model; at every forward call writes down ``(model.training, autograd on)`` in `calls`
    and a copy of the input in `inputs` (to tell training batches from validation data).

    The wrapped model is a submodule, so `spy.train()`, `spy.eval()` and `spy.parameters()` reach it,
    and the output is the wrapped model's own."""

    def __init__(self, inner: nn.Module) -> None:
        super().__init__()
        self.inner = inner
        self.calls: list[tuple[bool, bool]] = []
        self.inputs: list[torch.Tensor] = []

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        self.calls.append((self.training, torch.is_grad_enabled()))
        self.inputs.append(x.detach().clone())
        return self.inner(x)

    @property
    def ran_in_train_mode(self) -> list[bool]:
        """For every forward call: was the model in training mode?"""
        return [training for training, _ in self.calls]

    @property
    def ran_with_autograd(self) -> list[bool]:
        """For every forward call: was autograd recording?"""
        return [grad_on for _, grad_on in self.calls]


class RecordingSGD(torch.optim.SGD):
    """`torch.optim.SGD` that keeps a copy of the gradients it is handed at every `step()`.

    `seen[i]` lists the gradient of every parameter at the i-th step, in the order of
    `param_groups` (a parameter without a gradient counts as zeros). The update itself is SGD's."""

    def __init__(self, params: Iterable[torch.Tensor], lr: float) -> None:
        super().__init__(params, lr=lr)
        self.seen: list[list[torch.Tensor]] = []

    def step(self, closure: Callable[[], Any] | None = None) -> Any:  # type: ignore[override]
        self.seen.append([torch.zeros_like(p) if p.grad is None else p.grad.detach().clone()
                          for group in self.param_groups for p in group["params"]])
        return super().step(closure)

    def flat(self, i: int) -> torch.Tensor:
        """The gradients handed to the i-th `step()`, all parameters in one vector."""
        return torch.cat([g.flatten() for g in self.seen[i]])


# torch wraps an optimizer class's `step` (its step hooks) when the first instance is made: made
# here, at import, the class is the same before and after every test that uses it (the grader
# compares the methods of helpers' classes around each test, and refuses replacements).
RecordingSGD([torch.zeros(1, requires_grad=True)], lr=0.0)


class CountingOptimizer:
    """Wraps an optimizer of notebook 01's NumPy loop (``lr``, ``step(params, grads)``, ``end_epoch()``).

    `step` is the wrapped optimizer's own; the wrapper counts the calls (`steps`, `epochs`), keeps a
    copy of the weights after every step (`after`), and multiplies the learning rate by `lr_factor`
    at every `end_epoch()`, so that a logged learning rate shows whether it was read before or after
    the epoch ended."""

    def __init__(self, inner: Any, lr_factor: float = 0.5) -> None:
        self.inner = inner
        self.lr_factor = lr_factor
        self.steps = 0
        self.epochs = 0
        self.after: list[dict[str, np.ndarray]] = []

    @property
    def lr(self) -> float:
        return self.inner.lr

    @lr.setter
    def lr(self, value: float) -> None:
        self.inner.lr = value

    def step(self, params: dict[str, np.ndarray], grads: dict[str, np.ndarray]) -> Any:
        self.steps += 1
        out = self.inner.step(params, grads)
        self.after.append({k: np.array(v, copy=True) for k, v in params.items()})
        return out

    def end_epoch(self) -> None:
        self.epochs += 1
        self.inner.end_epoch()
        self.inner.lr *= self.lr_factor


class BatchWatch:
    """Watches, for the length of a ``with`` block, which rows reach a notebook's `forward` and which
    labels reach its `bce_loss` and `backward`.

    `namespace` is the notebook's globals (``globals()`` in a test cell); the three functions are
    replaced by wrappers that write down what they were given and call the originals, and put back
    when the block ends, even after an error. Rows are recognised by their values in `X` (so `X`
    should hold distinct rows); a call on the whole of `X` (an accuracy pass) is not a batch.

    - `rows`: for each batch that reached `forward`, the indices in `X` of its rows (-1: unknown row);
    - `loss_labels`, `grad_labels`: the labels (flattened) given to `bce_loss` / `backward`, per call.
    """

    def __init__(self, namespace: MutableMapping[str, Any], X: np.ndarray) -> None:
        self.namespace = namespace
        self.n = len(X)
        self._row_of = {tuple(row): i for i, row in enumerate(np.asarray(X))}
        self.rows: list[list[int]] = []
        self.loss_labels: list[np.ndarray] = []
        self.grad_labels: list[np.ndarray] = []
        self._saved: dict[str, Any] = {}

    def epochs(self, batches_per_epoch: int) -> list[list[int]]:
        """The rows of each epoch, in the order they reached `forward`."""
        return [sum(self.rows[e:e + batches_per_epoch], [])
                for e in range(0, len(self.rows), batches_per_epoch)]

    def __enter__(self) -> BatchWatch:
        ns = self.namespace
        self._saved = {name: ns[name] for name in ("forward", "bce_loss", "backward")}
        real_forward, real_loss, real_backward = (self._saved[k] for k in ("forward", "bce_loss", "backward"))

        def forward(Xb: Any, params: Any, *args: Any, **kwargs: Any) -> Any:
            if len(Xb) != self.n:
                self.rows.append([self._row_of.get(tuple(r), -1) for r in np.asarray(Xb)])
            return real_forward(Xb, params, *args, **kwargs)

        def bce_loss(p: Any, yb: Any, *args: Any, **kwargs: Any) -> Any:
            if len(yb) != self.n:
                self.loss_labels.append(np.asarray(yb).ravel().copy())
            return real_loss(p, yb, *args, **kwargs)

        def backward(cache: Any, yb: Any, *args: Any, **kwargs: Any) -> Any:
            self.grad_labels.append(np.asarray(yb).ravel().copy())
            return real_backward(cache, yb, *args, **kwargs)

        ns.update(forward=forward, bce_loss=bce_loss, backward=backward)
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.namespace.update(self._saved)


# --- scripted stand-ins -----------------------------------------------------------------------------

class LinearPolicy(nn.Module):
    """A policy with no hidden layer and fixed weights: ``logits(x) = x @ weight.T``, ``forward(x)``
    the softmax of the logits. It offers what `PolicyNetwork` offers (`logits`, `forward`,
    `parameters`) with numbers small enough to work out by hand."""

    def __init__(self, weight: list[list[float]]) -> None:
        super().__init__()
        self.weight = nn.Parameter(torch.tensor(weight, dtype=torch.float32))

    def logits(self, x: torch.Tensor) -> torch.Tensor:
        return x @ self.weight.T

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return torch.softmax(self.logits(x), dim=-1)


def scripted_epochs(model: nn.Module, optimizer: torch.optim.Optimizer, scheduler: Any,
                    loader: Iterable[tuple[torch.Tensor, torch.Tensor]], n_epochs: int) -> None:
    """Train `model` for `n_epochs` on a logits loss, stepping `scheduler` after each epoch.

    The checkpoint test drives its runs with this rather than with the student's `train_one_epoch`,
    so that a mistake there does not cost points here. It uses the optimizer's closure form and
    logs nothing."""
    for _ in range(n_epochs):
        model.train()
        for inputs, targets in loader:
            def closure(inputs: torch.Tensor = inputs, targets: torch.Tensor = targets) -> torch.Tensor:
                optimizer.zero_grad()
                loss = nn.functional.binary_cross_entropy_with_logits(model(inputs), targets)
                loss.backward()
                return loss
            optimizer.step(closure)
        scheduler.step()


def nudge(model: nn.Module, seed: int = 0, lr: float = 0.5) -> None:
    """One `torch.optim.SGD` step on `model` with made-up gradients (drawn from `seed`): its weights
    move, in place, as they would in training, without a loss or a backward pass. Any `.grad` the
    model held is put back afterwards."""
    g = torch.Generator().manual_seed(seed)
    params = list(model.parameters())
    held = [p.grad for p in params]
    for p in params:
        p.grad = torch.randn(p.shape, generator=g)
    torch.optim.SGD(params, lr=lr).step()
    for p, grad in zip(params, held, strict=True):
        p.grad = grad


def fill_grads(model: nn.Module, value: float) -> None:
    """Set the `.grad` of every parameter to a tensor full of `value` (0.0: an empty gradient that
    can be read; 1.0: stale gradients, as an earlier step would leave them)."""
    for p in model.parameters():
        p.grad = torch.full_like(p, value)


def flat_params(model: nn.Module) -> torch.Tensor:
    """A copy of all the model's parameters in one vector (a snapshot: later updates leave it alone)."""
    return torch.cat([p.detach().flatten() for p in model.parameters()]).clone()


def shares_tensors(a: nn.Module, b: nn.Module) -> bool:
    """Do the two models hold any parameter in the same storage (so that updating one moves the other)?"""
    return bool({p.data_ptr() for p in a.parameters()} & {p.data_ptr() for p in b.parameters()})


def broken_copies(net: nn.Sequential) -> Iterator[tuple[str, nn.Sequential]]:
    """Broken copies of a ``Sequential(Linear, ReLU, Linear, ReLU, Linear)``, each named by what it lacks.

    The names: ``"transpose"`` (every weight used as its transpose; only when every layer is square),
    ``"bias"`` (every bias zero), ``"bias 1"`` ... ``"bias 3"`` (one layer's bias zero),
    ``"output relu"`` (a ReLU after the last layer), ``"hidden relus"`` (no ReLU between the layers).
    Each copy is an ordinary torch module; `net` is left as it is."""
    linear = [i for i, m in enumerate(net) if isinstance(m, nn.Linear)]
    if all(net[i].in_features == net[i].out_features for i in linear):
        t = copy.deepcopy(net)
        with torch.no_grad():
            for i in linear:
                t[i].weight.copy_(t[i].weight.T.clone())
        yield "transpose", t
    for name, which in [("bias", linear)] + [(f"bias {k + 1}", [i]) for k, i in enumerate(linear)]:
        c = copy.deepcopy(net)
        with torch.no_grad():
            for i in which:
                c[i].bias.zero_()
        yield name, c
    yield "output relu", nn.Sequential(*copy.deepcopy(list(net)), nn.ReLU())
    yield "hidden relus", nn.Sequential(*[copy.deepcopy(net[i]) for i in linear])
