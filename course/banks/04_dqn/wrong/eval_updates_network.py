"""Evaluation stores transitions and updates the network.

cell: evaluate
hint: evaluation that updates the network
"""
def evaluate(agent, env, n_episodes=100, seed=10_000):
    """Greedy returns of `n_episodes` episodes reset with seeds seed, seed+1, ...; no learning."""
    agent.q_net.eval()
    returns = []
    for i in range(n_episodes):
        state, _ = env.reset(seed=seed + i)
        total, done = 0.0, False
        while not done:
            action = agent.select_action(state, 0.0)          # inference: greedy, no exploration
            next_state, reward, terminated, truncated, _ = env.step(action)
            agent.buffer.push(state, action, reward, next_state, float(terminated))
            agent.update(64)
            state = next_state
            total += float(reward)
            done = terminated or truncated
        returns.append(total)
    agent.q_net.train()
    return np.array(returns)
