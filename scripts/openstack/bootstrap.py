"""Creates (idempotently) what the tests expect in the OpenStack test services, then writes the cloud
description the tests read (JSON, mode 0600).

Keystone (after `keystone-manage bootstrap` made the admin user/project, the roles and the identity
endpoints): the `service` project with the `neutron` service user, the network service and its endpoints,
the `demo` project and user (role `member`) and an application credential of the demo user.
Neutron (with `--neutron`): the shared external network `public` (flat, physical network `external`) with a
subnet, as admin.

Usage: /usr/bin/python3 bootstrap.py keystone|neutron STATE_FILE
Environment: KEYSTONE_URL, NEUTRON_URL, REGION, ADMIN_PASSWORD, DEMO_PASSWORD, NEUTRON_PASSWORD.
"""
import json
import os
import sys
import urllib.error
import urllib.request

KEYSTONE = os.environ["KEYSTONE_URL"].rstrip("/")
NEUTRON = os.environ["NEUTRON_URL"].rstrip("/")
REGION = os.environ["REGION"]


def call(method, url, token=None, body=None, expect_token=False):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method)
    request.add_header("Accept", "application/json")
    if data is not None:
        request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("X-Auth-Token", token)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            text = response.read().decode()
            payload = json.loads(text) if text else None
            return (response.headers["X-Subject-Token"], payload) if expect_token else payload
    except urllib.error.HTTPError as error:
        raise SystemExit(f"{method} {url}: {error.code} {error.read().decode()[:500]}")


def password_token(user, password, project):
    body = {"auth": {"identity": {"methods": ["password"], "password": {"user": {
        "name": user, "domain": {"id": "default"}, "password": password}}},
        "scope": {"project": {"name": project, "domain": {"id": "default"}}}}}
    token, payload = call("POST", f"{KEYSTONE}/auth/tokens", body=body, expect_token=True)
    return token, payload["token"]


def find(token, collection, **filters):
    query = "&".join(f"{key}={value}" for key, value in filters.items())
    items = call("GET", f"{KEYSTONE}/{collection}?{query}", token)[collection]
    return items[0] if items else None


def ensure(token, collection, singular, attributes, **filters):
    found = find(token, collection, **filters)
    if found:
        return found
    return call("POST", f"{KEYSTONE}/{collection}", token, {singular: attributes})[singular]


def role_id(token, name):
    return find(token, "roles", name=name)["id"]


def grant(token, project, user, role):
    call("PUT", f"{KEYSTONE}/projects/{project}/users/{user}/roles/{role}", token)


def keystone(state):
    admin, _ = password_token("admin", os.environ["ADMIN_PASSWORD"], "admin")
    default = {"domain_id": "default"}
    service = ensure(admin, "projects", "project", {"name": "service", **default}, name="service")
    demo_project = ensure(admin, "projects", "project", {"name": "demo", **default}, name="demo")
    neutron_user = ensure(admin, "users", "user", {"name": "neutron", "password": os.environ["NEUTRON_PASSWORD"],
                                                   **default}, name="neutron")
    demo_user = ensure(admin, "users", "user", {"name": "demo", "password": os.environ["DEMO_PASSWORD"], **default},
                       name="demo")
    grant(admin, service["id"], neutron_user["id"], role_id(admin, "admin"))
    grant(admin, demo_project["id"], demo_user["id"], role_id(admin, "member"))
    network = ensure(admin, "services", "service", {"type": "network", "name": "neutron"}, type="network")
    for interface in ("public", "internal", "admin"):
        if not find(admin, "endpoints", service_id=network["id"], interface=interface):
            call("POST", f"{KEYSTONE}/endpoints", admin, {"endpoint": {
                "service_id": network["id"], "interface": interface, "url": NEUTRON, "region_id": REGION}})

    # Application credentials are created by their owner; the secret is shown once, so keep it.
    demo, demo_body = password_token("demo", os.environ["DEMO_PASSWORD"], "demo")
    credentials = f"{KEYSTONE}/users/{demo_body['user']['id']}/application_credentials"
    existing = call("GET", f"{credentials}?name=capi-ts-tests", demo)["application_credentials"]
    if existing and state.get("applicationCredential", {}).get("id") == existing[0]["id"]:
        return
    for credential in existing:
        call("DELETE", f"{credentials}/{credential['id']}", demo)
    created = call("POST", credentials, demo, {"application_credential": {
        "name": "capi-ts-tests", "description": "capi-ts contract tests"}})["application_credential"]
    state["applicationCredential"] = {"id": created["id"], "name": created["name"], "secret": created["secret"]}


def neutron(state):
    admin, _ = password_token("admin", os.environ["ADMIN_PASSWORD"], "admin")
    existing = call("GET", f"{NEUTRON}/v2.0/networks?name=public", admin)["networks"]
    if existing:
        network = existing[0]
    else:
        network = call("POST", f"{NEUTRON}/v2.0/networks", admin, {"network": {
            "name": "public", "router:external": True, "shared": False,
            "provider:network_type": "flat", "provider:physical_network": "external"}})["network"]
    if not network["subnets"]:
        call("POST", f"{NEUTRON}/v2.0/subnets", admin, {"subnet": {
            "name": "public-subnet", "network_id": network["id"], "ip_version": 4, "cidr": "172.24.4.0/24",
            "gateway_ip": "172.24.4.1", "enable_dhcp": False}})
    state["externalNetworkName"] = network["name"]


def main():
    step, path = sys.argv[1], sys.argv[2]
    state = json.load(open(path)) if os.path.exists(path) else {}
    {"keystone": keystone, "neutron": neutron}[step](state)
    fd = os.open(path + ".tmp", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as out:
        json.dump(state, out, indent=2)
    os.replace(path + ".tmp", path)


main()
