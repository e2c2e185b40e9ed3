"""NumPy: np.maximum of the floor and start * np.power(decay, episode), returned as a float.

cell: epsilon_schedule
"""
def epsilon_schedule(episode, start, end, decay):
    """Exploration rate for episode number `episode` (0, 1, 2, ...): start * decay**episode, never below end."""
    return float(np.maximum(end, start * np.power(decay, episode)))
