#!/usr/bin/env bash
# Cross-check with other software: DuckDB reads the Parquet export and must agree with the JSON.
# Installs what it needs in a virtual environment under target/; run by .ci/run after cargo test.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=target/venv-duckdb
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check duckdb
cargo build --quiet
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
inputs=(fixtures tests/data/batch)
target/debug/trialnorm export --quiet --to "$out/tables" --as parquet "${inputs[@]}" 2>/dev/null || true
target/debug/trialnorm parse --quiet "${inputs[@]}" > "$out/records.jsonl" 2>/dev/null || true
"$venv/bin/python" scripts/duckdb_tables.py "$out/tables" "$out/records.jsonl"
