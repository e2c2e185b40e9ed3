"""The advantage centred first (A minus its row mean, kept as a column by unsqueeze), V broadcast with expand_as.

cell: dueling_q_network
"""
class DuelingQNetwork(nn.Module):
    """Q(s, a) = V(s) + A(s, a) - mean over a' of A(s, a'), from one shared body and two heads."""

    def __init__(self, state_dim, action_dim, hidden_dim=128):
        super().__init__()
        layers = [nn.Linear(state_dim, hidden_dim), nn.ReLU(), nn.Linear(hidden_dim, hidden_dim), nn.ReLU()]
        self.body = nn.Sequential(*layers)
        self.value_head = nn.Linear(hidden_dim, 1)
        self.advantage_head = nn.Linear(hidden_dim, action_dim)

    def forward(self, x):
        h = self.body(x)
        advantage = self.advantage_head(h)
        centred = advantage - advantage.mean(-1).unsqueeze(-1)
        return self.value_head(h).expand_as(centred) + centred
