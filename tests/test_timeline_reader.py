"""The timeline reader (blameless.readers.timeline): which blocks are entries, and what each
entry carries (time, date, estimate mark, actor, text, spans)."""
from __future__ import annotations

from blameless.document import parse
from blameless.readers.timeline import timelines


def read(body: str, heading: str = "## Timeline (UTC)", after: str = ""):
    document = parse(f"# Review\n\n{heading}\n\n{body}\n{after}")
    return document, timelines(document)


def test_list_items_are_entries_with_time_and_text():
    _, [timeline] = read("- 09:12 Release 4.2 started.\n- 09:40 Kim rolled back release 4.2.")
    first, second = timeline.entries
    assert (first.time, second.time) == (9 * 60 + 12, 9 * 60 + 40)
    assert first.text == "09:12 Release 4.2 started."
    assert first.written_stamp == "09:12" and first.actor is None


def test_table_rows_read_the_time_column_the_event_and_the_actor():
    document, [timeline] = read("| Time | Actor | Event |\n|---|---|---|\n"
                                "| 09:12 | Deploy bot | Release 4.2 started |\n"
                                "|  | Kim | Paged the storage team |")
    started, paged = timeline.entries
    assert started.time == 9 * 60 + 12
    assert started.text == "Deploy bot"  # the first cell after the time that has text
    assert (started.actor, paged.actor) == ("Deploy bot", "Kim")
    assert paged.stamp is None and paged.stamp_text.strip() == ""
    start, end = started.doc_span()
    assert document.source[start:end] == "09:12"


def test_a_table_without_a_time_header_is_a_timeline_when_most_rows_open_with_a_time():
    _, [timeline] = read("| When it happened | What |\n|---|---|\n| x | y |", heading="## Timeline")
    assert len(timeline.entries) == 1  # "when" names a time column
    _, [timeline] = read("| Step | Event |\n|---|---|\n| 09:12 | Started |\n| 09:20 | Paged |")
    assert [e.time for e in timeline.entries] == [9 * 60 + 12, 9 * 60 + 20]
    _, [timeline] = read("| Step | Event |\n|---|---|\n| one | Started |\n| two | Paged |")
    assert timeline.entries == []


def test_time_headings_are_entries_and_mark_the_paragraphs_under_them():
    _, [timeline] = read("### 09:12\n\nRelease 4.2 started.\n\n### Aftermath\n\nWe met.")
    kinds = [(e.block.kind, e.under_time_heading) for e in timeline.entries]
    assert kinds == [("heading", False), ("paragraph", True), ("heading", False), ("paragraph", False)]


def test_each_line_of_a_paragraph_that_opens_with_a_time_is_an_entry():
    _, [timeline] = read("09:12 Release started.\n09:20 Alert fired.\nIt paged Kim.")
    assert [e.time for e in timeline.entries] == [9 * 60 + 12, 9 * 60 + 20]
    assert timeline.entries[1].text == "09:20 Alert fired."


def test_dates_carry_down_and_fill_a_missing_year():
    _, [timeline] = read("### 2026-02-11\n\n- 22:30 Migration started.\n\n### Feb 12\n\n- 01:15 Finished.")
    dates = [e.date for e in timeline.entries]
    assert dates == [(2026, 2, 11), (2026, 2, 11), (2026, 2, 12), (2026, 2, 12)]


def test_estimates_are_marked_by_the_stamp_or_a_note_beside_a_placeholder():
    _, [timeline] = read("- ~08:37 (approximate) Escalated.\n- XX:XX (not sure) Paged.\n"
                         "- TBD Traffic moved.\n- 09:55 Recovered.")
    assert [e.approximate for e in timeline.entries] == [True, True, False, False]


def test_sub_sections_belong_to_the_timeline_and_the_next_section_ends_it():
    _, [timeline] = read("### Day one\n\n- 09:12 Started.", after="\n## Root cause\n\n- 10:00 Not an entry.\n")
    assert [s.title for s in timeline.sections] == ["Timeline (UTC)", "Day one"]
    assert all(e.block.section.kind == "timeline" for e in timeline.entries)
    assert len(timeline.entries) == 2  # the "Day one" heading and its item


def test_a_document_is_read_once():
    document, found = read("- 09:12 Started.")
    assert timelines(document) is found
    assert timelines(parse("# Review\n\n## Summary\n\nNothing here.\n")) == []


def test_a_follow_up_sub_section_of_a_timeline_holds_entries():
    _, [timeline] = read("- 09:12 Started.\n\n### Follow-up\n\n- 2026-03-04 10:00 Patch shipped.",
                         after="\n## Action items\n\n- Add a canary.\n")
    assert [s.title for s in timeline.sections] == ["Timeline (UTC)", "Follow-up"]
    assert [e.time for e in timeline.entries if e.block.kind == "list_item"] == [9 * 60 + 12, 10 * 60]


def test_a_key_events_list_is_a_timeline():
    document = parse("# Incident on 2026-03-04\n\n- **Key events**\n  - First detected 2026-03-03 (time TBC)\n"
                     "  - Incident declared: 2026-03-04 08:56\n- **Impact**: none\n")
    [timeline] = timelines(document)
    assert [e.text for e in timeline.entries] == ["First detected 2026-03-03 (time TBC)",
                                                  "Incident declared: 2026-03-04 08:56"]


def test_date_headings_and_sections_of_timed_entries_are_timelines():
    document = parse("# Review\n\n## What happened\n\n- 09:12 Started.\n- 09:20 Paged.\n- Escalated.\n"
                     "- 09:40 Recovered.\n\n## July 22\n\n- 10:00 Patched.\n\n## Root cause\n\n"
                     "A full disk. 09:00 was the first sign.\n")
    found = timelines(document)
    assert [t.heading.title for t in found] == ["What happened", "July 22"]
    assert [e.time for e in found[1].entries] == [10 * 60]
