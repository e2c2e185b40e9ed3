"""The lessons' load_state_dict, fed a deep copy of the source's state_dict.

cell: hard_update
"""
def hard_update(target, source):
    """theta_minus <- theta: copy all of source's weights (and buffers) into target, in place."""
    target.load_state_dict(copy.deepcopy(source.state_dict()))
