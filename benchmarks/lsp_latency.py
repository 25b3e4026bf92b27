"""Latency of blameless-lsp while typing: didChange one paragraph -> publishDiagnostics.

Starts the real server (`python -m blameless_lsp`) over stdio with pygls's LanguageClient, opens a
generated postmortem of about 5,000 words (sections of varied paragraphs, a timeline, action
items), then 200 times replaces one paragraph with an incremental `didChange` and measures the
time until `textDocument/publishDiagnostics` arrives for that document version.

The server's debounce is set to 0 for the run (initializationOptions `{"debounceMs": 0}`), so the
figures are the server's own work: apply the edit, re-check (parse cache warm: only the edited
paragraph is parsed), convert, publish. An editor adds the ~300 ms debounce on top.

Also printed: the server's RSS after the run (VmRSS of the server process) and, in this process,
a baseline: a full check of the same document with a cold parse cache vs a re-check after a
one-paragraph edit with the parse cache warm, with and without the server's per-block result
cache, and how much of that is the Markdown parse.

    .venv/bin/python benchmarks/lsp_latency.py [--words 5000] [--edits 200] [--seed 7]
"""
from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import time
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient

SUBJECTS = ["The deploy pipeline", "The payments API", "The primary database", "The load balancer",
            "The cache cluster", "The config service", "The message queue", "The search indexer",
            "The auth gateway", "The batch scheduler", "The CDN edge", "The metrics backend"]
VERBS = ["returned errors for", "queued requests for", "dropped connections for about",
         "retried failed writes for", "served stale data for", "shed load for",
         "rejected new sessions for", "fell behind by"]
DURATIONS = ["four minutes", "twelve minutes", "half an hour", "two hours", "ninety seconds"]
CAUSES = ["because a certificate expired without an alert", "after a config push raised the timeout",
          "when the connection pool filled up", "since the health check only probed one port",
          "because the retry budget was shared across tenants", "after a schema migration locked a table",
          "when disk usage crossed ninety percent", "because the runbook pointed at a retired host"]
DETAILS = ["Nothing in the rollout checked the new value against the documented limit.",
           "The dashboard showed the error rate, but no alert was tied to it.",
           "The staging environment had a smaller dataset, so the slow query never showed up.",
           "Two teams owned parts of the path and neither had the whole picture.",
           "The fallback path had not been exercised in production for a year.",
           "Traffic was higher than usual because of a marketing campaign.",
           "The on-call engineer followed the runbook, which was out of date.",
           "Priya noticed the spike and paged the storage team within minutes.",
           "Our synthetic checks run every ten minutes, so detection lagged.",
           "Customers in two regions saw timeouts while the rest were unaffected."]
BLAME = ["Dave forgot to renew the certificate.", "Anna recklessly restarted every node at once.",
         "Marco carelessly skipped the canary stage.", "The intern broke the staging deploy."]
ACTIONS = ["Add an alert on certificate expiry thirty days out", "Automate the canary stage in the pipeline",
           "Document the failover procedure in the runbook", "Load-test the connection pool at twice peak",
           "Move the retry budget to per-tenant limits", "Add a lint step for config timeouts",
           "Review dashboards with the storage team", "Improve monitoring"]
OWNERS = ["@sre-team", "@payments", "@storage", "@platform", "@ana", "@kofi"]


def paragraph(rng: random.Random, blame: bool = False) -> str:
    parts = [f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(DURATIONS)} {rng.choice(CAUSES)}."]
    parts += rng.sample(DETAILS, rng.randint(2, 4))
    if blame:
        parts.insert(rng.randint(0, len(parts)), rng.choice(BLAME))
    return " ".join(parts)


def generate(words: int, seed: int = 7) -> tuple[str, list[tuple[int, int]]]:
    """A postmortem of about `words` words; returns (text, [(line, length)] of editable paragraphs)."""
    rng = random.Random(seed)
    lines: list[str] = ["# Incident review: checkout errors", ""]
    editable: list[tuple[int, int]] = []

    def add_paragraph(text: str) -> None:
        editable.append((len(lines), len(text)))
        lines.extend([text, ""])

    count = lambda: sum(len(line.split()) for line in lines)  # noqa: E731
    lines += ["## Summary", ""]
    add_paragraph(paragraph(rng))
    lines += ["## Impact", ""]
    add_paragraph(paragraph(rng))
    lines += ["## Timeline (UTC)", ""]
    minute = 0
    for _ in range(40):
        minute += rng.randint(1, 9)
        lines.append(f"- {9 + minute // 60:02d}:{minute % 60:02d} {rng.choice(SUBJECTS)} "
                     f"{rng.choice(VERBS)} {rng.choice(DURATIONS)}.")
    lines += ["", "## Root cause", ""]
    target = words - 400
    while count() < target * 0.55:
        add_paragraph(paragraph(rng, blame=rng.random() < 0.15))
    lines += ["## Contributing factors", ""]
    while count() < target:
        add_paragraph(paragraph(rng, blame=rng.random() < 0.1))
    lines += ["## What went well", ""]
    add_paragraph(paragraph(rng))
    lines += ["## Action items", "", "| Action | Owner | Due |", "| --- | --- | --- |"]
    for i in range(12):
        lines.append(f"| {rng.choice(ACTIONS)} | {rng.choice(OWNERS)} | 2025-0{1 + i % 9}-15 |")
    lines.append("")
    return "\n".join(lines), editable


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    k = max(0, min(len(values) - 1, round(p / 100 * (len(values) - 1))))
    return values[k]


def baseline(text: str, editable: list[tuple[int, int]], seed: int, rounds: int = 30) -> dict[str, float]:
    """Engine-only timings in this process (ms): the cost of a full check and of a re-check."""
    import blameless
    from blameless.document import parse
    from blameless.engine import Engine
    from blameless.nlp import Pipeline
    from blameless.block_cache import CachingEngine

    cold = Pipeline()
    cold.nlp  # load the model outside the timing
    plain = Engine(blameless.Config(), pipeline=cold)
    t = time.perf_counter()
    plain.check_text(text)
    out = {"cold": (time.perf_counter() - t) * 1000}
    cached = CachingEngine(blameless.Config(), pipeline=cold)
    cached.check_text(text)
    rng = random.Random(seed)
    lines = text.split("\n")
    times: dict[str, list[float]] = {"plain": [], "cached": [], "markdown": [], "parsed": []}
    for _ in range(rounds):
        line, _length = rng.choice(editable)
        lines[line] = paragraph(rng, blame=rng.random() < 0.3)
        edited = "\n".join(lines)
        before = cold.parsed
        t = time.perf_counter()
        plain.check_text(edited)  # parses the new paragraph (then it is cached for the next)
        times["plain"].append((time.perf_counter() - t) * 1000)
        times["parsed"].append(cold.parsed - before)
        lines[line] = paragraph(rng, blame=rng.random() < 0.3)
        edited = "\n".join(lines)
        t = time.perf_counter()
        cached.check_text(edited)
        times["cached"].append((time.perf_counter() - t) * 1000)
        t = time.perf_counter()
        parse(edited)
        times["markdown"].append((time.perf_counter() - t) * 1000)
    for key, values in times.items():
        out[key] = statistics.median(values) if key != "parsed" else max(values)
    return out


def rss_kib(pid: int) -> int | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


async def run(words: int, edits: int, seed: int) -> None:
    text, editable = generate(words, seed)
    rng = random.Random(seed + 1)
    print(f"document: {len(text.split())} words, {text.count(chr(10)) + 1} lines, "
          f"{len(editable)} paragraphs")

    client = LanguageClient("blameless-benchmark", "1")
    waiting: dict[int, asyncio.Future] = {}
    published: dict[int, int] = {}

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def on_diagnostics(params: types.PublishDiagnosticsParams) -> None:
        version = params.version if params.version is not None else -1
        published[version] = len(params.diagnostics)
        fut = waiting.pop(version, None)
        if fut is not None and not fut.done():
            fut.set_result(time.perf_counter())

    await client.start_io(sys.executable, "-m", "blameless_lsp")
    server_pid = client._server.pid  # the subprocess pygls started
    await client.initialize_async(types.InitializeParams(
        capabilities=types.ClientCapabilities(general=types.GeneralClientCapabilities(
            position_encodings=[types.PositionEncodingKind.Utf16])),
        initialization_options={"debounceMs": 0, "settings": {}},
    ))
    client.initialized(types.InitializedParams())
    uri = "file:///tmp/blameless-benchmark/postmortem.md"
    loop = asyncio.get_running_loop()

    waiting[1] = loop.create_future()
    t = time.perf_counter()
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        types.TextDocumentItem(uri=uri, language_id="markdown", version=1, text=text)))
    first = await asyncio.wait_for(waiting[1], 300) if 1 in waiting else time.perf_counter()
    print(f"didOpen -> first diagnostics (model load + cold parse): {(first - t) * 1000:.0f} ms, "
          f"{published.get(1)} diagnostics")

    lines = text.split("\n")
    times: list[float] = []
    for i in range(edits):
        version = i + 2
        line, _ = rng.choice(editable)
        new = paragraph(rng, blame=rng.random() < 0.3)
        change = types.TextDocumentContentChangePartial(
            range=types.Range(types.Position(line, 0), types.Position(line, len(lines[line]))),
            text=new)  # ASCII text: UTF-16 units == code points
        lines[line] = new
        fut = loop.create_future()
        waiting[version] = fut
        t = time.perf_counter()
        client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[change]))
        done = await asyncio.wait_for(fut, 60)
        times.append((done - t) * 1000)

    rss = rss_kib(server_pid)
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()

    print(f"didChange (one paragraph) -> publishDiagnostics, {edits} edits, debounce 0:")
    print(f"  p50 {statistics.median(times):.1f} ms   p95 {pct(times, 95):.1f} ms   "
          f"max {max(times):.1f} ms   mean {statistics.fmean(times):.1f} ms")
    print(f"  server RSS after the run: {rss / 1024:.0f} MiB" if rss else "  server RSS: unavailable")

    base = baseline(text, editable, seed + 2)
    print("baseline (same document, in this process, engine only, no LSP; medians of 30 edits):")
    print(f"  full check, cold parse cache:                        {base['cold']:7.1f} ms")
    print(f"  re-check after one-paragraph edit, warm parse cache: {base['plain']:7.1f} ms "
          f"(at most {base['parsed']:.0f} text parsed)")
    print(f"  same, with the server's per-block result cache:      {base['cached']:7.1f} ms")
    print(f"    of which Markdown -> blocks (blameless.document):  {base['markdown']:7.1f} ms")
    print(f"  ratio cold / warm: {base['cold'] / base['plain']:.0f}x (parse cache), "
          f"{base['cold'] / base['cached']:.0f}x (parse + result cache)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=5000)
    parser.add_argument("--edits", type=int, default=200)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    asyncio.run(run(args.words, args.edits, args.seed))


if __name__ == "__main__":
    main()
