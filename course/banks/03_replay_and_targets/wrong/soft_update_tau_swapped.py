"""Soft update with tau and 1 - tau swapped.

cell: soft_update
hint: tau and 1 - tau are swapped
"""
def soft_update(target, source, tau):
    """theta_minus <- tau * theta + (1 - tau) * theta_minus, for every parameter, in place."""
    with torch.no_grad():
        for p_t, p_s in zip(target.parameters(), source.parameters()):
            p_t.mul_(tau).add_((1.0 - tau) * p_s)   # a small step of theta_minus towards theta
