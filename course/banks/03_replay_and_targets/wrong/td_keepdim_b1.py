"""Targets of shape (B, 1) instead of (B,), which broadcast into a (B, B) loss.

cell: td_targets
hint: broadcast against (B,) predictions
"""
def compute_td_targets(rewards, next_states, dones, target_net, gamma):
    """y = r + gamma * (1 - done) * max_a' Q(s', a'; theta_minus), shape (B,), without gradient."""
    with torch.no_grad():                                          # the target is a constant
        next_q = target_net(next_states).max(dim=1, keepdim=True).values        # best action per row: (B,)
        return rewards.unsqueeze(1) + gamma * (1.0 - dones.unsqueeze(1)) * next_q
