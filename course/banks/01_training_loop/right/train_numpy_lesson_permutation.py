"""The lesson's hint literally: np.random.permutation(n) from NumPy's global generator (seed unused).

cell: train_numpy
"""
def train_numpy(params, X, y, optimizer, n_epochs, batch_size, seed=0):
    """Mini-batch training of the 2-layer MLP; returns {"loss": [...], "accuracy": [...], "lr": [...]}."""
    n = X.shape[0]
    history = {"loss": [], "accuracy": [], "lr": []}
    for epoch in range(n_epochs):
        perm = np.random.permutation(n)          # shuffle at the start of each epoch
        X_shuf, y_shuf = X[perm], y[perm]
        epoch_losses = []
        for i in range(0, n, batch_size):
            X_batch, y_batch = X_shuf[i:i + batch_size], y_shuf[i:i + batch_size]
            p, cache = forward(X_batch, params)
            epoch_losses.append(bce_loss(p, y_batch))
            grads = backward(cache, y_batch, params)
            optimizer.step(params, grads)
        history["loss"].append(float(np.mean(epoch_losses)))
        preds = (forward(X, params)[0] > 0.5).astype(float)
        history["accuracy"].append(float((preds == y).mean()))
        history["lr"].append(float(optimizer.lr))
        optimizer.end_epoch()
    return history
