"""grade --report: a self-contained HTML page with every check, heatmaps, gradient errors and kata figures."""
from __future__ import annotations

import importlib
import re
import subprocess
import sys
from pathlib import Path

import pytest

from graders.plugins import load_registry
from tests.conftest import CHROMIUM, ROOT, headless_chromium

FIXTURES = ROOT / "tests" / "fixtures"
TOY = ["--plugin", str(FIXTURES / "toy_plugin.py"), "--kata", "toy_double"]

FIGURES_PLUGIN = '''
import numpy as np
from graders import hookimpl
from graders.figures import pyplot


def doubled_line(sub, ref):
    plt = pyplot()
    x = np.linspace(-1.0, 1.0, 9)
    fig, ax = plt.subplots()
    ax.plot(x, sub.double(x), label="yours")
    if ref is not None:
        ax.plot(x, ref.double(x), "--", label="reference")
    ax.legend()
    return fig


def broken(sub, ref):
    return sub.no_such_function(1.0)


@hookimpl
def register_figures(register):
    register("toy_double", "double on [-1, 1]", doubled_line)
    register("toy_double", "a figure that fails", broken)
    register("toy_double", "double on [-1, 1]", doubled_line)
    register("toy_double", 42, "not a function")
'''


def grade(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "grade.py"), *args], cwd=cwd, capture_output=True, text=True,
                          timeout=300)


def images(page: str) -> list[str]:
    return re.findall(r'<img class="figure" alt="([^"]*)" src="data:image/png;base64,', page)


def test_normal_grading_never_imports_matplotlib():
    code = (
        "import sys\n"
        "from graders.cli import main\n"
        f"try:\n    main.main({[*TOY, '--submission', str(FIXTURES / 'toy_submissions' / 'wrong.py')]!r})\n"
        "except SystemExit:\n    pass\n"
        "print('imported:', sorted(m for m in sys.modules if m.split('.')[0] in ('matplotlib', 'nbformat')))\n"
    )
    run = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert "imported: []" in run.stdout, run.stdout + run.stderr


@pytest.fixture(scope="module")
def toy_report(tmp_path_factory):
    pytest.importorskip("matplotlib", reason="matplotlib is not installed (pip install 'ml-katas[plots]')")
    folder = tmp_path_factory.mktemp("report")
    plugin = folder / "toy_figures.py"
    plugin.write_text(FIGURES_PLUGIN)
    submission = folder / "toy_double.py"
    submission.write_text((FIXTURES / "toy_submissions" / "wrong.py").read_text().replace(
        'print("doubling", x.shape)', 'print("<script>alert(1)</script> doubling", x.shape)'))
    page = folder / "report.html"
    run = grade(*TOY, "--plugin", str(plugin), "--submission", str(submission), "--report", str(page))
    return run, page


def test_the_page_has_the_score_every_check_and_the_figures(toy_report):
    run, page = toy_report
    assert run.returncode == 1 and "Traceback" not in run.stdout + run.stderr
    assert f"report: {page}" in run.stderr
    html = page.read_text()
    assert "0/6 points" in html and "toy_double: Toy: double, a square layer, a counter" in html
    for title in ("double(x) is 2 * x", "square_backward agrees with the numerical gradient of square_forward",
                  "square_forward and square_backward agree with the reference", "Counter().add(n) accumulates"):
        assert title in html
    captions = images(html)
    assert "double(x): expected / got / difference" in captions
    assert "relative error per gradient" in captions
    assert "double on [-1, 1]" in captions
    assert re.search(r"a figure that fails: not drawn: .*no `no_such_function`", html)
    assert "http://" not in html and "https://" not in html  # self-contained: nothing to fetch


def test_bad_figure_registrations_are_one_warning_each(toy_report):
    run, _ = toy_report
    assert "registers figure 'double on [-1, 1]' of kata 'toy_double' twice" in run.stderr
    assert "registered a malformed figure 42" in run.stderr


def test_the_learners_output_is_escaped(toy_report):
    _, page = toy_report
    html = page.read_text()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; doubling" in html


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (the CI setup installs it with apt-get "
                                             "where it can: apt-get install chromium)")
def test_the_page_loads_in_a_headless_browser_and_shows_every_figure(toy_report, tmp_path):
    _, page = toy_report
    expected = len(images(page.read_text()))
    assert expected >= 3
    command = headless_chromium(tmp_path / "profile")
    dom = subprocess.run([*command, "--dump-dom", page.as_uri()], capture_output=True, text=True, timeout=120)
    body = re.search(r"<body[^>]*>", dom.stdout)
    assert body, dom.stderr[-2000:]
    assert f'data-figures="{expected}/{expected}"' in body.group(0)  # every image decoded, with a size
    assert "data-errors" not in body.group(0)  # no script error
    shot = tmp_path / "page.png"
    subprocess.run([*command, f"--screenshot={shot}", "--window-size=1200,3000", page.as_uri()],
                   capture_output=True, timeout=120)
    assert shot.is_file() and shot.stat().st_size > 10_000


FIGURES = sorted(
    (kata_id, figure.name)
    for kata_id, figures in (importlib.import_module("graders.figures").load_figure_functions()[0]).items()
    for figure in figures
)


@pytest.mark.parametrize("kata_id,name", FIGURES, ids=[f"{k}-{n}" for k, n in FIGURES])
def test_every_kata_figure_draws_with_and_without_the_reference(kata_id, name, monkeypatch):
    pytest.importorskip("matplotlib", reason="matplotlib is not installed")
    from graders import figures

    def no_failure(exc):
        raise AssertionError(f"a panel of {kata_id}'s figure {name!r} failed: {exc!r}")

    monkeypatch.setattr(figures, "_short", no_failure)
    [figure] = [f for f in figures.load_figure_functions()[0][kata_id] if f.name == name]
    assert kata_id in load_registry().katas
    reference = importlib.import_module(f"reference.{kata_id}")
    for ref in (reference, None):  # the instructor's tree, and a student edition without the reference
        png = figures.png_bytes(figure.function(reference, ref))
        assert png.startswith(b"\x89PNG") and len(png) > 5_000


# -- what the figures are drawn from ------------------------------------------------------------------


def test_checks_keep_figure_data_only_when_asked_and_never_in_the_json():
    import numpy as np

    from graders.runner import GradeOptions, Runner

    kata = load_registry([str(FIXTURES / "toy_plugin.py")]).katas["toy_double"]
    wrong = FIXTURES / "toy_submissions" / "wrong.py"
    plain = Runner(GradeOptions()).grade([kata], wrong)
    drawn = Runner(GradeOptions(figure_data=True)).grade([kata], wrong)
    assert all(not c.figure_data for c in plain.katas[0].checks)
    checks = {c.check: c for c in drawn.katas[0].checks}
    arrays = checks["double_doubles"].figure_data["arrays"]
    assert arrays["name"] == "double(x)" and arrays["got"].shape == arrays["expected"].shape
    assert np.any(arrays["got"] != arrays["expected"])
    gradients = checks["square_backward_matches_numerical_gradient"].figure_data["gradients"]
    assert gradients["names"] == ["dx"] and gradients["errors"][0] > gradients["tol"]
    assert plain.to_dict(timings=False) == drawn.to_dict(timings=False)
    assert "figure_data" not in str(drawn.to_dict())


def test_a_gradient_record_checks_every_gradient_and_still_names_the_first_wrong_one():
    import numpy as np

    from graders.checks import CheckFailed
    from graders.gradcheck import GRADIENT_RECORD, check_gradients

    x, w = np.array([[1.0, 2.0]]), np.array([[0.5, -1.0]])
    dout = np.ones((1, 2))
    wrong_dx, right_dw = 2 * w * dout, x * dout  # dx off by a factor of 2, dw right

    def run():
        check_gradients(lambda x, w: x * w, [x, w], [wrong_dx, right_dw], dout, names=["dx", "dw"])

    with pytest.raises(CheckFailed, match=r"^Wrong gradient: dx \(relative error [0-9.e+-]+\); right: dw\.\ndx does not match"):
        run()
    token = GRADIENT_RECORD.set([])
    try:
        with pytest.raises(CheckFailed, match="\ndx does not match"):
            run()
        [record] = GRADIENT_RECORD.get()
    finally:
        GRADIENT_RECORD.reset(token)
    assert record["names"] == ["dx", "dw"] and record["errors"][0] > 1e-6 > record["errors"][1]


def test_a_check_failing_for_another_reason_gets_no_all_green_gradient_figure(tmp_path):
    from graders.runner import GradeOptions, Runner

    kata = load_registry([str(FIXTURES / "toy_plugin.py")]).katas["toy_double"]
    flat = tmp_path / "toy_double.py"
    flat.write_text((FIXTURES / "toy_reference.py").read_text().replace(
        'return 2 * cache["x"] * dout', 'return (2 * cache["x"] * dout).ravel()'))
    result = Runner(GradeOptions(figure_data=True)).grade([kata], flat).katas[0]
    check = next(c for c in result.checks if c.check == "square_backward_matches_numerical_gradient")
    assert check.status == "failed" and "wrong shape" in check.message
    gradients = check.figure_data.get("gradients")
    assert gradients is None or max(gradients["errors"]) > gradients["tol"]
