"""The epsilon schedule has no floor: it decays below `end`.

cell: epsilon_schedule
hint: below its floor
"""
def epsilon_schedule(episode, start, end, decay):
    """Exploration rate for episode number `episode` (0, 1, 2, ...): start * decay**episode, never below end."""
    return start * decay ** episode
