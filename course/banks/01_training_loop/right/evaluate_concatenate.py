"""All predictions and targets concatenated, then one loss over every example (no weighting needed).

cell: evaluate
"""
@torch.no_grad()
def evaluate(model, loader, loss_fn):
    """Mean loss per example over `loader`, in eval mode and without autograd, as a float."""
    model.eval()
    outputs, targets = [], []
    for xb, yb in loader:
        outputs.append(model(xb))
        targets.append(yb)
    return loss_fn(torch.cat(outputs), torch.cat(targets)).item()
