#!/usr/bin/env bash
# Runs every test of every workspace against the local PostgreSQL and Redis, and ends with
# one line: `N passed, N failed`. This is what `npm test` runs.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1
bash .ci/install.sh || exit 1
bash .ci/ensure-services.sh || exit 1
source .ci/prisma-engine.sh

results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT
status=0
for workspace in common backend-rds backend-redis frontend; do
  echo "── $workspace" >&2
  (cd "$workspace" && npx jest --ci --json --outputFile="$results/$workspace.json" "$@") || status=1
done
# Offline checks of compose files, Dockerfiles, workflows, deploy scripts and docs (.ci/ops/).
echo "── ops" >&2
(cd .ci/ops && npx jest --ci --json --outputFile="$results/ops.json" "$@") || status=1
# The shop in headless Chromium through nginx (frontend/jest.browser.config.js).
echo "── frontend (browser)" >&2
(cd frontend && npx jest --ci --config jest.browser.config.js --json --outputFile="$results/frontend-browser.json" "$@") || status=1
node .ci/summarize.mjs "$results"/*.json || status=1
exit $status
