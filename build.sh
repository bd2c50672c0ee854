#!/usr/bin/env bash
# One entry point: ./build.sh build|test|check|run|bench [--configuration Release|Debug] [-- extra args]
set -euo pipefail
cd "$(dirname "$0")"

usage() {
  cat <<'USAGE'
usage: ./build.sh <command> [options] [-- args for the program]
commands:
  build   restore and build the whole solution
  test    build and run every test project
  check   the house rules: every file as .editorconfig says (dotnet format --verify-no-changes), and proof that a
          shipped library's build fails on an undocumented or unrecorded public member (tests/BuildRules)
  run     run the main sample (samples/Quickstart)
  bench   run the BenchmarkDotNet suite (args after -- go to BenchmarkDotNet, e.g. -- --filter '*Gemm*')
options:
  --configuration C           Release (default) or Debug
USAGE
}

command="${1:-}"
[ -n "$command" ] || { usage; exit 2; }
shift
configuration=Release
passthrough=()
while [ $# -gt 0 ]; do
  case "$1" in
    --configuration|-c) configuration="${2:?--configuration needs a value}"; shift 2 ;;
    --) shift; passthrough=("$@"); break ;;
    -h|--help) usage; exit 0 ;;
    *) echo "build.sh: unknown option '$1'" >&2; usage >&2; exit 2 ;;
  esac
done

if ! command -v dotnet >/dev/null 2>&1; then
  echo "build.sh: the .NET SDK (10.0 or later) is required and 'dotnet' is not on PATH; install it from your distribution or https://dot.net" >&2
  exit 1
fi
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

props=(-c "$configuration")

build() { dotnet build MLExtensions.sln "${props[@]}" -warnaserror "$@"; }

run_tests() {
  build
  local log; log="$(mktemp)"
  local status=0
  dotnet test MLExtensions.sln "${props[@]}" --no-build "${passthrough[@]}" 2>&1 | tee "$log" || status=$?
  # One plain closing line summed over every test project, so CI can read the totals.
  awk '/^(Passed|Failed)!/ {
         for (i = 1; i <= NF; i++) {
           gsub(",", "", $(i+1))
           if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1)
         }
         n++
       }
       END { if (n == 0) { print "tests: no test summary found"; exit 1 }
             printf "tests: %d passed, %d failed, %d skipped\n", p, f, s }' "$log" || status=1
  rm -f "$log"
  return $status
}

check() {
  dotnet format MLExtensions.sln --verify-no-changes -v q
  echo "format: every file as .editorconfig says"
  dotnet msbuild tests/BuildRules/BuildRules.proj -t:Check -nologo -v m
}

case "$command" in
  build) build ;;
  test) run_tests ;;
  check) check ;;
  run) dotnet run --project samples/Quickstart/Quickstart.csproj "${props[@]}" -- "${passthrough[@]}" ;;
  bench) dotnet run --project tests/MLExtensions.Benchmarks/MLExtensions.Benchmarks.csproj "${props[@]}" -- "${passthrough[@]}" ;;
  *) echo "build.sh: unknown command '$command'" >&2; usage >&2; exit 2 ;;
esac
