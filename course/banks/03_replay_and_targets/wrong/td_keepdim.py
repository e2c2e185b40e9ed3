"""max(dim=1, keepdim=True) leaves a (B, 1) column, which broadcasts against r (B,) into (B, B) targets.

cell: td_targets
hint: keepdim=True
"""
def compute_td_targets(rewards, next_states, dones, target_net, gamma):
    """y = r + gamma * (1 - done) * max_a' Q(s', a'; theta_minus), shape (B,), without gradient."""
    with torch.no_grad():
        next_q = target_net(next_states).max(dim=1, keepdim=True).values
        return rewards + gamma * (1.0 - dones) * next_q
