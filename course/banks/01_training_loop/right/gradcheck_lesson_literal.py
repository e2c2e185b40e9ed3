"""The lesson's form: nudge up, nudge down, put back, central difference; a guarded ratio, the worst entry.

cell: gradient_check
"""
def numerical_gradient(loss_fn, params, eps=1e-5):
    numeric = {}
    for name, w in params.items():
        g = np.zeros_like(w)
        for idx in np.ndindex(w.shape):
            old = w[idx]
            w[idx] = old + eps
            f_plus = loss_fn(params)
            w[idx] = old - eps
            f_minus = loss_fn(params)
            w[idx] = old
            g[idx] = (f_plus - f_minus) / (2 * eps)
        numeric[name] = g
    return numeric


def relative_error(analytic, numeric):
    errors = []
    for name in analytic:
        diff = np.abs(analytic[name] - numeric[name])
        errors.append(np.max(diff / (np.abs(analytic[name]) + np.abs(numeric[name]) + 1e-12)))
    return float(max(errors))
