"""The lesson's form: a modulo test, then the sync with the exercise-5 helper.

cell: periodic_sync
"""
def maybe_sync(target, online, update_count, sync_every):
    if update_count % sync_every == 0:
        sync_target(target, online)
        return True
    return False
