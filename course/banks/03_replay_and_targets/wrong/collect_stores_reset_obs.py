"""The reset observation is stored as next_state.

cell: collect_step
hint: stored the reset observation
"""
def collect_step(env, state, action, buffer):
    """Step env with action, store the transition, reset at the end of an episode.
    Returns (state_for_next_step, reward, episode_over)."""
    next_state, reward, terminated, truncated, _ = env.step(action)
    episode_over = terminated or truncated
    if episode_over:
        next_state, _ = env.reset()
    buffer.push(state, action, reward, next_state, float(terminated))
    return next_state, reward, episode_over
