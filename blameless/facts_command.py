"""`blameless facts PATH...`: the incident facts of each postmortem, as a table, JSON or CSV.

The command is built by `command(collect, read_text, errors)` with the CLI's own file finding
and reading, so that it reads folders, stdin and bad input exactly as `check` does.
"""
from __future__ import annotations

import sys
from collections.abc import Callable

import click


def command(collect: Callable, read_text: Callable, errors: tuple[type[Exception], ...]) -> click.Command:
    @click.command("facts")
    @click.argument("paths", nargs=-1, required=True)
    @click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table",
                  show_default=True, help="Output format.")
    def facts(paths, fmt):
        """Incident facts read from each postmortem's timeline: start, impact start, detection,
        acknowledgement, mitigation and resolution, the times between them, and the duration
        the summary states."""
        from .document import parse
        from .report.facts import facts_dict, render_csv, render_json, render_table

        try:
            names = collect(paths)
        except errors as err:
            click.echo(f"blameless: error: {err}", err=True)
            sys.exit(2)
        rows, failed = [], []
        for name in names:
            try:
                text = read_text(name)
            except errors as err:
                failed.append(str(err))
                continue
            display = "stdin" if name == "-" else name
            rows.append(facts_dict(parse(text, path=None if name == "-" else name), display))
        for message in failed:
            click.echo(f"blameless: {'error' if not rows else 'warning'}: {message}"
                       + ("" if not rows else "; skipped"), err=True)
        if not rows:
            sys.exit(2)
        render = {"json": render_json, "csv": render_csv}.get(fmt, render_table)
        click.echo(render(rows))
    return facts
