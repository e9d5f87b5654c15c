#!/usr/bin/env bash
# Builds the Incus system-container image used by tests: Debian bookworm with cloud-init, seeded
# through the NoCloud templates of images:debian/bookworm/cloud (config keys cloud-init.user-data,
# cloud-init.vendor-data, cloud-init.network-config and their user.* predecessors).
#
#   build-image.sh                                   base image, alias $CAPI_TS_BASE_ALIAS
#   build-image.sh --derive ALIAS --overlay DIR      base image plus the files under DIR, alias ALIAS
#
# Both are cached: an image carries the hash of its recipe (scripts/incus/*.sh, scripts/incus/image/
# and, for derived images, the overlay) in its capi_ts_recipe property and is rebuilt only when that
# changes.
# The base root filesystem is debootstrapped once (build-rootfs.sh) into $CAPI_TS_INCUS_CACHE/base
# and reused for every image built from it.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib.sh
source "$here/lib.sh"

derive_alias="" overlay=""
while [ $# -gt 0 ]; do
  case "$1" in
    --derive) derive_alias="$2"; shift 2 ;;
    --overlay) overlay="$(cd "$2" && pwd)"; shift 2 ;;
    *) incus_log "unknown argument $1"; exit 2 ;;
  esac
done
if [ -n "$derive_alias" ] && [ -z "$overlay" ]; then incus_log "--derive needs --overlay DIR"; exit 2; fi

# Two cache levels: the debootstrapped tree (minutes) changes only with build-rootfs.sh and
# image/rootfs; the image (seconds) also with this script, the templates and the metadata.
hash_files() { (cd "$here" && find "$@" -type f -print0 | sort -z | xargs -0 sha256sum) | sha256sum | cut -c1-64; }
rootfs_recipe="$(hash_files build-rootfs.sh lib.sh image/rootfs)"
base_recipe="$( { echo "$rootfs_recipe"; hash_files build-image.sh image/templates image/metadata.yaml.in; } \
  | sha256sum | cut -c1-64)"

recipe="$base_recipe" alias="$CAPI_TS_BASE_ALIAS"
if [ -n "$derive_alias" ]; then
  overlay_hash="$( (cd "$overlay" && find . -printf '%p %y %m %U %G %l\n' | sort && \
    find . -type f -print0 | sort -z | xargs -0 -r sha256sum) | sha256sum | cut -c1-64)"
  recipe="$(printf '%s %s' "$base_recipe" "$overlay_hash" | sha256sum | cut -c1-64)"
  alias="$derive_alias"
fi

[ "$(image_recipe "$alias")" = "$recipe" ] && exit 0

mkdir -p "$CAPI_TS_INCUS_CACHE"
exec 9>"$CAPI_TS_INCUS_CACHE/lock"
flock 9
# Another builder may have finished while this one waited for the lock.
[ "$(image_recipe "$alias")" = "$recipe" ] && exit 0

base="$CAPI_TS_INCUS_CACHE/base"
if [ "$(cat "$base/recipe" 2>/dev/null)" != "$rootfs_recipe" ]; then
  started=$SECONDS
  incus_log "debootstrapping Debian bookworm with cloud-init from $(debian_mirror) (a few minutes, once)"
  rm -rf "$base"
  mkdir -p "$base"
  bash "$here/build-rootfs.sh" "$base/rootfs"
  echo "$rootfs_recipe" >"$base/recipe"
  incus_log "root filesystem ready in $((SECONDS - started)) s"
fi

started=$SECONDS
work="$(mktemp -d "$CAPI_TS_INCUS_CACHE/import.XXXXXX")"
trap 'rm -rf "$work"' EXIT
sed -e "s/@ARCH@/$(uname -m)/" -e "s/@DATE@/$(date +%s)/" -e "s/@RECIPE@/$recipe/" \
  "$here/image/metadata.yaml.in" >"$work/metadata.yaml"
tar_args=(--numeric-owner -cf "$work/image.tar" -C "$work" metadata.yaml -C "$here/image" templates -C "$base" rootfs)
# Overlay entries come later in the archive, so they replace same-named base files on unpack.
# Only files and symlinks are taken from the overlay, so its directories never change base modes.
if [ -n "$overlay" ]; then
  (cd "$overlay" && find . \( -type f -o -type l \) | sort) >"$work/overlay.list"
  tar_args+=(-C "$overlay" --no-recursion --transform 's,^\.,rootfs,' -T "$work/overlay.list")
fi
tar "${tar_args[@]}"
if incus image show "$alias" >/dev/null 2>&1; then incus image delete "$alias"; fi
incus image import "$work/image.tar" --alias "$alias" >/dev/null
incus_log "imported $alias in $((SECONDS - started)) s"
# A new base image makes every derived image stale: remove them (they are rebuilt on demand).
if [ -z "$derive_alias" ]; then
  incus image alias list -f csv | cut -d, -f1 | { grep "^$CAPI_TS_BASE_ALIAS-" || true; } | while read -r stale; do
    incus image delete "$stale"
  done
fi
