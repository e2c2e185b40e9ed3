"""The warm-up factor is epoch / warmup_epochs, so epoch 0 trains with LR 0.

cell: warmup_schedule
hint: warm-up starts at 0
"""
def make_warmup_cosine(optimizer, warmup_epochs, total_epochs):
    """LambdaLR: linear warm-up over `warmup_epochs`, then cosine decay until `total_epochs`."""
    def factor(epoch):
        if epoch < warmup_epochs:
            return epoch / warmup_epochs
        progress = (epoch - warmup_epochs) / (total_epochs - warmup_epochs)
        return 0.5 * (1.0 + math.cos(math.pi * progress))
    return torch.optim.lr_scheduler.LambdaLR(optimizer, lr_lambda=factor)
