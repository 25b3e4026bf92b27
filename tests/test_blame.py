"""Blame checks end to end: suggestions built from the sentence, and no doubled findings."""
from __future__ import annotations

import blameless


def _findings(sentence: str, rule: str):
    text = f"# Incident review\n\n## Root cause\n\n{sentence}\n"
    return [f for f in blameless.check(text, config=blameless.Config(select=(rule,))) if f.rule == rule]


def test_lapse_suggestion_names_the_thing_that_lapsed():
    (hit,) = _findings("The release captain let the signing certificate expire.", "B101")
    assert "the signing certificate expired" in hit.suggestion


def test_skipped_step_after_bother_names_the_step():
    (hit,) = _findings("Imani didn't bother to run the linter.", "B101")
    assert "Running the linter" in hit.suggestion


def test_without_phrase_is_quoted_whole():
    (hit,) = _findings("Our DBA shipped the index change without a second pair of eyes.", "B101")
    assert "without a second pair of eyes" in hit.message


def test_passive_fault_suggestion_is_built_from_the_subject():
    (hit,) = _findings("The hotfix was merged by Tanvir without a review.", "B101")
    assert "The hotfix was merged" in hit.suggestion


def test_participle_of_a_past_form_is_not_doubled():
    (hit,) = _findings("The intern typo'd the hostname.", "B101")
    assert "typo'd" in hit.suggestion and "typo'ded" not in hit.suggestion


def test_self_blame_phrase_is_reported_once():
    assert len(_findings("I screwed up the rollout order.", "B106")) == 1


def test_system_reason_for_not_seeing_is_not_blame():
    assert not _findings("Noor did not see the errors because the log sampler dropped them.", "B101")
    assert _findings("Noor did not check the errors.", "B101")


def test_relative_clause_only_points_at_a_person():
    assert not _findings("The engineer who triggered the failover was quick to call for help.", "B101")
    assert _findings("It was Keiko who broke the nightly build.", "B101")


def test_passive_hindsight_sits_on_the_clause_and_names_the_verb():
    (hit,) = _findings("In the end this should have been caught in review.", "B107")
    assert (hit.line, hit.column) == (5, 12) and "should have been caught" in hit.message
    (hit,) = _findings("After the fix was ready, nothing was done for another two hours.", "B107")
    assert hit.column == 26 and "Nothing was done" in hit.message


def test_a_system_as_the_by_agent_is_a_missing_safeguard_not_blame():
    assert not _findings("This should have been caught by the schema linter.", "B107")
    assert not _findings("The page reached one person, so it could have been noticed sooner.", "B107")


def test_unawareness_faults_a_person_but_not_a_team_or_a_system():
    (hit,) = _findings("The engineer wasn't fully aware which account she was logged into.", "B108")
    assert hit.column == 1 and "The engineer" in hit.message
    assert not _findings("We were not aware of the connection limit.", "B108")
    assert not _findings("The scheduler is not aware of node taints.", "B108")
    (hit,) = _findings("Without being aware of the context, the apply was run against production.", "B108")
    assert hit.column == 1 and "Without being aware" in hit.message


def test_a_fault_noun_of_a_person_role_is_human_error():
    (hit,) = _findings("User misunderstanding of the release tag was one part of the problem.", "B102")
    assert hit.column == 1 and "User misunderstanding" in hit.message


def test_a_name_the_text_calls_a_system_is_no_person_anywhere_in_the_document():
    """An appositive, a parenthesis, a head noun before the name or a definition elsewhere make a
    capitalised name a system for every rule about people; a role noun keeps a name a person."""
    for sentence in ("Pylon, our ingest gateway, skipped the signature check.",
                     "Pylon (the ingest gateway) skipped the signature check.",
                     "Our ingest gateway Pylon skipped the signature check.",
                     "The ingest runs behind a gateway called Pylon. Pylon skipped the signature check.",
                     "Pylon is the gateway in front of ingest.\n\nPylon skipped the signature check."):
        assert not _findings(sentence, "B101"), sentence
    assert _findings("Pylon, our ingest engineer, skipped the signature check.", "B101")
    assert _findings("Teodor is our database admin.\n\nTeodor skipped the signature check.", "B101")


def test_a_name_after_a_system_noun_in_a_relative_clause_is_still_a_person():
    """'the queue Ines drained' is the queue that Ines drained: Ines stays a person."""
    assert _findings("The proxy that failed was the one Ines rebuilt after Ines skipped the review.", "B101")
    assert _findings("The queue Ines drained was full because Ines skipped the size check.", "B101")


def test_an_idiom_of_low_effort_judges_a_person_but_not_a_system_or_the_team_itself():
    """'cut corners', 'took shortcuts', 'skimped on' in the active voice (or the passive with a
    person as the by-agent) judge the person; said of a system, by 'we', negated or under a modal
    they do not."""
    (hit,) = _findings("Joaquim cut a few corners on the index rebuild.", "B104")
    assert "cut a few corners" in hit.message
    assert _findings("The vendor's DBA took shortcuts on the restore.", "B104")
    assert _findings("Corners were cut by the night operator.", "B104")
    for sentence in ("The compactor cut corners on checksum validation.",
                     "We cut corners on the index rebuild to meet the window.",
                     "Corners were cut on the index rebuild.",
                     "Joaquim never cut corners on the index rebuild.",
                     "Operators must not take shortcuts on the restore."):
        assert not _findings(sentence, "B104"), sentence
