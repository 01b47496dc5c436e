#!/usr/bin/env bash
# Renders `trialnorm compare --as html` of the two seed trials in headless Chromium and saves
# the screenshot the README shows (docs/compare-seeds.png). Needs Debian's chromium:
#   apt-get update && apt-get install -y chromium
# Not part of the test suite (CI may lack a browser); tests/compare.rs checks the page itself.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-docs/compare-seeds.png}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cargo run --quiet -- compare --as html fixtures/seeds/NCT00479934.txt fixtures/seeds/NCT06722105.txt \
  > "$work/compare.html"
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$work/profile" --hide-scrollbars \
  --screenshot="$PWD/$out" --window-size=1400,1800 "file://$work/compare.html"
echo "wrote $out"
