"""The lesson-literal form: make_target is copy.deepcopy alone, sync_target one load_state_dict.

cell: target_network
"""
def make_target(online):
    """An independent copy of `online`: same architecture and weights, no shared tensors."""
    return copy.deepcopy(online)


def sync_target(target, online):
    """Copy the online network's current weights into `target`, in place."""
    target.load_state_dict(online.state_dict())
