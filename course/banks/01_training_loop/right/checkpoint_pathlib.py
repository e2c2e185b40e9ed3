"""pathlib for the folder, the dict built step by step, torch.random's RNG functions.

cell: checkpoint
"""
from pathlib import Path

def save_checkpoint(path, model, optimizer, scheduler, epoch, history):
    """Save everything a resumed run needs to continue exactly where this one is."""
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    state = {"epoch": epoch, "history": history}
    state["model"] = model.state_dict()
    state["optimizer"] = optimizer.state_dict()
    state["scheduler"] = scheduler.state_dict() if scheduler is not None else None
    state["rng"] = torch.random.get_rng_state()
    torch.save(state, path)


def load_checkpoint(path, model, optimizer, scheduler):
    """Restore model, optimizer, scheduler and RNG from `path`; return (next_epoch, history)."""
    state = torch.load(path, weights_only=True)
    model.load_state_dict(state["model"])
    optimizer.load_state_dict(state["optimizer"])
    if scheduler is not None and state["scheduler"] is not None:
        scheduler.load_state_dict(state["scheduler"])
    torch.random.set_rng_state(state["rng"])
    next_epoch = state["epoch"] + 1
    return next_epoch, state["history"]
