"""Labelled learning curves that draw the same in JupyterLab, under nbgrader, and headless."""
from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence

import matplotlib

# Outside a kernel and without a display (CI, a terminal over ssh) there is no GUI to open:
# fall back to Agg so that plotting never fails. Inside Jupyter the inline backend is kept.
if "ipykernel" not in sys.modules and not os.environ.get("DISPLAY"):
    matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402


def _smooth(values: np.ndarray, window: int) -> np.ndarray:
    if window <= 1 or len(values) < window:
        return values
    kernel = np.ones(window) / window
    return np.convolve(values, kernel, mode="valid")


def plot_curves(curves: Mapping[str, Sequence[float]], *, title: str, xlabel: str = "epoch",
                ylabel: str = "loss", hline: float | None = None, hline_label: str | None = None,
                smooth: int = 1, logy: bool = False, ax: plt.Axes | None = None) -> Figure:
    """Plot one or more named curves on one labelled axis and return the figure.

    `smooth` > 1 draws a moving average over that many points (the raw curve stays, faded).
    `hline` draws a reference line, e.g. the 475 that counts as solving CartPole.
    The caller decides whether to show it; in a notebook the figure displays itself.
    """
    if ax is None:
        fig, ax = plt.subplots(figsize=(7, 3.8))
    else:
        fig = ax.figure
    for label, values in curves.items():
        y = np.asarray(values, dtype=float)
        x = np.arange(1, len(y) + 1)
        if smooth > 1 and len(y) >= smooth:
            line, = ax.plot(x, y, alpha=0.25)
            ys = _smooth(y, smooth)
            ax.plot(x[smooth - 1:], ys, color=line.get_color(), label=f"{label} (mean of {smooth})")
        else:
            ax.plot(x, y, label=label)
    if hline is not None:
        ax.axhline(hline, color="black", linestyle="--", linewidth=1, label=hline_label)
    if logy:
        ax.set_yscale("log")
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.grid(alpha=0.3)
    if len(curves) > 1 or hline_label:
        ax.legend()
    fig.tight_layout()
    return fig
