#!/usr/bin/env bash
# Builds, once, the Cluster API programs the end-to-end scenarios run, from the pinned sigs.k8s.io/cluster-api Go
# module (the same version as the CRDs of scripts/kube-assets.sh --capi-crds):
#   clusterctl                  (sigs.k8s.io/cluster-api/cmd/clusterctl)
#   cluster-api-manager         the core controller manager (sigs.k8s.io/cluster-api/core)
#   kubeadm-bootstrap-manager   the kubeadm bootstrap controller manager (sigs.k8s.io/cluster-api/bootstrap/kubeadm)
# and the core provider's clusterctl release, as `make release-manifests` makes it (kustomize v5.7.0 over the module's
# core/config/default, image set to the release's), for offline `clusterctl init`:
#   cluster-api/v<version>/{core-components.yaml,metadata.yaml}
#
#   scripts/capi-binaries.sh          build (or reuse) the binaries; print their folder
#   scripts/capi-binaries.sh --print  print the folder that would be used, build nothing
#
# Resolution order (packages/sdk/src/testing/capi-binaries.ts follows the same order):
#   1. $CAPI_BINARIES (a folder holding the three binaries and the core release), when set;
#   2. the repository cache  <repo>/.cache/capi-binaries/v<version>/ (git-ignored);
#   3. the user cache        ${XDG_CACHE_HOME:-~/.cache}/capi-ts/capi-binaries/v<version>/ (copied into 2);
#   4. a build from the Go module proxy with the installed Go toolchain (result stored in 2 and 3).
set -euo pipefail

CAPI_VERSION="${CAPI_VERSION:-1.14.2}"
KUSTOMIZE_VERSION="${KUSTOMIZE_VERSION:-5.7.0}"
BINARIES=(clusterctl cluster-api-manager kubeadm-bootstrap-manager)
CORE_RELEASE="cluster-api/v${CAPI_VERSION}"

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
repo_cache="${CAPI_TS_CACHE_DIR:-$repo/.cache}"
user_cache="${XDG_CACHE_HOME:-$HOME/.cache}/capi-ts"
key="v${CAPI_VERSION}"
bin_dir="$repo_cache/capi-binaries/$key"

log() { printf '[capi-binaries] %s\n' "$*" >&2; }

have_binaries() {
  local name
  for name in "${BINARIES[@]}"; do [ -x "$1/$name" ] || return 1; done
  [ -f "$1/$CORE_RELEASE/core-components.yaml" ] && [ -f "$1/$CORE_RELEASE/metadata.yaml" ]
}

require_go() {
  command -v go >/dev/null 2>&1 && return
  cat >&2 <<MSG
[capi-binaries] Neither prebuilt binaries nor a Go toolchain were found.
  Either set CAPI_BINARIES to a folder holding ${BINARIES[*]}
  (Cluster API v${CAPI_VERSION}), or install Go >= 1.26 (https://go.dev/doc/install) so that this script can
  build them from the Go module proxy.
MSG
  exit 1
}

build() {
  local out="$1" work
  work="$(mktemp -d)"
  log "building Cluster API v${CAPI_VERSION}: ${BINARIES[*]} (first time only; takes several minutes)"
  (
    cd "$work"
    # The API types are their own module; cluster-api's go.mod replaces it with ./api, which a dependent
    # module does not see, so both are required at the same version.
    cat > go.mod <<MOD
module capi-ts/capi-binaries

go 1.26

require (
	sigs.k8s.io/cluster-api v${CAPI_VERSION}
	sigs.k8s.io/cluster-api/api v${CAPI_VERSION}
)
MOD
    cat > tools.go <<'SRC'
//go:build tools

package tools

import (
	_ "sigs.k8s.io/cluster-api/bootstrap/kubeadm"
	_ "sigs.k8s.io/cluster-api/cmd/clusterctl"
	_ "sigs.k8s.io/cluster-api/core"
)
SRC
    go mod tidy >&2
    local pkg="sigs.k8s.io/cluster-api/version" minor="${CAPI_VERSION#*.}"
    minor="${minor%%.*}"
    local ldflags="-s -w -X $pkg.gitVersion=v${CAPI_VERSION} -X $pkg.gitMajor=${CAPI_VERSION%%.*}"
    ldflags="$ldflags -X $pkg.gitMinor=$minor -X $pkg.gitTreeState=clean"
    export CGO_ENABLED=0
    go build -trimpath -ldflags "$ldflags" -o "$out/clusterctl" sigs.k8s.io/cluster-api/cmd/clusterctl
    go build -trimpath -ldflags "$ldflags" -o "$out/cluster-api-manager" sigs.k8s.io/cluster-api/core
    go build -trimpath -ldflags "$ldflags" -o "$out/kubeadm-bootstrap-manager" sigs.k8s.io/cluster-api/bootstrap/kubeadm
  )
  rm -rf "$work"
}

build_core_release() {
  local out="$1" work src
  work="$(mktemp -d)"
  log "rendering the core provider's components with kustomize v${KUSTOMIZE_VERSION}"
  GOBIN="$work/bin" CGO_ENABLED=0 go install "sigs.k8s.io/kustomize/kustomize/v5@v${KUSTOMIZE_VERSION}" >&2
  src="$(cd "$work" && GOFLAGS=-mod=mod go mod download -json "sigs.k8s.io/cluster-api@v${CAPI_VERSION}" \
    | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
  # The module cache is read-only and the image is set by editing the kustomization, so work on a copy.
  cp -r "$src/core/config" "$work/config"
  chmod -R u+w "$work/config"
  sed -i "s|gcr.io/k8s-staging-cluster-api/cluster-api-controller:main|registry.k8s.io/cluster-api/cluster-api-controller:v${CAPI_VERSION}|" \
    "$work/config/default/manager_image_patch.yaml"
  mkdir -p "$out/$CORE_RELEASE"
  "$work/bin/kustomize" build "$work/config/default" > "$out/$CORE_RELEASE/core-components.yaml"
  cp "$src/metadata.yaml" "$out/$CORE_RELEASE/metadata.yaml"
  chmod u+w "$out/$CORE_RELEASE/metadata.yaml"
  rm -rf "$work"
}

ensure_binaries() {
  if [ -n "${CAPI_BINARIES:-}" ]; then
    have_binaries "$CAPI_BINARIES" || { log "CAPI_BINARIES=$CAPI_BINARIES lacks one of ${BINARIES[*]}"; exit 1; }
    return
  fi
  have_binaries "$bin_dir" && return
  mkdir -p "$bin_dir"
  if have_binaries "$user_cache/capi-binaries/$key"; then
    copy_cache "$user_cache/capi-binaries/$key" "$bin_dir"
    return
  fi
  require_go
  local tmp name; tmp="$(mktemp -d "$bin_dir/.build.XXXX")"
  for name in "${BINARIES[@]}"; do [ -x "$bin_dir/$name" ] || { build "$tmp"; break; }; done
  for name in "${BINARIES[@]}"; do [ -x "$bin_dir/$name" ] || mv "$tmp/$name" "$bin_dir/$name"; done
  [ -f "$bin_dir/$CORE_RELEASE/metadata.yaml" ] || { build_core_release "$tmp"; cp -r "$tmp/cluster-api" "$bin_dir/"; }
  rm -rf "$tmp"
  copy_cache "$bin_dir" "$user_cache/capi-binaries/$key"
}

copy_cache() {
  local name
  mkdir -p "$2"
  for name in "${BINARIES[@]}"; do cp "$1/$name" "$2/"; done
  cp -r "$1/cluster-api" "$2/"
}

with_lock() {
  # Several test files may ask at once; only one of them builds.
  mkdir -p "$repo_cache"
  exec 8>"$repo_cache/.capi-binaries.lock"
  flock 8
  "$@"
  flock -u 8
}

case "${1:-}" in
  --print) echo "${CAPI_BINARIES:-$bin_dir}" ;;
  "") with_lock ensure_binaries; echo "${CAPI_BINARIES:-$bin_dir}" ;;
  *) echo "usage: $0 [--print]" >&2; exit 2 ;;
esac
