#!/usr/bin/env bash
# Builds the haproxy load-balancer test image: the base cloud image plus Debian's haproxy package (and the
# libraries the base lacks), unpacked from .debs fetched from this machine's Debian archive, with haproxy.service
# enabled and a minimal configuration that starts without backends. Rebuilt only when its content changes.
# Usage: build-haproxy-image.sh [alias]   (default: $CAPI_TS_BASE_ALIAS-haproxy, pruned with the base image)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/lib.sh"

alias="${1:-$CAPI_TS_BASE_ALIAS-haproxy}"
packages=(haproxy liblua5.3-0 libopentracing-c-wrapper0 libopentracing1)

bash "$here/build-image.sh"
mkdir -p "$CAPI_TS_INCUS_CACHE/haproxy-debs"
debs="$CAPI_TS_INCUS_CACHE/haproxy-debs"
if [ "$(find "$debs" -name '*.deb' | wc -l)" -lt "${#packages[@]}" ]; then
  incus_log "downloading ${packages[*]}"
  (cd "$debs" && apt-get download "${packages[@]}" 2>/dev/null)
fi

overlay="$(mktemp -d "$CAPI_TS_INCUS_CACHE/haproxy-overlay.XXXXXX")"
trap 'rm -rf "$overlay"' EXIT
for deb in "$debs"/*.deb; do dpkg-deb -x "$deb" "$overlay"; done
mkdir -p "$overlay/etc/systemd/system/multi-user.target.wants"
ln -s /lib/systemd/system/haproxy.service "$overlay/etc/systemd/system/multi-user.target.wants/haproxy.service"
cat >"$overlay/etc/haproxy/haproxy.cfg" <<'CFG'
# replaced by the load balancer controller
global
  log /dev/log local0
defaults
  mode tcp
  timeout connect 5s
  timeout client 50s
  timeout server 50s
frontend stats
  bind *:8404
  mode http
  http-request return status 200 content-type text/plain string "no backends yet\n"
CFG
# Files the package ships without a mode of their own get the defaults of the overlay; keep executables.
chmod 0755 "$overlay/usr/sbin/haproxy"
exec bash "$here/build-image.sh" --derive "$alias" --overlay "$overlay"
