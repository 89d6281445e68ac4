#!/usr/bin/env bash
# `npm start`: installs what is missing, starts the local stack, every service with its workers and
# the gateway (each in the background, logs under .data/logs), loads the demo data on first start
# and prints the gateway URL with a development token. `npm run stop` stops it all.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
data=${C360_DATA_DIR:-$root/.data}
mkdir -p "$data/logs" "$data/pids"

bash tools/scripts/ensure-deps.sh
bash infra/local/stack.sh start

# Local secrets are made once and kept out of git; production passes its own through the environment.
if [[ ! -f $data/local.env ]]; then
  {
    echo "INTERNAL_TOKEN_SECRET=$(openssl rand -hex 32)"
    echo "ACCESS_TOKEN_SECRET=$(openssl rand -hex 32)"
  } >"$data/local.env"
  chmod 600 "$data/local.env"
fi
# Secrets added after a first start are appended, so an existing local.env keeps working.
if ! grep -q '^SUPPRESSION_SECRET=' "$data/local.env"; then
  echo "SUPPRESSION_SECRET=$(openssl rand -hex 32)" >>"$data/local.env"
fi
if ! grep -q '^WEBHOOK_SECRET_ENCRYPTION_KEY=' "$data/local.env"; then
  echo "WEBHOOK_SECRET_ENCRYPTION_KEY=$(openssl rand -base64 32)" >>"$data/local.env"
fi
if ! grep -q '^AUDIT_ANCHOR_KEY=' "$data/local.env"; then
  echo "AUDIT_ANCHOR_KEY=$(openssl rand -hex 32)" >>"$data/local.env"
fi
set -a
# shellcheck disable=SC1091
source "$data/local.env"
set +a
export LOG_LEVEL=${LOG_LEVEL:-info}

npx tsx tools/composition/check-composition.ts --out "$data/supergraph.graphql"
export SUPERGRAPH_PATH=$data/supergraph.graphql

# The console is built once per start and served as static files; the gateway lets exactly its
# origin call it (CORS) and serves GraphiQL from the same build.
console_port=${CONSOLE_PORT:-4173}
console_url=http://127.0.0.1:$console_port
echo "building the console (dist/apps/console)"
npx vite build -c apps/console/vite.config.ts --logLevel warn

start_service() {
  local name=$1 port=$2
  local pidfile=$data/pids/$name.pid
  if [[ -f $pidfile ]] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
    echo "$name already running (pid $(cat "$pidfile"))"
    return
  fi
  PORT=$port nohup node_modules/.bin/tsx "apps/$name/src/main.ts" >"$data/logs/$name.log" 2>&1 &
  echo $! >"$pidfile"
}

wait_ready() {
  local name=$1 port=$2
  for _ in $(seq 1 120); do
    if curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1; then
      echo "$name ready on http://127.0.0.1:$port (log: $data/logs/$name.log)"
      return
    fi
    sleep 0.5
  done
  echo "$name did not become ready; last lines of $data/logs/$name.log:" >&2
  tail -n 30 "$data/logs/$name.log" >&2
  exit 1
}

services=(identity-graph:4001 touchpoint-store:4002 insights:4003 generation:4004 governance:4005)
for s in "${services[@]}"; do start_service "${s%%:*}" "${s##*:}"; done
for s in "${services[@]}"; do wait_ready "${s%%:*}" "${s##*:}"; done
CONSOLE_ORIGIN=$console_url INTROSPECTION=true GRAPHIQL_ASSETS_DIR=$root/dist/apps/console start_service gateway 4000
wait_ready gateway 4000

console_pidfile=$data/pids/console.pid
if ! { [[ -f $console_pidfile ]] && kill -0 "$(cat "$console_pidfile")" 2>/dev/null; }; then
  CONSOLE_PORT=$console_port CONSOLE_GATEWAY_URL=http://127.0.0.1:4000 nohup node_modules/.bin/tsx apps/console/server/main.ts >"$data/logs/console.log" 2>&1 &
  echo $! >"$console_pidfile"
fi
for _ in $(seq 1 60); do curl -fsS "$console_url/config.json" >/dev/null 2>&1 && break; sleep 0.5; done

if [[ ! -f $data/demo-loaded ]]; then
  npx tsx tools/seed/load-demo.ts && touch "$data/demo-loaded"
fi

token=$(npx tsx tools/seed/dev-token.ts)
cat <<MSG

c360 is running.
  gateway:  http://127.0.0.1:4000/graphql
  token:    Authorization: Bearer $token
  try:      curl -s http://127.0.0.1:4000/graphql -H 'content-type: application/json' \\
              -H "authorization: Bearer \$TOKEN" \\
              -d '{"query":"{ customerByIdentifier(type: EMAIL, value: \"ada@example.com\") { id identifiers { type value } } }"}'
  console:  $console_url
  stop:     npm run stop
MSG
npx tsx tools/seed/dev-links.ts "$console_url" http://127.0.0.1:4000
