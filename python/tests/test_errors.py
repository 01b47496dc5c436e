"""Failures: ParseError names the input and the reason, whatever the call."""

import pytest
import trialnorm

from conftest import FIXTURES, V1_PAGE


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


def test_a_missing_file_is_a_parse_error_naming_it(tmp_path):
    missing = tmp_path / "NCT00000000.xml"
    with pytest.raises(trialnorm.ParseError) as e:
        trialnorm.parse(missing)
    assert e.value.input == str(missing)
    assert "No such file" in e.value.reason


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
