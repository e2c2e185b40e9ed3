"""Categorical is built with probs= from the policy's logits.

cell: policy_train_step
hint: Categorical(probs=...) was given logits
"""
def train_step(policy, optimizer, states, actions, weights=None):
    dist = Categorical(probs=policy.logits(states))
    log_probs = dist.log_prob(actions)
    if weights is None:
        weights = torch.ones_like(log_probs)
    loss = -(weights * log_probs).mean()
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    return loss.item()
