"""The lessons' .max(dim=1)[0], with the target network's output detached instead of no_grad.

cell: td_targets
"""
def compute_td_targets(rewards, next_states, dones, target_net, gamma):
    """y = r + gamma * (1 - done) * max_a' Q(s', a'; theta_minus), shape (B,), without gradient."""
    next_q_max = target_net(next_states).detach().max(dim=1)[0]
    return rewards + gamma * next_q_max * (1 - dones)
