#!/usr/bin/env bash
# Installs npm dependencies when they are missing or older than the lock file.
set -euo pipefail
cd "$(dirname "$0")/../.."
if [[ ! -d node_modules || package-lock.json -nt node_modules/.package-lock.json ]]; then
  echo "installing npm dependencies"
  # npm ci rejects the lock file npm 11 writes here (it omits other platforms' optional packages),
  # so install from the lock file with npm install, which keeps its versions.
  npm install --no-audit --no-fund
fi
