"""sync_target assigns the online network's layers to the target, so they share tensors from then on.

cell: target_network
hint: load_state_dict copies values
"""
def make_target(online):
    return copy.deepcopy(online)


def sync_target(target, online):
    for name, module in online.named_children():
        setattr(target, name, module)
