"""The warm-up as min(1, (e + 1) / warmup), the cosine with NumPy, a named inner function.

cell: warmup_schedule
"""
def make_warmup_cosine(optimizer, warmup_epochs, total_epochs):
    """LambdaLR: linear warm-up over `warmup_epochs`, then cosine decay until `total_epochs`."""
    def lr_factor(epoch):
        if epoch >= warmup_epochs:
            t = (epoch - warmup_epochs) / (total_epochs - warmup_epochs)
            return float(0.5 * (1.0 + np.cos(np.pi * t)))
        return min(1.0, (epoch + 1) / warmup_epochs)
    return torch.optim.lr_scheduler.LambdaLR(optimizer, lr_factor)
