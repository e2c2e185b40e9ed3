"""truncated treated as terminal.

cell: collect_step
hint: truncated treated as terminal
"""
def collect_step(env, state, action, buffer):
    """Step env with action, store the transition, reset at the end of an episode.
    Returns (state_for_next_step, reward, episode_over)."""
    next_state, reward, terminated, truncated, _ = env.step(action)
    buffer.push(state, action, reward, next_state, float(terminated or truncated))   # only a real ending stops bootstrapping
    episode_over = terminated or truncated
    if episode_over:
        next_state, _ = env.reset()
    return next_state, reward, episode_over
