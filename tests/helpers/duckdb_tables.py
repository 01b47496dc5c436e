"""Reads a trialnorm Parquet export with DuckDB and prints, as JSON, each table's row count
and a per-record join of studies with conditions, sites and criteria.

Used by tests/export.rs; exits 3 with a clear message when the duckdb package is missing
(.ci/run installs it: python3 -m pip install duckdb)."""

import json
import sys

try:
    import duckdb
except ImportError:
    sys.stderr.write(
        "the duckdb Python package is missing: run `python3 -m pip install duckdb`\n"
    )
    sys.exit(3)

directory, tables = sys.argv[1], sys.argv[2:]
con = duckdb.connect()
for table in tables:
    con.execute(
        f"CREATE VIEW \"{table}\" AS SELECT * FROM read_parquet('{directory}/{table}.parquet')"
    )
counts = {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
join = con.execute(
    """
    SELECT s.record, s.nct_id,
           (SELECT count(*) FROM conditions c WHERE c.record = s.record),
           (SELECT count(*) FROM sites x WHERE x.record = s.record),
           (SELECT count(*) FROM criteria k WHERE k.record = s.record)
    FROM studies s ORDER BY s.record
    """
).fetchall()
print(json.dumps({"counts": counts, "join": [list(r) for r in join]}))
