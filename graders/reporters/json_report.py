"""The JSON report: the project's own schema (docs/report-format.md)."""
from __future__ import annotations

import json
from typing import IO, Any

from graders.hookspecs import hookimpl
from graders.results import Report


def write_json(report: Report, stream: IO[str], options: dict[str, Any]) -> None:
    """Write ``report`` as indented JSON; ``options["timings"]=False`` leaves out seconds."""
    json.dump(report.to_dict(timings=options.get("timings", True)), stream, indent=2)
    stream.write("\n")


@hookimpl
def register_reporters(register):
    register("json", write_json)
