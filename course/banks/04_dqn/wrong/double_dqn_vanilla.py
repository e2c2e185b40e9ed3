"""Double DQN targets computed as vanilla DQN targets (max over the target network).

cell: double_dqn
hint: vanilla DQN target
"""
def double_dqn_targets(q_net, target_net, rewards, next_states, dones, gamma):
    """Double DQN targets: the online network picks a*, the target network values it."""
    with torch.no_grad():
        next_q = target_net(next_states).max(dim=1).values
        return rewards + gamma * (1.0 - dones) * next_q
