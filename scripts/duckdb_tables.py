"""Reads a trialnorm Parquet export with DuckDB and checks it against the JSON records of
`trialnorm parse` over the same inputs: each table's row count, and a per-record join of
studies with conditions, sites and criteria. Exits 1 on any difference.

Run by scripts/check_duckdb.sh (which installs duckdb in a virtual environment):
    python duckdb_tables.py EXPORT_DIR RECORDS.jsonl"""

import json
import sys

import duckdb

directory, records_path = sys.argv[1], sys.argv[2]
records = [json.loads(line) for line in open(records_path, encoding="utf-8") if line.strip()]


def criteria(items):
    return sum(1 + criteria(c["children"]) for c in items)


want_counts = {
    "studies": len(records),
    "conditions": sum(len(r["conditions"]) for r in records),
    "sites": sum(len(r["sites"]) for r in records),
    "outcomes": sum(len(r["outcomes"]) for r in records),
    "criteria": sum(
        criteria(r["eligibility"]["inclusion"]) + criteria(r["eligibility"]["exclusion"])
        for r in records
    ),
}
con = duckdb.connect()
for table in want_counts:
    con.execute(
        f"CREATE VIEW \"{table}\" AS SELECT * FROM read_parquet('{directory}/{table}.parquet')"
    )
got_counts = {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in want_counts}
join = con.execute(
    """
    SELECT s.record, s.nct_id,
           (SELECT count(*) FROM conditions c WHERE c.record = s.record),
           (SELECT count(*) FROM sites x WHERE x.record = s.record),
           (SELECT count(*) FROM criteria k WHERE k.record = s.record)
    FROM studies s ORDER BY s.record
    """
).fetchall()
want_join = [
    [
        i + 1,
        r["ids"]["nct_id"],
        len(r["conditions"]),
        len(r["sites"]),
        criteria(r["eligibility"]["inclusion"]) + criteria(r["eligibility"]["exclusion"]),
    ]
    for i, r in enumerate(records)
]
bad = False
for t in want_counts:
    if got_counts[t] != want_counts[t]:
        print(f"{t}: {got_counts[t]} rows in Parquet, {want_counts[t]} in the JSON")
        bad = True
if [list(r) for r in join] != want_join:
    print("the studies join differs from the JSON")
    bad = True
print(f"duckdb: {len(records)} studies, counts {got_counts}; {'MISMATCH' if bad else 'all agree'}")
sys.exit(1 if bad else 0)
