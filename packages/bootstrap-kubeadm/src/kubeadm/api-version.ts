/** The kubeadm configuration API versions CABPK writes. */
export type KubeadmApiVersion = 'kubeadm.k8s.io/v1beta3' | 'kubeadm.k8s.io/v1beta4';

/** A Kubernetes version that kubeadm cannot be configured for. */
export class UnsupportedKubernetesVersionError extends Error {
  constructor(version: string, reason: string) {
    super(`Kubernetes version ${JSON.stringify(version)}: ${reason}`);
    this.name = 'UnsupportedKubernetesVersionError';
  }
}

/** Major, minor and patch of a Kubernetes version, read as tolerantly as Go's `semver.ParseTolerant`. */
export function parseKubernetesVersion(version: string): { major: number; minor: number; patch: number } {
  const match = /^\s*v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:[-+].*)?\s*$/.exec(version);
  if (!match) throw new UnsupportedKubernetesVersionError(version, 'not a semantic version');
  return { major: Number(match[1]), minor: Number(match[2] ?? 0), patch: Number(match[3] ?? 0) };
}

/**
 * The kubeadm API version for a Kubernetes version, as CABPK chooses it: v1beta3 from 1.22 to 1.30, v1beta4 from
 * 1.31; older versions are refused.
 */
export function kubeadmApiVersionFor(kubernetesVersion: string): KubeadmApiVersion {
  const { major, minor } = parseKubernetesVersion(kubernetesVersion);
  if (major < 1 || (major === 1 && minor < 22)) {
    throw new UnsupportedKubernetesVersionError(
      kubernetesVersion,
      'kubeadm configuration needs Kubernetes 1.22 or newer',
    );
  }
  return major === 1 && minor < 31 ? 'kubeadm.k8s.io/v1beta3' : 'kubeadm.k8s.io/v1beta4';
}
