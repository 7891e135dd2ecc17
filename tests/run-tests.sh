#!/usr/bin/env bash
# Builds and runs every test of the repository.
# Installs what is missing (npm ci for Azurite and the Adaptive Cards reference libraries, dotnet
# restore); the tests start their own Azurite on free loopback ports and stop it afterwards.
# Ends with one line "tests: N passed, N failed, N skipped" computed from the test results, and
# exits non-zero when anything failed.
set -uo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

for tool in node npm dotnet; do
  command -v "$tool" >/dev/null || { echo "error: $tool is not installed" >&2; echo "tests: 0 passed, 1 failed"; exit 1; }
done

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "== npm ci"
  npm ci --no-audit --no-fund --loglevel=error || { echo "error: npm ci failed" >&2; echo "tests: 0 passed, 1 failed"; exit 1; }
fi

results="$(mktemp -d)"
trap 'rm -rf "$results"' EXIT

echo "== dotnet test"
dotnet test MingXin.Bot.sln --configuration Release --logger "trx" --logger "console;verbosity=minimal" --results-directory "$results"
status=$?

passed=0 failed=0 skipped=0 files=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  files=$((files + 1))
  counters="$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)"
  value() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]\+' || echo 0; }
  total=$(value total)
  p=$(value passed); f=$(value failed); e=$(value error); t=$(value timeout); a=$(value aborted)
  passed=$((passed + p))
  failed=$((failed + f + e + t + a))
  skipped=$((skipped + total - p - f - e - t - a))
done

if [ "$files" -eq 0 ] && [ "$status" -ne 0 ]; then
  echo "error: the build failed before any test ran" >&2
  failed=$((failed + 1))
fi

echo "tests: $passed passed, $failed failed, $skipped skipped"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ]; then
  exit 1
fi
