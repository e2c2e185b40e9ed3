"""train_step returns the loss tensor instead of loss.item().

cell: policy_train_step
hint: the loss tensor is returned
"""
def train_step(policy, optimizer, states, actions, weights=None):
    dist = Categorical(probs=policy(states))
    log_probs = dist.log_prob(actions)
    if weights is None:
        weights = torch.ones_like(log_probs)
    loss = -(weights * log_probs).mean()
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    return loss
