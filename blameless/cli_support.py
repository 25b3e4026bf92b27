"""What every command shares: one-line errors and warnings on stderr, and the guard that turns
expected failures into one line and exit 2 (never a traceback)."""
from __future__ import annotations

import sys

import click

from .errors import BlamelessError


def error(message: str) -> None:
    click.echo(f"blameless: error: {message}", err=True)


def warn(message: str) -> None:
    click.echo(f"blameless: warning: {message}", err=True)


def fatal_guard(fn):
    """Turn expected failures into one line on stderr and exit 2."""
    import functools

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except BlamelessError as err:
            error(str(err))
            sys.exit(2)
        except KeyboardInterrupt:
            sys.exit(130)
        except BrokenPipeError:  # `blameless check ... | head`: the reader has all it wants
            import os

            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second error at exit
            sys.exit(141)  # 128 + SIGPIPE, as a shell reports a command its pipe closed on
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except Exception as err:  # noqa: BLE001 (never a traceback, never exit 1 for a crash)
            error(f"internal error: {type(err).__name__}: {err} (please report this)")
            sys.exit(2)
    return wrapper
