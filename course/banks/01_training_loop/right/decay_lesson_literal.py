"""The lesson's variant literally: lr = lr * 0.95 (the decay argument) in end_epoch, step left to SGD.

cell: decay_sgd
"""
class DecaySGD(SGD):
    """SGD whose learning rate is multiplied by `decay` after every epoch."""

    def __init__(self, lr, decay=0.95):
        SGD.__init__(self, lr)
        self.decay = decay

    def end_epoch(self):
        self.lr = self.lr * self.decay
