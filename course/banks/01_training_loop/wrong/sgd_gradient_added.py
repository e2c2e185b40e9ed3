"""The SGD step adds the gradient instead of subtracting it.

cell: backward_and_step
hint: gradient was added instead of subtracted
"""
def backward(cache, y, params):
    """Gradients of the mean BCE loss with respect to W1, b1, W2, b2 (a dict like `params`)."""
    B = y.shape[0]
    dz2 = (cache["p"] - y) / B               # mean over the batch: each example weighs 1/B
    dW2 = cache["h"].T @ dz2
    db2 = dz2.sum(axis=0)
    dh = dz2 @ params["W2"].T
    dz1 = dh * (cache["z1"] > 0)             # the ReLU passes gradient only where it was active
    dW1 = cache["X"].T @ dz1
    db1 = dz1.sum(axis=0)
    return {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}


def sgd_step(params, grads, lr):
    """One gradient-descent step, in place: every weight moves against its gradient."""
    for name in params:
        params[name] += lr * grads[name]     # minus: the gradient points uphill
    return params
