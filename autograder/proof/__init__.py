"""Proving the course keeps its contracts (``make test``): contract checks, answer banks, the demo class."""
