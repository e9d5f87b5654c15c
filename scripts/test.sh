#!/usr/bin/env bash
# The whole test run: Biome lint/format check, typecheck, every package's tests; then one closing line
# `tests: N passed, N failed, N skipped` summed over all packages' vitest reports.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
rm -f packages/*/.cache/test-results.json e2e/.cache/test-results.json examples/*/.cache/test-results.json
status=0
pnpm exec biome ci . || status=1
pnpm exec turbo run typecheck test --concurrency=2 --continue "$@" || status=1
node scripts/test-summary.mjs || status=1
exit "$status"
