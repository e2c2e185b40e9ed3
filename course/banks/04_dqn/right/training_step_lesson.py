"""The lessons' loop body: next_state, reward, done, truncated, _ = env.step(...), push float(done).

cell: training_step
"""
def training_step(agent, env, state, epsilon, step, batch_size, warmup, target_every, train_every=1):
    """One environment step of learning: act, store, learn every `train_every` steps once warm, and
    sync the target every `target_every` steps."""
    action = agent.select_action(state, epsilon)
    next_state, reward, done, truncated, _ = env.step(action)
    agent.buffer.push(state, action, reward, next_state, float(done))
    loss = agent.update(batch_size) if (step % train_every == 0 and len(agent.buffer) >= warmup) else None
    if step % target_every == 0:
        agent.update_target()
    return next_state, reward, done, truncated, loss
