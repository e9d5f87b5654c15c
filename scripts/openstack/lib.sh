# Shared settings of the OpenStack test services (sourced by setup.sh, start.sh and stop.sh).
# shellcheck shell=bash
os_state="${CAPI_TS_OPENSTACK_STATE:-/var/lib/capi-ts-openstack}"
os_logs="$os_state/log"
os_host=127.0.0.1
keystone_port="${CAPI_TS_KEYSTONE_PORT:-5000}"
neutron_port="${CAPI_TS_NEUTRON_PORT:-9696}"
keystone_url="http://$os_host:$keystone_port/v3"
neutron_url="http://$os_host:$neutron_port"
os_region=RegionOne
os_log() { printf '[openstack] %s\n' "$*" >&2; }

# Whether an HTTP endpoint answers at all (any status).
os_answers() { curl -s -o /dev/null --max-time 3 "$1"; }

# Waits up to $2 seconds for an endpoint to answer.
os_wait_for() {
  local url="$1" seconds="$2" waited=0
  until os_answers "$url"; do
    sleep 0.5
    waited=$((waited + 1))
    if [ "$waited" -ge $((seconds * 2)) ]; then return 1; fi
  done
  return 0
}
