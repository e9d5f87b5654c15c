#!/usr/bin/env bash
# Debootstraps the root filesystem of the test image into DIR (replacing it): Debian bookworm from
# this machine's Debian archive with systemd, udev, systemd-networkd, systemd-resolved and cloud-init,
# plus the files under scripts/incus/image/rootfs; no documentation, manual pages or translations.
#   build-rootfs.sh DIR
# Called by build-image.sh, which caches the result by a hash of this script and image/rootfs.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib.sh
source "$here/lib.sh"
rootfs="${1:?usage: build-rootfs.sh DIR}"

# python3-cffi-backend is listed because debootstrap does not resolve the virtual package
# python3-cryptography needs; udev because systemd-networkd waits for it when /sys is writable.
packages=systemd-sysv,udev,systemd-resolved,cloud-init,python3-cffi-backend,iproute2,dbus,sudo,procps
mirror="$(debian_mirror)"
rm -rf "$rootfs"
debootstrap --variant=minbase --include="$packages" bookworm "$rootfs" "$mirror" >"$rootfs.debootstrap.log" 2>&1 \
  || { incus_log "debootstrap failed; see $rootfs.debootstrap.log and $rootfs/debootstrap/debootstrap.log"; exit 1; }
cp -a "$here/image/rootfs/." "$rootfs/"
chroot "$rootfs" systemctl enable systemd-networkd.service >/dev/null 2>&1
: >"$rootfs/etc/machine-id"
rm -f "$rootfs/var/lib/dbus/machine-id" "$rootfs/etc/hostname"
rm -rf "$rootfs/var/lib/apt/lists/"* "$rootfs/var/cache/apt/"*.bin "$rootfs/var/cache/apt/archives/"*.deb \
  "$rootfs/usr/share/doc/"* "$rootfs/usr/share/man/"* "$rootfs/usr/share/info/"* "$rootfs/usr/share/locale/"*
