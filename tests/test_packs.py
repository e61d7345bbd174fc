"""Kata packs: separate packages registering katas through the ``ml_katas`` entry-point group.

The example pack (examples/example_pack) is installed, as a built wheel, into a
fresh virtual environment beside two broken packs: one that fails to import
and one that registers a built-in kata's id again. KATAS_LOAD_PLUGINS picks
which packs load.
"""
from __future__ import annotations

import os
import shutil
import site
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.conftest import ROOT

PACK = ROOT / "examples" / "example_pack"


def fresh_venv(path: Path, system_site_packages: bool = True) -> Path:
    """A new virtual environment; returns its python. It has no pip of its own: ``python -m pip`` is this one's.

    It sees the packages of the environment running the tests, whether that is
    a virtual environment or the machine's interpreter (``--system-site-packages``
    would give the *base* interpreter's instead): setuptools, wheel and pip come
    from the same place as pytest, never from outside it.

    With ``system_site_packages=True`` those folders are site directories, so
    their ``.pth`` files run and this project, installed in editable mode, is
    importable. With ``False`` they are plain folders on the path: numpy,
    hypothesis and pip import, but editable installs (this project) do not.
    """
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(path)], check=True, timeout=120)
    python = path / "bin" / "python"
    purelib = subprocess.run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                             capture_output=True, text=True, check=True).stdout.strip()
    outer = [p for p in site.getsitepackages() if Path(p).is_dir()]
    if system_site_packages:
        lines = [f"import site; site.addsitedir({p!r})" for p in outer]
    else:
        lines = outer
    Path(purelib, "_outer_site_packages.pth").write_text("\n".join(lines) + "\n")
    return python


def pip_install(python: Path, *targets: str, cwd: Path | None = None) -> None:
    """Install offline: no dependencies, no isolated build environment (setuptools and wheel are already here)."""
    run = subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation",
                          "--no-index", *targets], cwd=cwd, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stdout + run.stderr


def write_pack(folder: Path, module: str, entry_point: str, body: str) -> Path:
    (folder / module).mkdir(parents=True)
    (folder / module / "__init__.py").write_text(textwrap.dedent(body))
    (folder / "pyproject.toml").write_text(textwrap.dedent(f"""
        [build-system]
        requires = ["setuptools"]
        build-backend = "setuptools.build_meta"
        [project]
        name = "{module.replace('_', '-')}"
        version = "0.1.0"
        [project.entry-points.ml_katas]
        {entry_point} = "{module}"
        """))
    return folder


@pytest.fixture(scope="module")
def venv(tmp_path_factory):
    """A fresh environment with the example pack and two broken packs installed from built wheels."""
    tmp = tmp_path_factory.mktemp("packs")
    python = fresh_venv(tmp / "venv")
    pack = shutil.copytree(PACK, tmp / "example_pack", ignore=shutil.ignore_patterns("__pycache__", "build", "*.egg-info"))
    broken = write_pack(tmp / "broken", "mlk_broken_pack", "broken_pack",
                        "import a_module_nobody_installed  # noqa: F401\n")
    duplicate = write_pack(tmp / "duplicate", "mlk_duplicate_pack", "duplicate_pack", """
        from graders import Kata, hookimpl

        @hookimpl
        def register_katas(register):
            register(Kata(id="softmax", title="Another softmax", topic="t", difficulty=1, api=["softmax"]))
        """)
    pip_install(python, str(pack), str(broken), str(duplicate))
    return python


def grade(python: Path, *args: str, load: str | None = None, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "KATAS_LOAD_PLUGINS"}
    if load is not None:
        env["KATAS_LOAD_PLUGINS"] = load
    return subprocess.run([str(python), "-m", "graders.cli", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=600)


def test_an_installed_pack_is_listed_graded_and_validated(venv, tmp_path):
    listing = grade(venv, "list", load="example_pack")
    assert listing.returncode == 0, listing.stderr
    assert "one_hot" in listing.stdout and "standardize" in listing.stdout
    assert "warning" not in listing.stderr
    work = tmp_path / "work"
    work.mkdir()
    shutil.copy(PACK / "mlk_example_pack" / "reference" / "one_hot.py", work / "one_hot.py")
    shutil.copy(PACK / "mlk_example_pack" / "student" / "standardize.py", work / "standardize.py")
    run = grade(venv, "--kata", "one_hot", "--kata", "standardize", "--submission", str(work), load="example_pack")
    assert run.returncode == 1, run.stdout + run.stderr
    assert "score 9/9 (100 %)" in run.stdout and "score 0/9 (0 %)" in run.stdout
    run = grade(venv, "validate", "--kata", "one_hot", "--kata", "standardize", load="example_pack")
    assert run.returncode == 0, run.stdout + run.stderr
    assert "2 kata(s) fit to hand out; known mistakes caught: 8/8" in run.stdout


def test_broken_packs_are_one_line_each_and_built_in_katas_still_work(venv):
    listing = grade(venv, "list")
    assert listing.returncode == 0
    warnings = [line for line in listing.stderr.splitlines() if line.startswith("warning:")]
    broken = [w for w in warnings if "broken_pack" in w]
    duplicate = [w for w in warnings if "duplicate_pack" in w]
    assert len(broken) == 1 and "a_module_nobody_installed" in broken[0]
    assert len(duplicate) == 1 and "'softmax'" in duplicate[0] and "already registered" in duplicate[0]
    assert "Traceback" not in listing.stderr
    assert "one_hot" in listing.stdout and "Softmax, log-softmax" in listing.stdout
    run = grade(venv, "--kata", "softmax", "--submission", str(ROOT / "reference"))
    assert run.returncode == 0 and "(100 %)" in run.stdout


def test_load_plugins_allow_list_and_plugin_option(venv):
    none = grade(venv, "list", load="")
    assert "one_hot" not in none.stdout and "_pack" not in none.stderr
    assert "softmax" in none.stdout
    only = grade(venv, "list", load="broken_pack")
    assert "one_hot" not in only.stdout
    assert [w for w in only.stderr.splitlines() if "pack" in w] == [w for w in only.stderr.splitlines() if "broken_pack" in w]
    assert len([w for w in only.stderr.splitlines() if "broken_pack" in w]) == 1
    explicit = grade(venv, "--plugin", "mlk_example_pack", "list", load="")
    assert "one_hot" in explicit.stdout and "standardize" in explicit.stdout
