"""Structure rules (S4xx) beyond the rule-pack examples: where findings sit (line 1 for the
document, the words for prose), which documents count as postmortems, and configuration."""
from __future__ import annotations

import textwrap

import blameless


def check(text: str, **config) -> list:
    cfg = blameless.Config(select=("S4",), **config)
    return blameless.check(textwrap.dedent(text).lstrip("\n"), config=cfg)


FULL = """
    # Postmortem: webhook delays

    ## Summary

    Webhooks were delayed for 20 minutes.

    ## Impact

    1,400 webhooks were delayed by up to 20 minutes.

    ## Timeline

    - 09:00 The signing token expired.

    ## Contributing factors

    No alert watched the token's expiry.

    ## What went well

    The retry queue kept every webhook.

    ## Action items

    - Alert 14 days before a token expires.
"""


def test_a_complete_postmortem_is_clean():
    assert not check(FULL)


def test_snippets_get_no_structure_findings():
    assert not check("# Incident review\n\n## Root cause\n\nThe worker pool was too small.\n")
    assert not check("# Incident review\n\n## Action items\n\n- Improve alerting.\n")
    assert not check("Some customers were affected.\n")


def test_missing_sections_one_finding_on_line_1():
    text = FULL.replace("    ## What went well\n\n    The retry queue kept every webhook.\n\n", "")
    found = check(text)
    assert [f.rule for f in found] == ["S401"]
    finding = found[0]
    assert finding.line == 1 and finding.span.end_line == 1 and finding.column == 1
    assert "What went well" in finding.message
    assert finding.severity.value == "info"


def test_root_cause_or_contributing_factors_satisfies_either():
    text = FULL.replace("## Contributing factors", "## Root cause")
    assert not check(text)
    text = FULL.replace("    ## Contributing factors\n\n    No alert watched the token's expiry.\n\n", "")
    found = check(text)
    assert len(found) == 1 and "Root cause" in found[0].message
    assert found[0].severity.value == "warning"  # a missing cause is a real gap


def test_listing_every_missing_section():
    found = check("""
        # Postmortem

        ## Summary

        The queue backed up for 40 minutes.

        ## Timeline

        - 10:02 Queue depth alert fired.

        ## Notes

        Nothing else.
    """)
    assert len(found) == 1
    for name in ("Impact", "Root cause", "What went well", "Action items"):
        assert name in found[0].message


def test_required_sections_are_configurable():
    text = FULL.replace("    ## What went well\n\n    The retry queue kept every webhook.\n\n", "")
    assert not check(text, required_sections=("summary", "impact", "timeline", "action_items"))


def test_an_opening_paragraph_counts_as_the_summary():
    text = FULL.replace("    ## Summary\n\n", "")
    text = text.replace("Webhooks were delayed for 20 minutes.",
                        "On 3 March the webhook sender stopped signing requests after its token "
                        "expired, and receivers rejected every webhook for twenty minutes.")
    assert not check(text)


# ---------------------------------------------------------------------------------------------
# S402

def test_unquantified_impact_sits_on_the_vague_words():
    text = FULL.replace("1,400 webhooks were delayed by up to 20 minutes.",
                        "A few merchants saw delays; some revenue never arrived.")
    found = [f for f in check(text) if f.rule == "S402"]
    assert len(found) == 1
    assert found[0].line == 9 and found[0].span.end_line == 9
    assert "A few merchants" in found[0].message and "some revenue" in found[0].message


def test_any_number_in_the_impact_section_quantifies_it():
    text = FULL.replace("1,400 webhooks were delayed by up to 20 minutes.",
                        "Some merchants saw delays.\n\n- Delayed webhooks: 1,400")
    assert not [f for f in check(text) if f.rule == "S402"]


def test_impact_sentences_in_the_summary():
    found = [f for f in check("""
        # Review

        ## Summary

        The search cluster ran out of heap and some customers could not search. Many small
        batches were merged by the compactor.

        ## Timeline

        - 10:00 Heap alert fired.
    """) if f.rule == "S402"]
    assert [f.line for f in found] == [5]
    assert "some customers" in found[0].message


# ---------------------------------------------------------------------------------------------
# S403

def test_placeholders_anywhere_in_prose():
    found = check("""
        # [Incident Title]

        ## Summary

        On YYYY-MM-DD the service was down for [X minutes].

        | Field | Value |
        |---|---|
        | Detection | TBD |
    """)
    lines = sorted(f.line for f in found if f.rule == "S403")
    assert lines == [1, 5, 5, 9]


def test_code_html_links_and_footnotes_are_not_placeholders():
    found = check("""
        # Review

        ## Summary

        Set `start: YYYY-MM-DD` in the job; see [the PR](https://example.com/pr/1) and note [1].
        Use <br> in tables. The TBD flag is a real feature flag name.
    """)
    assert not [f for f in found if f.rule == "S403"]


def test_time_placeholders_in_a_timeline_are_left_to_the_timeline_rules():
    found = check("""
        # Review

        ## Timeline

        - HH:MM Alert fired.
    """)
    assert not [f for f in found if f.rule == "S403"]


def test_people_counted_by_what_they_do_are_unquantified_impact():
    found = check("""
        # Review

        ## Impact

        Some shoppers saw empty baskets.

        Several containers were rescheduled.
        """)
    [hit] = [f for f in found if f.rule == "S402"]
    assert (hit.line, hit.column) == (5, 1) and "Some shoppers" in hit.message


def test_mustache_placeholders_are_template_text_outside_code():
    found = check("# Review\n\nThe outage began when {{ trigger }} shipped; `{{ .Values.tag }}` is fine.\n")
    [hit] = [f for f in found if f.rule == "S403"]
    assert (hit.line, hit.column) == (3, 23) and "{{ trigger }}" in hit.message
