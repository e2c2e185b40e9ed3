"""A notebook file that is not JSON at all.

base: solution
how: invalid-json
score: 0
status: not graded
"""
{"cells": [ this is not json
