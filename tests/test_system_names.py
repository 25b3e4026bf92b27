"""readers/system_names.py: names the document itself defines as systems."""
from __future__ import annotations

import pytest

from blameless.readers.system_names import declared_systems


@pytest.mark.parametrize("text", [
    "Pylon, our ingest gateway, rejected the batch.",
    "Pylon (the ingest gateway) rejected the batch.",
    "Pylon (our gateway for the EU tenants) rejected the batch.",
    "Pylon is our ingest gateway.",
    "Pylon was the staging gateway,\n  which rejected the batch.",
    "Requests reach a gateway called Pylon first.",
    "The ingest gateway (Pylon) rejected the batch.",
    "Traffic then moved to the ingest gateway Pylon.",
])
def test_a_definition_by_a_system_noun_makes_a_system(text):
    assert declared_systems([text]) == {"pylon"}


@pytest.mark.parametrize("text", [
    "Teodor, our on-call engineer, rejected the batch.",
    "Teodor is the database admin.",
    "Teodor, the engineer on the database, rejected the batch.",
    "We paged Teodor, the gateway and the proxy owners.",
    "Teodor, the gateway, and the cache were all named in the report.",
    "In the gateway, Teodor found the stale route.",
    "The gateway Teodor rebuilt rejected the batch.",
    "The gateway Teodor is rebuilding rejected the batch.",
    "Teodor is the gateway's owner.",
])
def test_a_person_or_an_ambiguous_shape_is_not_a_system(text):
    assert declared_systems([text]) == frozenset()


def test_a_long_run_of_spaces_stays_fast():
    import time

    text = "Pylon," + " " * 40000 + "the gateway." + ("Pylon " + " " * 2000) * 20
    start = time.perf_counter()
    declared_systems([text])
    assert time.perf_counter() - start < 1.0
