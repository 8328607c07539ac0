# shellcheck shell=bash
# Sourced, not run. Machines that cannot download Prisma's native schema engine keep a
# stand-in next to the checkout (../shared/prisma-engine). Use it only when the variable is
# not already set and the stand-in is there; everywhere else Prisma behaves as usual.
if [ -z "${PRISMA_SCHEMA_ENGINE_BINARY:-}" ]; then
  _candidate="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/../shared/prisma-engine/schema-engine.mjs"
  if [ -f "$_candidate" ]; then
    PRISMA_SCHEMA_ENGINE_BINARY="$(cd "$(dirname "$_candidate")" && pwd)/schema-engine.mjs"
    export PRISMA_SCHEMA_ENGINE_BINARY
  fi
  unset _candidate
fi
