"""torch.randperm with a torch.Generator seeded from `seed`, indices turned into a NumPy array.

cell: train_numpy
"""
def train_numpy(params, X, y, optimizer, n_epochs, batch_size, seed=0):
    """Mini-batch training of the 2-layer MLP; returns {"loss": [...], "accuracy": [...], "lr": [...]}."""
    gen = torch.Generator().manual_seed(seed)
    history = {"loss": [], "accuracy": [], "lr": []}
    for epoch in range(n_epochs):
        order = torch.randperm(len(X), generator=gen).numpy()
        lr_now = optimizer.lr
        losses = []
        for idx in np.array_split(order, range(batch_size, len(X), batch_size)):
            p, cache = forward(X[idx], params)
            losses.append(bce_loss(p, y[idx]))
            optimizer.step(params, backward(cache, y[idx], params))
        p_all, _ = forward(X, params)
        history["loss"].append(sum(losses) / len(losses))
        history["accuracy"].append(float(np.mean((p_all > 0.5) == (y > 0.5))))
        history["lr"].append(lr_now)
        optimizer.end_epoch()
    return history
