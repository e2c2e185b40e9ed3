"""A correct notebook plus a cell that tries to reach the internet.

base: solution
how: cell
score: full
status: graded
"""
import urllib.request

try:
    urllib.request.urlopen("https://pypi.org/simple/", timeout=3)
    print("network reachable")
except Exception as err:
    print("no network:", type(err).__name__)
