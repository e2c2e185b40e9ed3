"""A while loop over batches, an index array shuffled in place by a seeded generator made once.

cell: train_numpy
"""
def train_numpy(params, X, y, optimizer, n_epochs, batch_size, seed=0):
    """Mini-batch training of the 2-layer MLP; returns {"loss": [...], "accuracy": [...], "lr": [...]}."""
    rng = np.random.default_rng(seed)
    idx = np.arange(len(X))
    history = {"loss": [], "accuracy": [], "lr": []}
    epoch = 0
    while epoch < n_epochs:
        rng.shuffle(idx)                         # a new order, in place, every epoch
        total, count, start = 0.0, 0, 0
        while start < len(idx):
            batch = idx[start:start + batch_size]
            p, cache = forward(X[batch], params)
            total += bce_loss(p, y[batch]); count += 1
            optimizer.step(params, backward(cache, y[batch], params))
            start += batch_size
        correct = np.sum((forward(X, params)[0] > 0.5) == y)
        history["loss"].append(total / count)
        history["accuracy"].append(float(correct / len(X)))
        history["lr"].append(optimizer.lr)
        optimizer.end_epoch()
        epoch += 1
    return history
