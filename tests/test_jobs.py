"""`blameless check --jobs N`: files checked in N processes give the report, warnings and exit
code of the serial run, in the order the files were named."""
from __future__ import annotations

import json
import os

import pytest

from conftest import run_cli

POSTMORTEMS = {
    "a.md": "# Queue stall\n\n## Root cause\n\nLena forgot to renew the broker certificate.\n",
    "b.md": "# Disk full\n\n## Action items\n\n- Improve monitoring\n",
    "c.md": "# DNS\n\n## Summary\n\nResolution failed for 9 minutes after a zone push.\n",
    "d.md": "# Cache\n\n## Timeline\n\n- At some point the cache was flushed.\n",
}


@pytest.fixture
def folder(tmp_path):
    for name, text in POSTMORTEMS.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def _run(folder, *args):
    files = [str(folder / name) for name in sorted(POSTMORTEMS)]
    return run_cli("check", "--no-cache", *args, *files)


@pytest.mark.parametrize("fmt", ["json", "text", "sarif"])
def test_a_pool_reports_exactly_what_one_process_reports(folder, fmt):
    serial = _run(folder, "--jobs", "1", "--format", fmt)
    pooled = _run(folder, "--jobs", "3", "--format", fmt)
    assert serial.returncode == pooled.returncode == 1
    assert pooled.stdout == serial.stdout and pooled.stderr == serial.stderr
    if fmt == "json":
        paths = [f["path"] for f in json.loads(pooled.stdout)["findings"]]
        assert paths == sorted(paths) and len(set(paths)) == 3  # named order; c.md is clean


def test_an_unreadable_file_is_skipped_with_the_same_warning(folder):
    (folder / "b.md").write_bytes(b"\xff\xfe\x00bad")
    serial = _run(folder, "--jobs", "1", "--format", "json")
    pooled = _run(folder, "--jobs", "2", "--format", "json")
    assert pooled.returncode == serial.returncode == 1
    assert pooled.stderr == serial.stderr and "b.md" in pooled.stderr and "skipped" in pooled.stderr
    assert pooled.stdout == serial.stdout


def test_a_bad_config_stops_a_pooled_run_with_one_line(folder):
    (folder / ".blameless.toml").write_text('select = ["B999"]\n', encoding="utf-8")
    pooled = _run(folder, "--jobs", "2")
    assert pooled.returncode == 2 and pooled.stdout == ""
    assert len(pooled.stderr.strip().splitlines()) == 1 and "B999" in pooled.stderr


def test_jobs_must_be_positive(folder):
    bad = _run(folder, "--jobs", "0")
    assert bad.returncode == 2 and "--jobs" in bad.stderr


def test_the_default_uses_the_usable_cores():
    from blameless.batch import default_jobs

    assert default_jobs() == len(os.sched_getaffinity(0))


def test_a_few_small_files_are_checked_in_one_process_by_default(folder):
    from blameless.batch import worth_a_pool

    files = [str(folder / name) for name in POSTMORTEMS]
    assert not worth_a_pool(files)
    (folder / "big.md").write_text("# Big\n\n" + "The queue drained slowly. " * 4000, encoding="utf-8")
    assert worth_a_pool(files + [str(folder / "big.md")])


def test_a_file_checked_among_others_gets_what_it_gets_alone(folder):
    together = json.loads(_run(folder, "--jobs", "1", "--format", "json").stdout)["findings"]
    alone = []
    for name in sorted(POSTMORTEMS):
        alone += json.loads(run_cli("check", "--no-cache", "--format", "json", str(folder / name)).stdout)["findings"]
    assert together == alone and len({f["path"] for f in alone}) == 3


def test_files_are_grouped_in_order_and_within_bounds(folder):
    from blameless.batch import GROUP_FILES, groups

    names = [str(folder / name) for name in sorted(POSTMORTEMS)] * 10
    for jobs in (1, 2):
        cut = groups(names, jobs)
        assert [n for group in cut for n in group] == names
        assert len(cut) >= 4 * jobs and max(len(g) for g in cut) <= GROUP_FILES
    (folder / "big.md").write_text("The queue drained slowly. " * 12000, encoding="utf-8")
    assert [len(g) for g in groups([str(folder / "big.md")] * 3)] == [1, 1, 1]  # 312 KB each
