"""ReLU with np.where, the mean loss with .mean() on an array expression, the cache filled as it goes.

cell: forward_and_loss
"""
def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def forward(X, params):
    """Forward pass of the 2-layer MLP. Returns (p, cache) with p of shape (B, 1)."""
    cache = {"X": X}
    cache["z1"] = X @ params["W1"] + params["b1"]
    cache["h"] = np.where(cache["z1"] > 0, cache["z1"], 0.0)
    cache["z2"] = cache["h"] @ params["W2"] + params["b2"]
    cache["p"] = sigmoid(cache["z2"])
    return cache["p"], cache


def bce_loss(p, y, eps=1e-9):
    """Mean binary cross-entropy of probabilities p against labels y (both (B, 1)), as a float."""
    per_example = y * np.log(p + eps) + (1.0 - y) * np.log(1.0 - p + eps)
    return -per_example.mean().item()
