"""QNetwork ends in a ReLU, clamping negative Q-values to 0.

cell: q_network
hint: a ReLU on the Q output
"""
class QNetwork(nn.Module):
    def __init__(self, state_dim, action_dim, hidden_dim=128):
        super().__init__()
        self.net = nn.Sequential(
            nn.Linear(state_dim, hidden_dim), nn.ReLU(),
            nn.Linear(hidden_dim, hidden_dim), nn.ReLU(),
            nn.Linear(hidden_dim, action_dim),
            nn.ReLU(),
        )

    def forward(self, x):
        return self.net(x)
