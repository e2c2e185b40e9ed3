"""Evaluation keeps exploring (epsilon > 0).

cell: evaluate
hint: exploration left on
"""
def evaluate(agent, env, n_episodes=100, seed=10_000):
    """Greedy returns of `n_episodes` episodes reset with seeds seed, seed+1, ...; no learning."""
    agent.q_net.eval()
    returns = []
    for i in range(n_episodes):
        state, _ = env.reset(seed=seed + i)
        total, done = 0.0, False
        while not done:
            action = agent.select_action(state, 0.05)          # inference: greedy, no exploration
            state, reward, terminated, truncated, _ = env.step(action)
            total += float(reward)
            done = terminated or truncated
        returns.append(total)
    agent.q_net.train()
    return np.array(returns)
