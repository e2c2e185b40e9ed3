"""Categorical is built with logits= from the probabilities the policy returns.

cell: policy_train_step
hint: Categorical(logits=...) was given probabilities
"""
def train_step(policy, optimizer, states, actions, weights=None):
    dist = Categorical(logits=policy(states))
    log_probs = dist.log_prob(actions)
    if weights is None:
        weights = torch.ones_like(log_probs)
    loss = -(weights * log_probs).mean()
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    return loss.item()
