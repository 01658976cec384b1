"""Files under ``var/`` that hold generated secrets: created once, atomically, readable only by us.

Several processes may start at the same moment on a fresh ``var/`` (test workers, a web server
and a worker); ``file_once`` lets exactly one of them create the file — written in full to a
private temporary file first, then linked into place, which fails if another process got there
first — and every process then reads the same content. ``file_replace`` atomically overwrites.
Imported by settings, so it must not import Django.
"""

import os
import tempfile
from collections.abc import Callable
from pathlib import Path


def _write_private_temp(directory: Path, content: bytes) -> str:
    fd, temp_name = tempfile.mkstemp(dir=directory, prefix=".tmp-")  # created 0600
    with os.fdopen(fd, "wb") as handle:
        handle.write(content)
    return temp_name


def file_once(path: Path, make: Callable[[], bytes]) -> bytes:
    """The content of ``path``, creating it with ``make()`` (mode 0600) if it does not exist yet."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        temp_name = _write_private_temp(path.parent, make())
        try:
            os.link(temp_name, path)  # atomic create-if-absent
        except FileExistsError:
            pass  # another process created it first: use theirs
        finally:
            os.unlink(temp_name)
    return path.read_bytes()


def file_replace(path: Path, content: bytes) -> None:
    """Write ``content`` to ``path`` (mode 0600) atomically, replacing any previous file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    os.replace(_write_private_temp(path.parent, content), path)
