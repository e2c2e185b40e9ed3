"""The NumPy forward pass forgets the transpose: x @ W + b with nn.Linear's (out, in) weight.

cell: numpy_forward
hint: transpose is missing
"""
def numpy_forward(states, state_dict):
    W1, b1 = state_dict["0.weight"].numpy(), state_dict["0.bias"].numpy()
    W2, b2 = state_dict["2.weight"].numpy(), state_dict["2.bias"].numpy()
    W3, b3 = state_dict["4.weight"].numpy(), state_dict["4.bias"].numpy()
    h1 = np.maximum(0.0, states @ W1 + b1)
    h2 = np.maximum(0.0, h1 @ W2 + b2)
    return h2 @ W3 + b3
