"""forward returns log-probabilities (log_softmax) instead of probabilities.

cell: policy_network
hint: log-probabilities
"""
class PolicyNetwork(nn.Module):
    def __init__(self, state_dim, action_dim, hidden_dim=128):
        super().__init__()
        self.net = nn.Sequential(
            nn.Linear(state_dim, hidden_dim), nn.ReLU(),
            nn.Linear(hidden_dim, hidden_dim), nn.ReLU(),
            nn.Linear(hidden_dim, action_dim),
        )

    def logits(self, x):
        return self.net(x)

    def forward(self, x):
        return F.log_softmax(self.logits(x), dim=-1)
