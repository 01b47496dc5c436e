"""tables(): the export's tables as pyarrow tables, read by DuckDB and polars in place."""

import duckdb
import polars as pl
import pyarrow as pa
import pytest
import trialnorm

from conftest import CLASSIC, FIXTURES, V1_PAGE, VEEVA


@pytest.fixture(scope="module")
def seeds_and_page():
    return trialnorm.tables([CLASSIC, VEEVA, V1_PAGE])


def test_studies_has_one_row_per_record(seeds_and_page, v1_page):
    """The two seeds and the 100 studies of the v1 page: 102 records, 102 studies rows (the
    issue's "101" counts one seed: the classic seed and the page give 101)."""
    studies = seeds_and_page["studies"]
    assert isinstance(studies, pa.Table)
    assert studies.num_rows == 102
    assert studies.column("record").to_pylist() == list(range(1, 103))
    assert trialnorm.tables([CLASSIC, V1_PAGE])["studies"].num_rows == 101
    page_ids = [s["Study"]["ProtocolSection"]["IdentificationModule"]["NCTId"] for s in v1_page["FullStudies"]]
    assert studies.column("nct_id").to_pylist() == ["NCT00479934", "NCT06722105", *page_ids]
    assert seeds_and_page["errors"].num_rows == 0


def test_duckdb_joins_studies_to_sites(seeds_and_page, v1_page):
    studies, sites = seeds_and_page["studies"], seeds_and_page["sites"]
    per_study = duckdb.sql(
        """
        select s.record, s.nct_id, count(x.nct_id) as n, min(x.country_code) as lo, max(x.country_code) as hi
        from studies s left join sites x on x.record = s.record and x.nct_id = s.nct_id
        group by s.record, s.nct_id order by s.record
        """
    ).fetchall()
    assert len(per_study) == 102
    assert per_study[0] == (1, "NCT00479934", 12, "FR", "FR")
    assert per_study[1] == (2, "NCT06722105", 0, None, None)
    locations = [
        len(s["Study"]["ProtocolSection"].get("ContactsLocationsModule", {}).get("LocationList", {}).get("Location", []))
        for s in v1_page["FullStudies"]
    ]
    assert [n for (_, _, n, _, _) in per_study[2:]] == locations
    assert sites.num_rows == 12 + sum(locations)
    orphans = duckdb.sql(
        "select count(*) from sites x anti join studies s on x.record = s.record and x.nct_id = s.nct_id"
    ).fetchall()
    assert orphans == [(0,)]


def test_the_tables_agree_with_the_records(seeds_and_page):
    records = list(trialnorm.read([CLASSIC, VEEVA, V1_PAGE]))
    tables = seeds_and_page
    assert tables["conditions"].num_rows == sum(len(r["conditions"]) for r in records)
    assert tables["outcomes"].num_rows == sum(len(r["outcomes"]) for r in records)
    assert tables["arms"].num_rows == sum(len(r["arms"]) for r in records)
    enrollment = tables["studies"].column("enrollment").to_pylist()
    assert enrollment == [r["enrollment"]["count"] for r in records]


def test_polars_takes_the_tables_as_they_are(seeds_and_page):
    studies = pl.from_arrow(seeds_and_page["studies"])
    assert studies.shape[0] == 102
    classic = studies.filter(pl.col("nct_id") == "NCT00479934")
    assert classic.select("overall_status", "enrollment").row(0) == ("COMPLETED", 28)
    sites = pl.from_arrow(seeds_and_page["sites"])
    by_country = sites.group_by("country_code").len().sort("len", descending=True)
    assert by_country.row(0)[1] >= 12


def test_column_types_follow_the_export(seeds_and_page):
    schema = seeds_and_page["studies"].schema
    assert schema.field("record").type == pa.int64()
    assert schema.field("nct_id").type == pa.string()
    assert schema.field("enrollment").type == pa.int64()
    assert list(seeds_and_page)[:2] == ["studies", "sponsors"]
    assert list(seeds_and_page)[-1] == "errors"


def test_no_input_gives_every_table_empty_with_its_schema():
    empty = trialnorm.tables([])
    assert all(t.num_rows == 0 for t in empty.values())
    assert "nct_id" in empty["sites"].schema.names


def test_failures_are_an_errors_table_or_raise(tmp_path):
    missing = tmp_path / "missing.xml"
    collected = trialnorm.tables([CLASSIC, missing, VEEVA])
    assert collected["studies"].num_rows == 2
    assert collected["errors"].to_pylist() == [
        {"input": str(missing), "position": None, "format": None, "reason": collected["errors"]["reason"][0].as_py()}
    ]
    assert "No such file" in collected["errors"]["reason"][0].as_py()
    with pytest.raises(trialnorm.ParseError) as e:
        trialnorm.tables([CLASSIC, missing], errors="raise")
    assert e.value.input == str(missing)
    ignored = trialnorm.tables([CLASSIC, missing], errors="ignore")
    assert "errors" not in ignored and ignored["studies"].num_rows == 1


def test_many_records_span_several_arrow_batches():
    tables = trialnorm.tables([V1_PAGE] * 50 + [FIXTURES / "corpus"])
    studies = tables["studies"]
    assert studies.num_rows > 5000
    assert len(studies.to_batches()) > 1
    assert studies.column("record").to_pylist() == list(range(1, studies.num_rows + 1))
    assert duckdb.sql("select count(distinct record) from studies").fetchall() == [(studies.num_rows,)]
