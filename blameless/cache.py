"""Results kept between runs, as ruff keeps them: a re-run over unchanged postmortems is instant.

An entry is keyed by everything a result depends on: the file's text and path (the suffix picks
Markdown or plain text), the resolved configuration, the rule packs' contents, the blameless
version, the spaCy pipeline and the language detector. An entry that cannot be read, does not
parse, or was written for another key or version is ignored (and overwritten), never trusted.
"""
from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from .version import __version__
from .config import Config
from .findings import Finding, Fix, Severity, Span, TextEdit

FORMAT = 1
DEFAULT_DIR = ".blameless_cache"


@dataclass
class Entry:
    findings: list[Finding]
    language: str | None  # a non-English language detected in the file, else None


def _finding_data(f: Finding) -> dict:
    s = f.span
    return {"rule": f.rule, "category": f.category, "severity": f.severity.value,
            "message": f.message, "suggestion": f.suggestion,
            "span": [s.start, s.end, s.line, s.column, s.end_line, s.end_column],
            "fixes": [{"title": x.title, "safe": x.safe,
                       "edits": [[e.start, e.end, e.new_text] for e in x.edits]} for x in f.fixes]}


def _finding(data: dict, path: str) -> Finding:
    return Finding(
        rule=str(data["rule"]), category=str(data["category"]), severity=Severity(data["severity"]),
        message=str(data["message"]), suggestion=str(data["suggestion"]),
        span=Span(*(int(v) for v in data["span"])),
        fixes=tuple(Fix(str(x["title"]), tuple(TextEdit(int(a), int(b), str(t)) for a, b, t in x["edits"]),
                        bool(x["safe"])) for x in data["fixes"]),
        path=path)


def _dist_version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "-"


@lru_cache(maxsize=1)
def _code_fingerprint() -> str:
    """A hash of blameless's own source: an edited check (in a checkout) never reuses old results."""
    h = hashlib.sha256()
    for path in sorted(Path(__file__).resolve().parent.rglob("*.py")):
        h.update(path.name.encode("utf-8") + b"\0" + path.read_bytes())
    return h.hexdigest()


class ResultCache:
    """A folder of entries, one JSON file per (file text, settings) key; `folder=None` disables it."""

    def __init__(self, folder: str | Path | None):
        self.folder = Path(folder) if folder is not None else None
        self._settings: dict[Config, str] = {}
        self.hits = 0
        self.misses = 0

    def settings_key(self, config: Config) -> str:
        """What every result under `config` depends on besides the file itself."""
        if config not in self._settings:
            from .families import rules_dir
            from .model import chosen

            h = hashlib.sha256()
            pipeline = chosen(config.model or os.environ.get("BLAMELESS_MODEL") or None)
            for part in (f"format={FORMAT}", f"blameless={__version__}", repr(config),
                         f"pipeline={pipeline.label if pipeline else '-'}",
                         f"spacy={_dist_version('spacy')}", f"py3langid={_dist_version('py3langid')}"):
                h.update(part.encode("utf-8") + b"\0")
            h.update(_code_fingerprint().encode("utf-8") + b"\0")
            for pack in [*sorted(rules_dir().rglob("*.yml")), *map(Path, config.extend_rules)]:
                h.update(str(pack.name).encode("utf-8") + b"\0")
                try:
                    h.update(pack.read_bytes())
                except OSError:
                    h.update(b"<missing>")
            self._settings[config] = h.hexdigest()
        return self._settings[config]

    def key(self, config: Config, path: str, text: str) -> str:
        h = hashlib.sha256()
        for part in (self.settings_key(config), path, text):
            h.update(part.encode("utf-8") + b"\0")
        return h.hexdigest()

    def _file(self, key: str) -> Path:
        assert self.folder is not None
        return self.folder / f"v{FORMAT}" / key[:2] / f"{key}.json"

    def get(self, key: str, path: str) -> Entry | None:
        if self.folder is None:
            return None
        try:
            data = json.loads(self._file(key).read_text(encoding="utf-8"))
            if data.get("key") != key or data.get("version") != __version__:
                raise ValueError("stale")
            entry = Entry([_finding(f, path) for f in data["findings"]], data.get("language"))
            if entry.language is not None and not isinstance(entry.language, str):
                raise ValueError("bad language")
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            self.misses += 1
            return None
        self.hits += 1
        return entry

    def put(self, key: str, entry: Entry) -> None:
        if self.folder is None:
            return
        data = {"key": key, "version": __version__, "language": entry.language,
                "findings": [_finding_data(f) for f in entry.findings]}
        target = self._file(key)
        try:
            self._prepare()
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(data, handle, ensure_ascii=False)
            os.replace(tmp, target)
        except OSError:
            pass  # a read-only or full disk: run without the cache rather than fail

    def _prepare(self) -> None:
        assert self.folder is not None
        if (self.folder / ".gitignore").exists():
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        (self.folder / ".gitignore").write_text("# Created by blameless: results cached between runs.\n*\n")
        (self.folder / "CACHEDIR.TAG").write_text(
            "Signature: 8a477f597d28d172789f06886806bc55\n# This is a cache folder created by blameless.\n")
