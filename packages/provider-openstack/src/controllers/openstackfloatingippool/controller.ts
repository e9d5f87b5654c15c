import {
  type Cluster,
  type Controller,
  type ControllerDependencies,
  capiTypes,
  clusterPausedTransitions,
  controllerBuilder,
  type InformerSource,
  type IPAddress,
  type IPAddressClaim,
  ipamTypes,
  type KubeClient,
  type MapFunction,
  StandardIndex,
} from '@capi-ts/sdk';
import { OpenStackFloatingIPPool } from '../../api/v1alpha1/openstack-floating-ip-pool.js';
import { isPoolRef } from './addresses.js';
import { floatingIPPoolReconciler, type PoolSessionProvider } from './reconciler.js';

/** Options of {@link openStackFloatingIPPoolController}. */
export interface OpenStackFloatingIPPoolControllerOptions {
  dependencies: ControllerDependencies;
  client: KubeClient;
  /** The session of a pool's `identityRef`. */
  sessionFor: PoolSessionProvider;
  /** How many pools are reconciled at once; default 1. */
  concurrency?: number;
  /** `--watch-filter`: only pools with this `cluster.x-k8s.io/watch-filter` label value. */
  watchFilter?: string;
}

/** A claim or an address → the OpenStackFloatingIPPool its `spec.poolRef` names. */
const toPool: MapFunction<IPAddressClaim | IPAddress> = (object) =>
  isPoolRef(object.spec?.poolRef)
    ? [{ namespace: object.metadata.namespace as string, name: object.spec.poolRef.name }]
    : [];

/** Cluster → the pools labelled with it (pause and unpause). */
function clusterToPools(cache: InformerSource): MapFunction<Cluster> {
  return (cluster) =>
    cache
      .informerFor(OpenStackFloatingIPPool)
      .byIndex(StandardIndex.clusterName, `${cluster.metadata.namespace}/${cluster.metadata.name}`)
      .map((pool) => ({ namespace: pool.metadata.namespace as string, name: pool.metadata.name as string }));
}

/**
 * The OpenStackFloatingIPPool controller: the Cluster API IPAM provider of floating IPs (see
 * {@link floatingIPPoolReconciler}), woken by the pools, the IPAddressClaims and the IPAddresses that name them, and
 * by the pause transitions of the Cluster a pool is labelled with. With a watch filter, only pools carrying the
 * `cluster.x-k8s.io/watch-filter` label value are reconciled (claims and addresses may name any pool: the
 * reconciler leaves the others alone).
 */
export function openStackFloatingIPPoolController(options: OpenStackFloatingIPPoolControllerOptions): Controller {
  const { cache } = options.dependencies;
  return controllerBuilder(options.dependencies)
    .named('openstackfloatingippool')
    .for(OpenStackFloatingIPPool)
    .withWatchFilter(options.watchFilter)
    .watches(ipamTypes.ipAddressClaim, toPool)
    .watches(ipamTypes.ipAddress, toPool)
    .watches(capiTypes.cluster, clusterToPools(cache), { predicates: [clusterPausedTransitions] })
    .withConcurrency(options.concurrency ?? 1)
    .build(floatingIPPoolReconciler({ client: options.client, cache, sessionFor: options.sessionFor }));
}
