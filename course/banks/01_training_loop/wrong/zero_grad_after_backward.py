"""zero_grad() sits between backward() and step(): every step uses a zero gradient.

cell: train_one_epoch
hint: zero_grad() runs between backward() and step()
"""
def train_one_epoch(model, loader, optimizer, loss_fn, max_grad_norm=None):
    """One pass over `loader`; returns (mean batch loss, list of pre-clip gradient norms)."""
    model.train()
    losses, norms = [], []
    limit = float("inf") if max_grad_norm is None else max_grad_norm
    for xb, yb in loader:
        loss = loss_fn(model(xb), yb)
        loss.backward()
        norm = torch.nn.utils.clip_grad_norm_(model.parameters(), limit)
        optimizer.zero_grad()
        optimizer.step()
        losses.append(loss.item())
        norms.append(float(norm))
    return float(np.mean(losses)), norms
