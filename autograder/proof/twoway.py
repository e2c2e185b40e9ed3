"""The contract, proven through the grader instructors run (``make grade``'s pipeline, sandbox on).

For one assignment it grades, as submissions of a throw-away class:

- ``solution``: every answer cell filled with the source's solution;
- ``stub``: the release as handed out;
- ``right-<style>``: the solution with one answer cell written another valid way
  (``course/banks/<assignment>/right/``);
- ``bank-<mistake>``: the solution with one answer cell replaced by a named wrong answer
  (``course/banks/<assignment>/wrong/``);

and checks, both ways: the solution keeps full marks with status ``graded`` (or only the note that
written answers await a person); the stub scores zero; every right answer keeps full marks with the
solution's status; every wrong answer scores less, and the *first* failing check prints the hint of
its own mistake (a check that fails first with another mistake's words breaks the contract).

``python -m autograder.proof 03_replay_and_targets [--only NAME ...]`` runs it by hand and prints
each broken promise; the test suite runs the same functions.
"""
from __future__ import annotations

import argparse
import math
import sys
import tempfile
from pathlib import Path

import nbformat
from nbformat import NotebookNode

from autograder.course.syllabus import repo_root, syllabus
from autograder.grading import pipeline
from autograder.grading.options import Limits, Options
from autograder.grading.result import Result, Status, TestResult
from autograder.proof import banks
from autograder.proof.contract import Problem, bank_submissions, read

# Generous limits: the proof must never fail a right answer on a slow, busy CI machine.
PROOF_LIMITS = Limits(memory_mb=4096)
CELL_TIMEOUT = 300.0
NOTEBOOK_TIMEOUT = 900.0
# Bank entries per shard of a proof: the test suite runs each shard as a test of its own, so that its
# workers share a notebook's bank instead of one of them grading it whole (each shard grades the
# solution again, to compare the right answers' status with it).
SHARD_SIZE = 24


def grade_through_pipeline(repo: Path, assignment: str, subs: dict[str, NotebookNode], work: Path, *,
                           workers: int | None = None) -> dict[str, Result]:
    """Grade `subs` with `pipeline.grade_class`, sandboxed, exactly as ``make grade`` would."""
    for student, nb in subs.items():
        folder = work / "submitted" / student / assignment
        folder.mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, str(folder / f"{assignment}.ipynb"))
    opts = Options(force=True, limits=PROOF_LIMITS, cell_timeout=CELL_TIMEOUT,
                            notebook_timeout=NOTEBOOK_TIMEOUT, progress=False,
                            **({"workers": workers} if workers else {}))
    course = pipeline.Course(root=repo, work=work)
    results = pipeline.grade_class(course, repo, opts, [assignment], log=lambda *_: None)
    return {r.student: r for r in results}


def _failing(result: Result) -> list[TestResult]:
    return [t for t in result.tests if t.score < t.points]


def _describe(result: Result) -> str:
    lines = [f"{result.score:g}/{result.auto_max:g}, status: {result.status_text}"]
    for t in _failing(result)[:3]:
        lines.append(f"  {t.grade_id} ({t.verdict}): " + t.message.strip().replace("\n", "\n    ")[:600])
    return "\n".join(lines)


def problems(label: str, results: dict[str, Result], wrong: list[banks.WrongAnswer],
             right: list[banks.RightAnswer], *, with_stub: bool = True) -> list[Problem]:
    """Every broken promise of the two-way proof (see the module's docstring); `with_stub`: the stub
    was graded too (a shard other than the first leaves it out)."""
    out: list[Problem] = []
    sol = results.get("solution")
    if sol is None:
        return [Problem(label, "the solution was not graded at all")]
    ok_status = sol.status is Status.GRADED or sol.awaits_written_answers_only
    if sol.score < sol.auto_max or not ok_status:
        out.append(Problem(f"{label}, solution", "the solution does not keep full marks through the grader: "
                           + _describe(sol)))
    stub = results.get("stub")
    if with_stub and (stub is None or stub.score > 0):
        out.append(Problem(f"{label}, stub", "the untouched release scores more than zero: "
                           + (_describe(stub) if stub else "not graded")))
    for r in right:
        got = results.get(f"right-{r.name}")
        where = f"{label}, right answer {r.path.name} (replaces {r.cell})"
        if got is None:
            out.append(Problem(where, "was not graded"))
        elif got.score < got.auto_max or got.status_text != sol.status_text:
            out.append(Problem(where, f"\"{r.description}\" is a valid answer, yet it loses marks or changes the "
                               f"status (the solution: {sol.status_text}): " + _describe(got)))
    for w in wrong:
        got = results.get(f"bank-{w.name}")
        where = f"{label}, wrong answer {w.path.name} (replaces {w.cell})"
        if got is None:
            out.append(Problem(where, "was not graded"))
            continue
        failing = _failing(got)
        if not failing:
            out.append(Problem(where, f"keeps full marks ({got.score:g}/{got.auto_max:g}): no check catches "
                               f"\"{w.description}\""))
        elif w.hint.lower() not in failing[0].message.lower():
            out.append(Problem(where, f"loses points, but its first failing check ({failing[0].grade_id}) does not "
                               f"name its mistake (expected the words {w.hint!r}): " + _describe(got)))
    return out


def shard_count(repo: Path, assignment: str) -> int:
    """How many shards of at most `SHARD_SIZE` bank entries the assignment's proof splits into."""
    entries = len(banks.load(repo, assignment)) + len(banks.load_right(repo, assignment))
    return max(1, math.ceil(entries / SHARD_SIZE))


def prove(repo: Path, assignment: str, work: Path, *, only: list[str] | None = None,
          workers: int | None = None, shard: tuple[int, int] = (0, 1)) -> tuple[list[Problem], dict[str, Result]]:
    """Grade one assignment's solution, stub and banks through the pipeline; return what is broken.

    `shard=(k, n)`: only every n-th bank entry from the k-th on (right answers first, then wrong
    ones), with the solution; the stub in shard 0 only. The n shards together prove what one run does."""
    nb = next(n for n in syllabus(repo) if n.assignment == assignment)
    source, release = read(nb.source(repo)), read(nb.release(repo))
    wrong, right = banks.load(repo, assignment), banks.load_right(repo, assignment)
    if only:
        wrong = [w for w in wrong if w.name in only]
        right = [r for r in right if r.name in only]
    k, n = shard
    picked = {id(e) for e in [*right, *wrong][k::n]}
    wrong, right = [w for w in wrong if id(w) in picked], [r for r in right if id(r) in picked]
    subs = bank_submissions(source, release, wrong, right)
    if k > 0:
        del subs["stub"]
    results = grade_through_pipeline(repo, assignment, subs, work, workers=workers)
    label = str(nb.source(repo).relative_to(repo))
    return problems(label, results, wrong, right, with_stub=k == 0), results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m autograder.proof", description=__doc__.splitlines()[0])
    parser.add_argument("assignment")
    parser.add_argument("--only", nargs="*", help="only these bank entries (file names without .py)")
    parser.add_argument("--workers", type=int)
    args = parser.parse_args(argv)
    repo = repo_root(Path.cwd())
    with tempfile.TemporaryDirectory(prefix=f"proof-{args.assignment}-") as tmp:
        found, results = prove(repo, args.assignment, Path(tmp), only=args.only, workers=args.workers)
    for name, r in sorted(results.items()):
        first = _failing(r)[0] if _failing(r) else None
        print(f"{name:45s} {r.score:g}/{r.auto_max:g}  {r.status_text[:60]}"
              + (f"  first failing: {first.grade_id}: {first.message.strip().splitlines()[-1][:100]}" if first else ""))
    for p in found:
        print("\n" + str(p))
    print(f"\n{len(found)} problem(s)")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
