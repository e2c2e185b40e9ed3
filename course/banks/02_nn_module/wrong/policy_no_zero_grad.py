"""The policy training step never calls optimizer.zero_grad().

cell: policy_train_step
hint: zero_grad() is missing: the old gradients
"""
def train_step(policy, optimizer, states, actions, weights=None):
    dist = Categorical(probs=policy(states))
    log_probs = dist.log_prob(actions)
    if weights is None:
        weights = torch.ones_like(log_probs)
    loss = -(weights * log_probs).mean()
    loss.backward()
    optimizer.step()
    return loss.item()
