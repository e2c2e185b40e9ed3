"""The lesson's early-stopping bookkeeping: best_val_loss starts at infinity, updated from the loaded history.

cell: fit
"""
def fit(model, train_loader, val_loader, optimizer, loss_fn, n_epochs, scheduler=None,
        max_grad_norm=None, ckpt_dir="checkpoints", resume=False):
    """Train with logging, best-model tracking and checkpoints; the model ends with the best weights."""
    os.makedirs(ckpt_dir, exist_ok=True)
    latest_path = os.path.join(ckpt_dir, "latest.pt")
    best_path = os.path.join(ckpt_dir, "best.pt")
    history = {"train_loss": [], "val_loss": [], "lr": []}
    start_epoch = 0
    best_val_loss = float("inf")
    if resume and os.path.isfile(latest_path):
        start_epoch, history = load_checkpoint(latest_path, model, optimizer, scheduler)
        if history["val_loss"]:
            best_val_loss = min(history["val_loss"])
    for epoch in range(start_epoch, n_epochs):
        current_lr = optimizer.param_groups[0]["lr"]
        train_loss, grad_norms = train_one_epoch(model, train_loader, optimizer, loss_fn, max_grad_norm=max_grad_norm)
        val_loss = evaluate(model, val_loader, loss_fn)
        history["train_loss"].append(train_loss)
        history["val_loss"].append(val_loss)
        history["lr"].append(current_lr)
        if scheduler is not None:
            scheduler.step()
        if val_loss < best_val_loss:
            best_val_loss = val_loss
            torch.save(model.state_dict(), best_path)
        save_checkpoint(latest_path, model, optimizer, scheduler, epoch, history)
    model.load_state_dict(torch.load(best_path, weights_only=True))
    return history
