"""The loss tensor is logged instead of loss.item().

cell: train_one_epoch
hint: loss tensor is logged instead of loss.item()
"""
def train_one_epoch(model, loader, optimizer, loss_fn, max_grad_norm=None):
    """One pass over `loader`; returns (mean batch loss, list of pre-clip gradient norms)."""
    model.train()                                       # dropout on
    losses, norms = [], []
    limit = float("inf") if max_grad_norm is None else max_grad_norm
    for xb, yb in loader:
        optimizer.zero_grad()                           # do not add to last batch's gradients
        loss = loss_fn(model(xb), yb)
        loss.backward()
        norm = torch.nn.utils.clip_grad_norm_(model.parameters(), limit)  # between backward and step
        optimizer.step()
        losses.append(loss)
        norms.append(float(norm))
    return sum(losses) / len(losses), norms
