"""Timeline rules (T3xx) end to end, and the timestamp reader on the shapes real timelines use."""
from __future__ import annotations

import pytest

import blameless
from blameless.readers.dates import leading_stamp, mentions_zone


def findings(text: str, *rules: str):
    config = blameless.Config(select=rules or ("timeline",))
    return [f for f in blameless.check(text, config=config) if f.category == "timeline"]


def doc(body: str, heading: str = "## Timeline (UTC)") -> str:
    return f"# Review\n\n{heading}\n\n{body}\n"


@pytest.mark.parametrize("text,kind,minutes", [
    ("09:12 Engineer A started the migration", "time", 9 * 60 + 12),
    ("[09:12] @kim restarted the pod", "time", 9 * 60 + 12),
    ("  09:12   bold markup blanked", "time", 9 * 60 + 12),
    ("~08:37 (approximate) escalated", "time", 8 * 60 + 37),
    ("ca. 17:45 launches dropped", "time", 17 * 60 + 45),
    ("± 23:30 UTC: an engineer starts", "time", 23 * 60 + 30),
    ("approx. 14:00 flag off", "time", 14 * 60),
    ("9:12 PM support reported", "time", 21 * 60 + 12),
    ("12:05 AM batch started", "time", 5),
    ("2026-02-12T09:47Z pool at 80%", "time", 9 * 60 + 47),
    ("July 11, 2025, 12:42 PM", "time", 12 * 60 + 42),
    ("07-27-2023 2:14 pm - a PR was approved", "time", 14 * 60 + 14),
    ("13:14 EDT (17:14 UTC): a user emailed", "time", 13 * 60 + 14),
    ("2026-01-04 the library was released", "date", None),
    ("T+5 min the canary alarm fired", "relative", None),
    ("HH:mm the pipeline paused", "placeholder", None),
    ("??:?? support called", "placeholder", None),
    ("--:-- pods surged", "placeholder", None),
    ("XX:XX the cache", "placeholder", None),
    ("[???] disk IOPS peaked", "placeholder", None),
    ("[time] the certificate", "placeholder", None),
    ("At some point the storage team joined", "vague", None),
    ("Later, the on-call noticed", "vague", None),
    ("Eventually someone restarted it", "vague", None),
    ("Shortly after, errors dropped", "vague", None),
    ("Sometime in the evening the feature flag flipped", "vague", None),
    ("Around lunchtime the deploy went out", "vague", None),
    ("Around noon the vendor called", "vague", None),
    ("Shortly before midnight the job stalled", "vague", None),
    ("The next morning the fix shipped", "vague", None),
    ("Not long afterwards the queue drained", "vague", None),
    ("In the early hours the batch job crashed", "vague", None),
])
def test_leading_stamp_shapes(text, kind, minutes):
    stamp = leading_stamp(text)
    assert stamp is not None and stamp.kind == kind
    if minutes is not None:
        assert stamp.minutes == minutes


@pytest.mark.parametrize("text", ["The storage team joined", "3.4 thousand uploads stalled",
                                  "Latency rose sharply", "10 minutes later the pods restarted",
                                  "Noon traffic peaked at 4k rps", "Next, the team split up"])
def test_no_stamp(text):
    assert leading_stamp(text) is None


@pytest.mark.parametrize("text,zone", [
    ("All times in IST", True), ("Time (UTC)", True), ("All times in CEST (UTC+2)", True),
    ("09:47Z", True), ("7:09 AM Eastern", True), ("times shown in US/Pacific", True),
    ("at the same time", False), ("the test passed", False), ("Timeline", False),
])
def test_mentions_zone(text, zone):
    assert mentions_zone(text) is zone


def test_judgement_about_a_person_is_reported_once_as_timeline():
    text = doc("- 16:48 Bruno stupidly tried to rotate the key by hand.")
    every = blameless.check(text)
    assert [f.rule for f in every if f.line == 5] == ["T301"]
    finding = next(f for f in every if f.rule == "T301")
    assert "Bruno" in finding.message and "16:48" not in finding.message
    assert "“16:48 Bruno tried to rotate the key by hand.”" in finding.suggestion


def test_removal_fix_keeps_the_entry_readable():
    text = doc("- 18:30 Unfortunately the failover stalled too.")
    assert blameless.fix(text) == doc("- 18:30 The failover stalled too.")


def test_no_fix_where_the_sentence_needs_the_word():
    [finding] = findings(doc("- 13:15 We wasted an hour tailing logs from the wrong region."), "T301")
    assert not finding.fixes


def test_names_as_actors_are_clean():
    assert not findings(doc("- 08:02 Rosa acknowledged the page.\n- 08:09 Rosa paged Tomek."))


def test_intro_and_continuation_paragraphs_need_no_time():
    body = ("All times are UTC.\n\n**± 23:30 UTC:** an engineer starts a base backup.\n\n"
            "Later the engineer sees that the data directory is empty.\n\n"
            "- 23:50 The backup is cancelled.\n\n  It had copied nothing.\n")
    assert not findings(doc(body, "## Timeline"), "T303")


def test_each_placeholder_is_reported_on_its_own_line():
    rows = "\n".join(f"| 2026-01-0{d} HH:mm | Step {d} |" for d in range(1, 6))
    text = doc("| Time | Event |\n|---|---|\n" + rows)
    found = findings(text, "T303")
    first = text.splitlines().index("| 2026-01-01 HH:mm | Step 1 |") + 1
    assert [f.line for f in found] == list(range(first, first + 5))
    assert all(f.column == 3 for f in found)
    assert "more" not in found[0].message


def test_unknown_parts_of_a_time_in_every_shape():
    body = "\n".join(["- 2025-11-?? ??:?? Vendor confirmed.", "- 2026-02-11 14:?? Drained.",
                      "- 2026-02-11 10:41-10:?? Migration ran.", "- 1X:XX Lag cleared.",
                      "- 15:02 (maybe earlier?) Support saw errors.",
                      "- Replica promoted 2026-02-11 (time TBC)", "- 15:30 Recovered."])
    found = findings(doc(body), "T303")
    assert [f.line for f in found] == [5, 6, 7, 8, 9, 10]
    assert "10:41-10:??" in found[2].message
    assert "(maybe earlier?)" in found[4].message and found[4].column == 9


def test_day_rollover_and_dates_are_not_out_of_order():
    body = ("- 23:50 Batch started.\n- 00:10 Batch failed.\n- 2026-02-13 01:00 Retry started.\n"
            "- 2026-02-14 Fix released.")
    assert not findings(doc(body), "T304")


def test_twelve_hour_clock_without_am_pm():
    body = "### 12:50\n\nAlert fired.\n\n### 1:05\n\nRollback started.\n\n### 1:20\n\nRecovered."
    assert not findings(doc(body), "T304")


def test_only_the_odd_entry_is_out_of_order():
    body = "\n".join(["- 22:40 Account suspended.", "- 22:06 Team observed it.",
                      "- 22:07 Team called the admin.", "- 22:08 Okta locked."])
    [finding] = findings(doc(body), "T304")
    assert finding.line == 5


def test_a_block_with_a_wrong_date_is_reported_once():
    body = "\n".join(["- [03-26 17:40] Upgrade started.", "- [03-26 23:04] Node drained.",
                      "- [03-26 02:50] Outage reported.", "- [03-26 05:16] Reported again.",
                      "- [03-26 08:10] Fix deployed."])
    [finding] = findings(doc(body), "T304")
    assert finding.line == 7


def test_zone_stated_elsewhere_in_the_document():
    text = "# Review\n\n## Summary\n\nFrom 09:47 to 11:32 UTC the API failed.\n\n## Timeline\n\n- 09:47 Pool saturated.\n"
    assert not findings(text, "T305")
    text = "# Review\n\n## Timeline\n\n- 09:47 Pool saturated.\n"
    [finding] = findings(text, "T305")
    assert finding.line == 3 and finding.severity.value == "info"


def test_gap_of_exactly_the_limit_is_fine_and_config_changes_it():
    body = "\n".join(["- 09:20 Alert fired.", "- 09:24 Kim acknowledged the page.",
                      "- 09:31 Kim opened the dashboard.", "- 10:01 Kim rolled back.",
                      "- 10:06 Error rate returned to normal."])
    assert not findings(doc(body), "T306")
    config = blameless.Config(select=("T306",), timeline_gap_minutes=20)
    assert [f.line for f in blameless.check(doc(body), config=config)] == [8]


def test_multi_day_timelines_have_no_gaps():
    body = ("### 2026-03-01\n\n- 09:00 Alert fired.\n- 09:05 Paged.\n- 09:10 Investigating.\n\n"
            "### 2026-03-02\n\n- 14:00 Fix shipped.\n- 14:05 Recovered.")
    assert not findings(doc(body), "T306")


def test_placeholder_words_are_not_an_estimate_note():
    """'TBD' is the placeholder itself, not a note that marks an estimate beside it."""
    doc = "# Review\n\n## Timeline (UTC)\n\n- TBD Traffic moved to the standby region.\n"
    assert any(f.rule == "T303" for f in blameless.check(doc))
    noted = "# Review\n\n## Timeline (UTC)\n\n- XX:XX (time unknown) Traffic moved.\n"
    assert any(f.rule == "T303" for f in blameless.check(noted))  # still no time
    estimate = "# Review\n\n## Timeline (UTC)\n\n- ~09:50 (approximate) Traffic moved.\n"
    assert not any(f.rule == "T303" for f in blameless.check(estimate))


@pytest.mark.parametrize("entry,flagged", [
    ("09:12 Strangely, the replica accepted writes.", True),
    ("09:12 The replica was behaving strangely after the upgrade.", False),
    ("09:12 We wasted forty minutes on the proxy logs.", True),
    ("09:12 The allocator left 2 GB of wasted memory per node.", False),
    ("09:12 The error was clearly visible in the proxy logs.", False),
    ("09:12 Clearly the proxy was at fault.", True),
])
def test_editorial_words_in_context(entry, flagged):
    doc = f"# Review\n\n## Timeline (UTC)\n\n- {entry}\n"
    assert any(f.rule == "T301" for f in blameless.check(doc)) is flagged


def test_a_judgement_in_a_table_row_names_the_actor_column():
    text = doc("| Time | Actor | Event |\n|---|---|---|\n| 09:00 | Lee | reckless restart of the pool |")
    [finding] = findings(text, "T301")
    assert finding.message.startswith("“reckless” judges Lee;")


def test_failed_to_with_a_care_verb_of_the_blame_lexicon_judges_the_person():
    [finding] = findings(doc("- 09:00 Priya failed to confirm the rollback."), "T302")
    assert finding.message.startswith("“failed” judges Priya;")
    assert "when the signal reached Priya" in finding.suggestion
    assert not findings(doc("- 09:00 The deploy failed to start."), "T302")


def _template_regex(template: str):
    import re
    import string

    parts = [re.escape(literal) + ("(.+?)" if name is not None else "")
             for literal, name, _, _ in string.Formatter().parse(template)]
    return re.compile("".join(parts) + r"\Z", re.S)


def test_timeline_messages_and_suggestions_come_from_the_rule_templates():
    from blameless.rules import load_rules
    from conftest import example_document

    rules = {r.id: r for r in load_rules() if r.category == "timeline"}
    seen = 0
    for rule in rules.values():
        for example in rule.flag:
            text, _ = example_document(example.text, example.context)
            for f in findings(text):
                owner = rules[f.rule]
                variants = [None, *owner.messages]
                assert any(_template_regex(owner.message_template(v)).match(f.message)
                           and _template_regex(owner.suggestion_template(v)).match(f.suggestion)
                           for v in variants), (f.rule, f.message, f.suggestion)
                seen += 1
    assert seen >= 40


def test_a_relative_time_that_steps_back_names_the_entry_it_follows():
    body = "- T+0 Deploy started.\n- T+12 min Rollback completed.\n- T+5 min Canary alarm fired."
    [finding] = findings(doc(body), "T304")
    assert finding.message == "Entry “T+5 min” is out of chronological order (after “T+12 min”)"


def test_a_capitalised_judgement_word_is_not_read_as_the_person():
    text = doc("| Time | Actor | Event |\n|---|---|---|\n| 10:15 | Sam | Carelessly deleted the staging bucket |")
    [finding] = findings(text, "T301")
    assert finding.message.startswith("“Carelessly” judges Sam;")
