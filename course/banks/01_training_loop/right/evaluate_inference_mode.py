"""torch.inference_mode() instead of no_grad(), and len(loader.dataset) as the number of examples.

cell: evaluate
"""
def evaluate(model, loader, loss_fn):
    """Mean loss per example over `loader`, in eval mode and without autograd, as a float."""
    model.eval()
    total = 0.0
    with torch.inference_mode():
        for xb, yb in loader:
            total += loss_fn(model(xb), yb).item() * xb.shape[0]
    return total / len(loader.dataset)
