"""A @torch.no_grad() decorator, argmax without keepdim and advanced indexing.

cell: double_dqn
"""
@torch.no_grad()
def double_dqn_targets(q_net, target_net, rewards, next_states, dones, gamma):
    """Double DQN targets: the online network picks a*, the target network values it."""
    a_star = q_net(next_states).argmax(dim=1)
    values = target_net(next_states)[torch.arange(next_states.shape[0]), a_star]
    return rewards + gamma * (1 - dones) * values
