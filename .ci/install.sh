#!/usr/bin/env bash
# Installs what the tests and the shop need, only when something changed: npm packages
# from the lockfile, the generated Prisma client.
set -euo pipefail
cd "$(dirname "$0")/.."
source .ci/prisma-engine.sh

stamp=node_modules/.bookstore-installed
if [ ! -f "$stamp" ] || [ package-lock.json -nt "$stamp" ]; then
  # `npm ci`: exactly the lockfile, which lists every platform's optional native packages
  # (SWC, esbuild), so it installs the same tree here, on a laptop and in the images.
  npm ci --no-audit --no-fund
  touch "$stamp"
fi
if [ ! -f backend-rds/src/generated/prisma/client.ts ] \
  || [ backend-rds/prisma/schema.prisma -nt backend-rds/src/generated/prisma/client.ts ]; then
  npm run --silent generate -w backend-rds >/dev/null
fi

# The browser tests drive Debian's Chromium (never a browser download) through nginx.
# Installed like .ci/stack/nginx.mjs installs nginx: only as root where apt-get exists.
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/sbin/nginx ] || command -v nginx >/dev/null 2>&1 || missing+=(nginx)
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing ${missing[*]} with apt-get" >&2
    export DEBIAN_FRONTEND=noninteractive
    # A failure here fails the browser tests only, not the whole run.
    { apt-get update -qq >/dev/null && apt-get install -y -qq "${missing[@]}" >/dev/null; } \
      || echo "could not install ${missing[*]}: the browser tests will fail" >&2
  else
    echo "${missing[*]} missing and not installable here (needs root and apt-get): the browser tests will fail" >&2
  fi
fi

# The ops tests (.ci/ops/test/shellcheck.test.ts) lint every shell script with Debian's shellcheck.
if ! command -v shellcheck >/dev/null 2>&1; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing shellcheck with apt-get" >&2
    { DEBIAN_FRONTEND=noninteractive apt-get install -y -qq shellcheck >/dev/null 2>&1 \
      || { apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq shellcheck >/dev/null; }; } \
      || echo "could not install shellcheck: the shellcheck test will fail" >&2
  else
    echo "shellcheck missing and not installable here (needs root and apt-get): the shellcheck test will fail" >&2
  fi
fi
