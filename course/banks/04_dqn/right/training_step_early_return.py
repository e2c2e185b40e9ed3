"""Syncs the target first, then returns early on the steps that do not learn.

cell: training_step
"""
def training_step(agent, env, state, epsilon, step, batch_size, warmup, target_every, train_every=1):
    """One environment step of learning: act, store, learn every `train_every` steps once warm, and
    sync the target every `target_every` steps."""
    action = agent.select_action(state, epsilon)
    obs, reward, terminated, truncated, info = env.step(action)
    agent.buffer.push(state, action, reward, obs, 1.0 if terminated else 0.0)
    if step % target_every == 0:
        agent.update_target()
    if len(agent.buffer) < warmup or step % train_every != 0:
        return obs, reward, terminated, truncated, None
    return obs, reward, terminated, truncated, agent.update(batch_size)
