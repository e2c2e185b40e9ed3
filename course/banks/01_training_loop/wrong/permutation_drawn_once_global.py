"""np.random.permutation is drawn once, before the epoch loop: every epoch has the same order.

cell: train_numpy
hint: not shuffled between epochs
"""
def train_numpy(params, X, y, optimizer, n_epochs, batch_size, seed=0):
    """Mini-batch training of the 2-layer MLP; returns {"loss": [...], "accuracy": [...], "lr": [...]}."""
    n = len(X)
    order = np.random.permutation(n)
    history = {"loss": [], "accuracy": [], "lr": []}
    for epoch in range(n_epochs):
        batch_losses = []
        for start in range(0, n, batch_size):
            idx = order[start:start + batch_size]
            p, cache = forward(X[idx], params)
            batch_losses.append(bce_loss(p, y[idx]))
            optimizer.step(params, backward(cache, y[idx], params))
        p_all, _ = forward(X, params)
        history["loss"].append(float(np.mean(batch_losses)))
        history["accuracy"].append(float(np.mean((p_all > 0.5) == y)))
        history["lr"].append(optimizer.lr)
        optimizer.end_epoch()
    return history
