"""``grade export github-classroom DIR``: the autograding workflow of a GitHub Classroom assignment.

Writes ``DIR/.github/workflows/classroom.yml`` into the student edition (the
template repository students get). One step per kata grades it with
``--format github-classroom`` and passes the result, base64-encoded, to
GitHub Classroom's grading reporter, which adds up the checks' points: each
check gives its own points (partial credit per check).

Hidden checks never enter the students' repository. They run only when the
workflow can fetch the instructor's private tree: with the organization
secret ``ML_KATAS_GRADER_TOKEN`` (a read-only token for the private
repository) and the variable ``ML_KATAS_PRIVATE_REPO`` (``owner/name``), a
step checks it out into ``.grader/`` and the katas are graded from there, with
the secret ``ML_KATAS_SEED``. Without them, the public checks of the
student edition are graded.
"""
from __future__ import annotations

from pathlib import Path

from graders.kata import Kata
from graders.release import ReleaseError

WORKFLOW = Path(".github") / "workflows" / "classroom.yml"
PYTHON_VERSION = "3.11"

HEADER = """# GitHub Classroom autograding for ml-katas, written by `grade export github-classroom`.
# Each kata step grades one kata and reports every check with its own points (partial credit per check).
# Hidden checks run only from the instructor's private copy: set the organization secret ML_KATAS_GRADER_TOKEN
# (read access to that repository), the variable ML_KATAS_PRIVATE_REPO (owner/name) and the secret ML_KATAS_SEED.
name: Autograding Tests
on:
  - push
  - repository_dispatch
permissions:
  checks: write
  actions: read
  contents: read
jobs:
  run-autograding-tests:
    runs-on: ubuntu-latest
    if: github.actor != 'github-classroom[bot]'
    env:
      ML_KATAS_SEED: ${{{{ secrets.ML_KATAS_SEED }}}}
      HAS_PRIVATE_GRADER: ${{{{ secrets.ML_KATAS_GRADER_TOKEN != '' }}}}
    steps:
      - name: Checkout code
        uses: actions/checkout@v4
      - name: Set up Python
        uses: actions/setup-python@v5
        with:
          python-version: "{python}"
      - name: Fetch the hidden checks from the instructor's private repository
        if: env.HAS_PRIVATE_GRADER == 'true'
        uses: actions/checkout@v4
        with:
          repository: ${{{{ vars.ML_KATAS_PRIVATE_REPO }}}}
          token: ${{{{ secrets.ML_KATAS_GRADER_TOKEN }}}}
          path: .grader
      - name: Install the grader
        run: |
          sudo apt-get install -y -qq bubblewrap > /dev/null 2>&1 || echo "no bubblewrap: process isolation"
          if [ -d .grader ]; then python -m pip install -q -e .grader; else python -m pip install -q -e .; fi
"""

KATA_STEP = """      - name: {kata}
        id: {kata}
        run: |
          tree=.; [ -d .grader ] && tree=.grader
          result="$RUNNER_TEMP/{kata}.json"
          (cd "$tree" && python grade.py --kata {kata} --submission "$GITHUB_WORKSPACE/student" \\
            --format github-classroom --output "$result") || true
          [ -s "$result" ] || echo '{fallback}' > "$result"
          echo "result=$(base64 -w 0 < "$result")" >> "$GITHUB_OUTPUT"
"""

REPORTER = """      - name: Autograding Reporter
        uses: classroom-resources/autograding-grading-reporter@v1
        env:
{env}
        with:
          runners: {runners}
"""


def workflow(katas: list[Kata]) -> str:
    """The workflow's YAML text for ``katas``: a step per kata, then the grading reporter."""
    steps = []
    for kata in katas:
        max_points = sum(c.points for c in kata.checks_for(("public", "hidden")))
        fallback = ('{"version": 1, "status": "error", "max_score": %d, "tests": [{"name": "%s", "status": "error", '
                    '"score": 0, "message": "the grader wrote no result: see the log of this step"}]}'
                    % (max_points, kata.id))
        steps.append(KATA_STEP.format(kata=kata.id, fallback=fallback))
    env = "\n".join(f'          {kata.id.upper()}_RESULTS: "${{{{ steps.{kata.id}.outputs.result }}}}"' for kata in katas)
    return (HEADER.format(python=PYTHON_VERSION) + "".join(steps)
            + REPORTER.format(env=env, runners=",".join(k.id for k in katas)))


def instructor_files(folder: Path) -> list[str]:
    """What in ``folder`` must never reach students: reference solutions, hidden checks, known mistakes."""
    found = [p for p in (folder / "reference").glob("*.py") if p.name != "__init__.py"]
    for pattern in ("katas/*/hidden*.py", "katas/*/mistakes.py", "katas/*/mutants"):
        found += folder.glob(pattern)
    return sorted(p.relative_to(folder).as_posix() for p in found)


def export_workflow(katas: list[Kata], folder: Path) -> Path:
    """Write ``folder/.github/workflows/classroom.yml``; ``folder`` must be a student edition (no hidden checks)."""
    leaks = instructor_files(folder)
    if leaks:
        raise ReleaseError(f"{folder} holds what students must not see ({', '.join(leaks[:3])}"
                           f"{' ...' if len(leaks) > 3 else ''}); export into the student edition that "
                           "`grade release` builds, the assignment's template repository")
    if not katas:
        raise ReleaseError("no kata to grade: name them with --kata")
    path = folder / WORKFLOW
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(workflow(katas), encoding="utf-8")
    return path
