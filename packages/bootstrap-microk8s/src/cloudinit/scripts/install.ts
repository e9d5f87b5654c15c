// Preparing the host and installing the MicroK8s snap.

/** Stops and disables a kubelet or containerd the image may ship, which would hold MicroK8s' ports. */
export const disableHostServices = `#!/bin/bash -x
# Usage: $0
for service in kubelet containerd; do
  if systemctl list-unit-files "\${service}.service" >/dev/null 2>&1; then
    systemctl stop "\${service}" || true
    systemctl disable "\${service}" || true
  fi
done
`;

/** `$1` the snap install arguments (channel, confinement), `$2` "true" to install without the default CNI. */
export const installMicroK8s = `#!/bin/bash -xe
# Usage: $0 <snap-install-args> <disable-default-cni>
if snap list microk8s >/dev/null 2>&1; then
  echo "microk8s is already installed"
else
  # shellcheck disable=SC2086 # the arguments are split on purpose
  while ! snap install microk8s \${1}; do
    echo "could not install microk8s, retrying"
    sleep 5
  done
fi
if [ "\${2}" = "true" ]; then
  cni=/var/snap/microk8s/current/args/cni-network/cni.yaml
  if [ -f "\${cni}" ]; then
    mv "\${cni}" "\${cni}.old"
  fi
fi
`;
