"""What grading one submission gives: a `Status` with its reason, and a `Verdict` per test.

The texts are the ones grades.csv, the table and the feedback show (``graded``, ``needs manual
grading: <why>``, ``not graded: <why>``; ``passed``, ``failed``, ``not run``, ``no proof``), and the
JSON records keep the status as that text, so a record written before these enums reads the same.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import StrEnum


class Verdict(StrEnum):
    PASSED = "passed"
    FAILED = "failed"          # the check raised: its message is the student's hint
    NOT_RUN = "not run"        # the run stopped before it (or the submission was not graded)
    NO_PROOF = "no proof"      # no error, but no token either: something kept the test from running


class Status(StrEnum):
    GRADED = "graded"
    NEEDS_MANUAL = "needs manual grading"   # written answers, or possible tampering
    NOT_GRADED = "not graded"               # never a silent 0: the reason says why

    @classmethod
    def parse(cls, text: str) -> tuple[Status, str]:
        """(status, reason) from a status text such as ``not graded: the kernel died ...``."""
        head, _, reason = text.partition(":")
        return cls(head.strip()), reason.strip()


# The reasons that other parts of the grader act on, as they begin.
WRITTEN_ANSWERS = "written answers"              # NEEDS_MANUAL: only the written answers await a person
UNREADABLE = ("missing notebook", "invalid notebook")   # NOT_GRADED: there was no notebook to run
# NOT_GRADED through no fault of the student (a worker process or machine lost, a cluster gone): the
# record is not kept, so the next run grades the submission again.
INFRASTRUCTURE = "grader infrastructure"


@dataclass
class TestResult:
    __test__ = False            # not a pytest test class

    grade_id: str
    points: float
    score: float
    verdict: Verdict
    message: str = ""           # student-facing: the check's message, or the error's name and text

    def __post_init__(self) -> None:
        self.verdict = Verdict(self.verdict)


@dataclass(kw_only=True)
class Result:
    student: str
    assignment: str
    status: Status = Status.GRADED
    reason: str = ""            # why, for every status but GRADED
    score: float = 0.0
    max_score: float = 0.0
    auto_max: float = 0.0
    tests: list[TestResult] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    submission_sha: str = ""
    source_sha: str = ""
    seconds: float = 0.0
    version: str = ""           # the grading key it was graded with (a record with another is re-graded)
    worker: str = ""            # who graded it: ``local:<host>:<pid>`` or a Dask worker's address

    @property
    def status_text(self) -> str:
        """The status as grades.csv, the table and the feedback show it."""
        return f"{self.status}: {self.reason}" if self.reason else str(self.status)

    @property
    def not_graded(self) -> bool:
        return self.status is Status.NOT_GRADED

    @property
    def unreadable(self) -> bool:
        """Not graded because there was no notebook to run (missing, or not a notebook)."""
        return self.not_graded and self.reason.startswith(UNREADABLE)

    @property
    def infrastructure(self) -> bool:
        """Not graded because the grader's machinery failed, not the student's notebook."""
        return self.not_graded and self.reason.startswith(INFRASTRUCTURE)

    @property
    def awaits_written_answers_only(self) -> bool:
        return self.status is Status.NEEDS_MANUAL and self.reason.startswith(WRITTEN_ANSWERS)

    def to_json(self) -> dict:
        data = asdict(self)
        data.pop("reason")
        data["status"] = self.status_text
        for t in data["tests"]:
            t["verdict"] = str(t["verdict"])
        return data

    @classmethod
    def from_json(cls, data: dict) -> Result:
        data = dict(data)
        data["status"], data["reason"] = Status.parse(data.get("status", ""))
        data["tests"] = [TestResult(**t) for t in data.get("tests", [])]
        return cls(**data)
