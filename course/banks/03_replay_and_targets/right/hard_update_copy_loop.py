"""Copies every state_dict entry (parameters and buffers) in place with copy_ under no_grad.

cell: hard_update
"""
def hard_update(target, source):
    """theta_minus <- theta: copy all of source's weights (and buffers) into target, in place."""
    with torch.no_grad():
        for t, s in zip(target.state_dict().values(), source.state_dict().values()):
            t.copy_(s)
