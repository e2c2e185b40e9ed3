"""The lesson-literal fix W = W - lr * dW, rebinding each dict entry rather than updating the array in place.

cell: debug_descent
"""
def full_batch_descent(params, X, y, n_steps=60, lr=0.5):
    """Full-batch gradient descent; returns the loss before each of the n_steps updates."""
    losses = []
    step = 0
    while step < n_steps:
        p, cache = forward(X, params)
        losses.append(bce_loss(p, y))
        grads = backward(cache, y, params)
        for name in list(params):
            params[name] = params[name] - lr * grads[name]
        step += 1
    return losses
