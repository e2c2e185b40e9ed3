"""The hidden layer has no ReLU: the network is one linear map squashed by a sigmoid.

cell: forward_and_loss
hint: ReLU is missing on the hidden layer
"""
def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def forward(X, params):
    """Forward pass of the 2-layer MLP. Returns (p, cache) with p of shape (B, 1)."""
    z1 = X @ params["W1"] + params["b1"]
    h = z1
    z2 = h @ params["W2"] + params["b2"]
    p = sigmoid(z2)
    return p, {"X": X, "z1": z1, "h": h, "z2": z2, "p": p}


def bce_loss(p, y, eps=1e-9):
    """Mean binary cross-entropy of probabilities p against labels y (both (B, 1)), as a float."""
    return float(-np.mean(y * np.log(p + eps) + (1 - y) * np.log(1 - p + eps)))
