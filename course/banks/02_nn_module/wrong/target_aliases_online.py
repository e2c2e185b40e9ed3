"""The target network aliases the online one (target = online) instead of copying it.

cell: target_network
hint: aliases the online network
"""
def make_target(online):
    target = online
    return target


def sync_target(target, online):
    target.load_state_dict(online.state_dict())
