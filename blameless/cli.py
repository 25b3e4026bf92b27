"""The `blameless` command: check, fix, rules, explain.

Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage or input error. Errors are one
line on stderr, never a traceback. spaCy is imported only when a document is checked.
"""
from __future__ import annotations

import difflib
import os
import stat
import sys
import tempfile
from pathlib import Path

import click

from . import __version__
from .config import Config, ConfigError, config_for, load_config
from .findings import Severity
from .lexicon import LexiconError
from .rules import RulePackError

POSTMORTEM_SUFFIXES = (".md", ".markdown", ".txt")
FAIL_LEVELS = ("error", "warning", "info", "never")


class InputError(Exception):
    """A file the user named cannot be checked."""


def _error(message: str) -> None:
    click.echo(f"blameless: error: {message}", err=True)


def _warn(message: str) -> None:
    click.echo(f"blameless: warning: {message}", err=True)


def collect(paths: tuple[str, ...]) -> list[str]:
    """Files to check: named files as given, folders searched for postmortems, '-' for stdin."""
    files: list[str] = []
    for raw in paths:
        if raw == "-":
            files.append("-")
            continue
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file()
                           and p.suffix.lower() in POSTMORTEM_SUFFIXES
                           and not any(part.startswith(".") or part == "node_modules"
                                       for part in p.relative_to(path).parts))
            if not found:
                raise InputError(f"{raw}: no postmortems found (looked for {', '.join(POSTMORTEM_SUFFIXES)} files)")
            files.extend(str(p) for p in found)
        elif path.exists():
            files.append(raw)
        else:
            raise InputError(f"{raw}: no such file or directory")
    return files


BOM = "\ufeff"


def read_text(name: str) -> str:
    """Read a postmortem as UTF-8 (a BOM is dropped); binary and undecodable files are errors."""
    return read_source(name)[0]


def read_source(name: str) -> tuple[str, str]:
    """(text, bom): the postmortem without its UTF-8 byte order mark, and the mark ("" if none),
    so that `fix` can write the file back with the mark it had."""
    try:
        data = sys.stdin.buffer.read() if name == "-" else Path(name).read_bytes()
    except IsADirectoryError:
        raise InputError(f"{name}: is a directory") from None
    except OSError as err:
        raise InputError(f"{name}: cannot read: {err.strerror or err}") from None
    if b"\x00" in data[:8192]:
        raise InputError(f"{name}: looks like a binary file, not a postmortem")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise InputError(f"{name}: not UTF-8 text (invalid byte at offset {err.start})") from None
    bom = BOM if text.startswith(BOM) else ""
    text = text[len(bom):]
    if not text.strip():
        raise InputError(f"{name}: file is empty")
    return text, bom


class _Configs:
    """Config per checked file: --config, else the nearest config file; CLI flags on top."""

    def __init__(self, explicit: str | None, overrides: dict):
        self.explicit = load_config(explicit) if explicit else None
        self.overrides = overrides
        self._cache: dict[str, Config] = {}

    def for_file(self, name: str) -> Config:
        if self.explicit is not None:
            base = self.explicit
        else:
            start = Path.cwd() if name == "-" else Path(name).resolve()
            from .config import find_config_file

            found = find_config_file(start)
            key = str(found) if found else ""
            if key not in self._cache:
                self._cache[key] = load_config(found) if found else Config()
            base = self._cache[key]
        return base.merged(self.overrides, "command line") if self.overrides else base


def _overrides(select: tuple[str, ...], ignore: tuple[str, ...]) -> dict:
    out: dict = {}
    if select:
        out["select"] = [s for item in select for s in item.split(",") if s]
    if ignore:
        out["ignore"] = [s for item in ignore for s in item.split(",") if s]
    return out


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="blameless")
def main() -> None:
    """Review incident postmortems for blame, vague action items, editorialized timelines and
    structure gaps."""


def _run_checks(files: list[str], configs: _Configs, show_progress: bool):
    from .document import parse
    from .report import CheckedFile, Report

    report = Report()
    errors: list[str] = []
    from .engines import engine_for

    def one(name: str) -> None:
        try:
            text = read_text(name)
        except InputError as err:
            errors.append(str(err))
            report.skipped.append(name)
            return
        display = "stdin" if name == "-" else name
        document = parse(text, path=None if name == "-" else name)
        document.path = display
        engine = engine_for(configs.for_file(name))
        report.add_rules(engine.rule_set)
        findings = engine.check_document(document)
        report.files.append(CheckedFile(display, findings, document))

    if show_progress:
        with click.progressbar(files, label="Checking", file=sys.stderr) as bar:
            for name in bar:
                one(name)
    else:
        for name in files:
            one(name)
    return report, errors


def _fatal_guard(fn):
    """Turn expected failures into one line on stderr and exit 2."""
    import functools

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        from .nlp import ModelNotFound

        try:
            return fn(*args, **kwargs)
        except (InputError, ConfigError, RulePackError, LexiconError, ModelNotFound) as err:
            _error(str(err))
            sys.exit(2)
        except KeyboardInterrupt:
            sys.exit(130)
    return wrapper


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json", "sarif", "github"]),
              default="text", show_default=True, help="Output format.")
@click.option("--fail-on", type=click.Choice(FAIL_LEVELS), default="warning", show_default=True,
              help="Exit 1 when a finding at or above this severity is reported.")
@click.option("--select", multiple=True, help="Only these rule ids, prefixes or categories (comma-separated).")
@click.option("--ignore", multiple=True, help="Skip these rule ids, prefixes or categories (comma-separated).")
@click.option("--config", "config_path", type=click.Path(dir_okay=False),
              help="Use this config file instead of searching for one.")
@click.option("-q", "--quiet", is_flag=True, help="Only the location and message of each finding.")
@click.option("--color/--no-color", default=None, help="Force colour on or off (default: on a terminal).")
@_fatal_guard
def check(paths, fmt, fail_on, select, ignore, config_path, quiet, color):
    """Check postmortems (files, folders, or - for stdin)."""
    files = collect(paths)
    configs = _Configs(config_path, _overrides(select, ignore))
    show_progress = len(files) >= 5 and sys.stderr.isatty() and fmt == "text" and not quiet
    report, errors = _run_checks(files, configs, show_progress)
    if errors and not report.files:
        for message in errors[:-1]:
            _error(message)
        raise InputError(errors[-1])
    for message in errors:
        _warn(f"{message}; skipped")
    if fmt == "json":
        from .report.json_report import render
        click.echo(render(report))
    elif fmt == "sarif":
        from .report.sarif import render
        click.echo(render(report))
    elif fmt == "github":
        from .report.github import render
        output = render(report)
        if output:
            click.echo(output)
    else:
        from .report.text import render
        colour = sys.stdout.isatty() if color is None else color
        click.echo(render(report, colour=colour, quiet=quiet))
    if fail_on != "never":
        threshold = Severity(fail_on).rank
        if any(f.severity.rank >= threshold for f in report.findings):
            sys.exit(1)


def _write_atomically(name: str, text: str) -> None:
    """Write to a temporary file beside the file, then rename over it: never a half-written file.

    A symlink is followed (the link stays, its target is rewritten); the file's permission bits
    are kept; a read-only file is refused. Failures are InputErrors naming the file.
    """
    path = Path(name).resolve()
    try:
        info = path.stat()
        mode = info.st_mode
    except OSError as err:
        raise InputError(f"{name}: cannot write: {err.strerror or err}") from None
    if not (mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)) or not os.access(path, os.W_OK):
        raise InputError(f"{name}: file is read-only; not fixed")
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".blameless", dir=path.parent)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        os.chmod(tmp, stat.S_IMODE(mode))
        if hasattr(os, "chown") and (info.st_uid, info.st_gid) != (os.geteuid(), os.getegid()):
            try:  # keep the owner (possible for root, or for a group the user is in)
                os.chown(tmp, info.st_uid, info.st_gid)
            except OSError:
                pass
        os.replace(tmp, path)
    except OSError as err:
        raise InputError(f"{name}: cannot write: {err.strerror or err}") from None
    finally:
        if tmp is not None and os.path.exists(tmp):
            os.unlink(tmp)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--diff", is_flag=True, help="Print a unified diff of the fixes; write nothing.")
@click.option("--check", "check_only", is_flag=True, help="Write nothing; exit 1 if any file would change.")
@click.option("--select", multiple=True, help="Only fix these rule ids, prefixes or categories.")
@click.option("--ignore", multiple=True, help="Do not fix these rule ids, prefixes or categories.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Config file to use.")
@_fatal_guard
def fix(paths, diff, check_only, select, ignore, config_path):
    """Apply safe fixes to postmortems, in place (atomically)."""
    from . import fix as fix_text

    files = collect(paths)
    configs = _Configs(config_path, _overrides(select, ignore))
    changed = 0
    failed = 0
    for name in files:
        try:
            text, bom = read_source(name)
        except InputError as err:
            if len(files) == 1:
                raise
            _warn(f"{err}; skipped")
            continue
        fixed = fix_text(text, path=None if name == "-" else name, config=configs.for_file(name))
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
                _write_atomically(name, bom + fixed)
            except InputError as err:
                if len(files) == 1:
                    raise
                _error(str(err))
                failed += 1
                continue
            click.echo(f"fixed {name}", err=True)
        changed += 1
    verb = "would change" if (diff or check_only) else "changed"
    click.echo(f"{changed} file{'s' if changed != 1 else ''} {verb}.", err=True)
    if failed:
        sys.exit(2)
    if check_only and changed:
        sys.exit(1)


def _project_rules(config_path: str | None):
    """The rule set of the project config (--config, else the one found from the current folder)."""
    from .config import config_for
    from .registry import rule_set_for

    return rule_set_for(config_for(None, config_path))


_CONFIG_OPTION = click.option("--config", "config_path", type=click.Path(dir_okay=False),
                              help="Config file whose extend-rules packs to include.")


@main.command("rules")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text",
              show_default=True, help="markdown: the rule reference in docs/rules.md.")
@_CONFIG_OPTION
@_fatal_guard
def rules_command(fmt, config_path):
    """List every rule (built-in and the project's extra packs) with its id, category, severity and message."""
    rules = list(_project_rules(config_path))
    if fmt == "markdown":
        click.echo(rules_markdown(rules), nl=False)
        return
    if fmt == "json":
        import json
        click.echo(json.dumps([{"id": r.id, "name": r.name, "category": r.category,
                                "severity": r.severity.value, "message": r.describe()}
                               for r in rules], indent=2))
        return
    width = max(len(r.name) for r in rules)
    click.echo(f"{'ID':<5} {'NAME':<{width}} {'CATEGORY':<12} {'SEVERITY':<8} MESSAGE")
    for r in rules:
        click.echo(f"{r.id:<5} {r.name:<{width}} {r.category:<12} {r.severity.value:<8} {r.describe()}")


@main.command()
@click.argument("rule_id")
@_CONFIG_OPTION
@_fatal_guard
def explain(rule_id, config_path):
    """Show a rule's rationale, suggestion and examples."""
    rules = _project_rules(config_path)
    rule = rules.get(rule_id)
    if rule is None:
        ids = ", ".join(r.id for r in rules)
        raise InputError(f"unknown rule {rule_id!r} (known: {ids})")
    click.echo(explain_text(rule))


def rules_markdown(rules) -> str:
    """The rule reference: one section per rule, generated from the packs (docs/rules.md)."""
    from .families import families

    out = ["# Rules", "", "Generated by `blameless rules --format markdown` from `rules/*.yml`.",
           "Words in ‹angle quotes› are filled from the flagged text.", ""]
    out += ["| family | ids | what it finds |", "| --- | --- | --- |"]
    out += [f"| {f.category} | {f.prefix}xx | {f.summary} |" for f in families()]
    out.append("")
    for rule in rules:
        out += [f"## {rule.id}", "", f"**{rule.name}** · {rule.category} · {rule.severity.value}", "",
                rule.describe(), ""]
        variants = rule.describe_variants()
        if variants:
            out += ["Also reported as:", ""] + [f"- {v}" for v in variants] + [""]
        out += [f"**Why.** {rule.rationale}", "", f"**Instead.** {rule.describe('suggestion')}",
                "", "Flags:", ""]
        out += [f"- {e.text}" for e in rule.flag]
        out += ["", "Leaves alone:", ""]
        out += [f"- {e.text}" for e in rule.passes]
        out.append("")
    return "\n".join(out)


def explain_text(rule) -> str:
    lines = [f"{rule.id} {rule.name} ({rule.category}, {rule.severity.value})", "",
             rule.describe(), ""]
    variants = rule.describe_variants()
    if variants:
        lines += ["Also reported as:"] + [f"  {v}" for v in variants] + [""]
    lines += ["Why:", f"  {rule.rationale}", "", "Instead:", f"  {rule.describe('suggestion')}",
              "", "Flags:"]
    lines += [f"  ✗ {e.text}" for e in rule.flag]
    lines += ["", "Leaves alone:"]
    lines += [f"  ✓ {e.text}" for e in rule.passes]
    return "\n".join(lines)



def _register_facts() -> None:
    from .facts_command import command

    main.add_command(command(collect, read_text, (InputError,)))


_register_facts()


if __name__ == "__main__":  # pragma: no cover
    main()
