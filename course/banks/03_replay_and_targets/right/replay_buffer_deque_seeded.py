"""The lessons' deque(maxlen) of tuples, drawing distinct indices with the buffer's seeded self.rng.

cell: replay_buffer
"""
class ReplayBuffer:
    """The lessons' deque buffer, seeded."""

    def __init__(self, capacity, seed=None):
        self.capacity = int(capacity)
        self.rng = np.random.default_rng(seed)
        self.states = None
        self.buffer = deque(maxlen=self.capacity)   # a full deque drops its oldest tuple on append

    def push(self, state, action, reward, next_state, done):
        self.buffer.append((state, action, reward, next_state, done))

    def sample(self, batch_size):
        if len(self.buffer) < batch_size:
            raise ValueError("the buffer holds fewer transitions than a batch")
        batch = [self.buffer[i] for i in self.rng.choice(len(self.buffer), batch_size, replace=False)]
        states, actions, rewards, next_states, dones = zip(*batch)
        return (torch.tensor(np.array(states), dtype=torch.float32),
                torch.tensor(actions, dtype=torch.int64),
                torch.tensor(rewards, dtype=torch.float32),
                torch.tensor(np.array(next_states), dtype=torch.float32),
                torch.tensor(dones, dtype=torch.float32))

    def __len__(self):
        return len(self.buffer)
