#!/usr/bin/env bash
# Installs npm dependencies from the committed lock file when they are missing or older than it.
set -euo pipefail
cd "$(dirname "$0")/../.."
node tools/scripts/check-lock.mjs
if [[ ! -d node_modules || package-lock.json -nt node_modules/.package-lock.json ]]; then
  echo "installing npm dependencies (npm ci)"
  npm ci --no-audit --no-fund
fi
