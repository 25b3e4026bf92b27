"""Credentials and secrets (R501, R502), found by Yelp's detect-secrets plugins.

Searched in the whole source (code blocks, inline code, URLs and front matter included: that is
where secrets are pasted). A hash or an id in its usual place (a commit, a sha256: digest, a
UUID, a checksum) is not a secret.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from ...config import ConfigError
from ...lexicon import english
from ..context import DocumentContext, Hit
from .placeholders import Placeholders, redaction_hits

_KEY_HEADER = re.compile(r"-----BEGIN [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----")
_KEY_FOOTER = re.compile(r"-----END [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----")
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.I)
_BASE64 = re.compile(r"(?<![\w+/.-])[A-Za-z0-9+/_-]{20,}={0,2}(?![\w+/=-])")
_HEX = re.compile(r"(?<![\w.-])[0-9a-fA-F]{16,}(?![\w-])")


@lru_cache(maxsize=1)
def _plugin_classes() -> dict:
    from detect_secrets.core.plugins.util import get_mapping_from_secret_type_to_class

    return {cls.__name__: cls for cls in get_mapping_from_secret_type_to_class().values()}


@lru_cache(maxsize=16)
def _plugins(names: tuple[str, ...]) -> tuple:
    classes = _plugin_classes()
    unknown = [n for n in names if n not in classes]
    if unknown:
        raise ConfigError(f"rules.R501.plugins: no detect-secrets plugin named {unknown[0]!r} "
                          f"(known: {', '.join(sorted(classes))})")
    return tuple(classes[n]() for n in names)


def _secret_span(match: re.Match) -> tuple[int, int]:
    """The secret inside a plugin's match: the group that closes the match ("aws_secret = '…'",
    "https://user:…@host"), else the whole match ("AKIA…", "ghp_…")."""
    groups = [i for i in range(1, (match.lastindex or 0) + 1) if match.group(i)]
    if groups:
        last = max(groups, key=match.end)
        if match.start(last) > match.start() and match.end() - match.end(last) <= 1:
            return match.span(last)
    return match.span()


def _key_block(source: str, start: int) -> tuple[int, int] | None:
    """A whole PEM private key block from its header to its footer (or to the end of its line)."""
    header = _KEY_HEADER.search(source, max(0, start - 20), start + 60)
    if not header:
        return None
    footer = _KEY_FOOTER.search(source, header.end())
    if footer:
        return header.start(), footer.end()
    line_end = source.find("\n", header.end())
    end = line_end if line_end >= 0 else len(source)
    return header.start(), end


def credential_spans(ctx: DocumentContext) -> list[tuple[int, int, str]]:
    """(start, end, secret type) of what the `plugins` of the rule recognise."""
    source = ctx.document.source
    spans: dict[tuple[int, int], str] = {}
    for plugin in _plugins(tuple(ctx.option("plugins", ()))):
        for regex in plugin.denylist:
            for match in regex.finditer(source):
                span = _key_block(source, match.start()) if "PRIVATE KEY" in match.group(0) \
                    else _secret_span(match)
                if span and span[1] > span[0] and not any(s <= span[0] < e for s, e in spans):
                    spans[span] = plugin.secret_type
    return sorted((s, e, kind) for (s, e), kind in spans.items()
                  if not any(s2 <= s and e <= e2 and (s2, e2) != (s, e) for s2, e2 in spans))


def credentials(ctx: DocumentContext) -> Iterator[Hit]:
    """R501: what a detect-secrets plugin recognises (AWS keys, private keys, tokens, basic auth)."""
    kept = credential_spans(ctx)
    book = Placeholders(ctx.option("placeholder"))
    for (start, end, kind) in sorted(kept):
        for hit in redaction_hits(ctx, [(start, end, "secret")], book, kind=kind):
            yield hit


def _context_before(source: str, start: int) -> str:
    line_start = source.rfind("\n", 0, start) + 1
    return source[max(line_start, start - 40):start].lower()


def _last_word(text: str) -> str:
    words = re.findall(r"[a-z0-9_-]+", text)
    return words[-1] if words else ""


def _is_digest(source: str, start: int, end: int) -> bool:
    """A hash or id in its usual place: 'commit 3f9a…', 'sha256:…', 'image@sha256:…', a UUID,
    '<hash>  file.tar.gz' (a checksum line)."""
    before = _context_before(source, start)
    if re.search(r"(?:sha\d*|md5)[:=-]\s*$", before):
        return True
    if _last_word(before) in english().words("digest_context"):
        return True
    if any(m.start() < end and start < m.end()
           for m in _UUID.finditer(source, max(0, start - 36), min(len(source), end + 36))):
        return True
    after = source[end:end + 3]
    return after.startswith("  ") and source[end + 2:end + 3].isalnum()  # sha256sum output


def _in_url(source: str, start: int) -> bool:
    token_start = max(source.rfind(c, 0, start) for c in " \t\n(<[\"'`") + 1
    return "://" in source[token_start:start]


def _named_secret(before: str) -> bool:
    """'token=…', 'password: …', 'Authorization: Bearer …'."""
    words = english().words("secret_context")
    names = re.findall(r"[a-z0-9_-]+(?=[\"']?\s*[:=]\s*[\"']?(?:bearer\s+|basic\s+)?$)|bearer(?=\s+$)", before)
    return bool(names) and any(part in words for part in re.split(r"[_-]", names[-1]) + [names[-1]])


def high_entropy(ctx: DocumentContext) -> Iterator[Hit]:
    """R502: a long random-looking string, measured as detect-secrets' entropy plugins do."""
    from detect_secrets.plugins.high_entropy_strings import Base64HighEntropyString, HexHighEntropyString

    source = ctx.document.source
    b64 = Base64HighEntropyString(limit=float(ctx.option("base64_limit", 4.5)))
    hexa = HexHighEntropyString(limit=float(ctx.option("hex_limit", 3.0)))
    known = credential_spans(ctx)
    spans = []
    for match in _BASE64.finditer(source):
        s = match.group(0)
        if not (re.search(r"[a-z]", s) and re.search(r"[A-Z]", s) and re.search(r"\d", s)):
            continue
        if b64.calculate_shannon_entropy(s) < b64.entropy_limit or _is_digest(source, *match.span()):
            continue
        before = _context_before(source, match.start())
        if _in_url(source, match.start()) and not _named_secret(before):
            continue
        spans.append((match.start(), match.end(), "secret"))
    for match in _HEX.finditer(source):
        # a bare hex string is a hash; only a named one ("api_key = 9f3c…") is a secret
        before = _context_before(source, match.start())
        if not _named_secret(before) or _is_digest(source, *match.span()):
            continue
        if hexa.calculate_shannon_entropy(match.group(0)) >= hexa.entropy_limit:
            spans.append((match.start(), match.end(), "secret"))
    spans = [(s, e, k) for s, e, k in spans if not any(s < e2 and s2 < e for s2, e2, _ in known)]
    yield from redaction_hits(ctx, spans)
