"""grad_norms_over_steps records each norm before the step instead of after it.

cell: debug_zero_grad
hint: recorded before each step_fn call
"""
def grad_norms_over_steps(step_fn, model, optimizer, x, y, n_steps):
    """Call step_fn(model, optimizer, x, y) n_steps times; after each call record the total gradient norm."""
    norms = []
    for _ in range(n_steps):
        norms.append(torch.sqrt(sum((p.grad ** 2).sum() for p in model.parameters())).item())
        step_fn(model, optimizer, x, y)
    return norms


def train_step_fixed(model, optimizer, x, y):
    """One correct training step on the mean squared error. Returns the loss as a float."""
    optimizer.zero_grad()            # forget the previous step's gradients
    loss = F.mse_loss(model(x), y)
    loss.backward()
    optimizer.step()
    return loss.item()
