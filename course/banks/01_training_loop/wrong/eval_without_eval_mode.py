"""Validation without model.eval(): dropout still active.

cell: evaluate
hint: without model.eval()
"""
def evaluate(model, loader, loss_fn):
    """Mean loss per example over `loader`, in eval mode and without autograd, as a float."""
    total, count = 0.0, 0
    with torch.no_grad():                          # no graph: nothing will call backward()
        for xb, yb in loader:
            total += loss_fn(model(xb), yb).item() * len(xb)
            count += len(xb)
    return total / count
