"""train_step ignores the weights (always plain cross-entropy).

cell: policy_train_step
hint: the weights were ignored
"""
def train_step(policy, optimizer, states, actions, weights=None):
    dist = Categorical(probs=policy(states))
    log_probs = dist.log_prob(actions)
    if weights is None:
        weights = torch.ones_like(log_probs)
    loss = -log_probs.mean()
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    return loss.item()
