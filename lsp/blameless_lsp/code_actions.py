"""Code actions: the rule's fix, "disable for this line/file", and fix-all, built from a
document's last check."""
from __future__ import annotations

from typing import TYPE_CHECKING

import asyncio
import logging
from typing import Any

from lsprotocol import types

import blameless
from blameless.registry import rule_set

from .convert import (DISABLE_COMMENT, LineIndex, kind_wanted, line_edits, range_from_json)

log = logging.getLogger("blameless_lsp")

if TYPE_CHECKING:  # pragma: no cover
    from .server import BlamelessServer

from .errors_lsp import CONFIG_ERRORS

# -- code actions ------------------------------------------------------------------------------

def workspace_edit(ls: BlamelessServer, uri: str, version: int | None,
                    edits: list[types.TextEdit]) -> types.WorkspaceEdit:
    if ls._client_has("workspace", "workspace_edit", "document_changes"):
        return types.WorkspaceEdit(document_changes=[types.TextDocumentEdit(
            text_document=types.OptionalVersionedTextDocumentIdentifier(uri=uri, version=version),
            edits=edits)])
    return types.WorkspaceEdit(changes={uri: edits})


def edits_from(data: list) -> list[types.TextEdit] | None:
    edits = []
    for item in data:
        rng = range_from_json(item.get("range") if isinstance(item, dict) else None)
        if rng is None or not isinstance(item.get("newText"), str):
            return None
        edits.append(types.TextEdit(range=rng, new_text=item["newText"]))
    return edits


def overlaps(a: types.Range, b: types.Range) -> bool:
    a0, a1 = (a.start.line, a.start.character), (a.end.line, a.end.character)
    b0, b1 = (b.start.line, b.start.character), (b.end.line, b.end.character)
    return a0 <= b1 and b0 <= a1


def finding_actions(ls: BlamelessServer, uri: str, doc_version: int | None,
                     diagnostic: types.Diagnostic, only: Any) -> list[types.CodeAction]:
    data = diagnostic.data if isinstance(diagnostic.data, dict) else {}
    rule = data.get("rule") or (diagnostic.code if isinstance(diagnostic.code, str) else None)
    if not rule or rule == "config":
        return []
    version = data.get("version")
    if version is not None and version != doc_version:
        return []  # computed for an older text: its ranges no longer fit
    actions = []
    if kind_wanted(types.CodeActionKind.QuickFix.value, only):
        preferred_given = False
        for fix in data.get("fixes") or []:
            edits = edits_from(fix.get("edits") or [])
            if not edits:
                continue
            preferred = bool(fix.get("safe")) and not preferred_given
            preferred_given = preferred_given or preferred
            actions.append(types.CodeAction(
                title=f"{fix.get('title') or 'Apply fix'} ({rule})",
                kind=types.CodeActionKind.QuickFix, diagnostics=[diagnostic],
                is_preferred=preferred or None,
                edit=workspace_edit(ls, uri, doc_version, edits)))
        line = data.get("line", diagnostic.range.start.line)
        indent = data.get("indent", "")
        last = ls.results.get(uri)
        meta = last.rule(rule) if last is not None else rule_set().get(rule)
        if meta is not None and meta.document_level:
            # A finding about the whole document sits on line 1, where a next-line comment
            # would push it: disable the rule for the file instead.
            text = ls.workspace.get_text_document(uri).source
            eol = line_ending(ls, uri)
            comment = f"<!-- blameless-disable-file {rule} -->"
            if text.startswith(("---", "+++")):  # front matter must stay first: append instead
                insert = LineIndex(text, ls.workspace.position_encoding).end_position()
                new_text = ("" if text.endswith(("\n", "\r")) else eol) + comment + eol
            else:
                insert, new_text = types.Position(line=0, character=0), comment + eol
            actions.append(types.CodeAction(
                title=f"Disable {rule} for this file",
                kind=types.CodeActionKind.QuickFix, diagnostics=[diagnostic],
                edit=workspace_edit(ls, uri, doc_version, [types.TextEdit(
                    range=types.Range(start=insert, end=insert), new_text=new_text)])))
        elif isinstance(line, int) and isinstance(indent, str):
            comment = indent + DISABLE_COMMENT.format(rule=rule)
            insert = types.Position(line=line, character=0)
            actions.append(types.CodeAction(
                title=f"Disable {rule} for this line",
                kind=types.CodeActionKind.QuickFix, diagnostics=[diagnostic],
                edit=workspace_edit(ls, uri, doc_version, [types.TextEdit(
                    range=types.Range(start=insert, end=insert), new_text=comment + line_ending(ls, uri))])))
    return actions


def line_ending(ls: BlamelessServer, uri: str) -> str:
    text = ls.workspace.get_text_document(uri).source
    at = text.find("\n")
    return "\r\n" if at > 0 and text[at - 1] == "\r" else "\n"


async def resolve_fix_all(ls: BlamelessServer, action: types.CodeAction) -> types.CodeAction:
    data = action.data if isinstance(action.data, dict) else {}
    uri = data.get("uri")
    if not isinstance(uri, str) or not ls.is_open(uri):
        return action
    doc = ls.workspace.get_text_document(uri)
    version, text = doc.version, doc.source
    try:
        config = ls.config_for(uri)
    except CONFIG_ERRORS as err:
        ls.log_once(f"blameless-lsp: {err}")
        return action
    loop = asyncio.get_running_loop()
    fixed = await loop.run_in_executor(
        ls.checker, lambda: blameless.fix(text, path=doc.path, config=config))
    if fixed == text:
        return action
    index = LineIndex(text, ls.workspace.position_encoding)
    action.edit = workspace_edit(ls, uri, version, line_edits(text, fixed, index))
    return action


