"""Clinical-trial registry records, normalized.

trialnorm reads ClinicalTrials.gov study pages (classic and modern, as text or saved HTML),
ClinicalTrials.Veeva pages, ClinicalTrials.gov's structured exports (API v2 JSON, the
retired API v1 JSON, the legacy XML), WHO ICTRP XML exports, EU CTR full-text downloads, CTIS
trial JSON and ISRCTN XML into one normalized record (a dict; see ``schema()``), and many
records into relational Arrow tables.

- ``parse(data, format=None)``: one study as a dict.
- ``parse_all(data, format=None, errors="raise")``: every study of one input, as dicts.
- ``read(inputs, jobs=None, errors="collect", format=None)``: every record of files,
  directories, globs, zips, gzips and JSON Lines, in input order, parsed on several threads.
- ``tables(inputs, jobs=None, errors="collect", format=None)``: the same records as a dict of
  ``pyarrow.Table`` (``studies``, ``sites``, ...), for DuckDB, polars or Spark.
- ``schema()``: the JSON Schema of the record.

Failures raise (or collect) ``ParseError``, a ``ValueError`` naming the input, the reason and,
for a malformed export, the ``line`` and ``column``; a file ``parse`` cannot read raises
``OSError`` (``FileNotFoundError``, ...).
The parsing is done by the Rust library of the same name, without the GIL.
"""

from ._trialnorm import (
    FORMATS,
    ParseError,
    Reader,
    __version__,
    parse,
    parse_all,
    read,
    schema,
    tables,
)

__all__ = [
    "FORMATS",
    "ParseError",
    "Reader",
    "__version__",
    "parse",
    "parse_all",
    "read",
    "schema",
    "tables",
]
