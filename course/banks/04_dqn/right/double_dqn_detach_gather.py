"""detach() instead of no_grad, torch.gather with unsqueeze(-1).

cell: double_dqn
"""
def double_dqn_targets(q_net, target_net, rewards, next_states, dones, gamma):
    """Double DQN targets: the online network picks a*, the target network values it."""
    best_actions = q_net(next_states).detach().max(dim=1)[1]
    next_values = torch.gather(target_net(next_states).detach(), 1, best_actions.unsqueeze(-1)).squeeze(-1)
    return (rewards + gamma * next_values * (1.0 - dones)).detach()
