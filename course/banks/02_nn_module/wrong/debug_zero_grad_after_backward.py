"""zero_grad() is called between backward() and step(), wiping the gradient.

cell: debug_zero_grad
hint: zero_grad() was called after backward()
"""
def grad_norms_over_steps(step_fn, model, optimizer, x, y, n_steps):
    norms = []
    for _ in range(n_steps):
        step_fn(model, optimizer, x, y)
        norms.append(torch.sqrt(sum((p.grad ** 2).sum() for p in model.parameters())).item())
    return norms


def train_step_fixed(model, optimizer, x, y):
    loss = F.mse_loss(model(x), y)
    loss.backward()
    optimizer.zero_grad()
    optimizer.step()
    return loss.item()
