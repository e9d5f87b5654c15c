#!/usr/bin/env bash
# Builds the Incus system-container image used by tests: Debian bookworm with cloud-init, seeded
# through the NoCloud templates of images:debian/bookworm/cloud (config keys cloud-init.user-data,
# cloud-init.vendor-data, cloud-init.network-config and their user.* predecessors).
#
#   build-image.sh                                   base image, alias $CAPI_TS_BASE_ALIAS
#   build-image.sh --derive ALIAS --overlay DIR      base image plus the files under DIR, alias ALIAS
#
# Both are cached: an image carries the hash of its recipe (this script, scripts/incus/image/ and,
# for derived images, the overlay) in its capi_ts_recipe property and is rebuilt only when that changes.
# The base root filesystem is debootstrapped once from this machine's Debian archive into
# $CAPI_TS_INCUS_CACHE/base and reused for derived images.
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

packages=systemd-sysv,udev,systemd-resolved,cloud-init,python3-cffi-backend,iproute2,dbus,sudo,procps
base_recipe="$( { cat "$here/build-image.sh"; echo "$packages";
  (cd "$here/image" && find . -type f -print0 | sort -z | xargs -0 sha256sum); } | sha256sum | cut -c1-64)"

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
if [ "$(cat "$base/recipe" 2>/dev/null)" != "$base_recipe" ]; then
  started=$SECONDS
  mirror="$(debian_mirror)"
  incus_log "debootstrapping Debian bookworm with cloud-init from $mirror (a few minutes, once)"
  rm -rf "$base"
  mkdir -p "$base"
  debootstrap --variant=minbase --include="$packages" bookworm "$base/rootfs" "$mirror" >"$base/debootstrap.log" 2>&1 \
    || { incus_log "debootstrap failed; see $base/debootstrap.log and $base/rootfs/debootstrap/debootstrap.log"; exit 1; }
  rootfs="$base/rootfs"
  cp -a "$here/image/rootfs/." "$rootfs/"
  chroot "$rootfs" systemctl enable systemd-networkd.service >/dev/null 2>&1
  : >"$rootfs/etc/machine-id"
  rm -f "$rootfs/var/lib/dbus/machine-id" "$rootfs/etc/hostname"
  rm -rf "$rootfs/var/lib/apt/lists/"* "$rootfs/var/cache/apt/"*.bin "$rootfs/var/cache/apt/archives/"*.deb \
    "$rootfs/usr/share/doc/"* "$rootfs/usr/share/man/"* "$rootfs/usr/share/info/"* "$rootfs/usr/share/locale/"*
  mkdir -p "$base/templates"
  cp "$here/image/templates/"*.tpl "$base/templates/"
  arch="$(uname -m)"
  sed -e "s/@ARCH@/$arch/" -e "s/@DATE@/$(date +%s)/" -e "s/@RECIPE@/$base_recipe/" \
    "$here/image/metadata.yaml.in" >"$base/metadata.yaml"
  echo "$base_recipe" >"$base/recipe"
  incus_log "root filesystem ready in $((SECONDS - started)) s"
fi

started=$SECONDS
work="$(mktemp -d "$CAPI_TS_INCUS_CACHE/import.XXXXXX")"
trap 'rm -rf "$work"' EXIT
sed "s/^\(  capi_ts_recipe: \).*/\1\"$recipe\"/" "$base/metadata.yaml" >"$work/metadata.yaml"
tar_args=(--numeric-owner -cf "$work/image.tar" -C "$work" metadata.yaml -C "$base" templates rootfs)
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
