"""The target network is used, but its output is not cut from the graph: gradients reach target_net.

cell: debug_loss
hint: gradients flow into the target network
"""
def dqn_loss(q_net, target_net, batch, gamma):
    """The DQN loss of one batch: a scalar tensor with gradient to q_net only."""
    states, actions, rewards, next_states, dones = batch
    q = q_net(states).gather(1, actions.unsqueeze(1)).squeeze(1)
    next_q = target_net(next_states).max(dim=1).values
    targets = rewards + gamma * (1 - dones) * next_q
    return F.mse_loss(q, targets)
