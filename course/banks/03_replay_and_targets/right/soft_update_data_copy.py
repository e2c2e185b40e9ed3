"""The DDPG-style form through .data (no autograd), written out as tau * theta + (1 - tau) * theta_minus.

cell: soft_update
"""
def soft_update(target, source, tau):
    """theta_minus <- tau * theta + (1 - tau) * theta_minus, for every parameter, in place."""
    for target_param, param in zip(target.parameters(), source.parameters()):
        target_param.data.copy_(tau * param.data + (1.0 - tau) * target_param.data)
