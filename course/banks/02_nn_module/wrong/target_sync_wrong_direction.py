"""sync_target copies the target's weights into the online network.

cell: target_network
hint: synced in the wrong direction
"""
def make_target(online):
    return copy.deepcopy(online)


def sync_target(target, online):
    online.load_state_dict(target.state_dict())
