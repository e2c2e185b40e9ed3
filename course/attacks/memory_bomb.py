"""Allocates (and touches) memory until something gives.

base: solution
how: cell
score: 0
status: not graded
"""
blocks = []
while True:
    block = bytearray(64 * 2**20)
    block[::4096] = b"x" * len(block[::4096])
    blocks.append(block)
