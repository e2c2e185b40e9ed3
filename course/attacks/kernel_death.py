"""Kills its own kernel (os._exit) before any test runs.

base: solution
how: cell
score: 0
status: not graded
"""
import os
os._exit(1)
