"""training_step updates on steps 1, 1 + train_every, ...: not on the multiples of train_every.

cell: training_step
hint: not multiples of train_every
"""
def training_step(agent, env, state, epsilon, step, batch_size, warmup, target_every, train_every=1):
    """One environment step of learning: act, store, learn every `train_every` steps once warm, and
    sync the target every `target_every` steps."""
    action = agent.select_action(state, epsilon)
    next_state, reward, terminated, truncated, _ = env.step(action)
    agent.buffer.push(state, action, reward, next_state, float(terminated))  # truncated is not an ending
    loss = None
    if len(agent.buffer) >= warmup and (step - 1) % train_every == 0:             # once warm, every train_every steps
        loss = agent.update(batch_size)
    if step % target_every == 0:                                             # a hard sync every C steps
        agent.update_target()
    return next_state, reward, terminated, truncated, loss
