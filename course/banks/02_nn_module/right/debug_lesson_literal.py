"""The lesson-literal fix (zero_grad first) and a norm built from each parameter's own norm, stacked.

cell: debug_zero_grad
"""
def grad_norms_over_steps(step_fn, model, optimizer, x, y, n_steps):
    """Call step_fn(model, optimizer, x, y) n_steps times; after each call record the total gradient norm."""
    norms = []
    for step in range(n_steps):
        step_fn(model, optimizer, x, y)
        per_param = torch.stack([p.grad.detach().norm(2) for p in model.parameters() if p.grad is not None])
        norms.append(torch.linalg.vector_norm(per_param).item())
    return norms


def train_step_fixed(model, optimizer, x, y):
    """One correct training step on the mean squared error. Returns the loss as a float."""
    optimizer.zero_grad()
    prediction = model(x)
    loss = ((prediction - y) ** 2).mean()
    loss.backward()
    optimizer.step()
    return loss.item()
