"""The dueling body leaves out the ReLU after its second Linear layer.

cell: dueling_q_network
hint: a ReLU is missing from the body
"""
class DuelingQNetwork(nn.Module):
    """Q(s, a) = V(s) + A(s, a) - mean over a' of A(s, a'), from one shared body and two heads."""

    def __init__(self, state_dim, action_dim, hidden_dim=128):
        super().__init__()
        self.body = nn.Sequential(
            nn.Linear(state_dim, hidden_dim), nn.ReLU(),
            nn.Linear(hidden_dim, hidden_dim),
        )
        self.value_head = nn.Linear(hidden_dim, 1)
        self.advantage_head = nn.Linear(hidden_dim, action_dim)

    def forward(self, x):
        h = self.body(x)
        value = self.value_head(h)                                   # (B, 1)
        advantage = self.advantage_head(h)                           # (B, action_dim)
        return value + advantage - advantage.mean(dim=-1, keepdim=True)   # mean over actions, per state
