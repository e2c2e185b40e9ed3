"""A done flag per episode and keyword arguments to training_step; the loss lists extended together.

cell: train_loop
"""
def train(agent, env, max_steps, batch_size, warmup, target_every, eps_start, eps_end, eps_decay,
          train_every=1, seed=0, on_episode_end=None, progress=True):
    """Train `agent` on `env` for at most `max_steps` environment steps; returns the history dict."""
    history = {"returns": [], "lengths": [], "epsilons": [], "losses": [], "q_means": [], "grad_norms": []}
    bar = tqdm(total=max_steps, desc="training", unit="step", disable=not progress)
    step, episode = 0, 0
    while step < max_steps:
        epsilon = epsilon_schedule(episode=episode, start=eps_start, end=eps_end, decay=eps_decay)
        state, _ = env.reset(seed=seed + episode)
        rewards, done = [], False
        while not done and step < max_steps:
            step += 1
            state, reward, terminated, truncated, loss = training_step(
                agent=agent, env=env, state=state, epsilon=epsilon, step=step, batch_size=batch_size,
                warmup=warmup, target_every=target_every, train_every=train_every)
            rewards.append(reward)
            done = terminated or truncated
            if loss is None:
                continue
            for key, value in (("losses", loss), ("q_means", agent.last_q_mean), ("grad_norms", agent.last_grad_norm)):
                history[key].append(value)
        history["returns"].append(sum(rewards))
        history["lengths"].append(len(rewards))
        history["epsilons"].append(epsilon)
        bar.update(len(rewards))
        episode += 1
        stop = on_episode_end(agent, history) if on_episode_end is not None else False
        if stop:
            break
    bar.close()
    history["steps"] = step
    return history
