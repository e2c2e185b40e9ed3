"""The output error is written y - p instead of p - y: every gradient has the wrong sign.

cell: backward_and_step
hint: sign of dz2 is flipped
"""
def backward(cache, y, params):
    """Gradients of the mean BCE loss with respect to W1, b1, W2, b2 (a dict like `params`)."""
    B = y.shape[0]
    dz2 = (y - cache["p"]) / B
    dW2 = cache["h"].T @ dz2
    db2 = dz2.sum(axis=0)
    dz1 = (dz2 @ params["W2"].T) * (cache["z1"] > 0)
    return {"W1": cache["X"].T @ dz1, "b1": dz1.sum(axis=0), "W2": dW2, "b2": db2}


def sgd_step(params, grads, lr):
    """One gradient-descent step, in place: every weight moves against its gradient."""
    for name in params:
        params[name] -= lr * grads[name]
    return params
