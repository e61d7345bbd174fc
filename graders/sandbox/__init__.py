"""The trust boundary: student code runs only in a worker process; see DESIGN.md and SECURITY.md."""
from graders.sandbox.limits import ISOLATION_LEVELS, IsolationUnavailable, Limits, describe_isolation, resolve_isolation
from graders.sandbox.proxy import (
    CallTimeout,
    ForbiddenUse,
    Handle,
    LoadFailed,
    MissingName,
    NotRun,
    NotStarted,
    Sandbox,
    StudentError,
    Submission,
    SubmissionAbort,
    WorkerCrashed,
    WireMisuse,
    count_lines,
    scratch_files,
    submission_source,
)

__all__ = [
    "CallTimeout", "ForbiddenUse", "Handle", "ISOLATION_LEVELS", "IsolationUnavailable", "Limits", "LoadFailed",
    "MissingName", "NotRun", "NotStarted", "Sandbox", "StudentError", "Submission", "SubmissionAbort", "WireMisuse",
    "WorkerCrashed", "count_lines", "describe_isolation", "resolve_isolation", "scratch_files",
    "submission_source",
]
