"""The lesson's QNetwork: nn.Sequential written layer by layer, F-free, forward returning self.net(x).

cell: q_network
"""
class QNetwork(nn.Module):
    """Maps states (B, state_dim) to one Q-value per action (B, action_dim), in one pass."""

    def __init__(self, state_dim, action_dim, hidden_dim=128):
        super(QNetwork, self).__init__()
        self.net = nn.Sequential(
            nn.Linear(state_dim, hidden_dim),
            nn.ReLU(),
            nn.Linear(hidden_dim, hidden_dim),
            nn.ReLU(),
            nn.Linear(hidden_dim, action_dim),
        )

    def forward(self, x):
        q_values = self.net(x)
        return q_values
