"""Results are cached between runs, keyed by the file, the configuration, the rule packs and the
version; a corrupt or stale entry is ignored, never trusted."""
from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

from conftest import BIN, EXAMPLES

PACK = """rules:
  - id: B190
    name: our-rule
    category: blame
    severity: warning
    phrases: [PHRASE]
    message: m
    rationale: r
    suggestion: s
    examples: {flag: [The PHRASE expired.], pass: [Fine.]}
"""
DOC = "# Review\n\n## Root cause\n\nDave forgot to renew the certificate.\n"


def run(*args, cwd: Path):
    env = {k: v for k, v in os.environ.items() if k != "BLAMELESS_CACHE_DIR"}
    env["NO_COLOR"] = "1"
    return subprocess.run([str(BIN / "blameless"), *args], capture_output=True, text=True, cwd=cwd, env=env)


def entries(cache: Path) -> list[Path]:
    return sorted(cache.glob("v*/*/*.json"))


def test_second_run_is_served_from_the_cache_with_identical_output(tmp_path):
    (tmp_path / "pm.md").write_text((EXAMPLES / "sample-postmortem.md").read_text())
    first = run("check", "pm.md", cwd=tmp_path)
    cache = tmp_path / ".blameless_cache"
    assert len(entries(cache)) == 1 and (cache / ".gitignore").read_text().strip().endswith("*")
    second = run("check", "pm.md", cwd=tmp_path)
    assert (second.returncode, second.stdout, second.stderr) == (first.returncode, first.stdout, first.stderr)
    # the entry is what the second run read: edit it and the output shows it
    (entry,) = entries(cache)
    data = json.loads(entry.read_text())
    data["findings"][0]["message"] = "from the cache"
    entry.write_text(json.dumps(data))
    assert "from the cache" in run("check", "pm.md", cwd=tmp_path).stdout
    assert "from the cache" not in run("check", "--no-cache", "pm.md", cwd=tmp_path).stdout


def test_corrupt_and_stale_entries_are_ignored(tmp_path):
    (tmp_path / "pm.md").write_text(DOC)
    first = run("check", "pm.md", cwd=tmp_path)
    (entry,) = entries(tmp_path / ".blameless_cache")
    # truncated JSON, and an entry written by another version (with an empty result)
    for bad in ("{not json", json.dumps({**json.loads(entry.read_text()), "version": "0.0.1", "findings": []})):
        entry.write_text(bad)
        again = run("check", "pm.md", cwd=tmp_path)
        assert (again.returncode, again.stdout) == (first.returncode, first.stdout), bad
        assert again.stderr == ""


def test_changing_the_file_config_or_rule_packs_is_a_cache_miss(tmp_path):
    (tmp_path / "pm.md").write_text(DOC)
    assert run("check", "pm.md", cwd=tmp_path).returncode == 1
    (tmp_path / ".blameless.toml").write_text('ignore = ["B101"]\n')
    assert run("check", "pm.md", cwd=tmp_path).returncode == 0
    (tmp_path / ".blameless.toml").write_text('ignore = ["B101"]\nextend-rules = ["ours.yml"]\n')
    pack = tmp_path / "ours.yml"
    pack.write_text(PACK.replace("PHRASE", "unrelated"))
    assert run("check", "pm.md", cwd=tmp_path).returncode == 0
    pack.write_text(PACK.replace("PHRASE", "certificate"))  # same config, edited pack
    assert "B190" in run("check", "pm.md", cwd=tmp_path).stdout
    (tmp_path / "pm.md").write_text(DOC.replace("certificate", "key"))
    assert run("check", "pm.md", cwd=tmp_path).returncode == 0
    assert len(entries(tmp_path / ".blameless_cache")) == 5


def test_no_cache_and_cache_dir(tmp_path):
    (tmp_path / "pm.md").write_text(DOC)
    run("check", "--no-cache", "pm.md", cwd=tmp_path)
    assert not (tmp_path / ".blameless_cache").exists()
    (tmp_path / ".blameless.toml").write_text('cache-dir = "build/lint-cache"\n')
    run("check", "pm.md", cwd=tmp_path)
    assert entries(tmp_path / "build" / "lint-cache") and not (tmp_path / ".blameless_cache").exists()
    run("check", "--cache-dir", str(tmp_path / "other"), "pm.md", cwd=tmp_path)
    assert entries(tmp_path / "other")


def test_entries_of_the_wrong_shape_are_misses(tmp_path):
    from blameless.cache import Entry, ResultCache
    from blameless.config import Config

    cache = ResultCache(tmp_path)
    key = cache.key(Config(), "pm.md", DOC)
    cache.put(key, Entry([], None))
    assert cache.get(key, "pm.md") is not None
    (path,) = entries(tmp_path)
    for bad in (json.dumps({"key": "another", "version": json.loads(path.read_text())["version"], "findings": []}),
                json.dumps({"key": key}), json.dumps([1, 2]), "\x00\x01",
                json.dumps({**json.loads('{"findings": [{"rule": 1}]}'), "key": key})):
        path.write_text(bad)
        assert cache.get(key, "pm.md") is None, bad


def test_json_facts_are_the_same_when_the_findings_come_from_the_cache(tmp_path):
    import json
    import os
    import subprocess

    from conftest import BIN

    doc = tmp_path / "pm.md"
    doc.write_text("# Review\n\n## Timeline (UTC)\n\n- 2026-03-10 09:14 Errors began\n"
                   "- 2026-03-10 09:20 Alert fired\n- 2026-03-10 09:40 Rolled back; errors stopped\n")
    env = {**os.environ, "BLAMELESS_CACHE_DIR": str(tmp_path / "cache")}
    runs = [subprocess.run([str(BIN / "blameless"), "check", "--format", "json", str(doc)], env=env,
                           capture_output=True, text=True) for _ in range(2)]
    assert all(r.returncode == 0 for r in runs), runs[1].stderr
    first, second = (json.loads(r.stdout) for r in runs)
    assert second == first and first["facts"][0]["detected"]
