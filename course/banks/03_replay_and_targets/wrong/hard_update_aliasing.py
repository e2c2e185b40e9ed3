"""hard_update makes the target share the source's tensors.

cell: hard_update
hint: aliasing
"""
def hard_update(target, source):
    """theta_minus <- theta: copy all of source's weights (and buffers) into target, in place."""
    for p_t, p_s in zip(target.parameters(), source.parameters()):
        p_t.data = p_s.data
