"""The loop logs the learning rate after end_epoch(), so each epoch records the next epoch's lr.

cell: train_numpy
hint: the lr was logged after the epoch was ended
"""
def train_numpy(params, X, y, optimizer, n_epochs, batch_size, seed=0):
    """Mini-batch training of the 2-layer MLP; returns {"loss": [...], "accuracy": [...], "lr": [...]}."""
    rng = np.random.default_rng(seed)
    n = len(X)
    history = {"loss": [], "accuracy": [], "lr": []}
    for epoch in range(n_epochs):
        order = rng.permutation(n)                      # a fresh order every epoch
        batch_losses = []
        for start in range(0, n, batch_size):
            idx = order[start:start + batch_size]
            p, cache = forward(X[idx], params)
            batch_losses.append(bce_loss(p, y[idx]))
            grads = backward(cache, y[idx], params)
            optimizer.step(params, grads)
        p_all, _ = forward(X, params)                   # accuracy after this epoch's updates
        history["loss"].append(float(np.mean(batch_losses)))
        history["accuracy"].append(float(np.mean((p_all > 0.5) == y)))
        optimizer.end_epoch()
        history["lr"].append(optimizer.lr)
    return history
