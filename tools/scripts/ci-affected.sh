#!/usr/bin/env bash
# `npm run ci:affected -- [base-ref]` (default origin/main, else HEAD~1): the pipeline for one change.
# Only the projects the change affects are type-checked, linted, tested and built (Nx's project
# graph: a library change reaches every app importing it), and the services among them are printed
# as the ones to release; `npm test` remains the full run.
set -euo pipefail
cd "$(dirname "$0")/../.."
base=${1:-$(git rev-parse -q --verify origin/main >/dev/null && echo origin/main || echo HEAD~1)}

bash tools/scripts/ensure-deps.sh
bash infra/local/stack.sh start
mkdir -p dist/test-results
npx nx affected -t typecheck lint test build --base="$base" --head=HEAD --exclude=e2e --parallel=2 --output-style=stream
services=$(npx tsx tools/deploy/affected-services.ts --base="$base" --head=HEAD)
echo "release: ${services:-nothing}"
