"""F.cross_entropy on the logits, per example (reduction='none'), weighted, then averaged: the same loss without Categorical.

cell: policy_train_step
"""
def train_step(policy, optimizer, states, actions, weights=None):
    """One gradient step on -mean(weights * log pi(actions | states)). Returns the loss as a float."""
    nll = F.cross_entropy(policy.logits(states), actions, reduction="none")   # -log pi(a_i | s_i)
    loss = nll.mean() if weights is None else (weights * nll).mean()
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    return loss.item()
