"""A RandomSampler with its own seeded generator, passed as the sampler (no shuffle flag).

cell: make_loader
"""
def make_loader(states, actions, batch_size, seed):
    from torch.utils.data import RandomSampler
    pairs = TensorDataset(states, actions)
    sampler = RandomSampler(pairs, generator=torch.Generator().manual_seed(seed))
    return DataLoader(pairs, batch_size=batch_size, sampler=sampler, drop_last=False)
