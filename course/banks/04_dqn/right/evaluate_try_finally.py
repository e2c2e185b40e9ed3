"""train(False) and a try/finally that restores train mode; returns preallocated in an array.

cell: evaluate
"""
def evaluate(agent, env, n_episodes=100, seed=10_000):
    """Greedy returns of `n_episodes` episodes reset with seeds seed, seed+1, ...; no learning."""
    returns = np.zeros(n_episodes)
    agent.q_net.train(False)
    try:
        for i in range(n_episodes):
            obs, _ = env.reset(seed=seed + i)
            terminated = truncated = False
            while not (terminated or truncated):
                obs, r, terminated, truncated, _ = env.step(agent.select_action(obs, 0))
                returns[i] += r
    finally:
        agent.q_net.train(True)
    return returns
