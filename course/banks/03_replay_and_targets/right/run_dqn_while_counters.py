"""A while loop with explicit counters (env steps and updates), numpy argmax, syncs on the env-step counter.

cell: run_dqn
"""
def run_dqn(env, q_net, target_net, optimizer, buffer, n_steps, batch_size=64, warmup=500,
            target_update_freq=100, epsilon=0.1, gamma=0.99, seed=0):
    """Collect n_steps of epsilon-greedy experience and learn from replay with a hard-updated target."""
    rng = np.random.default_rng(seed)
    history = {"episode_returns": [], "losses": [], "target_updates": 0}
    state, _ = env.reset(seed=seed)
    ret, t = 0.0, 0
    while t < n_steps:
        eps = epsilon(t) if callable(epsilon) else float(epsilon)
        if rng.random() < eps:
            action = int(rng.integers(0, env.action_space.n))
        else:
            with torch.inference_mode():
                action = int(np.argmax(q_net(torch.tensor(np.array([state]), dtype=torch.float32)).numpy()[0]))
        state, reward, over = collect_step(env, state, action, buffer)
        ret += float(reward)
        if over:
            history["episode_returns"].append(ret)
            ret = 0.0
        t += 1                                       # environment steps taken so far
        if len(buffer) >= warmup:
            loss = train_step(q_net, target_net, optimizer, buffer, batch_size, gamma)
            history["losses"].append(loss)
        if t % target_update_freq == 0:
            hard_update(target_net, q_net)
            history["target_updates"] += 1
    return history
