"""The lesson's form: a modulo test, then the sync with the sync_target of the exercise before.

cell: periodic_sync
"""
def maybe_sync(target, online, update_count, sync_every):
    if update_count % sync_every == 0:
        sync_target(target, online)
        return True
    return False
