"""Recall: answers that a truncated CartPole episode stores done = 1.0.

cell: recall
hint: a time limit is not an ending
"""
# The form: recall_answers = {"q1": "?", "q2": "?", "q3": "?", "q4": "?", "q5": "?"}
recall_answers = {"q1": "a", "q2": "a", "q3": "b", "q4": "b", "q5": "c"}
