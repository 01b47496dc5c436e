#!/usr/bin/env bash
# Speed, measured: builds a large corpus by replicating the fixtures (under target/, never
# committed), runs `trialnorm parse` over each part with 1 and 2 jobs, and prints records/s,
# MB/s, peak RSS (/usr/bin/time -v) and, from the criterion benches, each format's parse
# speed as a share of its "limit" (the bare serde_json / quick-xml parse of the same bytes).
#
#   scripts/bench.sh                      # full run (about 1.2 GB of corpus, ~250k records)
#   V2_RECORDS=20000 scripts/bench.sh     # smaller
#   SKIP_CRITERION=1 scripts/bench.sh     # pipeline runs only
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${BENCH_DIR:-target/bench-corpus}
V2_RECORDS=${V2_RECORDS:-200000}
V1_RECORDS=${V1_RECORDS:-400}
XML_RECORDS=${XML_RECORDS:-5000}
PAGE_RECORDS=${PAGE_RECORDS:-4000}

[ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq time; }
cargo build --release --quiet
python3 scripts/bench_corpus.py "$OUT" "$V2_RECORDS" "$V1_RECORDS" "$XML_RECORDS" "$PAGE_RECORDS"

if [ -z "${SKIP_CRITERION:-}" ]; then
    cargo bench --quiet --bench formats >/dev/null 2>&1
fi

echo "| input | size | jobs | records | records/s | MB/s | peak RSS | speed-up |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
for input in api-v2.jsonl api-v1.jsonl xml.zip pages.zip; do
    path="$OUT/$input"
    bytes=$(stat -c %s "$path")
    one=""
    for jobs in 1 2; do
        log=$(mktemp)
        /usr/bin/time -v target/release/trialnorm parse --jobs "$jobs" "$path" \
            >/dev/null 2>"$log" || true
        read -r records secs < <(sed -n 's/^summary: \([0-9]*\) records\? read.* in \([0-9.]*\) s.*/\1 \2/p' "$log")
        rss_kb=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$log")
        rate=$(python3 -c "print(f'{$records / $secs:.0f}')")
        mbs=$(python3 -c "print(f'{$bytes / 1e6 / $secs:.1f}')")
        if [ "$jobs" = 1 ]; then one=$rate; speedup="1.00×"; else
            speedup=$(python3 -c "print(f'{$rate / $one:.2f}×')"); fi
        printf '| %s | %s MB | %s | %s | %s | %s | %s MB | %s |\n' "$input" \
            "$(python3 -c "print(f'{$bytes / 1e6:.0f}')")" "$jobs" "$records" "$rate" "$mbs" \
            "$((rss_kb / 1024))" "$speedup"
        rm -f "$log"
    done
done

echo
echo "| format | sample | parse | limit | parse / limit | records/s (1 core) |"
echo "| --- | --- | ---: | ---: | ---: | ---: |"
python3 - <<'PY'
import glob, json, os
def median(d):
    with open(os.path.join(d, "new", "estimates.json")) as f:
        return json.load(f)["median"]["point_estimate"]  # ns per record
for group in sorted(glob.glob("target/criterion/*/parse")):
    fmt = group.split("/")[2]
    for sample in sorted(os.listdir(group)):
        if sample == "report":
            continue
        parse = median(os.path.join(group, sample))
        size = os.path.getsize(glob.glob(f"fixtures/**/{sample}", recursive=True)[0])
        limits = [l for l in glob.glob(f"target/criterion/{fmt}/limit-*/{sample}")]
        if limits:
            limit = median(limits[0])
            name = limits[0].split("/")[3].removeprefix("limit-")
            print(f"| {fmt} | {sample} ({size // 1000} kB) | {size / parse * 1e3:.1f} MB/s | "
                  f"{name} {size / limit * 1e3:.1f} MB/s | {limit / parse:.0%} | {1e9 / parse:.0f} |")
        else:
            print(f"| {fmt} | {sample} ({size // 1000} kB) | {size / parse * 1e3:.1f} MB/s | – | – | {1e9 / parse:.0f} |")
PY
