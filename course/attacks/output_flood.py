"""A correct notebook plus a cell that prints about 200 MB.

base: solution
how: cell
score: full
status: graded
"""
line = "x" * 1000
for _ in range(200000):
    print(line)
