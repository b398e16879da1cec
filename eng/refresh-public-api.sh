#!/usr/bin/env bash
# Rewrites PublicAPI.Unshipped.txt of every library (src/TypedStore, src/TypedStore.Hosting) from the code
# (docs/public-api.md).
#
#   eng/refresh-public-api.sh           rewrite the file
#   eng/refresh-public-api.sh --check   fail (exit 1, with the diff) if the file is not what the code declares
#
# How: Unshipped is reset to its '#nullable enable' header (keeping its '*REMOVED*' lines: removing a shipped
# symbol is a decision a person writes down, never something this script does), then `dotnet format analyzers`
# applies the PublicApiAnalyzers code fixes (RS0016: add every public symbol that Shipped does not declare;
# RS0017: drop a line whose symbol is gone), then the lines are sorted the way the code fix sorts them
# (ordinal, ignoring case), so the result depends on the code only. PublicAPI.Shipped.txt is never touched:
# it changes only at a release. Works from a clean clone (it restores and builds the generator first).
set -euo pipefail

cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

header='#nullable enable'
# Every library package (docs/public-api.md): the runtime, the hosting package and the etcd engine.
libraries=(src/TypedStore src/TypedStore.Hosting src/TypedStore.Etcd)

check=false
case "${1:-}" in
  --check) check=true ;;
  "") ;;
  *) echo "usage: $0 [--check]" >&2; exit 2 ;;
esac

before=$(mktemp)
log=$(mktemp)
trap 'rm -f "$before" "$log"' EXIT

# The library is compiled with its own source generator (the catalog tables): build it first so the
# workspace dotnet format loads has the generated code, exactly as the build sees it.
dotnet build generators/TypedStore.Generators -c Release -v quiet -nologo >"$log" 2>&1 || { cat "$log" >&2; exit 1; }

refresh() {
  local dir=$1
  local project=$dir/$(basename "$dir").csproj
  local unshipped=$dir/PublicAPI.Unshipped.txt
  local shipped=$dir/PublicAPI.Shipped.txt
  cp "$unshipped" "$before"

  # Keep the '*REMOVED*' lines that still name a line of Shipped (a stale one, for a symbol never shipped, goes).
  {
    printf '%s\n' "$header"
    grep '^\*REMOVED\*' "$before" | tr -d '\r' | while IFS= read -r line; do
      grep -q -x -F -- "${line#\*REMOVED\*}" "$shipped" && printf '%s\n' "$line"
    done || true
  } >"$unshipped"
  if ! dotnet format analyzers "$project" --diagnostics RS0016 RS0017 --severity warn >"$log" 2>&1; then
    cat "$log" >&2
    cp "$before" "$unshipped"
    echo "dotnet format failed; $unshipped left as it was" >&2
    return 1
  fi

  # Canonical form: the header, then the entries sorted ordinal-ignoring-case (ties: ordinal), LF, no blanks.
  {
    printf '%s\n' "$header"
    grep -v -x -F "$header" "$unshipped" | tr -d '\r' | grep -v '^[[:space:]]*$' | LC_ALL=C sort -f || true
  } >"$unshipped.tmp"
  mv "$unshipped.tmp" "$unshipped"

  if $check; then
    if ! diff -u "$before" "$unshipped"; then
      cp "$before" "$unshipped"
      echo "$unshipped is out of date: run eng/refresh-public-api.sh and commit the result" >&2
      return 1
    fi
    echo "$unshipped is up to date"
  else
    if cmp -s "$before" "$unshipped"; then
      echo "$unshipped unchanged"
    else
      echo "$unshipped rewritten:"
      diff -u "$before" "$unshipped" | grep -E '^[+-][^+-]' || true
    fi
  fi
}

status=0
for library in "${libraries[@]}"; do
  refresh "$library" || status=1
done
exit $status
