"""The NumPy forward pass forgets the output layer's bias.

cell: numpy_forward
hint: bias of layer 3 is missing
"""
def numpy_forward(states, state_dict):
    W1, b1 = state_dict["0.weight"].numpy(), state_dict["0.bias"].numpy()
    W2, b2 = state_dict["2.weight"].numpy(), state_dict["2.bias"].numpy()
    W3, b3 = state_dict["4.weight"].numpy(), state_dict["4.bias"].numpy()
    h1 = np.maximum(0.0, states @ W1.T + b1)
    h2 = np.maximum(0.0, h1 @ W2.T + b2)
    return h2 @ W3.T
