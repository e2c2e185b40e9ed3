"""The size-weighted total loss is divided by the number of batches, not of examples.

cell: evaluate
hint: divided by the number of batches
"""
def evaluate(model, loader, loss_fn):
    """Mean loss per example over `loader`, in eval mode and without autograd, as a float."""
    model.eval()
    total = 0.0
    with torch.no_grad():
        for xb, yb in loader:
            total += loss_fn(model(xb), yb).item() * len(xb)
    return total / len(loader)
