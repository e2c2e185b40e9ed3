"""Only full batches are used: the last, smaller batch of every epoch is dropped.

cell: train_numpy
hint: last, smaller batch was dropped
"""
def train_numpy(params, X, y, optimizer, n_epochs, batch_size, seed=0):
    """Mini-batch training of the 2-layer MLP; returns {"loss": [...], "accuracy": [...], "lr": [...]}."""
    rng = np.random.default_rng(seed)
    n = len(X)
    history = {"loss": [], "accuracy": [], "lr": []}
    for epoch in range(n_epochs):
        order = rng.permutation(n)
        batch_losses = []
        for b in range(n // batch_size):
            idx = order[b * batch_size:(b + 1) * batch_size]
            p, cache = forward(X[idx], params)
            batch_losses.append(bce_loss(p, y[idx]))
            optimizer.step(params, backward(cache, y[idx], params))
        p_all, _ = forward(X, params)
        history["loss"].append(float(np.mean(batch_losses)))
        history["accuracy"].append(float(np.mean((p_all > 0.5) == y)))
        history["lr"].append(optimizer.lr)
        optimizer.end_epoch()
    return history
