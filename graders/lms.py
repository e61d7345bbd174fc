"""Gradebooks that learning-management systems import, and the roster of a Gradescope export.

- ``gradebook-canvas.csv``: Canvas' gradebook import layout: ``Student``, ``ID``,
  ``SIS User ID``, ``SIS Login ID``, ``Section``, then one column per graded
  item (a column Canvas does not know becomes a new assignment), a second row
  ``Points Possible`` with each item's maximum.
- ``gradebook-moodle.csv``: for Moodle's "Import grades from CSV": ``Email
  address`` (map it to the users' email address), ``Full name``, ``ID number``,
  one column per grade item, ``Feedback``.

Both have one row per person: each member of a group submission gets the row.

Gradescope's "Export Submissions" archive holds one ``submission_<id>/`` folder
per submission and ``submission_metadata.yml``, which names each folder's
submitters (``:name:``, ``:sid:``, ``:email:``); ``read_gradescope_roster``
reads it, so a regrade keys its rows on people, not folder ids.
"""
from __future__ import annotations

import csv
import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Iterable

GRADESCOPE_METADATA = "submission_metadata.yml"
CANVAS = "gradebook-canvas.csv"
MOODLE = "gradebook-moodle.csv"


@dataclass(frozen=True)
class Person:
    """A submitter as a platform names them; any field may be empty."""

    name: str = ""
    email: str = ""
    sid: str = ""

    def to_dict(self) -> dict[str, str]:
        return asdict(self)


def _scalar(text: str) -> str:
    """A YAML scalar as Gradescope writes them: plain, 'single-quoted' or "double-quoted"."""
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] == "'":
        return text[1:-1].replace("''", "'")
    if len(text) >= 2 and text[0] == text[-1] == '"':
        try:
            return json.loads(text)
        except ValueError:
            return text[1:-1]
    return text


def read_gradescope_roster(folder: Path) -> dict[str, list[Person]]:
    """``{"submission_123": [Person, ...]}`` from ``folder/submission_metadata.yml``; empty without one.

    Reads the part of the file that names people (each top-level key's ``:submitters:`` list);
    everything else in it (scores, dates, history) is skipped.
    """
    path = folder / GRADESCOPE_METADATA
    if not path.is_file():
        return {}
    roster: dict[str, list[Person]] = {}
    submission, in_submitters, person = "", False, None
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.rstrip()
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        indent = len(line) - len(line.lstrip())
        text = line.strip()
        if indent == 0 and text.endswith(":"):
            submission, in_submitters, person = _scalar(text[:-1]), False, None
            roster.setdefault(submission, [])
            continue
        if not submission:
            continue
        if indent <= 2 and not text.startswith("- "):  # a key of the submission: is it the submitters' list?
            in_submitters, person = text == ":submitters:", None
            continue
        if not in_submitters:
            continue
        if text.startswith("- "):
            person = {}
            roster[submission].append(person)  # type: ignore[arg-type]
            text = text[2:].strip()
        if person is not None:
            for key in ("name", "email", "sid"):
                if text.startswith(f":{key}:"):
                    person[key] = _scalar(text[len(key) + 2:])
    return {key: [Person(**p) for p in people] for key, people in roster.items()}  # type: ignore[arg-type]


def _cell(text: str) -> str:
    """A cell starting like a formula is quoted, so that a spreadsheet shows it as text."""
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


@dataclass
class GradeLine:
    """What the LMS gradebooks need of one gradebook row."""

    key: str
    people: list[Person]
    points: dict[str, float]
    total: float
    note: str = ""

    def persons(self) -> list[Person]:
        return self.people or [Person(name=self.key)]


def write_canvas(path: Path, items: list[tuple[str, float]], lines: Iterable[GradeLine]) -> None:
    """Canvas' gradebook import: identity columns, one column per ``(item, max points)``, a Points Possible row."""
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["Student", "ID", "SIS User ID", "SIS Login ID", "Section", *(name for name, _ in items)])
        writer.writerow(["Points Possible", "", "", "", "", *(f"{most:g}" for _, most in items)])
        for line in lines:
            for person in line.persons():
                writer.writerow([_cell(person.name), "", _cell(person.sid), _cell(person.email), "",
                                 *(f"{line.points.get(name, 0):g}" for name, _ in items)])


def write_moodle(path: Path, items: list[tuple[str, float]], lines: Iterable[GradeLine]) -> None:
    """Moodle's CSV grade import: Email address, Full name, ID number, one column per item, Feedback."""
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["Email address", "Full name", "ID number", *(name for name, _ in items), "Feedback"])
        for line in lines:
            for person in line.persons():
                writer.writerow([_cell(person.email), _cell(person.name), _cell(person.sid),
                                 *(f"{line.points.get(name, 0):g}" for name, _ in items), _cell(line.note)])
