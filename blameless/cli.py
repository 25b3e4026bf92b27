"""The `blameless` command: check, fix, rules, explain.

Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage or input error. Errors are one
line on stderr, never a traceback. spaCy is imported only when a document is checked.
"""
from __future__ import annotations

import difflib
import os
import sys
import warnings
from collections.abc import Iterable
from pathlib import Path

import click

from .config import Config, ConfigError, config_for, load_config
from .errors import CheckIncomplete, InputError
from .cli_files import collect, read_source, read_text
from .cli_support import error, fatal_guard, warn
from .families import profiles
from .findings import Severity
from .cli_redact import redact_command
from .rule_docs import explain, rules_command
from .rules import RulePackError

FAIL_LEVELS = ("error", "warning", "info", "never")


class _Configs:
    """Config per checked file: --config, else the nearest config file; CLI flags on top."""

    def __init__(self, explicit: str | None, overrides: dict):
        self.explicit = load_config(explicit) if explicit else None
        self.explicit_path = str(Path(explicit).resolve()) if explicit else None
        self.overrides = overrides
        self._cache: dict[str, Config] = {}

    def file_for(self, name: str) -> str | None:
        """The config file that applies to `name` ('-' means the current folder)."""
        if self.explicit is not None:
            return self.explicit_path
        from .config import find_config_file

        found = find_config_file(Path.cwd() if name == "-" else Path(name).resolve())
        return str(found) if found else None

    def for_file(self, name: str) -> Config:
        if self.explicit is not None:
            base = self.explicit
        else:
            key = self.file_for(name) or ""
            if key not in self._cache:
                self._cache[key] = load_config(key) if key else Config()
            base = self._cache[key]
        return base.merged(self.overrides, "command line") if self.overrides else base


def _overrides(select: tuple[str, ...], ignore: tuple[str, ...], profile: str | None = None) -> dict:
    out: dict = {"profile": profile} if profile else {}
    if select:
        out["select"] = [s for item in select for s in item.split(",") if s]
    if ignore:
        out["ignore"] = [s for item in ignore for s in item.split(",") if s]
    return out


def _print_version(ctx: click.Context, _param, value: bool) -> None:
    if not value or ctx.resilient_parsing:
        return
    from .model import version_line

    click.echo(version_line(_configured_model()))
    ctx.exit()


def _configured_model() -> str | None:
    """The `model` of the config that applies in the current folder (a bad config: none)."""
    try:
        return config_for(Path.cwd()).model
    except ConfigError:
        return None


def _print_settings(ctx: click.Context, _param, value: bool) -> None:
    if not value or ctx.resilient_parsing:
        return
    try:
        _show_settings(".", _Configs(None, {}), None)
    except ConfigError as err:
        error(str(err))
        ctx.exit(2)
    ctx.exit()


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--show-settings", is_flag=True, expose_value=False, is_eager=True, callback=_print_settings,
              help="Print the settings resolved for the current folder and exit (`check --show-settings PATH` for a file).")
@click.option("-V", "--version", is_flag=True, expose_value=False, is_eager=True, callback=_print_version,
              help="Show the version, the spaCy version and the pipeline that would be used.")
def main() -> None:
    """Review incident postmortems for blame, vague action items, editorialized timelines and
    structure gaps."""


def _run_checks(files: list[str], configs: _Configs, show_progress: bool, cache,
                stdin_filename: str | None = None, jobs: int = 1, want_facts: bool = False):
    from .batch import Task, check_files, with_progress
    from .language import language_name
    from .report import Report

    report = Report()
    errors: list[str] = []
    notices: list[str] = []
    results = check_files(files, Task(configs, stdin_filename, want_facts), cache, jobs)
    bar = lambda **kw: click.progressbar(label="Checking", file=sys.stderr, **kw)  # noqa: E731
    for result in with_progress(results, len(files), show_progress, bar):
        if result.fatal is not None:
            raise result.fatal
        if result.error is not None:
            errors.append(result.error)
            report.skipped.append(result.name)
            continue
        display = result.checked.path
        for note in result.notes:
            warn(f"{display}: {note}")
        if result.language:
            notices.append(f"{display}: written in {language_name(result.language)} "
                           f"({result.language}), not English; not checked")
        config = configs.for_file(stdin_filename or "-" if result.name == "-" else result.name)
        report.add_config(config)  # SARIF describes every rule the run could report
        report.files.append(result.checked)
    return report, errors, notices


FORMATS = ("text", "json", "sarif", "github", "gitlab", "junit")


def _selection_options(fn):
    for option in reversed([
        click.option("--select", multiple=True, help="Only these rule ids, prefixes or categories (comma-separated)."),
        click.option("--ignore", multiple=True, help="Skip these rule ids, prefixes or categories (comma-separated)."),
        click.option("--config", "config_path", type=click.Path(dir_okay=False),
                     help="Use this config file instead of searching for one."),
        click.option("--stdin-filename", metavar="PATH",
                     help="The path of the text read from stdin: shown in reports, and used to find "
                          "its config and match per-file-ignores."),
        click.option("--no-cache", is_flag=True, help="Neither read nor write the cache."),
        click.option("--cache-dir", type=click.Path(file_okay=False),
                     help="Cache folder (default: the cache-dir setting, else .blameless_cache)."),
        click.option("--force-exclude", is_flag=True,
                     help="Apply exclude and extend-exclude to files named on the command line too."),
        click.option("--profile", type=click.Choice(profiles()), default=None,
                     help="public: also run the redaction rules (R5xx) before a postmortem is published."),
    ]):
        fn = option(fn)
    return fn


def _gather(paths, select, ignore, config_path, stdin_filename, no_cache, cache_dir, force_exclude,
            profile=None, show_progress=lambda files: False, jobs=None, want_facts=False):
    """Check what the command line names; returns (report, configs, cache)."""
    from .batch import default_jobs, worth_a_pool
    from .cache import DEFAULT_DIR, ResultCache
    from .nlp import limit_shared_cache
    from .paths import is_excluded

    limit_shared_cache(0)  # each file is parsed once: keeping parses would only grow memory

    if not paths:
        if stdin_filename is None:
            raise click.UsageError("name the files or folders to check (or - for stdin)")
        paths = ("-",)
    configs = _Configs(config_path, _overrides(select, ignore, profile))
    files = collect(paths, lambda p, root: is_excluded(p, configs.for_file(str(p)), search_root=root),
                    force_exclude)
    if not files:  # every named file excluded (pre-commit with --force-exclude): nothing to do
        from .report import Report
        return Report(), configs, None
    first = configs.for_file(stdin_filename or files[0] if files[0] == "-" else files[0])
    folder = None if no_cache else (cache_dir or os.environ.get("BLAMELESS_CACHE_DIR") or first.cache_dir or DEFAULT_DIR)
    cache = ResultCache(folder)
    if jobs is None:  # the default: both cores when there is enough to share
        jobs = default_jobs() if worth_a_pool(files) else 1
    report, errors, notices = _run_checks(files, configs, show_progress(files), cache, stdin_filename,
                                          jobs, want_facts)
    if errors and not report.files:
        for message in errors[:-1]:
            error(message)
        raise InputError(errors[-1])
    for message in errors:
        warn(f"{message}; skipped")
    for message in notices:
        warn(message)
    return report, configs, folder


def _write(output: str | Iterable[str] | None, stream) -> None:
    """A report (whole, or in pieces as the JSON reporter gives it) and a final newline."""
    pieces = [output] if isinstance(output, str) else (output or [])
    wrote = False
    for piece in pieces:
        stream.write(piece)
        wrote = wrote or bool(piece)
    if wrote:
        stream.write("\n")
    stream.flush()


def _render(report, fmt: str, colour: bool, quiet: bool, fail_on: str) -> str | Iterable[str] | None:
    """The report in `fmt`: a string, or (JSON) an iterable of pieces to write in turn."""
    if fmt == "json":
        from .report.json_report import chunks
        return chunks(report)
    if fmt == "sarif":
        from .report.sarif import render
        return render(report)
    if fmt == "gitlab":
        from .report.gitlab import render
        return render(report)
    if fmt == "junit":
        from .report.junit import render
        return render(report, fail_on)
    if fmt == "github":
        from .report.github import render
        return render(report) or None
    from .report.text import render
    return render(report, colour=colour, quiet=quiet)


def _show_settings(target: str, configs: "_Configs", cache_dir: str | None) -> None:
    from .cache import DEFAULT_DIR
    from .settings import render

    config = configs.for_file(target)
    folder = cache_dir or os.environ.get("BLAMELESS_CACHE_DIR") or config.cache_dir or DEFAULT_DIR
    click.echo(render(config, "stdin" if target == "-" else target, folder, configs.file_for(target)))


@main.command()
@click.argument("paths", nargs=-1)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
              help="Output format: text, json, sarif (code scanning), github (workflow annotations), "
                   "gitlab (Code Quality), junit.")
@click.option("--fail-on", type=click.Choice(FAIL_LEVELS), default="warning", show_default=True,
              help="Exit 1 when a finding at or above this severity is reported.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when findings are reported (2 still means an error).")
@_selection_options
@click.option("-o", "--output-file", type=click.Path(dir_okay=False, writable=True),
              help="Write the report to this file instead of stdout.")
@click.option("--statistics", is_flag=True, help="Show how many findings each rule has, instead of the findings.")
@click.option("--baseline", "baseline_path", type=click.Path(dir_okay=False),
              help="Report only findings not recorded in this baseline (see `blameless baseline`).")
@click.option("--show-settings", is_flag=True, help="Print the resolved settings for the first path and exit.")
@click.option("-q", "--quiet", is_flag=True, help="Only the location and message of each finding.")
@click.option("--color", "color", type=click.Choice(["auto", "always", "never"]), default="auto",
              show_default=True, help="Colour text output (auto: on a terminal, unless NO_COLOR is set; FORCE_COLOR forces it).")
@click.option("--no-color", "no_color", is_flag=True, hidden=True)
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Check files in this many processes (default: the usable cores, when the files hold over 64 KiB of text; 1: in this process).")
@fatal_guard
def check(paths, fmt, fail_on, exit_zero, select, ignore, config_path, stdin_filename, no_cache, cache_dir,
          force_exclude, profile, output_file, statistics, baseline_path, show_settings, quiet, color, no_color,
          jobs):
    """Check postmortems (files, folders, or - for stdin)."""
    from .report.colour import use_colour

    if show_settings:
        configs = _Configs(config_path, _overrides(select, ignore, profile))
        target = stdin_filename or (paths[0] if paths and paths[0] != "-" else "-")
        _show_settings(target, configs, None if no_cache else cache_dir)
        return
    baseline = None
    if baseline_path:
        from .baseline import Baseline
        baseline = Baseline(baseline_path)
    report, _, _ = _gather(paths, select, ignore, config_path, stdin_filename, no_cache, cache_dir, force_exclude,
                           profile, lambda files: (len(files) >= 5 and sys.stderr.isatty() and fmt == "text"
                                          and not quiet and not output_file), jobs, fmt == "json")
    if baseline is not None:
        dropped = baseline.filter(report)
        if dropped and fmt == "text" and not statistics:
            warn(f"{dropped} finding{'s' if dropped != 1 else ''} in the baseline {baseline_path} not shown")
    if not report.files and not report.skipped and fmt == "text":
        return  # every file named was excluded (pre-commit with --force-exclude): nothing to say
    colour = use_colour("never" if no_color else color, None if output_file else sys.stdout)
    if statistics:
        from .report.statistics import render as render_statistics
        output = render_statistics(report, "json" if fmt == "json" else "text")
    else:
        output = _render(report, fmt, colour, quiet, fail_on)
    if output_file:
        try:
            with open(output_file, "w", encoding="utf-8") as out:
                _write(output, out)
        except OSError as err:
            raise InputError(f"{output_file}: cannot write report: {err.strerror or err}") from None
    elif output is not None:
        if isinstance(output, str):
            click.echo(output, color=colour)
        else:
            _write(output, click.get_text_stream("stdout"))
    if fail_on != "never" and not exit_zero:
        threshold = Severity(fail_on).rank
        if any(f.severity.rank >= threshold for f in report.findings):
            sys.exit(1)


@main.command()
@click.argument("paths", nargs=-1)
@click.option("-o", "--output", "output", type=click.Path(dir_okay=False), required=True,
              help="The baseline file to write (JSON).")
@_selection_options
@fatal_guard
def baseline(paths, output, select, ignore, config_path, stdin_filename, no_cache, cache_dir, force_exclude,
             profile):
    """Record the current findings, so that `check --baseline FILE` reports only new ones."""
    from .baseline import write

    report, _, _ = _gather(paths, select, ignore, config_path, stdin_filename, no_cache, cache_dir, force_exclude,
                           profile)
    count = write(report, output)
    files = len(report.files)
    click.echo(f"Wrote {count} finding{'s' if count != 1 else ''} from {files} file{'s' if files != 1 else ''} "
               f"to {output}.", err=True)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--diff", is_flag=True, help="Print a unified diff of the fixes; write nothing; exit 1 if any file would change.")
@click.option("--check", "check_only", is_flag=True, help="Write nothing; exit 1 if any file would change.")
@click.option("--select", multiple=True, help="Only fix these rule ids, prefixes or categories.")
@click.option("--ignore", multiple=True, help="Do not fix these rule ids, prefixes or categories.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Config file to use.")
@click.option("--force-exclude", is_flag=True,
              help="Apply exclude and extend-exclude to files named on the command line too.")
@click.option("--profile", type=click.Choice(profiles()), default=None,
              help="public: also put the redaction placeholders in place.")
@fatal_guard
def fix(paths, diff, check_only, select, ignore, config_path, force_exclude, profile):
    """Apply safe fixes to postmortems, in place (atomically)."""
    from . import fix as fix_text
    from .paths import ignored_selectors, is_excluded

    configs = _Configs(config_path, _overrides(select, ignore, profile))
    files = collect(paths, lambda p, root: is_excluded(p, configs.for_file(str(p)), search_root=root),
                    force_exclude)
    changed = 0
    failed = 0
    for name in files:
        try:
            text, bom = read_source(name)
        except InputError as err:
            if len(files) == 1:
                raise
            warn(f"{err}; skipped")
            continue
        config = configs.for_file(name)
        if name != "-" and (skip := ignored_selectors(name, config)):
            config = config.merged({"ignore": list(skip)}, "per-file-ignores")  # not fixed either
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", CheckIncomplete)
            fixed = fix_text(text, path=None if name == "-" else name, config=config)
        for message in dict.fromkeys(str(w.message) for w in caught if w.category is CheckIncomplete):
            warn(message.replace("text: ", f"{'stdin' if name == '-' else name}: ", 1))
        if name == "-":
            if diff:
                click.echo("".join(difflib.unified_diff(text.splitlines(True), fixed.splitlines(True), "stdin", "stdin")), nl=False)
            elif not check_only:
                click.echo(bom + fixed, nl=False)
            changed += fixed != text
            continue
        if fixed == text:
            continue
        if diff:
            click.echo("".join(difflib.unified_diff(text.splitlines(True), fixed.splitlines(True),
                                                    f"a/{name}", f"b/{name}")), nl=False)
        elif check_only:
            click.echo(f"would fix {name}")
        else:
            try:
                from .safe_write import write_fixed

                write_fixed(name, (bom + text).encode("utf-8"), bom + fixed)
            except InputError as err:
                if len(files) == 1:
                    raise
                error(str(err))
                failed += 1
                continue
            click.echo(f"fixed {name}", err=True)
        changed += 1
    verb = "would change" if (diff or check_only) else "changed"
    click.echo(f"{changed} file{'s' if changed != 1 else ''} {verb}.", err=True)
    if failed:
        sys.exit(2)
    if (check_only or diff) and changed:
        sys.exit(1)  # as ruff: a diff or check that finds something to change fails


main.add_command(rules_command)
main.add_command(explain)
main.add_command(redact_command)


def _register_facts() -> None:
    from .facts_command import command

    main.add_command(command(collect, read_text, (InputError,)))


_register_facts()


if __name__ == "__main__":  # pragma: no cover
    main()
