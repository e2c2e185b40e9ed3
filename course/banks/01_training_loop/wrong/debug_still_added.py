"""The debug exercise left as it was: the gradient is still added.

cell: debug_descent
hint: still added instead of subtracted
"""
def full_batch_descent(params, X, y, n_steps=60, lr=0.5):
    """Full-batch gradient descent; returns the loss before each of the n_steps updates."""
    losses = []
    for _ in range(n_steps):
        p, cache = forward(X, params)
        losses.append(bce_loss(p, y))
        grads = backward(cache, y, params)
        for name in params:
            params[name] += lr * grads[name]
    return losses
