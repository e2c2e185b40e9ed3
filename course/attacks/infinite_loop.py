"""An infinite loop that ignores interrupts.

base: solution
how: cell
score: 0
status: not graded
"""
import signal
signal.signal(signal.SIGINT, signal.SIG_IGN)
while True:
    pass
