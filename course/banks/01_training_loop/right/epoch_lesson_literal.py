"""The lesson's loop, clipping only when max_grad_norm is given and measuring the norm by hand otherwise.

cell: train_one_epoch
"""
def train_one_epoch(model, loader, optimizer, loss_fn, max_grad_norm=None):
    """One pass over `loader`; returns (mean batch loss, list of pre-clip gradient norms)."""
    model.train()
    total_loss, n_batches, grad_norms = 0.0, 0, []
    for xb, yb in loader:
        optimizer.zero_grad()
        loss = loss_fn(model(xb), yb)
        loss.backward()
        if max_grad_norm is not None:
            norm = torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm=max_grad_norm)
        else:
            norm = torch.sqrt(sum(p.grad.pow(2).sum() for p in model.parameters() if p.grad is not None))
        optimizer.step()
        total_loss += loss.item()
        n_batches += 1
        grad_norms.append(norm.item())
    return total_loss / n_batches, grad_norms
