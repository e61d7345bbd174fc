"""Figures for the HTML report, drawn with matplotlib (imported only when a figure is asked for).

Generic figures come from what a failed check kept (``CheckResult.figure_data``):
expected / got / difference heatmaps of the minimal failing example, and the
relative error of each gradient against the threshold. Katas add their own
through the ``register_figures`` hook; the helpers at the end of this module
(decision boundaries, trajectories, curves) are for those.
"""
from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Sequence

import numpy as np

FigureFunction = Callable[[Any, Any], Any]  # (sub, ref or None) -> matplotlib Figure
PLOTS_EXTRA = "pip install 'ml-katas[plots]'"
DPI = 80
MAX_SIDE = 64  # a heatmap draws at most this many rows and columns of an array
MAX_POINTS = 2000  # a line draws at most this many points


class FiguresUnavailable(RuntimeError):
    """matplotlib is not installed."""


def pyplot() -> Any:
    """matplotlib.pyplot on the non-interactive Agg backend; FiguresUnavailable without matplotlib."""
    try:
        import matplotlib
    except ImportError:
        raise FiguresUnavailable(f"figures need matplotlib, which is not installed: {PLOTS_EXTRA}") from None
    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt

    return plt


def png_bytes(fig: Any) -> bytes:
    """The figure as PNG bytes; the figure is closed."""
    plt = pyplot()
    buffer = io.BytesIO()
    try:
        fig.savefig(buffer, format="png", dpi=DPI, bbox_inches="tight")
    finally:
        plt.close(fig)
    return buffer.getvalue()


# -- kata figures through the hook ------------------------------------------------------------


@dataclass
class KataFigure:
    kata: str
    name: str
    function: FigureFunction


def load_figure_functions(plugins: Iterable[str] = ()) -> tuple[dict[str, list[KataFigure]], list[str]]:
    """Every figure the plugins register, by kata id, and one line per malformed or duplicate registration."""
    from graders.plugins import get_plugin_manager

    pm, problems = get_plugin_manager(tuple(plugins))
    found: dict[str, list[KataFigure]] = {}
    for impl in pm.hook.register_figures.get_hookimpls():
        def register(kata_id: Any, name: Any, function: Any, _plugin: str = impl.plugin_name) -> None:
            if not (isinstance(kata_id, str) and isinstance(name, str) and callable(function)):
                problems.append(f"plugin {_plugin} registered a malformed figure {name!r} for {kata_id!r}")
            elif any(f.name == name for f in found.get(kata_id, [])):
                problems.append(f"plugin {_plugin} registers figure {name!r} of kata {kata_id!r} twice; ignored")
            else:
                found.setdefault(kata_id, []).append(KataFigure(kata_id, name, function))
        try:
            impl.function(register=register)
        except Exception as exc:  # noqa: BLE001 - a broken plugin must not stop the report
            problems.append(f"plugin {impl.plugin_name} failed while registering figures: {type(exc).__name__}: {exc}")
    return found, problems


# -- figures from a check's data --------------------------------------------------------------


def as_matrix(a: np.ndarray) -> np.ndarray:
    """A 2-D view for a heatmap: a row for 0-D and 1-D arrays, rows of the last axis for more."""
    a = np.asarray(a, dtype=np.float64)
    if a.ndim <= 1:
        return a.reshape(1, -1)
    return a.reshape(-1, a.shape[-1])


def window(expected: np.ndarray, got: np.ndarray) -> tuple[int, int, int, int, str]:
    """Which part of two same-shape matrices a heatmap draws: ``(row, col, rows, cols, note)``.

    At most ``MAX_SIDE`` rows and columns: the first ones, or, where the worst element lies beyond them, a
    window around it. ``note`` says what is shown ("rows 480-543, columns 0-63 of 1000×1000"), "" for all.
    """
    rows, cols = expected.shape
    if rows <= MAX_SIDE and cols <= MAX_SIDE:
        return 0, 0, rows, cols, ""
    with np.errstate(invalid="ignore", over="ignore"):
        diff = np.abs(got - expected)
    row = col = 0
    if np.any(np.isfinite(diff)):
        worst_row, worst_col = np.unravel_index(int(np.nanargmax(np.where(np.isfinite(diff), diff, np.nan))), diff.shape)
        row = 0 if worst_row < MAX_SIDE else min(worst_row - MAX_SIDE // 2, rows - MAX_SIDE)
        col = 0 if worst_col < MAX_SIDE else min(worst_col - MAX_SIDE // 2, cols - MAX_SIDE)
    height, width = min(rows, MAX_SIDE), min(cols, MAX_SIDE)
    if row == col == 0:
        note = f"first {height}×{width} of {rows}×{cols}"
    else:
        note = f"rows {row}-{row + height - 1}, columns {col}-{col + width - 1} of {rows}×{cols} (around the worst element)"
    return row, col, height, width, note


def array_heatmaps(name: str, expected: np.ndarray, got: np.ndarray) -> Any:
    """Expected, got and got - expected side by side, the worst element circled; at most MAX_SIDE × MAX_SIDE of
    them (``window``), the title saying which part."""
    plt = pyplot()
    e, g = as_matrix(expected), as_matrix(got)
    row, col, rows, cols, note = window(e, g)
    e, g = e[row:row + rows, col:col + cols], g[row:row + rows, col:col + cols]
    with np.errstate(invalid="ignore", over="ignore"):
        diff = np.where(np.isfinite(g - e), g - e, np.nan)
    extent = (col - 0.5, col + cols - 0.5, row + rows - 0.5, row - 0.5)  # axes count in the whole array's indices
    height = max(2.2, min(6.0, 0.35 * e.shape[0] + 1.6))
    fig, axes = plt.subplots(1, 3, figsize=(11, height))
    finite = np.concatenate([e[np.isfinite(e)], g[np.isfinite(g)]])
    low, high = (float(finite.min()), float(finite.max())) if finite.size else (0.0, 1.0)
    for ax, data, title in ((axes[0], e, "expected"), (axes[1], g, "got")):
        image = ax.imshow(data, cmap="viridis", vmin=low, vmax=high, aspect="auto", interpolation="nearest",
                          extent=extent)
        ax.set_title(f"{title} {tuple(np.shape(expected))}")
        fig.colorbar(image, ax=ax, shrink=0.8)
    bound = np.nanmax(np.abs(diff)) if np.any(np.isfinite(diff)) else 1.0
    image = axes[2].imshow(diff, cmap="RdBu_r", vmin=-bound, vmax=bound, aspect="auto", interpolation="nearest",
                           extent=extent)
    axes[2].set_title("got - expected")
    fig.colorbar(image, ax=axes[2], shrink=0.8)
    if np.any(np.isfinite(diff)):
        worst_row, worst_col = np.unravel_index(int(np.nanargmax(np.abs(diff))), diff.shape)
        axes[2].plot(col + worst_col, row + worst_row, "o", markersize=14, markerfacecolor="none",
                     markeredgecolor="black", markeredgewidth=2)
    from matplotlib.ticker import MaxNLocator

    for ax in axes:
        ax.set_xlabel("index" if e.shape[0] == 1 else "last axis")
        for axis, start, size in ((ax.xaxis, col, e.shape[1]), (ax.yaxis, row, e.shape[0])):
            if size <= 12:
                axis.set_ticks(range(start, start + size))
            else:
                axis.set_major_locator(MaxNLocator(integer=True))
    if e.shape[0] > 1:
        axes[0].set_ylabel("row (earlier axes flattened)" if np.ndim(expected) > 2 else "row")
    shown = f"; {note} shown" if note else ""
    fig.suptitle(f"{name}: the minimal failing example (worst element circled){shown}", y=1 + 0.3 / height)
    return fig


def thinned(x: Any, y: Any) -> tuple[np.ndarray, np.ndarray, str]:
    """At most ``MAX_POINTS`` points of a line (every k-th), and a note saying so ("" when all are drawn)."""
    x, y = np.ravel(np.asarray(x, dtype=np.float64)), np.ravel(np.asarray(y, dtype=np.float64))
    n = min(len(x), len(y))
    if n <= MAX_POINTS:
        return x[:n], y[:n], ""
    step = -(-n // MAX_POINTS)
    return x[:n:step], y[:n:step], f" (every {step}th of {n:,} points)"


def gradient_errors(names: Sequence[str], errors: Sequence[float], tol: float) -> Any:
    """The relative error of each gradient on a log scale, against the threshold."""
    plt = pyplot()
    values = np.maximum(np.asarray(errors, dtype=np.float64), 1e-17)
    fig, ax = plt.subplots(figsize=(1.2 * len(names) + 3.5, 3.2))
    colours = ["#c0392b" if v > tol else "#27ae60" for v in values]
    bars = ax.bar(list(names), values, color=colours)
    for bar, error in zip(bars, errors):
        ax.annotate(f"{error:.1e}", (bar.get_x() + bar.get_width() / 2, max(float(error), 1e-17)),
                    ha="center", va="bottom", fontsize=8)
    ax.axhline(tol, color="black", linestyle="--", label=f"threshold {tol:.0e}")
    ax.set_yscale("log")
    ax.set_ylim(1e-17, max(10.0, float(values.max()) * 10))
    ax.set_ylabel("relative error")
    ax.set_title("your gradient vs the numerical one: relative error (red: above the threshold)")
    ax.legend(loc="upper right")
    return fig


def check_figures(figure_data: dict) -> list[tuple[str, Any]]:
    """(title, figure) for what a check kept: heatmaps of arrays, gradient errors."""
    figures = []
    arrays = figure_data.get("arrays")
    if arrays and np.size(arrays["expected"]) > 1:
        figures.append((f"{arrays['name']}: expected / got / difference",
                        array_heatmaps(arrays["name"], arrays["expected"], arrays["got"])))
    gradients = figure_data.get("gradients")
    if gradients and gradients["names"]:
        figures.append(("relative error per gradient",
                        gradient_errors(gradients["names"], gradients["errors"], gradients["tol"])))
    return figures


# -- helpers for kata figures -----------------------------------------------------------------


def blobs(seed: int = 0, n: int = 80, separation: float = 2.5) -> tuple[np.ndarray, np.ndarray]:
    """Two Gaussian blobs in 2-D, labels 0 and 1: a small, seeded data set for decision boundaries."""
    rng = np.random.default_rng(seed)
    y = np.repeat([0, 1], n // 2)
    centres = np.array([[-separation / 2, -separation / 4], [separation / 2, separation / 4]])
    return centres[y] + rng.standard_normal((n, 2)), y


def decision_boundaries(
    predictors: dict[str, Callable[[np.ndarray, np.ndarray, np.ndarray], np.ndarray]],
    X: np.ndarray,
    y: np.ndarray,
    title: str,
    resolution: int = 120,
) -> Any:
    """One panel per predictor: ``predict(X, y, grid) -> labels`` fitted on (X, y), shaded over the plane."""
    plt = pyplot()
    lo, hi = X.min(axis=0) - 1.0, X.max(axis=0) + 1.0
    xs, ys = np.meshgrid(np.linspace(lo[0], hi[0], resolution), np.linspace(lo[1], hi[1], resolution))
    grid = np.column_stack([xs.ravel(), ys.ravel()])
    fig, axes = plt.subplots(1, len(predictors), figsize=(4.6 * len(predictors), 4.2), squeeze=False)
    for ax, (label, predict) in zip(axes[0], predictors.items()):
        z = attempt(lambda: np.asarray(predict(X, y, grid), dtype=np.float64).reshape(xs.shape))
        if isinstance(z, str):
            ax.set_title(f"{label}:\n{z}", fontsize=8, color="#c0392b")
        else:
            ax.imshow(z, extent=(lo[0], hi[0], lo[1], hi[1]), origin="lower", cmap="coolwarm", alpha=0.35,
                      aspect="auto", interpolation="nearest")
            ax.set_title(label)
        ax.scatter(X[:, 0], X[:, 1], c=y, cmap="coolwarm", edgecolors="black", s=22)
        ax.set_xlim(lo[0], hi[0])
        ax.set_ylim(lo[1], hi[1])
    fig.suptitle(title)
    return fig


def rosenbrock(w: np.ndarray) -> tuple[float, np.ndarray]:
    """The Rosenbrock function ``(1 - x)^2 + 100 (y - x^2)^2`` and its gradient, at ``w = [x, y]``."""
    x, y = float(w[0]), float(w[1])
    value = (1 - x) ** 2 + 100 * (y - x * x) ** 2
    grad = np.array([-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)])
    return value, grad


def rosenbrock_paths(panels: dict[str, dict[str, np.ndarray]], title: str) -> Any:
    """Optimizer trajectories over the contours of the Rosenbrock function: one panel per key of
    ``panels``, in each ``label -> (n, 2) points``; a panel whose value is a str shows that message."""
    plt = pyplot()
    xs, ys = np.meshgrid(np.linspace(-2, 2, 200), np.linspace(-1, 3, 200))
    z = (1 - xs) ** 2 + 100 * (ys - xs ** 2) ** 2
    fig, axes = plt.subplots(1, len(panels), figsize=(5.6 * len(panels), 4.8), squeeze=False)
    for ax, (panel, paths) in zip(axes[0], panels.items()):
        ax.contour(xs, ys, np.log10(z + 1e-3), levels=25, cmap="Greys", linewidths=0.6)
        for (label, path), style in zip(paths.items(), ("-", "--", ":", "-.", "-") * 2):
            if isinstance(path, str):
                ax.plot([], [], " ", label=f"{label}: {path}")
                continue
            path = np.asarray(path, dtype=np.float64).reshape(-1, 2)
            x, y, note = thinned(path[:, 0], path[:, 1])
            ax.plot(x, y, style, marker=".", markersize=3, linewidth=1.4, label=label + note)
        ax.plot([1], [1], "*", color="gold", markersize=16, markeredgecolor="black", label="minimum (1, 1)")
        ax.set_xlim(-2, 2)
        ax.set_ylim(-1, 3)
        ax.legend(loc="lower right", fontsize=7)
        ax.set_title(panel)
    fig.suptitle(title)
    return fig


def trajectory(step: Callable[[np.ndarray, np.ndarray, Any], tuple[np.ndarray, Any]], start: Sequence[float],
               n_steps: int) -> np.ndarray:
    """The points an optimizer visits on the Rosenbrock function: ``step(w, dw, state) -> (w, state)``."""
    w, state, points = np.asarray(start, dtype=np.float64), None, []
    points.append(w)
    for _ in range(n_steps):
        _, grad = rosenbrock(w)
        w, state = step(w, grad, state)
        w = np.asarray(w, dtype=np.float64)
        points.append(w)
        if not np.all(np.isfinite(w)) or np.abs(w).max() > 1e6:
            break
    return np.array(points)


def curves(panels: dict[str, dict[str, tuple[np.ndarray, np.ndarray]]], title: str) -> Any:
    """Line plots: one panel per key, in each ``label -> (x, y)`` lines."""
    plt = pyplot()
    fig, axes = plt.subplots(1, len(panels), figsize=(4.6 * len(panels), 3.6), squeeze=False)
    for ax, (panel, lines) in zip(axes[0], panels.items()):
        for (label, (x, y)), style in zip(lines.items(), ("-", "--", ":", "-.") * 4):
            x, y, note = thinned(x, y)
            ax.plot(x, y, style, label=label + note)
        ax.set_title(panel)
        ax.legend(fontsize=8)
        ax.grid(alpha=0.3)
    fig.suptitle(title)
    return fig


def yours_and_reference(sub: Any, ref: Any, make: Callable[[Any], Any], yours: str = "yours",
                        reference: str = "reference") -> dict[str, Any]:
    """``{yours: make(sub), reference: make(ref)}``, the reference left out when it is not available."""
    out = {yours: make(sub)}
    if ref is not None:
        out[reference] = make(ref)
    return out


def attempt(compute: Callable[[], Any]) -> Any:
    """``compute()``, or a one-line message (a str) when the learner's code raised, hung or is not started."""
    from graders.sandbox import SubmissionAbort

    try:
        return compute()
    except (Exception, SubmissionAbort) as exc:  # noqa: BLE001 - one failing panel must not spoil the figure
        return _short(exc)


def _short(exc: BaseException) -> str:
    text = getattr(exc, "message", None) or str(exc) or type(exc).__name__
    return text.splitlines()[0][:90]
