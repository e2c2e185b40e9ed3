"""A one-sided difference with a large epsilon: (f(w + eps) - f(w)) / eps with eps = 1e-3.

cell: gradient_check
hint: one-sided
"""
def numerical_gradient(loss_fn, params, eps=1e-5):
    eps = 1e-3
    base = loss_fn(params)
    numeric = {}
    for name, w in params.items():
        g = np.zeros_like(w)
        for idx in np.ndindex(w.shape):
            old = w[idx]
            w[idx] = old + eps
            g[idx] = (loss_fn(params) - base) / eps
            w[idx] = old
        numeric[name] = g
    return numeric


def relative_error(analytic, numeric):
    worst = 0.0
    for name in analytic:
        a, n = analytic[name], numeric[name]
        worst = max(worst, float(np.max(np.abs(a - n) / np.maximum(np.abs(a) + np.abs(n), 1e-12))))
    return worst
