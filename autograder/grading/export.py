"""Grade export: grades.csv (one row per student and assignment), exercise_summary.csv, the table."""
from __future__ import annotations

import csv
import re
from collections import Counter, defaultdict
from pathlib import Path

from autograder.grading.result import Result, Verdict

COLUMNS = ["student", "assignment", "score", "max_score", "status", "notes"]


def load_results(work: Path) -> list[Result]:
    import json

    out = []
    for path in sorted((work / "grading").glob("*/*.json")):
        try:
            out.append(Result.from_json(json.loads(path.read_text())))
        except (ValueError, TypeError, KeyError):
            continue
    return out


def gradebook_scores(db_url: str, results: list[Result]) -> dict[tuple[str, str], tuple[float, bool]]:
    """Each submission's score in nbgrader's gradebook (manual grades included) and whether it
    still needs manual grading."""
    from nbgrader.api import Gradebook, MissingEntry

    scores = {}
    with Gradebook(db_url) as gb:
        for r in results:
            try:
                sub = gb.find_submission(r.assignment, r.student)
            except MissingEntry:
                continue
            scores[(r.student, r.assignment)] = (float(sub.score or 0.0), bool(sub.needs_manual_grade))
    return scores


def rows(results: list[Result], scores: dict | None = None) -> list[dict]:
    """grades.csv's rows. A submission that was not graded has an empty score, never 0 (an LMS
    would record a 0), until the instructor has graded it by hand in nbgrader's gradebook."""
    out = []
    for r in sorted(results, key=lambda r: (r.assignment, r.student)):
        score, status, not_graded = r.score, r.status_text, r.not_graded
        if scores and (r.student, r.assignment) in scores:
            score, needs_manual = scores[(r.student, r.assignment)]
            if r.awaits_written_answers_only and not needs_manual:
                status = "graded"
            if not_graded and not needs_manual:
                status, not_graded = f"graded: by hand in the gradebook ({status})", False
        out.append({"student": r.student, "assignment": r.assignment, "score": "" if not_graded else f"{score:g}",
                    "max_score": f"{r.max_score:g}", "status": status, "notes": "; ".join(r.notes)})
    return out


def _hint(message: str) -> str:
    """The most telling line of a check's message: the named mistake, else where to look, else the first line."""
    for key in ("Likely mistake:", "Where to look:"):
        for line in message.splitlines():
            if line.strip().startswith(key):
                return line.strip()[len(key):].strip()
    first = message.strip().splitlines()[0] if message.strip() else ""
    return re.sub(r"\s+", " ", first)[:160]


def exercise_summary(results: list[Result]) -> list[dict]:
    """Per test cell: how many graded submissions failed it, and the most common hint."""
    failed: dict[tuple[str, str], int] = defaultdict(int)
    total: dict[tuple[str, str], int] = defaultdict(int)
    hints: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for r in results:
        if r.not_graded:
            continue
        for t in r.tests:
            key = (r.assignment, t.grade_id)
            total[key] += 1
            if t.verdict is not Verdict.PASSED:
                failed[key] += 1
                if t.message:
                    hints[key][_hint(t.message)] += 1
    out = []
    for key in total:
        common = hints[key].most_common(1)
        out.append({"assignment": key[0], "exercise": key[1], "failed": failed[key], "graded": total[key],
                    "fail_rate": f"{failed[key] / total[key]:.0%}" if total[key] else "",
                    "most_common_hint": common[0][0] if common else ""})
    out.sort(key=lambda d: (-d["failed"] / max(d["graded"], 1), d["assignment"], d["exercise"]))
    return out


def write(results: list[Result], work: Path, db_url: str | None = None) -> tuple[Path, Path]:
    scores = gradebook_scores(db_url, results) if db_url else None
    grades = work / "grades.csv"
    with grades.open("w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=COLUMNS)
        w.writeheader()
        w.writerows(rows(results, scores))
    summary = work / "exercise_summary.csv"
    with summary.open("w", newline="") as f:
        fields = ["assignment", "exercise", "failed", "graded", "fail_rate", "most_common_hint"]
        w = csv.DictWriter(f, fieldnames=fields)
        w.writeheader()
        w.writerows(exercise_summary(results))
    return grades, summary


def table(results: list[Result], db_url: str | None = None) -> str:
    """The table printed at the end: one line per submission, then the class's weakest exercises."""
    rows_ = rows(results, gradebook_scores(db_url, results) if db_url else None)
    w_student = max([7] + [len(r["student"]) for r in rows_])
    w_assign = max([10] + [len(r["assignment"]) for r in rows_])
    lines = [f"{'student':<{w_student}}  {'assignment':<{w_assign}}  {'score':>11}  status",
             f"{'-' * w_student}  {'-' * w_assign}  {'-' * 11}  {'-' * 40}"]
    for r in rows_:
        status = r["status"] if len(r["status"]) <= 110 else r["status"][:107] + "..."
        score = (r["score"] or "-") + " / " + r["max_score"]
        lines.append(f"{r['student']:<{w_student}}  {r['assignment']:<{w_assign}}  {score:>11}  {status}")
    counts = Counter(r["status"].partition(":")[0] for r in rows_)   # a row's status may be the gradebook's
    lines.append("")
    lines.append("  ".join(f"{k}: {v}" for k, v in sorted(counts.items())))
    worst = [e for e in exercise_summary(results) if e["failed"]][:5]
    if worst:
        lines.append("")
        lines.append("Exercises the class failed most:")
        for e in worst:
            lines.append(f"  {e['assignment']} {e['exercise']}: failed by {e['failed']} of {e['graded']}"
                         + (f" -- most common: {e['most_common_hint']}" if e["most_common_hint"] else ""))
    return "\n".join(lines)
