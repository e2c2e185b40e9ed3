"""The epoch's loss is measured on the whole set after the epoch, not averaged over its batches.

cell: train_numpy
hint: measured on the whole set after the epoch
"""
def train_numpy(params, X, y, optimizer, n_epochs, batch_size, seed=0):
    """Mini-batch training of the 2-layer MLP; returns {"loss": [...], "accuracy": [...], "lr": [...]}."""
    rng = np.random.default_rng(seed)
    n = len(X)
    history = {"loss": [], "accuracy": [], "lr": []}
    for epoch in range(n_epochs):
        order = rng.permutation(n)
        for start in range(0, n, batch_size):
            idx = order[start:start + batch_size]
            p, cache = forward(X[idx], params)
            bce_loss(p, y[idx])
            optimizer.step(params, backward(cache, y[idx], params))
        p_all, _ = forward(X, params)
        history["loss"].append(bce_loss(p_all, y))
        history["accuracy"].append(float(np.mean((p_all > 0.5) == y)))
        history["lr"].append(optimizer.lr)
        optimizer.end_epoch()
    return history
