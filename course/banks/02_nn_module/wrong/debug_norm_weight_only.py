"""Only the first parameter's gradient (the weight) is measured; the bias is left out.

cell: debug_zero_grad
hint: only the weight's gradient was measured
"""
def grad_norms_over_steps(step_fn, model, optimizer, x, y, n_steps):
    """Call step_fn(model, optimizer, x, y) n_steps times; after each call record the total gradient norm."""
    norms = []
    for _ in range(n_steps):
        step_fn(model, optimizer, x, y)
        norms.append(next(model.parameters()).grad.norm().item())
    return norms


def train_step_fixed(model, optimizer, x, y):
    """One correct training step on the mean squared error. Returns the loss as a float."""
    optimizer.zero_grad()
    loss = F.mse_loss(model(x), y)
    loss.backward()
    optimizer.step()
    return loss.item()
