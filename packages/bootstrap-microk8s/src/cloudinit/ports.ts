import type { ClusterConfiguration } from '../api/v1beta1/index.js';

/** The ports MicroK8s' cluster agent and dqlite listen on. */
export interface MicroK8sPorts {
  clusterAgent: string;
  dqlite: string;
}

/**
 * 30000 and 2379 with `portCompatibilityRemap` (the default, also when `clusterConfiguration` is absent);
 * MicroK8s' own 25000 and 19001 otherwise.
 */
export function microK8sPorts(cluster: Partial<ClusterConfiguration> | undefined): MicroK8sPorts {
  const remap = cluster?.portCompatibilityRemap ?? true;
  return remap ? { clusterAgent: '30000', dqlite: '2379' } : { clusterAgent: '25000', dqlite: '19001' };
}
