"""Adam's moment estimates are re-created at every step instead of persisting.

cell: adam
hint: reset at every step
"""
class Adam(Optimizer):
    """Adam with bias correction, for the NumPy training loop."""

    def __init__(self, lr=0.01, beta1=0.9, beta2=0.999, eps=1e-8):
        super().__init__(lr)
        self.beta1, self.beta2, self.eps = beta1, beta2, eps
        self.t = 0
        self.m, self.v = {}, {}

    def step(self, params, grads):
        self.t += 1                                        # one tick per step, shared by every weight
        for name in params:
            g = grads[name]
            self.m[name], self.v[name] = np.zeros_like(g), np.zeros_like(g)
            self.m[name] = self.beta1 * self.m[name] + (1 - self.beta1) * g
            self.v[name] = self.beta2 * self.v[name] + (1 - self.beta2) * g * g
            m_hat = self.m[name] / (1 - self.beta1 ** self.t)  # bias correction
            v_hat = self.v[name] / (1 - self.beta2 ** self.t)
            params[name] -= self.lr * m_hat / (np.sqrt(v_hat) + self.eps)
        return params
