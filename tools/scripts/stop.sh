#!/usr/bin/env bash
# `npm run stop`: stops the services started by `npm start`, then the local stack.
set -euo pipefail
cd "$(dirname "$0")/../.."
data=${C360_DATA_DIR:-$PWD/.data}
for pidfile in "$data"/pids/*.pid; do
  [[ -f $pidfile ]] || continue
  pid=$(cat "$pidfile")
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  fi
  rm -f "$pidfile"
done
bash infra/local/stack.sh stop
