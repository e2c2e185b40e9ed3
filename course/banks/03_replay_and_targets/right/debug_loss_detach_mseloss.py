"""The fix written with .detach() on the target network's output and an nn.MSELoss module.

cell: debug_loss
"""
def dqn_loss(q_net, target_net, batch, gamma):
    """The DQN loss of one batch: a scalar tensor with gradient to q_net only."""
    states, actions, rewards, next_states, dones = batch
    q = q_net(states).gather(1, actions.unsqueeze(1)).squeeze(-1)
    next_q = target_net(next_states).max(dim=1).values.detach()
    targets = rewards + gamma * (1 - dones) * next_q
    return nn.MSELoss()(q, targets)
