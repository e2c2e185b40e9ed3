"""The accuracy is measured at the start of the epoch, before its updates.

cell: train_numpy
hint: measured before the epoch's updates
"""
def train_numpy(params, X, y, optimizer, n_epochs, batch_size, seed=0):
    """Mini-batch training of the 2-layer MLP; returns {"loss": [...], "accuracy": [...], "lr": [...]}."""
    rng = np.random.default_rng(seed)
    n = len(X)
    history = {"loss": [], "accuracy": [], "lr": []}
    for epoch in range(n_epochs):
        p_all, _ = forward(X, params)
        history["accuracy"].append(float(np.mean((p_all > 0.5) == y)))
        order = rng.permutation(n)
        batch_losses = []
        for start in range(0, n, batch_size):
            idx = order[start:start + batch_size]
            p, cache = forward(X[idx], params)
            batch_losses.append(bce_loss(p, y[idx]))
            optimizer.step(params, backward(cache, y[idx], params))
        history["loss"].append(float(np.mean(batch_losses)))
        history["lr"].append(optimizer.lr)
        optimizer.end_epoch()
    return history
