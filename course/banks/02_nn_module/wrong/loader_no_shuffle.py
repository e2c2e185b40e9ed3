"""The loader never shuffles: shuffle is left at its default, False.

cell: make_loader
hint: does not shuffle
"""
def make_loader(states, actions, batch_size, seed):
    return DataLoader(TensorDataset(states, actions), batch_size=batch_size,
                      generator=torch.Generator().manual_seed(seed))
