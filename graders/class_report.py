"""What the class got wrong: ``class-report.html`` from the JSON reports of a batch.

``grade batch`` writes it after grading; ``grade stats OUT/`` rebuilds it from
an existing output folder. Per kata: the distribution of scores, each check's
pass rate, the known mistakes found (from each failed check's ``diagnosis``,
``{"mistake": id, "says": sentence}`` or null; reports without the field are
read as naming none), how many students made each, the slowest submissions
and the students who did not start. Figures need matplotlib; without it the
page has the tables and says so.
"""
from __future__ import annotations

import base64
import html
import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graders.kata import Kata

PAGE_NAME = "class-report.html"
SLOWEST = 5
NOT_STARTED = ("not_started", "missing")


class ClassReportError(ValueError):
    """The folder holds no batch output to report on; the message is one sentence."""


@dataclass
class CheckStats:
    """One check over the class: how many graded submissions passed it."""

    name: str
    title: str
    visibility: str
    passed: int = 0
    graded: int = 0

    @property
    def pass_rate(self) -> float:
        return self.passed / self.graded if self.graded else 0.0


@dataclass
class KataStats:
    """One kata over the class (``scores`` in [0, 1], one per submission that has the kata)."""

    kata: str
    title: str
    scores: list[float] = field(default_factory=list)
    checks: dict[str, CheckStats] = field(default_factory=dict)
    mistakes: dict[str, set[str]] = field(default_factory=dict)  # mistake id -> students who made it
    says: dict[str, str] = field(default_factory=dict)  # mistake id -> its sentence
    seconds: list[tuple[float, str]] = field(default_factory=list)
    not_started: list[str] = field(default_factory=list)


def _students(out_dir: Path) -> dict[str, str]:
    """Student key -> the name to show (the people a platform's export named, else the key)."""
    try:
        state = json.loads((out_dir / "batch-state.json").read_text(encoding="utf-8"))
        entries = state.get("students", {})
    except (OSError, ValueError):
        return {}
    names = {}
    for key, entry in entries.items():
        people = entry.get("row", {}).get("people") or []
        names[key] = " & ".join(p.get("name", "") for p in people if p.get("name")) or key
    return names


def load_reports(out_dir: Path) -> dict[str, dict]:
    """The JSON reports of a batch output folder, by student."""
    folder = out_dir / "reports"
    if not folder.is_dir():
        raise ClassReportError(f"{out_dir} holds no reports/ folder: give the --out folder of a `grade batch` run")
    reports = {}
    for path in sorted(folder.glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(data, dict) and str(data.get("schema", "")).startswith("ml-katas/report/"):
            reports[path.stem] = data
    return reports


def class_stats(reports: dict[str, dict], kata_ids: list[str] | None = None) -> list[KataStats]:
    """Per kata (in ``kata_ids`` order, else in the reports' order) the statistics of the class."""
    stats: dict[str, KataStats] = {}
    for student, report in reports.items():
        for kata in report.get("katas", []):
            if kata_ids is not None and kata["kata"] not in kata_ids:
                continue
            s = stats.setdefault(kata["kata"], KataStats(kata["kata"], kata.get("title", "")))
            s.scores.append(float(kata.get("score", 0.0)))
            s.seconds.append((float(kata.get("seconds", 0.0)), student))
            checks = kata.get("checks", [])
            if checks and all(c["status"] in NOT_STARTED for c in checks):
                s.not_started.append(student)
            for c in checks:
                cs = s.checks.setdefault(c["check"], CheckStats(c["check"], c.get("title", ""), c.get("visibility", "")))
                cs.graded += 1
                cs.passed += c["status"] == "passed"
                diagnosis = c.get("diagnosis")
                if isinstance(diagnosis, dict) and diagnosis.get("mistake"):
                    s.mistakes.setdefault(diagnosis["mistake"], set()).add(student)
                    s.says.setdefault(diagnosis["mistake"], str(diagnosis.get("says", "")))
    order = kata_ids if kata_ids is not None else list(stats)
    return [stats[k] for k in order if k in stats]


# -- the page ---------------------------------------------------------------------------------------------


def _figures() -> Any:
    try:
        from graders.figures import FiguresUnavailable, png_bytes, pyplot

        return pyplot(), png_bytes
    except (ImportError, FiguresUnavailable):
        return None


def _img(png: bytes, alt: str) -> str:
    return f'<img alt="{html.escape(alt)}" src="data:image/png;base64,{base64.b64encode(png).decode()}">'


def _score_figure(s: KataStats, figures: Any) -> str:
    if figures is None:
        return ""
    plt, png_bytes = figures
    fig, (left, right) = plt.subplots(1, 2, figsize=(9, 2.6))
    left.hist([100 * x for x in s.scores], bins=[0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100.001], color="#2980b9",
              edgecolor="white")
    left.set(xlabel="score (%)", ylabel="students", title="score distribution", xlim=(0, 100))
    left.yaxis.get_major_locator().set_params(integer=True)
    checks = list(s.checks.values())
    right.barh(range(len(checks)), [100 * c.pass_rate for c in checks],
               color=["#27ae60" if c.visibility == "public" else "#8e44ad" for c in checks])
    right.set_yticks(range(len(checks)), [c.name[:28] for c in checks], fontsize=7)
    right.invert_yaxis()
    right.set(xlabel="passed (%)", title="pass rate per check (purple: hidden)", xlim=(0, 100))
    fig.tight_layout()
    return _img(png_bytes(fig), f"{s.kata}: scores and pass rates")


def _kata_section(s: KataStats, names: dict[str, str], figures: Any) -> str:
    e = html.escape
    mean = 100 * sum(s.scores) / len(s.scores) if s.scores else 0.0
    complete = sum(x >= 1.0 for x in s.scores)
    parts = [f'<section id="kata-{e(s.kata)}"><h2>{e(s.kata)}: {e(s.title)}</h2>',
             f"<p>{len(s.scores)} submissions, mean score {mean:.0f} %, {complete} complete, "
             f"{len(s.not_started)} not started.</p>", _score_figure(s, figures),
             "<h3>Checks</h3><table><tr><th>check</th><th>visibility</th><th>passed</th><th>pass rate</th></tr>"]
    for c in s.checks.values():
        parts.append(f"<tr><td>{e(c.title or c.name)}</td><td>{e(c.visibility)}</td><td>{c.passed}/{c.graded}</td>"
                     f'<td><div class="bar"><div style="width:{100 * c.pass_rate:.0f}%"></div></div>'
                     f"{100 * c.pass_rate:.0f} %</td></tr>")
    parts.append("</table><h3>Known mistakes found</h3>")
    if s.mistakes:
        parts.append("<table><tr><th>mistake</th><th>what it does</th><th>students</th></tr>")
        for mistake, students in sorted(s.mistakes.items(), key=lambda item: (-len(item[1]), item[0])):
            who = ", ".join(names.get(x, x) for x in sorted(students))
            parts.append(f"<tr><td><code>{e(mistake)}</code></td><td>{e(s.says[mistake])}</td>"
                         f'<td><b>{len(students)}</b> <span class="who">{e(who)}</span></td></tr>')
        parts.append("</table>")
    else:
        parts.append("<p>None named in these reports.</p>")
    slowest = sorted(s.seconds, reverse=True)[:SLOWEST]
    parts.append("<h3>Slowest submissions</h3><table><tr><th>student</th><th>seconds</th></tr>")
    parts.extend(f"<tr><td>{e(names.get(who, who))}</td><td>{sec:.1f}</td></tr>" for sec, who in slowest)
    parts.append("</table><h3>Did not start</h3>")
    parts.append(f"<p>{e(', '.join(names.get(x, x) for x in s.not_started)) or 'Everyone started.'}</p></section>")
    return "\n".join(parts)


def class_report_html(stats: list[KataStats], names: dict[str, str], submissions: int) -> str:
    """The whole page for ``stats`` of ``submissions`` graded submissions."""
    figures = _figures()
    note = "" if figures is not None else "<p>Figures need matplotlib: pip install 'ml-katas[plots]'.</p>"
    toc = " · ".join(f'<a href="#kata-{html.escape(s.kata)}">{html.escape(s.kata)}</a>' for s in stats)
    sections = "\n".join(_kata_section(s, names, figures) for s in stats)
    return PAGE.format(style=STYLE, script=SCRIPT, submissions=submissions, katas=len(stats), when=time.strftime("%Y-%m-%d %H:%M"),
                       note=note, toc=toc, sections=sections)


def write_class_report(out_dir: Path, katas: list[Kata] | None = None) -> Path:
    """Write ``out_dir/class-report.html`` from ``out_dir/reports/*.json``; return its path."""
    reports = load_reports(out_dir)
    stats = class_stats(reports, [k.id for k in katas] if katas is not None else None)
    page = out_dir / PAGE_NAME
    page.write_text(class_report_html(stats, _students(out_dir), len(reports)), encoding="utf-8")
    return page


PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>ml-katas: class report</title><style>{style}</style></head>
<body><h1>What the class got wrong</h1>
<p class="meta">{submissions} graded submissions, {katas} kata(s), {when}.</p>{note}
<nav>{toc}</nav>
{sections}
<script>{script}</script>
</body></html>
"""

# Marks on <body> how many figures decoded (data-figures="ok/total"), so a headless browser can check the page.
SCRIPT = """
window.addEventListener("load", () => {
  const images = [...document.images];
  const ok = images.filter(i => i.complete && i.naturalWidth > 0).length;
  document.body.setAttribute("data-figures", ok + "/" + images.length);
});
"""

STYLE = """
body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 1000px; padding: 0 1em; color: #222; }
h2 { margin-top: 2em; border-bottom: 1px solid #ddd; } .meta { color: #666; }
table { border-collapse: collapse; margin: .5em 0; } td, th { padding: 3px 10px; border-bottom: 1px solid #eee;
text-align: left; vertical-align: top; } .bar { display: inline-block; width: 120px; background: #eee; height: 8px;
margin-right: 6px; } .bar div { background: #27ae60; height: 8px; } .who { color: #666; font-size: 90%; }
img { max-width: 100%; }
"""
