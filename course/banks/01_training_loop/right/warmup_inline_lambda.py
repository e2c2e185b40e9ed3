"""A one-line lambda with a conditional expression, LambdaLR imported by name.

cell: warmup_schedule
"""
from torch.optim.lr_scheduler import LambdaLR

def make_warmup_cosine(optimizer, warmup_epochs, total_epochs):
    """LambdaLR: linear warm-up over `warmup_epochs`, then cosine decay until `total_epochs`."""
    cosine_len = total_epochs - warmup_epochs
    return LambdaLR(optimizer, lambda e: (e + 1) / warmup_epochs if e < warmup_epochs
                    else 0.5 * (1 + math.cos(math.pi * (e - warmup_epochs) / cosine_len)))
