#!/usr/bin/env bash
# npm run deploy:check: the deployment files are current and valid, and every service runs from its
# bundle alone, as its image runs it.
#  1. infra/deploy is what tools/deploy/services.ts renders;
#  2. the Kubernetes manifests pass kubernetes-validate --strict (schemas ship inside the PyPI package,
#     so this works offline once installed) and the compose file passes `docker-compose config`;
#  3. each app's bundle (nx build) installs with `npm ci --omit=dev` from its own lock and, started
#     with `node main.js` as the image starts it (nothing from the monorepo beside it), answers /readyz.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
data=${C360_DATA_DIR:-$root/.data}
mkdir -p "$data"

npx tsx tools/deploy/render-manifests.ts --check

venv=$data/venv-deploy
if [[ ! -x $venv/bin/kubernetes-validate ]]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q kubernetes-validate==1.37.0
fi
manifests=$(ls infra/deploy/k8s/*.yaml | grep -v kustomization.yaml)
# shellcheck disable=SC2086
"$venv/bin/kubernetes-validate" --strict --quiet $manifests
echo "kubernetes manifests valid ($(echo "$manifests" | wc -l) files)"

apps=(identity-graph:4001 touchpoint-store:4002 insights:4003 generation:4004 governance:4005 gateway:4000)
for a in "${apps[@]}"; do node tools/build/build-app.mjs "${a%%:*}" >/dev/null; done
npx tsx tools/composition/check-composition.ts --out dist/supergraph.graphql >/dev/null
for a in "${apps[@]}"; do (cd "dist/apps/${a%%:*}" && npm ci --omit=dev --ignore-scripts --prefer-offline --no-audit --no-fund --loglevel=error >/dev/null); done
echo "bundles installed from their own lock files"

# After the builds: compose checks that each build context exists.
secrets=(INTERNAL_TOKEN_SECRET ACCESS_TOKEN_SECRET SUPPRESSION_SECRET WEBHOOK_SECRET_ENCRYPTION_KEY AUDIT_ANCHOR_KEY NEO4J_PASSWORD)
env $(for s in "${secrets[@]}"; do echo "$s=check"; done) docker-compose -f infra/deploy/compose.yaml config -q
echo "compose file valid"

run=$(mktemp -d)
pids=()
stop() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap stop EXIT
# Ports and names of their own, beside anything else running on the local stack.
prefix=deploycheck$$
secret=$(openssl rand -hex 32)
start() {
  local name=$1 port=$2
  (cd "dist/apps/$name" && exec env -i PATH="$PATH" NODE_ENV=production HOST=127.0.0.1 PORT="$port" QUEUE_PREFIX="$prefix" LOG_LEVEL=warn \
    INTERNAL_TOKEN_SECRET="$secret" ACCESS_TOKEN_SECRET="$secret" SUPPRESSION_SECRET="$secret" AUDIT_ANCHOR_KEY="$secret" \
    WEBHOOK_SECRET_ENCRYPTION_KEY="$(openssl rand -base64 32)" MONGODB_DB="${prefix}_$name" \
    CONSENT_SERVICE_URL=http://127.0.0.1:14005 IDENTITY_GRAPH_URL=http://127.0.0.1:14001/graphql TOUCHPOINT_STORE_URL=http://127.0.0.1:14002/graphql \
    INSIGHTS_URL=http://127.0.0.1:14003/graphql GENERATION_URL=http://127.0.0.1:14004/graphql GOVERNANCE_URL=http://127.0.0.1:14005/graphql \
    SUPERGRAPH_PATH="$root/dist/supergraph.graphql" node --enable-source-maps main.js >"$run/$name.log" 2>&1) &
  pids+=($!)
}
ready() {
  local name=$1 port=$2
  for _ in $(seq 1 120); do
    curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && return
    sleep 0.5
  done
  echo "$name (bundle) did not become ready:" >&2
  tail -n 30 "$run/$name.log" >&2
  exit 1
}
for a in "${apps[@]}"; do start "${a%%:*}" "1${a##*:}"; done
for a in "${apps[@]}"; do ready "${a%%:*}" "1${a##*:}"; done
echo "bundles ready on their own: ${apps[*]%%:*}"
