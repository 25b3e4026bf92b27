"""The redaction profile (R5xx): off by default, on with --profile public; every planted secret,
person, host and figure flagged; `blameless redact` replaces each one consistently and changes
nothing else; hashes and ids in their usual places are not secrets."""
from __future__ import annotations

import json
from pathlib import Path

import jsonschema

import blameless
from conftest import ROOT
from redaction_data import AWS_ID, AWS_SECRET, GITHUB_TOKEN, KEY_LINES, planted, redacted_by_hand

PUBLIC = blameless.Config(profile="public")


def _write(tmp_path: Path, text: str, name: str = "pm.md") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _redaction(findings):
    return [f for f in findings if f.category == "redaction"]


def test_every_planted_item_is_flagged_where_it_is():
    text = planted()
    lines = text.split("\n")
    found = {(f.rule, f.line, text[f.span.start:f.span.end]) for f in _redaction(blameless.check(text, config=PUBLIC))}

    def at(needle):
        return next(i + 1 for i, line in enumerate(lines) if needle in line)

    expected = {
        ("R501", at(AWS_ID), AWS_ID), ("R501", at(AWS_SECRET), AWS_SECRET),
        ("R501", at(GITHUB_TOKEN), GITHUB_TOKEN),
        ("R501", at(KEY_LINES[0]), "\n".join(KEY_LINES)),
        ("R507", 5, "Maria Chen"), ("R507", 6, "Tomasz Nowak"), ("R507", at("@dkowalski"), "@dkowalski"),
        ("R506", at("ledger.payments"), "ledger.payments.internal"),
        ("R503", at("ops-review@"), "ops-review@acmepay.io"),
        ("R505", at("10.20.4.17"), "10.20.4.17"),
        ("R509", at("$48,000"), "$48,000"),
    }
    assert expected <= found
    # each name every time it is used
    assert sum(1 for r, _, t in found if r == "R507" and t.startswith("Maria")) == 5
    assert sum(1 for r, _, t in found if r == "R507" and t.startswith("Tomasz")) == 3


def test_positions_are_exact():
    text = planted()
    finding = next(f for f in blameless.check(text, config=PUBLIC) if f.rule == "R505")
    line = text.split("\n")[finding.line - 1]
    assert line[finding.column - 1:finding.end_column - 1] == "10.20.4.17"


def test_redact_replaces_each_item_consistently_and_nothing_else(cli, tmp_path):
    source = _write(tmp_path, planted())
    out, mapping = tmp_path / "public.md", tmp_path / "mapping.json"
    result = cli("redact", str(source), "-o", str(out), "--mapping", str(mapping))
    assert result.returncode == 0, result.stderr
    assert out.read_text(encoding="utf-8") == redacted_by_hand()
    assert source.read_text(encoding="utf-8") == planted()  # never in place unless asked
    assert len(out.read_text(encoding="utf-8").split("\n")) == len(planted().split("\n"))
    table = json.loads(mapping.read_text(encoding="utf-8"))
    assert table["Engineer A"] == ["Maria Chen", "Maria"]
    assert table["Engineer B"] == ["Tomasz Nowak", "Tomasz"]
    assert table["Engineer C"] == ["@dkowalski"]
    assert table["[internal host 1]"] == ["ledger.payments.internal"]
    assert "\n".join(KEY_LINES) in table["[REDACTED]"]
    assert oct(mapping.stat().st_mode & 0o777) == "0o600"  # it holds the secrets


def test_redact_in_place_and_to_stdout(cli, tmp_path):
    source = _write(tmp_path, planted())
    to_stdout = cli("redact", str(source), "-o", "-")
    assert to_stdout.stdout == redacted_by_hand()
    assert cli("redact", str(source), "--in-place").returncode == 0
    assert source.read_text(encoding="utf-8") == redacted_by_hand()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".blameless")]  # no temp left behind


def test_redact_refuses_to_overwrite_its_input_without_in_place(cli, tmp_path):
    source = _write(tmp_path, planted())
    for args in [(str(source),), (str(source), "-o", str(source))]:
        result = cli("redact", *args)
        assert result.returncode == 2
        assert result.stderr.count("\n") == 1 and result.stderr.startswith("blameless: error:")
        assert "Traceback" not in result.stderr
    assert source.read_text(encoding="utf-8") == planted()


def test_fix_with_the_profile_uses_the_same_placeholders(cli, tmp_path):
    source = _write(tmp_path, planted())
    fixed = blameless.fix(planted(), config=PUBLIC)
    for placeholder in ("Engineer A", "Engineer B", "Engineer C", "[internal host 1]", "[REDACTED]",
                        "[IP address 1]", "[email 1]", "[amount 1]"):
        assert placeholder in fixed
    for leak in (AWS_ID, AWS_SECRET, GITHUB_TOKEN, KEY_LINES[1], "Maria", "Tomasz", "@dkowalski"):
        assert leak not in fixed
    assert cli("fix", "--profile", "public", str(source)).returncode == 0
    assert "[internal host 1]" in source.read_text(encoding="utf-8")


def test_the_family_is_off_by_default(cli, tmp_path):
    source = _write(tmp_path, planted())
    assert not _redaction(blameless.check(planted()))
    result = cli("check", "--format", "json", "--fail-on", "never", str(source))
    assert '"R5' not in result.stdout


def test_check_with_the_public_profile_exits_1_on_any_redaction_finding(cli, tmp_path):
    clean = _write(tmp_path, "# Review\n\nThe cache filled up and the service slowed down.\n", "clean.md")
    leaky = _write(tmp_path, "# Review\n\nThe cache on cache-3.corp filled up.\n", "leaky.md")
    assert cli("check", "--profile", "public", "--select", "redaction", str(clean)).returncode == 0
    result = cli("check", "--profile", "public", "--select", "redaction", str(leaky))
    assert result.returncode == 1
    assert "R506" in result.stdout and "cache-3.corp" in result.stdout


def test_profile_from_the_config_file(cli, tmp_path):
    _write(tmp_path, 'profile = "public"\n', ".blameless.toml")
    source = _write(tmp_path, "# Review\n\nThe cache on cache-3.corp filled up.\n")
    result = cli("check", str(source), cwd=tmp_path)
    assert result.returncode == 1 and "R506" in result.stdout


def test_an_unknown_profile_is_one_line_and_exit_2(cli, tmp_path):
    _write(tmp_path, 'profile = "secret"\n', ".blameless.toml")
    source = _write(tmp_path, "# Review\n\nAll good.\n")
    result = cli("check", str(source), cwd=tmp_path)
    assert result.returncode == 2
    assert "profile: must be one of public" in result.stderr and "Traceback" not in result.stderr


def test_sarif_and_github_output_carry_redaction_findings(cli, tmp_path):
    source = _write(tmp_path, planted())
    sarif = json.loads(cli("check", "--profile", "public", "--format", "sarif", str(source)).stdout)
    schema = json.loads((ROOT / "tests/data/sarif-2.1.0-rtm.5.json").read_text(encoding="utf-8"))
    jsonschema.validate(sarif, schema)
    assert {"R501", "R506", "R507"} <= {r["ruleId"] for r in sarif["runs"][0]["results"]}
    github = cli("check", "--profile", "public", "--format", "github", str(source)).stdout
    assert "R501" in github and "R509" in github
    # a message never repeats the secret it reports
    assert AWS_SECRET not in github and GITHUB_TOKEN not in github and AWS_SECRET not in json.dumps(sarif)


def test_hashes_and_ids_in_their_usual_places_are_not_secrets():
    text = (
        "# Review\n\n"
        "The bad change was commit 9fceb02d0ae598e95dc970b74767f19372d61af8, reverted in a1b2c3d.\n\n"
        "Request 7c9e6679-7425-40de-944b-e07fc1f90ae7 failed; trace id 4bf92f3577b34da6a3ce929d0e0e4736.\n\n"
        "```\n"
        "image: registry.example.com/api@sha256:" + "3b7c9e1f2a4d6b8c" * 4 + "\n"
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855  release.tar.gz\n"
        "integrity sha512-" + "Qx7Lm2Pz9Vb4Kp8RtZ3wN6yHcJ1sD5gE" * 2 + "==\n"
        "```\n\n"
        "See https://github.com/org/repo/blob/9fceb02d0ae598e95dc970b74767f19372d61af8/app/Main.java.\n"
    )
    assert not [f for f in blameless.check(text, config=PUBLIC) if f.rule in ("R501", "R502")]


def test_a_named_random_string_is_a_secret_even_unquoted():
    text = "# Review\n\nThe log showed `session_token=Qx7Lm2Pz9Vb4Kp8RtZ3wN6yHcJ1sD5gE` in clear text.\n"
    assert [f.rule for f in blameless.check(text, config=PUBLIC) if f.category == "redaction"] == ["R502"]


def test_configured_customers_and_internal_domains(tmp_path):
    config = tmp_path / ".blameless.toml"
    config.write_text('profile = "public"\n[rules.R508]\npatterns = ["ACME-\\\\d+"]\nnames = ["Globex"]\n'
                      '[rules.R506]\ndomains = ["corp.acmepay.io"]\n', encoding="utf-8")
    text = "# Review\n\nGlobex (ticket ACME-4417) could not reach billing.corp.acmepay.io or Globex's portal.\n"
    hits = [(f.rule, text[f.span.start:f.span.end]) for f in blameless.check(text, config=str(config))
            if f.category == "redaction"]
    assert ("R508", "ACME-4417") in hits and ("R506", "billing.corp.acmepay.io") in hits
    assert [h for h in hits if h == ("R508", "Globex")] == [("R508", "Globex")] * 2
    redacted = blameless.fix(text, config=str(config))
    assert redacted.count("[customer 1]") == 2 and "[customer 2]" in redacted


def test_a_bad_customer_pattern_is_one_line_and_exit_2(cli, tmp_path):
    _write(tmp_path, 'profile = "public"\n[rules.R508]\npatterns = ["ACME-(\\\\d+"]\n', ".blameless.toml")
    source = _write(tmp_path, "# Review\n\nAll good.\n")
    result = cli("check", str(source), cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("blameless: error: rules.R508.patterns") and "Traceback" not in result.stderr


def test_documentation_addresses_and_loopback_are_left_alone():
    text = ("# Review\n\nThe client at 192.0.2.10 and 2001:db8::7 retried against 127.0.0.1 and ::1; "
            "mail went to oncall@example.com.\n")
    assert not _redaction(blameless.check(text, config=PUBLIC))
