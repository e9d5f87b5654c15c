import type { Devices } from '../incus/api/instance.js';
import type { ServerKind } from '../incus/api/server.js';

/** Instance config and devices inlined into an instance instead of a named Incus profile. */
export interface InlineProfile {
  config: Record<string, string>;
  devices: Devices;
}

/** Kernel modules Kubernetes (kube-proxy, CNIs, containerd) loads on the host for the container. */
const kernelModules =
  'ip_vs,ip_vs_rr,ip_vs_wrr,ip_vs_sh,ip_tables,ip6_tables,iptable_raw,netlink_diag,nf_nat,overlay,br_netfilter,xt_socket';

/** The host's `/boot`, read-only, where kubeadm's preflight finds the kernel configuration. */
const hostBoot = { type: 'disk', source: '/boot', path: '/usr/lib/ostree-boot', readonly: 'true' };

/** The entrypoint Incus keeps as PID 1 for kind's node image (`/init` links to kind's entrypoint). */
const kindEntrypoint = '/init /sbin/init';

const privilegedRawLxc = [
  'lxc.apparmor.profile=unconfined',
  'lxc.mount.auto=proc:rw sys:rw cgroup:rw',
  'lxc.cgroup.devices.allow=a',
  'lxc.cap.drop=',
  '',
].join('\n');

/** Privileged system containers (the default). */
function privilegedKubeadm(): InlineProfile {
  return {
    config: {
      'linux.kernel_modules': kernelModules,
      'raw.lxc': privilegedRawLxc,
      'security.nesting': 'true',
      'security.privileged': 'true',
    },
    devices: {
      'kubelet-dev-kmsg': { type: 'unix-char', source: '/dev/kmsg', path: '/dev/kmsg' },
      'kubeadm-host-boot': { ...hostBoot },
    },
  };
}

/** Unprivileged system containers on Incus. */
function unprivilegedKubeadm(): InlineProfile {
  return { config: { 'linux.kernel_modules': kernelModules }, devices: { 'kubeadm-host-boot': { ...hostBoot } } };
}

/** Unprivileged system containers on Canonical LXD: nesting on, snapd and AppArmor units masked. */
function unprivilegedKubeadmLxd(): InlineProfile {
  return {
    config: { 'linux.kernel_modules': kernelModules, 'security.nesting': 'true' },
    devices: {
      'kubeadm-host-boot': { ...hostBoot },
      '00-disable-snapd': { type: 'disk', source: '/dev/null', path: '/usr/lib/systemd/system/snapd.service' },
      '00-disable-apparmor': { type: 'disk', source: '/dev/null', path: '/usr/lib/systemd/system/apparmor.service' },
    },
  };
}

/** Privileged kind containers: the kubeadm profile without nesting, with kind's entrypoint. */
function privilegedKind(): InlineProfile {
  const { config, devices } = privilegedKubeadm();
  const { 'security.nesting': _nesting, ...rest } = config;
  return { config: { ...rest, 'oci.entrypoint': kindEntrypoint }, devices };
}

/** Unprivileged kind containers. */
function unprivilegedKind(): InlineProfile {
  return {
    config: { 'linux.kernel_modules': kernelModules, 'oci.entrypoint': kindEntrypoint },
    devices: { 'kubeadm-host-boot': { ...hostBoot } },
  };
}

/**
 * The default profile CAPN inlines into an instance (unless `skipDefaultKubeadmProfile`): for system containers
 * the privileged, unprivileged or unprivileged-LXD kubeadm profile, for kind the (un)privileged kind profile.
 * Virtual machines get none.
 */
export function defaultProfile(
  instanceType: 'container' | 'virtual-machine' | 'kind',
  unprivileged: boolean,
  serverKind: ServerKind,
): InlineProfile | undefined {
  if (instanceType === 'virtual-machine') return undefined;
  if (instanceType === 'kind') return unprivileged ? unprivilegedKind() : privilegedKind();
  if (!unprivileged) return privilegedKubeadm();
  return serverKind === 'lxd' ? unprivilegedKubeadmLxd() : unprivilegedKubeadm();
}
