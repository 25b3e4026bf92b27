"""Contact details and network addresses (R503 email, R504 phone, R505 IP, R506 internal host).

Searched in the whole source, code and logs included. Documentation addresses (example.com,
192.0.2.0/24, 2001:db8::/32) and loopback are examples, not leaks.
"""
from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterator
from functools import lru_cache

from ...config import ConfigError
from ...lexicon import english
from ..context import DocumentContext, Hit
from .placeholders import redaction_hits

_EMAIL = re.compile(r"(?<![\w.+:/-])([\w.+-]+)@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})(?![\w-])")
_PHONE = re.compile(r"(?<![\w+\-/.:])(?:\+\d{1,3}[ .-]?(?:\(\d{1,4}\)|\d{1,4})(?:[ .-]?\d{2,4}){2,4}"
                    r"|\(\d{3}\)[ .-]?\d{3}[ .-]\d{4}|\d{3}([.-])\d{3}\1\d{4})(?![\w\-/:]|\.\d)")
_IPV4 = re.compile(r"(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?![\w]|\.\d)")
_IPV6 = re.compile(r"(?<![\w:.])(?:[0-9a-fA-F]{1,4}:){2,7}[0-9a-fA-F]{0,4}(?::[0-9a-fA-F]{1,4})*(?![\w:])")
_DOCUMENTATION_NETS = tuple(ipaddress.ip_network(n) for n in (
    "192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24", "2001:db8::/32", "0.0.0.0/32", "::/128"))


def _domain_is_example(domain: str) -> bool:
    domain = domain.lower()
    return any(domain == d or domain.endswith("." + d) for d in english().words("documentation_domains"))


def _email_spans(source: str) -> list[tuple[int, int, str]]:
    spans = []
    for m in _EMAIL.finditer(source):
        if _domain_is_example(m.group(2)) or m.group(1).lower() in english().words("service_mailboxes"):
            continue
        spans.append((m.start(), m.end(), m.group(0)))
    return spans


def emails(ctx: DocumentContext) -> Iterator[Hit]:
    """R503: an email address (not a documentation domain, not a service mailbox such as git@)."""
    yield from redaction_hits(ctx, _email_spans(ctx.document.source))


def phones(ctx: DocumentContext) -> Iterator[Hit]:
    """R504: a telephone number (+44 20 7946 0958, (415) 555-0134, 415-555-0134)."""
    spans = [(m.start(), m.end(), re.sub(r"\D", "", m.group(0))) for m in _PHONE.finditer(ctx.document.source)]
    yield from redaction_hits(ctx, spans)


def _address(text: str):
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        return None


def ip_addresses(ctx: DocumentContext) -> Iterator[Hit]:
    """R505: an IPv4 or IPv6 address, except loopback and the documentation ranges."""
    spans = []
    source = ctx.document.source
    for regex in (_IPV4, _IPV6):
        for m in regex.finditer(source):
            address = _address(m.group(0))
            if address is None or address.is_loopback or any(address in n for n in _DOCUMENTATION_NETS
                                                            if n.version == address.version):
                continue
            if regex is _IPV4 and re.search(r"(?:\bv|version\s*)$", source[max(0, m.start() - 8):m.start()], re.I):
                continue  # v1.2.3.4: a version, not an address
            spans.append((m.start(), m.end(), str(address)))
    yield from redaction_hits(ctx, spans)


@lru_cache(maxsize=32)
def _host_regex(domains: tuple[str, ...]) -> re.Pattern:
    suffixes = english().alternation("internal_suffixes")
    configured = "|".join(re.escape(d.strip(".").lower()) for d in domains if d.strip("."))
    ends = f"{suffixes}|{configured}" if configured else suffixes
    return re.compile(rf"(?<![\w.-])(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+(?:{ends})(?![\w-]|\.[a-z0-9])"
                      + (rf"|(?<![\w.-])(?:{configured})(?![\w-]|\.[a-z0-9])" if configured else ""), re.I)


def internal_hosts(ctx: DocumentContext) -> Iterator[Hit]:
    """R506: a host name only the company's network knows: the configured `domains`, and names
    ending .internal, .corp, .local or a cluster's service domain."""
    domains = ctx.option("domains", ())
    if isinstance(domains, str) or not all(isinstance(d, str) for d in domains):
        raise ConfigError("rules.R506.domains: must be a list of domain names")
    source = ctx.document.source
    emails_at = [(s, e) for s, e, _ in _email_spans(source)]
    spans = [(m.start(), m.end(), m.group(0).lower()) for m in _host_regex(tuple(domains)).finditer(source)
             if not any(s <= m.start() < e for s, e in emails_at)]
    yield from redaction_hits(ctx, spans)
