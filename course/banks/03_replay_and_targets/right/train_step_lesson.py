"""The lessons' train_step skeleton: unpack as s, a, r, s2, d, torch.nn.functional.mse_loss, loss.item().

cell: train_step
"""
def train_step(q_net, target_net, optimizer, buffer, batch_size, gamma=0.99, max_grad_norm=10.0):
    """One DQN gradient step on a replayed batch. Returns the loss (float), or None during warm-up."""
    if len(buffer) < batch_size:
        return None
    s, a, r, s2, d = buffer.sample(batch_size)
    target = compute_td_targets(r, s2, d, target_net, gamma)
    q = q_net(s).gather(1, a.unsqueeze(1)).squeeze(1)
    loss = torch.nn.functional.mse_loss(q, target)
    optimizer.zero_grad()
    loss.backward()
    torch.nn.utils.clip_grad_norm_(q_net.parameters(), max_grad_norm)
    optimizer.step()
    return loss.item()
