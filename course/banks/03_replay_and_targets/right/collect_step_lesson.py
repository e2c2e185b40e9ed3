"""The lessons' loop body: next_state, reward, done, truncated, _ = env.step(...); push float(done).

cell: collect_step
"""
def collect_step(env, state, action, buffer):
    """Step env with action, store the transition, reset at the end of an episode.
    Returns (state_for_next_step, reward, episode_over)."""
    next_state, reward, done, truncated, _ = env.step(action)
    buffer.push(state, action, reward, next_state, float(done))
    if done or truncated:
        state, _ = env.reset()
        return state, reward, True
    return next_state, reward, False
