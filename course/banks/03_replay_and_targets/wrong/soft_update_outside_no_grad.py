"""The soft update runs outside torch.no_grad(), so autograd refuses to change the parameters in place.

cell: soft_update
hint: outside torch.no_grad()
"""
def soft_update(target, source, tau):
    """theta_minus <- tau * theta + (1 - tau) * theta_minus, for every parameter, in place."""
    for p_t, p_s in zip(target.parameters(), source.parameters()):
        p_t.mul_(1.0 - tau).add_(tau * p_s)
