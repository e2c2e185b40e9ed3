"""The generator is seeded with a constant: every seed gives the same orders.

cell: make_loader
hint: the seed is ignored
"""
def make_loader(states, actions, batch_size, seed):
    return DataLoader(TensorDataset(states, actions), batch_size=batch_size, shuffle=True,
                      generator=torch.Generator().manual_seed(0))
