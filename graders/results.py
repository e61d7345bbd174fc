"""Results of grading: one CheckResult per check, one KataResult per kata, one Report per run."""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

STATUSES = ("passed", "failed", "not_started", "missing", "error", "timeout", "crashed", "forbidden")


@dataclass
class CheckResult:
    """The verdict on one check. ``message`` explains a failure; ``output`` is the student's own printing."""

    kata: str
    check: str
    title: str
    points: float
    max_points: int
    status: str
    visibility: str
    message: str = ""
    call: str = ""
    example: str = ""
    output: str = ""
    seconds: float = 0.0
    # The known mistake whose results on the failing example are the submission's: {"mistake": id, "says": ...}
    diagnosis: dict | None = None
    # What the HTML report draws (arrays of the minimal failing example, gradient errors); never in the JSON.
    figure_data: dict = field(default_factory=dict, repr=False, compare=False, metadata={"json": False})
    # The failing example and the submission's transcript of it (GradeOptions.keep_evidence); never in the JSON.
    evidence: dict = field(default_factory=dict, repr=False, compare=False, metadata={"json": False})
    # The source of a public check, for formats that show a test's code (Exercism); never in the JSON.
    code: str = field(default="", repr=False, compare=False, metadata={"json": False})

    @property
    def passed(self) -> bool:
        return self.status == "passed"


@dataclass
class KataResult:
    kata: str
    title: str
    file: str
    checks: list[CheckResult] = field(default_factory=list)
    problem: str = ""  # one sentence when the whole file could not be graded (missing, syntax error...)
    seconds: float = 0.0
    not_run: int = 0  # checks left out because grading stopped at the first failure (-x): no score then
    not_run_points: int = 0  # their points
    not_run_here: list[str] = field(default_factory=list)  # titles of checks that could not run here (not in JSON)

    @property
    def stopped(self) -> bool:
        """True when grading stopped at a failure before every check ran: points and score are partial."""
        return self.not_run > 0

    @property
    def points(self) -> float:
        return sum(c.points for c in self.checks)

    @property
    def max_points(self) -> int:
        return sum(c.max_points for c in self.checks)

    @property
    def score(self) -> float:
        """Passed points / total points, in [0, 1]."""
        return self.points / self.max_points if self.max_points else 0.0

    @property
    def all_passed(self) -> bool:
        return bool(self.checks) and all(c.passed for c in self.checks)

    @property
    def not_started(self) -> bool:
        return bool(self.checks) and all(c.status in ("not_started", "missing") for c in self.checks)


@dataclass
class Report:
    submission: str
    katas: list[KataResult] = field(default_factory=list)
    isolation: str = ""
    seconds: float = 0.0
    not_graded: list[str] = field(default_factory=list)  # katas left out after a failure with -x

    @property
    def stopped(self) -> bool:
        """True when grading stopped at a failure (-x) before every check of every kata ran."""
        return bool(self.not_graded) or any(k.stopped for k in self.katas)

    @property
    def points(self) -> float:
        return sum(k.points for k in self.katas)

    @property
    def max_points(self) -> int:
        return sum(k.max_points for k in self.katas)

    @property
    def all_passed(self) -> bool:
        return bool(self.katas) and all(k.all_passed for k in self.katas)

    def to_dict(self, timings: bool = True) -> dict:
        """The documented JSON schema (see docs/report-format.md)."""
        def kata_dict(k: KataResult) -> dict:
            checks = []
            for c in k.checks:
                d = {f.name: getattr(c, f.name) for f in fields(c) if f.metadata.get("json", True)}
                if not timings:
                    d.pop("seconds")
                checks.append(d)
            out = {"kata": k.kata, "title": k.title, "file": k.file, "points": k.points, "max_points": k.max_points,
                   "score": round(k.score, 6), "problem": k.problem, "checks": checks}
            if timings:
                out["seconds"] = round(k.seconds, 4)
            if k.stopped:
                out["not_run"], out["not_run_points"] = k.not_run, k.not_run_points
            return out

        out = {"schema": "ml-katas/report/1", "submission": self.submission, "isolation": self.isolation,
               "points": self.points, "max_points": self.max_points,
               "katas": [kata_dict(k) for k in self.katas]}
        if self.not_graded:
            out["not_graded"] = list(self.not_graded)
        if timings:
            out["seconds"] = round(self.seconds, 4)
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Report":
        """The Report that ``to_dict`` wrote (fields it leaves out, like figure data, are empty)."""
        check_fields = {f.name for f in fields(CheckResult) if f.metadata.get("json", True)}
        katas = [KataResult(k["kata"], k["title"], k["file"],
                            [CheckResult(**{n: v for n, v in c.items() if n in check_fields}) for c in k["checks"]],
                            k.get("problem", ""), k.get("seconds", 0.0), k.get("not_run", 0), k.get("not_run_points", 0))
                 for k in data.get("katas", [])]
        return cls(data.get("submission", ""), katas, data.get("isolation", ""), data.get("seconds", 0.0),
                   list(data.get("not_graded", [])))
