"""The importance weights ignore beta: always those of beta = 1.

cell: prioritized_replay
hint: beta is ignored
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
        idx = self.rng.choice(self.size, size=batch_size, p=probs)
        weights = probs.min() / probs[idx]          # (N P(i))^-beta / max_k (N P(k))^-beta
        return self.batch_at(idx), idx, torch.as_tensor(weights, dtype=torch.float32)

    def update_priorities(self, indices, td_errors):
        """New priorities |td_error| + eps for the transitions at `indices`."""
        self.priorities[np.asarray(indices)] = np.abs(np.asarray(td_errors, dtype=np.float64)) + self.eps
