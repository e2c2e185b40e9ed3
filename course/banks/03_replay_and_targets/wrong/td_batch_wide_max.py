"""The bootstrap uses the largest Q-value of the whole batch, not each row's own max.

cell: td_targets
hint: over the whole batch
"""
def compute_td_targets(rewards, next_states, dones, target_net, gamma):
    """y = r + gamma * (1 - done) * max_a' Q(s', a'; theta_minus), shape (B,), without gradient."""
    with torch.no_grad():                                          # the target is a constant
        next_q = target_net(next_states).max()        # best action per row: (B,)
        return rewards + gamma * (1.0 - dones) * next_q
