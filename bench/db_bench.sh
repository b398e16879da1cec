#!/usr/bin/env bash
# Native reference for docs/benchmarks.md: RocksDB's own db_bench (Debian package rocksdb-tools) on the
# benchmark's shape: one thread, 16-byte keys, 100-byte values, WAL off, 1M rows, 64 MiB block cache.
# Usage: bench/db_bench.sh [num]   (each benchmark finishes well under a minute on the reference machine)
set -euo pipefail

if ! command -v db_bench >/dev/null 2>&1; then
  echo "db_bench not found: apt-get update && apt-get install -y rocksdb-tools" >&2
  exit 1
fi

num="${1:-1000000}"
dir="$(mktemp -d "${TMPDIR:-/tmp}/typedstore-db_bench.XXXXXX")"
trap 'rm -rf "$dir"' EXIT

db_bench --version 2>/dev/null || true
set -x
db_bench --db="$dir" --benchmarks=fillseq,fillrandom,readrandom \
  --num="$num" --threads=1 --key_size=16 --value_size=100 \
  --disable_wal=1 --cache_size=67108864 --compression_type=snappy \
  --histogram=0 --statistics=0 --progress_reports=0
