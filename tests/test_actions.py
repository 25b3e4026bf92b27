"""Action-item rules (A2xx) beyond the rule-pack examples: the owner/date policy, where findings
sit, real-world item shapes (tables with varied headers, checkboxes, inline owner/due forms) and
the item limit."""
from __future__ import annotations

import textwrap

import pytest

import blameless
from blameless.readers.action_items import action_items, column_of
from blameless.readers.item_shapes import nobody_owner
from blameless.document import parse


def check(text: str, **config) -> list:
    cfg = blameless.Config(select=("A2",), **config)
    return blameless.check(textwrap.dedent(text).lstrip("\n"), config=cfg)


def rules_at(findings, line: int) -> set[str]:
    return {f.rule for f in findings if f.line == line}


# ---------------------------------------------------------------------------------------------
# Columns and item fields

@pytest.mark.parametrize("header,kind", [
    ("action", "action"), ("action item", "action"), ("task", "action"), ("description", "action"),
    ("owner", "owner"), ("assignee", "owner"), ("who", "owner"), ("dri", "owner"),
    ("due", "due"), ("due date", "due"), ("deadline", "due"), ("eta", "due"), ("target date", "due"),
    ("ticket", "ticket"), ("tracking bug", "ticket"), ("issue", "ticket"), ("link", "ticket"),
    ("status", "status"), ("priority", "priority"), ("success metric", "metric"),
    ("done when", "metric"), ("id", None), ("col1", None),
])
def test_column_headers(header, kind):
    assert column_of(header) == kind


def items_of(text: str):
    return action_items(parse(textwrap.dedent(text).lstrip("\n")))


def test_inline_owner_and_due_forms():
    items = items_of("""
        # Review

        ## Action items

        - Add a lag alert. Owner: @mira. Due: 2026-05-01. Done when: the alert fires in staging.
        - Pin the image digest (owner @joe, due 2026-05-02, P1)
        - Rotate the webhook secret — @kim, 2026-05-03
        - Split the worker pool. OWNER: lena@ (DONE)
        - Shard the sessions table ([#812](https://github.com/acme/infra/issues/812))
        - Move the cron jobs to the scheduler, tracked in OPS-1432
    """)
    assert [i.owner for i in items[:4]] == ["@mira", "@joe", "@kim", "lena@"]
    assert [i.dated for i in items[:3]] == [True, True, True]
    assert items[0].measurable
    assert items[3].done
    assert items[4].tracked and items[5].tracked
    assert items[5].tracker == "OPS-1432"
    assert not items[0].tracked


def test_table_with_varied_headers():
    items = items_of("""
        # Review

        ## Follow-up

        | # | Task | DRI | Target date | Tracking | State |
        |---|------|-----|-------------|----------|-------|
        | 1 | Add a lag alert | @ana | 2026-05-01 | | Open |
        | 2 | Pin the image digest | @raj | | PLAT-88 | In progress |
        | 3 | Roll back the base image | | | | Done |
    """)
    assert [i.action_text for i in items] == ["Add a lag alert", "Pin the image digest",
                                              "Roll back the base image"]
    assert items[0].owner == "@ana" and items[0].dated
    assert items[1].tracked and not items[1].dated
    assert items[2].done


def test_checkboxes():
    items = items_of("""
        # Review

        ## Action items

        - [x] Roll back the base image
        - [ ] Add a disk alert on the build hosts
    """)
    assert items[0].done and not items[1].done


def test_reader_fields_and_spans_of_a_table_row():
    (item,) = items_of("""
        # Review

        ## Action items

        | Action | Owner | Due | Ticket | Status | Success metric |
        |---|---|---|---|---|---|
        | Add a lag alert | @ana | 2026-05-01 | OPS-12 | Open | alert fires in staging |
    """)
    assert item.action_text == "Add a lag alert"
    assert (item.owner, item.due, item.tracker, item.status, item.metric) == (
        "@ana", "2026-05-01", "OPS-12", "Open", "alert fires in staging")
    assert item.tracked and item.measurable and item.dated and item.dated_meta and not item.done
    text = item.block.text
    for kind, value in item.cells.items():
        s, e = item.cell_spans[kind]
        assert text[s:e] == value
    assert text[slice(*item.owner_span)] == "@ana" and text[slice(*item.due_span)] == "2026-05-01"


def test_reader_leaves_placeholder_cells_empty():
    (item,) = items_of("""
        # Review

        ## Action items

        | Action | Owner | Due | Ticket | Status |
        |---|---|---|---|---|
        | Pin the image digest | n/a | | TBD | in progress |
    """)
    assert item.owner is None and item.owner_value == "n/a" and item.due is None
    assert item.tracker is None and not item.tracked
    assert item.status == "in progress" and not item.done


def test_reader_is_computed_once_per_document():
    document = parse("# Review\n\n## Action items\n\n- Add a disk alert.\n")
    assert action_items(document) is action_items(document)


@pytest.mark.parametrize("line,done", [
    ("- Add a disk alert (done)", True), ("- Add a disk alert — DONE", True),
    ("- Add a disk alert, status: fixed", True), ("- ~~Add a disk alert~~", True),
    ("- We added a disk alert", True), ("- Add a disk alert", False),
    ("- Add a disk alert when done", False),
])
def test_reader_done_marks(line, done):
    (item,) = items_of(f"# Review\n\n## Action items\n\n{line}\n")
    assert item.done is done


@pytest.mark.parametrize("value,kind", [
    ("TBD", "nobody"), ("unassigned", "nobody"), ("???", "nobody"), ("Platform team", "group"),
    ("whoever is on call", "group"), ("SRE", "group"), ("@kim", None), ("Kim Lee", None),
])
def test_owners_that_name_nobody(value, kind):
    assert nobody_owner(value) == kind


# ---------------------------------------------------------------------------------------------
# The owner/date policy

NO_OWNERS = """
    # Review

    ## Action items

    - Add a disk alert on the build hosts.
    - Pin the base image digest in the Dockerfile.
    - Make the backup job exit non-zero when the upload to object storage fails.
"""


def test_consistent_policy_reports_once_on_the_heading_when_no_item_names_any():
    found = [f for f in check(NO_OWNERS) if f.rule == "A206"]
    assert len(found) == 1
    finding = found[0]
    assert finding.line == 3 and finding.span.end_line == 3
    assert "none of the 3 action items" in finding.message.lower()
    assert "owner: @..." in finding.suggestion and "done when" in finding.suggestion


def test_always_policy_reports_each_item():
    found = [f for f in check(NO_OWNERS, owner_policy="always") if f.rule == "A206"]
    assert sorted(f.line for f in found) == [5, 6, 7]


def test_never_policy_reports_nothing():
    assert not [f for f in check(NO_OWNERS, owner_policy="never") if f.rule == "A206"]


def test_consistent_policy_flags_the_item_that_lacks_what_its_peers_have():
    found = check("""
        # Review

        ## Action items

        - Add a disk alert on the build hosts (owner @ana, due 2026-05-01)
        - Pin the base image digest in the Dockerfile
        - Rotate the webhook secret (owner @raj, due 2026-05-04)
    """)
    a206 = [f for f in found if f.rule == "A206"]
    assert [f.line for f in a206] == [6]
    assert "no owner and no due date" in a206[0].message
    assert "Pin the base image digest in the Dockerfile — owner: @..., due: YYYY-MM-DD" in a206[0].suggestion


def test_tracked_and_done_items_count_as_owned_and_dated():
    found = check("""
        # Review

        ## Action items

        - Add a disk alert on the build hosts (owner @ana, due 2026-05-01)
        - Pin the base image digest (#4471)
        - Shard the sessions table, see https://github.com/acme/infra/issues/812
        - Move the cron jobs (OPS-1432)
        - [x] Roll back the base image
    """)
    assert not [f for f in found if f.rule == "A206"]


def test_table_row_missing_a_date_is_flagged_on_its_line():
    found = check("""
        # Review

        ## Action items

        | Action | Owner | Due |
        |---|---|---|
        | Add a lag alert for the replica | @ana | 2026-05-01 |
        | Pin the base image digest | @raj | |
        | Roll back the base image | @raj | 2026-05-02 |
    """)
    assert [f.line for f in found if f.rule == "A206"] == [8]


def test_subsections_report_once_on_the_top_heading():
    found = check("""
        # Review

        ## Action items

        ### Process

        - Add a confirmation prompt to the DNS tool.

        ### Technical

        - Add a disk alert on the build hosts.
        - Pin the base image digest.
    """)
    a206 = [f for f in found if f.rule == "A206"]
    assert [f.line for f in a206] == [3]


def test_a_single_item_section_gets_the_heading_finding_and_the_item_its_own():
    found = check("""
        # Incident review

        ## Action items

        - Improve alerting.
    """)
    assert rules_at(found, 3) == {"A206"}
    assert rules_at(found, 5) == {"A201"}


# ---------------------------------------------------------------------------------------------
# Vague items, non-owners, non-dates: findings sit on the item's line

def test_table_findings_sit_on_their_rows():
    found = check("""
        # Review

        ## Action items

        | Action | Owner | Due |
        |---|---|---|
        | Be more careful with the schema tool | @ana | ASAP |
        | Improve dashboards | Storage team | |
        | Add a lock-timeout check to the migration runner | @raj | 2026-05-02 |
    """)
    assert rules_at(found, 7) >= {"A202", "A204"}
    assert rules_at(found, 8) >= {"A201", "A203"}
    assert not rules_at(found, 9)
    assert not rules_at(found, 3)


def test_an_investigation_with_an_owner_and_a_date_is_tracked_work():
    found = check("""
        # Review

        ## Action items

        - Investigate replica lag (owner @dana, due 2026-06-01)
        - Look into the pool exhaustion, tracked in PAY-1432
        - Investigate replica lag
    """)
    assert [f.line for f in found if f.rule == "A201"] == [7]


def test_a_parent_item_is_judged_by_the_sub_items_that_spell_it_out():
    found = check("""
        # Review

        ## Action items

        - Improve coverage of the health probes
            - Add a readiness probe to the ledger importer that fails when its queue is unreachable
            - Add a liveness probe on /healthz to the fax gateway
        - Improve the paging setup
            - Look into paging rules for the night shift
            - Page the storage on-call when the tape robot stops for 10 minutes
        - Improve the release notes
    """)
    # concrete sub-items make their parent concrete; one vague sub-item leaves it vague
    assert [f.line for f in found if f.rule == "A201"] == [8, 9, 11]


def test_a_quoted_commitment_is_not_the_write_ups_own():
    found = check("""
        # Review

        ## Discussion

        > wren [10:02]
        > we should consider pinning the codec library until the fix ships

        We will look into the codec upgrade path.
    """)
    assert [f.line for f in found if f.rule == "A201"] == [8]


def test_prioritizing_one_named_option_over_another_is_a_decision():
    found = check("""
        # Review

        ## Action items

        - Prioritize scheduled container jobs over Windows services for the label printers.
        - Prioritize stability over speed.
        - Prioritize the label printers.
    """)
    assert [f.line for f in found if f.rule == "A201"] == [6, 7]


def test_impossible_date():
    found = check("""
        # Review

        ## Action items

        - Add a canary stage. Owner: @kim. Due: 2026-02-30.
    """)
    a204 = [f for f in found if f.rule == "A204"]
    assert a204 and "2026-02-30" in a204[0].message


def test_done_items_are_left_alone():
    found = check("""
        # Review

        ## Action items

        | Action | Owner | Due | Status |
        |---|---|---|---|
        | Improve alerting | TBD | ASAP | Done |
    """)
    assert not found


def test_vague_suggestion_is_built_from_the_items_words():
    found = [f for f in check("""
        # Review

        ## Action items

        - Improve monitoring of the payment queue (owner @ana, due 2026-05-01)
    """) if f.rule == "A201"]
    assert found
    suggestion = found[0].suggestion
    assert "payment queue" in suggestion
    assert "owner: @ana" in suggestion and "due: 2026-05-01" in suggestion
    assert "done when:" in suggestion


def test_past_tense_items_are_done_work():
    found = check("""
        # Review

        ## Action items

        - We tweaked the registry pull limit on the nodes.
        - The service account permissions have been documented.
    """)
    assert not found


def test_prose_in_a_misnamed_section_is_not_an_item():
    found = check("""
        # Review

        ## Phishing prevention

        Receiving mail servers check these headers. In the end it is up to each user to be vigilant
        when clicking links in emails, which is why we publish guidance every quarter and keep
        improving the warning banners that our mail provider shows.

        We also rotated the DKIM keys.

        Mail providers decide how to present the warning.
    """)
    assert not found


# ---------------------------------------------------------------------------------------------
# The item limit

def _list_doc(n: int, done: int = 0) -> str:
    lines = [f"- Add alert {i} on queue depth above {i}00 (owner @ana, due 2026-05-01)"
             for i in range(1, n + 1)]
    lines += [f"- [x] Roll back change {i}" for i in range(done)]
    return "# Review\n\n## Action items\n\n" + "\n".join(lines) + "\n"


def test_more_than_ten_items_get_one_info_finding_on_the_heading():
    found = [f for f in blameless.check(_list_doc(11)) if f.rule == "A207"]
    assert len(found) == 1
    assert found[0].line == 3 and found[0].span.end_line == 3
    assert found[0].severity.value == "info"
    assert "11 open action items" in found[0].message


def test_ten_items_are_fine_and_done_items_do_not_count():
    assert not [f for f in blameless.check(_list_doc(10)) if f.rule == "A207"]
    assert not [f for f in blameless.check(_list_doc(10, done=4)) if f.rule == "A207"]


def test_the_limit_is_configurable():
    cfg = blameless.Config(max_action_items=3)
    assert [f for f in blameless.check(_list_doc(4), config=cfg) if f.rule == "A207"]
    assert not [f for f in blameless.check(_list_doc(3), config=cfg) if f.rule == "A207"]


# ---------------------------------------------------------------------------------------------
# Suppression works for document-level action rules

def test_suppression_comment():
    text = ("# Review\n\n## Action items\n\n<!-- blameless-disable-next-line A201 -->\n"
            "- Improve alerting.\n")
    assert not [f for f in blameless.check(text) if f.rule == "A201"]


@pytest.mark.parametrize("line,owner", [
    ("- Add a disk alert — Kim, 2026-05-01", "Kim"),
    ("- Add a disk alert (Kim Lee, 2026-05-01)", "Kim Lee"),
    ("- Add a disk alert. Owner Kim, due 2026-05-01.", "Kim"),
    ("- Upgrade the message broker — Kafka, 2026-05-01", None),
    ("- Add a disk alert — Done", None),
    ("- Add a disk alert — March 3", None),
])
def test_owner_named_without_a_label(line, owner):
    (item,) = items_of(f"# Review\n\n## Action items\n\n{line}\n")
    assert item.owner == owner


def test_named_owners_count_for_the_list():
    found = check("""
        # Review

        ## Action items

        - Add a disk alert on the build hosts — Ana, 2026-05-01
        - Pin the base image digest (Raj, 2026-05-03)
        - Move the build cache to its own volume
        """)
    assert rules_at(found, 3) == set()  # no "none of the items names an owner" on the heading
    assert "A206" in rules_at(found, 7)  # the one item without an owner, among items that have one


def test_every_a2_finding_is_rendered_from_its_rule_templates():
    """Every A2xx hit names a variant its rule has and fills every slot its templates name."""
    from blameless.checks.context import DocumentContext
    from blameless.checks.registry import HOOKS
    from blameless.registry import rule_set

    config = blameless.Config()
    rules = [r for r in rule_set() if r.id.startswith("A2")]
    hits = 0
    for rule in rules:
        for example in rule.flag:
            text = example.text if example.context == "document" else (
                f"# Review\n\n## Action items\n\n- {example.text}\n")
            for hit in HOOKS[rule.check](DocumentContext(parse(text), rule, config, {})):
                hits += 1
                assert hit.variant is None or hit.variant in rule.messages, (rule.id, hit.variant)
                rule.render(hit.variant, hit.slots)  # every slot the templates name is filled
    assert hits


# ---------------------------------------------------------------------------------------------
# Actions outside an action-item list (issue 11): judged for vagueness, never owners or dates

def test_a_commitment_in_prose_is_judged_for_vagueness_at_its_own_words():
    found = check("""
        # Review

        ## Root cause

        The cache filled up overnight. Going forward, we will look into
        the eviction settings of the cache.
        """)
    [hit] = [f for f in found if f.rule == "A201"]
    assert (hit.line, hit.column) == (5, 55)  # "look into", after "we will"
    assert "“look into”" in hit.message
    assert not {f.rule for f in found} & {"A203", "A204", "A206"}


def test_a_concrete_commitment_and_a_report_of_past_work_stay_clean():
    found = check("""
        # Review

        ## Root cause

        We will add an alert when the cache holds more than 90% of its memory for 5 minutes.
        To prevent this in the future, an eviction limit was added to the cache.
        In this post we'll look at what went wrong.
        """)
    assert found == []


def test_lessons_learned_items_are_actions_but_what_went_well_under_it_is_not():
    found = check("""
        # Review

        ## Lessons learned

        ### What went well

        - Better paging got the right person online in two minutes.

        ### What we will do differently

        - Better paging for the mail relay.
        - Add an alert when the mail relay queue holds more than 200 messages.
        """)
    assert [(f.rule, f.line) for f in found] == [("A201", 11)]


def test_a_bold_label_opens_a_list_of_actions_inside_another_section():
    found = check("""
        # Review

        ## Incident on 2026-03-02

        - **Resolution**:
          - Restarted the relay and drained the queue.
        - **Review actions**:
          - Look into the relay restarts.
          - Is the nightly backup the cause of the restarts
          - Pin the relay image to 3.2.1 in the deploy repository.
        """)
    assert [(f.rule, f.line) for f in found] == [("A201", 8), ("A205", 9)]


def test_a_bare_link_is_underlined_and_quoted_whole():
    text = textwrap.dedent("""
        # Review

        ## Action items

        - https://tracker.example.org/ops/issues/4417
        - Rotate the relay's signing key https://tracker.example.org/ops/issues/4418
        """).lstrip("\n")
    found = check(text)
    [link] = [f for f in found if f.rule == "A205"]
    assert text[link.span.start:link.span.end] == "https://tracker.example.org/ops/issues/4417"
    assert "(https://tracker.example.org/ops/issues/4417)" in link.suggestion
    [item] = [i for i in action_items(parse(text, path="x.md")) if i.block.line == 6]
    assert item.raw[item.action_span[0]:item.action_span[1]].endswith("issues/4418")


def test_a_question_with_its_ticket_is_tracked_work():
    found = check("""
        # Review

        ## Action items

        - Can we shard the sessions table? Tracked in PLAT-12.
        - Can we shard the events table?
        """)
    assert [(f.rule, f.line) for f in found if f.rule == "A205"] == [("A205", 6)]


def test_a_glossary_is_not_read_as_action_items():
    found = check("""
        # Review

        ## Glossary

        - **Alerting**: the pager rules that wake the on-call engineer.
        - **Better Uptime**: the status page vendor.
        - **Improved queue**: the queue service after the 2025 rewrite.

        ## Action items

        - Add an alert when the relay queue holds more than 200 messages (PLAT-9).
        """)
    assert found == []


@pytest.mark.parametrize("item,variant_words", [
    ("Workload isolation might be an option for the batch jobs.", "might be an option"),
    ("Move the nightly export to something more durable.", "something more durable"),
    ("Relay metrics and alerts", "Relay metrics and alerts"),
    ("Set up improved paging for the relay.", "Set up improved paging"),
])
def test_vague_is_judged_by_what_the_item_lacks(item, variant_words):
    [hit] = [f for f in check(f"# Review\n\n## Action items\n\n- {item}\n") if f.rule == "A201"]
    assert f"“{variant_words}”" in hit.message
    assert hit.line == 5 and hit.column == 3


def test_a_bold_label_followed_by_a_list_of_its_own_holds_actions_until_the_next_label():
    found = check("""
        # Review

        - **Review actions**:

        1. Look into the relay restarts.
        2. Pin the relay image to 3.2.1 in the deploy repository.

        - **Notes**:

        1. Look into the relay restarts happened at night.
        """)
    assert [(f.rule, f.line) for f in found] == [("A201", 5)]
