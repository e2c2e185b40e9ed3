"""Fast unit tests of the grading pipeline's rules (no kernel, no demo class): what `review` flags,
which files a sandbox sees, how a class is imported, when a kept result is re-graded, and what
grades.csv says about a submission that was not graded."""
from __future__ import annotations

import nbformat
import pytest

from autograder import grade


# --- review: only what a statement writes to counts --------------------------------------------------

def _assignment(nb=None, bindings=None) -> grade.Assignment:
    nb = nb or nbformat.v4.new_notebook()
    return grade.Assignment("t", nb, nb, {}, {}, {}, bindings or {"np": ("numpy", None), "torch": ("torch", None)},
                            [], [], "")


def _review(*sources: str) -> list[str]:
    cells = [nbformat.v4.new_code_cell(src, metadata={"nbgrader": {"solution": True, "grade": False, "locked": False,
                                                                    "grade_id": f"answer_{i}"}})
             for i, src in enumerate(sources)]
    return grade.review(nbformat.v4.new_notebook(cells=cells), _assignment())


@pytest.mark.parametrize("source", [
    "self.priorities[np.asarray(idx)] = priorities",
    "self.q[np.arange(3)] += 1",
    "buf[np.random.randint(0, 5)]: int = 3",
    "x, self.p[np.asarray(i)] = 1, 2",
    "del self.items[np.argmin(self.items)]",
    "for self.i[np.argmax(q)] in range(3): pass",
    "setattr(self, np.str_('x'), 1)",
    "out = np.asarray(x)",
])
def test_review_ignores_protected_names_read_inside_a_target(source):
    assert _review(source) == []


@pytest.mark.parametrize("source, flag", [
    ("np.testing.assert_allclose = f", "answer_0 assigns to np.testing.assert_allclose"),
    ("np.x, y = 1, 2", "answer_0 assigns to np.x"),
    ("y, *np.rest = 1, 2, 3", "answer_0 assigns to np.rest"),
    ("[a, (b, torch.manual_seed)] = 1, (2, 3)", "answer_0 assigns to torch.manual_seed"),
    ("np.allclose += 1", "answer_0 assigns to np.allclose"),
    ("np.allclose: object = f", "answer_0 assigns to np.allclose"),
    ("np.random.x[0] = f", "answer_0 assigns to np.random.x[0]"),
    ("del np.testing.assert_allclose", "answer_0 deletes np.testing.assert_allclose"),
    ("del np", "answer_0 deletes `np`"),
    ("np = None", "answer_0 rebinds `np`"),
    ("setattr(np.testing, 'assert_allclose', f)", "answer_0 calls setattr on `np.testing.assert_allclose`"),
    ("delattr(np, name)", "answer_0 calls delattr on `np`"),
])
def test_review_flags_stores_into_protected_modules_by_their_full_name(source, flag):
    assert flag in _review(source)
