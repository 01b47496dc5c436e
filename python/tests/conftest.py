"""Shared paths: the repository's fixtures (real records, provenance in fixtures/README.md)."""

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "fixtures"
SEEDS = FIXTURES / "seeds"
CLASSIC = SEEDS / "NCT00479934.txt"
VEEVA = SEEDS / "NCT06722105.txt"
#: The retired API v1 search page: 100 studies about COVID-19.
V1_PAGE = FIXTURES / "corpus" / "ctgov-api-v1" / "covid-19-search.json"


@pytest.fixture(scope="session")
def v1_page() -> dict:
    import json

    return json.loads(V1_PAGE.read_text(encoding="utf-8"))["FullStudiesResponse"]
