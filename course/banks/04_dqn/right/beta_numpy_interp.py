"""np.interp between (0, beta0) and (N, 1), which holds the end value past N.

cell: beta_schedule
"""
def beta_schedule(update, total_updates, beta0):
    """Importance-sampling exponent for update number `update`: beta0 at 0, rising linearly to 1 at total_updates."""
    return float(np.interp(update, [0, total_updates], [beta0, 1.0]))
