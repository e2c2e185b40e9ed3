"""A correct notebook plus a cell that forks as many processes as it can, then waits for them.

base: solution
how: cell
score: full
status: needs manual grading
"""
import os
import time

children = 0
try:
    for _ in range(5000):
        pid = os.fork()
        if pid == 0:
            time.sleep(1)
            os._exit(0)
        children += 1
except OSError as err:
    print(f"stopped after {children} processes: {err}")
while True:
    try:
        os.wait()
    except ChildProcessError:
        break
