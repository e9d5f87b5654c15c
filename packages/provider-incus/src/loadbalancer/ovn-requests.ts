import type { NetworkLoadBalancerPut } from '../incus/api/network.js';
import type { Backend } from './backends.js';
import { API_SERVER_PORT } from './haproxy-config.js';
import { ClusterConfigKey } from './names.js';

/** The config keys that mark an OVN load balancer as this cluster's. */
export function ovnOwnerConfig(clusterName: string, namespace: string): Record<string, string> {
  return { [ClusterConfigKey.clusterName]: clusterName, [ClusterConfigKey.clusterNamespace]: namespace };
}

/**
 * The `PUT /1.0/networks/<net>/load-balancers/<address>` body CAPN sends: TCP 6443 to port 6443 of every
 * control-plane backend, health-checked every 5 s (timeout 5 s, down after 3 failures, up after 2 successes).
 */
export function ovnLoadBalancerPut(clusterName: string, namespace: string, backends: readonly Backend[]) {
  const port = String(API_SERVER_PORT);
  return {
    config: {
      ...ovnOwnerConfig(clusterName, namespace),
      healthcheck: 'true',
      'healthcheck.interval': '5',
      'healthcheck.timeout': '5',
      'healthcheck.failure_count': '3',
      'healthcheck.success_count': '2',
    },
    backends: backends.map((backend) => ({
      name: backend.name,
      target_port: port,
      target_address: backend.address,
    })),
    ports: [{ listen_port: port, protocol: 'tcp', target_backend: backends.map((backend) => backend.name) }],
  } satisfies NetworkLoadBalancerPut;
}
