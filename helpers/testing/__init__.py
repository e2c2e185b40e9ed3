"""Stand-ins that the notebooks' test cells use: spies, scripted environments, fixed batches.

A test cell calls these instead of defining its own, so that what a student reads in a visible test
is what is checked and on which data, in a few lines. Nothing here solves an exercise: a stand-in
records or replays, it never computes what the student is asked to write.
"""
