"""Off by one: the count is taken as if it started at 0, so the syncs come after updates 1, K + 1, ...

cell: periodic_sync
hint: counted from 0
"""
def maybe_sync(target, online, update_count, sync_every):
    if (update_count - 1) % sync_every == 0:
        target.load_state_dict(online.state_dict())
        return True
    return False
