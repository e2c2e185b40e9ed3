"""The central difference divided by eps instead of 2 * eps: every slope twice too large.

cell: gradient_check
hint: divided by eps instead of 2 * eps
"""
def numerical_gradient(loss_fn, params, eps=1e-5):
    numeric = {}
    for name, w in params.items():
        g = np.zeros_like(w)
        for idx in np.ndindex(w.shape):
            old = w[idx]
            w[idx] = old + eps
            up = loss_fn(params)
            w[idx] = old - eps
            down = loss_fn(params)
            w[idx] = old
            g[idx] = (up - down) / eps
        numeric[name] = g
    return numeric


def relative_error(analytic, numeric):
    worst = 0.0
    for name in analytic:
        a, n = analytic[name], numeric[name]
        worst = max(worst, float(np.max(np.abs(a - n) / np.maximum(np.abs(a) + np.abs(n), 1e-12))))
    return worst
