#!/usr/bin/env bash
# Installs what the tests and the shop need, only when something changed: npm packages
# from the lockfile, the generated Prisma client.
set -euo pipefail
cd "$(dirname "$0")/.."
source .ci/prisma-engine.sh

stamp=node_modules/.bookstore-installed
if [ ! -f "$stamp" ] || [ package-lock.json -nt "$stamp" ]; then
  # Not `npm ci`: the registry these machines reach serves no macOS/Windows builds of the
  # optional native packages (SWC, esbuild), so the lockfile cannot list them and `npm ci`
  # would call it out of sync. `npm install` installs exactly the locked versions all the same.
  npm install --no-audit --no-fund
  touch "$stamp"
fi
if [ ! -f backend-rds/src/generated/prisma/client.ts ] \
  || [ backend-rds/prisma/schema.prisma -nt backend-rds/src/generated/prisma/client.ts ]; then
  npm run --silent generate -w backend-rds >/dev/null
fi
