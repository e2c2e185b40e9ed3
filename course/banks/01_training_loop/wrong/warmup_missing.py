"""No warm-up: the factor is the cosine from epoch 0 on, shifted by the warm-up length.

cell: warmup_schedule
hint: there is no warm-up
"""
def make_warmup_cosine(optimizer, warmup_epochs, total_epochs):
    """LambdaLR: linear warm-up over `warmup_epochs`, then cosine decay until `total_epochs`."""
    def factor(epoch):
        progress = max(0, epoch - warmup_epochs) / (total_epochs - warmup_epochs)
        return 0.5 * (1.0 + math.cos(math.pi * progress))
    return torch.optim.lr_scheduler.LambdaLR(optimizer, lr_lambda=factor)
