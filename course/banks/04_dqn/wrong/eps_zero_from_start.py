"""Training explores with epsilon = 0 from the start (always greedy).

cell: train_loop
hint: epsilon = 0 from the start
"""
def train(agent, env, max_steps, batch_size, warmup, target_every, eps_start, eps_end, eps_decay,
          train_every=1, seed=0, on_episode_end=None, progress=True):
    """Train `agent` on `env` for at most `max_steps` environment steps; returns the history dict."""
    history = {"returns": [], "lengths": [], "epsilons": [], "losses": [], "q_means": [], "grad_norms": []}
    bar = tqdm(total=max_steps, desc="training", unit="step", disable=not progress)
    step, episode = 0, 0
    while step < max_steps:
        epsilon = 0.0
        state, _ = env.reset(seed=seed + episode)
        ep_return, ep_len = 0.0, 0
        while True:
            step += 1
            state, reward, terminated, truncated, loss = training_step(
                agent, env, state, epsilon, step, batch_size, warmup, target_every, train_every)
            ep_return += reward
            ep_len += 1
            if loss is not None:
                history["losses"].append(loss)
                history["q_means"].append(agent.last_q_mean)
                history["grad_norms"].append(agent.last_grad_norm)
            if terminated or truncated or step >= max_steps:
                break
        history["returns"].append(ep_return)
        history["lengths"].append(ep_len)
        history["epsilons"].append(epsilon)
        bar.update(ep_len)
        episode += 1
        if on_episode_end is not None and on_episode_end(agent, history):
            break
    bar.close()
    history["steps"] = step
    return history
