#!/usr/bin/env bash
# One-time (and idempotent) set-up of a fresh machine for this repository:
#   pnpm through corepack, the workspace's npm dependencies, the kube-apiserver/etcd binaries and the
#   Cluster API CRDs (built once from their Go modules, then cached), and a build of every package.
# A second run with everything in place takes seconds.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
log() { printf '[setup] %s\n' "$*" >&2; }

# --- Node.js and pnpm ------------------------------------------------------------------------------
command -v node >/dev/null || { log "Node.js 20.19+ is required (https://nodejs.org)"; exit 1; }
node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)' \
  || { log "Node.js 20.19+ is required, found $(node --version)"; exit 1; }
pnpm_version="$(node -p 'require("./package.json").packageManager.split("@")[1]')"
if [ "$(pnpm --version 2>/dev/null || true)" != "$pnpm_version" ]; then
  log "activating pnpm $pnpm_version through corepack"
  # Some registry mirrors serve no signatures for corepack to verify; the lockfile pins integrity anyway.
  export COREPACK_INTEGRITY_KEYS=0 COREPACK_ENABLE_DOWNLOAD_PROMPT=0
  corepack enable >/dev/null 2>&1 || { npm install --global --silent "corepack@latest"; corepack enable; }
  corepack prepare "pnpm@$pnpm_version" --activate >/dev/null
fi

# --- npm dependencies ------------------------------------------------------------------------------
log "installing npm dependencies (frozen lockfile)"
pnpm install --frozen-lockfile --reporter=silent

# --- kube-apiserver, etcd and the Cluster API CRDs ---------------------------------------------------
if [ -z "${KUBEBUILDER_ASSETS:-}" ] && ! command -v go >/dev/null; then
  log "Go 1.26+ is needed once to build kube-apiserver and etcd (or set KUBEBUILDER_ASSETS)"; exit 1
fi
bash scripts/kube-assets.sh >/dev/null
bash scripts/capi-binaries.sh >/dev/null # clusterctl and the Cluster API managers for the end-to-end scenarios

bash scripts/incus/setup.sh || log "Incus set-up failed (see above): tests that need Incus will be skipped"
bash scripts/openstack/setup.sh || log "OpenStack test services failed to start (see above): the real-services contract tests will be skipped"
# --- build -----------------------------------------------------------------------------------------
log "building packages"
pnpm exec turbo run build --output-logs=errors-only >/dev/null
log "ready"
