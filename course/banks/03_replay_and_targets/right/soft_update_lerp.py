"""Polyak averaging with Tensor.lerp_ under no_grad.

cell: soft_update
"""
def soft_update(target, source, tau):
    """theta_minus <- tau * theta + (1 - tau) * theta_minus, for every parameter, in place."""
    with torch.no_grad():
        for t, s in zip(target.parameters(), source.parameters()):
            t.lerp_(s, tau)
