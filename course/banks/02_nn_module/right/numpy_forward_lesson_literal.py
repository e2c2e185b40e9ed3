"""The lesson's NumPy mapping literally: W as (out, in), so each layer is W @ x for a column of states.

cell: numpy_forward
"""
def numpy_forward(states, state_dict):
    """Q-values of `states` (B, state_dim) from the state_dict of
    nn.Sequential(Linear, ReLU, Linear, ReLU, Linear), computed with NumPy. Returns (B, action_dim)."""
    sd = {k: v.numpy() for k, v in state_dict.items()}
    cols = states.T                                            # (state_dim, B)
    h1 = np.maximum(0, sd["0.weight"] @ cols + sd["0.bias"][:, None])
    h2 = np.maximum(0, sd["2.weight"] @ h1 + sd["2.bias"][:, None])
    q = sd["4.weight"] @ h2 + sd["4.bias"][:, None]
    return q.T
