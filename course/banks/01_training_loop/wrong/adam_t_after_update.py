"""The step counter is increased after the update, so the first step divides by 1 - beta**0 = 0.

cell: adam
hint: t is increased after it is used
"""
class Adam(Optimizer):
    """Adam with bias correction, for the NumPy training loop."""

    def __init__(self, lr=0.01, beta1=0.9, beta2=0.999, eps=1e-8):
        super().__init__(lr)
        self.beta1, self.beta2, self.eps = beta1, beta2, eps
        self.t = 0
        self.m, self.v = {}, {}

    def step(self, params, grads):
        with np.errstate(all="ignore"):
            for name in params:
                g = grads[name]
                if name not in self.m:
                    self.m[name], self.v[name] = np.zeros_like(g), np.zeros_like(g)
                self.m[name] = self.beta1 * self.m[name] + (1 - self.beta1) * g
                self.v[name] = self.beta2 * self.v[name] + (1 - self.beta2) * g * g
                m_hat = self.m[name] / (1 - self.beta1 ** self.t)
                v_hat = self.v[name] / (1 - self.beta2 ** self.t)
                params[name] -= self.lr * m_hat / (np.sqrt(v_hat) + self.eps)
        self.t += 1
        return params
