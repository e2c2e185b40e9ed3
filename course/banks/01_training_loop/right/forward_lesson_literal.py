"""The lesson-literal form: the sigmoid written inline, the two log terms of the BCE summed and divided by B.

cell: forward_and_loss
"""
def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def forward(X, params):
    """Forward pass of the 2-layer MLP. Returns (p, cache) with p of shape (B, 1)."""
    W1, b1, W2, b2 = params["W1"], params["b1"], params["W2"], params["b2"]
    z1 = np.dot(X, W1) + b1
    h = np.maximum(z1, 0)
    z2 = np.dot(h, W2) + b2
    p = 1 / (1 + np.exp(-z2))
    return p, dict(X=X, z1=z1, h=h, z2=z2, p=p)


def bce_loss(p, y, eps=1e-9):
    """Mean binary cross-entropy of probabilities p against labels y (both (B, 1)), as a float."""
    B = y.shape[0]
    total = np.sum(y * np.log(p + eps)) + np.sum((1 - y) * np.log(1 - p + eps))
    return float(-total / B)
