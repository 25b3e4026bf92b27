"""Which files a command line names: folders searched for postmortems (excludes and symlinks out
of the folder skipped), and reading them as text."""
from __future__ import annotations

from pathlib import Path

from .cli_support import warn
from .errors import InputError

POSTMORTEM_SUFFIXES = (".md", ".markdown", ".txt")


def collect(paths: tuple[str, ...], excluded=None, force_exclude: bool = False) -> list[str]:
    """Files to check: named files as given, folders searched for postmortems, '-' for stdin.

    `excluded(path, search_root)` says whether config excludes a file: files found in a folder
    are skipped when it does; files named on the command line only with `force_exclude` (as in
    ruff, so that pre-commit, which names every file, honours `exclude`)."""
    files: list[str] = []
    for raw in paths:
        if raw == "-":
            files.append("-")
            continue
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file()
                           and p.suffix.lower() in POSTMORTEM_SUFFIXES
                           and not (excluded and excluded(p, path))
                           and _inside(p, path))
            if not found:
                raise InputError(f"{raw}: no postmortems found (looked for {', '.join(POSTMORTEM_SUFFIXES)} files)")
            files.extend(str(p) for p in found)
        elif path.exists():
            if not (force_exclude and excluded and excluded(path, None)):
                files.append(raw)
        else:
            raise InputError(f"{raw}: no such file or directory")
    return files


def _inside(found: Path, folder: Path) -> bool:
    """Whether a file found in `folder` really lies in it: a symlink out of the folder is
    skipped (with a warning), so `fix DIR` never rewrites a file elsewhere."""
    try:
        found.resolve().relative_to(folder.resolve())
        return True
    except ValueError:
        warn(f"{found}: a symlink to {found.resolve()}, outside {folder}; skipped")
        return False
    except OSError:
        return False


BOM = "\ufeff"


def read_text(name: str) -> str:
    """Read a postmortem as UTF-8 (a BOM is dropped); binary and undecodable files are errors."""
    return read_source(name)[0]


def read_source(name: str) -> tuple[str, str]:
    """(text, bom): the postmortem without its UTF-8 byte order mark, and the mark ("" if none),
    so that `fix` can write the file back with the mark it had."""
    from .inputs import read_bytes

    data = read_bytes(name)
    if b"\x00" in data[:8192]:
        raise InputError(f"{name}: looks like a binary file, not a postmortem")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise InputError(f"{name}: not UTF-8 text (invalid byte at offset {err.start})") from None
    bom = BOM if text.startswith(BOM) else ""
    text = text[len(bom):]
    if not text.strip():
        raise InputError(f"{name}: file is empty")
    return text, bom
