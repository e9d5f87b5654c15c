# Shared helpers of scripts/incus/*.sh (sourced, not run).

# Where the image builder keeps its base root filesystem and derived-image work trees.
CAPI_TS_INCUS_CACHE="${CAPI_TS_INCUS_CACHE:-/var/cache/capi-ts-incus}"
# Alias of the base cloud image in the local image store.
CAPI_TS_BASE_ALIAS="${CAPI_TS_BASE_ALIAS:-capi-ts/debian-bookworm-cloud}"
INCUS_SOCKET="${INCUS_SOCKET:-/var/lib/incus/unix.socket}"

incus_log() { printf '[incus] %s\n' "$*" >&2; }

# The Debian archive URL this machine already uses (first non-security entry of its apt sources).
debian_mirror() {
  local uri
  uri="$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources 2>/dev/null \
    | grep -oE '(https?)://[^ ]+/debian/?( |$)' | grep -v security | head -n1 | tr -d ' ')"
  if [ -z "$uri" ]; then incus_log "no Debian archive found in /etc/apt sources"; return 1; fi
  printf '%s\n' "${uri%/}"
}

# Whether the Incus daemon answers on its unix socket.
incus_daemon_up() {
  [ -S "$INCUS_SOCKET" ] && timeout 5 incus query /1.0 >/dev/null 2>&1
}

# The capi_ts_recipe property of an image alias, or nothing when the alias does not exist.
image_recipe() {
  incus image show "$1" 2>/dev/null | sed -n 's/^ *capi_ts_recipe: *"\{0,1\}\([0-9a-f]*\)"\{0,1\}$/\1/p'
}
