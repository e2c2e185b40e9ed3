"""Generator.choice with replace=True spelled out, a list-comprehension batch, and torch.abs for the priorities.

cell: prioritized_replay
"""
class PrioritizedReplayBuffer(ReplayBuffer):
    """Replay that samples transitions in proportion to priority**alpha, with importance weights."""

    def __init__(self, capacity, state_dim, alpha=0.6, eps=1e-3, seed=0):
        super().__init__(capacity, state_dim, seed)
        self.alpha, self.eps = alpha, eps
        self.priorities = np.zeros(capacity, dtype=np.float64)

    def push(self, state, action, reward, next_state, done):
        self.priorities[self.pos] = self.priorities[:self.size].max() if self.size else 1.0
        super().push(state, action, reward, next_state, done)

    def probabilities(self):
        """P(i) for the stored transitions: priority**alpha, normalised to sum to 1."""
        scaled = self.priorities[:self.size] ** self.alpha
        return scaled / scaled.sum()

    def sample(self, batch_size, beta=0.4):
        """Returns ((states, actions, rewards, next_states, dones), indices, weights)."""
        probs = self.probabilities()
        indices = self.rng.choice(len(probs), size=batch_size, replace=True, p=probs)
        weights = np.power(probs[indices] / probs.min(), -beta)
        fields = [self.states, self.actions, self.rewards, self.next_states, self.dones]
        batch = tuple(torch.as_tensor(f[indices]) for f in fields)
        return batch, indices, torch.from_numpy(weights.astype(np.float32))

    def update_priorities(self, indices, td_errors):
        """New priorities |td_error| + eps for the transitions at `indices`."""
        errors = torch.as_tensor(np.asarray(td_errors, dtype=np.float64)).abs().numpy()
        self.priorities[np.asarray(indices, dtype=np.int64)] = errors + self.eps
