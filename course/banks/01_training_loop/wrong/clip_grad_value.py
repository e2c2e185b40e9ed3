"""clip_grad_value_ instead of clip_grad_norm_: every entry is cut on its own, the direction changes.

cell: train_one_epoch
hint: clipped element by element (clip_grad_value_)
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
            torch.nn.utils.clip_grad_value_(model.parameters(), max_grad_norm)
        optimizer.step()
        losses.append(loss.item())
    return float(np.mean(losses)), norms
