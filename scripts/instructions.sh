#!/usr/bin/env bash
# Instruction counts (callgrind: repeatable on a shared, noisy machine, unlike wall time).
#
#   scripts/instructions.sh          # builds the release binary, prints both counts
#   NO_BUILD=1 scripts/instructions.sh
#   EACH=1 scripts/instructions.sh   # also each corpus record in a process of its own
#
# 1. Start-up: one process, one record: `trialnorm parse --stream -q --jobs 1` of each seed
#    page (fixtures/seeds/*.txt, ~8 kB), whole-process instructions (Ir).
# 2. Per record in a batch: the 10 API v2 records (fixtures/ctgov-api-v2 and
#    fixtures/corpus/ctgov-api-v2, results sections included), compacted one per line, repeated
#    20 times: 200 records of ~49 kB on average. Marginal cost:
#    (Ir(20 passes) - Ir(1 pass)) / 190, so start-up and one-time work drop out.
# 3. The serde_json limit on the same batch: examples/json_limit.rs parses each line into a
#    `serde_json::Value` and nothing else; same marginal method, and the ratio parse / limit.
# 4. With EACH=1, the shell loop of the issue (`for f in *.xml; do trialnorm parse "$f"; done`):
#    each record of fixtures/corpus/ctgov-xml and fixtures/corpus/ctgov-api-v2 in a process of
#    its own; the median, the largest and how many are within the start-up target (30 M).
# All use `--stream` (records written as parsed). The default `parse` spools records to a temp
# file to add `same-trial-as` notes; the script prints its 200-record count too, for reference.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v valgrind >/dev/null || { echo "valgrind is needed (apt-get install valgrind)" >&2; exit 1; }
# Two builds, not one: an example brings the dev-dependencies' features into the build it is
# part of (fancy-regex turns on regex-automata's full DFAs), and the binary users build has none.
if [ -z "${NO_BUILD:-}" ]; then
    cargo build --release --quiet --bin trialnorm
    cargo build --release --quiet --example json_limit
fi
BIN=${BIN:-target/release/trialnorm}  # BIN=path measures another build (with NO_BUILD=1)
DIR=target/instructions
mkdir -p "$DIR"

python3 - "$DIR" <<'PY'
import glob, json, sys
out = sys.argv[1]
paths = sorted(glob.glob("fixtures/ctgov-api-v2/*.json")) + sorted(glob.glob("fixtures/corpus/ctgov-api-v2/*.json"))
assert len(paths) == 10, paths
lines = []
for p in paths:
    with open(p, "rb") as f:
        lines.append(json.dumps(json.load(f), separators=(",", ":"), ensure_ascii=False).encode() + b"\n")
for name, passes in (("api-v2-10.jsonl", 1), ("api-v2-200.jsonl", 20)):
    with open(f"{out}/{name}", "wb") as f:
        f.write(b"".join(lines) * passes)
PY

# Total instructions of one run of the binary with these arguments; the profile is kept in
# $DIR/${CG:-callgrind.out}.
ir() {
    local cg="$DIR/${CG:-callgrind.out}"
    valgrind --tool=callgrind --callgrind-out-file="$cg" "$@" >/dev/null 2>"$DIR/valgrind.log"
    sed -n 's/^summary: //p;s/^totals: //p' "$cg" | head -1
}
# Inclusive instructions of the function whose name ends with $2 in profile $1.
inclusive() {
    callgrind_annotate --inclusive=yes "$DIR/$1" 2>/dev/null |
        awk -v f="$2" 'index($0, f) && !n++ { gsub(",", "", $1); print $1 }'
}
mi() { python3 -c "print(f'{$1 / 1e6:,.1f}')"; }

for seed in fixtures/seeds/*.txt; do
    n=$(ir "$BIN" parse --stream -q --jobs 1 "$seed")
    echo "start-up, one seed page ($(basename "$seed"), $(stat -c %s "$seed") B): $(mi "$n") M instructions"
done
one=$(CG=batch-10.out ir "$BIN" parse --stream -q --jobs 1 "$DIR/api-v2-10.jsonl")
twenty=$(CG=batch-200.out ir "$BIN" parse --stream -q --jobs 1 "$DIR/api-v2-200.jsonl")
echo "API v2 batch, --stream: 10 records $(mi "$one") M, 200 records $(mi "$twenty") M instructions"
per=$(python3 -c "print(($twenty - $one) / 190)")
echo "per API v2 record (marginal, (200 - 10) / 190): $(python3 -c "print(f'{$per / 1e3:,.0f}')") k instructions"
# Where a record's cost goes, by the same marginal method: reading (serde_json into the wire
# types, serde_ignored naming what they skip), writing (sonic-rs, every key of the model).
for part in "reading:wire::api_v2::read_value" "writing:for trialnorm::model::Trial>::serialize"; do
    a=$(inclusive batch-10.out "${part#*:}")
    b=$(inclusive batch-200.out "${part#*:}")
    echo "  of which ${part%%:*} $(python3 -c "print(f'{($b - $a) / 190 / 1e3:,.0f}')") k"
done
lim1=$(ir target/release/examples/json_limit "$DIR/api-v2-10.jsonl")
lim20=$(ir target/release/examples/json_limit "$DIR/api-v2-200.jsonl")
limit=$(python3 -c "print(($lim20 - $lim1) / 190)")
echo "serde_json limit (serde_json::Value alone, same bytes): $(python3 -c "print(f'{$limit / 1e3:,.0f}')") k instructions per record; parse / limit = $(python3 -c "print(f'{$per / $limit:.1f}')")×"
if [ -n "${SPOOL:-}" ]; then
    s1=$(ir "$BIN" parse -q --jobs 1 "$DIR/api-v2-10.jsonl")
    s20=$(ir "$BIN" parse -q --jobs 1 "$DIR/api-v2-200.jsonl")
    echo "per API v2 record, default parse (spooled, same-trial-as notes): $(python3 -c "print(f'{($s20 - $s1) / 190 / 1e3:,.0f}')") k instructions"
fi
if [ -n "${EACH:-}" ]; then
    for f in fixtures/corpus/ctgov-xml/*.xml fixtures/corpus/ctgov-api-v2/*.json; do
        echo "$(ir "$BIN" parse --stream -q --jobs 1 "$f") $f"
    done >"$DIR/each.txt"
    python3 - "$DIR/each.txt" <<'PY'
import statistics, sys
rows = sorted((int(n), f) for n, f in (line.split() for line in open(sys.argv[1])))
counts = [n for n, _ in rows]
print(f"one record per process ({len(rows)} corpus records, XML and API v2): median "
      f"{statistics.median(counts) / 1e6:,.1f} M, largest {rows[-1][0] / 1e6:,.1f} M "
      f"({rows[-1][1].split('/')[-1]}), {sum(n <= 30e6 for n in counts)} of {len(rows)} within 30 M")
PY
fi
