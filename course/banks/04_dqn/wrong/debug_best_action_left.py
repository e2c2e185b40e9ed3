"""Debug exercise with bug 1 left: the loss scores the best action instead of the taken one.

cell: debug_td_loss
hint: bug 1 left
"""
def td_loss(q_net, target_net, batch, gamma):
    """The DQN loss on a batch: Huber between Q(s, a_taken) and r + gamma (1 - d) max_a' Q_target(s', a')."""
    states, actions, rewards, next_states, dones = batch
    # bug 1: .max(dim=1) scored the best action, not the action the agent actually took
    q = q_net(states).max(dim=1).values
    # bug 2: the target came from the online network, with gradient flowing through it
    with torch.no_grad():
        next_q = target_net(next_states).max(dim=1).values
        # bug 3: (1 - dones) was missing, so terminal states were given a future
        targets = rewards + gamma * (1.0 - dones) * next_q
    return F.smooth_l1_loss(q, targets)
