"""Target syncs when the 0-based environment step is a multiple of C, checked only on steps that train.

cell: run_dqn
"""
def run_dqn(env, q_net, target_net, optimizer, buffer, n_steps, batch_size=64, warmup=500,
            target_update_freq=100, epsilon=0.1, gamma=0.99, seed=0):
    """Collect n_steps of epsilon-greedy experience and learn from replay with a hard-updated target."""
    rng = np.random.default_rng(seed)
    history = {"episode_returns": [], "losses": [], "target_updates": 0}
    state, _ = env.reset(seed=seed)
    episode_return = 0.0
    for step in range(n_steps):
        eps = epsilon(step) if callable(epsilon) else epsilon
        if rng.random() < eps:
            action = int(rng.integers(env.action_space.n))           # explore
        else:
            with torch.no_grad():
                q = q_net(torch.as_tensor(state, dtype=torch.float32).unsqueeze(0))
            action = int(q.argmax(dim=1).item())                     # exploit
        state, reward, episode_over = collect_step(env, state, action, buffer)   # stores the action taken
        episode_return += reward
        if episode_over:
            history["episode_returns"].append(episode_return)
            episode_return = 0.0
        if len(buffer) >= warmup:
            history["losses"].append(train_step(q_net, target_net, optimizer, buffer, batch_size, gamma))
            if step % target_update_freq == 0:            # every C environment steps
                hard_update(target_net, q_net)
                history["target_updates"] += 1
    return history
