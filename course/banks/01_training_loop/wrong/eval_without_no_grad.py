"""Validation without torch.no_grad(): autograd records a graph for nothing.

cell: evaluate
hint: without torch.no_grad()
"""
def evaluate(model, loader, loss_fn):
    """Mean loss per example over `loader`, in eval mode and without autograd, as a float."""
    model.eval()                                   # dropout off
    total, count = 0.0, 0
    for xb, yb in loader:
        total += loss_fn(model(xb), yb).item() * len(xb)
        count += len(xb)
    return total / count
