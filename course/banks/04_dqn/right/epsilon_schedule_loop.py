"""Multiplies start by decay once per episode in a loop, then applies the floor.

cell: epsilon_schedule
"""
def epsilon_schedule(episode, start, end, decay):
    """Exploration rate for episode number `episode` (0, 1, 2, ...): start * decay**episode, never below end."""
    eps = start
    for _ in range(episode):
        eps *= decay
    return eps if eps > end else end
