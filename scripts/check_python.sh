#!/usr/bin/env bash
# The Python package: `pip install .` from the checkout (maturin builds the bindings crate in
# python/, in release), then the pytest suite in python/tests: the seeds and corpus records,
# errors, read() over files, zips, gzips and JSON Lines, tables() joined in DuckDB and read by
# polars, and the Spark recipe (trialnorm.spark) in local mode.
#
# The virtual environment lives under target/ (new in a fresh clone, as in CI; kept between
# local runs so the test tools install once). Run by .ci/run after cargo test.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=target/venv-python
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
pip=("$venv/bin/python" -m pip --disable-pip-version-check --quiet)
# The Spark recipe needs Java 17 or later (on this kind of machine already; installed if not).
command -v java >/dev/null || { apt-get update -qq && apt-get install -y -qq openjdk-17-jre-headless; }
# Test tools.
"${pip[@]}" install pytest duckdb polars "pyspark[sql]" "pandas<3" mypy
# The bindings crate's lints (it is not a default member: .ci/run's clippy does not see it).
cargo clippy --quiet -p trialnorm-python --all-targets -- -D warnings
# The package itself, built from this checkout every run (cargo's target/ keeps it incremental).
"${pip[@]}" install .
# The typed stub (python/trialnorm/_trialnorm.pyi) against the module as built.
"$venv/bin/python" -m mypy.stubtest --mypy-config-file pyproject.toml trialnorm
export PYSPARK_PYTHON="$PWD/$venv/bin/python"
"$venv/bin/python" -m pytest python/tests -q -p no:cacheprovider
