"""A list-based ring of tuples (no preallocated arrays), stacked into tensors at sampling time.

cell: replay_buffer
"""
class ReplayBuffer:
    """Fixed-size ring of (s, a, r, s', done) tuples in a Python list."""

    def __init__(self, capacity, seed=None):
        self.capacity = int(capacity)
        self.rng = np.random.default_rng(seed)
        self.states = None
        self.memory = []
        self.pos = 0

    def push(self, state, action, reward, next_state, done):
        item = (np.asarray(state, dtype=np.float32), int(action), float(reward),
                np.asarray(next_state, dtype=np.float32), float(done))
        if len(self.memory) < self.capacity:
            self.memory.append(item)
        else:
            self.memory[self.pos] = item          # overwrite the oldest
        self.pos = (self.pos + 1) % self.capacity

    def sample(self, batch_size):
        if batch_size > len(self.memory):
            raise ValueError("not enough transitions in the buffer yet")
        rows = [self.memory[i] for i in self.rng.integers(len(self.memory), size=batch_size)]
        s, a, r, s2, d = zip(*rows)
        return (torch.tensor(np.stack(s)), torch.tensor(a, dtype=torch.int64),
                torch.tensor(r, dtype=torch.float32), torch.tensor(np.stack(s2)),
                torch.tensor(d, dtype=torch.float32))

    def __len__(self):
        return len(self.memory)
