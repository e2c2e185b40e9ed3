"""The generator is re-seeded inside the epoch loop: every epoch visits the rows in the same order.

cell: train_loop
hint: order is not redrawn every epoch
"""
def train_loop(model, optimizer, loss_fn, train_data, val_data, n_epochs, batch_size, seed=0):
    X, y = train_data
    history = {"train_loss": [], "val_loss": []}
    for epoch in range(n_epochs):
        order = torch.randperm(len(X), generator=torch.Generator().manual_seed(seed))
        model.train()
        losses = []
        for start in range(0, len(X), batch_size):
            idx = order[start:start + batch_size]
            optimizer.zero_grad()
            loss = loss_fn(model(X[idx]), y[idx])
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
        model.eval()
        with torch.no_grad():
            history["val_loss"].append(loss_fn(model(val_data[0]), val_data[1]).item())
        history["train_loss"].append(float(np.mean(losses)))
    return history
