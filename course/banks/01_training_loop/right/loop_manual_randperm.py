"""No DataLoader: torch.randperm from a seeded generator and slices; validation in chunks under inference_mode, weighted by size.

cell: train_loop
"""
def train_loop(model, optimizer, loss_fn, train_data, val_data, n_epochs, batch_size, seed=0):
    X, y = train_data
    Xv, yv = val_data
    gen = torch.Generator().manual_seed(seed)
    out = {"train_loss": [], "val_loss": []}
    for epoch in range(n_epochs):
        model.train()
        order = torch.randperm(len(X), generator=gen)
        losses = []
        for start in range(0, len(X), batch_size):
            idx = order[start:start + batch_size]
            optimizer.zero_grad(set_to_none=True)
            loss = loss_fn(model(X[idx]), y[idx])
            loss.backward()
            optimizer.step()
            losses.append(float(loss))
        out["train_loss"].append(sum(losses) / len(losses))
        model.eval()
        total = 0.0
        with torch.inference_mode():
            for s in range(0, len(Xv), 4):
                total += loss_fn(model(Xv[s:s + 4]), yv[s:s + 4]).item() * len(Xv[s:s + 4])
        out["val_loss"].append(total / len(Xv))
    return out
