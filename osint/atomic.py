"""Atomic file writes: readers see the old file or the new one, never half of one.

Example:
    >>> with atomic_write("/tmp/demo.txt") as out:    # doctest: +SKIP
    ...     out.write("done")
"""

from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from .paths import PathLike


@contextmanager
def atomic_write(path: PathLike, mode: str = "w", **kwargs) -> Iterator:
    """Open a temporary file beside ``path``; on success move it over ``path`` in one step.

    Readers see the old file or the new one, never half of one; on an exception the old
    file is left untouched.

    Example:
        >>> with atomic_write("/tmp/demo.txt") as out:    # doctest: +SKIP
        ...     out.write("done")
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.chmod(tmp, path.stat().st_mode & 0o7777 if path.exists() else 0o666 & ~_umask())
        with os.fdopen(fd, mode, **kwargs) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
