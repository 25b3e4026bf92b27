"""Where a `blameless check` spends its time, phase by phase, in one process (run on demand).

The speed benchmark (speed.py) says how fast; this says where the time goes, so the next change
aims at the largest part. One serial pass over the files, timed with perf_counter around:

  startup     import blameless, import spacy, load the pipeline, and the first-use work of a
              process (rule packs, lexicon, compiled patterns, tables, memos): the first pass
              over the files minus the second, made with the per-text caches emptied (no parse
              is kept across files, as in `blameless check`)
  work        the second pass, by phase: document parse (Markdown), language check, plan
              (scope and prefilter), the sentences chosen for parsing, spaCy's parse, putting
              each block's Doc back together, block rules, document rules; each code hook of a
              rule separately

    .venv/bin/python benchmarks/phases.py [--corpus DIR ...] [--top 12]

The default files are ../shared/corpus/real and ../shared/corpus/more (beside the checkout).
Figures move with the machine's load: compare shares, or runs made one after the other.
"""
from __future__ import annotations

import argparse
import collections
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DEFAULT_CORPUS = [ROOT.parent / "shared" / "corpus" / "real", ROOT.parent / "shared" / "corpus" / "more"]

spent: collections.Counter = collections.Counter()
calls: collections.Counter = collections.Counter()


def timing(label: str, fn):
    def timed(*args, **kwargs):
        start = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            spent[label] += time.perf_counter() - start
            calls[label] += 1
    return timed


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", action="append", type=Path, help="folder of .md files (repeatable)")
    ap.add_argument("--top", type=int, default=12, help="how many code hooks to list")
    args = ap.parse_args()
    files = sorted(p for folder in (args.corpus or DEFAULT_CORPUS) for p in folder.rglob("*.md")
                   if p.name != "SOURCES.md")
    if not files:
        sys.exit("no Markdown files found")
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in files]

    start = time.perf_counter()
    import blameless  # noqa: F401
    from blameless import document, engine, language, nlp
    from blameless.checks import registry
    from blameless.config import Config
    from blameless.engines import engine_for
    startup = {"import blameless": time.perf_counter() - start}
    start = time.perf_counter()
    import spacy  # noqa: F401
    startup["import spacy"] = time.perf_counter() - start
    checker = engine_for(Config())
    start = time.perf_counter()
    checker.pipeline.nlp
    startup["load the pipeline"] = time.perf_counter() - start

    nlp.Pipeline._pipe = timing("spaCy parse", nlp.Pipeline._pipe)
    engine.assemble = timing("blocks' Docs put together", engine.assemble)
    engine.Engine.plan = timing("plan (scope, prefilter)", engine.Engine.plan)
    engine.Engine._stretches = staticmethod(timing("sentences chosen for parsing", engine.Engine._stretches))
    engine.Engine._run_block_rule = timing("block rules", engine.Engine._run_block_rule)
    for name, hook in list(registry.HOOKS.items()):
        registry.HOOKS[name] = timing(f"hook {name}", lambda ctx, hook=hook: list(hook(ctx)))
    parse = timing("document parse", document.parse)
    non_english = timing("language check", language.non_english)
    check = timing("check_document", checker.check_document)

    from blameless.markdown_reader import _chunk_tokens
    from blameless.masking import mask_inline

    nlp.limit_shared_cache(0)  # as `blameless check` does: no parse is kept across files

    def one_pass() -> float:
        for cache in (_chunk_tokens, engine.block_words, mask_inline):
            cache.cache_clear()  # every text is new to the pass, as a new file is
        spent.clear()
        calls.clear()
        start = time.perf_counter()
        for path, text in zip(files, texts):
            doc = parse(text, path=str(path))
            non_english(doc)
            check(doc)
        return time.perf_counter() - start

    first = one_pass()
    parsed_before = checker.pipeline.parsed_words
    total = one_pass()
    startup["first-use work of a process"] = first - total
    words = sum(len(t.split()) for t in texts)

    print(f"{len(files)} files, {words:,} words; words parsed {checker.pipeline.parsed_words - parsed_before:,}")
    print("\nstartup (once per process)")
    for label, seconds in startup.items():
        print(f"  {seconds:7.3f} s  {label}")
    print(f"\nwork, {total:.2f} s in all")
    document_rules = spent["check_document"] - sum(
        spent[k] for k in ("spaCy parse", "blocks' Docs put together", "plan (scope, prefilter)",
                           "sentences chosen for parsing", "block rules"))
    rows = [(spent[k], k) for k in ("document parse", "language check", "plan (scope, prefilter)",
                                    "sentences chosen for parsing", "spaCy parse",
                                    "blocks' Docs put together", "block rules")]
    rows.append((document_rules, "document rules and the rest of the engine"))
    for seconds, label in rows:
        print(f"  {seconds:7.3f} s  {100 * seconds / total:5.1f} %  {label}")
    hooks = sorted(((v, k) for k, v in spent.items() if k.startswith("hook ")), reverse=True)
    print(f"\ncode hooks, largest {args.top} (inside block or document rules; a hook's first call "
          "also reads the document views it uses)")
    for seconds, label in hooks[:args.top]:
        print(f"  {seconds:7.3f} s  {calls[label]:6d} calls  {label[5:]}")


if __name__ == "__main__":
    main()
