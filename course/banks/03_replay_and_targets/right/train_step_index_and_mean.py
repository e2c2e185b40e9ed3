"""Advanced indexing q[arange(B), a] and a hand-written mean of squares; zero_grad(set_to_none=True); float(loss).

cell: train_step
"""
def train_step(q_net, target_net, optimizer, buffer, batch_size, gamma=0.99, max_grad_norm=10.0):
    """One DQN gradient step on a replayed batch. Returns the loss (float), or None during warm-up."""
    if len(buffer) >= batch_size:
        states, actions, rewards, next_states, dones = buffer.sample(batch_size)
        y = compute_td_targets(rewards, next_states, dones, target_net, gamma)
        q_all = q_net(states)
        q_taken = q_all[torch.arange(q_all.shape[0]), actions]
        loss = ((q_taken - y) ** 2).mean()
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        nn.utils.clip_grad_norm_(q_net.parameters(), max_norm=max_grad_norm)
        optimizer.step()
        return float(loss)
    return None
