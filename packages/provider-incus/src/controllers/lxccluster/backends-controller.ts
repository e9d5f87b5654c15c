import {
  type Controller,
  type ControllerOptions,
  controllerBuilder,
  getOwnerCluster,
  type InfraControllerHost,
  informerReader,
  isExternallyManaged,
  isPaused,
  predicates,
  type RawSource,
  StandardIndex,
} from '@capi-ts/sdk';
import { type LXCCluster, lxcClusterResource, lxcMachineResource } from '../../api/index.js';
import type { IncusConnections } from '../../connection/index.js';
import { loadBalancerFor, loadBalancerType, needsIncus } from '../../loadbalancer/index.js';
import { lxcMachineToLXCCluster } from './machine-to-lxccluster.js';

/** Options of {@link loadBalancerBackendsController}. */
export interface LoadBalancerBackendsControllerOptions {
  manager: InfraControllerHost;
  connections: IncusConnections;
  watchFilter?: string;
  controllerOptions?: ControllerOptions;
  /** Further sources of LXCCluster requests, e.g. identity Secret changes. */
  rawSources?: readonly RawSource[];
}

/**
 * Keeps the backends of `lxc`, `oci` and `ovn` load balancers equal to the cluster's running control-plane
 * instances: reconciled for each LXCCluster whenever it or one of its LXCMachines changes (an instance gets its
 * address, a control-plane machine goes away), it rewrites the haproxy configuration (and reloads haproxy) or the
 * OVN backends only when they differ, and then sets `status.loadBalancerConfigured` on the control-plane
 * LXCMachines now behind the load balancer (once; CAPN's flag). Provisioned, unpaused LXCClusters only.
 *
 * For an LXCCluster managed by another system (`cluster.x-k8s.io/managed-by`, e.g. Kamaji, which writes the
 * endpoint and the v1beta1 `status.ready`), it only carries `status.ready` over to
 * `status.initialization.provisioned`, which Cluster API reads under the v1beta2 contract.
 */
export function loadBalancerBackendsController(options: LoadBalancerBackendsControllerOptions): Controller {
  const { manager, connections } = options;
  const reader = informerReader(manager.cache);
  const builder = controllerBuilder(manager)
    .named('lxccluster-loadbalancer')
    .for(lxcClusterResource)
    .watches(lxcMachineResource, lxcMachineToLXCCluster(manager.cache))
    .withEventFilter(predicates.resourceHasFilterLabel(options.watchFilter))
    .withOptions({ ...options.controllerOptions });
  for (const source of options.rawSources ?? []) builder.watchesRawSource(source);
  return builder.build(async (request, context) => {
    const lxcCluster = manager.cache.informerFor(lxcClusterResource).get(request);
    if (!lxcCluster) return;
    if (isExternallyManaged(lxcCluster)) {
      await mirrorExternalReadiness(manager, lxcCluster);
      return;
    }
    if (lxcCluster.metadata.deletionTimestamp || !lxcCluster.status?.initialization?.provisioned) return;
    if (!needsIncus(loadBalancerType(lxcCluster))) return;
    const cluster = await getOwnerCluster(reader, lxcCluster);
    if (!cluster || isPaused(cluster, lxcCluster)) return;
    const connection = await connections.forSecret(request.namespace ?? '', lxcCluster.spec?.secretRef?.name);
    const clusterName = cluster.metadata.name ?? '';
    const result = await loadBalancerFor(lxcCluster, clusterName, connection).reconfigure(context.signal);
    if (result.changed) {
      context.logger.info({ backends: result.backends.map((b) => b.name) }, 'Load balancer backends updated');
    }
    const behind = new Set(result.backends.map((backend) => backend.name));
    const lxcMachines = manager.cache
      .informerFor(lxcMachineResource)
      .byIndex(StandardIndex.clusterName, `${request.namespace}/${clusterName}`);
    for (const lxcMachine of lxcMachines) {
      const name = lxcMachine.metadata.name ?? '';
      if (!behind.has(name) || lxcMachine.status?.loadBalancerConfigured) continue;
      await manager.client.mergePatch(
        lxcMachineResource,
        { namespace: request.namespace, name },
        { status: { loadBalancerConfigured: true } },
        { subresource: 'status' },
      );
    }
  });
}

/** `status.ready: true` (written by the managing system) → `status.initialization.provisioned: true`, once. */
async function mirrorExternalReadiness(manager: InfraControllerHost, lxcCluster: Readonly<LXCCluster>): Promise<void> {
  if (lxcCluster.status?.ready !== true || lxcCluster.status.initialization?.provisioned === true) return;
  await manager.client.mergePatch(
    lxcClusterResource,
    { namespace: lxcCluster.metadata.namespace, name: lxcCluster.metadata.name ?? '' },
    { status: { initialization: { provisioned: true } } },
    { subresource: 'status' },
  );
}
