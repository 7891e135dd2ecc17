#!/usr/bin/env bash
# Draws the first page of each document the document tests make (a customer's quotation, the company's
# copy of a quotation, a delivery note for the customer and for the company) to docs/documents/<name>.png,
# with poppler's pdftoppm. Needs: apt-get install -y poppler-utils (and Azurite's npm packages: npm ci).
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v pdftoppm >/dev/null || { echo "pdftoppm is not installed: apt-get install -y poppler-utils" >&2; exit 1; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
dotnet build -c Release tests/MingXin.Bot.Tests >/dev/null
WRITE_DOCUMENTS="$work" dotnet test tests/MingXin.Bot.Tests -c Release --no-build --filter "FullyQualifiedName~DocumentFlowTests" >/dev/null
mkdir -p docs/documents
for pdf in "$work"/*.pdf; do
  name="$(basename "$pdf" .pdf)"
  pdftoppm -png -r 80 -f 1 -l 1 -singlefile "$pdf" "docs/documents/$name"
  echo "docs/documents/$name.png"
done
