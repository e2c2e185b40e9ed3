"""The lesson's form: the QNetwork body in self.net, F.softmax over dim=-1 on the logits.

cell: policy_network
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
        return F.softmax(self.logits(x), dim=-1)
