import { randomBytes } from 'node:crypto';
import type { KubeObject } from '@capi-ts/sdk';

/** The kinds of the Kamaji Incus flavor that make the workers: everything but the Cluster and its control plane. */
export const KAMAJI_WORKER_KINDS = ['MachineDeployment', 'LXCMachineTemplate', 'KubeadmConfigTemplate'] as const;

/** A kubeadm bootstrap token (`[a-z0-9]{6}.[a-z0-9]{16}`), as `kubeadm token create` prints one. */
export function kubeadmBootstrapToken(): string {
  const hex = randomBytes(11).toString('hex');
  return `${hex.slice(0, 6)}.${hex.slice(6, 22)}`;
}

/**
 * The flavor's KubeadmConfigTemplate with the workers' join token written into it
 * (`joinConfiguration.discovery.bootstrapToken.token`), as a user does who creates the token in the workload cluster
 * (`kubeadm token create`) instead of letting the kubeadm bootstrap provider create it there. The bootstrap
 * provider creates a token only through the workload cluster's API, which the simulated Kamaji does not serve; with
 * the token given, it renders the join data from the Cluster's endpoint and the `<cluster>-ca` Secret alone.
 * Every other object is returned as it is.
 */
export function withJoinToken(object: KubeObject, token: string): KubeObject {
  if (object.kind !== 'KubeadmConfigTemplate') return object;
  const copy = structuredClone(object) as KubeObject & {
    spec: { template: { spec: { joinConfiguration?: { discovery?: Record<string, unknown> } } } };
  };
  const spec = copy.spec.template.spec;
  spec.joinConfiguration = {
    ...spec.joinConfiguration,
    discovery: { ...spec.joinConfiguration?.discovery, bootstrapToken: { token } },
  };
  return copy;
}

/**
 * The flavor's LXCCluster with `spec.skipDefaultKubeadmProfile: true`, as a user sets it on a host whose Incus daemon
 * cannot load the kernel modules of the default kubeadm profile (`linux.kernel_modules`: this one has no `modprobe`,
 * so such an instance does not start). Scenario 2's flavor sets the same. Every other object is returned as it is.
 */
export function withoutDefaultKubeadmProfile(object: KubeObject): KubeObject {
  if (object.kind !== 'LXCCluster') return object;
  const copy = structuredClone(object) as KubeObject & { spec: Record<string, unknown> };
  copy.spec.skipDefaultKubeadmProfile = true;
  return copy;
}
