"""The lesson's checkpoint dict written in one literal, os.makedirs on the folder, map_location given.

cell: checkpoint
"""
def save_checkpoint(path, model, optimizer, scheduler, epoch, history):
    """Save everything a resumed run needs to continue exactly where this one is."""
    folder = os.path.dirname(path)
    if folder:
        os.makedirs(folder, exist_ok=True)
    checkpoint = {
        "epoch": epoch,
        "model": model.state_dict(),
        "optimizer": optimizer.state_dict(),
        "scheduler": scheduler.state_dict() if scheduler else None,
        "history": history,
        "rng": torch.get_rng_state(),
    }
    torch.save(checkpoint, path)


def load_checkpoint(path, model, optimizer, scheduler):
    """Restore model, optimizer, scheduler and RNG from `path`; return (next_epoch, history)."""
    checkpoint = torch.load(path, map_location="cpu", weights_only=True)
    model.load_state_dict(checkpoint["model"])
    optimizer.load_state_dict(checkpoint["optimizer"])
    if scheduler:
        scheduler.load_state_dict(checkpoint["scheduler"])
    torch.set_rng_state(checkpoint["rng"])
    return checkpoint["epoch"] + 1, checkpoint["history"]
