"""Stand-ins that the notebooks' test cells use: spies, scripted environments, fixed batches.

A test cell calls these instead of defining its own, so that what a student reads in a visible test
is what is checked and on which data, in a few lines. Nothing here solves an exercise: a stand-in
records or replays, it never computes what the student is asked to write.
"""
from helpers.testing.supervised import tiny_network, six_points, known_linear, zero_linear, fresh_linear  # noqa: F401, I001
from helpers.testing.supervised import ModeSpy, RecordingSGD, CountingOptimizer, BatchWatch  # noqa: F401, I001
from helpers.testing.supervised import LinearPolicy, scripted_epochs, nudge, fill_grads  # noqa: F401, I001
from helpers.testing.supervised import flat_params, shares_tensors, broken_copies  # noqa: F401, I001
