"""The Spark recipe (trialnorm.spark) in local mode: the tables Spark computes with mapInArrow
are the tables trialnorm computes on one machine."""

import os
import sys

import pytest

pyspark = pytest.importorskip("pyspark", reason="the Spark recipe needs pyspark (scripts/check_python.sh installs it)")

import trialnorm  # noqa: E402
from trialnorm.spark import paths_frame, spark_table, table_schema  # noqa: E402

from conftest import CLASSIC, FIXTURES, SEEDS, V1_PAGE, VEEVA  # noqa: E402


@pytest.fixture(scope="module")
def spark():
    from pyspark.sql import SparkSession

    # The executors' Python is this one (with trialnorm installed).
    os.environ["PYSPARK_PYTHON"] = sys.executable
    session = (
        SparkSession.builder.master("local[2]")
        .appName("trialnorm-recipe-test")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .getOrCreate()
    )
    yield session
    session.stop()


def test_spark_reads_the_same_tables_as_trialnorm(spark):
    inputs = [SEEDS, V1_PAGE, FIXTURES / "corpus" / "ctgov-xml", FIXTURES / "not-a-study"]
    paths = paths_frame(spark, [str(p) for p in inputs], partitions=3)
    studies = spark_table(paths, "studies")
    sites = spark_table(paths, "sites")
    errors = spark_table(paths, "errors")

    local = trialnorm.tables(inputs)
    assert studies.count() == local["studies"].num_rows
    assert sorted(r.nct_id for r in studies.select("nct_id").collect()) == sorted(
        local["studies"].column("nct_id").to_pylist()
    )

    # Child tables join studies on (path, record); every site finds its study.
    joined = sites.join(studies, ["path", "record", "nct_id"])
    assert joined.count() == sites.count() == local["sites"].num_rows
    classic = joined.filter(joined.nct_id == "NCT00479934").select("country_code").distinct().collect()
    assert [r.country_code for r in classic] == ["FR"]
    per_path = {r.path: r["count"] for r in studies.groupBy("path").count().collect()}
    assert per_path[str(V1_PAGE)] == 100 and per_path[str(SEEDS)] == 2

    # Nothing lost: the failures come back as rows naming the input.
    failed = errors.collect()
    assert [r.input for r in failed] == [e["input"] for e in local["errors"].to_pylist()]
    assert failed and all(r.path == str(FIXTURES / "not-a-study") for r in failed)


def test_the_recipe_checks_table_names_on_the_driver(spark):
    with pytest.raises(ValueError, match="no table 'trials'"):
        spark_table(paths_frame(spark, [str(CLASSIC)]), "trials")
    assert table_schema("studies").names[-1] == "path"
    assert spark_table(paths_frame(spark, [str(VEEVA)]), "studies").count() == 1
