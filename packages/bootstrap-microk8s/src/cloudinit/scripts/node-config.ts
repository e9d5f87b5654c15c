// Node configuration: containerd proxies, kubelet arguments, Calico encapsulation, ports.

/** `$1` HTTP proxy, `$2` HTTPS proxy, `$3` no-proxy list for containerd. */
export const configureContainerdProxy = `#!/bin/bash -xe
# Usage: $0 <http-proxy> <https-proxy> <no-proxy>
env_file=/var/snap/microk8s/current/args/containerd-env
if [ -z "\${1}" ] && [ -z "\${2}" ] && [ -z "\${3}" ]; then
  exit 0
fi
echo "# Configuration from ClusterAPI" >> "\${env_file}"
if [ -n "\${1}" ]; then
  echo "http_proxy=\${1}" >> "\${env_file}"
  echo "HTTP_PROXY=\${1}" >> "\${env_file}"
fi
if [ -n "\${2}" ]; then
  echo "https_proxy=\${2}" >> "\${env_file}"
  echo "HTTPS_PROXY=\${2}" >> "\${env_file}"
fi
if [ -n "\${3}" ]; then
  echo "no_proxy=\${3}" >> "\${env_file}"
  echo "NO_PROXY=\${3}" >> "\${env_file}"
fi
snap restart microk8s.daemon-containerd
`;

/** Appends the extra kubelet arguments from /var/tmp/extra-kubelet-args, when that file exists. */
export const configureKubelet = `#!/bin/bash -xe
# Usage: $0
extra=/var/tmp/extra-kubelet-args
if [ ! -f "\${extra}" ]; then
  exit 0
fi
args=/var/snap/microk8s/current/args/kubelet
echo "# ClusterAPI configuration" >> "\${args}"
cat "\${extra}" >> "\${args}"
echo >> "\${args}"
snap restart microk8s.daemon-kubelite
`;

/** `$1` "true": switch Calico from VXLAN to IP-in-IP (when the default CNI is installed). */
export const configureCalicoIpip = `#!/bin/bash -xe
# Usage: $0 <true|false>
cni=/var/snap/microk8s/current/args/cni-network/cni.yaml
if [ "\${1}" != "true" ] || [ ! -f "\${cni}" ]; then
  exit 0
fi
microk8s kubectl delete daemonset/calico-node -n kube-system || true
microk8s kubectl delete ippools --all || true
sed -i 's/CALICO_IPV4POOL_VXLAN/CALICO_IPV4POOL_IPIP/' "\${cni}"
sed -i 's/calico_backend: "vxlan"/calico_backend: "bird"/' "\${cni}"
sed -i 's/-felix-live/-bird-live/; s/-felix-ready/-bird-ready/' "\${cni}"
while ! microk8s kubectl apply -f "\${cni}"; do
  echo "could not apply the Calico manifest, retrying"
  sleep 5
done
`;

/** `$1` the cluster agent port (25000 upstream default, 30000 when remapped). */
export const configureClusterAgentPort = `#!/bin/bash -xe
# Usage: $0 <port>
args=/var/snap/microk8s/current/args/cluster-agent
if [ "\${1}" = "25000" ]; then
  exit 0
fi
sed -i "s/25000/\${1}/" "\${args}"
snap restart microk8s.daemon-cluster-agent
`;

/** `$1` the dqlite port (19001 upstream default, 2379 when remapped). */
export const configureDqlitePort = `#!/bin/bash -xe
# Usage: $0 <port>
backend=/var/snap/microk8s/current/var/kubernetes/backend
if [ "\${1}" = "19001" ]; then
  exit 0
fi
while [ ! -f "\${backend}/info.yaml" ]; do
  echo "waiting for dqlite to start"
  sleep 3
done
sed "s/19001/\${1}/" "\${backend}/info.yaml" > "\${backend}/update.yaml"
snap restart microk8s.daemon-k8s-dqlite
`;
