"""parse, parse_all, schema and the module's constants, on the seeds and corpus records."""

import json
import re
from pathlib import Path

import pytest
import trialnorm

from conftest import CLASSIC, FIXTURES, ROOT, V1_PAGE, VEEVA


def test_the_classic_seed_page_reads_as_the_page_says():
    r = trialnorm.parse(CLASSIC)
    assert r["source"]["format"] == "ctgov-classic-text"
    assert r["source"]["registry"] == "CTGOV"
    assert r["ids"]["nct_id"] == "NCT00479934"
    assert r["ids"]["org_study_id"] == "CHUBX 2006/05"
    assert r["titles"]["acronym"] == "SCLEROGLIVEC"
    assert r["status"]["overall"] == "COMPLETED"
    assert r["status"]["start"]["date"] == "2007-12"
    assert r["design"]["phases"] == ["PHASE2"]
    assert r["design"]["masking"]["level"] == "QUADRUPLE"
    assert r["enrollment"] == {"count": 28, "type": "ACTUAL"}
    assert r["conditions"] == ["Scleroderma, Localized", "Scleroderma, Systemic"]
    assert [a["label"] for a in r["arms"]] == ["1", "2"]
    assert len(r["outcomes"]) == 6
    assert r["outcomes"][3]["time_points"] == ["P1M", "P3M", "P6M", "P1Y"]
    assert r["eligibility"]["minimum_age"]["years"] == 18.0
    assert r["eligibility"]["maximum_age"] is None
    assert len(r["eligibility"]["inclusion"]) == 8
    assert len(r["eligibility"]["exclusion"]) == 13
    assert r["eligibility"]["inclusion"][0]["text"] == "More than 18 years old"
    assert len(r["sites"]) == 12
    assert {s["country_code"] for s in r["sites"]} == {"FR"}
    assert r["sites"][9]["city"] == "Toulouse"
    assert r["warnings"] == []


def test_the_veeva_seed_page_reads_as_the_page_says():
    r = trialnorm.parse(VEEVA)
    assert r["source"]["format"] == "veeva-text"
    assert r["ids"]["nct_id"] == "NCT06722105"
    assert r["status"]["overall"] == "NOT_YET_RECRUITING"
    assert r["design"]["phases"] == ["PHASE1", "PHASE2"]
    assert r["sponsors"]["lead"] == {
        "name": "Assistance Publique - Hôpitaux de Paris",
        "class": "OTHER",
    }
    assert r["enrollment"] == {"count": 18, "type": "ESTIMATED"}
    assert r["eligibility"]["maximum_age"]["years"] == 70.0
    fifth = r["eligibility"]["inclusion"][4]
    assert fifth["text"] == "Severe disease with either:"
    assert fifth["children"][1]["children"][2]["text"].startswith("cardiac involvement")
    assert r["sites"] == []
    assert [c["name"] for c in r["contacts"]["central"]] == [
        "Dominique Farge, MD PhD",
        "Jérôme Lambert, MD PhD",
    ]


def test_bytes_text_and_path_give_the_same_record():
    from_path = trialnorm.parse(CLASSIC)
    assert trialnorm.parse(CLASSIC.read_bytes()) == from_path
    assert trialnorm.parse(bytearray(CLASSIC.read_bytes())) == from_path
    assert trialnorm.parse(CLASSIC.read_text(encoding="utf-8")) == from_path


def test_the_record_is_the_cli_record():
    """The dict is the JSON record the CLI writes, key order included (MODEL.md)."""
    r = trialnorm.parse(CLASSIC)
    keys = list(trialnorm.schema()["properties"])
    assert list(r) == keys
    assert list(r)[:3] == ["schema_version", "source", "ids"]
    assert json.loads(json.dumps(r)) == r


@pytest.mark.parametrize("seed", [CLASSIC, VEEVA], ids=lambda p: p.stem)
def test_the_dict_is_the_record_cargo_test_pins(seed):
    """The whole record equals the JSON of the Rust suite's snapshot of the same page."""
    name = f"main__fixtures__every_fixture_parses_validates_and_matches_its_snapshot@seeds__{seed.name}.snap"
    snapshot = (ROOT / "tests" / "snapshots" / name).read_text(encoding="utf-8")
    record = json.loads(snapshot.split("\n---\n", 1)[1])
    assert trialnorm.parse(seed) == record


def test_a_forced_format_is_used_and_an_unknown_one_refused():
    xml = FIXTURES / "corpus" / "ctgov-xml" / "NCT00081588.xml"
    r = trialnorm.parse(xml, format="ctgov-xml")
    assert (r["ids"]["nct_id"], r["source"]["format"]) == ("NCT00081588", "ctgov-xml")
    with pytest.raises(trialnorm.ParseError) as e:
        trialnorm.parse(xml, format="ctgov-api-v2-json")
    assert e.value.format == "ctgov-api-v2-json"
    with pytest.raises(ValueError, match='unknown format "xml"; expected one of ctgov-classic-text') as e:
        trialnorm.parse(xml, format="xml")
    # FORMATS is what the refusal offers: every format the library reads, each once.
    offered = str(e.value).split("expected one of ", 1)[1].split(", ")
    assert list(trialnorm.FORMATS) == offered and len(set(offered)) == len(offered)
    assert {"ctgov-xml", "who-ictrp-xml", "ctis-json"} <= set(trialnorm.FORMATS)


def test_parse_all_gives_every_study_of_the_v1_search_page(v1_page):
    records = trialnorm.parse_all(V1_PAGE)
    want = [s["Study"]["ProtocolSection"]["IdentificationModule"]["NCTId"] for s in v1_page["FullStudies"]]
    assert len(want) == v1_page["NStudiesReturned"] == 100
    assert [r["ids"]["nct_id"] for r in records] == want
    assert {r["source"]["format"] for r in records} == {"ctgov-api-v1-json"}
    sites = [len(r["sites"]) for r in records]
    locations = [
        len(s["Study"]["ProtocolSection"].get("ContactsLocationsModule", {}).get("LocationList", {}).get("Location", []))
        for s in v1_page["FullStudies"]
    ]
    assert sites == locations


def test_parse_refuses_a_page_of_many_studies():
    with pytest.raises(trialnorm.ParseError) as e:
        trialnorm.parse(V1_PAGE)
    assert e.value.reason == "the input holds 100 study records; read it with parse_all"
    assert e.value.format == "ctgov-api-v1-json"
    assert str(e.value) == f"{V1_PAGE}: {e.value.reason}"


def test_parse_all_of_one_study_is_a_list_of_one():
    assert [r["ids"]["nct_id"] for r in trialnorm.parse_all(VEEVA)] == ["NCT06722105"]


def test_every_corpus_record_parses_with_its_nct_id():
    for path in sorted((FIXTURES / "corpus" / "ctgov-api-v2").glob("*.json")):
        assert trialnorm.parse(path)["ids"]["nct_id"] == path.stem


def test_the_schema_is_the_checked_in_schema():
    schema = trialnorm.schema()
    assert schema == json.loads((ROOT / "schemas" / "trial.schema.json").read_text(encoding="utf-8"))
    assert "eligibility" in schema["required"]


def test_the_version_is_the_crates():
    cargo = (ROOT / "Cargo.toml").read_text(encoding="utf-8")
    version = re.search(r'\[workspace\.package\]\s*version = "([^"]+)"', cargo).group(1)
    assert trialnorm.__version__ == version
    assert trialnorm.parse(VEEVA)["source"]["parser_version"] == f"trialnorm {version}"


def test_path_like_objects_other_than_pathlib_are_files():
    class Named:
        def __fspath__(self) -> str:
            return str(VEEVA)

    assert trialnorm.parse(Named())["ids"]["nct_id"] == "NCT06722105"
    assert isinstance(VEEVA, Path)
