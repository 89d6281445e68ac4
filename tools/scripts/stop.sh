#!/usr/bin/env bash
# `npm run stop`: stops the services started by `npm start` (the gateway and console first, so no
# request reaches a service on its way out), waits for each to finish its shutdown, then stops the
# local stack. Only these names: the stack keeps its own pid files in the same folder, and must
# outlive the services' shutdown (they drain their jobs into Redis and MongoDB).
set -euo pipefail
cd "$(dirname "$0")/../.."
data=${C360_DATA_DIR:-$PWD/.data}
for name in console gateway identity-graph touchpoint-store insights generation governance; do
  pidfile=$data/pids/$name.pid
  [[ -f $pidfile ]] || continue
  pid=$(cat "$pidfile")
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    # As long as a service may take to stop (SHUTDOWN_TIMEOUT_MS, 25 s by default), and a little more.
    for _ in $(seq 1 175); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  fi
  rm -f "$pidfile"
done
bash infra/local/stack.sh stop
