"""The lesson's form: TensorDataset, DataLoader(shuffle=True) and a generator seeded with manual_seed.

cell: make_loader
"""
def make_loader(states, actions, batch_size, seed):
    dataset = TensorDataset(states, actions)
    g = torch.Generator()
    g.manual_seed(seed)
    return DataLoader(dataset, batch_size=batch_size, shuffle=True, generator=g)
