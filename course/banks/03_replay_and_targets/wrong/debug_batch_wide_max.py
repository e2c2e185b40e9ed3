"""The fixed loss bootstraps from the largest Q-value of the whole batch.

cell: debug_loss
hint: over the whole batch
"""
def dqn_loss(q_net, target_net, batch, gamma):
    """The DQN loss of one batch: a scalar tensor with gradient to q_net only."""
    states, actions, rewards, next_states, dones = batch
    q = q_net(states).gather(1, actions.unsqueeze(1)).squeeze(1)         # bug 1: (B, 1) -> (B,)
    with torch.no_grad():                                                 # bug 2: no gradient into the target
        next_q = target_net(next_states).max()               # bug 3: target net; bug 4: dim=1
    targets = rewards + gamma * (1 - dones) * next_q
    return F.mse_loss(q, targets)
