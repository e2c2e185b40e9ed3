"""The prediction keeps gather's (B, 1) shape, so mse_loss broadcasts it against the (B,) targets.

cell: debug_loss
hint: broadcast to (B, B)
"""
def dqn_loss(q_net, target_net, batch, gamma):
    """The DQN loss of one batch: a scalar tensor with gradient to q_net only."""
    states, actions, rewards, next_states, dones = batch
    q = q_net(states).gather(1, actions.unsqueeze(1))
    with torch.no_grad():
        next_q = target_net(next_states).max(dim=1).values
    targets = rewards + gamma * (1 - dones) * next_q
    return F.mse_loss(q, targets)
