"""``grade --report report.html``: one self-contained page (images embedded) with scores, checks and figures.

The builder is handed each kata right after its checks ran, while the
submission is still loaded in the worker, so kata figures call the learner's
code through the sandbox like any check does. matplotlib is imported only here
and in ``graders.figures``, never on the normal grading path.
"""
from __future__ import annotations

import base64
import html
import importlib
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from graders.figures import KataFigure, check_figures, load_figure_functions, png_bytes, pyplot
from graders.kata import Kata
from graders.reporters.terminal import LABELS
from graders.results import CheckResult, KataResult, Report
from graders.sandbox import Submission, SubmissionAbort


@dataclass
class Image:
    """One figure of the page: a PNG, or the sentence saying why it could not be drawn."""

    caption: str
    png: bytes = b""
    problem: str = ""


@dataclass
class ReportBuilder:
    """Collects the figures of each kata as it is graded, then writes the page."""

    kata_figures: dict[str, list[KataFigure]] = field(default_factory=dict)
    check_images: dict[tuple[str, str], list[Image]] = field(default_factory=dict)
    kata_images: dict[str, list[Image]] = field(default_factory=dict)
    seconds: float = 0.0  # time spent drawing

    @classmethod
    def for_plugins(cls, plugins: Iterable[str] = ()) -> tuple["ReportBuilder", list[str]]:
        """A builder with every figure the plugins register; also the problems met while loading them."""
        pyplot()  # fail early, before grading, when matplotlib is missing
        figures, problems = load_figure_functions(plugins)
        return cls(kata_figures=figures), problems

    def after_kata(self, kata: Kata, result: KataResult, sub: Submission | None) -> None:
        """Draw the figures of a graded kata (``sub`` is None when its file could not be loaded)."""
        start = time.perf_counter()
        for check in result.checks:
            if check.figure_data:
                self.check_images[(result.kata, check.check)] = [
                    _draw(caption, lambda fig=fig: fig) for caption, fig in check_figures(check.figure_data)
                ]
        images = []
        for figure in self.kata_figures.get(kata.id, []):
            if sub is None:
                images.append(Image(figure.name, problem="not drawn: your file could not be loaded"))
            else:
                reference = _reference_or_none(kata)
                images.append(_draw(figure.name, lambda f=figure: f.function(sub, reference)))
        self.kata_images[kata.id] = images
        self.seconds += time.perf_counter() - start

    def html(self, report: Report) -> str:
        """The whole page."""
        sections = "\n".join(self._kata_html(k) for k in report.katas)
        total = (f"{report.points:g}/{report.max_points} points, "
                 f"{sum(k.all_passed for k in report.katas)} of {len(report.katas)} katas complete")
        return PAGE.format(
            style=STYLE, script=SCRIPT, submission=_e(report.submission), isolation=_e(report.isolation),
            total=_e(total), when=_e(time.strftime("%Y-%m-%d %H:%M")), sections=sections,
        )

    def write(self, report: Report, path: Path) -> None:
        Path(path).write_text(self.html(report), encoding="utf-8")

    def _kata_html(self, k: KataResult) -> str:
        pct = 100 * k.score
        parts = [f'<section class="kata" id="kata-{_e(k.kata)}">',
                 f"<h2>{_e(k.kata)}: {_e(k.title)} <span class=\"score\">{k.points:g}/{k.max_points} "
                 f"({pct:.0f} %)</span></h2>",
                 f'<div class="bar"><div style="width:{pct:.1f}%"></div></div>',
                 f'<p class="file">{_e(k.file)}</p>']
        if k.problem:
            parts.append(f'<p class="problem">{_e(k.problem)}</p>')
        parts.extend(self._check_html(c) for c in k.checks)
        images = self.kata_images.get(k.kata, [])
        if images:
            parts.append("<h3>Figures</h3>")
            parts.extend(_image_html(image) for image in images)
        parts.append("</section>")
        return "\n".join(parts)

    def _check_html(self, c: CheckResult) -> str:
        label = LABELS.get(c.status, (c.status.upper(), "red"))[0].strip()
        pts = f"{c.points:g}/{c.max_points} pt{'s' if c.max_points != 1 else ''}, {c.visibility}, {c.seconds * 1000:.0f} ms"
        parts = [f'<div class="check {_e(c.status)}">',
                 f'<div class="head"><span class="badge {_e(c.status)}">{_e(label)}</span> {_e(c.title)} '
                 f'<span class="pts">({_e(pts)})</span></div>']
        if c.message and c.status not in ("not_started", "missing"):
            parts.append(f'<pre class="message">{_e(c.message)}</pre>')
        for key, text in (("call", c.call), ("example", c.example)):
            if text:
                parts.append(f'<p class="{key}"><b>{key}:</b> <code>{_e(text)}</code></p>')
        if c.output:
            parts.append(f'<p class="call"><b>your code printed:</b></p><pre class="output">{_e(c.output)}</pre>')
        parts.extend(_image_html(image) for image in self.check_images.get((c.kata, c.check), []))
        parts.append("</div>")
        return "\n".join(parts)


def _draw(caption: str, make: Any) -> Image:
    """Run ``make() -> Figure`` and keep its PNG, or the reason it failed (the learner's code may raise)."""
    try:
        return Image(caption, png=png_bytes(make()))
    except (Exception, SubmissionAbort) as exc:  # noqa: BLE001 - a figure never stops the report
        pyplot().close("all")
        message = getattr(exc, "message", None) or str(exc) or type(exc).__name__
        return Image(caption, problem=f"not drawn: {message.splitlines()[0][:300]}")


def _reference_or_none(kata: Kata) -> Any:
    try:
        return importlib.import_module(kata.reference_module)
    except ImportError:
        return None  # a student edition: figures show the learner's side only


def _image_html(image: Image) -> str:
    if not image.png:
        return f'<p class="figure-problem">{_e(image.caption)}: {_e(image.problem)}</p>'
    data = base64.b64encode(image.png).decode("ascii")
    return (f'<figure><img class="figure" alt="{_e(image.caption)}" src="data:image/png;base64,{data}">'
            f"<figcaption>{_e(image.caption)}</figcaption></figure>")


def _e(text: Any) -> str:
    return html.escape(str(text), quote=True)


PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>ml-katas report</title>
<style>{style}</style>
</head>
<body>
<h1>ml-katas report</h1>
<p class="summary">{total} &middot; submission <code>{submission}</code> &middot; isolation {isolation} &middot; {when}</p>
{sections}
<script>{script}</script>
</body>
</html>
"""

STYLE = """
body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 1100px; padding: 0 1em; color: #222; }
h2 { margin-top: 2em; border-bottom: 1px solid #ddd; } .score { float: right; font-weight: normal; }
.bar { background: #eee; height: 8px; border-radius: 4px; } .bar div { background: #27ae60; height: 8px; border-radius: 4px; }
.check { margin: .6em 0; padding: .4em .8em; border-left: 4px solid #27ae60; background: #fafafa; }
.check.failed, .check.error, .check.timeout, .check.crashed, .check.forbidden { border-color: #c0392b; }
.check.not_started, .check.missing { border-color: #e67e22; }
.badge { font-weight: bold; font-family: monospace; padding: 0 .4em; border-radius: 3px; color: white; background: #27ae60; }
.badge.failed, .badge.error, .badge.timeout, .badge.crashed, .badge.forbidden { background: #c0392b; }
.badge.not_started, .badge.missing { background: #e67e22; }
.pts, .file { color: #777; font-size: .9em; } pre { white-space: pre-wrap; background: #f0f0f0; padding: .5em; }
pre.output { border-left: 3px solid #999; } figure { margin: .8em 0; } img.figure { max-width: 100%; }
figcaption { color: #555; font-size: .9em; } .figure-problem { color: #c0392b; } .problem { color: #c0392b; }
"""

# Marks the page once loaded: how many figures decoded, and any script error (read by the browser test).
SCRIPT = """
window.addEventListener("error", function (e) { document.body.dataset.errors = (document.body.dataset.errors || "") + e.message + ";"; });
window.addEventListener("load", function () {
  var imgs = Array.prototype.slice.call(document.querySelectorAll("img.figure"));
  var shown = imgs.filter(function (i) { return i.complete && i.naturalWidth > 0; }).length;
  document.body.dataset.figures = shown + "/" + imgs.length;
});
"""
