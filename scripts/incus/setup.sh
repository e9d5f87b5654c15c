#!/usr/bin/env bash
# Makes a local Incus daemon available for the tests that need one (idempotent; seconds when done):
#   1. installs Incus (Debian bookworm: from bookworm-backports on this machine's own Debian archive),
#      dnsmasq-base, debootstrap and btrfs-progs, if missing;
#   2. starts the daemon: through systemd when systemd runs the machine, otherwise `incusd` in the
#      background (log: /var/log/incus/incusd.log), then waits for /var/lib/incus/unix.socket;
#   3. once: storage pool `default` (btrfs on a loop file where possible, else dir), bridge `incusbr0`
#      (no NAT, no routing: containers reach only the host and each other), and the `default`
#      profile's root disk and eth0 NIC;
#   4. builds or reuses the cloud-init test image (scripts/incus/build-image.sh).
# Needs root. Anything that cannot work here is reported and left out; tests then skip with the reason.
#   --no-image   skip step 4 (used by the tests' ensureIncus() to restart a stopped daemon quickly)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib.sh
source "$here/lib.sh"

build_image=true
[ "${1:-}" = --no-image ] && build_image=false
bridge="${CAPI_TS_INCUS_BRIDGE:-incusbr0}"
bridge_address="${CAPI_TS_INCUS_BRIDGE_ADDRESS:-10.87.142.1/24}"

if [ "$(id -u)" != 0 ]; then incus_log "not root: skipping Incus set-up"; exit 0; fi
# One set-up at a time (test processes may ask to restart the daemon together).
exec 8>/run/capi-ts-incus-setup.lock
flock 8

# --- 1. packages -----------------------------------------------------------------------------------
if ! command -v incus >/dev/null || ! command -v debootstrap >/dev/null || ! command -v dnsmasq >/dev/null \
  || ! command -v mkfs.btrfs >/dev/null; then
  . /etc/os-release
  install_from=()
  if [ "${VERSION_CODENAME:-}" = bookworm ]; then
    list=/etc/apt/sources.list.d/bookworm-backports.sources
    if ! grep -rqs 'bookworm-backports' /etc/apt/sources.list /etc/apt/sources.list.d/; then
      printf 'Types: deb\nURIs: %s\nSuites: bookworm-backports\nComponents: main\nSigned-By: %s\n' \
        "$(debian_mirror)" /usr/share/keyrings/debian-archive-keyring.gpg >"$list"
    fi
    install_from=(-t bookworm-backports)
  fi
  incus_log "installing incus, dnsmasq-base, debootstrap and btrfs-progs"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${install_from[@]}" \
    incus dnsmasq-base debootstrap btrfs-progs >/dev/null
fi

# --- 2. daemon -------------------------------------------------------------------------------------
if ! incus_daemon_up; then
  if [ -d /run/systemd/system ]; then
    systemctl start incus.socket incus.service
  else
    mkdir -p /var/log/incus
    incus_log "starting incusd in the background (log /var/log/incus/incusd.log)"
    # The daemon must not inherit the set-up lock (fd 8), or it would hold it for its whole life.
    setsid nohup /usr/libexec/incus/incusd --group incus-admin --logfile=/var/log/incus/incusd.log \
      >>/var/log/incus/incusd.stdout 2>&1 </dev/null 8>&- &
  fi
  /usr/libexec/incus/incusd waitready --timeout=60 \
    || { incus_log "incusd did not become ready; see /var/log/incus/incusd.log"; exit 1; }
fi

# --- 3. storage, network, default profile -------------------------------------------------------------
# btrfs on a loop file makes each instance a snapshot of the unpacked image (instant create and
# delete); the dir driver, which unpacks the image for every instance, is the fallback.
if ! incus storage show default >/dev/null 2>&1; then
  if grep -qw btrfs /proc/filesystems && command -v mkfs.btrfs >/dev/null \
    && incus storage create default btrfs size="${CAPI_TS_INCUS_POOL_SIZE:-15GiB}" >/dev/null 2>&1; then
    incus_log "storage pool default: btrfs on a loop file"
  else
    incus storage create default dir >/dev/null
    incus_log "storage pool default: dir"
  fi
fi
incus profile device get default root pool >/dev/null 2>&1 \
  || incus profile device add default root disk path=/ pool=default >/dev/null
if ! incus network show "$bridge" >/dev/null 2>&1; then
  incus network create "$bridge" ipv4.address="$bridge_address" ipv4.nat=false ipv4.routing=false \
    ipv6.address=none >/dev/null \
    || incus_log "bridge $bridge could not be created: containers get no network interface"
fi
if incus network show "$bridge" >/dev/null 2>&1 && ! incus profile device get default eth0 type >/dev/null 2>&1; then
  incus profile device add default eth0 nic network="$bridge" name=eth0 >/dev/null
fi

# --- 4. test image ---------------------------------------------------------------------------------
if $build_image; then bash "$here/build-image.sh"; fi
