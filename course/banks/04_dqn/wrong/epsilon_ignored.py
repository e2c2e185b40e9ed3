"""select_action ignores epsilon and always acts greedily.

cell: dqn_agent
hint: epsilon is ignored
"""
class DQNAgent:
    """A DQN agent: epsilon-greedy acting, replayed updates, and a hard-synced target network."""

    def __init__(self, state_dim, action_dim, lr=1e-3, gamma=0.99, hidden_dim=128,
                 buffer_size=50_000, max_grad_norm=10.0, seed=0):
        self.action_dim = action_dim
        self.gamma = gamma
        self.max_grad_norm = max_grad_norm
        self.q_net = QNetwork(state_dim, action_dim, hidden_dim)    # the student: trained by update()
        self.target_net = copy.deepcopy(self.q_net)                  # the examiner: a frozen copy
        self.target_net.eval()
        # Only the online network learns. fused=True: one kernel updates every parameter (faster on CPU, same Adam).
        self.optimizer = torch.optim.Adam(self.q_net.parameters(), lr=lr, fused=True)
        self.buffer = ReplayBuffer(buffer_size, state_dim, seed=seed)
        self.last_q_mean = float("nan")
        self.last_grad_norm = float("nan")

    def select_action(self, state, epsilon):
        """Epsilon-greedy on the online network; returns a Python int."""
        with torch.no_grad():
            q_values = self.q_net(torch.as_tensor(state, dtype=torch.float32).unsqueeze(0))
        return int(q_values.argmax(dim=1).item())

    def update(self, batch_size):
        """One gradient step on a replayed batch; returns the loss (a float), or None while the buffer is short."""
        if len(self.buffer) < batch_size:
            return None
        states, actions, rewards, next_states, dones = self.buffer.sample(batch_size)
        q = self.q_net(states).gather(1, actions.unsqueeze(1)).squeeze(1)
        with torch.no_grad():
            next_q = self.target_net(next_states).max(dim=1).values
            targets = rewards + self.gamma * (1.0 - dones) * next_q
        loss = F.smooth_l1_loss(q, targets)
        self.optimizer.zero_grad()
        loss.backward()
        self.last_grad_norm = float(nn.utils.clip_grad_norm_(self.q_net.parameters(), self.max_grad_norm, foreach=True))
        self.optimizer.step()
        self.last_q_mean = float(q.detach().mean())
        return float(loss.item())

    def update_target(self):
        """Hard update: the target network's weights become a copy of the online network's."""
        self.target_net.load_state_dict(self.q_net.state_dict())
