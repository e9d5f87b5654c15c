import {
  type Controller,
  type ControllerDependencies,
  controllerBuilder,
  type KubeClient,
  type MapFunction,
} from '@capi-ts/sdk';
import { OpenStackFloatingIPPool } from '../../api/v1alpha1/openstack-floating-ip-pool.js';
import { isPoolRef } from './addresses.js';
import { type IPAddress, type IPAddressClaim, ipamTypes } from './ipam-types.js';
import { floatingIPPoolReconciler, type PoolSessionProvider } from './reconciler.js';

/** Options of {@link openStackFloatingIPPoolController}. */
export interface OpenStackFloatingIPPoolControllerOptions {
  dependencies: ControllerDependencies;
  client: KubeClient;
  /** The session of a pool's `identityRef`. */
  sessionFor: PoolSessionProvider;
  /** How many pools are reconciled at once; default 1. */
  concurrency?: number;
}

/** A claim or an address → the OpenStackFloatingIPPool its `spec.poolRef` names. */
const toPool: MapFunction<IPAddressClaim | IPAddress> = (object) =>
  isPoolRef(object.spec?.poolRef)
    ? [{ namespace: object.metadata.namespace as string, name: object.spec.poolRef.name }]
    : [];

/**
 * The OpenStackFloatingIPPool controller: the Cluster API IPAM provider of floating IPs (see
 * {@link floatingIPPoolReconciler}), woken by the pools, the IPAddressClaims and the IPAddresses that name them.
 */
export function openStackFloatingIPPoolController(options: OpenStackFloatingIPPoolControllerOptions): Controller {
  return controllerBuilder(options.dependencies)
    .named('openstackfloatingippool')
    .for(OpenStackFloatingIPPool)
    .watches(ipamTypes.ipAddressClaim, toPool)
    .watches(ipamTypes.ipAddress, toPool)
    .withConcurrency(options.concurrency ?? 1)
    .build(
      floatingIPPoolReconciler({
        client: options.client,
        cache: options.dependencies.cache,
        sessionFor: options.sessionFor,
      }),
    );
}
