"""The Markdown and plain-text document model: sections, blocks and exact offsets."""
from __future__ import annotations

from blameless.document import parse
from blameless.sections import classify_heading


def test_headings_are_classified_by_synonym():
    cases = {
        "Root Cause Analysis": "root_cause", "Why it happened": "root_cause", "5 Whys": "root_cause",
        "Timeline (UTC)": "timeline", "Chronology": "timeline", "Action items": "action_items",
        "Remediation": "action_items", "Follow-up": "action_items", "Next steps": "action_items",
        "Corrective actions": "action_items", "What went well": "what_went_well",
        "Executive Summary": "summary", "Customer impact": "impact",
        "Contributing Factors": "contributing_factors", "Appendix": None,
        "Follow-up timeline (times in BST)": "timeline", "Prevention": "action_items",
        "Anti-impersonation email prevention": None, "Root cause and remediation": "root_cause",
    }
    for title, kind in cases.items():
        assert classify_heading(title) == kind, title


def test_blocks_carry_exact_offsets_and_table_cells():
    text = ("# T\n\n## Timeline\n\n| Time | Actor | Event |\n|---|---|---|\n"
            "| 09:12 | Dave | Ran the **migration** |\n\n## Action items\n\n- [ ] Add `x` alert\n")
    doc = parse(text)
    row = next(b for b in doc.blocks if b.kind == "table_row")
    assert row.section.kind == "timeline" and row.line == 7
    assert [c.header for c in row.cells] == ["time", "actor", "event"]
    event = row.cell("event")
    assert event.text_of(row) == "Ran the   migration"  # emphasis blanked, offsets kept
    start = row.doc_offset(event.start)
    assert text[start:start + 3] == "Ran"
    item = next(b for b in doc.blocks if b.kind == "list_item")
    assert item.checkbox == " " and item.section.kind == "action_items"
    assert item.text.startswith("Add X   alert")
    assert text[item.start:item.start + 3] == "Add"


def test_subheadings_inherit_their_section():
    doc = parse("## Timeline\n\n### 09:12 Deploy\n\nThe deploy began.\n\n## Notes\n\nText.\n")
    kinds = [(b.kind, b.section.kind) for b in doc.blocks]
    assert ("heading", "timeline") in kinds and ("paragraph", "timeline") in kinds
    assert kinds[-1] == ("paragraph", "other")


def test_code_html_and_front_matter_are_not_blocks():
    doc = parse("+++\ntitle = 'x'\n+++\n\n<div>Human error</div>\n\n```\ncode\n```\n\n    indented\n")
    assert doc.blocks == []


def test_plain_text_paragraphs_lists_and_headings():
    doc = parse("Timeline:\n- 09:12 deploy\n- 09:20 alert\n\nRoot cause\n\nA bad config.\n",
                path="pm.txt")
    assert [(b.kind, b.section.kind) for b in doc.blocks] == [
        ("list_item", "timeline"), ("list_item", "timeline"), ("paragraph", "root_cause")]
    assert doc.blocks[0].raw == "09:12 deploy"


def test_parsing_by_section_gives_the_same_blocks_as_parsing_whole(monkeypatch):
    """Sections are parsed (and cached) separately; fences and comments must not be split."""
    import blameless.markdown_reader as reader

    text = ("# Title\n\nIntro\n===\n\n- item one\n## Timeline\n\n```sh\n# not a heading\n```\n\n"
            "<!--\n# not a heading either\n-->\n\n| Time | Event |\n|---|---|\n| 09:12 | Deploy |\n"
            "### 09:20\nNarrative **line**  \nafter a hard break\n~~~\n## still code\n~~~\n#no-space\n")
    chunked = parse(text)
    monkeypatch.setattr(reader, "markdown_tokens",
                        lambda source: [(0, t) for t in reader.MARKDOWN.parse(source)])
    whole = parse(text)
    assert [(b.kind, b.line, b.raw, b.section.kind) for b in chunked.blocks] == \
           [(b.kind, b.line, b.raw, b.section.kind) for b in whole.blocks]
    assert [s.title for s in chunked.sections] == [s.title for s in whole.sections]
    assert "# not a heading" not in [s.title for s in chunked.sections]


def test_only_html_comments_are_suppressions_not_code_or_front_matter():
    doc = parse("---\nnote: <!-- blameless-disable-file -->\n---\n\n# T\n\n"
                "Use `<!-- blameless-disable B101 -->` like this.\n\n"
                "```\n<!-- blameless-disable-line -->\n```\n\n"
                "<!-- blameless-disable-next-line B104 -->\nText. <!-- blameless-disable-line B1 -->\n")
    assert [(s.action, sorted(s.rules), s.line) for s in doc.suppressions] == [
        ("disable-next-line", ["B104"], 13), ("disable-line", ["B1"], 14)]


def test_table_cells_with_escaped_pipes_keep_their_text():
    text = ("## Timeline (UTC)\n\n| Time | Event |\n|---|---|\n"
            "| 09:13 | Restarted the cache \\| the CDN | \n")
    row = next(b for b in parse(text).blocks if b.kind == "table_row")
    event = row.cell("event")
    assert row.raw[event.start:event.end] == "Restarted the cache \\| the CDN"
    assert event.text_of(row) == "Restarted the cache  | the CDN"


def test_sections_form_a_tree_with_parent_links():
    doc = parse("# Review\n\n## Action items\n\n### Short term\n\n- Add a canary\n\n## Timeline\n\n- 10:00 x\n")
    by_title = {s.title: s for s in doc.sections}
    assert doc.parent_of(by_title["Short term"]) is by_title["Action items"]
    assert doc.parent_of(by_title["Action items"]) is by_title["Review"]
    assert doc.parent_of(by_title["Timeline"]) is by_title["Review"]
    assert doc.parent_of(by_title["Review"]).level == 0  # the preamble
    assert by_title["Short term"].kind == "action_items"  # a subsection inherits the kind


def test_a_follow_up_subsection_of_a_timeline_is_timeline_but_alone_is_action_items():
    nested = parse("# R\n\n## Timeline\n\n- 09:12 Start.\n\n### Follow-up\n\n- 2026-04-10 Patch.\n")
    assert [s.kind for s in nested.sections if s.title == "Follow-up"] == ["timeline"]
    alone = parse("# R\n\n## Timeline\n\n- 09:12 Start.\n\n## Follow-up\n\n- Add an alert.\n")
    assert [s.kind for s in alone.sections if s.title == "Follow-up"] == ["action_items"]


def test_template_text_in_angle_brackets_is_a_block_and_real_html_is_not():
    """CommonMark reads "<next step>" as an HTML block (an unknown tag with an attribute); it is
    template text, so it stays a block for the checks. Known tags, comments, closing tags and
    tags with attributes are HTML and make no block."""
    source = ("# Review\n\n## Action items\n\n- <next step>\n- <Assignee>: <follow-up task>\n"
              "\n<Summary of the fix goes here>\n\n<details open>\n<summary>Notes</summary>\n\n"
              "The relay logged retries.\n</details>\n\n<br>\n\n<!-- blameless-disable A201 -->\n\n"
              '<img src="graph.png">\n\n<details open>\n')
    blocks = [(b.kind, b.raw) for b in parse(source, path="pm.md").blocks if b.kind != "heading"]
    assert blocks == [("list_item", "<next step>"), ("list_item", "<Assignee>: <follow-up task>"),
                      ("paragraph", "<Summary of the fix goes here>"),
                      ("paragraph", "The relay logged retries.")]
