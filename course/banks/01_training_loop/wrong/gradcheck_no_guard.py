"""The relative error without a guard in the denominator: two zero gradients give 0 / 0 = nan.

cell: gradient_check
hint: no guard in the denominator
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
            g[idx] = (up - down) / (2 * eps)
        numeric[name] = g
    return numeric


def relative_error(analytic, numeric):
    worst = 0.0
    for name in analytic:
        a, n = analytic[name], numeric[name]
        with np.errstate(invalid="ignore"):
            worst = max(worst, float(np.max(np.abs(a - n) / (np.abs(a) + np.abs(n)))))
    return worst
