"""Stand-ins that the notebooks' test cells use: spies, scripted environments, fixed batches.

A test cell calls these instead of defining its own, so that what a student reads in a visible test
is what is checked and on which data, in a few lines. Nothing here solves an exercise: a stand-in
records or replays, it never computes what the student is asked to write.
"""

from helpers.testing.rl import (  # noqa: F401  (notebooks 03 and 04)
    ONLINE_W,
    TARGET_W,
    FixedBatchBuffer,
    FixedPrioritizedBuffer,
    GradSpy,
    PlaybackEnv,
    ScriptedEnv,
    SpyAgent,
    SpyBuffer,
    StepRecorder,
    constant_net,
    drawn_ids,
    filled_buffer,
    fixed_batch,
    greedy_returns,
    linear_net,
    net_pair,
    numbered_transition,
)
from helpers.testing.supervised import (  # noqa: F401  (notebooks 01 and 02)
    BatchWatch,
    CountingOptimizer,
    LinearPolicy,
    ModeSpy,
    RecordingSGD,
    broken_copies,
    fill_grads,
    flat_params,
    fresh_linear,
    known_linear,
    nudge,
    scripted_epochs,
    shares_tensors,
    six_points,
    tiny_network,
    zero_linear,
)
