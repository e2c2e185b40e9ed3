"""The epsilon schedule never decays: it returns `start` for every episode.

cell: epsilon_schedule
hint: epsilon never decays
"""
def epsilon_schedule(episode, start, end, decay):
    """Exploration rate for episode number `episode` (0, 1, 2, ...): start * decay**episode, never below end."""
    return start
