"""The lesson's formula with named V and A, mean over dim=1 with keepdim, body written layer by layer.

cell: dueling_q_network
"""
class DuelingQNetwork(nn.Module):
    """Q(s, a) = V(s) + A(s, a) - mean over a' of A(s, a'), from one shared body and two heads."""

    def __init__(self, state_dim, action_dim, hidden_dim=128):
        super().__init__()
        self.body = nn.Sequential(
            nn.Linear(state_dim, hidden_dim),
            nn.ReLU(),
            nn.Linear(hidden_dim, hidden_dim),
            nn.ReLU(),
        )
        self.value_head = nn.Linear(hidden_dim, 1)
        self.advantage_head = nn.Linear(hidden_dim, action_dim)

    def forward(self, x):
        features = self.body(x)
        V = self.value_head(features)
        A = self.advantage_head(features)
        Q = V + (A - A.mean(dim=1, keepdim=True))
        return Q
