"""X and y are each shuffled with their own np.random.permutation: the pairs are broken.

cell: train_numpy
hint: labels are not permuted together with the inputs
"""
def train_numpy(params, X, y, optimizer, n_epochs, batch_size, seed=0):
    """Mini-batch training of the 2-layer MLP; returns {"loss": [...], "accuracy": [...], "lr": [...]}."""
    n = len(X)
    history = {"loss": [], "accuracy": [], "lr": []}
    for epoch in range(n_epochs):
        Xs = X[np.random.permutation(n)]
        ys = y[np.random.permutation(n)]
        losses = []
        for start in range(0, n, batch_size):
            p, cache = forward(Xs[start:start + batch_size], params)
            losses.append(bce_loss(p, ys[start:start + batch_size]))
            optimizer.step(params, backward(cache, ys[start:start + batch_size], params))
        history["loss"].append(float(np.mean(losses)))
        history["accuracy"].append(float(np.mean((forward(X, params)[0] > 0.5) == y)))
        history["lr"].append(optimizer.lr)
        optimizer.end_epoch()
    return history
