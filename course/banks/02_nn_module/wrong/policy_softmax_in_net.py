"""The softmax sits inside self.net: logits() returns probabilities.

cell: policy_network
hint: a softmax inside self.net
"""
class PolicyNetwork(nn.Module):
    def __init__(self, state_dim, action_dim, hidden_dim=128):
        super().__init__()
        self.net = nn.Sequential(
            nn.Linear(state_dim, hidden_dim), nn.ReLU(),
            nn.Linear(hidden_dim, hidden_dim), nn.ReLU(),
            nn.Linear(hidden_dim, action_dim), nn.Softmax(dim=-1),
        )

    def logits(self, x):
        return self.net(x)

    def forward(self, x):
        return self.net(x)
