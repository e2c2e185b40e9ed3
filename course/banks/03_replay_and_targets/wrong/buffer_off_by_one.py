"""The newest filled slot can never be drawn (range(size - 1)): not uniform.

cell: replay_buffer
hint: can never be drawn
"""
class ReplayBuffer:
    """Fixed-size ring buffer of transitions in preallocated NumPy arrays; samples torch tensors."""

    def __init__(self, capacity, seed=None):
        self.capacity = int(capacity)
        self.rng = np.random.default_rng(seed)   # the buffer's own random numbers: a seed makes sampling repeatable
        self.states = None                       # the arrays are allocated on the first push
        self.pos = 0    # the slot the next transition is written to
        self.size = 0   # how many slots hold a transition

    def push(self, state, action, reward, next_state, done):
        """Store one transition, overwriting the oldest one when the buffer is full."""
        if self.states is None:
            shape = np.shape(state)
            self.states = np.zeros((self.capacity, *shape), dtype=np.float32)
            self.next_states = np.zeros((self.capacity, *shape), dtype=np.float32)
            self.actions = np.zeros(self.capacity, dtype=np.int64)   # integer actions: gather() needs int64
            self.rewards = np.zeros(self.capacity, dtype=np.float32)
            self.dones = np.zeros(self.capacity, dtype=np.float32)
        i = self.pos
        self.states[i] = state
        self.actions[i] = action
        self.rewards[i] = reward
        self.next_states[i] = next_state
        self.dones[i] = done
        self.pos = (self.pos + 1) % self.capacity          # round the ring: the oldest slot is next
        self.size = min(self.size + 1, self.capacity)

    def sample(self, batch_size):
        """A uniform batch of distinct transitions: (states, actions, rewards, next_states, dones) tensors."""
        if batch_size > self.size:
            raise ValueError(f"the buffer holds {self.size} transitions, fewer than a batch of {batch_size}: "
                             "keep collecting before you sample")
        idx = self.rng.choice(max(self.size - 1, batch_size), size=batch_size, replace=False)   # distinct filled slots
        return (torch.from_numpy(self.states[idx]),
                torch.from_numpy(self.actions[idx]),
                torch.from_numpy(self.rewards[idx]),
                torch.from_numpy(self.next_states[idx]),
                torch.from_numpy(self.dones[idx]))

    def __len__(self):
        return self.size
