#!/bin/sh
# Prints an HTML file to PDF with headless Chromium, as a browser's "Print"
# would (A4 from the report's @page rule, no header or footer added), with
# no network at all: a dead proxy, every host name unresolvable, a fresh
# profile in a temporary folder (removed afterwards), and a time limit so it
# can never hang. The fair report (vetmatch fair plan --report) needs none
# of these, being self-contained; they make sure of it.
#
# Usage: print_to_pdf.sh IN.html OUT.pdf
# Environment: CHROMIUM    the browser (default: chromium; Debian package
#                          chromium, with fonts-noto-cjk for Chinese)
#              PRINT_TIMEOUT  seconds before it is killed (default 120)
# Exit: 0 with OUT.pdf written whole (moved into place); 127 when the
# browser is missing; otherwise the browser's failure, its log on stderr.
set -eu

if [ "$#" -ne 2 ]; then
  echo "usage: print_to_pdf.sh IN.html OUT.pdf" >&2
  exit 2
fi
in=$1
out=$2
browser=${CHROMIUM:-chromium}
if ! command -v "$browser" >/dev/null 2>&1; then
  echo "print_to_pdf.sh: $browser not found (Debian: apt-get install" \
    "chromium fonts-noto-cjk, or make setup)" >&2
  exit 127
fi
if [ ! -r "$in" ]; then
  echo "print_to_pdf.sh: cannot read $in" >&2
  exit 2
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/vetmatch-print.XXXXXX")
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT TERM
abs_in=$(cd "$(dirname "$in")" && pwd)/$(basename "$in")

status=0
timeout -k 5 "${PRINT_TIMEOUT:-120}" "$browser" \
  --headless --no-sandbox --disable-gpu \
  --proxy-server=127.0.0.1:9 --host-resolver-rules="MAP * ~NOTFOUND" \
  --no-first-run --no-default-browser-check --disable-extensions \
  --disable-background-networking --disable-component-update \
  --disable-sync --disable-default-apps \
  --user-data-dir="$work/profile" --no-pdf-header-footer \
  --print-to-pdf="$work/out.pdf" "file://$abs_in" >"$work/log" 2>&1 || status=$?
if [ "$status" -ne 0 ]; then
  cat "$work/log" >&2
  echo "print_to_pdf.sh: $browser failed (exit $status)" >&2
  exit "$status"
fi
if [ ! -s "$work/out.pdf" ]; then
  cat "$work/log" >&2
  echo "print_to_pdf.sh: $browser wrote no PDF" >&2
  exit 1
fi
cp "$work/out.pdf" "$out.tmp.$$"
mv -f "$out.tmp.$$" "$out"
