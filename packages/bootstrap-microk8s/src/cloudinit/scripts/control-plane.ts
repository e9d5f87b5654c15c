// Control-plane configuration: the API server on 6443 behind the load balancer's name or address.

/** `$1` "DNS" or "IP", `$2` the control-plane endpoint: add it to the API server certificate. */
export const configureCertForLb = `#!/bin/bash -xe
# Usage: $0 <DNS|IP> <endpoint>
csr=/var/snap/microk8s/current/certs/csr.conf.template
if ! grep -q "^\${1}.100 = \${2}$" "\${csr}"; then
  sed -i "/^DNS.1 = kubernetes/a\${1}.100 = \${2}" "\${csr}"
fi
# Ask the snap to regenerate the server certificate from the template.
snap set microk8s hack.update.csr="call$$"
snap restart microk8s.daemon-kubelite
/capi-scripts/50-wait-apiserver.sh
`;

/** Serves the API on 6443 (MicroK8s uses 16443) and frees the node port range for it. */
export const configureApiserver = `#!/bin/bash -xe
# Usage: $0
snap_data=/var/snap/microk8s/current
args="\${snap_data}/args/kube-apiserver"
if ! grep -q -- "--service-node-port-range" "\${args}"; then
  echo "--service-node-port-range=30001-32767" >> "\${args}"
fi
sed -i 's/16443/6443/' "\${args}"
for config in client.config controller.config scheduler.config kubelet.config proxy.config; do
  if [ -f "\${snap_data}/credentials/\${config}" ]; then
    sed -i 's/16443/6443/' "\${snap_data}/credentials/\${config}"
  fi
done
snap set microk8s hack.update.csr="call$$"
snap restart microk8s.daemon-kubelite
/capi-scripts/50-wait-apiserver.sh
# The kubernetes service still names the old port; the API server recreates it.
microk8s kubectl delete svc kubernetes || true
# Local clients that still use 16443 keep working.
iptables -t nat -C OUTPUT -o lo -p tcp --dport 16443 -j REDIRECT --to-port 6443 2>/dev/null ||
  iptables -t nat -A OUTPUT -o lo -p tcp --dport 16443 -j REDIRECT --to-port 6443
iptables -t nat -C PREROUTING -p tcp --dport 16443 -j REDIRECT --to-port 6443 2>/dev/null ||
  iptables -t nat -A PREROUTING -p tcp --dport 16443 -j REDIRECT --to-port 6443
DEBIAN_FRONTEND=noninteractive apt-get install -y iptables-persistent || true
`;

/** Waits until the local API server answers /readyz. */
export const waitApiserver = `#!/bin/bash -x
# Usage: $0
while ! microk8s kubectl get --raw /readyz >/dev/null 2>&1; do
  echo "waiting for the API server"
  sleep 3
done
`;
