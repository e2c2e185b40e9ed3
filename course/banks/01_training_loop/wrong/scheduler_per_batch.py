"""The epoch scheduler is stepped after every batch instead of once per epoch.

cell: fit
hint: stepped per batch
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
        lr_now = optimizer.param_groups[0]["lr"]
        model.train()
        batch_losses = []
        for xb, yb in train_loader:
            optimizer.zero_grad()
            loss = loss_fn(model(xb), yb)
            loss.backward()
            if max_grad_norm is not None:
                torch.nn.utils.clip_grad_norm_(model.parameters(), max_grad_norm)
            optimizer.step()
            if scheduler is not None:
                scheduler.step()
            batch_losses.append(loss.item())
        train_loss = float(np.mean(batch_losses))
        val_loss = evaluate(model, val_loader, loss_fn)
        history["train_loss"].append(train_loss)
        history["val_loss"].append(val_loss)
        history["lr"].append(lr_now)
        if val_loss < best_val:
            best_val = val_loss
            torch.save(model.state_dict(), best)                 # weights only
        save_checkpoint(latest, model, optimizer, scheduler, epoch, history)
    model.load_state_dict(torch.load(best, weights_only=True))  # hand back the best, not the last
    return history
