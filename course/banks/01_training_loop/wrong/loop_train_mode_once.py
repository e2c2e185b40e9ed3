"""model.train() once before the loop: after the first validation every epoch trains in eval mode.

cell: train_loop
hint: model.train() is missing at the start of each epoch
"""
def train_loop(model, optimizer, loss_fn, train_data, val_data, n_epochs, batch_size, seed=0):
    loader = DataLoader(TensorDataset(*train_data), batch_size=batch_size, shuffle=True,
                        generator=torch.Generator().manual_seed(seed))
    history = {"train_loss": [], "val_loss": []}
    model.train()
    for epoch in range(n_epochs):
        losses = []
        for xb, yb in loader:
            optimizer.zero_grad()
            loss = loss_fn(model(xb), yb)
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
        model.eval()
        with torch.no_grad():
            history["val_loss"].append(loss_fn(model(val_data[0]), val_data[1]).item())
        history["train_loss"].append(float(np.mean(losses)))
    return history
