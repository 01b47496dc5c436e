#!/usr/bin/env bash
# Cross-check: scripts/check_counts.py recounts every structured fixture (API v2, API v1,
# legacy XML; protocol fields, NCT aliases and posted results) with the Python standard
# library and compares with `trialnorm parse`. Run by .ci/run after cargo test.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v python3 >/dev/null || { apt-get update -qq && apt-get install -y -qq python3; }
cargo build --quiet
python3 scripts/check_counts.py --bin target/debug/trialnorm fixtures tests/data/batch
