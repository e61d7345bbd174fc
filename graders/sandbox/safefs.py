"""File operations in space a submission controls, that follow no path the submission made.

Every operation works relative to a directory descriptor opened once, opens
names with ``O_NOFOLLOW`` (a symbolic link is refused, not followed) and
``O_NONBLOCK`` (a FIFO cannot block the grader), and accepts only regular
files with a single link. Writing removes the old entry and creates a new
file exclusively, so nothing planted at the name is written through.
Removing a tree never recurses and never follows a link: nested folders are
moved up to the top and emptied one at a time, within a time budget.
"""
from __future__ import annotations

import contextlib
import errno
import os
import stat
import time
from pathlib import Path
from typing import Callable

NOFOLLOW = os.O_NOFOLLOW | os.O_CLOEXEC | os.O_NONBLOCK
CLEANUP_SECONDS = 30.0


class UnsafePath(OSError):
    """A name that is a symbolic link, a FIFO, a device, a hard link or a folder where a file was expected."""


def _name(name: str) -> str:
    if not name or "/" in name or name in (".", "..") or "\0" in name:
        raise UnsafePath(f"not a plain file name: {name!r}")
    return name


def open_folder(path: Path | str, dir_fd: int | None = None) -> int:
    """A descriptor of the folder ``path`` (a symbolic link is refused)."""
    return os.open(path, os.O_RDONLY | os.O_DIRECTORY | NOFOLLOW, dir_fd=dir_fd)


def read_file(dir_fd: int, name: str, limit: int) -> bytes:
    """The bytes of the regular file ``name`` in the folder ``dir_fd``, at most ``limit`` of them.

    Raises FileNotFoundError when there is none, UnsafePath for anything but a regular, singly linked
    file, and UnsafePath when it holds more than ``limit`` bytes.
    """
    try:
        fd = os.open(_name(name), os.O_RDONLY | NOFOLLOW, dir_fd=dir_fd)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise UnsafePath(f"{name} is a symbolic link") from None
        raise
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_nlink != 1:
            raise UnsafePath(f"{name} is not a regular file")
        chunks, size = [], 0
        while chunk := os.read(fd, min(1 << 20, limit + 1 - size)):
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:
                raise UnsafePath(f"{name} is larger than {limit} bytes")
        return b"".join(chunks)
    finally:
        os.close(fd)


def is_file(dir_fd: int, name: str) -> bool:
    """Whether ``name`` in ``dir_fd`` is a regular file (a link to one is not)."""
    try:
        return stat.S_ISREG(os.stat(_name(name), dir_fd=dir_fd, follow_symlinks=False).st_mode)
    except FileNotFoundError:
        return False


def exists(dir_fd: int, name: str) -> bool:
    """Whether anything (a file, a folder, a link) is at ``name`` in ``dir_fd``."""
    try:
        os.stat(_name(name), dir_fd=dir_fd, follow_symlinks=False)
        return True
    except FileNotFoundError:
        return False


def remove(dir_fd: int, name: str, deadline: float | None = None) -> None:
    """Remove whatever is at ``name`` in ``dir_fd`` (a folder with everything in it); nothing there is fine."""
    try:
        os.unlink(_name(name), dir_fd=dir_fd)
        return
    except FileNotFoundError:
        return
    except IsADirectoryError:
        pass
    except PermissionError:  # Linux refuses unlink() on a folder with EISDIR, others with EPERM
        if not stat.S_ISDIR(os.stat(name, dir_fd=dir_fd, follow_symlinks=False).st_mode):
            raise
    sub = open_folder(name, dir_fd)
    try:
        _empty(sub, deadline or time.monotonic() + CLEANUP_SECONDS)
    finally:
        os.close(sub)
    os.rmdir(name, dir_fd=dir_fd)


def write_file(dir_fd: int, name: str, data: bytes, mode: int = 0o644) -> None:
    """Create ``name`` in ``dir_fd`` afresh holding ``data`` (whatever was there is removed, not written through)."""
    remove(dir_fd, name)
    try:
        fd = os.open(_name(name), os.O_WRONLY | os.O_CREAT | os.O_EXCL | NOFOLLOW, mode, dir_fd=dir_fd)
    except FileExistsError:
        raise UnsafePath(f"{name} was created again while it was being written") from None
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
    finally:
        os.close(fd)


def _empty(top: int, deadline: float) -> None:
    """Remove everything inside the folder ``top``: files are unlinked, folders moved up into ``top`` and emptied.

    Iterative and flat (two descriptors at a time), so no depth of nesting can exhaust recursion or
    descriptors; links are removed, never followed; gives up with TimeoutError at ``deadline``.
    """
    counter = 0
    while True:
        with os.scandir(top) as it:
            entries = [(e.name, e.is_dir(follow_symlinks=False)) for e in it]
        if not entries:
            return
        for name, is_dir in entries:
            if time.monotonic() > deadline:
                raise TimeoutError("removing the folder took too long")
            if not is_dir:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(name, dir_fd=top)
                continue
            try:
                os.rmdir(name, dir_fd=top)
                continue
            except OSError:
                pass
            sub = open_folder(name, top)
            try:
                with os.scandir(sub) as it:
                    inner = [(e.name, e.is_dir(follow_symlinks=False)) for e in it]
                for child, child_is_dir in inner:
                    if child_is_dir:
                        counter += 1
                        os.rename(child, f".mlk-{counter}-{time.monotonic_ns()}", src_dir_fd=sub, dst_dir_fd=top)
                    else:
                        with contextlib.suppress(FileNotFoundError):
                            os.unlink(child, dir_fd=sub)
            finally:
                os.close(sub)


def remove_tree(path: Path | str, seconds: float = CLEANUP_SECONDS) -> bool:
    """Remove the folder ``path`` and everything in it, safely and within ``seconds``; whether it is gone."""
    path = Path(path)
    try:
        parent = open_folder(path.parent)
    except OSError:
        return False
    try:
        remove(parent, path.name, time.monotonic() + seconds)
        return True
    except (OSError, TimeoutError):
        return False
    finally:
        os.close(parent)


def copy_files(source: Path, dest: Path, max_files: int, max_bytes: int,
               skip: Callable[[str], bool] = lambda name: False) -> dict[str, bytes]:
    """Copy the regular files under ``source`` into the new folder ``dest`` (links, FIFOs, devices left out).

    Every file is opened without following links, so the copy holds only what was really there.
    Raises UnsafePath when there are more than ``max_files`` files or ``max_bytes`` bytes. Returns each
    copied file's path relative to ``dest`` with its bytes.
    """
    dest.mkdir(parents=True, exist_ok=True)
    copied: dict[str, bytes] = {}
    total = 0
    stack = [(open_folder(source), Path("."))]
    try:
        while stack:
            folder, rel = stack.pop()
            try:
                with os.scandir(folder) as it:
                    entries = [(e.name, e.is_dir(follow_symlinks=False), e.is_file(follow_symlinks=False)) for e in it]
                for name, is_dir, is_reg in sorted(entries):
                    if skip(name):
                        continue
                    if is_dir:
                        if len(rel.parts) < 16:
                            (dest / rel / name).mkdir(exist_ok=True)
                            stack.append((open_folder(name, folder), rel / name))
                        continue
                    if not is_reg:
                        continue
                    if len(copied) >= max_files:
                        raise UnsafePath(f"more than {max_files} files")
                    try:
                        data = read_file(folder, name, max_bytes - total)
                    except UnsafePath as exc:
                        if "larger" in str(exc):
                            raise UnsafePath(f"more than {max_bytes // 2**20} MiB") from None
                        continue  # swapped for something else since it was listed: left out
                    total += len(data)
                    (dest / rel / name).write_bytes(data)
                    copied[(rel / name).as_posix()] = data
            finally:
                os.close(folder)
    finally:
        for folder, _ in stack:
            with contextlib.suppress(OSError):
                os.close(folder)
    return copied
