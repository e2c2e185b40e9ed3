"""Inverse-CDF sampling (searchsorted on the cumulative probabilities) with self.rng; weights via (N P)^-beta over its max; a loop for the priorities.

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
        p = np.power(self.priorities[:self.size], self.alpha)
        return p / np.sum(p)

    def sample(self, batch_size, beta=0.4):
        """Returns ((states, actions, rewards, next_states, dones), indices, weights)."""
        probs = self.probabilities()
        cdf = np.cumsum(probs)
        idx = np.minimum(np.searchsorted(cdf, self.rng.random(batch_size) * cdf[-1], side="right"), self.size - 1)
        n = self.size
        w = (n * probs[idx]) ** (-beta)
        w_max = (n * probs.min()) ** (-beta)
        batch = tuple(torch.from_numpy(a.take(idx, axis=0)) for a in
                      (self.states, self.actions, self.rewards, self.next_states, self.dones))
        return batch, idx, torch.tensor(w / w_max, dtype=torch.float32)

    def update_priorities(self, indices, td_errors):
        """New priorities |td_error| + eps for the transitions at `indices`."""
        for i, err in zip(np.asarray(indices).tolist(), np.asarray(td_errors).tolist()):
            self.priorities[i] = abs(err) + self.eps
