"""Speed and memory of blameless, the figures issue 14 is judged by, measured in one run.

Machines are noisy (two cores, other work on them), so what counts are the ratios against a
baseline timed in the same run, not the absolute figures. Parts (all by default; `--only` picks):

throughput  blameless vs proselint 0.16 on the same files, words/s and the ratio of wall times.
            blameless: `blameless check --no-cache --format json --fail-on never FILES...`, one
            process over all files, from the venv running this script. proselint: `proselint
            check FILES...`, installed from PyPI into its own venv, benchmarks/.venv-proselint
            (created on first use, reused afterwards). Words = whitespace-split words of the
            files. Each timing is the best of `--repeat`.
scale       the same two commands on 1x and 8x the files (copies made distinct as in `rss`), and
            from the two times each tool's fixed cost per run (start-up) and its words/s once
            started (time = fixed + words / rate): where the ratio comes from.
jobs        `--jobs 1` vs `--jobs N` (N = usable cores, len(os.sched_getaffinity(0))) and
            whether both print the same report. If `blameless check --help` has no `--jobs`,
            says so and times the default run only.
against     only with `--against REV`: that revision's CLI, checked out with `git worktree add
            --detach` into a temporary folder (removed afterwards) and run with this venv's
            python, `-P` and PYTHONPATH=<worktree> (its `blameless.__file__` and rules folder are
            printed to show it is the worktree's code), vs the CLI now, one job each, on the same
            files; then whether both print the same JSON findings (and if not, the difference
            per rule id).
rss         peak RSS of `blameless check` (default jobs) on the files copied 1x and 8x into a
            temporary folder. The largest single process's peak is exact: the ru_maxrss that
            os.wait4 returns for the blameless process, which the kernel takes over the process
            and every descendant it reaped (pool workers included). (ru_maxrss is a maximum,
            not a sum, so "deltas" of getrusage(RUSAGE_CHILDREN) across runs would be wrong
            once an earlier child peaked higher; wait4 gives each run its own.) The sum of
            per-process peaks comes from polling /proc/<pid>/status VmHWM of the process and
            its descendants every 50 ms (a process living < 50 ms can be missed; pages shared
            after fork are counted in each process), along with the highest simultaneous sum
            of VmRSS seen. Byte-identical copies would let a parse cache keyed by text serve
            copies 2-8 from copy 1 (hiding exactly the growth being measured), so by default
            copy k (k = 1..7) doubles every 8th space of each line, starting at the k-th:
            nearly every paragraph and sentence text differs between copies while words and
            structure stay. `--rss-identical` copies bytes; either way the part prints how much
            longer 8x took than 1x (about 8x when nothing is served from a cache).
lsp         the real server (`python -m blameless_lsp`) over stdio with pygls's LanguageClient,
            debounce 0, a generated postmortem (benchmarks/lsp_latency.py's generator), then
            `--edits` incremental didChange edits that each replace one paragraph with new text
            carrying the edit number (so no parse is reused), waiting for the diagnostics of
            every version (`--lsp-wait-every` to wait less often). VmRSS of the server process
            (plus any children) after edit 200 and after the last edit, and the growth.
cold        a one-file `blameless check --no-cache` of a short postmortem written here (with a
            blame sentence, so the parser runs; a separate process confirms how many texts it
            parsed), best of 3 wall times, with `python -c "import spacy"` and the import plus
            pipeline load for scale.

The default files are the Markdown files of ../shared/corpus/real and ../shared/corpus/more
(beside the checkout), without the corpus's SOURCES.md lists; `--corpus DIR` (repeatable)
replaces them. Run on demand, not a test:

    .venv/bin/python benchmarks/speed.py [--repeat 3] [--edits 2000] [--against REV]
                                         [--only throughput,scale,jobs,against,rss,lsp,cold]
                                         [--corpus DIR ...]
"""
from __future__ import annotations

import argparse
import asyncio
import collections
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent
BLAMELESS = Path(sys.executable).parent / "blameless"
PROSELINT_VENV = HERE / ".venv-proselint"
PROSELINT_VERSION = "0.16.0"
DEFAULT_CORPUS = [ROOT.parent / "shared" / "corpus" / "real", ROOT.parent / "shared" / "corpus" / "more"]
PARTS = ("throughput", "scale", "jobs", "against", "rss", "lsp", "cold")
ENV = {**os.environ, "NO_COLOR": "1"}
CHECK = ["check", "--no-cache", "--format", "json", "--fail-on", "never"]
MIB = 1024  # /proc and ru_maxrss figures are KiB

COLD_POSTMORTEM = """\
# Incident review: login page timeouts

## Summary

On Tuesday the login page timed out for about twenty minutes after a configuration change
lowered the connection limit of the session store. Sam should have checked the limit before
the rollout. Nobody noticed the alert because it went to a channel that no one watches.

## Action items

- Add a check of the connection limit to the rollout script (@platform, 2025-03-01)
"""


# ---------------------------------------------------------------------------------------------
# helpers

def corpus_files(dirs: list[Path]) -> list[Path]:
    files: list[Path] = []
    for folder in dirs:
        if not folder.is_dir():
            sys.exit(f"no such folder: {folder}")
        files += sorted(p for p in folder.rglob("*.md") if p.name != "SOURCES.md")
    if not files:
        sys.exit("no Markdown files found")
    return files


def word_count(files: list[Path]) -> int:
    return sum(len(p.read_text(encoding="utf-8", errors="replace").split()) for p in files)


def timed(cmd: list[str], ok: tuple[int, ...] = (0,), env: dict | None = None,
          cwd: Path = ROOT) -> tuple[float, subprocess.CompletedProcess]:
    start = time.perf_counter()
    result = subprocess.run(cmd, capture_output=True, text=True, env=env or ENV, cwd=cwd)
    elapsed = time.perf_counter() - start
    if result.returncode not in ok:
        sys.exit(f"{' '.join(cmd[:4])} ... exited {result.returncode}:\n{result.stderr.strip()[-2000:]}")
    return elapsed, result


def best_of(cmds: dict[str, list[str]], repeat: int, ok: dict[str, tuple[int, ...]] | None = None,
            env: dict[str, dict] | None = None) -> tuple[dict[str, float], dict[str, subprocess.CompletedProcess]]:
    """Best wall time of each command; the commands take turns so that they share the noise."""
    times: dict[str, list[float]] = {name: [] for name in cmds}
    last: dict[str, subprocess.CompletedProcess] = {}
    for _ in range(repeat):
        for name, cmd in cmds.items():
            t, last[name] = timed(cmd, (ok or {}).get(name, (0,)), (env or {}).get(name))
            times[name].append(t)
    for name, values in times.items():
        print(f"  {name:<34} best {min(values):7.2f} s   (runs: {', '.join(f'{v:.2f}' for v in values)})")
    return {name: min(values) for name, values in times.items()}, last


def help_text(cmd: list[str], env: dict | None = None) -> str:
    result = subprocess.run(cmd + ["check", "--help"], capture_output=True, text=True, env=env or ENV, cwd=ROOT)
    return result.stdout + result.stderr


def cores() -> int:
    return len(os.sched_getaffinity(0))


def findings_of(stdout: str) -> list[dict]:
    return json.loads(stdout)["findings"]


def finding_diff(old: list[dict], new: list[dict]) -> dict[str, tuple[int, int]]:
    """Per rule id: (findings only in old, findings only in new), as multisets of whole findings."""
    key = lambda f: json.dumps(f, sort_keys=True)  # noqa: E731
    a = collections.Counter(map(key, old))
    b = collections.Counter(map(key, new))
    out: dict[str, list[int]] = collections.defaultdict(lambda: [0, 0])
    for k, n in (a - b).items():
        out[json.loads(k)["rule"]][0] += n
    for k, n in (b - a).items():
        out[json.loads(k)["rule"]][1] += n
    return {rule: (x, y) for rule, (x, y) in sorted(out.items())}


def proselint() -> Path:
    exe = PROSELINT_VENV / "bin" / "proselint"
    if exe.exists():
        return exe
    print(f"  creating {PROSELINT_VENV.relative_to(ROOT)} with proselint=={PROSELINT_VERSION} from PyPI ...")
    subprocess.run([sys.executable, "-m", "venv", str(PROSELINT_VENV)], check=True)
    subprocess.run([str(PROSELINT_VENV / "bin" / "python"), "-m", "pip", "install", "-q",
                    f"proselint=={PROSELINT_VERSION}"], check=True)
    return exe


# ---------------------------------------------------------------------------------------------
# parts

def part_throughput(files: list[Path], words: int, repeat: int, results: dict) -> None:
    print(f"\n== blameless vs proselint {PROSELINT_VERSION}: {len(files)} files, {words:,} words, "
          f"best of {repeat}")
    exe = proselint()
    version = subprocess.run([str(exe), "version"], capture_output=True, text=True).stdout.strip()
    names = [str(p) for p in files]
    best, _ = best_of({"blameless check (default jobs)": [str(BLAMELESS), *CHECK, *names],
                       f"proselint check ({version or '?'})": [str(exe), "check", *names]},
                      repeat, ok={f"proselint check ({version or '?'})": (0, 1)})
    t_bl, t_pl = best.values()
    ratio = t_bl / t_pl
    print(f"  blameless {words / t_bl:9,.0f} words/s")
    print(f"  proselint {words / t_pl:9,.0f} words/s")
    print(f"  ratio blameless_time / proselint_time: {ratio:.2f}  "
          f"({'blameless at least as fast' if ratio <= 1.0 else f'proselint is {ratio:.2f}x faster'})")
    results["proselint_ratio"] = ratio
    results["default_time"] = t_bl


def part_jobs(files: list[Path], words: int, repeat: int, results: dict) -> None:
    n = cores()
    print(f"\n== --jobs 1 vs --jobs {n} (usable cores: {n}), best of {repeat}")
    names = [str(p) for p in files]
    if "--jobs" not in help_text([str(BLAMELESS)]):
        print("  the installed blameless has no --jobs option (not in `blameless check --help`): "
              "timing the default (serial) run only")
        if "default_time" in results:
            t = results["default_time"]
            print(f"  default run: {t:.2f} s (from the throughput part), {words / t:,.0f} words/s")
        else:
            best, _ = best_of({"blameless check (default)": [str(BLAMELESS), *CHECK, *names]}, repeat)
            t = best["blameless check (default)"]
            print(f"  default run: {words / t:,.0f} words/s")
        results["jobs"] = None
        return
    best, out = best_of({"--jobs 1": [str(BLAMELESS), *CHECK, "--jobs", "1", *names],
                         f"--jobs {n}": [str(BLAMELESS), *CHECK, "--jobs", str(n), *names]}, repeat)
    t1, tn = best["--jobs 1"], best[f"--jobs {n}"]
    same = (out["--jobs 1"].stdout, out["--jobs 1"].returncode) == (out[f"--jobs {n}"].stdout,
                                                                  out[f"--jobs {n}"].returncode)
    print(f"  --jobs 1 {words / t1:9,.0f} words/s   --jobs {n} {words / tn:9,.0f} words/s")
    print(f"  speed-up --jobs {n} over --jobs 1: {t1 / tn:.2f}x")
    print(f"  same report and exit code: {'yes' if same else 'NO'}")
    results["jobs"] = (n, t1 / tn, same)


def part_against(rev: str, files: list[Path], words: int, repeat: int, results: dict) -> None:
    sha = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--verify", f"{rev}^{{commit}}"],
                         capture_output=True, text=True)
    if sha.returncode != 0:
        sys.exit(f"--against {rev}: not a revision of {ROOT}")
    sha = sha.stdout.strip()
    print(f"\n== now vs {rev} ({sha[:10]}), one job each, best of {repeat}")
    names = [str(p) for p in files]
    tmp = Path(tempfile.mkdtemp(prefix="blameless-against-"))
    tree = tmp / "src"
    subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(tree), sha],
                   check=True, capture_output=True, text=True)
    try:
        old_env = {**ENV, "PYTHONPATH": str(tree)}
        # -P: without it `python -c` puts the current folder (this checkout) first on sys.path
        probe = subprocess.run(
            [sys.executable, "-P", "-c", "import blameless; print(blameless.__file__)\n"
             "try:\n from blameless.families import rules_dir; print(rules_dir())\n"
             "except Exception as e: print('rules_dir:', e)"],
            capture_output=True, text=True, env=old_env, cwd=ROOT)
        lines = probe.stdout.split("\n")
        print(f"  {rev}: blameless imported from {lines[0]}")
        print(f"  {rev}: rule data from {lines[1] if len(lines) > 1 else '?'}")
        if not Path(lines[0]).resolve().is_relative_to(tree.resolve()):
            sys.exit(f"--against: PYTHONPATH={tree} did not import the worktree's blameless")
        old_cli = [sys.executable, "-P", "-c", "from blameless.cli import main; main()"]
        old_jobs = ["--jobs", "1"] if "--jobs" in help_text(old_cli, old_env) else []
        now_jobs = ["--jobs", "1"] if "--jobs" in help_text([str(BLAMELESS)]) else []
        label_now = "now" + (" --jobs 1" if now_jobs else " (serial)")
        label_old = rev + (" --jobs 1" if old_jobs else " (serial)")
        best, out = best_of({label_now: [str(BLAMELESS), *CHECK, *now_jobs, *names],
                             label_old: [*old_cli, *CHECK, *old_jobs, *names]},
                            repeat, env={label_old: old_env})
    finally:
        subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)],
                       capture_output=True, text=True)
        shutil.rmtree(tmp, ignore_errors=True)
    t_now, t_old = best[label_now], best[label_old]
    print(f"  now {words / t_now:9,.0f} words/s   {rev} {words / t_old:9,.0f} words/s")
    print(f"  now is {t_old / t_now:.2f}x faster than {rev} with --jobs 1")
    new_f, old_f = findings_of(out[label_now].stdout), findings_of(out[label_old].stdout)
    same = new_f == old_f
    print(f"  JSON findings identical: {'yes' if same else 'NO'} ({len(old_f)} in {rev}, {len(new_f)} now)")
    if not same:
        diff = finding_diff(old_f, new_f)
        if not diff:
            print("  same findings, different order")
        for rule, (gone, added) in diff.items():
            print(f"    {rule}: {gone} only in {rev}, {added} only now")
    results["against"] = (rev, t_old / t_now, same)


def sample_tree(root: int, peaks: dict[int, int]) -> int:
    """VmHWM of `root` and its descendants into `peaks`; returns the sum of their VmRSS now."""
    children: dict[int, list[int]] = collections.defaultdict(list)
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                stat = Path(f"/proc/{entry.name}/stat").read_text()
                children[int(stat[stat.rindex(")") + 2:].split()[1])].append(int(entry.name))
            except (OSError, ValueError):
                pass
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        todo += children.get(pid, [])
        status = proc_status(pid)
        if "VmHWM" in status:
            peaks[pid] = max(peaks.get(pid, 0), status["VmHWM"])
            total += status.get("VmRSS", 0)
    return total


def proc_status(pid: int) -> dict[str, int]:
    out = {}
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(("VmHWM:", "VmRSS:")):
                out[line.split(":")[0]] = int(line.split()[1])
    except OSError:
        pass
    return out


def peak_rss(cmd: list[str]) -> dict[str, float]:
    """Run `cmd`, polling its process tree every 50 ms; figures in KiB."""
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err, env=ENV, cwd=ROOT)
        peaks: dict[int, int] = {}
        concurrent = 0
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            concurrent = max(concurrent, sample_tree(proc.pid, peaks))
            time.sleep(0.05)
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        elapsed = time.perf_counter() - start
        if proc.returncode != 0:
            err.seek(0)
            sys.exit(f"blameless check exited {proc.returncode}:\n{err.read().decode()[-2000:]}")
    return {"largest": usage.ru_maxrss, "sum": sum(peaks.values()), "concurrent": concurrent,
            "processes": len(peaks), "seconds": elapsed}


def vary(text: str, k: int) -> str:
    """Copy k of a file: every 8th space of each line after its first word doubled, from the k-th
    (k = 0: unchanged); indentation and list or heading markers are kept."""
    if k == 0:
        return text
    out = []
    for line in text.split("\n"):
        body = line.lstrip(" ")
        head, _, rest = body.partition(" ")  # the indent and first token (a list marker, #) stay
        parts = rest.split(" ")
        out.append(line[:len(line) - len(body)] + head + (" " if rest or body != head else "") + "".join(
            part + ("" if i == len(parts) - 1 else "  " if i % 8 == k - 1 else " ")
            for i, part in enumerate(parts)))
    return "\n".join(out)


def eight_copies(files: list[Path], folder: Path, identical: bool = False) -> list[list[str]]:
    """Eight copies of the files in `folder` (the first unchanged; see `vary`), as lists of names."""
    copies: list[list[str]] = []
    for k in range(8):
        names = []
        for i, path in enumerate(files):
            target = folder / f"copy{k}-{i:04d}-{path.name}"
            if identical:
                shutil.copyfile(path, target)
            else:
                text = path.read_text(encoding="utf-8", errors="replace")
                target.write_text(vary(text, k), encoding="utf-8")
            names.append(str(target))
        copies.append(names)
    return copies


def part_scale(files: list[Path], words: int, repeat: int, results: dict) -> None:
    """Both tools on 1x and 8x the files; from the two times, each tool's fixed cost per run
    (start-up) and its words/s once started, as time = fixed + words / rate."""
    print(f"\n== blameless (default jobs) vs proselint {PROSELINT_VERSION} on 1x and 8x the files "
          f"(copies made distinct by spacing), best of {repeat}")
    exe = proselint()
    with tempfile.TemporaryDirectory(prefix="blameless-scale-") as tmp:
        copies = eight_copies(files, Path(tmp))
        times = {}
        for label, names in (("1x", copies[0]), ("8x", [n for c in copies for n in c])):
            best, _ = best_of({f"blameless {label}": [str(BLAMELESS), *CHECK, *names],
                               f"proselint {label}": [str(exe), "check", *names]},
                              repeat, ok={f"proselint {label}": (0, 1)})
            times.update(best)
    for tool in ("blameless", "proselint"):
        t1, t8 = times[f"{tool} 1x"], times[f"{tool} 8x"]
        rate = 7 * words / max(t8 - t1, 1e-9)
        print(f"  {tool:9}  fixed cost {t1 - words / rate:5.2f} s   then {rate:9,.0f} words/s")
    ratio = times["blameless 8x"] / times["proselint 8x"]
    print(f"  ratio blameless_time / proselint_time at 8x: {ratio:.2f}")
    results["scale_ratio"] = ratio


def part_rss(files: list[Path], identical: bool, results: dict) -> None:
    print(f"\n== peak RSS of blameless check (default jobs), 1x and 8x the files "
          f"({'byte-identical copies' if identical else 'copies made distinct by spacing'})")
    with tempfile.TemporaryDirectory(prefix="blameless-rss-") as tmp:
        copies = eight_copies(files, Path(tmp), identical)
        figures = {}
        for label, names in (("1x", copies[0]), ("8x", [n for c in copies for n in c])):
            f = figures[label] = peak_rss([str(BLAMELESS), *CHECK, *names])
            print(f"  {label}: {len(names):5d} files, {f['seconds']:6.1f} s   largest process peak "
                  f"{f['largest'] / MIB:6.0f} MiB   sum of {f['processes']} process peaks "
                  f"{f['sum'] / MIB:6.0f} MiB   highest simultaneous {f['concurrent'] / MIB:6.0f} MiB")
    largest = figures["8x"]["largest"] / figures["1x"]["largest"]
    total = figures["8x"]["sum"] / max(1, figures["1x"]["sum"])
    slower = figures["8x"]["seconds"] / figures["1x"]["seconds"]
    print(f"  8x the files took {slower:.1f}x the time of 1x"
          + (" (byte-identical copies: a cache keyed by text can serve their parses)" if identical else ""))
    print(f"  ratio 8x/1x: largest process {largest:.2f}, sum of peaks {total:.2f}  (target: within 1.10)")
    results["rss"] = (figures["1x"]["largest"] / MIB, figures["8x"]["largest"] / MIB, largest, total)


def tree_rss(pid: int) -> int:
    peaks: dict[int, int] = {}
    return sample_tree(pid, peaks)


async def lsp_run(words: int, edits: int, wait_every: int, seed: int, results: dict) -> None:
    from lsprotocol import types
    from pygls.lsp.client import LanguageClient

    sys.path.insert(0, str(HERE))
    from lsp_latency import generate, paragraph

    text, editable = generate(words, seed)
    rng = random.Random(seed + 1)
    first_mark = min(200, edits)
    print(f"\n== language server RSS over {edits} edits (debounce 0; document: {len(text.split())} words, "
          f"{len(editable)} paragraphs; waiting for diagnostics every {wait_every} edit(s))")
    client = LanguageClient("blameless-speed-benchmark", "1")
    loop = asyncio.get_running_loop()
    waiting: dict[int, asyncio.Future] = {}

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def on_diagnostics(params: types.PublishDiagnosticsParams) -> None:
        fut = waiting.pop(params.version if params.version is not None else -1, None)
        if fut is not None and not fut.done():
            fut.set_result(len(params.diagnostics))

    await client.start_io(sys.executable, "-m", "blameless_lsp")
    pid = client._server.pid  # the subprocess pygls started
    await client.initialize_async(types.InitializeParams(
        capabilities=types.ClientCapabilities(general=types.GeneralClientCapabilities(
            position_encodings=[types.PositionEncodingKind.Utf16])),
        initialization_options={"debounceMs": 0, "settings": {}},
    ))
    client.initialized(types.InitializedParams())
    uri = "file:///tmp/blameless-speed-benchmark/postmortem.md"
    waiting[1] = loop.create_future()
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        types.TextDocumentItem(uri=uri, language_id="markdown", version=1, text=text)))
    await asyncio.wait_for(waiting[1], 300)
    series = [(0, tree_rss(pid))]
    lines = text.split("\n")
    start = time.perf_counter()
    for i in range(1, edits + 1):
        version = i + 1
        line, _ = rng.choice(editable)
        new = f"{paragraph(rng, blame=rng.random() < 0.3)} This paragraph was rewritten in edit {i}."
        change = types.TextDocumentContentChangePartial(
            range=types.Range(types.Position(line, 0), types.Position(line, len(lines[line]))),
            text=new)  # ASCII text: UTF-16 units == code points
        lines[line] = new
        mark = i % 200 == 0 or i in (first_mark, edits)
        fut = None
        if mark or i % wait_every == 0:
            fut = waiting[version] = loop.create_future()
        client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[change]))
        if fut is not None:
            await asyncio.wait_for(fut, 60)
        if mark:
            series.append((i, tree_rss(pid)))
    elapsed = time.perf_counter() - start
    hwm = proc_status(pid).get("VmHWM", 0)
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()

    at = dict(series)
    print(f"  {edits} edits in {elapsed:.0f} s ({elapsed / edits * 1000:.0f} ms per edit, diagnostics included)")
    print("  server RSS: " + "  ".join(f"{'open' if n == 0 else n}: {kib / MIB:.0f}" for n, kib in series)
          + " MiB")
    growth = (at[edits] - at[first_mark]) / MIB
    print(f"  after edit {first_mark}: {at[first_mark] / MIB:.0f} MiB   after edit {edits}: "
          f"{at[edits] / MIB:.0f} MiB   growth {growth:+.1f} MiB  (target < 20 MiB; peak VmHWM {hwm / MIB:.0f} MiB)")
    results["lsp"] = (first_mark, edits, growth)


def part_cold(results: dict) -> None:
    print("\n== cold start: one-file check that needs a parse, best of 3")
    with tempfile.TemporaryDirectory(prefix="blameless-cold-") as tmp:
        path = Path(tmp) / "postmortem.md"
        path.write_text(COLD_POSTMORTEM, encoding="utf-8")
        probe = subprocess.run(
            [sys.executable, "-c", "import sys, blameless\nfrom blameless.engine import Engine\n"
             "from blameless.nlp import Pipeline\np = Pipeline()\n"
             "Engine(blameless.Config(), pipeline=p).check_text(open(sys.argv[1]).read())\n"
             "print(p.parsed, 'lemminflect loaded:', 'lemminflect' in sys.modules)",
             str(path)], capture_output=True, text=True, env=ENV, cwd=ROOT)
        best, out = best_of({"blameless check --no-cache (1 file)": [str(BLAMELESS), *CHECK, str(path)],
                             'python -c "import spacy"': [sys.executable, "-c", "import spacy"],
                             "import spacy + load the pipeline": [
                                 sys.executable, "-c", "from blameless.nlp import Pipeline; Pipeline().nlp"]}, 3)
    rules = sorted({f["rule"] for f in findings_of(out["blameless check --no-cache (1 file)"].stdout)})
    check, spacy, load = best.values()
    print(f"  texts parsed by the check: {probe.stdout.strip() or '? ' + probe.stderr.strip()[-300:]}; "
          f"rules found: {', '.join(rules) or 'none'}")
    print(f"  import spacy is {spacy / check:.0%} of the check, import + pipeline load {load / check:.0%}")
    results["cold"] = check


# ---------------------------------------------------------------------------------------------

def summary(results: dict) -> None:
    print("\n== summary (issue 14, done when; figures from this run)")
    na = "not measured"
    r = results.get("proselint_ratio")
    print(f"  blameless/proselint time, default jobs:  "
          + (f"{r:.2f}  (target <= 1.0: {'met' if r <= 1.0 else 'not met'})" if r else na))
    r8 = results.get("scale_ratio")
    print(f"  the same at 8x the files:                " + (f"{r8:.2f}" if r8 else na))
    a = results.get("against")
    print(f"  speed-up vs --against, --jobs 1:         "
          + (f"{a[1]:.2f}x vs {a[0]}  (target >= 2x: {'met' if a[1] >= 2 else 'not met'})" if a
             else na + " (pass --against REV)"))
    print(f"  findings identical vs --against:         " + (("yes" if a[2] else "NO") if a else na))
    s = results.get("rss")
    print(f"  peak RSS 8x/1x (largest process):        "
          + (f"{s[2]:.2f}  ({s[0]:.0f} -> {s[1]:.0f} MiB; sum of peaks {s[3]:.2f}; target <= 1.10: "
             f"{'met' if s[2] <= 1.10 else 'not met'})" if s else na))
    g = results.get("lsp")
    print(f"  {f'LSP RSS growth, edit {g[0] if g else 200} -> {g[1] if g else 2000}:':<41}"
          + (f"{g[2]:+.1f} MiB  (target < 20 MiB: {'met' if g[2] < 20 else 'not met'})" if g else na))
    j = results.get("jobs", "unset")
    print(f"  --jobs N over --jobs 1:                  "
          + (na if j == "unset" else "no --jobs option yet" if j is None
             else f"{j[1]:.2f}x with {j[0]} jobs, same report: {'yes' if j[2] else 'NO'}"))
    c = results.get("cold")
    print(f"  cold start, one-file check:              " + (f"{c:.2f} s" if c else na))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", action="append", metavar="DIR",
                        help="folder of Markdown files (repeatable; default: ../shared/corpus/real and more)")
    parser.add_argument("--repeat", type=int, default=3, help="timings per command; the best is kept")
    parser.add_argument("--against", metavar="REV", help="also time this git revision's CLI (one job)")
    parser.add_argument("--edits", type=int, default=2000, help="didChange edits for the lsp part")
    parser.add_argument("--lsp-words", type=int, default=5000, help="words of the document the server edits")
    parser.add_argument("--lsp-wait-every", type=int, default=1, metavar="N",
                        help="wait for the diagnostics of every Nth edit (and of each RSS reading)")
    parser.add_argument("--rss-identical", action="store_true",
                        help="rss part: byte-identical copies (default: copies made distinct by spacing)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--only", help=f"comma-separated parts: {','.join(PARTS)}")
    args = parser.parse_args()
    parts = set(PARTS) if not args.only else {p.strip() for p in args.only.split(",") if p.strip()}
    if parts - set(PARTS):
        parser.error(f"unknown part(s) {', '.join(sorted(parts - set(PARTS)))}; choose from {', '.join(PARTS)}")
    if "against" in parts and not args.against:
        if args.only and "against" in args.only:
            parser.error("the against part needs --against REV")
        parts.discard("against")
    if not BLAMELESS.exists():
        sys.exit(f"{BLAMELESS} not found: run this with the venv's python that has blameless installed")

    files = corpus_files([Path(d) for d in args.corpus] if args.corpus else DEFAULT_CORPUS)
    words = word_count(files)
    print(f"blameless speed benchmark: {len(files)} files, {words:,} words; {cores()} usable cores; "
          f"python {sys.version.split()[0]}; load average {os.getloadavg()[0]:.2f}")
    results: dict = {}
    started = time.perf_counter()
    if "throughput" in parts:
        part_throughput(files, words, args.repeat, results)
    if "scale" in parts:
        part_scale(files, words, args.repeat, results)
    if "jobs" in parts:
        part_jobs(files, words, args.repeat, results)
    if "against" in parts:
        part_against(args.against, files, words, args.repeat, results)
    if "rss" in parts:
        part_rss(files, args.rss_identical, results)
    if "lsp" in parts:
        asyncio.run(lsp_run(args.lsp_words, args.edits, max(1, args.lsp_wait_every), args.seed, results))
    if "cold" in parts:
        part_cold(results)
    summary(results)
    print(f"\n(total {time.perf_counter() - started:.0f} s; load average now {os.getloadavg()[0]:.2f})")


if __name__ == "__main__":
    main()
