"""The inputs are taken in the shuffled order, the labels in the stored order.

cell: train_numpy
hint: labels are not permuted together with the inputs
"""
def train_numpy(params, X, y, optimizer, n_epochs, batch_size, seed=0):
    """Mini-batch training of the 2-layer MLP; returns {"loss": [...], "accuracy": [...], "lr": [...]}."""
    rng = np.random.default_rng(seed)
    n = len(X)
    history = {"loss": [], "accuracy": [], "lr": []}
    for epoch in range(n_epochs):
        order = rng.permutation(n)
        batch_losses = []
        for start in range(0, n, batch_size):
            Xb = X[order[start:start + batch_size]]
            yb = y[start:start + batch_size]
            p, cache = forward(Xb, params)
            batch_losses.append(bce_loss(p, yb))
            optimizer.step(params, backward(cache, yb, params))
        p_all, _ = forward(X, params)
        history["loss"].append(float(np.mean(batch_losses)))
        history["accuracy"].append(float(np.mean((p_all > 0.5) == y)))
        history["lr"].append(optimizer.lr)
        optimizer.end_epoch()
    return history
