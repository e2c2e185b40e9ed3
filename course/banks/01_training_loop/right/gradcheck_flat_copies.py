"""A flat index over each array, nudged copies of the whole dict (params never touched), np.divide with where= as the guard.

cell: gradient_check
"""
def numerical_gradient(loss_fn, params, eps=1e-5):
    out = {}
    for name in params:
        flat = params[name].reshape(-1)
        grad = np.empty(flat.size)
        for i in range(flat.size):
            shifted = []
            for sign in (+1.0, -1.0):
                trial = dict(params)
                moved = flat.copy()
                moved[i] += sign * eps
                trial[name] = moved.reshape(params[name].shape)
                shifted.append(loss_fn(trial))
            grad[i] = (shifted[0] - shifted[1]) / (2.0 * eps)
        out[name] = grad.reshape(params[name].shape)
    return out


def relative_error(analytic, numeric):
    worst = 0.0
    for name in analytic:
        num = np.abs(analytic[name] - numeric[name])
        den = np.abs(analytic[name]) + np.abs(numeric[name])
        ratio = np.divide(num, den, out=np.zeros_like(num, dtype=float), where=den > 0)
        worst = max(worst, float(ratio.max()))
    return worst
