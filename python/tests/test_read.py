"""read(): every record of many inputs through the batch pipeline, every failure kept."""

import gzip
import json
import zipfile

import pytest
import trialnorm

from conftest import CLASSIC, FIXTURES, SEEDS, V1_PAGE, VEEVA


def ids(records):
    return [r["ids"]["nct_id"] for r in records]


def test_a_directory_reads_every_file():
    # In the order the file system lists them (a directory is walked as a stream).
    reader = trialnorm.read(SEEDS)
    assert sorted(ids(reader)) == ["NCT00479934", "NCT06722105"]
    assert (reader.parsed, reader.failed, reader.errors) == (2, 0, [])


def test_records_come_in_input_order_whatever_the_jobs():
    inputs = [VEEVA, V1_PAGE, CLASSIC] * 3
    want = ids(trialnorm.parse_all(VEEVA) + trialnorm.parse_all(V1_PAGE) + trialnorm.parse_all(CLASSIC)) * 3
    assert ids(trialnorm.read(inputs, jobs=1)) == want
    assert ids(trialnorm.read(inputs, jobs=3)) == want


def test_zip_gzip_and_json_lines_are_read_entry_by_entry(tmp_path):
    archive = tmp_path / "pages.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.write(VEEVA, "b/NCT06722105.txt")
        z.write(CLASSIC, "a/NCT00479934.txt")
    gz = tmp_path / "classic.txt.gz"
    gz.write_bytes(gzip.compress(CLASSIC.read_bytes()))
    studies = json.loads(V1_PAGE.read_text(encoding="utf-8"))["FullStudiesResponse"]["FullStudies"][:3]
    lines = tmp_path / "v1.jsonl"
    lines.write_text("".join(json.dumps({"FullStudiesResponse": {"FullStudies": [s]}}) + "\n" for s in studies))
    got = ids(trialnorm.read([archive, gz, lines]))
    want = [s["Study"]["ProtocolSection"]["IdentificationModule"]["NCTId"] for s in studies]
    assert got == ["NCT06722105", "NCT00479934", "NCT00479934", *want]


def test_collect_keeps_every_failure_with_input_and_reason(tmp_path):
    bad = tmp_path / "bad.zip"
    with zipfile.ZipFile(bad, "w") as z:
        z.writestr("notes.txt", "shopping list: eggs")
        z.write(VEEVA, "NCT06722105.txt")
        z.writestr("image.bin", bytes(range(256)) * 4)
    missing = tmp_path / "missing.xml"
    reader = trialnorm.read([CLASSIC, bad, missing])
    assert ids(reader) == ["NCT00479934", "NCT06722105"]
    assert (reader.parsed, reader.failed) == (2, 3)
    where = [(e.input, e.position) for e in reader.errors]
    assert where == [(str(bad), "notes.txt"), (str(bad), "image.bin"), (str(missing), None)]
    assert all(isinstance(e, trialnorm.ParseError) for e in reader.errors)
    assert reader.errors[0].reason.startswith("unrecognized format")
    assert reader.errors[1].reason.startswith("binary data")
    assert str(reader.errors[0]).startswith(f"{bad}:notes.txt: ")


def test_raise_stops_at_the_first_failure_after_the_records_before_it(tmp_path):
    missing = tmp_path / "missing.txt"
    reader = trialnorm.read([CLASSIC, missing, VEEVA], errors="raise")
    assert next(reader)["ids"]["nct_id"] == "NCT00479934"
    with pytest.raises(trialnorm.ParseError) as e:
        next(reader)
    assert e.value.input == str(missing)
    assert list(reader) == []


def test_ignore_only_counts(tmp_path):
    reader = trialnorm.read([tmp_path / "missing.txt", VEEVA], errors="ignore")
    assert ids(reader) == ["NCT06722105"]
    assert (reader.parsed, reader.failed, reader.errors) == (1, 1, [])
    with pytest.raises(ValueError, match="errors must be one of"):
        trialnorm.read(VEEVA, errors="skip")


def test_every_fixture_is_a_record_or_a_failure():
    """Nothing is lost: reading the whole fixtures tree gives, file by file, the records of
    parse_all on that file, and every study that gives none is a failure naming it."""
    reader = trialnorm.read(FIXTURES, jobs=2)
    records = list(reader)
    # A directory's files come in the order the file system lists them: compare as sets of
    # records, file by file.
    files = sorted((p for p in FIXTURES.rglob("*") if p.is_file() and not p.name.startswith(".")))
    want, failed_files = [], set()
    for path in files:
        want += trialnorm.parse_all(path, errors="ignore")
        try:
            trialnorm.parse_all(path)
        except trialnorm.ParseError:
            failed_files.add(str(path))
    assert sorted(ids(records), key=str) == sorted(ids(want), key=str)
    assert reader.parsed == len(records) > 150
    assert {e.input for e in reader.errors} == failed_files
    assert str(FIXTURES / "README.md") in failed_files


def test_a_closed_reader_stops():
    reader = trialnorm.read([V1_PAGE] * 50, jobs=2)
    assert next(reader)["ids"]["nct_id"]
    reader.close()
    assert list(reader) == []
