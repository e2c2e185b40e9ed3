"""model.zero_grad(set_to_none=True) and nn.utils.clip_grad_norm_ with an infinite limit, losses kept as a tensor list then .tolist().

cell: train_one_epoch
"""
def train_one_epoch(model, loader, optimizer, loss_fn, max_grad_norm=None):
    """One pass over `loader`; returns (mean batch loss, list of pre-clip gradient norms)."""
    model.train(True)
    losses, norms = [], []
    max_norm = math.inf if max_grad_norm is None else float(max_grad_norm)
    for xb, yb in loader:
        model.zero_grad(set_to_none=True)
        loss = loss_fn(model(xb), yb)
        loss.backward()
        norms.append(nn.utils.clip_grad_norm_(model.parameters(), max_norm).item())
        optimizer.step()
        losses.append(loss.detach())
    return float(torch.stack(losses).mean()), norms
