"""F.huber_loss and .detach() on the target network's values.

cell: debug_td_loss
"""
def td_loss(q_net, target_net, batch, gamma):
    """The DQN loss on a batch: Huber between Q(s, a_taken) and r + gamma (1 - d) max_a' Q_target(s', a')."""
    states, actions, rewards, next_states, dones = batch
    # bug 1: max scored the best action, not the one taken -> gather the taken action
    q = q_net(states).gather(1, actions.unsqueeze(1)).squeeze(1)
    # bug 2: the online network gave the target, with gradient -> target_net, detached
    next_q = target_net(next_states).max(dim=1).values.detach()
    # bug 3: no (1 - dones) -> terminal states got a future
    return F.huber_loss(q, rewards + gamma * (1 - dones) * next_q)
