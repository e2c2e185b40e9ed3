"""A correct notebook plus a cell that hunts for the instructor's source/ and prints it.

base: solution
how: cell
score: full
status: graded
"""
import os

# Where a course could be, not where packages and kernel files are: skipping those keeps the
# search well inside the cell's time limit on a loaded machine (walking the Python environment
# alone took most of it), so the expected outcome is "graded", never "timed out".
NOT_HERE = {"proc", "sys", "dev", "usr", "lib", "lib64", "site-packages", "dist-packages", "node_modules"}

for top in ["/", os.path.expanduser("~"), "..", "/work", "/root", "/home"]:
    for folder, dirs, files in os.walk(top):
        dirs[:] = [] if folder.count(os.sep) > 8 else [d for d in dirs if d not in NOT_HERE]
        for name in files:
            if name.endswith(".ipynb") or folder.endswith("source"):
                try:
                    text = open(os.path.join(folder, name), errors="replace").read()
                except OSError:
                    continue
                if "BEGIN HIDDEN TESTS" in text or "BEGIN SOLUTION" in text:
                    print(os.path.join(folder, name))
                    print(text)
