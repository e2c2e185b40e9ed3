"""self.net built from a list of sizes with nn.Sequential(*layers), the final ReLU dropped from the list.

cell: q_network
"""
class QNetwork(nn.Module):
    """Maps states (B, state_dim) to one Q-value per action (B, action_dim), in one pass."""

    def __init__(self, state_dim, action_dim, hidden_dim=128):
        super().__init__()
        sizes = [state_dim, hidden_dim, hidden_dim, action_dim]
        layers = []
        for n_in, n_out in zip(sizes[:-1], sizes[1:]):
            layers += [nn.Linear(n_in, n_out), nn.ReLU(inplace=True)]
        self.net = nn.Sequential(*layers[:-1])

    def forward(self, x):
        return self.net(x.float())
