"""Layers built in a loop from a list of sizes, and the softmax kept as an nn.Softmax module outside self.net.

cell: policy_network
"""
class PolicyNetwork(nn.Module):
    def __init__(self, state_dim, action_dim, hidden_dim=128):
        super().__init__()
        sizes = [state_dim, hidden_dim, hidden_dim]
        layers = []
        for n_in, n_out in zip(sizes[:-1], sizes[1:]):
            layers += [nn.Linear(n_in, n_out), nn.ReLU()]
        layers.append(nn.Linear(hidden_dim, action_dim))
        self.net = nn.Sequential(*layers)
        self.to_probs = nn.Softmax(dim=-1)

    def logits(self, x):
        return self.net(x)

    def forward(self, x):
        return self.to_probs(self.net(x))
