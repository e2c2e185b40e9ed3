"""Double DQN with the roles swapped: the target network chooses, the online network values.

cell: double_dqn
hint: roles swapped
"""
def double_dqn_targets(q_net, target_net, rewards, next_states, dones, gamma):
    """Double DQN targets: the online network picks a*, the target network values it."""
    with torch.no_grad():
        best = target_net(next_states).argmax(dim=1, keepdim=True)                 # the online network chooses
        next_q = q_net(next_states).gather(1, best).squeeze(1)           # the target network evaluates
        return rewards + gamma * (1.0 - dones) * next_q
