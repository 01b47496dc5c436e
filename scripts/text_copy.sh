#!/usr/bin/env bash
# Makes a text copy of a saved HTML page as a person makes one (select all, copy): the
# page is loaded in headless Chromium (no network; its own stylesheets and scripts are
# not there, so only inline styles hide anything) and the page's `innerText` is written
# out. Used to make the `*.copy.txt` fixtures under fixtures/pages/ from saved pages;
# `cargo test` never runs it.
#
#   scripts/text_copy.sh PAGE.html > PAGE.copy.txt
#
# Needs Debian's `chromium` and python3.
set -euo pipefail
page="$1"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python3 - "$page" "$work/page.html" <<'PY'
import sys
src = open(sys.argv[1], encoding="utf-8", errors="replace").read()
grab = ('<script>window.addEventListener("load",function(){'
        'var t=document.body.innerText;'
        'var p=document.createElement("pre");p.id="trialnorm-copy";p.textContent=t;'
        'document.documentElement.replaceChildren(p);});</script>')
at = src.lower().rfind("</body>")
out = src[:at] + grab + src[at:] if at >= 0 else src + grab
open(sys.argv[2], "w", encoding="utf-8").write(out)
PY
chromium --headless --no-sandbox --disable-gpu --disable-extensions \
  --virtual-time-budget=5000 --dump-dom "file://$work/page.html" 2>/dev/null \
  | python3 -c '
import html, re, sys
dom = sys.stdin.read()
m = re.search(r"<pre id=\"trialnorm-copy\">(.*?)</pre>", dom, re.S)
if not m:
    sys.exit("no text copy: the page did not load")
sys.stdout.write(html.unescape(m.group(1)))
'
