"""Check the files of one `blameless check` run, in this process or in a pool of processes.

Files are independent, so with `--jobs N` (N > 1) they are checked by N worker processes; the
results come back in the order the files were named, and the report, warnings and exit code are
the ones the serial run gives. Each result keeps only what the reporters read: the findings, the
file's lines and, for JSON, its facts. No parse outlives its file, so memory stays flat however
many files a run checks.
"""
from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

from .cli_files import read_text
from .config import ConfigError
from .errors import InputError
from .report import CheckedFile
from .rules import RulePackError
from .source_lines import SourceLines
from .together import Checking, complete, run_together


@dataclass
class FileResult:
    """One file's outcome: `checked` (with notes and a language notice), or an `error` that
    skips it, or a `fatal` error that stops the run."""

    name: str
    checked: CheckedFile | None = None
    language: str | None = None
    notes: tuple[str, ...] = ()
    error: str | None = None
    fatal: Exception | None = None


@dataclass
class Task:
    """What a worker needs to check files as the parent would."""

    configs: object  # cli._Configs
    stdin_filename: str | None
    want_facts: bool


def default_jobs() -> int:
    """The number of cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # pragma: no cover (not on Linux)
        return max(1, os.cpu_count() or 1)


def check_file(name: str, task: Task, cache) -> FileResult:
    """Check one named file ('-' is stdin) as `blameless check` does."""
    return complete(checking_file(name, task, cache))


def checking_file(name: str, task: Task, cache) -> Checking:
    """`check_file` as a generator that may ask for its texts to be parsed together with other
    files' (blameless/together.py)."""
    from .nlp import ModelNotFound
    from .report.facts import facts_dict
    from .runner import checking_text

    try:
        text = read_text(name)
    except InputError as err:
        return FileResult(name, error=str(err))
    if name == "-":
        display = task.stdin_filename or "stdin"
        where = dict(display=display, parse_path=task.stdin_filename, config_path=task.stdin_filename)
    else:
        display = name
        where = dict(display=name, parse_path=name, config_path=name)
    try:
        config = task.configs.for_file(task.stdin_filename or "-" if name == "-" else name)
        checked = yield from checking_text(text, config=config, cache=cache, **where)
    except (ConfigError, RulePackError, ModelNotFound) as err:
        return FileResult(name, fatal=err)  # not this file's fault: the run stops (exit 2)
    except Exception as err:  # noqa: BLE001 (one file must not sink the report on the others)
        return FileResult(name, error=f"{display}: cannot check: {type(err).__name__}: {err}")
    file = checked.file
    if task.want_facts:
        file.facts = facts_dict(file.document, file.path) if _is_document(file.document) else None
    file.document = SourceLines(text)  # the reporters need the lines; the parse is let go
    return FileResult(name, file, checked.language, checked.notes)


def _is_document(document) -> bool:
    from .document import Document

    return isinstance(document, Document)


#: Below this much text, a default run stays in one process: each worker loads spaCy (about
#: two seconds of CPU), which only pays off when there is more than a second of parsing to share.
POOL_MIN_BYTES = 64 * 1024


def worth_a_pool(files: list[str]) -> bool:
    """Whether the named files hold enough text to share out (`--jobs` not given)."""
    total = 0
    for name in files:
        try:
            total += os.stat(name).st_size if name != "-" else 0
        except OSError:
            continue
        if total >= POOL_MIN_BYTES:
            return True
    return False


#: At most this many files, or this much text, are checked together, their candidate sentences
#: parsed in one pass (blameless/together.py); a small group keeps memory flat however many
#: files a run checks.
GROUP_FILES = 8
GROUP_BYTES = 256 * 1024


def groups(names: list[str], jobs: int = 1) -> list[list[str]]:
    """`names` in order, cut into groups of files checked together; with a pool, small enough
    that each worker gets several (the last group to finish decides when the run ends)."""
    most = max(1, min(GROUP_FILES, len(names) // (4 * jobs)))
    out: list[list[str]] = []
    size = 0
    for name in names:
        try:
            bytes_ = os.stat(name).st_size if name != "-" else 0
        except OSError:
            bytes_ = 0
        if not out or len(out[-1]) >= most or size + bytes_ > GROUP_BYTES:
            out.append([])
            size = 0
        out[-1].append(name)
        size += bytes_
    return out


def check_group(names: list[str], task: Task, cache) -> list[FileResult]:
    """Check files together (one parse for all of them); their results in order."""
    return run_together([checking_file(name, task, cache) for name in names])


def check_files(files: list[str], task: Task, cache, jobs: int) -> Iterator[FileResult]:
    """Results in the order of `files`, checked in groups (`groups`); in a process pool when
    `jobs` > 1 and there is more than one file to share (stdin is always read here)."""
    named = [f for f in files if f != "-"]
    if jobs <= 1 or len(named) < 2:
        for group in groups(files):
            yield from check_group(group, task, cache)
        return
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else None)
    pool = ProcessPoolExecutor(max_workers=min(jobs, len(named)), mp_context=context,
                               initializer=_start_worker, initargs=(task, cache.folder))
    try:
        pending = (result for results in pool.map(_check_in_worker, groups(named, jobs)) for result in results)
        for name in files:
            yield check_file(name, task, cache) if name == "-" else next(pending)
    finally:  # a fatal error stops the run: the files not yet started are not checked
        pool.shutdown(wait=True, cancel_futures=True)


_worker: dict = {}


def _start_worker(task: Task, cache_folder) -> None:
    from .cache import ResultCache

    _worker["task"] = task
    _worker["cache"] = ResultCache(cache_folder)


def _check_in_worker(names: list[str]) -> list[FileResult]:
    return check_group(names, _worker["task"], _worker["cache"])


def with_progress(results: Iterable[FileResult], count: int, show: bool,
                  bar: Callable | None = None) -> Iterator[FileResult]:
    """`results`, advancing a progress bar on stderr as each arrives when `show`."""
    if not show or bar is None:
        yield from results
        return
    with bar(length=count) as progress:
        for result in results:
            progress.update(1)
            yield result
