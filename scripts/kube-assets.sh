#!/usr/bin/env bash
# Provides the binaries and CRDs every integration test needs, building them once from their Go modules.
#
#   scripts/kube-assets.sh            build (or reuse) kube-apiserver, etcd and the Cluster API CRDs; print the folder
#   scripts/kube-assets.sh --print    print the folder the harness would use, build nothing
#   scripts/kube-assets.sh --capi-crds  fetch (or reuse) the Cluster API core CRDs; print their folder
#
# Resolution order for the binaries (the test harness follows the same order):
#   1. $KUBEBUILDER_ASSETS (a folder with kube-apiserver and etcd), when set;
#   2. the repository cache  <repo>/.cache/kube-assets/<versions>/ (git-ignored);
#   3. the user cache        ${XDG_CACHE_HOME:-~/.cache}/capi-ts/kube-assets/<versions>/ (copied into 2);
#   4. a build from the Go module proxy with the installed Go toolchain (result stored in 2 and 3).
set -euo pipefail

KUBE_VERSION="${KUBE_VERSION:-1.36.3}"
ETCD_VERSION="${ETCD_VERSION:-3.6.16}"
CAPI_VERSION="${CAPI_VERSION:-1.14.2}"

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
key="k8s-v${KUBE_VERSION}-etcd-v${ETCD_VERSION}"
repo_cache="${CAPI_TS_CACHE_DIR:-$repo/.cache}"
user_cache="${XDG_CACHE_HOME:-$HOME/.cache}/capi-ts"
bin_dir="$repo_cache/kube-assets/$key"
crd_dir="$repo_cache/capi-crds/v${CAPI_VERSION}"

log() { printf '[kube-assets] %s\n' "$*" >&2; }

have_binaries() { [ -x "$1/kube-apiserver" ] && [ -x "$1/etcd" ]; }

require_go() {
  if ! command -v go >/dev/null 2>&1; then
    cat >&2 <<MSG
[kube-assets] Neither prebuilt binaries nor a Go toolchain were found.
  Either set KUBEBUILDER_ASSETS to a folder holding 'kube-apiserver' and 'etcd'
  (for example one made by 'setup-envtest use ${KUBE_VERSION}'), or install Go >= 1.26
  (https://go.dev/doc/install) so this script can build them from the Go module proxy.
MSG
    exit 1
  fi
}

build_kube_apiserver() {
  local out="$1" work
  work="$(mktemp -d)"
  log "building kube-apiserver v${KUBE_VERSION} (first time only; takes several minutes)"
  (
    cd "$work"
    local minor="0.${KUBE_VERSION#1.}"
    {
      echo "module capi-ts/kube-assets"
      echo "go 1.26"
      echo "require k8s.io/kubernetes v${KUBE_VERSION}"
      echo "replace ("
      # kubernetes' own go.mod points these at ./staging; outside its repository they come from the proxy.
      for m in api apiextensions-apiserver apimachinery apiserver cli-runtime client-go cloud-provider \
        cluster-bootstrap code-generator component-base component-helpers controller-manager cri-api \
        cri-client csi-translation-lib dynamic-resource-allocation endpointslice externaljwt kms \
        kube-aggregator kube-controller-manager kube-proxy kube-scheduler kubectl kubelet metrics \
        mount-utils pod-security-admission sample-apiserver sample-cli-plugin sample-controller \
        cri-streaming streaming; do
        echo "  k8s.io/$m => k8s.io/$m v${minor}"
      done
      echo ")"
    } > go.mod
    printf 'package tools\n\nimport _ "k8s.io/kubernetes/cmd/kube-apiserver"\n' > tools.go
    go mod tidy >&2
    local pkg="k8s.io/component-base/version"
    CGO_ENABLED=0 go build -trimpath -o "$out/kube-apiserver" \
      -ldflags "-s -w -X $pkg.gitVersion=v${KUBE_VERSION} -X $pkg.gitMajor=1 -X $pkg.gitMinor=$(echo "$KUBE_VERSION" | cut -d. -f2) -X $pkg.gitTreeState=clean" \
      k8s.io/kubernetes/cmd/kube-apiserver
  )
  rm -rf "$work"
}

build_etcd() {
  local out="$1" work
  work="$(mktemp -d)"
  log "building etcd v${ETCD_VERSION}"
  (
    cd "$work"
    printf 'module capi-ts/etcd-assets\n\ngo 1.26\n\nrequire go.etcd.io/etcd/server/v3 v%s\n' "$ETCD_VERSION" > go.mod
    printf 'package tools\n\nimport _ "go.etcd.io/etcd/server/v3"\n' > tools.go
    go mod tidy >&2
    CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" -o "$out/etcd" go.etcd.io/etcd/server/v3
  )
  rm -rf "$work"
}

ensure_binaries() {
  if [ -n "${KUBEBUILDER_ASSETS:-}" ]; then
    have_binaries "$KUBEBUILDER_ASSETS" || { log "KUBEBUILDER_ASSETS=$KUBEBUILDER_ASSETS lacks kube-apiserver or etcd"; exit 1; }
    return
  fi
  have_binaries "$bin_dir" && return
  mkdir -p "$bin_dir"
  if have_binaries "$user_cache/kube-assets/$key"; then
    cp "$user_cache/kube-assets/$key/kube-apiserver" "$user_cache/kube-assets/$key/etcd" "$bin_dir/"
    return
  fi
  require_go
  local tmp; tmp="$(mktemp -d "$bin_dir/.build.XXXX")"
  [ -x "$bin_dir/etcd" ] || { build_etcd "$tmp"; mv "$tmp/etcd" "$bin_dir/etcd"; }
  [ -x "$bin_dir/kube-apiserver" ] || { build_kube_apiserver "$tmp"; mv "$tmp/kube-apiserver" "$bin_dir/kube-apiserver"; }
  rm -rf "$tmp"
  mkdir -p "$user_cache/kube-assets/$key"
  cp "$bin_dir/kube-apiserver" "$bin_dir/etcd" "$user_cache/kube-assets/$key/"
}

ensure_capi_crds() {
  [ -f "$crd_dir/.complete" ] && return
  require_go
  log "fetching Cluster API v${CAPI_VERSION} CRDs from the Go module"
  local src
  src="$(cd "$(mktemp -d)" && GOFLAGS=-mod=mod go mod download -json "sigs.k8s.io/cluster-api@v${CAPI_VERSION}" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
  local bases=""
  for candidate in "$src/config/crd/bases" "$src/core/config/crd/bases"; do
    [ -d "$candidate" ] && bases="$candidate" && break
  done
  [ -n "$bases" ] || { log "no CRD folder found in $src"; exit 1; }
  rm -rf "$crd_dir"; mkdir -p "$crd_dir"
  cp "$bases"/*.yaml "$crd_dir/"
  chmod u+w "$crd_dir"/*.yaml
  touch "$crd_dir/.complete"
}

with_lock() {
  # Several test files may ask at once; only one of them builds.
  mkdir -p "$repo_cache"
  exec 9>"$repo_cache/.kube-assets.lock"
  flock 9
  "$@"
  flock -u 9
}

case "${1:-}" in
  --print) echo "${KUBEBUILDER_ASSETS:-$bin_dir}" ;;
  --capi-crds) with_lock ensure_capi_crds; echo "$crd_dir" ;;
  "") with_lock ensure_binaries; with_lock ensure_capi_crds; echo "${KUBEBUILDER_ASSETS:-$bin_dir}" ;;
  *) echo "usage: $0 [--print|--capi-crds]" >&2; exit 2 ;;
esac
