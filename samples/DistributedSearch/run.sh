#!/usr/bin/env bash
# Two silos and a client on localhost, three processes: the client runs the spirals search locally and then on the
# cluster and prints the speed-up. Every process this script starts is stopped when it exits, however it exits.
# usage: samples/DistributedSearch/run.sh [--trials N] [--points-per-arm N]
set -euo pipefail
cd "$(dirname "$0")"
root="$(cd ../.. && pwd)"
work="$root/artifacts/distributed-search"
mkdir -p "$work"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

dotnet build DistributedSearch.csproj -c Release -warnaserror -nologo -v quiet
program="$root/artifacts/bin/DistributedSearch/Release/net10.0/DistributedSearch.dll"

pids=()
# ${pids[@]+...}: an empty array is "unbound" under set -u in bash before 4.4 (when the build fails, say).
stop_silos() {
  for pid in ${pids[@]+"${pids[@]}"}; do
    kill "$pid" 2>/dev/null || true
  done
  # A silo gets 30 seconds to stop cleanly, then is killed.
  for _ in $(seq 30); do
    alive=0
    for pid in ${pids[@]+"${pids[@]}"}; do
      kill -0 "$pid" 2>/dev/null && alive=1
    done
    [ "$alive" = 0 ] && break
    sleep 1
  done
  for pid in ${pids[@]+"${pids[@]}"}; do
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
}
trap stop_silos EXIT
trap 'exit 130' INT TERM

for index in 0 1; do
  dotnet "$program" silo "$index" --slots 1 > "$work/silo$index.log" 2>&1 &
  pids+=($!)
done
echo "silos started (logs: $work/silo0.log, $work/silo1.log)"
dotnet "$program" client --data "$work/spirals.idv" --silos 2 "$@"
