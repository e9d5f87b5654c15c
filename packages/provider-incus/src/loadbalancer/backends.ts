import type { InstanceFull } from '../incus/api/instance.js';
import { hostAddresses } from '../instance/addresses.js';
import { ClusterConfigKey, CONTROL_PLANE_ROLE } from './names.js';

/** One control-plane instance behind the load balancer. */
export interface Backend {
  /** Instance name. */
  name: string;
  /** Its first host address (sorted), as CAPN picks it. */
  address: string;
}

/**
 * The control-plane instances of a cluster that have an address, found as CAPN finds them: by the
 * `user.cluster-name`, `user.cluster-namespace` and `user.cluster-role=control-plane` config keys. Sorted by name,
 * so the rendered configuration only changes when the set changes.
 */
export function controlPlaneBackends(
  instances: readonly InstanceFull[],
  clusterName: string,
  namespace: string,
): Backend[] {
  const backends: Backend[] = [];
  for (const instance of instances) {
    const config = instance.config ?? {};
    if (config[ClusterConfigKey.clusterName] !== clusterName) continue;
    if (config[ClusterConfigKey.clusterNamespace] !== namespace) continue;
    if (config[ClusterConfigKey.clusterRole] !== CONTROL_PLANE_ROLE) continue;
    const [address] = instance.state ? hostAddresses(instance.state) : [];
    if (address) backends.push({ name: instance.name, address });
  }
  return backends.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
