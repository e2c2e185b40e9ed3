"""A loop over the three layers' names, the transpose taken with np.transpose, ReLU with np.clip.

cell: numpy_forward
"""
def numpy_forward(states, state_dict):
    """Q-values of `states` (B, state_dim) from the state_dict of
    nn.Sequential(Linear, ReLU, Linear, ReLU, Linear), computed with NumPy. Returns (B, action_dim)."""
    x = np.asarray(states, dtype=np.float64)
    for k, i in enumerate((0, 2, 4)):
        W = state_dict[f"{i}.weight"].detach().cpu().numpy()
        b = state_dict[f"{i}.bias"].detach().cpu().numpy()
        x = x @ np.transpose(W) + b
        if k < 2:
            x = np.clip(x, 0.0, None)
    return x
