"""Each entry is nudged up and down but never put back: it stays at w - eps.

cell: gradient_check
hint: not put back
"""
def numerical_gradient(loss_fn, params, eps=1e-5):
    numeric = {}
    for name, w in params.items():
        g = np.zeros_like(w)
        for idx in np.ndindex(w.shape):
            w[idx] += eps
            up = loss_fn(params)
            w[idx] -= 2 * eps
            down = loss_fn(params)
            g[idx] = (up - down) / (2 * eps)
        numeric[name] = g
    return numeric


def relative_error(analytic, numeric):
    worst = 0.0
    for name in analytic:
        a, n = analytic[name], numeric[name]
        worst = max(worst, float(np.max(np.abs(a - n) / np.maximum(np.abs(a) + np.abs(n), 1e-12))))
    return worst
