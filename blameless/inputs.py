"""Reading a postmortem named on the command line, safely: only regular files (a FIFO or
/dev/zero would block or never end), at most MAX_BYTES, UTF-8 text."""
from __future__ import annotations

import os
import stat
import sys

from .errors import InputError

#: Larger files are refused: no postmortem is this long, and a mistaken path to a log or a dump
#: should fail at once rather than spend minutes.
MAX_BYTES = 10 * 1024 * 1024


def read_bytes(name: str) -> bytes:
    """The bytes of file `name` ('-' for stdin), or an InputError saying why not."""
    if name == "-":
        data = sys.stdin.buffer.read(MAX_BYTES + 1)
    else:
        try:
            info = os.stat(name)
        except OSError as err:
            raise InputError(f"{name}: cannot read: {err.strerror or err}") from None
        if stat.S_ISDIR(info.st_mode):
            raise InputError(f"{name}: is a directory")
        if not stat.S_ISREG(info.st_mode):
            kind = "a FIFO" if stat.S_ISFIFO(info.st_mode) else "a device" if (
                stat.S_ISCHR(info.st_mode) or stat.S_ISBLK(info.st_mode)) else "a socket" if \
                stat.S_ISSOCK(info.st_mode) else "not a regular file"
            raise InputError(f"{name}: is {kind}, not a regular file; not read")
        if info.st_size > MAX_BYTES:
            raise InputError(f"{name}: too large ({info.st_size} bytes; the limit is {MAX_BYTES})")
        try:
            with open(name, "rb") as handle:
                data = handle.read(MAX_BYTES + 1)
        except OSError as err:
            raise InputError(f"{name}: cannot read: {err.strerror or err}") from None
    if len(data) > MAX_BYTES:
        raise InputError(f"{'stdin' if name == '-' else name}: too large (the limit is {MAX_BYTES} bytes)")
    return data
