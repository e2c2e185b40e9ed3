"""QNetwork with three hidden layers instead of two.

cell: q_network
hint: three hidden layers instead of two
"""
class QNetwork(nn.Module):
    """Maps states (B, state_dim) to one Q-value per action (B, action_dim), in one pass."""

    def __init__(self, state_dim, action_dim, hidden_dim=128):
        super().__init__()
        self.net = nn.Sequential(
            nn.Linear(state_dim, hidden_dim), nn.ReLU(),
            nn.Linear(hidden_dim, hidden_dim), nn.ReLU(),
            nn.Linear(hidden_dim, hidden_dim), nn.ReLU(),
            nn.Linear(hidden_dim, action_dim),
        )

    def forward(self, x):
        return self.net(x)
