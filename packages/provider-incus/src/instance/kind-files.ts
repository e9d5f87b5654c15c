/**
 * Files CAPN injects into kind (`kindest/node`) instances, which have no cloud-init. They are installed as Incus
 * instance templates, so none of them may contain pongo2 markup except where Incus is meant to render it.
 */

/** Where the bootstrap cloud-config, rendered to JSON, is placed (default mode). */
export const KIND_CLOUD_INIT_JSON_PATH = '/hack/cloud-init.json';
/** The script that applies the JSON (or installs cloud-init in apt mode). */
export const KIND_CLOUD_INIT_SCRIPT_PATH = '/hack/cloud-init.py';
/** Marker the service leaves once the script succeeded, so it runs once. */
export const KIND_CLOUD_INIT_SUCCESS_PATH = '/hack/cloud-init.success';
/** The oneshot unit that runs the script at first boot. */
export const KIND_LAUNCH_SERVICE_PATH = '/etc/systemd/system/cloud-init-launch.service';
/** The symlink that enables the unit. */
export const KIND_LAUNCH_SERVICE_WANTS_PATH = '/etc/systemd/system/multi-user.target.wants/cloud-init-launch.service';
/** kind's entrypoint, which Incus must run as PID 1 (through the `/init` symlink). */
export const KIND_ENTRYPOINT_PATH = '/usr/local/bin/entrypoint';
/** The default CNI manifest of kind's node image, with a `{{ .PodSubnet }}` placeholder. */
export const KIND_DEFAULT_CNI_PATH = '/kind/manifests/default-cni.yaml';

/**
 * Applies the bootstrap data of a kind node. It waits until the node has a global address; then, with
 * `/hack/cloud-init.json` present, writes each `write_files` entry (parents created, mode and owner applied)
 * and runs all `runcmd` lines as one `bash -xe` script; without it (apt mode) it runs cloud-init, installing it
 * from the archive first when missing, and starts `cloud-final.service`.
 */
export const kindCloudInitScript = `#!/usr/bin/env python3
# Installed by the Cluster API Incus provider: applies the node's bootstrap data once at first boot.
import json
import os
import subprocess
import sys
import time

CONFIG = "${KIND_CLOUD_INIT_JSON_PATH}"


def has_global_address():
    out = subprocess.run(["ip", "-o", "addr", "show", "scope", "global"], capture_output=True, text=True)
    return out.returncode == 0 and out.stdout.strip() != ""


def apt_mode():
    script = "\\n".join([
        "if ! cloud-init --version; then",
        "  apt-get update",
        "  apt-get install --no-install-recommends --yes cloud-init",
        "fi",
        "cloud-init init --local",
        "cloud-init init",
        "cloud-init modules --mode=config",
        "systemctl start --no-block cloud-final.service",
    ])
    subprocess.run(["bash", "-xe", "-c", script], check=True)


def apply(config):
    for entry in config.get("write_files") or []:
        path = entry["path"]
        os.makedirs(os.path.dirname(path) or "/", exist_ok=True)
        with open(path, "w") as handle:
            handle.write(entry.get("content") or "")
        if entry.get("permissions"):
            os.chmod(path, int(entry["permissions"], 8))
        if entry.get("owner"):
            subprocess.run(["chown", entry["owner"], path], check=True)
    commands = config.get("runcmd") or []
    if commands:
        subprocess.run(["bash", "-xe", "-s"], input="\\n".join(commands) + "\\n", text=True, check=True)


def main():
    while not has_global_address():
        print("waiting for a global address", flush=True)
        time.sleep(1)
    if not os.path.exists(CONFIG):
        apt_mode()
        return
    with open(CONFIG) as handle:
        apply(json.load(handle))


if __name__ == "__main__":
    try:
        main()
    except subprocess.CalledProcessError as error:
        print(f"command failed: {error}", file=sys.stderr, flush=True)
        sys.exit(1)
`;

/** The oneshot unit that runs {@link kindCloudInitScript} after the network is up, until it succeeds once. */
export const kindLaunchService = `[Unit]
Description=Apply the Cluster API bootstrap data (kind node without cloud-init)
After=network-online.target
Wants=network-online.target
ConditionPathExists=!${KIND_CLOUD_INIT_SUCCESS_PATH}
StartLimitIntervalSec=60
StartLimitBurst=10

[Service]
Type=oneshot
Environment=PYTHONUNBUFFERED=1
ExecStart=/bin/bash -xe -c 'python3 ${KIND_CLOUD_INIT_SCRIPT_PATH} && touch ${KIND_CLOUD_INIT_SUCCESS_PATH}'
Restart=on-failure
RestartSec=5s

[Install]
WantedBy=multi-user.target
`;

/** NoCloud meta-data (rendered by Incus): the instance name as instance id and host name. */
export const kindNoCloudMetaData = `instance-id: {{ container.name }}
local-hostname: {{ container.name }}
{{ config_get("user.meta-data", "") }}
`;

/** NoCloud user-data (rendered by Incus): `cloud-init.user-data`, else `user.user-data`. */
export const kindNoCloudUserData = `{% if config_get("cloud-init.user-data", "") != "" %}{{ config_get("cloud-init.user-data", "") }}{% else %}{{ config_get("user.user-data", "") }}{% endif %}
`;
