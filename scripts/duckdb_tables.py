"""Reads a trialnorm Parquet export with DuckDB and checks it against the JSON records of
`trialnorm parse` over the same inputs: each table's row count, a per-record join of
studies with conditions, sites and criteria, and the README's join of primary outcome values
with their groups' titles. Exits 1 on any difference.

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
    "registry_ids": sum(len(r["ids"]["registry_ids"]) for r in records),
    "criteria": sum(
        criteria(r["eligibility"]["inclusion"]) + criteria(r["eligibility"]["exclusion"])
        for r in records
    ),
}
def values(measures):
    return [
        (m, c, g, v)
        for m in measures
        for c in m["classes"]
        for g in c["categories"]
        for v in g["measurements"]
    ]


def results(r):
    return r["results"] or {"outcome_measures": [], "adverse_events": None}


want_counts["outcome_measurements"] = sum(
    len(values(results(r)["outcome_measures"])) for r in records
)
want_counts["reported_events"] = sum(
    len(e["stats"])
    for r in records
    for k in ("serious", "other")
    for e in ((results(r).get("adverse_events") or {}).get(k) or [])
)
want_counts["result_outcomes"] = sum(len(results(r)["outcome_measures"]) for r in records)
want_counts["result_groups"] = sum(
    len(((r["results"] or {}).get(part) or {}).get("groups") or [])
    for r in records
    for part in ("participant_flow", "baseline", "adverse_events")
) + sum(len(o["groups"]) for r in records for o in results(r)["outcome_measures"])
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
# The README's query: each primary outcome's values with their group's title.
primary = con.execute(
    """
    SELECT o.nct_id, o.title, g.title AS group_title, m.value, m.value_raw
    FROM result_outcomes o
    JOIN outcome_measurements m USING (record, outcome)
    JOIN result_groups g
      ON g.record = m.record AND g.part = 'outcome_measure' AND g.outcome = m.outcome
     AND g.group_id = m.group_id
    WHERE o.kind = 'PRIMARY'
    ORDER BY m.record, m.outcome
    """
).fetchall()
want_primary = []
for r in records:
    for o in results(r)["outcome_measures"]:
        if o["kind"] != "PRIMARY":
            continue
        titles = {g["id"]: g["title"] for g in o["groups"]}
        for _, _, _, v in values([o]):
            want_primary.append((r["ids"]["nct_id"], o["title"], titles[v["group_id"]], v["value"], v["raw"]))
bad = False
if sorted(map(tuple, primary), key=repr) != sorted(want_primary, key=repr):
    print(f"the primary outcome join differs: {len(primary)} rows, {len(want_primary)} in the JSON")
    bad = True
for t in want_counts:
    if got_counts[t] != want_counts[t]:
        print(f"{t}: {got_counts[t]} rows in Parquet, {want_counts[t]} in the JSON")
        bad = True
if [list(r) for r in join] != want_join:
    print("the studies join differs from the JSON")
    bad = True
print(f"duckdb: {len(records)} studies, counts {got_counts}; {'MISMATCH' if bad else 'all agree'}")
sys.exit(1 if bad else 0)
