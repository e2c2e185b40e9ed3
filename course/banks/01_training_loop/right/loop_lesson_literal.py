"""The lesson's loop: DataLoader(shuffle=True) with a seeded generator, zero_grad/forward/loss/backward/step, eval + no_grad for validation.

cell: train_loop
"""
def train_loop(model, optimizer, loss_fn, train_data, val_data, n_epochs, batch_size, seed=0):
    X_train, y_train = train_data
    X_val, y_val = val_data
    g = torch.Generator()
    g.manual_seed(seed)
    train_loader = DataLoader(TensorDataset(X_train, y_train), batch_size=batch_size, shuffle=True, generator=g)
    history = {"train_loss": [], "val_loss": []}
    for epoch in range(n_epochs):
        model.train()
        train_loss = 0.0
        for X_batch, y_batch in train_loader:
            optimizer.zero_grad()
            y_pred = model(X_batch)
            loss = loss_fn(y_pred, y_batch)
            loss.backward()
            optimizer.step()
            train_loss += loss.item()
        train_loss /= len(train_loader)
        model.eval()
        with torch.no_grad():
            val_loss = loss_fn(model(X_val), y_val).item()
        history["train_loss"].append(train_loss)
        history["val_loss"].append(val_loss)
    return history
