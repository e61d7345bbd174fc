"""PrairieLearn: ``grade export prairielearn DIR`` writes a course skeleton whose questions ml-katas grades.

```
DIR/infoCourse.json                       only when DIR has none (a new course)
DIR/serverFilesCourse/ml_katas/           the grading tree (engine, katas with hidden checks, references),
                                          run.sh (the entry point), ml-katas.json (seed, budget), Dockerfile
DIR/questions/ml_katas/<kata>/info.json   gradingMethod External, externalGradingOptions
DIR/questions/ml_katas/<kata>/question.html
DIR/questions/ml_katas/<kata>/<kata>.py   the stub, the editor's starting code
```

PrairieLearn copies ``serverFilesCourse/ml_katas`` to ``/grade/serverFilesCourse``
and the student's files to ``/grade/student``, then runs ``run.sh <kata>``,
which calls ``python -m graders.prairielearn /grade <kata>``: the submission is
graded as ``grade batch`` grades one (same file matching, same sandbox), within
a time budget below the question's timeout, into ``/grade/results/results.json``
(``gradable``, ``score`` in [0, 1], ``message``, ``output``, ``tests`` with
``name``, ``description``, ``points``, ``max_points``, ``message``,
``output``). Hidden checks are listed with their points only: no name, no
message.
"""
from __future__ import annotations

import json
import secrets
import shutil
import sys
import time
import traceback
import uuid
from pathlib import Path

from graders.budget import grade_submission, write_results
from graders.gradescope import grading_files
from graders.kata import Kata
from graders.release import ReleaseError, in_tree, project_root
from graders.results import Report
from graders.runner import GradeOptions
from graders.submissions import BadSubmission

SERVER_FILES = "ml_katas"
CONFIG = "ml-katas.json"
DEFAULT_IMAGE = "prairielearn/grader-python"
DEFAULT_TIMEOUT = 120  # seconds; PrairieLearn's limit is 600
UUID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "ml-katas/prairielearn")

RUN_SH = """#!/bin/bash
# PrairieLearn runs this in the grading container: grade /grade/student on kata $1 into /grade/results/results.json.
ROOT="${PL_GRADE_ROOT:-/grade}"
PYTHON="${PYTHON:-python3}"
mkdir -p "$ROOT/results"
cd "$(dirname "$0")" || exit 1
"$PYTHON" -m graders.prairielearn "$ROOT" "$1"
if [ ! -s "$ROOT/results/results.json" ]; then  # the grader could not even start (a missing package in the image?)
  echo '{"gradable": false, "format_errors": ["The grader could not start; your instructor can see why in the output."]}' \\
    > "$ROOT/results/results.json"
fi
"""

DOCKERFILE = """# The grading image: PrairieLearn's Python grader with what ml-katas needs. Build and push it, then give its
# name to `grade export prairielearn --image` (or edit externalGradingOptions.image in each info.json).
FROM prairielearn/grader-python
RUN apt-get update && apt-get install -y --no-install-recommends bubblewrap && rm -rf /var/lib/apt/lists/* \\
 && python3 -m pip install --no-cache-dir "numpy>=1.24" "pluggy>=1.3" "hypothesis>=6.90" "click>=8.1"
"""

QUESTION_HTML = """<pl-question-panel>
<markdown>
{statement}
</markdown>
<p>Write your code in <code>{kata}.py</code> below; it is graded by ml-katas (public and hidden checks).</p>
</pl-question-panel>

<pl-file-editor file-name="{kata}.py" ace-mode="ace/mode/python" source-file-name="{kata}.py"></pl-file-editor>

<pl-submission-panel>
  <pl-external-grader-results></pl-external-grader-results>
  <pl-file-preview></pl-file-preview>
</pl-submission-panel>
"""


def question_info(kata: Kata, image: str, timeout: int) -> dict:
    """A question's ``info.json``: graded externally by ``run.sh <kata>`` from ``serverFilesCourse``."""
    return {
        "uuid": str(uuid.uuid5(UUID_NAMESPACE, kata.id)),
        "title": kata.title,
        "topic": kata.topic,
        "tags": ["ml-katas", f"difficulty-{kata.difficulty}"],
        "type": "v3",
        "singleVariant": True,
        "gradingMethod": "External",
        "externalGradingOptions": {
            "enabled": True,
            "image": image,
            "serverFilesCourse": [f"{SERVER_FILES}/"],
            "entrypoint": f"/grade/serverFilesCourse/{SERVER_FILES}/run.sh {kata.id}",
            "timeout": timeout,
        },
    }


def export_course(katas: list[Kata], out: Path, seed: str | None = None, image: str = DEFAULT_IMAGE,
                  timeout: int = DEFAULT_TIMEOUT) -> list[Path]:
    """Write the course skeleton for ``katas`` into ``out``; return the files written."""
    root = project_root()
    if not 10 < timeout <= 600:
        raise ReleaseError("the timeout must be between 10 and 600 seconds (PrairieLearn's limit)")
    for kata in katas:
        if not in_tree(kata, root):
            raise ReleaseError(f"kata {kata.id} does not live in {root / 'katas'}; the export holds this tree's katas")
    written = []
    server = out / "serverFilesCourse" / SERVER_FILES
    if server.exists():
        shutil.rmtree(server)  # rebuilt whole, so that no kata left out stays behind
    for path in grading_files(katas, root):
        target = server / path.relative_to(root)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
        written.append(target)
    config = {"seed": seed or secrets.token_hex(16), "time_budget": timeout - 10}
    for name, text in (("run.sh", RUN_SH), (CONFIG, json.dumps(config, indent=1) + "\n"), ("Dockerfile", DOCKERFILE)):
        (server / name).write_text(text, encoding="utf-8")
        written.append(server / name)
    (server / "run.sh").chmod(0o755)
    course = out / "infoCourse.json"
    if not course.exists():
        topics = sorted({k.topic for k in katas})
        course.write_text(json.dumps({
            "uuid": str(uuid.uuid5(UUID_NAMESPACE, "course")), "name": "ML katas", "title": "Machine learning katas",
            "topics": [{"name": t, "color": "blue1", "description": t} for t in topics],
            "tags": [{"name": "ml-katas", "color": "green1"}] + [
                {"name": f"difficulty-{d}", "color": "gray1"} for d in range(1, 6)],
        }, indent=2) + "\n", encoding="utf-8")
        written.append(course)
    for kata in katas:
        folder = out / "questions" / SERVER_FILES / kata.id
        folder.mkdir(parents=True, exist_ok=True)
        statement = (kata.folder / "README.md").read_text(encoding="utf-8") if (kata.folder / "README.md").is_file() \
            else kata.title
        (folder / "info.json").write_text(json.dumps(question_info(kata, image, timeout), indent=2) + "\n",
                                          encoding="utf-8")
        (folder / "question.html").write_text(QUESTION_HTML.format(statement=statement, kata=kata.id),
                                              encoding="utf-8")
        shutil.copyfile(kata.stub_path, folder / f"{kata.id}.py")
        written += [folder / "info.json", folder / "question.html", folder / f"{kata.id}.py"]
    return written


def pl_results(report: Report) -> dict:
    """``report`` as PrairieLearn's external grading results; hidden checks show their points only."""
    tests = []
    hidden = 0
    for k in report.katas:
        for c in k.checks:
            if c.visibility == "hidden":
                hidden += 1
                tests.append({"name": f"hidden check {hidden}", "description": "", "points": c.points,
                              "max_points": c.max_points, "message": "", "output": ""})
                continue
            details = [] if c.passed else [c.message or c.status.replace("_", " ")] + [
                f"{label}: {text}" for label, text in (("call", c.call), ("example", c.example)) if text]
            tests.append({"name": f"{k.kata}: {c.title}", "description": c.check, "points": c.points,
                          "max_points": c.max_points, "message": "\n".join(details), "output": c.output})
    lines = [f"{k.kata}: graded file {k.file}" + (f" ({k.problem})" if k.problem else "") for k in report.katas]
    score = report.points / report.max_points if report.max_points else 0.0
    return {"gradable": True, "score": round(score, 6), "message": "\n".join(lines),
            "output": f"isolation: {report.isolation}", "tests": tests}


def run_external_grader(root: Path, kata_id: str) -> None:
    """Grade ``root/student`` on ``kata_id`` into ``root/results/results.json`` (always written)."""
    started = time.monotonic()
    results = root / "results" / "results.json"
    try:
        config = json.loads((Path(__file__).resolve().parent.parent / CONFIG).read_text(encoding="utf-8"))
        options = GradeOptions(isolation="auto", seed=config["seed"])
        deadline = started + float(config.get("time_budget", DEFAULT_TIMEOUT - 10))
        report, _ = grade_submission(root / "student", [kata_id], options, deadline, started)
        write_results(results, pl_results(report))
    except BadSubmission as exc:
        write_results(results, {"gradable": False, "format_errors": [f"Your submission could not be graded: {exc}."]})
    except Exception:  # noqa: BLE001 - PrairieLearn must always get a results file
        traceback.print_exc()
        write_results(results, {"gradable": False, "format_errors": ["The grader failed on this submission; your "
                                                              "instructor can see why in the grading output."]})


if __name__ == "__main__":
    run_external_grader(Path(sys.argv[1]), sys.argv[2])
