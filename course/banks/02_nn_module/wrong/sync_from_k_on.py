"""Syncs at every update once K updates have been done.

cell: periodic_sync
hint: from K on
"""
def maybe_sync(target, online, update_count, sync_every):
    if update_count >= sync_every:
        target.load_state_dict(online.state_dict())
        return True
    return False
