"""The target is copied once and never synced: sync_target does nothing.

cell: target_network
hint: copying once and never syncing
"""
def make_target(online):
    return copy.deepcopy(online)


def sync_target(target, online):
    pass
