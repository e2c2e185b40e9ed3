"""Distinct slots per batch (without replacement, as the lessons' random.sample), with Generator.choice.

cell: replay_buffer
"""
class ReplayBuffer:
    """Fixed-size ring buffer of transitions in preallocated NumPy arrays; samples torch tensors."""

    def __init__(self, capacity, seed=None):
        self.capacity = int(capacity)
        self.rng = np.random.default_rng(seed)
        self.states = None
        self.pos = 0
        self.size = 0

    def push(self, state, action, reward, next_state, done):
        if self.states is None:
            shape = np.shape(state)
            self.states = np.zeros((self.capacity, *shape), dtype=np.float32)
            self.next_states = np.zeros((self.capacity, *shape), dtype=np.float32)
            self.actions = np.zeros(self.capacity, dtype=np.int64)
            self.rewards = np.zeros(self.capacity, dtype=np.float32)
            self.dones = np.zeros(self.capacity, dtype=np.float32)
        self.states[self.pos] = state
        self.actions[self.pos] = action
        self.rewards[self.pos] = reward
        self.next_states[self.pos] = next_state
        self.dones[self.pos] = done
        self.pos = (self.pos + 1) % self.capacity
        self.size = min(self.size + 1, self.capacity)

    def sample(self, batch_size):
        if batch_size > self.size:
            raise ValueError(f"only {self.size} transitions stored; cannot sample {batch_size}")
        idx = self.rng.choice(self.size, size=batch_size, replace=False)   # distinct filled slots
        return tuple(torch.from_numpy(a[idx]) for a in
                     (self.states, self.actions, self.rewards, self.next_states, self.dones))

    def __len__(self):
        return self.size
