"""``python -m autograder.proof ASSIGNMENT [--only NAME ...]``: the two-way proof of one assignment."""
import sys

from autograder.proof.twoway import main

sys.exit(main())
