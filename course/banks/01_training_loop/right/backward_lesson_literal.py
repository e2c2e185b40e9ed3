"""The lesson's table line by line, the ReLU mask as a float array, SGD over params.items().

cell: backward_and_step
"""
def backward(cache, y, params):
    """Gradients of the mean BCE loss with respect to W1, b1, W2, b2 (a dict like `params`)."""
    B = len(y)
    dz2 = (cache["p"] - y) / B
    dW2 = np.dot(cache["h"].T, dz2)
    db2 = np.sum(dz2, axis=0)
    dh = np.dot(dz2, params["W2"].T)
    dz1 = dh * (cache["z1"] > 0).astype(float)
    dW1 = np.dot(cache["X"].T, dz1)
    db1 = np.sum(dz1, axis=0)
    return dict(W1=dW1, b1=db1, W2=dW2, b2=db2)


def sgd_step(params, grads, lr):
    """One gradient-descent step, in place: every weight moves against its gradient."""
    for name, value in params.items():
        value -= lr * grads[name]
    return params
