"""The checkpoint does not restore torch's RNG state, so shuffles and dropout differ after resuming.

cell: checkpoint
hint: without the RNG state
"""
def save_checkpoint(path, model, optimizer, scheduler, epoch, history):
    """Save everything a resumed run needs to continue exactly where this one is."""
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    torch.save({
        "epoch": epoch,
        "model": model.state_dict(),            # tensors, not the pickled model
        "optimizer": optimizer.state_dict(),    # Adam's m and v, the step counts
        "scheduler": None if scheduler is None else scheduler.state_dict(),
        "history": history,
        "rng": torch.get_rng_state(),           # next shuffle and dropout masks
    }, path)


def load_checkpoint(path, model, optimizer, scheduler):
    """Restore model, optimizer, scheduler and RNG from `path`; return (next_epoch, history)."""
    ckpt = torch.load(path, weights_only=True)
    model.load_state_dict(ckpt["model"])
    optimizer.load_state_dict(ckpt["optimizer"])
    if scheduler is not None:
        scheduler.load_state_dict(ckpt["scheduler"])
    return ckpt["epoch"] + 1, ckpt["history"]
