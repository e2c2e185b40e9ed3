"""load_checkpoint returns the saved epoch, so the resumed run repeats it.

cell: checkpoint
hint: the saved epoch was returned, not the next one
"""
def save_checkpoint(path, model, optimizer, scheduler, epoch, history):
    """Save everything a resumed run needs to continue exactly where this one is."""
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    torch.save({"epoch": epoch, "model": model.state_dict(), "optimizer": optimizer.state_dict(),
                "scheduler": None if scheduler is None else scheduler.state_dict(),
                "history": history, "rng": torch.get_rng_state()}, path)


def load_checkpoint(path, model, optimizer, scheduler):
    """Restore model, optimizer, scheduler and RNG from `path`; return (next_epoch, history)."""
    ckpt = torch.load(path, weights_only=True)
    model.load_state_dict(ckpt["model"])
    optimizer.load_state_dict(ckpt["optimizer"])
    if scheduler is not None:
        scheduler.load_state_dict(ckpt["scheduler"])
    torch.set_rng_state(ckpt["rng"])
    return ckpt["epoch"], ckpt["history"]
