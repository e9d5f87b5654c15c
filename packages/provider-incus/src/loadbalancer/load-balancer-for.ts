import { isExternallyManaged } from '@capi-ts/sdk';
import type { LXCCluster } from '../api/v1alpha2/lxccluster.js';
import type { IncusServerConnection } from '../connection/connect.js';
import { EndpointLoadBalancer } from './endpoint-load-balancer.js';
import { LoadBalancerSpecError } from './errors.js';
import { InstanceLoadBalancer } from './instance-load-balancer.js';
import type { LoadBalancer, LoadBalancerType } from './load-balancer.js';
import { loadBalancerInstanceName } from './names.js';
import { OvnLoadBalancer } from './ovn-load-balancer.js';

/** The type set in `spec.loadBalancer` (the schema allows exactly one). */
export function loadBalancerType(lxcCluster: Pick<LXCCluster, 'spec'>): LoadBalancerType {
  const spec = lxcCluster.spec?.loadBalancer;
  if (spec?.lxc) return 'lxc';
  if (spec?.oci) return 'oci';
  if (spec?.ovn) return 'ovn';
  if (spec?.kubeVIP) return 'kubeVIP';
  if (spec?.external) return 'external';
  throw new LoadBalancerSpecError('spec.loadBalancer must set one of lxc, oci, ovn, kubeVIP or external');
}

/** Whether the load balancer type needs the Incus server (to create, reconfigure or delete anything). */
export function needsIncus(type: LoadBalancerType): boolean {
  return type === 'lxc' || type === 'oci' || type === 'ovn';
}

/**
 * Whether the LXCCluster's load balancer forwards to its control-plane machines, so that a new control-plane
 * machine is only ready once the load balancer includes it (CAPN sets the providerID after reconfiguring): `lxc`,
 * `oci` and `ovn` load balancers of LXCClusters this provider manages. `kubeVIP` and `external` have nothing to
 * reconfigure, an LXCCluster managed by another system (`cluster.x-k8s.io/managed-by`) has no load balancer of
 * ours, and an invalid `spec.loadBalancer` never got one.
 */
export function followsControlPlaneMachines(lxcCluster: Pick<LXCCluster, 'spec' | 'metadata'>): boolean {
  if (isExternallyManaged(lxcCluster)) return false;
  try {
    return needsIncus(loadBalancerType(lxcCluster));
  } catch (error) {
    if (error instanceof LoadBalancerSpecError) return false;
    throw error;
  }
}

/**
 * The load balancer of an LXCCluster. `clusterName` is the owning Cluster's name (what the machines' instances
 * carry in `user.cluster-name`). `connection` may be omitted for types that do not need Incus.
 */
export function loadBalancerFor(
  lxcCluster: LXCCluster,
  clusterName: string,
  connection: IncusServerConnection | undefined,
): LoadBalancer {
  const type = loadBalancerType(lxcCluster);
  const namespace = lxcCluster.metadata.namespace ?? 'default';
  const host = lxcCluster.spec?.controlPlaneEndpoint?.host || undefined;
  if (!needsIncus(type)) return new EndpointLoadBalancer(type as 'kubeVIP' | 'external', host);
  if (!connection) throw new Error(`the ${type} load balancer needs a connection to the Incus server`);
  if (type === 'ovn') {
    return new OvnLoadBalancer({
      connection,
      networkName: lxcCluster.spec?.loadBalancer.ovn?.networkName,
      listenAddress: host,
      clusterName,
      namespace,
    });
  }
  const instanceType = type as 'lxc' | 'oci';
  return new InstanceLoadBalancer({
    type: instanceType,
    connection,
    instanceName: loadBalancerInstanceName(lxcCluster.metadata.name ?? '', namespace),
    clusterName,
    namespace,
    instanceSpec: lxcCluster.spec?.loadBalancer[instanceType]?.instanceSpec,
  });
}
