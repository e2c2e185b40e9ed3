"""Gradients are clipped before loss.backward(): there is nothing to clip yet.

cell: train_one_epoch
hint: before backward()
"""
def train_one_epoch(model, loader, optimizer, loss_fn, max_grad_norm=None):
    """One pass over `loader`; returns (mean batch loss, list of pre-clip gradient norms)."""
    model.train()                                       # dropout on
    losses, norms = [], []
    limit = float("inf") if max_grad_norm is None else max_grad_norm
    for xb, yb in loader:
        optimizer.zero_grad()                           # do not add to last batch's gradients
        loss = loss_fn(model(xb), yb)
        norm = torch.nn.utils.clip_grad_norm_(model.parameters(), limit)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())                      # a float, not the tensor
        norms.append(float(norm))
    return float(np.mean(losses)), norms
