"""The closed form: remember lr0 and the epoch count, and set lr = lr0 * decay**epochs.

cell: decay_sgd
"""
class DecaySGD(SGD):
    """SGD whose learning rate is multiplied by `decay` after every epoch."""

    def __init__(self, lr, decay=0.95):
        super().__init__(lr)
        self.lr0, self.decay, self.epochs_done = lr, decay, 0

    def step(self, params, grads):
        super().step(params, grads)

    def end_epoch(self):
        self.epochs_done += 1
        self.lr = self.lr0 * self.decay ** self.epochs_done
