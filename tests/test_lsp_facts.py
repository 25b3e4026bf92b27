"""The real blameless-lsp over stdio: hovering a Timeline heading shows the incident facts."""
from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pygls.protocol import default_converter
from pygls.uris import from_fs_path
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

from conftest import EXAMPLES

LOOP = pytest.mark.asyncio(loop_scope="module")


def make_client() -> LanguageClient:
    client = LanguageClient(converter_factory=default_converter)
    register_lsp_features(client, {**DEFAULT_CLIENT_FEATURES,
                                   types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS: lambda *args: None,
                                   types.CLIENT_REGISTER_CAPABILITY: lambda *args: None})
    return client


CONFIG = ClientServerConfig(server_command=[sys.executable, "-m", "blameless_lsp"], client_factory=make_client)
CHECKOUT = (EXAMPLES / "checkout-migration.md").read_text(encoding="utf-8")


@pytest_lsp.fixture(scope="module", config=CONFIG)
async def client(lsp_client: LanguageClient):
    await lsp_client.initialize_session(types.InitializeParams(
        capabilities=client_capabilities("visual-studio-code"),
        initialization_options={"settings": {"enable": True}}))
    yield
    await lsp_client.shutdown_session()


async def _hover(client: LanguageClient, uri: str, line: int, character: int):
    return await asyncio.wait_for(client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri),
        position=types.Position(line=line, character=character))), 120)


@LOOP
async def test_hover_on_the_timeline_heading_shows_the_facts(client: LanguageClient, tmp_path: Path):
    uri = from_fs_path(str(tmp_path / "checkout.md"))
    client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(
        uri=uri, language_id="markdown", version=1, text=CHECKOUT)))
    heading = CHECKOUT.splitlines().index("## Timeline")
    hover = await _hover(client, uri, heading, 4)
    assert hover is not None and hover.contents.kind == types.MarkupKind.Markdown
    body = hover.contents.value
    assert "times in UTC" in body
    assert "| impact started | 2026-03-10T09:14Z | 25 |" in body
    assert "| detected | 2026-03-10T09:24Z | 28 |" in body
    assert "| time to mitigate min | 45 min |" in body
    assert hover.range.start == types.Position(line=heading, character=0)
    # elsewhere (a plain sentence with no finding): nothing
    summary = CHECKOUT.splitlines().index("## Summary") + 2
    assert await _hover(client, uri, summary + 2, 3) is None
