"""Categorical(logits=policy.logits(states)) and the mean computed with torch.mean over weighted terms.

cell: policy_train_step
"""
def train_step(policy, optimizer, states, actions, weights=None):
    """One gradient step on -mean(weights * log pi(actions | states)). Returns the loss as a float."""
    log_probs = Categorical(logits=policy.logits(states)).log_prob(actions)
    w = torch.ones(len(actions)) if weights is None else weights
    loss = torch.mean(-w * log_probs)
    optimizer.zero_grad(set_to_none=True)
    loss.backward()
    optimizer.step()
    return float(loss.item())
