"""trialnorm inside PySpark: files in, trialnorm's tables out as Spark DataFrames.

The recipe, for a corpus that outgrows one machine::

    from pyspark.sql import SparkSession
    from trialnorm.spark import paths_frame, spark_table

    spark = SparkSession.builder.getOrCreate()
    paths = paths_frame(spark, ["/data/ctgov/2024.zip", "/data/ctgov/pages/"])
    studies = spark_table(paths, "studies")        # one row per record
    sites = spark_table(paths, "sites")
    studies.join(sites, ["path", "record", "nct_id"]).groupBy("country_code").count()
    spark_table(paths, "errors").show()            # every failure: input, position, reason

Each row of ``paths`` names something trialnorm reads (a file, a directory, a glob, a
``.zip``, a ``.gz``, JSON Lines); the executors read it, so it must be a path they can read
(a shared file system). ``DataFrame.mapInArrow`` runs ``trialnorm.tables`` on each path on the
executors and hands the Arrow batches to Spark as they are. Every table gains a ``path``
column; ``record`` counts records within one path, so ``(path, record)`` is a record's key
across the cluster and child tables join ``studies`` on it.

Each ``spark_table`` is one pass over the files (trialnorm parses fast; cache or write the
tables you need). Needs ``pyspark`` (``pip install trialnorm[spark]``) and Java 17 or later.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING

import pyarrow as pa

from . import tables

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

#: The column naming the input a row came from.
PATH = "path"


def table_schema(name: str) -> pa.Schema:
    """The Arrow schema of trialnorm's table ``name`` (``errors`` too), plus ``path``."""
    # No input: every table, empty, with its schema.
    empty = tables([])
    if name not in empty:
        raise ValueError(f"no table {name!r}; the tables are {', '.join(empty)}")
    return empty[name].schema.append(pa.field(PATH, pa.string()))


def tables_of_paths(
    name: str, jobs: int = 1
) -> Callable[[Iterator[pa.RecordBatch]], Iterator[pa.RecordBatch]]:
    """The function ``DataFrame.mapInArrow`` calls: for each path of the ``path`` column,
    trialnorm's table ``name`` of that path's records, with a ``path`` column.

    ``jobs`` parser threads per Spark task (Spark already runs a task per core). Failures
    never stop a task: they are rows of the ``errors`` table.
    """
    table_schema(name)  # fails here, on the driver, for an unknown table

    def run(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        for batch in batches:
            for path in batch.column(PATH).to_pylist():
                table = tables([path], jobs=jobs)[name]
                paths = pa.array([path] * table.num_rows, pa.string())
                yield from table.append_column(PATH, paths).to_batches()

    return run


def paths_frame(
    spark: SparkSession, paths: Iterable[str], partitions: int | None = None
) -> DataFrame:
    """A DataFrame of one ``path`` column, spread over ``partitions`` (default: Spark's
    default parallelism) so every core gets files."""
    rows = [(str(p),) for p in paths]
    n = partitions or spark.sparkContext.defaultParallelism
    return spark.createDataFrame(rows, f"{PATH} string").repartition(max(1, min(n, len(rows))))


def spark_table(paths: DataFrame, name: str, jobs: int = 1) -> DataFrame:
    """trialnorm's table ``name`` of every path in ``paths`` (a DataFrame with a ``path``
    string column), computed on the executors with ``mapInArrow``."""
    from pyspark.sql.pandas.types import from_arrow_schema

    schema = from_arrow_schema(table_schema(name))
    return paths.select(PATH).mapInArrow(tables_of_paths(name, jobs), schema)
