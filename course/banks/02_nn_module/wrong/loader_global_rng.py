"""shuffle=True without a generator of its own: the orders follow torch's global random state.

cell: make_loader
hint: global random state
"""
def make_loader(states, actions, batch_size, seed):
    return DataLoader(TensorDataset(states, actions), batch_size=batch_size, shuffle=True)
