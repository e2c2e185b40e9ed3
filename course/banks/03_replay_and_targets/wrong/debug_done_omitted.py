"""The fixed loss keeps the colleague's target without the done mask: a terminal transition still bootstraps.

cell: debug_loss
hint: done omitted
"""
def dqn_loss(q_net, target_net, batch, gamma):
    """The DQN loss of one batch: a scalar tensor with gradient to q_net only."""
    states, actions, rewards, next_states, dones = batch
    q = q_net(states).gather(1, actions.unsqueeze(1)).squeeze(1)
    with torch.no_grad():
        next_q = target_net(next_states).max(dim=1).values
    targets = rewards + gamma * next_q
    return F.mse_loss(q, targets)
