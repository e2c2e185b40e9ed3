"""The sync writes the target's stale weights into the online network.

cell: periodic_sync
hint: wrong direction
"""
def maybe_sync(target, online, update_count, sync_every):
    if update_count % sync_every == 0:
        online.load_state_dict(target.state_dict())
        return True
    return False
