"""done omitted from the target: terminal transitions still bootstrap.

cell: td_targets
hint: done omitted
"""
def compute_td_targets(rewards, next_states, dones, target_net, gamma):
    """y = r + gamma * (1 - done) * max_a' Q(s', a'; theta_minus), shape (B,), without gradient."""
    with torch.no_grad():                                          # the target is a constant
        next_q = target_net(next_states).max(dim=1).values        # best action per row: (B,)
        return rewards + gamma * next_q
