"""The 1/B applied at the end (sum over the batch, then divide each gradient), np.subtract(out=) for the step.

cell: backward_and_step
"""
def backward(cache, y, params):
    """Gradients of the mean BCE loss with respect to W1, b1, W2, b2 (a dict like `params`)."""
    delta2 = cache["p"] - y
    delta1 = (delta2 @ params["W2"].T) * np.heaviside(cache["z1"], 0.0)
    sums = {"W2": cache["h"].T @ delta2, "b2": delta2.sum(0),
            "W1": cache["X"].T @ delta1, "b1": delta1.sum(0)}
    return {name: g / y.shape[0] for name, g in sums.items()}


def sgd_step(params, grads, lr):
    """One gradient-descent step, in place: every weight moves against its gradient."""
    for name in params:
        np.subtract(params[name], lr * grads[name], out=params[name])
    return params
