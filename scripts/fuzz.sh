#!/usr/bin/env bash
# Fuzz the detector, every parser and the batch reader of zip and gzip files, seeded from
# fixtures/ and tests/data/.
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]     (default: 600 seconds, all targets)
# Needs cargo-fuzz (`cargo install cargo-fuzz`); RUSTC_BOOTSTRAP lets the stable toolchain
# take the sanitizer flags libFuzzer needs. Crashes land in fuzz/artifacts/<target>/: keep each
# as a regression fixture (tests/bad_input.rs or fixtures/) together with its fix.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-600}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(detect parse batch_zip batch_gzip)
export RUSTC_BOOTSTRAP=1

# Seeds: every fixture as is for `detect`; for `parse`, every fixture behind each selector
# byte (the byte picks the n-th of `Format::ALL` as the forced format; n = ALL's length
# means "detect"), so every reader starts from every kind of input.
formats=$(sed -n '/pub const ALL/,/];/p' src/format.rs | grep -c 'Format::[A-Z]')
mkdir -p fuzz/corpus/detect fuzz/corpus/parse
find fixtures -type f ! -name '*.md' ! -name '*.snap' -size -512k | while read -r f; do
  key=$(echo "$f" | tr '/' '_')
  cp "$f" "fuzz/corpus/detect/$key"
  for sel in $(seq 0 "$formats"); do
    { printf "\\$(printf '%03o' "$sel")"; cat "$f"; } > "fuzz/corpus/parse/${sel}_$key"
  done
done

# Seeds for the batch targets: the bulk-download zip, and archives built from the fixtures
# with zip(1) and gzip(1): plain entries, a gzip entry, JSON Lines, a zip inside a zip, and
# gzip files of each (a zip inside a gzip too).
mkdir -p fuzz/corpus/batch_zip fuzz/corpus/batch_gzip
cp tests/data/batch/*.zip fuzz/corpus/batch_zip/
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp fixtures/seeds/*.txt fixtures/ctgov-xml/NCT03133988.xml "$work/"
for f in tests/data/fetch/*.json; do tr -d '\n' < "$f"; echo; done | head -c 200000 > "$work/records.jsonl"
(
  cd "$work"
  gzip -kf NCT03133988.xml records.jsonl NCT00479934.txt
  zip -q seeds.zip NCT00479934.txt NCT06722105.txt NCT03133988.xml.gz
  zip -q lines.zip records.jsonl.gz
  zip -q nested.zip seeds.zip
  gzip -kf nested.zip
)
cp "$work"/seeds.zip "$work"/lines.zip "$work"/nested.zip fuzz/corpus/batch_zip/
cp "$work"/*.gz fuzz/corpus/batch_gzip/

for t in "${targets[@]}"; do
  echo "== fuzzing $t for ${seconds}s"
  cargo fuzz run -O "$t" "fuzz/corpus/$t" -- \
    -max_total_time="$seconds" -max_len=262144 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1
done
