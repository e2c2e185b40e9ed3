"""The mean advantage is taken over the batch (dim=0) instead of over actions.

cell: dueling_q_network
hint: over the batch (dim=0)
"""
class DuelingQNetwork(nn.Module):
    def __init__(self, state_dim, action_dim, hidden_dim=128):
        super().__init__()
        self.body = nn.Sequential(
            nn.Linear(state_dim, hidden_dim), nn.ReLU(),
            nn.Linear(hidden_dim, hidden_dim), nn.ReLU(),
        )
        self.value_head = nn.Linear(hidden_dim, 1)
        self.advantage_head = nn.Linear(hidden_dim, action_dim)

    def forward(self, x):
        h = self.body(x)
        value = self.value_head(h)
        advantage = self.advantage_head(h)
        return value + advantage - advantage.mean(dim=0, keepdim=True)
