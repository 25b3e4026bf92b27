"""Check one file's text as `blameless check` does: cache, language, engine, per-file ignores.

The CLI reads files and reports; this decides what a file's findings are. A file whose prose
is confidently not English gets no findings (the rules are English) and a notice naming the
language; the result, notice included, is cached like any other.
"""
from __future__ import annotations

from dataclasses import dataclass

from .cache import Entry, ResultCache
from .config import Config
from .paths import drop_ignored, ignored_selectors
from .report import CheckedFile
from .source_lines import SourceLines
from .together import Checking


@dataclass
class Checked:
    file: CheckedFile
    language: str | None  # a language other than English, if detected
    notes: tuple[str, ...] = ()  # e.g. the time budget ran out: the findings are partial


def checking_text(text: str, *, display: str, parse_path: str | None, config_path: str | None,
                  config: Config, cache: ResultCache) -> Checking:
    """Findings for `text`, shown as `display`; `parse_path` picks Markdown or plain text;
    `config_path` is matched against per-file-ignores (None: none apply). A generator that may
    ask for its texts to be parsed with other files' (blameless/together.py); it returns a
    Checked."""
    key = cache.key(config, f"{parse_path or ''}\0{config_path or ''}", text)
    entry = cache.get(key, display)
    if entry is not None:
        return Checked(CheckedFile(display, entry.findings, SourceLines(text)), entry.language)

    from .document import parse
    from .engines import engine_for
    from .language import non_english

    document = parse(text, path=parse_path)
    document.path = display
    language = non_english(document)
    if language is not None:
        findings = []
    else:
        findings = yield from engine_for(config).checking(document)
        if config_path is not None:
            findings = drop_ignored(findings, ignored_selectors(config_path, config))
    cache.put(key, Entry(findings, language))
    return Checked(CheckedFile(display, findings, document), language, tuple(document.notes))
