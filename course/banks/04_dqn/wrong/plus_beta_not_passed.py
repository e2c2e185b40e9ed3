"""Beta never reaches the buffer: sample is called with its default.

cell: dqn_plus
hint: beta is never passed to sample
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
        if self.per:
            beta = beta_schedule(self.n_updates, self.beta_updates, self.beta0)
            (states, actions, rewards, next_states, dones), idx, weights = self.buffer.sample(batch_size)
        else:
            states, actions, rewards, next_states, dones = self.buffer.sample(batch_size)
        q = self.q_net(states).gather(1, actions.unsqueeze(1)).squeeze(1)
        if self.double:
            targets = double_dqn_targets(self.q_net, self.target_net, rewards, next_states, dones, self.gamma)
        else:
            with torch.no_grad():
                best_next = self.target_net(next_states).max(dim=1).values
                targets = rewards + self.gamma * (1.0 - dones) * best_next
        per_transition = F.smooth_l1_loss(q, targets, reduction="none")
        loss = (weights * per_transition).mean() if self.per else per_transition.mean()
        self.optimizer.zero_grad()
        loss.backward()
        self.last_grad_norm = float(nn.utils.clip_grad_norm_(self.q_net.parameters(), self.max_grad_norm, foreach=True))
        self.optimizer.step()
        if self.per:
            self.buffer.update_priorities(idx, (targets - q).detach().numpy())
        self.n_updates += 1
        self.last_q_mean = float(q.detach().mean())
        return float(loss.item())
