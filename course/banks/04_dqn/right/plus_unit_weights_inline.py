"""Uniform replay as weights of 1, Double targets written inline, a list of priorities.

cell: dqn_plus
"""
class DQNAgentPlus(DQNAgent):
    """DQNAgent with two switches: Double DQN targets (`double`) and prioritized replay (`per`)."""

    def __init__(self, state_dim, action_dim, double=False, per=False, alpha=0.6, beta0=0.4,
                 beta_updates=10_000, seed=0, **kwargs):
        super().__init__(state_dim, action_dim, seed=seed, **kwargs)
        self.double, self.per = double, per
        self.beta0, self.beta_updates = beta0, beta_updates   # beta: from beta0 to 1 over beta_updates updates
        self.n_updates = 0                                     # updates done so far
        if per:
            self.buffer = PrioritizedReplayBuffer(self.buffer.capacity, state_dim, alpha=alpha, seed=seed)

    def update(self, batch_size):
        """One gradient step: Double DQN targets if self.double, prioritized replay if self.per."""
        if len(self.buffer) < batch_size:
            return None
        weights, idx = torch.ones(batch_size), None          # uniform replay: every weight is 1
        if self.per:
            batch, idx, weights = self.buffer.sample(batch_size, beta=beta_schedule(self.n_updates, self.beta_updates, self.beta0))
        else:
            batch = self.buffer.sample(batch_size)
        states, actions, rewards, next_states, dones = batch
        q_all = self.q_net(states)
        q = q_all[torch.arange(batch_size), actions]
        with torch.no_grad():
            next_target = self.target_net(next_states)
            if self.double:
                chosen = self.q_net(next_states).argmax(dim=1)
                next_value = next_target[torch.arange(batch_size), chosen]
            else:
                next_value = next_target.max(dim=1)[0]
            y = rewards + self.gamma * next_value * (1 - dones)
        td = y - q
        loss = torch.mean(weights * F.huber_loss(q, y, reduction="none", delta=1.0))
        self.optimizer.zero_grad()
        loss.backward()
        norm = nn.utils.clip_grad_norm_(self.q_net.parameters(), max_norm=self.max_grad_norm)
        self.optimizer.step()
        self.last_grad_norm = norm.item()
        self.last_q_mean = q.mean().item()
        if idx is not None:
            self.buffer.update_priorities(idx, td.detach().cpu().numpy().tolist())
        self.n_updates = self.n_updates + 1
        return loss.item()
