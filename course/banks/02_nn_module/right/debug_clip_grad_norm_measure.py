"""The norm measured with clip_grad_norm_(..., inf), which only measures; zero_grad(set_to_none=False).

cell: debug_zero_grad
"""
def grad_norms_over_steps(step_fn, model, optimizer, x, y, n_steps):
    """Call step_fn(model, optimizer, x, y) n_steps times; after each call record the total gradient norm."""
    out = []
    for _ in range(n_steps):
        step_fn(model, optimizer, x, y)
        out.append(float(nn.utils.clip_grad_norm_(model.parameters(), float("inf"))))
    return out


def train_step_fixed(model, optimizer, x, y):
    """One correct training step on the mean squared error. Returns the loss as a float."""
    optimizer.zero_grad(set_to_none=False)
    loss = F.mse_loss(model(x), y)
    loss.backward()
    optimizer.step()
    return loss.item()
