#!/usr/bin/env bash
# Makes the real OpenStack test services available on loopback (idempotent; about a second when they run):
#   1. installs Keystone and Neutron from the Debian packages (python3-keystone, python3-neutron), if missing;
#   2. Keystone on sqlite, served by a threaded Werkzeug server on 127.0.0.1:5000 (bootstrapped once: admin
#      user and project, roles, region RegionOne, identity endpoints);
#   3. Neutron server, API only (ML2 + router + trunk plugins, no agents, no RabbitMQ: `fake:/` transport),
#      on sqlite, with Keystone authentication, on 127.0.0.1:9696;
#   4. once: the `service` project and `neutron` user, the network endpoints, the `demo` project and user with
#      an application credential, and the external network `public` (bootstrap.py).
# The tests read $CAPI_TS_OPENSTACK_STATE/cloud.json (mode 0600): URLs, region, users, the credential.
# Services run as background processes (systemd may not be PID 1); logs in $CAPI_TS_OPENSTACK_STATE/log.
# Needs root. Start-up figures are in README.md.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib.sh
source "$here/lib.sh"

if [ "$(id -u)" != 0 ]; then os_log "not root: skipping the OpenStack test services"; exit 0; fi
mkdir -p "$os_state" "$os_logs"
chmod 0700 "$os_state"
exec 9>"$os_state/setup.lock"
flock 9
python=/usr/bin/python3

# --- 1. packages -------------------------------------------------------------------------------------
if ! "$python" -c 'import keystone, neutron' 2>/dev/null || ! command -v sqlite3 >/dev/null; then
  os_log "installing python3-keystone, python3-neutron and sqlite3"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    python3-keystone python3-neutron sqlite3 curl >/dev/null
fi

# --- passwords (generated once, kept with the state) ----------------------------------------------------
secrets="$os_state/secrets.env"
if [ ! -f "$secrets" ]; then
  umask 077
  for name in ADMIN_PASSWORD DEMO_PASSWORD NEUTRON_PASSWORD; do
    printf '%s=%s\n' "$name" "$(head -c 18 /dev/urandom | base64 | tr '+/' '-_')"
  done >"$secrets"
fi
set -a
# shellcheck source=/dev/null
source "$secrets"
set +a
export KEYSTONE_URL="$keystone_url" NEUTRON_URL="$neutron_url" REGION="$os_region"

# --- 2. Keystone ---------------------------------------------------------------------------------------
keystone_conf="$os_state/keystone.conf"
cat >"$keystone_conf" <<CONF
[DEFAULT]
log_file = $os_logs/keystone.log
[database]
connection = sqlite:///$os_state/keystone.sqlite
[identity]
# bcrypt's minimum cost: the test users' passwords are random, and authentication stays fast on 2 cores.
password_hash_rounds = 4
[token]
provider = fernet
expiration = 3600
[fernet_tokens]
key_repository = $os_state/fernet-keys
[fernet_receipts]
key_repository = $os_state/fernet-keys
[credential]
key_repository = $os_state/credential-keys
CONF
if [ ! -f "$os_state/keystone.bootstrapped" ]; then
  os_log "creating the Keystone database"
  rm -f "$os_state/keystone.sqlite"
  keystone-manage --config-file "$keystone_conf" db_sync >>"$os_logs/keystone-manage.log" 2>&1
  # Readers must not block writers of the threaded server.
  sqlite3 "$os_state/keystone.sqlite" 'PRAGMA journal_mode=WAL;' >/dev/null
  # Fernet keys: 0 is the staged key, 1 the primary (what `keystone-manage fernet_setup` writes).
  for dir in fernet-keys credential-keys; do
    mkdir -p "$os_state/$dir"
    for key in 0 1; do
      "$python" -c 'import base64, os; print(base64.urlsafe_b64encode(os.urandom(32)).decode(), end="")' \
        >"$os_state/$dir/$key"
    done
    chmod -R go-rwx "$os_state/$dir"
  done
  keystone-manage --config-file "$keystone_conf" bootstrap --bootstrap-password "$ADMIN_PASSWORD" \
    --bootstrap-admin-url "$keystone_url" --bootstrap-public-url "$keystone_url" \
    --bootstrap-internal-url "$keystone_url" --bootstrap-region-id "$os_region" \
    >>"$os_logs/keystone-manage.log" 2>&1
  touch "$os_state/keystone.bootstrapped"
fi
if ! os_answers "$keystone_url"; then
  os_log "starting Keystone on $keystone_url (log $os_logs/keystone.log)"
  OS_KEYSTONE_CONFIG_FILES="$keystone_conf" setsid nohup "$python" "$here/serve-keystone.py" "$os_host" \
    "$keystone_port" >>"$os_logs/keystone.stdout" 2>&1 </dev/null 9>&- &
  echo $! >"$os_state/keystone.pid"
  os_wait_for "$keystone_url" 120 || { os_log "Keystone did not start; see $os_logs/keystone.log"; exit 1; }
fi
state="$os_state/bootstrap.json"
if ! grep -qs applicationCredential "$state"; then
  os_log "creating the service, demo project, demo user and application credential"
  "$python" "$here/bootstrap.py" keystone "$state"
fi

# --- 3. Neutron ----------------------------------------------------------------------------------------
neutron_conf="$os_state/neutron.conf"
cat >"$neutron_conf" <<CONF
[DEFAULT]
bind_host = $os_host
bind_port = $neutron_port
core_plugin = ml2
service_plugins = router,trunk
auth_strategy = keystone
api_paste_config = $here/neutron-api-paste.ini
transport_url = fake:/
api_workers = 0
rpc_workers = 0
rpc_state_report_workers = 0
notify_nova_on_port_status_changes = false
notify_nova_on_port_data_changes = false
log_file = $os_logs/neutron.log
[database]
connection = sqlite:///$os_state/neutron.sqlite
[keystone_authtoken]
www_authenticate_uri = $keystone_url
auth_url = $keystone_url
auth_type = password
username = neutron
password = $NEUTRON_PASSWORD
project_name = service
user_domain_id = default
project_domain_id = default
region_name = $os_region
[oslo_concurrency]
lock_path = $os_state/neutron-locks
[ml2]
type_drivers = flat,vxlan
tenant_network_types = vxlan
mechanism_drivers = openvswitch
extension_drivers = port_security
[ml2_type_flat]
flat_networks = external
[ml2_type_vxlan]
vni_ranges = 1:10000
[securitygroup]
enable_security_group = true
CONF
chmod 0600 "$neutron_conf"
if [ ! -f "$os_state/neutron.schema" ]; then
  os_log "creating the Neutron database"
  rm -f "$os_state/neutron.sqlite"
  "$python" "$here/neutron-sqlite-schema.py" "$neutron_conf" >>"$os_logs/neutron-db.log" 2>&1
  sqlite3 "$os_state/neutron.sqlite" 'PRAGMA journal_mode=WAL;' >/dev/null
  touch "$os_state/neutron.schema"
fi
if ! os_answers "$neutron_url/"; then
  os_log "starting the Neutron server on $neutron_url (log $os_logs/neutron.log)"
  mkdir -p "$os_state/neutron-locks"
  setsid nohup "$python" -c 'import sys; from neutron.cmd.eventlet.server import main; sys.exit(main())' \
    --config-file "$neutron_conf" >>"$os_logs/neutron.stdout" 2>&1 </dev/null 9>&- &
  echo $! >"$os_state/neutron.pid"
  os_wait_for "$neutron_url/" 120 || { os_log "Neutron did not start; see $os_logs/neutron.log"; exit 1; }
fi
if ! grep -qs externalNetworkName "$state"; then
  os_log "creating the external network"
  "$python" "$here/bootstrap.py" neutron "$state"
fi

# --- the description the tests read ------------------------------------------------------------------
"$python" - "$state" "$os_state/cloud.json" <<'PY'
import json, os, sys
state = json.load(open(sys.argv[1]))
cloud = {
    "authUrl": os.environ["KEYSTONE_URL"], "regionName": os.environ["REGION"],
    "admin": {"username": "admin", "password": os.environ["ADMIN_PASSWORD"], "projectName": "admin",
              "userDomainName": "Default", "projectDomainName": "Default"},
    "demo": {"username": "demo", "password": os.environ["DEMO_PASSWORD"], "projectName": "demo",
             "userDomainName": "Default", "projectDomainName": "Default"},
    "applicationCredential": state["applicationCredential"],
    "externalNetworkName": state["externalNetworkName"],
    "services": ["identity", "network"],
}
fd = os.open(sys.argv[2] + ".tmp", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
with os.fdopen(fd, "w") as out:
    json.dump(cloud, out, indent=2)
os.replace(sys.argv[2] + ".tmp", sys.argv[2])
PY
os_log "Keystone $keystone_url and Neutron $neutron_url are ready"
