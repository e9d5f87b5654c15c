/** Where every container and virtual machine (not kind) gets {@link installKubeadmScript}. */
export const INSTALL_KUBEADM_PATH = '/opt/cluster-api/install-kubeadm.sh';

/**
 * `install-kubeadm.sh <kubernetes-version>`: prepares a stock Debian/Ubuntu cloud image for kubeadm (for images
 * without kubeadm, e.g. `ubuntu:24.04`, through `preKubeadmCommands`). It sets the sysctls Kubernetes needs,
 * installs runc, containerd, the CNI plugins, crictl, kubeadm, kubelet and kubectl from their upstream
 * releases, writes the containerd config (with the unprivileged-container options when the container runs in a
 * user namespace) and the kubelet units, and pre-pulls the control plane images. Versions can be overridden
 * with `CONTAINERD_VERSION`, `RUNC_VERSION`, `CNI_VERSION` and `CRICTL_VERSION`. Installed as an Incus instance
 * template, so the text contains no template markup.
 */
export const installKubeadmScript = `#!/bin/bash -xeu
# Installed by the Cluster API Incus provider. Usage: install-kubeadm.sh <kubernetes-version, e.g. v1.33.0>
KUBERNETES_VERSION="$1"
CONTAINERD_VERSION="\${CONTAINERD_VERSION:-v2.1.4}"
RUNC_VERSION="\${RUNC_VERSION:-v1.3.0}"
CNI_VERSION="\${CNI_VERSION:-v1.8.0}"
CRICTL_VERSION="\${CRICTL_VERSION:-v1.34.0}"
ARCH="$(dpkg --print-architecture)"

cat > /etc/sysctl.d/99-kubernetes.conf <<SYSCTL
net.ipv4.ip_forward = 1
fs.inotify.max_user_instances = 8192
fs.inotify.max_user_watches = 1048576
SYSCTL
sysctl --system || true

export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install --no-install-recommends --yes ca-certificates curl iptables ethtool kmod conntrack

fetch() { curl --fail --silent --show-error --location --retry 5 "$1" -o "$2"; }

fetch "https://github.com/opencontainers/runc/releases/download/\${RUNC_VERSION}/runc.\${ARCH}" /usr/bin/runc
chmod 0755 /usr/bin/runc

fetch "https://github.com/containerd/containerd/releases/download/\${CONTAINERD_VERSION}/containerd-\${CONTAINERD_VERSION#v}-linux-\${ARCH}.tar.gz" /tmp/containerd.tar.gz
tar -C /usr -xzf /tmp/containerd.tar.gz
mkdir -p /opt/cni/bin
fetch "https://github.com/containernetworking/plugins/releases/download/\${CNI_VERSION}/cni-plugins-linux-\${ARCH}-\${CNI_VERSION}.tgz" /tmp/cni.tgz
tar -C /opt/cni/bin -xzf /tmp/cni.tgz
fetch "https://github.com/kubernetes-sigs/cri-tools/releases/download/\${CRICTL_VERSION}/crictl-\${CRICTL_VERSION}-linux-\${ARCH}.tar.gz" /tmp/crictl.tar.gz
tar -C /usr/bin -xzf /tmp/crictl.tar.gz
for binary in kubeadm kubelet kubectl; do
  fetch "https://dl.k8s.io/release/\${KUBERNETES_VERSION}/bin/linux/\${ARCH}/\${binary}" "/usr/bin/\${binary}"
  chmod 0755 "/usr/bin/\${binary}"
done
rm -f /tmp/containerd.tar.gz /tmp/cni.tgz /tmp/crictl.tar.gz

mkdir -p /etc/containerd
containerd config default > /etc/containerd/config.toml
sed -i 's/SystemdCgroup = false/SystemdCgroup = true/' /etc/containerd/config.toml
if [ "$(stat -c %u /proc)" != "0" ]; then
  # Unprivileged container: the host owns /proc, so this runs in a user namespace.
  sed -i -e 's/disable_apparmor = false/disable_apparmor = true/' \\
    -e 's/restrict_oom_score_adj = false/restrict_oom_score_adj = true/' \\
    -e 's/disable_hugetlb_controller = false/disable_hugetlb_controller = true/' /etc/containerd/config.toml
fi

cat > /etc/systemd/system/containerd.service <<UNIT
[Unit]
Description=containerd container runtime
After=network.target local-fs.target
[Service]
ExecStartPre=-/sbin/modprobe overlay
ExecStart=/usr/bin/containerd
Type=notify
Delegate=yes
KillMode=process
Restart=always
RestartSec=5
LimitNPROC=infinity
LimitCORE=infinity
TasksMax=infinity
OOMScoreAdjust=-999
[Install]
WantedBy=multi-user.target
UNIT

cat > /etc/systemd/system/kubelet.service <<UNIT
[Unit]
Description=kubelet: The Kubernetes Node Agent
Wants=network-online.target
After=network-online.target
[Service]
ExecStart=/usr/bin/kubelet
Restart=always
StartLimitInterval=0
RestartSec=10
[Install]
WantedBy=multi-user.target
UNIT

mkdir -p /etc/systemd/system/kubelet.service.d
cat > /etc/systemd/system/kubelet.service.d/10-kubeadm.conf <<UNIT
[Service]
Environment="KUBELET_KUBECONFIG_ARGS=--bootstrap-kubeconfig=/etc/kubernetes/bootstrap-kubelet.conf --kubeconfig=/etc/kubernetes/kubelet.conf"
Environment="KUBELET_CONFIG_ARGS=--config=/var/lib/kubelet/config.yaml"
EnvironmentFile=-/var/lib/kubelet/kubeadm-flags.env
EnvironmentFile=-/etc/default/kubelet
ExecStart=
ExecStart=/usr/bin/kubelet \\$KUBELET_KUBECONFIG_ARGS \\$KUBELET_CONFIG_ARGS \\$KUBELET_KUBEADM_ARGS \\$KUBELET_EXTRA_ARGS
UNIT

systemctl daemon-reload
systemctl enable --now containerd.service
systemctl enable kubelet.service
kubeadm config images pull --kubernetes-version "\${KUBERNETES_VERSION}"
`;
