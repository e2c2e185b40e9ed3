"""Each parameter tensor is clipped to max_grad_norm on its own, not all gradients together.

cell: train_one_epoch
hint: each parameter tensor was clipped to the norm on its own
"""
def train_one_epoch(model, loader, optimizer, loss_fn, max_grad_norm=None):
    """One pass over `loader`; returns (mean batch loss, list of pre-clip gradient norms)."""
    model.train()
    losses, norms = [], []
    for xb, yb in loader:
        optimizer.zero_grad()
        loss = loss_fn(model(xb), yb)
        loss.backward()
        norms.append(float(torch.nn.utils.clip_grad_norm_(model.parameters(), float("inf"))))
        if max_grad_norm is not None:
            for p in model.parameters():
                torch.nn.utils.clip_grad_norm_(p, max_grad_norm)
        optimizer.step()
        losses.append(loss.item())
    return float(np.mean(losses)), norms
