"""Writing a fixed postmortem back without ever losing a line.

- The new text goes to a temporary file beside the original, is fsynced, and replaces the
  original with one atomic rename; the folder is fsynced after, so a crash leaves either the
  old file or the new one.
- Immediately before the rename the original is read again and compared (SHA-256) with what
  was checked: if someone saved an edit meanwhile, nothing is written (InputError).
- A file with several hard links is refused: a rename would silently split the links.
- A symlink is followed (the link stays; its target is rewritten); permission bits and, where
  allowed, the owner are kept; a read-only file is refused.
"""
from __future__ import annotations

import hashlib
import os
import stat
import tempfile
from pathlib import Path

from .errors import InputError


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _fsync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return  # some systems cannot open a folder; the rename is still atomic
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_fixed(name: str, original: bytes, text: str) -> None:
    """Replace file `name`, which held `original` when it was checked, with `text` (UTF-8)."""
    path = Path(name).resolve()
    try:
        info = path.stat()
    except OSError as err:
        raise InputError(f"{name}: cannot write: {err.strerror or err}") from None
    mode = info.st_mode
    if not (mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)) or not os.access(path, os.W_OK):
        raise InputError(f"{name}: file is read-only; not fixed")
    if info.st_nlink > 1:
        raise InputError(f"{name}: has {info.st_nlink} hard links and rewriting it would split "
                         "them; not fixed (use --diff and apply the changes by hand)")
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".blameless", dir=path.parent)
        with os.fdopen(fd, "wb") as handle:
            handle.write(text.encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, stat.S_IMODE(mode))
        if hasattr(os, "chown") and (info.st_uid, info.st_gid) != (os.geteuid(), os.getegid()):
            try:  # keep the owner (possible for root, or for a group the user is in)
                os.chown(tmp, info.st_uid, info.st_gid)
            except OSError:
                pass
        if _digest(path.read_bytes()) != _digest(original):
            raise InputError(f"{name}: changed while it was being fixed; not written "
                             "(run `blameless fix` again)")
        os.replace(tmp, path)
        tmp = None
        _fsync_folder(path.parent)
    except OSError as err:
        raise InputError(f"{name}: cannot write: {err.strerror or err}") from None
    finally:
        if tmp is not None and os.path.exists(tmp):
            os.unlink(tmp)
