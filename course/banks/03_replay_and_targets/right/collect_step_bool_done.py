"""Stores done as the terminated flag itself (a bool the buffer turns into 0.0 / 1.0) and resets in a branch.

cell: collect_step
"""
def collect_step(env, state, action, buffer):
    """Step env with action, store the transition, reset at the end of an episode.
    Returns (state_for_next_step, reward, episode_over)."""
    obs, reward, terminated, truncated, info = env.step(action)
    buffer.push(state, action, reward, obs, terminated)
    over = bool(terminated or truncated)
    state_next = env.reset()[0] if over else obs
    return state_next, float(reward), over
