"""The course's helper library: seeding, grading mode, checks, plots and data.

Every notebook starts with::

    import helpers
    helpers.require("0.2.0")
    helpers.show_friendly_errors()

`helpers` holds no solutions: exercises are written by the student in the notebook.
"""
from helpers.version import __version__, require
from helpers.seeding import seed_everything
from helpers.grading_mode import grading_mode, in_grading_mode, budget
from helpers.checks import (
    check,
    check_close,
    check_equal,
    check_shape,
    check_type,
    check_raises,
    passed,
)
from helpers.friendly_errors import show_friendly_errors
from helpers.plotting import animate_frames, finish_bar, plot_curves
from helpers.datasets import make_binary_classification, mystery_learning_curves

__all__ = [
    "__version__",
    "require",
    "seed_everything",
    "grading_mode",
    "in_grading_mode",
    "budget",
    "check",
    "check_close",
    "check_equal",
    "check_shape",
    "check_type",
    "check_raises",
    "passed",
    "show_friendly_errors",
    "plot_curves",
    "animate_frames",
    "finish_bar",
    "make_binary_classification",
    "mystery_learning_curves",
]
