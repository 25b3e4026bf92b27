"""Incident facts as a table, JSON or CSV (`blameless facts`), and in `check --format json`."""
from __future__ import annotations

import csv
import io
import json

from ..readers.facts import facts
from ..readers.milestones import MILESTONES

DURATIONS = ("time_to_detect_min", "time_to_acknowledge_min", "time_to_mitigate_min",
             "time_to_resolve_min", "impact_duration_stated_min")


def facts_dict(document, path: str) -> dict:
    """The facts object of one file (README, "Incident facts")."""
    out = facts(document).as_dict()
    out["path"] = path
    return out


def render_json(rows: list[dict]) -> str:
    return json.dumps({"version": 1, "facts": rows}, indent=2, ensure_ascii=False)


def render_csv(rows: list[dict]) -> str:
    keys = ["path", "timezone", *MILESTONES, *DURATIONS]
    lines = [f"{k}_line" for k in ("timezone", *MILESTONES, "impact_duration_stated_min")]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(keys + lines)
    for row in rows:
        writer.writerow([_cell(row[k]) for k in keys] + [_cell(row["lines"][k[:-5]]) for k in lines])
    return out.getvalue().rstrip("\n")


def _cell(value) -> str:
    return "" if value is None else str(value)


def render_table(rows: list[dict]) -> str:
    blocks = []
    for row in rows:
        lines = [f"{row['path']} (times in {row['timezone'] or 'an unstated zone'})"]
        for key in (*MILESTONES, *DURATIONS):
            value = row[key]
            shown = "-" if value is None else f"{value} min" if key.endswith("_min") else value
            line = row["lines"].get(key)
            lines.append(f"  {key:<27} {shown:<20}" + (f" line {line}" if line else "").rstrip())
        blocks.append("\n".join(line.rstrip() for line in lines))
    return "\n\n".join(blocks)
