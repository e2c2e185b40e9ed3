"""The learning rate is decayed in step(), i.e. per batch, instead of once per epoch.

cell: decay_sgd
hint: decays at every batch
"""
class DecaySGD(SGD):
    """SGD whose learning rate is multiplied by `decay` after every epoch."""

    def __init__(self, lr, decay=0.95):
        super().__init__(lr)
        self.decay = decay

    def step(self, params, grads):
        super().step(params, grads)
        self.lr *= self.decay

    def end_epoch(self):
        pass
