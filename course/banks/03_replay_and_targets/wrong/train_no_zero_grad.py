"""optimizer.zero_grad() is missing: gradients accumulate.

cell: train_step
hint: not cleared before backward()
"""
def train_step(q_net, target_net, optimizer, buffer, batch_size, gamma=0.99, max_grad_norm=10.0):
    """One DQN gradient step on a replayed batch. Returns the loss (float), or None during warm-up."""
    if len(buffer) < batch_size:
        return None                                               # warm-up: not enough transitions yet
    states, actions, rewards, next_states, dones = buffer.sample(batch_size)
    targets = compute_td_targets(rewards, next_states, dones, target_net, gamma)     # theta-, no gradient
    q = q_net(states).gather(1, actions.unsqueeze(1)).squeeze(1)  # Q(s, a_taken; theta): (B,)
    loss = F.mse_loss(q, targets)
    loss.backward()
    torch.nn.utils.clip_grad_norm_(q_net.parameters(), max_grad_norm)
    optimizer.step()
    return loss.item()
