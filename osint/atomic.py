"""Atomic file writes: readers see the old file or the new one, never half of one.

A write goes to a temporary file beside the *real* file (symbolic links are followed, so a
linked ledger is updated, not replaced by a plain file), is flushed to disk, and then takes
the real file's place in one step. A write may be made conditional on the file being
unchanged since it was read (compare-and-swap on its SHA-256), and writers of the same file
can share one lock (:func:`file_lock`).

Example:
    >>> with atomic_write("/tmp/demo.txt") as out:    # doctest: +SKIP
    ...     out.write("done")
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from .paths import PathLike

#: Seconds a writer waits for another writer of the same file before giving up.
LOCK_TIMEOUT_S = 60.0


class FileChanged(RuntimeError):
    """A file changed on disk between being read and being replaced; nothing was written."""

    def __init__(self, path: PathLike, detail: str = ""):
        self.path = Path(path)
        super().__init__(
            f"{path} changed on disk since it was read (saved by another program or person); "
            f"nothing was written{detail}. Read it again and redo the change."
        )


def real_path(path: PathLike) -> Path:
    """The file a path names once symbolic links are followed (the path itself if none).

    Example:
        >>> real_path("/tmp/no-such-file.csv").name
        'no-such-file.csv'
    """
    return Path(os.path.realpath(path))


def digest(data: bytes) -> str:
    """SHA-256 of some bytes, in hex: what :func:`atomic_write` compares ``unchanged_since`` to.

    Example:
        >>> digest(b"")[:12]
        'e3b0c44298fc'
    """
    return hashlib.sha256(data).hexdigest()


def file_digest(path: PathLike) -> str | None:
    """SHA-256 of a file's bytes (None when there is no such file)."""
    try:
        return digest(Path(path).read_bytes())
    except FileNotFoundError:
        return None


def file_lock(path: PathLike):
    """The lock every writer of ``path`` takes: ``.<name>.lock`` beside the real file.

    One lock object per file and process, re-entrant, so nested writes in one process
    do not wait on themselves; another process waits up to :data:`LOCK_TIMEOUT_S`.

    Example:
        >>> with file_lock("/tmp/claims.csv"):         # doctest: +SKIP
        ...     pass
    """
    from filelock import FileLock

    real = real_path(path)
    real.parent.mkdir(parents=True, exist_ok=True)
    return FileLock(str(real.parent / f".{real.name}.lock"), timeout=LOCK_TIMEOUT_S, is_singleton=True)


@contextmanager
def atomic_write(path: PathLike, mode: str = "w", *, unchanged_since: str | None = None, **kwargs) -> Iterator:
    """Open a temporary file beside ``path``; on success move it over ``path`` in one step.

    Readers see the old file or the new one, never half of one; on an exception the old
    file is left untouched. ``path`` may be a symbolic link: the file it points to is
    replaced and the link kept. With ``unchanged_since`` (a :func:`digest` of the bytes
    read earlier, or ``""`` for "the file did not exist"), the file is only replaced if it
    still holds those bytes; otherwise :class:`FileChanged` is raised and nothing is
    written.

    Example:
        >>> with atomic_write("/tmp/demo.txt") as out:    # doctest: +SKIP
        ...     out.write("done")
    """
    path = real_path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.chmod(tmp, path.stat().st_mode & 0o7777 if path.exists() else 0o666 & ~_umask())
        with os.fdopen(fd, mode, **kwargs) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        if unchanged_since is not None and (file_digest(path) or "") != unchanged_since:
            raise FileChanged(path)
        os.replace(tmp, path)
        _sync_folder(path.parent)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _sync_folder(folder: Path) -> None:
    """Push a rename in ``folder`` to disk (where the platform allows opening folders)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
