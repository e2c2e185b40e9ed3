"""A while loop over epochs, pathlib paths, the best epoch found by comparing with min of the history so far.

cell: fit
"""
from pathlib import Path

def fit(model, train_loader, val_loader, optimizer, loss_fn, n_epochs, scheduler=None,
        max_grad_norm=None, ckpt_dir="checkpoints", resume=False):
    """Train with logging, best-model tracking and checkpoints; the model ends with the best weights."""
    folder = Path(ckpt_dir)
    folder.mkdir(parents=True, exist_ok=True)
    latest, best = folder / "latest.pt", folder / "best.pt"
    epoch, history = 0, {"train_loss": [], "val_loss": [], "lr": []}
    if resume and latest.exists():
        epoch, history = load_checkpoint(str(latest), model, optimizer, scheduler)
    while epoch < n_epochs:
        lr = optimizer.param_groups[0]["lr"]
        train_loss = train_one_epoch(model, train_loader, optimizer, loss_fn, max_grad_norm)[0]
        val_loss = evaluate(model, val_loader, loss_fn)
        earlier = history["val_loss"]
        is_best = not earlier or val_loss < min(earlier)
        history["train_loss"].append(float(train_loss))
        history["val_loss"].append(float(val_loss))
        history["lr"].append(float(lr))
        if scheduler:
            scheduler.step()
        if is_best:
            torch.save(model.state_dict(), str(best))
        save_checkpoint(str(latest), model, optimizer, scheduler, epoch, history)
        epoch += 1
    model.load_state_dict(torch.load(str(best), weights_only=True))
    return history
