"""hard_update copies target into source.

cell: hard_update
hint: wrong direction
"""
def hard_update(target, source):
    """theta_minus <- theta: copy all of source's weights (and buffers) into target, in place."""
    source.load_state_dict(target.state_dict())
