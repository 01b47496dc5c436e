"""The README's Python examples run as written (from the repository root), and its mapInArrow
function gives what the recipe promises without Spark."""

import os
import re

import pyarrow as pa
import pytest

from conftest import ROOT, SEEDS


def python_blocks() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = re.search(r"^## Python\n(.*?)^## ", readme, re.S | re.M).group(1)
    return re.findall(r"^```python\n(.*?)^```", section, re.S | re.M)


@pytest.fixture(scope="module")
def namespace():
    blocks = python_blocks()
    assert len(blocks) == 4
    here = os.getcwd()
    os.chdir(ROOT)
    try:
        ns: dict = {}
        for block in blocks:
            if "SparkSession" in block:
                continue  # the session's calls are test_spark.py's
            exec(compile(block, "README.md", "exec"), ns)
        return ns
    finally:
        os.chdir(here)


def test_the_examples_run_and_hold(namespace):
    assert namespace["tables"]["studies"].num_rows == 102
    # A directory's files come in the file system's order: compared sorted.
    text = "unrecognized format: text that is not a ClinicalTrials.gov or ClinicalTrials.Veeva study page nor an EU CTR full-text download"
    assert sorted(str(e) for e in namespace["reader"].errors) == [
        "fixtures/not-a-study/empty_search.xml: not a study record: an RSS feed of search results",
        f"fixtures/not-a-study/shared-corpus-readme.md: {text}",
        f"fixtures/not-a-study/shared-real-pages-readme.md: {text}",
        "no/such/file.xml: cannot open: No such file or directory (os error 2)",
    ]


def test_the_map_in_arrow_function_adds_the_path(namespace):
    batch = pa.record_batch({"path": [str(SEEDS)]})
    out = pa.Table.from_batches(list(namespace["studies_of_paths"](iter([batch]))))
    assert sorted(out.column("nct_id").to_pylist()) == ["NCT00479934", "NCT06722105"]
    assert out.column("path").to_pylist() == [str(SEEDS)] * 2
    assert out.column("record").to_pylist() == [1, 2]
