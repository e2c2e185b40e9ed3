"""Off by one: the sync comes after updates K - 1, 2K - 1, ...

cell: periodic_sync
hint: one update early
"""
def maybe_sync(target, online, update_count, sync_every):
    if (update_count + 1) % sync_every == 0:
        target.load_state_dict(online.state_dict())
        return True
    return False
