#!/usr/bin/env bash
# The consumer test (docs/packaging.md): packs TypedStore, TypedStore.Hosting and TypedStore.Etcd into a folder feed,
# then, for each sample of tests/consumer/, does what a user does: restore from that feed, build, run (the sample
# asserts and exits non-zero on a failed check), publish with NativeAOT (PublishAot=true in its project file), run the
# native binary, and check that the publish folder holds exactly one librocksdb. EtcdSample runs (as IL and as the
# native binary) against a 3-member etcd cluster on loopback that this script starts with eng/etcd-cluster.sh on free
# ports and stops on exit, failure included. Prints the package sizes, the publish sizes and each step's time.
#
#   eng/consumer-test.sh [--keep]     --keep leaves the work folder (printed) for a look afterwards
#
# Isolation, so that nothing but the packages just packed can make it pass:
#   - the samples are copied to a folder outside the repository: none of its Directory.*.props, NuGet settings or
#     project references apply;
#   - the packages get a version no other build has (0.1.0-consumer.<UTC time>), and a package source mapping
#     sends TypedStore* to the local feed only: no cache, and no package of that name elsewhere, can stand in;
#   - restore uses its own packages folder (the work folder's), so a stale extracted package cannot be used.
#     Third-party packages already in the machine's cache are reused from it read-only (a fallback folder), so
#     the test does not download RocksDB and the NativeAOT compiler again on every run.
set -euo pipefail

cd "$(dirname "$0")/.."
repo=$(pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

keep=false
[ "${1:-}" = "--keep" ] && keep=true

work=$(mktemp -d "${TMPDIR:-/tmp}/typedstore-consumer.XXXXXX")
cluster=""
cleanup() {
  # The etcd cluster first (its data lives in the work folder), whether the script passed or failed.
  if [ -n "$cluster" ]; then eng/etcd-cluster.sh stop "$cluster" >/dev/null 2>&1 || true; fi
  if $keep; then echo "work folder kept: $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

started=$SECONDS
step_started=""
step() {
  if [ -n "$step_started" ]; then printf '    (%d s)\n' $((SECONDS - step_started)); fi
  printf '\n--> %s\n' "$*"
  step_started=$SECONDS
}
size() { du -sh "$1" | cut -f1; }

# Six consecutive free ports on 127.0.0.1 (3 members x client and peer), below the ephemeral range so that no outgoing
# connection takes one meanwhile. A port is free when nothing accepts a connection on it.
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port_base() {
  for _ in $(seq 1 50); do
    local base=$((15000 + RANDOM % 15000)) port free=true
    for port in $(seq "$base" $((base + 5))); do port_free "$port" || { free=false; break; }; done
    if $free; then echo "$base"; return 0; fi
  done
  echo "no six consecutive free ports on 127.0.0.1" >&2
  return 1
}

suffix="consumer.$(date -u +%Y%m%d%H%M%S)"
feed=$work/feed

step "Pack TypedStore, TypedStore.Hosting and TypedStore.Etcd (VersionSuffix=$suffix) into $feed"
for project in src/TypedStore/TypedStore.csproj src/TypedStore.Hosting/TypedStore.Hosting.csproj src/TypedStore.Etcd/TypedStore.Etcd.csproj; do
  dotnet pack "$project" -c Release -o "$feed" -p:VersionSuffix="$suffix" -nologo -v quiet
done
package=$(ls "$feed"/TypedStore.[0-9]*.nupkg)
version=$(basename "$package" .nupkg); version=${version#TypedStore.}
echo "version: $version"

machine_packages=${NUGET_PACKAGES:-$HOME/.nuget/packages}
cp global.json "$work/"
cat >"$work/NuGet.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <config>
    <add key="globalPackagesFolder" value="packages" />
  </config>
  <packageSources>
    <add key="local" value="feed" />
  </packageSources>
  <fallbackPackageFolders>
    <clear />
    <add key="machine" value="$machine_packages" />
  </fallbackPackageFolders>
  <packageSourceMapping>
    <packageSource key="local">
      <package pattern="TypedStore" />
      <package pattern="TypedStore.*" />
    </packageSource>
    <packageSource key="nuget.org">
      <package pattern="*" />
    </packageSource>
  </packageSourceMapping>
</configuration>
XML
# NUGET_PACKAGES would override the config's globalPackagesFolder.
unset NUGET_PACKAGES

for sample in Sample HostingSample EtcdSample; do
  app=$work/$sample
  cp -r "tests/consumer/$sample" "$app"
  rm -rf "$app/bin" "$app/obj"
  props=(-p:TypedStoreVersion="$version")
  if [ "$sample" = EtcdSample ]; then
    step "EtcdSample: start a 3-member etcd cluster on 127.0.0.1"
    cluster=$work/etcd
    base_port=$(free_port_base)
    TYPEDSTORE_ETCD_ENDPOINTS=$(eng/etcd-cluster.sh start "$cluster" "$base_port")
    export TYPEDSTORE_ETCD_ENDPOINTS
    echo "endpoints: $TYPEDSTORE_ETCD_ENDPOINTS"
  fi

  step "$sample: restore from the feed, build, run"
  dotnet restore "$app" "${props[@]}" -nologo -v quiet
  extracted=$work/packages/typedstore/$version
  [ -d "$extracted" ] || { echo "TypedStore $version was not restored into $work/packages from the feed" >&2; exit 1; }
  # The generator is inside the package as an analyzer (not a lib), beside the buildTransitive target.
  for expected in analyzers/dotnet/cs/TypedStore.Generators.dll analyzers/dotnet/cs/TypedStore.Generators.CodeFixes.dll buildTransitive/TypedStore.targets lib/net10.0/TypedStore.dll; do
    [ -f "$extracted/$expected" ] || { echo "the TypedStore package has no $expected" >&2; exit 1; }
  done
  if [ "$sample" = EtcdSample ]; then
    [ -f "$work/packages/typedstore.etcd/$version/lib/net10.0/TypedStore.Etcd.dll" ] \
      || { echo "TypedStore.Etcd $version was not restored from the feed (or has no lib/net10.0/TypedStore.Etcd.dll)" >&2; exit 1; }
  fi
  dotnet build "$app" -c Release --no-restore "${props[@]}" -nologo -v quiet
  dotnet run --project "$app" -c Release --no-build "${props[@]}"

  step "$sample: publish with NativeAOT (linux-x64) and run the native binary"
  log=$work/$sample-publish.log
  dotnet publish "$app" -c Release -r linux-x64 -o "$app/publish" "${props[@]}" -nologo 2>&1 | tee "$log" >/dev/null \
    || { cat "$log" >&2; exit 1; }
  if grep -E "warning (IL|NU|CS)[0-9]+" "$log"; then echo "$sample: warnings in the publish" >&2; exit 1; fi
  "$app/publish/$sample"

  mapfile -t natives < <(find "$app/publish" -name 'librocksdb*' -printf '%f\n' | sort)
  if [ "${#natives[@]}" -ne 1 ]; then
    echo "$sample: the publish folder holds ${#natives[@]} librocksdb files (${natives[*]:-none}); expected exactly one" >&2
    exit 1
  fi
  echo "$sample: publish holds one native library: ${natives[0]}"
  printf '%s publish: %s in all: binary %s, %s %s, native debug symbols (%s.dbg, not needed to run) %s\n' \
    "$sample" "$(size "$app/publish")" "$(size "$app/publish/$sample")" "${natives[0]}" "$(size "$app/publish/${natives[0]}")" \
    "$sample" "$(size "$app/publish/$sample.dbg")"
done

step "Package sizes"
for file in "$feed"/*.nupkg "$feed"/*.snupkg; do
  printf '%-60s %s\n' "$(basename "$file")" "$(size "$file")"
done
printf '    (%d s)\n' $((SECONDS - step_started))
echo "consumer test: passed in $((SECONDS - started)) s"
