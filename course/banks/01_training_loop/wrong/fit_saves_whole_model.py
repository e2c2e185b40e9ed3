"""best.pt holds the pickled model (torch.save(model)) instead of its state_dict.

cell: fit
hint: whole model was saved
"""
def fit(model, train_loader, val_loader, optimizer, loss_fn, n_epochs, scheduler=None,
        max_grad_norm=None, ckpt_dir="checkpoints", resume=False):
    """Train with logging, best-model tracking and checkpoints; the model ends with the best weights."""
    latest, best = os.path.join(ckpt_dir, "latest.pt"), os.path.join(ckpt_dir, "best.pt")
    os.makedirs(ckpt_dir, exist_ok=True)
    start, history = 0, {"train_loss": [], "val_loss": [], "lr": []}
    if resume and os.path.exists(latest):
        start, history = load_checkpoint(latest, model, optimizer, scheduler)
    best_val = min(history["val_loss"], default=float("inf"))
    for epoch in range(start, n_epochs):
        train_loss, _ = train_one_epoch(model, train_loader, optimizer, loss_fn, max_grad_norm)
        val_loss = evaluate(model, val_loader, loss_fn)
        history["train_loss"].append(train_loss)
        history["val_loss"].append(val_loss)
        history["lr"].append(optimizer.param_groups[0]["lr"])   # the rate this epoch used
        if scheduler is not None:
            scheduler.step()                                     # once per epoch
        if val_loss < best_val:
            best_val = val_loss
            torch.save(model, best)
        save_checkpoint(latest, model, optimizer, scheduler, epoch, history)
    model.load_state_dict(torch.load(best, weights_only=False).state_dict())
    return history
