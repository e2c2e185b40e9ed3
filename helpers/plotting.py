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


def finish_bar(bar) -> None:
    """Close a tqdm progress bar as complete at its current count. A run that stops early on
    purpose (a task solved before its step budget) then ends full and green, not red at the
    fraction of the budget it used, which is how tqdm draws a bar closed short of its total."""
    bar.total = bar.n
    widget = getattr(bar, "container", None)
    if widget is not None:  # tqdm.notebook draws an ipywidgets bar with its own maximum
        widget.children[1].max = max(bar.n, 1)
    bar.close()


def animate_frames(frames: Sequence[np.ndarray], title: str = "", fps: int = 12, scale: int = 2):
    """An animation of rendered frames (height x width x 3 arrays) for a notebook to display.

    matplotlib's FuncAnimation turned into HTML with `to_jshtml` (PNG frames and a small player
    in JavaScript): it needs no display and no video encoder. Every `scale`-th pixel is kept,
    and the frames are few, so the notebook stays light.
    """
    from IPython.display import HTML
    from matplotlib import animation

    small = [np.asarray(f)[::scale, ::scale] for f in frames]
    height, width = small[0].shape[:2]
    fig, ax = plt.subplots(figsize=(width / 80, height / 80 + 0.3), dpi=80)
    ax.axis("off")
    ax.set_title(title, fontsize=9)
    image = ax.imshow(small[0])

    def draw(k: int):
        image.set_data(small[k])
        return (image,)

    anim = animation.FuncAnimation(fig, draw, frames=len(small), interval=1000 / fps, blit=True)
    html = HTML(anim.to_jshtml(default_mode="loop"))
    plt.close(fig)
    return html
