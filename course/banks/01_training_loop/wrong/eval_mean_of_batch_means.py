"""evaluate averages the batch means, so a smaller last batch weighs too much.

cell: evaluate
hint: batch means were averaged
"""
def evaluate(model, loader, loss_fn):
    """Mean loss per example over `loader`, in eval mode and without autograd, as a float."""
    model.eval()                                   # dropout off
    total, count = 0.0, 0
    with torch.no_grad():                          # no graph: nothing will call backward()
        for xb, yb in loader:
            total += loss_fn(model(xb), yb).item()
            count += 1
    return total / count
