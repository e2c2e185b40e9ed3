"""divmod for the schedule and a parameter-by-parameter copy under no_grad for the sync.

cell: periodic_sync
"""
def maybe_sync(target, online, update_count, sync_every):
    _, rest = divmod(update_count, sync_every)
    if rest:
        return False
    with torch.no_grad():
        for t, o in zip(target.parameters(), online.parameters()):
            t.copy_(o)
    return True
