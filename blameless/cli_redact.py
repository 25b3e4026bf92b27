"""`blameless redact FILE -o OUT`: write a copy of a postmortem fit to publish.

Never in place unless `--in-place`; written atomically; `--mapping FILE` writes which
placeholder stands for what (JSON), for the author only. Exit 0 when written, 2 on bad input.
"""
from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

import click

from .cli_files import read_source
from .errors import InputError



class _Failure(Exception):
    pass


def _write(name: str, text: str, private: bool = False) -> None:
    """Write beside the target, then rename over it: never a half-written file. A new file gets
    the usual permissions (the umask's), or the owner's alone when `private`."""
    path = Path(name).resolve()
    tmp = None
    try:
        umask = os.umask(0)
        os.umask(umask)
        mode = path.stat().st_mode & 0o777 if path.exists() else (0o600 if private else 0o666 & ~umask)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".blameless", dir=path.parent)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except OSError as err:
        raise _Failure(f"{name}: cannot write: {err.strerror or err}") from None
    finally:
        if tmp is not None and os.path.exists(tmp):
            os.unlink(tmp)


@click.command("redact")
@click.argument("file")
@click.option("-o", "--output", help="Write the redacted copy here ('-' for stdout).")
@click.option("--in-place", is_flag=True, help="Rewrite FILE itself (atomically).")
@click.option("--mapping", "mapping_path", help="Also write placeholder -> original text (JSON) "
              "to this file. It holds everything that was removed: keep it private.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Config file to use.")
def redact_command(file, output, in_place, mapping_path, config_path):
    """Write a copy of FILE with every redaction finding (R5xx) replaced by its placeholder."""
    from .config import ConfigError
    from .nlp import ModelNotFound
    from .redact import redact
    from .rules import RulePackError

    try:
        if bool(output) == in_place:
            raise _Failure("give either -o OUT (a new file, or - for stdout) or --in-place")
        if output and output != "-" and file != "-" and Path(output).resolve() == Path(file).resolve():
            raise _Failure(f"{output}: is the input file; use --in-place to rewrite it")
        if in_place and file == "-":
            raise _Failure("--in-place needs a file, not stdin")
        text, bom = read_source(file)
        result = redact(text, path=None if file == "-" else file, config=config_path)
        if output == "-":
            click.echo(bom + result.text, nl=False)
        else:
            _write(file if in_place else output, bom + result.text)
        if mapping_path:
            _write(mapping_path, json.dumps(result.mapping, indent=2, ensure_ascii=False) + "\n", private=True)
        changed = sum(len(v) for v in result.mapping.values())
        click.echo(f"{len(result.findings)} redaction finding{'s' if len(result.findings) != 1 else ''}; "
                   f"{changed} distinct text{'s' if changed != 1 else ''} replaced.", err=True)
    except (_Failure, InputError, ConfigError, RulePackError, ModelNotFound) as err:
        click.echo(f"blameless: error: {err}", err=True)
        sys.exit(2)
