"""A while True loop per episode with break, float returns collected in np.asarray.

cell: evaluate
"""
def evaluate(agent, env, n_episodes=100, seed=10_000):
    """Greedy returns of `n_episodes` episodes reset with seeds seed, seed+1, ...; no learning."""
    agent.q_net.eval()
    returns = []
    for episode in range(n_episodes):
        state, _ = env.reset(seed=seed + episode)
        episode_return = 0.0
        while True:
            state, reward, terminated, truncated, _ = env.step(agent.select_action(state, epsilon=0.0))
            episode_return += reward
            if terminated or truncated:
                break
        returns.append(episode_return)
    agent.q_net.train()
    return np.asarray(returns, dtype=np.float64)
