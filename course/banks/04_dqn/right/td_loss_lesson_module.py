"""The lessons' names (q_values, next_q_max), .max(dim=1)[0] under no_grad, and an nn.SmoothL1Loss module.

cell: debug_td_loss
"""
def td_loss(q_net, target_net, batch, gamma):
    """The DQN loss on a batch: Huber between Q(s, a_taken) and r + gamma (1 - d) max_a' Q_target(s', a')."""
    states, actions, rewards, next_states, dones = batch
    # bug 1: q must be the Q-value of the action actually taken, not the max
    q_values = q_net(states).gather(1, actions.unsqueeze(1)).squeeze(1)
    # bug 2: the target network, without gradient, computes the bootstrap
    with torch.no_grad():
        next_q_max = target_net(next_states).max(dim=1)[0]
    # bug 3: terminal transitions have no future: multiply by (1 - dones)
    targets = rewards + gamma * next_q_max * (1 - dones)
    return nn.SmoothL1Loss()(q_values, targets)
