"""A correct notebook submitted with an ipykernel_launcher.py beside it.

base: solution
how: file:ipykernel_launcher.py
score: full
status: graded
"""
import os
os._exit(3)
