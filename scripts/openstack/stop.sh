#!/usr/bin/env bash
# Stops the OpenStack test services started by setup.sh (each runs in its own process group).
#   --wipe   also deletes their state (databases, keys, users, credential): the next setup.sh starts afresh.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib.sh
source "$here/lib.sh"

for service in neutron keystone; do
  pid_file="$os_state/$service.pid"
  [ -f "$pid_file" ] || continue
  pid="$(cat "$pid_file")"
  if kill -0 "$pid" 2>/dev/null; then
    os_log "stopping $service (process group $pid)"
    kill -TERM -- "-$pid" 2>/dev/null || true
    for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -KILL -- "-$pid" 2>/dev/null || true
  fi
  rm -f "$pid_file"
done
if [ "${1:-}" = --wipe ]; then
  os_log "deleting $os_state"
  rm -rf "$os_state"
fi
