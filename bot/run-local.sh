#!/usr/bin/env bash
# Runs the bot on this machine: Azurite (Table Storage, data in .azurite/), the bot in the
# Development environment with the demo directory, and the Microsoft 365 Agents Playground pointed
# at it. Installs what is missing first. Ctrl+C stops all three.
set -euo pipefail
cd "$(dirname "$0")/.."

BOT_PORT="${BOT_PORT:-3978}"
TABLE_PORT="${TABLE_PORT:-10002}"
PLAYGROUND_PORT="${PLAYGROUND_PORT:-56150}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "== npm ci"
  npm ci --no-audit --no-fund --loglevel=error
fi
echo "== dotnet build"
dotnet build bot/MingXin.Bot/MingXin.Bot.csproj --configuration Debug --verbosity quiet

pids=()
kill_tree() {
  local child
  for child in $(pgrep -P "$1" 2>/dev/null); do kill_tree "$child"; done
  kill "$1" 2>/dev/null || true
}
stop() {
  trap - INT TERM EXIT
  echo
  echo "== stopping"
  for pid in "${pids[@]}"; do kill_tree "$pid"; done
  wait 2>/dev/null || true
}
trap stop INT TERM EXIT

mkdir -p .azurite
echo "== Azurite Table Storage on 127.0.0.1:$TABLE_PORT (data in .azurite/)"
node node_modules/azurite/dist/src/table/main.js --tableHost 127.0.0.1 --tablePort "$TABLE_PORT" \
  --location .azurite --disableTelemetry --silent &
pids+=($!)

echo "== bot on http://127.0.0.1:$BOT_PORT"
ASPNETCORE_ENVIRONMENT=Development \
Records__PublicBaseUrl="http://127.0.0.1:$BOT_PORT" \
Storage__ConnectionString="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;TableEndpoint=http://127.0.0.1:$TABLE_PORT/devstoreaccount1;" \
  dotnet run --project bot/MingXin.Bot/MingXin.Bot.csproj --no-build --no-launch-profile --urls "http://127.0.0.1:$BOT_PORT" &
pids+=($!)

for _ in $(seq 1 60); do
  if curl -fsS "http://127.0.0.1:$BOT_PORT/healthz" >/dev/null 2>&1; then break; fi
  sleep 1
done
curl -fsS "http://127.0.0.1:$BOT_PORT/healthz" && echo

echo "== Agents Playground on http://localhost:$PLAYGROUND_PORT (demo people: bot/.m365agentsplayground.yml)"
(cd bot && TEAMSAPPTESTER_BROWSER=none M365_AGENTS_PLAYGROUND_LOGFILE="$PWD/../.azurite/playground.log" \
  exec ../node_modules/.bin/agentsplayground --app-endpoint "http://127.0.0.1:$BOT_PORT/api/messages" \
  --channel-id msteams --port "$PLAYGROUND_PORT" --disable-telemetry) &
pids+=($!)

echo "== ready: open http://localhost:$PLAYGROUND_PORT and type 'help'. Ctrl+C stops everything."
wait -n "${pids[@]}" || true
