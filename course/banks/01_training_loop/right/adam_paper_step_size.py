"""The Adam paper's efficient form: the bias corrections folded into one step size, state in a dict per weight.

cell: adam
"""
class Adam(Optimizer):
    """Adam with bias correction, for the NumPy training loop."""

    def __init__(self, lr=0.01, beta1=0.9, beta2=0.999, eps=1e-8):
        super().__init__(lr)
        self.betas = (beta1, beta2)
        self.eps = eps
        self.state = {}
        self.steps = 0

    def step(self, params, grads):
        b1, b2 = self.betas
        self.steps += 1
        step_size = self.lr * np.sqrt(1 - b2 ** self.steps) / (1 - b1 ** self.steps)
        for name in params:
            s = self.state.get(name) or {"m": 0.0, "v": 0.0}
            s["m"] = b1 * s["m"] + (1 - b1) * grads[name]
            s["v"] = b2 * s["v"] + (1 - b2) * np.square(grads[name])
            self.state[name] = s
            params[name] -= step_size * s["m"] / (np.sqrt(s["v"]) + self.eps * np.sqrt(1 - b2 ** self.steps))
        return params
