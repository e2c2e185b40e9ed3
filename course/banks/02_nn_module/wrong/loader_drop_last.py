"""drop_last=True: the last, smaller batch is lost every epoch.

cell: make_loader
hint: drop_last=True
"""
def make_loader(states, actions, batch_size, seed):
    return DataLoader(TensorDataset(states, actions), batch_size=batch_size, shuffle=True, drop_last=True,
                      generator=torch.Generator().manual_seed(seed))
