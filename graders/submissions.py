"""Submissions as files: a folder or a ``.zip`` (``CONVERTERS`` adds other suffixes, such as notebooks),
materialized into a fresh folder within size limits, and hashed by content.

Only regular files are copied or unpacked; symbolic links, devices and paths
that leave the folder are refused with ``BadSubmission``.
"""
from __future__ import annotations

import hashlib
import os
import re
import shutil
import stat
import zipfile
from pathlib import Path, PurePosixPath
from typing import Callable

MAX_SUBMISSION_BYTES = 64 * 2**20
MAX_SUBMISSION_FILES = 2000
IGNORED_NAMES = {"__MACOSX", "__pycache__", ".git", ".ipynb_checkpoints", ".hypothesis"}


class BadSubmission(Exception):
    """A submission that cannot be graded at all (a bad zip, no .py file...); the message is one sentence."""


# -- materializing a submission ------------------------------------------------------------


def _check_size(name: str, files: int, size: int) -> None:
    if files > MAX_SUBMISSION_FILES:
        raise BadSubmission(f"{name} holds more than {MAX_SUBMISSION_FILES} files; submit only your kata files")
    if size > MAX_SUBMISSION_BYTES:
        raise BadSubmission(f"{name} is larger than {MAX_SUBMISSION_BYTES // 2**20} MiB; submit only your kata files")


def _copy_folder(source: Path, dest: Path) -> None:
    """Copy the regular files of ``source`` (no symbolic links, devices or pipes) into ``dest``."""
    files = size = 0
    for dirpath, dirnames, filenames in os.walk(source):
        dirnames[:] = [d for d in dirnames if d not in IGNORED_NAMES]
        for filename in filenames:
            path = Path(dirpath) / filename
            info = os.lstat(path)
            if not stat.S_ISREG(info.st_mode):
                continue
            files, size = files + 1, size + info.st_size
            _check_size(source.name, files, size)
            target = dest / path.relative_to(source)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target, follow_symlinks=False)


def _member_path(archive: Path, member: zipfile.ZipInfo, dest: Path) -> Path | None:
    """Where ``member`` goes under ``dest``; None for a symbolic link; a path leaving ``dest`` is refused."""
    if stat.S_ISLNK(member.external_attr >> 16):
        return None
    parts = PurePosixPath(member.filename.replace("\\", "/")).parts
    if not parts or parts[0] == "/" or ":" in parts[0] or ".." in parts:
        raise BadSubmission(f"{archive.name} contains a path outside its own folder ({member.filename}); "
                            "zip the folder of your kata files again")
    return dest.joinpath(*parts)


def _extract_zip(archive: Path, dest: Path) -> None:
    """Unpack ``archive`` into ``dest``, counting the bytes really written (sizes in a zip may lie)."""
    try:
        with zipfile.ZipFile(archive) as zf:
            members = [m for m in zf.infolist() if not m.is_dir()]
            _check_size(archive.name, len(members), 0)
            written = 0
            for member in members:
                target = _member_path(archive, member, dest)
                if target is None:
                    continue
                target.parent.mkdir(parents=True, exist_ok=True)
                with zf.open(member) as src, open(target, "wb") as out:
                    while chunk := src.read(2**20):
                        written += len(chunk)
                        _check_size(archive.name, len(members), written)
                        out.write(chunk)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, RuntimeError, EOFError, ValueError) as exc:
        raise BadSubmission(f"{archive.name} is not a zip file that can be unpacked ({exc})") from None
    except OSError as exc:  # a name too long, a file where a folder is needed (knn.py and knn.py/x.py)...
        raise BadSubmission(f"{archive.name} holds paths that cannot be unpacked ({exc.strerror or exc}: "
                            f"{Path(exc.filename).name[:60] if exc.filename else ''}); zip the folder of your kata "
                            "files again") from None


CONVERTERS: dict[str, Callable[[Path, Path], None]] = {".zip": _extract_zip}
"""Submission files by suffix: ``convert(file, folder)`` writes the kata files found in ``file`` into ``folder``."""


def _kata_folder(root: Path, name: str) -> Path:
    """The folder holding the kata files: ``root``, its ``student/``, or the single folder inside it (repeatedly)."""
    folder = root
    for _ in range(6):
        entries = [p for p in folder.iterdir() if p.name not in IGNORED_NAMES and not p.name.startswith(".")]
        student = folder / "student"
        if student.is_dir() and any(student.glob("*.py")):
            return student
        if any(p.is_file() and p.suffix == ".py" for p in entries):
            return folder
        dirs = [p for p in entries if p.is_dir()]
        if len(dirs) != 1:
            break
        folder = dirs[0]
    raise BadSubmission(f"{name} holds no .py file at its top level or inside a single folder; put the kata files "
                        "(like softmax.py) at the top of the folder or zip")


def _unpack_notebook(notebook: Path, work_dir: Path) -> None:
    """A lone notebook is one kata's file: the kata named in its metadata, else its file name."""
    from graders import notebooks

    try:
        notebooks.materialize(notebook, notebooks.kata_of(notebook) or notebook.stem, work_dir)
    except notebooks.NotebookError as exc:
        raise BadSubmission(str(exc)) from None


def _convert_notebooks(folder: Path) -> None:
    """Each ``<kata>.ipynb`` with no ``<kata>.py`` beside it becomes ``<kata>.py`` (its code cells)."""
    from graders import notebooks

    for notebook in sorted(folder.glob("*.ipynb")):
        if notebook.stem.isidentifier() and not notebook.with_suffix(".py").exists():
            try:
                notebooks.materialize(notebook, notebook.stem, folder)
            except notebooks.NotebookError as exc:
                raise BadSubmission(str(exc)) from None


CONVERTERS[".ipynb"] = _unpack_notebook


def accepted_kinds() -> str:
    """``a folder, a .zip or a .ipynb file``: what a submission may be, for messages."""
    *rest, last = ["a folder"] + [f"a {suffix}" for suffix in CONVERTERS]
    return f"{', '.join(rest)} or {last} file"


def materialize(submission: Path, work_dir: Path) -> Path:
    """Copy or unpack ``submission`` into the new folder ``work_dir``; return the folder holding its kata files.

    Raises BadSubmission (one sentence) for anything that cannot be graded.
    """
    work_dir.mkdir(parents=True)
    if submission.is_dir():
        _copy_folder(submission, work_dir)
    elif submission.suffix.lower() in CONVERTERS:
        CONVERTERS[submission.suffix.lower()](submission, work_dir)
    else:
        raise BadSubmission(f"{submission.name} is not {accepted_kinds()}")
    _convert_notebooks(work_dir)
    for folder in [p for p in work_dir.iterdir() if p.is_dir()]:
        _convert_notebooks(folder)
    return _kata_folder(work_dir, submission.name)


# -- which file is which kata's -------------------------------------------------------------

_COPY_SUFFIX = re.compile(r"(\s*\((\d+)\)|[\s_-]*copy(\s*\d+)?)$", re.IGNORECASE)
KATA_FILE_SUFFIXES = (".py", ".ipynb")


def _as_kata_id(stem: str) -> str:
    """``LSTM (1)`` -> ``lstm``: a file stem without the suffix a browser or a file manager adds, lower case."""
    return re.sub(r"[\s-]+", "_", _COPY_SUFFIX.sub("", stem).strip()).lower()


def _copy_number(path: Path) -> int:
    match = _COPY_SUFFIX.search(path.stem)
    return int(match.group(2)) if match and match.group(2) else 0


def match_kata_files(folder: Path, kata_ids: list[str]) -> dict[str, str]:
    """Find each kata's file in ``folder`` and make it ``folder/<kata>.py``; return ``{kata: file name graded}``.

    ``<kata>.py`` itself wins. Otherwise a ``.py`` (then a ``.ipynb``) whose name is the kata's
    in any case, with a suffix like `` (1)`` or ``-copy`` that browsers add to a second download:
    the highest such number, the latest download, wins. When one kata is graded, a lone
    ``.py`` or ``.ipynb`` file of any name is its file. A kata with no file is left out.
    """
    files = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in KATA_FILE_SUFFIXES)
    converted = {p.with_suffix(".py"): p for p in files if p.suffix.lower() == ".ipynb" and p.with_suffix(".py") in files}
    files = [p for p in files if p not in converted.values()]  # a notebook materialize already wrote as .py
    found: dict[str, str] = {}
    for kata in kata_ids:
        if folder / f"{kata}.py" in files:
            found[kata] = converted.get(folder / f"{kata}.py", folder / f"{kata}.py").name
            continue
        candidates = [p for p in files if _as_kata_id(p.stem) == kata]
        if not candidates and len(kata_ids) == 1 and len(files) == 1:
            candidates = files
        if candidates:
            chosen = max(candidates, key=lambda p: (p.suffix.lower() == ".py", _copy_number(p), p.name))
            _write_as_kata(chosen, kata, folder)
            found[kata] = converted.get(chosen, chosen).name
    return found


def _write_as_kata(file: Path, kata: str, folder: Path) -> None:
    if file.suffix.lower() == ".py":
        shutil.copyfile(file, folder / f"{kata}.py", follow_symlinks=False)
        return
    from graders import notebooks

    try:
        notebooks.materialize(file, kata, folder)
    except notebooks.NotebookError as exc:
        raise BadSubmission(str(exc)) from None


def content_hash(folder: Path, salt: str = "") -> str:
    """A hash of every file's relative path and bytes under ``folder`` (and ``salt``)."""
    digest = hashlib.sha256(salt.encode())
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


