"""The target is a shallow copy (copy.copy) that shares the online network's tensors.

cell: target_network
hint: shares parameter tensors
"""
def make_target(online):
    return copy.copy(online)


def sync_target(target, online):
    target.load_state_dict(online.state_dict())
