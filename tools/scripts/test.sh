#!/usr/bin/env bash
# `npm test`: installs what is missing, starts the local stack if it is not running, checks the
# supergraph composes and the generated resolver types match the schemas, then runs lint, type
# checks and every unit, integration and end-to-end test.
set -euo pipefail
cd "$(dirname "$0")/../.."
start=$(date +%s)

bash tools/scripts/ensure-deps.sh
bash infra/local/stack.sh start

npx tsx tools/composition/check-composition.ts
# No schema change may break a known client operation (the console's, the tests', the persisted list)
# against the last published supergraph (schema/registry).
npm run --silent schema:check -- --all
# Resolver types are generated from the schemas: a schema change without `npm run codegen` fails here.
npm run --silent codegen:check
# One layout, decided by Prettier (.prettierrc.json, 160 columns): `npm run format` rewrites.
npm run --silent format:check
npx nx run-many -t typecheck lint --output-style=stream-without-prefixes

rm -rf dist/test-results && mkdir -p dist/test-results
status=0
# Unit and integration tests share the servers but never data, so projects run two at a time;
# the end-to-end suite starts every service as a process and runs alone after them.
npx nx run-many -t test --exclude=e2e --parallel=2 --output-style=stream || status=$?
# Query plans (the indexes the hot queries use) need `explain`, which FerretDB has and the Java
# fallback lacks: checked whenever FerretDB serves the stack, said so when it does not.
engine=$(STACK_SERVERS=mongo bash infra/local/stack.sh status 2>/dev/null || true)
if [[ $engine == *"(FerretDB "* ]]; then
  npx nx run touchpoint-store:test-plans --json --outputFile=dist/test-results/touchpoint-store-plans.json --output-style=stream || status=$?
else
  echo "query plans not checked: the MongoDB of the stack is the Java fallback, which has no explain"
fi
npx nx run e2e:test --output-style=stream || status=$?
# The console's browser tests: built once, served as static files, Debian's Chromium over the whole system.
npx nx run console:e2e --output-style=stream || status=$?
# The deployment files are current and valid, and every service runs from its own bundle.
npm run --silent deploy:check || status=$?

node tools/scripts/summarise-tests.mjs dist/test-results
echo "npm test took $(( $(date +%s) - start ))s"
exit $status
