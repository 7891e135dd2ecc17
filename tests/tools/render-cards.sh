#!/usr/bin/env bash
# Renders every card template, filled with its sample data, to docs/cards/<name>.png with the
# official Adaptive Cards renderer (npm adaptivecards) in headless Chromium.
# Needs Debian's chromium and a CJK font: apt-get install -y chromium fonts-noto-cjk fonts-noto-color-emoji
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v chromium >/dev/null || { echo "chromium is not installed: apt-get install -y chromium fonts-noto-cjk fonts-noto-color-emoji" >&2; exit 1; }
[ -d node_modules/adaptivecards ] || npm ci --no-audit --no-fund --loglevel=error

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
node tests/tools/card-pages.js "$work"
for page in "$work"/*.html; do
  name="$(basename "$page" .html)"
  chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync --hide-scrollbars --user-data-dir="$work/profile" \
    --window-size=480,760 --screenshot="docs/cards/$name.png" "file://$page" >/dev/null 2>&1
  echo "docs/cards/$name.png"
done
