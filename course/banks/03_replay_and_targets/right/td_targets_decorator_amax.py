"""A @torch.no_grad() decorator and torch.amax over the action dimension.

cell: td_targets
"""
@torch.no_grad()
def compute_td_targets(rewards, next_states, dones, target_net, gamma):
    """y = r + gamma * (1 - done) * max_a' Q(s', a'; theta_minus), shape (B,), without gradient."""
    not_done = 1.0 - dones
    return rewards + gamma * not_done * torch.amax(target_net(next_states), dim=-1)
