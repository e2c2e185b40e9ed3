"""Gradients flow into the target network (no torch.no_grad()).

cell: td_targets
hint: gradients flow into the target network
"""
def compute_td_targets(rewards, next_states, dones, target_net, gamma):
    """y = r + gamma * (1 - done) * max_a' Q(s', a'; theta_minus), shape (B,), without gradient."""
    if True:
        next_q = target_net(next_states).max(dim=1).values        # best action per row: (B,)
        return rewards + gamma * (1.0 - dones) * next_q
