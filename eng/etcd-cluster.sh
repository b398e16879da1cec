#!/usr/bin/env bash
# A 3-member etcd cluster on 127.0.0.1 for tests and benchmarks (docs/scale-out.md). Loopback only, data in <dir>.
#
#   eng/etcd-cluster.sh start <dir> [base-port] [max-txn-ops]
#                                                  start 3 members; prints the client endpoints (comma-separated) and
#                                                  returns once every member answers (about a second); max-txn-ops
#                                                  defaults to etcd's 128
#   eng/etcd-cluster.sh stop <dir>                 stop every member started in <dir> and remove <dir>
#   eng/etcd-cluster.sh kill <dir> <member>        SIGKILL one member (0, 1 or 2): failover tests
#   eng/etcd-cluster.sh endpoints <dir>            print the client endpoints again
#
# Member i listens for clients on base-port + 2i and for peers on base-port + 2i + 1 (default base 23790). The
# heartbeat and election timeouts are 50 ms / 500 ms (etcd's defaults are 100 / 1000): elections after a kill take
# half the time, which keeps the failover test short, and are still ten heartbeats long on a loaded 2-core machine.
set -euo pipefail

usage() { echo "usage: $0 start <dir> [base-port] [max-txn-ops] | stop <dir> | kill <dir> <member> | endpoints <dir>" >&2; exit 2; }
[ $# -ge 2 ] || usage
command=$1
dir=$2
members=3

endpoints() { tr -d '\n' <"$dir/endpoints"; echo; }

case "$command" in
  start)
    base=${3:-23790}
    max_txn_ops=${4:-128}
    if ! command -v etcd >/dev/null 2>&1; then
      echo "etcd is not installed: apt-get install etcd-server etcd-client (Debian), or put etcd 3.4+ on PATH" >&2
      exit 3
    fi
    mkdir -p "$dir"
    cluster=""
    for i in $(seq 0 $((members - 1))); do
      cluster+="${cluster:+,}m$i=http://127.0.0.1:$((base + 2 * i + 1))"
    done
    list=""
    for i in $(seq 0 $((members - 1))); do
      client=$((base + 2 * i))
      peer=$((client + 1))
      list+="${list:+,}http://127.0.0.1:$client"
      etcd --name "m$i" --data-dir "$dir/m$i" \
        --listen-client-urls "http://127.0.0.1:$client" --advertise-client-urls "http://127.0.0.1:$client" \
        --listen-peer-urls "http://127.0.0.1:$peer" --initial-advertise-peer-urls "http://127.0.0.1:$peer" \
        --initial-cluster "$cluster" --initial-cluster-state new --initial-cluster-token "typedstore-$base" \
        --heartbeat-interval 50 --election-timeout 500 --max-txn-ops "$max_txn_ops" --log-level error --logger zap \
        >"$dir/m$i.log" 2>&1 &
      echo $! >"$dir/m$i.pid"
    done
    echo "$list" >"$dir/endpoints"
    # Ready when every member's /health says true (it is only true once the member knows a leader).
    for _ in $(seq 1 200); do
      healthy=0
      for i in $(seq 0 $((members - 1))); do
        if curl -s -m 1 "http://127.0.0.1:$((base + 2 * i))/health" 2>/dev/null | grep -q '"health":"true"'; then
          healthy=$((healthy + 1))
        fi
      done
      if [ "$healthy" -eq "$members" ]; then
        endpoints
        exit 0
      fi
      for i in $(seq 0 $((members - 1))); do
        if ! kill -0 "$(cat "$dir/m$i.pid")" 2>/dev/null; then
          echo "etcd member m$i exited during start; its log:" >&2
          cat "$dir/m$i.log" >&2
          "$0" stop "$dir" >/dev/null 2>&1 || true
          exit 1
        fi
      done
      sleep 0.05
    done
    echo "the etcd cluster in $dir did not become healthy within 10 s" >&2
    exit 1
    ;;
  stop)
    for pidfile in "$dir"/m*.pid; do
      [ -e "$pidfile" ] || continue
      pid=$(cat "$pidfile")
      kill "$pid" 2>/dev/null || true
    done
    for pidfile in "$dir"/m*.pid; do
      [ -e "$pidfile" ] || continue
      pid=$(cat "$pidfile")
      for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.02; done
      kill -9 "$pid" 2>/dev/null || true
    done
    rm -rf "$dir"
    ;;
  kill)
    [ $# -eq 3 ] || usage
    kill -9 "$(cat "$dir/m$3.pid")"
    ;;
  endpoints)
    endpoints
    ;;
  *) usage ;;
esac
