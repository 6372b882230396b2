#!/usr/bin/env bash
# `npm test`: everything a change must pass, fastest first.
#   type-check → lint → formatting → Vitest (unit + integration on the embedded database and realtime server)
#   → the development-mode leak check → production build → Playwright end-to-end against that build.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

started=$(date +%s)
step() { printf '\n== [test %4ss] %s\n' "$(( $(date +%s) - started ))" "$*"; }

step "type-check"
npx tsc --noEmit
step "lint"
npx eslint --max-warnings=0 .
step "formatting (Prettier; npm run format fixes it)"
npx prettier --check . > /dev/null || { npx prettier --list-different .; echo "run: npm run format"; exit 1; }
step "unit + integration tests (Vitest)"
npx vitest run
step "development mode leaks nothing to the browser (npm run dev + Chromium)"
npm run test:dev-mode
step "production build"
npx next build
step "end-to-end tests (Playwright)"
npx playwright test
step "done"
