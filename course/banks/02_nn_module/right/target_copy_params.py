"""Syncing parameter by parameter with copy_ under no_grad (a hard update), the copy frozen with requires_grad_(False).

cell: target_network
"""
def make_target(online):
    """An independent copy of `online`: same architecture and weights, no shared tensors."""
    target = copy.deepcopy(online)
    for p in target.parameters():
        p.requires_grad_(False)           # the target is never trained
    return target


@torch.no_grad()
def sync_target(target, online):
    """Copy the online network's current weights into `target`, in place."""
    for t_param, o_param in zip(target.parameters(), online.parameters()):
        t_param.copy_(o_param)
    for t_buf, o_buf in zip(target.buffers(), online.buffers()):
        t_buf.copy_(o_buf)
