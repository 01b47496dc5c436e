"""Failures: ParseError names the input and the reason, whatever the call."""

import errno
import json

import pytest
import trialnorm

from conftest import CLASSIC, FIXTURES, V1_PAGE


def test_binary_input_raises_parse_error():
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01" + bytes(range(256))
    with pytest.raises(trialnorm.ParseError) as e:
        trialnorm.parse(png)
    err = e.value
    assert isinstance(err, ValueError)
    assert err.input == "<bytes>"
    assert err.position is None
    assert err.format is None
    assert err.reason.startswith("binary data (")
    assert err.reason.endswith("), not a registry record")
    assert str(err) == f"<bytes>: {err.reason}"


def test_empty_and_unknown_inputs_say_why():
    with pytest.raises(trialnorm.ParseError, match=r"^<str>: empty input$"):
        trialnorm.parse("   \n")
    with pytest.raises(trialnorm.ParseError, match=r"^<bytes>: unrecognized format"):
        trialnorm.parse(b"shopping list: eggs, milk")


def test_a_search_feed_is_not_a_study():
    path = FIXTURES / "not-a-study" / "empty_search.xml"
    with pytest.raises(trialnorm.ParseError) as e:
        trialnorm.parse(path)
    assert e.value.input == str(path)
    assert "study" in e.value.reason


def test_a_file_that_cannot_be_read_raises_its_os_error(tmp_path, monkeypatch):
    missing = tmp_path / "NCT00000000.xml"
    for data in (missing, str(missing)):
        for call in (trialnorm.parse, trialnorm.parse_all):
            with pytest.raises(FileNotFoundError) as e:
                call(data)
            assert isinstance(e.value, OSError)
            assert e.value.errno == errno.ENOENT
            assert e.value.filename == str(missing)
            assert str(e.value) == f"[Errno 2] No such file or directory: '{missing}'"
    # The new user's call: a relative file name as a str.
    monkeypatch.chdir(tmp_path)
    with pytest.raises(FileNotFoundError) as e:
        trialnorm.parse("missing-file.json")
    assert e.value.filename == "missing-file.json"
    with pytest.raises(IsADirectoryError) as e:
        trialnorm.parse(tmp_path)
    assert e.value.errno == errno.EISDIR


def test_a_str_of_one_line_names_a_file_and_any_other_is_text():
    as_path = trialnorm.parse(CLASSIC)
    assert trialnorm.parse(str(CLASSIC)) == as_path
    # The page's text (many lines) is text, as are JSON and markup on one line.
    assert trialnorm.parse(CLASSIC.read_text(encoding="utf-8"))["ids"] == as_path["ids"]
    with pytest.raises(trialnorm.ParseError, match=r"^<str>: malformed ctgov-api-v2-json"):
        trialnorm.parse('{"protocolSection": 5}', format="ctgov-api-v2-json")
    with pytest.raises(trialnorm.ParseError, match=r"^<str>: "):
        trialnorm.parse("<clinical_study></clinical_study>")


def test_parse_error_line_and_column_say_where():
    with pytest.raises(trialnorm.ParseError) as e:
        trialnorm.parse('{\n  "protocolSection": 5\n}', format="ctgov-api-v2-json")
    err = e.value
    assert (err.line, err.column) == (2, 22)
    assert str(err).endswith(" at line 2 column 22")
    # No place: binary data, an unknown format.
    with pytest.raises(trialnorm.ParseError) as e:
        trialnorm.parse(b"shopping list: eggs, milk")
    assert (e.value.line, e.value.column) == (None, None)


def test_read_errors_count_lines_in_the_whole_json_lines_file(tmp_path):
    good = json.dumps(json.loads((FIXTURES / "ctgov-api-v2" / "NCT00465816.json").read_text()))
    path = tmp_path / "raw.jsonl"
    path.write_text(f"{good}\n{good}\n{{\"protocolSection\": 5}}\n", encoding="utf-8")
    reader = trialnorm.read(path)
    assert len(list(reader)) == 2
    [err] = reader.errors
    assert (err.position, err.line) == ("line 3", 3)
    assert str(err).endswith(f" at line 3 column {err.column}")


def test_malformed_structured_input_names_its_format():
    broken = V1_PAGE.read_bytes()[:5000]
    with pytest.raises(trialnorm.ParseError) as e:
        trialnorm.parse(broken, format="ctgov-api-v1-json")
    assert e.value.format == "ctgov-api-v1-json"
    assert e.value.reason.startswith("malformed ctgov-api-v1-json: ")


def test_parse_all_raises_or_ignores_failed_studies():
    # The v1 page with its third study's "Study" made a string: that study alone fails.
    import json

    page = json.loads(V1_PAGE.read_text(encoding="utf-8"))
    page["FullStudiesResponse"]["FullStudies"][2]["Study"] = "withdrawn"
    data = json.dumps(page).encode()
    with pytest.raises(trialnorm.ParseError) as e:
        trialnorm.parse_all(data)
    assert (e.value.input, e.value.position) == ("<bytes>", "#3")
    assert str(e.value).startswith("<bytes>#3: ")
    records = trialnorm.parse_all(data, errors="ignore")
    assert len(records) == 99
    with pytest.raises(ValueError, match="errors must be one of \"raise\", \"ignore\""):
        trialnorm.parse_all(data, errors="collect")


def test_wrong_argument_types_are_type_errors():
    with pytest.raises(TypeError):
        trialnorm.parse(12)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="inputs are paths"):
        trialnorm.read(b"bytes are not paths")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="an input must be a path"):
        trialnorm.read([1, 2])  # type: ignore[list-item]
    with pytest.raises(ValueError, match="jobs must be at least 1"):
        trialnorm.read([], jobs=0)
