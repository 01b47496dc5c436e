#!/usr/bin/env bash
# Fuzz the detector and every parser, seeded from fixtures/.
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]     (default: 600 seconds, all targets)
# Needs cargo-fuzz (`cargo install cargo-fuzz`); RUSTC_BOOTSTRAP lets the stable toolchain
# take the sanitizer flags libFuzzer needs. Crashes land in fuzz/artifacts/<target>/: keep each
# as a regression fixture (tests/bad_input.rs or fixtures/) together with its fix.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-600}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(detect parse)
export RUSTC_BOOTSTRAP=1

# Seeds: every fixture as is for `detect`; for `parse`, every fixture behind each selector
# byte (the byte picks the forced format; 9 means "detect").
mkdir -p fuzz/corpus/detect fuzz/corpus/parse
find fixtures -type f ! -name '*.md' ! -name '*.snap' -size -512k | while read -r f; do
  key=$(echo "$f" | tr '/' '_')
  cp "$f" "fuzz/corpus/detect/$key"
  for sel in 0 1 2 3 4 5 6 7 8 9; do
    { printf "\\x0$sel"; cat "$f"; } > "fuzz/corpus/parse/${sel}_$key"
  done
done

for t in "${targets[@]}"; do
  echo "== fuzzing $t for ${seconds}s"
  cargo fuzz run -O "$t" "fuzz/corpus/$t" -- \
    -max_total_time="$seconds" -max_len=262144 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1
done
